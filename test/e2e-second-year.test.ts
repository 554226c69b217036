// A second year as a district lives it: 2021's returns in, then a 2022 plan in which 陈大镇 is renamed
// 陈大街道 (same code), 列西街道 gets a new code, 新区街道 is added without allocated targets and 洋溪镇 is
// merged away; returns of 2022Q1 on real .xlsx files, hidden sheet and retyped. Each message is checked.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlanFile } from '../src/data.js';
import type { Plan } from '../src/domain/plan/model.js';
import { AREA_ALLOCATIONS, dbIn, everyArea, fill, PLAN } from './fill.js';
import { jiuye, tempDir, testIo } from './helpers.js';
import { dump, filledReturn, type Form } from './returns.js';

let dir: string;
const JAN = new Date(2022, 0, 20, 9);
const APRIL = new Date(2022, 3, 20, 9);
// What is said, not how it fits a screen: a wide terminal keeps each problem on one line.
const at = (now = APRIL) => testIo({ cwd: dir, now, env: { COLUMNS: '1000' } });
const run = (argv: string[], now = APRIL) => jiuye(argv, at(now));
const Q1 = { year: 2022, quarter: 1 as const };

/** A plan file with a unit dropped from every list that names it and a code renamed wherever it stands. */
function edited(value: any, drop: string, rename: Record<string, string> = {}): any {
  if (Array.isArray(value)) return value.filter((v) => v !== drop && v?.code !== drop).map((v) => edited(v, drop, rename));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, edited(v, drop, rename)]));
  return typeof value === 'string' && rename[value] ? rename[value] : value;
}

/** 2022's plan file from 2021's export: each kind of unit change, a deadline rule and a titled method. */
function plan2022(): Record<string, any> {
  const raw = JSON.parse(readFileSync(join(dir, '2021.json'), 'utf8'));
  // 洋溪镇 merged away; 列西街道 under a new code (the clerk's mistake the output warns about).
  const p = edited({ ...raw, year: 2022, id: 'meilie-2022' }, 'yangxi', { liexi: 'liexi-jd' });
  const chenda = p.units.find((u: any) => u.code === 'chenda');
  Object.assign(chenda, { name: '陈大街道', fullName: '三明市梅列区陈大街道办事处', category: '街道' });
  p.units.splice(5, 0, { code: 'xinqu', name: '新区街道', fullName: '三明市梅列区新区街道办事处', kind: 'area', category: '街道', aliases: [] });
  for (const i of p.indicators) if (i.reportedBy.includes('chenda')) i.reportedBy.push('xinqu');
  p.deadline = { ...p.deadline, daysAfterQuarterEnd: 10, rule: '季后10日内报送,遇周末和法定节假日顺延至下一个工作日' };
  p.assessment.title = '梅列区2022年度就业工作考核办法';
  return p;
}

const file = (name: string, value: unknown) => {
  writeFileSync(join(dir, name), JSON.stringify(value, null, 2));
  return name;
};

/** A 2022Q1 return as the unit sends it; retyped: the hidden sheet gone and the header as typed. */
async function return2022(plan: Plan, unit: string, folder: string, opts: { retypedAs?: string; seed?: number } = {}) {
  const edit = (f: Form) => {
    if (opts.retypedAs === undefined) return;
    f.wb.removeWorksheet(f.wb.getWorksheet('_jiuye')!.id);
    f.ws.getCell('C2').value = opts.retypedAs;
  };
  return filledReturn(plan, unit, Q1, folder, { seed: opts.seed ?? 3, edit, name: `${unit}-${opts.retypedAs ?? 'form'}.xlsx` });
}

