// The turn of the year on real .xlsx files: a year of 2021 returns, plan new 2022, allocations,
// 2022Q1 templates filled and imported; then the 上年 reference, warnings across the turn of the
// year, the 2022Q1 deadline, and the 2021 figures untouched.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Quarter } from '../src/domain/period.js';
import { tasksOf, type Plan } from '../src/domain/plan/model.js';
import { fillReturn, type Filling } from '../src/excel/fill.js';
import { openDb } from '../src/store/db.js';
import { readPlan } from '../src/store/plan.js';
import { jiuye, tempDir, testIo } from './helpers.js';

const AREAS = ['liedong', 'liexi', 'xubi', 'chenda', 'yangxi', 'kaifaqu'];
let dir: string;
const at = (now: Date) => testIo({ cwd: dir, now });
const run = async (argv: string[], now: Date) => {
  const r = await jiuye(argv, at(now));
  expect(r.code, `jiuye ${argv.join(' ')}\n${r.err}${r.out}`).toBe(0);
  return r;
};
/** 2021's returns as stored: every row of the 2021 returns and their figures. */
const year2021 = () => {
  const db = new Database(join(dir, 'jiuye.db'), { readonly: true });
  try {
    return JSON.stringify({
      returns: db.prepare('SELECT unit, quarter, file_hash, received_on, revised_on FROM returns WHERE year = 2021 ORDER BY 1, 2').all(),
      figures: db.prepare('SELECT r.unit, r.quarter, f.indicator, f.field, f.value FROM returns r JOIN figures f ON f.return_id = r.id WHERE r.year = 2021 ORDER BY 1, 2, 3, 4').all(),
      allocations: db.prepare('SELECT * FROM allocations WHERE year = 2021').all(),
    });
  } finally {
    db.close();
  }
};

// 城镇新增就业 per area and quarter: 列东 falls from 2021Q3 (120) to 2021Q4 (100) to 2022Q1 (80).
const XINZENG: Record<string, number[]> = { liedong: [130, 125, 120, 100, 80], liexi: [90, 95, 100, 105, 90], xubi: [80, 80, 85, 90, 70], chenda: [60, 60, 65, 70, 50], yangxi: [50, 50, 55, 60, 45], kaifaqu: [40, 45, 50, 55, 40] };
// 陈大镇's unemployed jump from 2021Q4 (170) to 2022Q1 (230) on 6,000 employed: 2.76% → 3.69%.
const UNEMPLOYED = (unit: string, i: number) => (unit === 'chenda' ? [165, 168, 170, 170, 230][i] : 150);

function filling(plan: Plan, unit: string, i: number, filledOn: string): Filling {
  const figures: Filling['figures'] = {};
  if (AREAS.includes(unit)) {
    figures.xinzeng = { quarter: XINZENG[unit][i] };
    figures.zaijiuye = { quarter: Math.round(XINZENG[unit][i] * 0.6) };
    figures.kunnan = { quarter: Math.round(XINZENG[unit][i] * 0.2) };
    figures.shiyelv = { numerator: UNEMPLOYED(unit, i), denominator: 6000 };
    figures.lingjiuye = { opening: 0, added: 0, cleared: 0, closing: 0 };
    figures.zhuanyi = { quarter: 40 };
  }
  // 高校毕业生就业率 at the 2021 year end: 2,789 / 3,000 = 92.97%, the 上年 reference for 2022.
  if (unit === 'renshe') figures.gaoxiao = i === 3 ? { numerator: 2789, denominator: 3000 } : i === 4 ? { numerator: 2800, denominator: 3000 } : { numerator: 2700, denominator: 3000 };
  if (unit === 'renshe') figures.lixiao = { numerator: 180, denominator: 200 };
  if (unit === 'renshe') figures.peixun = { quarter: 1000 };
  if (unit === 'tuiyi') figures.tuiyijiuye = { quarter: 12 };
  if (unit === 'caizheng') figures.buzhu = { quarter: 90 };
  const progress: Filling['progress'] = {};
  for (const { task } of tasksOf(plan, unit)) progress[task.id] = { status: '推进中', note: `${unit} 第${i + 1}次报送` };
  return { figures, filledBy: '测试', phone: '0598-1234567', filledOn, progress, layoffs: [] };
}

/** Writes the quarter's templates with jiuye template, fills every one as its unit would, imports them. */
async function quarter(year: number, q: Quarter, i: number, received: string, now: Date) {
  const db = openDb(join(dir, 'jiuye.db'));
  const plan = readPlan(db, year);
  db.close();
  const sent = join(dir, `发出-${year}Q${q}`);
  await run(['template', '--quarter', `${year}Q${q}`, '--all', '--out', sent], now);
  const back = join(dir, `收到-${year}Q${q}`);
  mkdirSync(back);
  for (const name of readdirSync(sent)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(sent, name));
    const unit = plan.units.find((u) => name.startsWith(`${u.name}-`))!;
    fillReturn(wb, plan, filling(plan, unit.code, i, received));
    await wb.xlsx.writeFile(join(back, name));
  }
  return run(['import', back, '--received', received], now);
}

const JAN = new Date(2022, 0, 20, 9);
const APRIL = new Date(2022, 3, 20, 9);

