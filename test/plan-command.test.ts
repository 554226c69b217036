// jiuye plan list|show|export|add|new, and init --force on a database of several years.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { planToFile, validatePlan } from '../src/domain/plan/file.js';
import { openDb } from '../src/store/db.js';
import { readPlan } from '../src/store/plan.js';
import { AREA_ALLOCATIONS, dbIn, everyArea, fill } from './fill.js';
import { initialisedWorkspace, jiuye, rawDefaultPlan } from './helpers.js';
import { dump } from './returns.js';

const ws = initialisedWorkspace();
const { at } = ws;
const stored = (year: number) => {
  const db = openDb(dbIn(ws.dir));
  try {
    return readPlan(db, year);
  } finally {
    db.close();
  }
};
const write = (name: string, value: unknown) => {
  const path = join(ws.dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return name;
};

describe('plan export and plan add', () => {
  it('the file format round-trips: validating an exported plan gives the same plan', () => {
    const plan = loadPlanFile(DEFAULT_PLAN);
    expect(validatePlan(JSON.parse(JSON.stringify(planToFile(plan))), 'x.json')).toEqual(plan);
  });

  it('export, then add --replace, gives back an identical plan in the database', async () => {
    const before = stored(2021);
    const r = await jiuye(['plan', 'export', '--year', '2021', '--out', '2021.json'], at());
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('修改后用 jiuye plan add 2021.json --replace 读回');
    expect(JSON.parse(readFileSync(join(ws.dir, '2021.json'), 'utf8'))).toMatchObject({ format: 'jiuye-plan/1', year: 2021, dataQuality: { outlier: { times: 3 } } });
    const again = await jiuye(['plan', 'add', '2021.json', '--replace'], at());
    expect(again.code, again.err).toBe(0);
    expect(again.err).toContain('与原方案相比没有变化');
    expect(stored(2021)).toEqual(before);
    // Not overwritten without --force.
    expect((await jiuye(['plan', 'export', '--year', '2021', '--out', '2021.json'], at())).code).toBe(1);
  });

  it('a year that already has a plan is refused without --replace, and nothing is written', async () => {
    const before = dump(dbIn(ws.dir));
    const r = await jiuye(['plan', 'add', write('dup.json', rawDefaultPlan())], at());
    expect(r.code).toBe(1);
    expect(r.err).toContain('数据库中已有 2021 年的方案,未做改动。如要替换,请加 --replace');
    expect(dump(dbIn(ws.dir))).toBe(before);
  });

  it('a bad file is refused naming the place, and nothing is written', async () => {
    const raw = rawDefaultPlan();
    raw.year = 2022;
    raw.tasks[0].lead = 'nobody';
    raw.dataQuality.baseJump.share = -1;
    const before = dump(dbIn(ws.dir));
    const r = await jiuye(['plan', 'add', write('bad.json', raw)], at());
    expect(r.code).toBe(1);
    expect(r.err).toContain('tasks[0](二(一)).lead: 牵头单位 "nobody" 不是方案中的单位代码');
    expect(r.err).toContain('dataQuality.baseJump.share: 应为大于 0 的比例');
    expect((await jiuye(['plan', 'add', write('broken.json', '{ "year": 2022,')], at())).err).toContain('不是有效的 JSON');
    expect(dump(dbIn(ws.dir))).toBe(before);
  });

  it('another year is added beside the first, and listed with its counts', async () => {
    const raw = rawDefaultPlan();
    raw.year = 2022;
    raw.id = 'meilie-2022';
    const r = await jiuye(['plan', 'add', write('2022.json', raw)], at());
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('已载入 2022 年方案');
    expect(r.err).toContain('jiuye template --quarter 2022Q1 --all');
    const list = await ws.json(['plan', 'list']);
    expect(list.plans.map((p: any) => [p.year, p.id, p.units, p.indicators, p.tasks, p.returns])).toEqual([
      [2021, 'meilie-2021', 22, 11, 16, 0],
      [2022, 'meilie-2022', 22, 11, 16, 0],
    ]);
  });
});

describe('plan add --replace in a year with returns', () => {
  const withReturns = () => {
    fill(dbIn(ws.dir), [...everyArea('2021Q1', { figures: { xinzeng: 100, lingjiuye: { opening: 0, added: 0, cleared: 0, closing: 0 } } })], { allocations: AREA_ALLOCATIONS });
  };

  it('is refused when it would orphan stored figures, naming them, and nothing changes', async () => {
    withReturns();
    // 列东 dropped, and 零就业家庭 given another code: the returns' figures would belong to nothing.
    const raw = JSON.parse(JSON.stringify(rawDefaultPlan()).replaceAll('"lingjiuye"', '"zero-families"'));
    raw.units = raw.units.filter((u: any) => u.code !== 'liedong');
    const before = dump(dbIn(ws.dir));
    const r = await jiuye(['plan', 'add', write('less.json', raw), '--replace'], at());
    expect(r.code).toBe(1);
    expect(r.err).toContain('新方案去掉了 2021 年已有报表用到的内容');
    expect(r.err).toContain('单位 列东街道(liedong)已有报表');
    expect(r.err).toContain('指标 零就业家庭(lingjiuye)已有报表数字');
    expect(dump(dbIn(ws.dir))).toBe(before);
  });

  it('is accepted when it only changes targets and thresholds: returns and allocations stay, the old plan is kept in the history', async () => {
    withReturns();
    const raw = rawDefaultPlan();
    raw.indicators.find((i: any) => i.code === 'xinzeng').target.value = 1600;
    raw.warnings.massLayoff.people = 15;
    raw.dataQuality.outlier.times = 4;
    const r = await jiuye(['plan', 'add', write('more.json', raw), '--replace'], at());
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('城镇新增就业 ≥1,500 人 → ≥1,600 人');
    const plan = stored(2021);
    expect(plan.indicators.find((i) => i.code === 'xinzeng')!.target).toEqual({ op: '>=', value: 1600 });
    expect(plan.warnings.massLayoff.people).toBe(15);
    expect(plan.dataQuality.outlier.times).toBe(4);
    const check = await ws.json(['check', '--quarter', '2021Q1']);
    expect(check.overall.indicators.find((i: any) => i.indicator === 'xinzeng')).toMatchObject({ ytd: 600, target: { value: 1600 } });
    expect(check.units.find((u: any) => u.unit === 'liedong').indicators[0].target).toMatchObject({ value: 400, source: 'allocation' });
    const list = await ws.json(['plan', 'list']);
    expect(list.plans[0]).toMatchObject({ year: 2021, returns: 6, replaced: 1 });
    const db = openDb(dbIn(ws.dir));
    try {
      const history = db.prepare('SELECT year, plan FROM plan_history').all() as { year: number; plan: string }[];
      expect(history).toHaveLength(1);
      expect(JSON.parse(history[0].plan).indicators[0].target).toEqual({ op: '>=', value: 1500 });
    } finally {
      db.close();
    }
  });
});

describe('plan new', () => {
  it('off a terminal: --set for every count target, else refused naming the missing ones', async () => {
    const r = await jiuye(['plan', 'new', '2022', '--set', '城镇新增就业=1600'], at());
    expect(r.code).toBe(2);
    expect(r.err).toContain('还缺:城镇登记失业人员再就业、就业困难人员再就业');
    expect(r.err).toContain('或加 --keep 沿用 2021 年的目标');
    expect((await ws.json(['plan', 'list'])).plans).toHaveLength(1);
  });

  it('copies units, tasks, responsibilities, indicators, thresholds and the deadline rule with the new targets, and says what next', async () => {
    const r = await jiuye(['plan', 'new', '2022', '--set', '城镇新增就业=1600', '失业人员再就业=950', '就业困难人员再就业=260', '城镇登记失业率=3.4'], at());
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('已由 2021 年方案建立 2022 年方案(meilie-2022)');
    expect(r.err).toContain('城镇新增就业 ≥1,500 人 → ≥1,600 人');
    expect(r.err).toContain('城镇登记失业率 ≤3.5% → ≤3.4%');
    expect(r.err).toContain('jiuye targets allocate --year 2022');
    const old = stored(2021);
    const plan = stored(2022);
    expect(plan).toMatchObject({ year: 2022, id: 'meilie-2022', units: old.units, tasks: old.tasks, warnings: old.warnings, dataQuality: old.dataQuality, deadline: old.deadline });
    expect(plan.indicators.map((i) => i.target?.value ?? i.target?.reference)).toEqual([1600, 950, 260, 3.4, '上年值', '全市平均', 0, undefined, undefined, undefined, undefined]);
    expect((await jiuye(['plan', 'new', '2022', '--keep'], at())).err).toContain('数据库中已有 2022 年的方案');
  });

  it('--keep keeps last year’s targets; on a terminal each target is asked, showing last year’s target and year-end figure', async () => {
    expect((await jiuye(['plan', 'new', '2022', '--keep'], at())).code).toBe(0);
    expect(stored(2022).indicators[0].target).toEqual({ op: '>=', value: 1500 });
    fill(dbIn(ws.dir), everyArea('2021Q4', { figures: { xinzeng: 300, zaijiuye: 160, kunnan: 45, shiyelv: { numerator: 100, denominator: 4000 } } }));
    const c = at({ tty: true });
    const asked: string[] = [];
    const answers = ['1700', '', '270', '3.3'];
    c.io.prompt = {
      input: async (message, opts) => {
        asked.push(message);
        const a = answers.shift()!;
        expect(opts?.validate?.(a === '' ? String(opts.default) : a)).toBe(true);
        return a === '' ? String(opts!.default) : a;
      },
      confirm: async () => true,
    };
    const r = await jiuye(['plan', 'new', '2023', '--from', '2021'], c);
    expect(r.code, r.err).toBe(0);
    expect(asked).toHaveLength(4);
    expect(r.err).toContain('城镇新增就业:2021 年目标 1,500 人,2021 年年末完成 1,800 人');
    expect(r.err).toMatch(/城镇登记失业率:2021 年目标 ≤3.5%,2021 年年末完成 2\.44%/);
    expect(stored(2023).indicators.slice(0, 4).map((i) => i.target?.value)).toEqual([1700, 900, 270, 3.3]);
  });
});

describe('a year made by mistake', () => {
  it('a gap year is asked on a terminal (no: nothing written, the likely year named; yes: made), and its plan new says what it carried over', async () => {
    const before = dump(dbIn(ws.dir));
    const declined = await jiuye(['plan', 'new', '2023', '--keep'], at({ tty: true, answers: [false] }));
    expect(declined.code).toBe(1);
    expect(declined.err).toContain('数据库中有 2021 年的方案,没有 2022 年的;确要跳过 2022 年,建立 2023 年的方案吗?');
    expect(declined.err).toContain('已取消,未做改动。如是要建立 2022 年的方案,请改用 2022');
    expect(dump(dbIn(ws.dir))).toBe(before);
    const made = await jiuye(['plan', 'new', '2023', '--keep'], at({ tty: true, answers: [true] }));
    expect(made.code, made.err).toBe(0);
    expect(made.err).toContain('区级目标沿用 2021 年的');
    // The default year is said once the database holds two.
    for (const argv of [['targets'], ['units'], ['calendar'], ['plan', 'show']]) {
      expect((await jiuye(argv, at())).err, argv.join(' ')).toContain('年度:2023(未指定 --year,取数据库中最新的方案年度)');
    }
    const removed = await jiuye(['plan', 'remove', '2023'], at());
    expect(removed.code, removed.err).toBe(0);
    expect((await ws.json(['plan', 'list'])).plans.map((p: any) => p.year)).toEqual([2021]);
    expect((await jiuye(['units'], at())).err).toBe('');
  });

  it('plan remove refuses a year frozen by a locked fourth quarter, the only plan, and a year that is not there', async () => {
    expect((await jiuye(['plan', 'new', '2022', '--keep'], at())).code).toBe(0);
    expect((await jiuye(['lock', '2021Q4'], at())).code).toBe(0);
    const before = dump(dbIn(ws.dir));
    const frozen = await jiuye(['plan', 'remove', '2021'], at());
    expect(frozen.code).toBe(1);
    expect(frozen.err).toContain('2021Q4 已锁定,2021 年的结果已定,不能删除该年度的方案');
    expect((await jiuye(['plan', 'remove', '2025'], at())).err).toContain('数据库中没有 2025 年的方案(已有:2021、2022 年),未做改动');
    expect(dump(dbIn(ws.dir))).toBe(before);
    expect((await jiuye(['plan', 'remove', '2022'], at())).code).toBe(0);
    expect((await jiuye(['plan', 'remove', '2021'], at())).err).toContain('2021 年是数据库中唯一的方案,不能删除');
  });

  it('plan new moves a year-bearing method title to the new year, and says so', async () => {
    const raw = rawDefaultPlan();
    raw.assessment.title = '梅列区2021年度就业工作考核办法';
    expect((await jiuye(['plan', 'add', write('titled.json', raw), '--replace'], at())).code).toBe(0);
    const r = await jiuye(['plan', 'new', '2022', '--keep'], at());
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('考核办法名称:梅列区2021年度就业工作考核办法 → 梅列区2022年度就业工作考核办法');
    expect(r.err).toContain('名称中的年份已改为 2022 年');
    expect(stored(2022).assessment.title).toBe('梅列区2022年度就业工作考核办法');
  });
});

describe('plan show', () => {
  it('the targets, the deadline rule and the thresholds of a year', async () => {
    const m = await ws.json(['plan', 'show', '--year', '2021']);
    expect(m.targets[0]).toMatchObject({ name: '城镇新增就业', text: '≥1,500 人' });
    expect(m.deadline).toMatchObject({ daysAfterQuarterEnd: 5 });
    expect(m.warnings.map((w: any) => w.title)).toContain('规模性裁员');
    expect(m.dataQuality.map((w: any) => w.rule)).toEqual(['cumulative', 'zeroContinuity', 'baseJump', 'outlier', 'wholePeople']);
    const text = (await jiuye(['plan', 'show'], at())).out;
    expect(text).toContain('梅列区 2021 年方案');
    expect(text).toContain('四、数据质量提示阈值(dataQuality)');
    expect(text).toContain('五、年终考核:考核办法(默认,可修改)');
    expect(m.assessment.groups.map((g: any) => g.unitKind)).toEqual(['area', 'department']);
  });
});

describe('init --force on a database of several years', () => {
  it('is refused off a terminal unless --yes is given, and asked (default no) on one', async () => {
    expect((await jiuye(['plan', 'new', '2022', '--keep'], at())).code).toBe(0);
    const before = dump(dbIn(ws.dir));
    const r = await jiuye(['init', '--force'], at());
    expect(r.code).toBe(1);
    expect(r.err).toContain('中有 2021、2022 年的方案,--force 会全部删除(原数据库会先备份)');
    expect(dump(dbIn(ws.dir))).toBe(before);
    const declined = await jiuye(['init', '--force'], at({ tty: true, answers: [false] }));
    expect(declined.code).toBe(1);
    expect(dump(dbIn(ws.dir))).toBe(before);
    expect((await jiuye(['init', '--force', '--yes'], at())).code).toBe(0);
    expect((await ws.json(['plan', 'list'])).plans).toHaveLength(1);
  });
});