describe('a second year: a renamed, a re-coded, an added and a merged unit', () => {
  let added = { code: 0, err: '' };
  let planless = { code: 0, out: '' };
  let template = { code: 0, err: '' };
  let p2022: Plan;

  beforeAll(async () => {
    dir = tempDir();
    expect((await run(['init'], new Date(2021, 0, 10))).code).toBe(0);
    fill(
      dbIn(dir),
      (['2021Q1', '2021Q2', '2021Q3', '2021Q4'] as const).flatMap((q, k) =>
        everyArea(q, { figures: { xinzeng: 100 + k * 10, shiyelv: { numerator: 120, denominator: 4000 }, lingjiuye: { opening: 0, added: 0, cleared: 0, closing: 0 } } }).map((r) => ({
          ...r,
          receivedOn: ['2021-04-06', '2021-07-05', '2021-10-08', '2022-01-05'][k],
        })),
      ),
      { allocations: AREA_ALLOCATIONS },
    );
    expect((await run(['plan', 'export', '--year', '2021', '--out', '2021.json'], JAN)).code).toBe(0);
    // Returns of 2022 before its plan: the way out is named once for the batch.
    const early = join(dir, '早到');
    mkdirSync(early);
    for (const [k, unit] of ['liedong', 'xubi', 'kaifaqu'].entries()) await filledReturn(PLAN, unit, Q1, early, { seed: k + 1 });
    planless = await run(['import', early, '--received', '2022-04-06']);
    template = await run(['template', '--quarter', '2022Q1', '--all'], JAN);
    added = await run(['plan', 'add', file('2022.json', plan2022())], JAN);
    p2022 = loadPlanFile(join(dir, '2022.json'));
    const allocate = await run(['targets', 'allocate', '--year', '2022', '--set', '列东街道:城镇新增就业=500', '列西街道:城镇新增就业=400', '徐碧街道:城镇新增就业=350', '陈大街道:城镇新增就业=350', '梅列经济开发区:城镇新增就业=150'], JAN);
    expect(allocate.code, allocate.err).toBe(0);
  }, 60_000);

  it('a return of a year without a plan names plan new once per batch, not once per file', () => {
    expect(planless.code).toBe(1);
    expect(planless.out.split('\n').filter((l) => l.includes('报送期间 2022Q1 不在数据库的方案中'))).toHaveLength(3);
    expect(planless.out.split('\n').filter((l) => l.includes('plan new 2022'))).toEqual([
      '2022 年还没有方案,3 个文件未能导入。新年度请先由 2021 年方案建立:jiuye plan new 2022(或用 jiuye plan add 方案文件 载入),再重新导入这些报表',
    ]);
    expect(template.code).toBe(1);
    expect(template.err).toContain('数据库中没有 2022 年的方案(已有:2021 年)。新年度请先由 2021 年方案建立:jiuye plan new 2022');
  });

  it('预评 names the quarters due at the day: the first quarter in April, none before its deadline', async () => {
    // No 2022 return is in yet: a year without any return is assessed only when asked (--allow-empty, marked 空表).
    const refused = await run(['assess', '--year', '2022', '--as-of', '2022-04-20']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('2022年度截至 2022-04-20 还没有收到任何季度报表');
    const assess = (argv: string[]) => run(['assess', ...argv, '--allow-empty']);
    const april = await assess(['--year', '2022', '--as-of', '2022-04-20']);
    expect(april.code, april.err).toBe(0);
    expect(april.out).toContain('以下按第一季度计算');
    expect(april.out).not.toContain('前三季度');
    expect(JSON.parse((await assess(['--year', '2022', '--as-of', '2022-04-20', '--json'])).out).dueQuarters).toEqual([1]);
    const march = await assess(['--year', '2022', '--as-of', '2022-03-31']);
    // The line wraps at the test's 120 columns.
    expect(march.out.replace(/\n\s*/g, '')).toContain('截至 2022-03-31 还没有到期的季度报表,以下各项暂无数据');
    expect(JSON.parse((await assess(['--year', '2022', '--as-of', '2022-03-31', '--json'])).out).dueQuarters).toEqual([]);
  });

  it('plan add of the new year says each change against 2021: rename, code change with its warning, added and merged units, deadline rule, method title', () => {
    expect(added.code, added.err).toBe(0);
    const err = added.err;
    expect(err).toContain('与 2021 年方案相比的变化:');
    expect(err).toContain('新增:新区街道(xinqu,镇街)');
    expect(err).toContain('去掉:洋溪镇(yangxi)——已有的报表留在原年度;如已并入其他单位,今后由合并后的单位报送');
    expect(err).toContain('改名:陈大镇 → 陈大街道(代码 chenda 不变,历年数字接续)');
    expect(err).toContain('列西街道:代码 liexi → liexi-jd');
    expect(err).toContain('注意:新代码开始新的历史:列西街道 与代码 liexi 下已有的报表、分解目标和上年数不再接续。只是改名的单位请保留原代码,只改名称');
    expect(err).not.toMatch(/新增:列西街道|去掉:列西街道/);
    expect(err).toContain('季后5日内报送,遇周末和法定节假日顺延至下一个工作日 → 季后10日内报送,遇周末和法定节假日顺延至下一个工作日');
    expect(err).toContain('注意:2022 年的季度按新规则,2021 年的季度仍按 2021 年的规则');
    expect(err).toContain('考核办法名称:考核办法(默认,可修改) → 梅列区2022年度就业工作考核办法');
  });

  it('targets allocate without --year said nothing about the year because it was given; units without it says which year', async () => {
    const r = await run(['units', '--json']);
    expect(r.err).toContain('年度:2022(未指定 --year,取数据库中最新的方案年度)');
  });

  it('a renamed unit: its old name finds it in 2022 and its new name in 2021, each with a note', async () => {
    const old = await run(['check', '--quarter', '2021Q4', '--unit', '陈大街道', '--json']);
    expect(old.code, old.err).toBe(0);
    expect(old.err).toContain('陈大街道 是 2021 年方案中的 陈大镇');
    expect(JSON.parse(old.out).units.map((u: any) => u.name)).toEqual(['陈大镇']);
    const history = await run(['history', '--unit', '陈大镇', '--json']);
    expect(history.err).toContain('陈大镇 是 2022 年方案中的 陈大街道');
    expect(JSON.parse(history.out).events.map((e: any) => `${e.period} ${e.unitName}`)).toContain('2021Q4 陈大镇');
  });

  it('a merged unit is named as not in the year’s plan, on the command line and in a retyped return', async () => {
    const r = await run(['check', '--quarter', '2022Q1', '--unit', '洋溪镇']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--unit 的取值“洋溪镇”:洋溪镇 不在 2022 年方案中(2022 年方案已去掉该单位)');
    // Without --quarter the latest quarter with returns is still 2021Q4, where 洋溪镇 is a unit.
    const january = await run(['check', '--unit', '洋溪镇', '--json'], JAN);
    expect(january.code, january.err).toBe(0);
    expect(JSON.parse(january.out)).toMatchObject({ period: '2021Q4', units: [{ unit: 'yangxi', name: '洋溪镇' }] });
    const folder = join(dir, '洋溪');
    mkdirSync(folder);
    // 洋溪镇 fills in last year's form for 2022Q1 and retypes the header.
    await filledReturn(PLAN, 'yangxi', Q1, folder, { edit: (f) => f.wb.removeWorksheet(f.wb.getWorksheet('_jiuye')!.id) });
    const imported = await run(['import', folder, '--received', '2022-04-08']);
    expect(imported.code).toBe(1);
    expect(imported.out).toContain('填报单位“洋溪镇”:洋溪镇 不在 2022 年方案中(2022 年方案已去掉该单位)。如该单位已并入其他单位,请由合并后的单位填报');
    expect(imported.out).not.toContain('请填写单位全称或规范简称');
  });

  it('a retyped return under the old name goes in under the new one, saying so; history names each year’s records by that year’s name', async () => {
    const folder = join(dir, '陈大');
    mkdirSync(folder);
    await return2022(p2022, 'chenda', folder, { retypedAs: '陈大镇' });
    const r = await run(['import', folder, '--received', '2022-04-08']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('填报单位“陈大镇”:陈大镇 是 2022 年方案中的 陈大街道 · 已按 陈大街道 导入;今后请用 2022 年的名称');
    const history = JSON.parse((await run(['history', '--unit', '陈大街道', '--json'])).out);
    expect(history.events.map((e: any) => `${e.period} ${e.unitName}`)).toEqual(['2022Q1 陈大街道', '2021Q4 陈大镇', '2021Q3 陈大镇', '2021Q2 陈大镇', '2021Q1 陈大镇']);
  });

  it('a new unit without allocated targets is 未分解 in check, warn and the summary workbook, never complete', async () => {
    const folder = join(dir, '新区');
    mkdirSync(folder);
    await return2022(p2022, 'xinqu', folder);
    expect((await run(['import', folder, '--received', '2022-04-08'])).code).toBe(0);
    const check = JSON.parse((await run(['check', '--quarter', '2022Q1', '--json'])).out);
    const xinqu = check.units.find((u: any) => u.unit === 'xinqu');
    expect(xinqu.indicators.filter((i: any) => ['xinzeng', 'zaijiuye', 'kunnan'].includes(i.indicator)).map((i: any) => i.status)).toEqual(['unallocated', 'unallocated', 'unallocated']);
    const text = (await run(['check', '--quarter', '2022Q1', '--unit', '新区街道'])).out;
    expect(text).toContain('未分解');
    expect(text).not.toContain('已完成');
    const warn = await run(['warn', '--quarter', '2022Q1']);
    expect(warn.out).toContain('新区街道');
    expect(warn.out).toContain('未分解');
    const report = await run(['report', '--quarter', '2022Q1', '--format', 'md', '--out', 'q1.md', '--no-charts']);
    expect(report.code, report.err).toBe(0);
    const md = readFileSync(join(dir, 'q1.md'), 'utf8');
    const row = md.split('\n').find((l) => l.includes('新区街道') && l.includes('未分解'));
    expect(row, md).toBeDefined();
  });

  it('plan add --replace says what it drops: allocations named by unit', async () => {
    const before = dump(dbIn(dir));
    const r = await run(['plan', 'add', file('2022b.json', edited(plan2022(), 'kaifaqu')), '--replace']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('与原方案相比的变化:');
    expect(r.err).toContain('去掉:梅列经济开发区(kaifaqu)');
    expect(r.err).toContain('注意:新方案中已没有的单位或指标的分解目标已删除:梅列经济开发区(城镇新增就业 150 人)');
    expect(dump(dbIn(dir))).not.toBe(before);
  });

  it('a gap year is refused off a terminal without --yes; plan remove undoes it after a backup, and refuses a year with returns', async () => {
    const gap = await run(['plan', 'new', '2024', '--keep']);
    expect(gap.code).toBe(1);
    expect(gap.err).toContain('数据库中有 2021、2022 年的方案,没有 2023 年的;确要跳过 2023 年,建立 2024 年的方案:不在终端上运行时,请确认后加 --yes(jiuye plan new 2024 --yes)。如是要建立 2023 年的方案,请改用 2023');
    expect((await run(['plan', 'new', '2024', '--keep', '--yes'])).code).toBe(0);
    const removed = await run(['plan', 'remove', '2024']);
    expect(removed.code, removed.err).toBe(0);
    const saved = /删除前已备份数据库:(\S+删除2024年方案前\.db)/.exec(removed.err);
    expect(saved, removed.err).not.toBeNull();
    expect(existsSync(join(dir, saved![1]))).toBe(true);
    expect(removed.err).toContain(`如删错了,可用 jiuye restore ${saved![1]} 恢复`);
    expect(removed.err).toContain('已删除 2024 年方案;节假日安排未动');
    expect((JSON.parse((await run(['plan', 'list', '--json'])).out).plans as any[]).map((p) => p.year)).toEqual([2021, 2022]);
    const kept = await run(['plan', 'remove', '2022']);
    expect(kept.code).toBe(1);
    expect(kept.err).toContain('2022 年已有 2 份报表,不能删除该年度的方案,未做改动');
  });
});