describe('the turn of the year, 2021 to 2022, on real .xlsx files', () => {
  let before2022 = '';
  let newPlan = { code: 0, err: '' };
  let q1Import = { code: 0, out: '' };

  beforeAll(async () => {
    dir = tempDir();
    await run(['init'], new Date(2021, 0, 10));
    const received = ['2021-04-06', '2021-07-05', '2021-10-08', '2022-01-05'];
    for (const q of [1, 2, 3, 4] as Quarter[]) await quarter(2021, q, q - 1, received[q - 1], q === 4 ? JAN : new Date(2021, q * 3, 20));
    before2022 = year2021();
    // January: the clerk starts 2022.
    newPlan = await run(['plan', 'new', '2022', '--set', '城镇新增就业=1600', '城镇登记失业人员再就业=950', '就业困难人员再就业=260'], JAN);
    const areas = ['列东街道', '列西街道', '徐碧街道', '陈大镇', '洋溪镇', '梅列经济开发区'];
    const shares = [420, 360, 300, 220, 170, 130];
    await run(['targets', 'allocate', '--year', '2022', '--set', ...areas.map((a, k) => `${a}:城镇新增就业=${shares[k]}`)], JAN);
    q1Import = await quarter(2022, 1, 4, '2022-04-06', APRIL);
  }, 120_000);

  it('plan new copied the year and said what to do next', () => {
    expect(newPlan.err).toContain('已由 2021 年方案建立 2022 年方案(meilie-2022)');
    expect(newPlan.err).toContain('jiuye template --quarter 2022Q1 --all');
    expect(q1Import.out).toContain('新导入 22');
  });

  it('check --quarter 2022Q1 judges 高校毕业生就业率 against the 2021 year-end figure, saying so', async () => {
    const check = JSON.parse((await run(['check', '--quarter', '2022Q1', '--json'], APRIL)).out);
    const gaoxiao = check.overall.indicators.find((i: any) => i.indicator === 'gaoxiao');
    expect(gaoxiao.target).toMatchObject({ value: 92.97, origin: 'previousYear', text: '≥92.97%(2021年末)' });
    expect(gaoxiao).toMatchObject({ quarterValue: (2800 / 3000) * 100, status: 'on_schedule' });
    expect((await run(['check', '--quarter', '2022Q1'], APRIL)).out).toContain('≥92.97%(2021年末)');
    const xinzeng = check.units.find((u: any) => u.unit === 'liedong').indicators.find((i: any) => i.indicator === 'xinzeng');
    expect(xinzeng).toMatchObject({ ytd: 80, target: { value: 420, source: 'allocation' } });
  });

  it('warn compares 2022Q1 with 2021Q4: a decline across the turn of the year, and a rate surge', async () => {
    const warn = JSON.parse((await run(['warn', '--quarter', '2022Q1', '--json'], APRIL)).out);
    const decline = warn.warnings.find((w: any) => w.rule === 'employmentDecline' && w.unit === 'liedong');
    expect(decline.figures).toEqual({ '2021Q3': 120, '2021Q4': 100, '2022Q1': 80 });
    const surge = warn.warnings.find((w: any) => w.rule === 'unemploymentSurge' && w.unit === 'chenda');
    expect(surge.figures).toMatchObject({ previousPeriod: '2021Q4' });
    expect(surge.figures.rise).toBeCloseTo((230 / 6230 - 170 / 6170) * 100, 6);
    expect(warn.warnings.filter((w: any) => w.rule === 'employmentDecline').map((w: any) => w.unit)).not.toContain('liexi');
  });

  it('overdue --quarter 2022Q1 counts from 2022-04-06 (04-05 is 清明); the default in April is 2022Q1, and January still chased 2021Q4', async () => {
    const overdue = JSON.parse((await run(['overdue', '--quarter', '2022Q1', '--as-of', '2022-04-20', '--json'], APRIL)).out);
    expect(overdue.deadline).toMatchObject({ nominal: '2022-04-05', date: '2022-04-06', rolled: true });
    expect(overdue.counts).toMatchObject({ received: 22, onTime: 22 });
    const plain = await run(['overdue', '--json'], APRIL);
    expect(JSON.parse(plain.out).period).toBe('2022Q1');
    const jan = JSON.parse((await run(['overdue', '--as-of', '2022-01-20', '--json'], APRIL)).out);
    expect(jan.period).toBe('2021Q4');
    // The overview names the year and quarter it shows, and that another year exists.
    const overview = (await run([], APRIL)).out;
    expect(overview).toContain('2022 年方案');
    expect(overview).toContain('当前季度:2022年第一季度(2022Q1');
    expect(overview).toContain('其他年度:数据库中另有 2021 年的方案');
  });

  it('check without --quarter shows the latest quarter with data across the years, and says why', async () => {
    const r = await run(['check', '--json'], APRIL);
    expect(JSON.parse(r.out).period).toBe('2022Q1');
    expect(r.err).toContain('季度:2022Q1(未指定 --quarter,取已有报表的最近一个季度)');
  });

  it('the 2021 figures are unchanged', () => {
    expect(year2021()).toBe(before2022);
    const stored = JSON.parse(before2022) as { returns: unknown[]; figures: unknown[] };
    expect(stored.returns).toHaveLength(22 * 4);
    // The nine units that report figures (six areas, 区人社局, 区退役军人局, 区财政局), four quarters each.
    expect(new Set((stored.figures as { unit: string; quarter: number }[]).map((r) => `${r.unit}@${r.quarter}`)).size).toBe(9 * 4);
  });
});
