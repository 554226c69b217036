// The year-end assessment scored from returns made by hand: every scoring rule at its boundaries,
// vetoes, deductions, grades, ranks, the office duties and the 预评 marking.
import { describe, expect, it } from 'vitest';
import { loadCalendars } from '../src/data.js';
import { assessmentReport, assessmentYear, type AssessmentReport, type UnitAssessment } from '../src/domain/assessment.js';
import { gradeOf } from '../src/domain/assessment-method.js';
import type { ReceivedReturn } from '../src/domain/deadline.js';
import { tasksOf, type Plan } from '../src/domain/plan/model.js';
import type { Layoff, Progress } from '../src/domain/return.js';
import type { Allocation } from '../src/domain/allocation.js';
import { validatePlan } from '../src/domain/plan/file.js';
import { AREAS, PLAN, ret, type FigureSpec } from './fill.js';
import { rawDefaultPlan } from './helpers.js';

const calendars = loadCalendars(null);
/** Received on each quarter's deadline (2021-04-06, 07-05, 10-08, 2022-01-05): on time. */
const ON_TIME: Record<number, string> = { 1: '2021-04-06', 2: '2021-07-05', 3: '2021-10-08', 4: '2022-01-05' };
const YEAR_END = '2022-01-20';

interface UnitYear {
  /** Per quarter, replacing the standard figures of those indicators. */
  figures?: (q: number) => Partial<FigureSpec>;
  progress?: (q: number, standard: Progress[]) => Progress[];
  layoffs?: (q: number) => Layoff[];
  received?: Partial<Record<number, string | null>>;
}

/** The standard return: everything reported, on the mark, every task 推进中 with a note. */
function standardFigures(plan: Plan, unit: string): FigureSpec {
  const out: FigureSpec = {};
  for (const i of plan.indicators.filter((x) => x.reportedBy.includes(unit))) {
    if (i.kind === 'count' || i.kind === 'monitor') out[i.code] = 25;
    else if (i.kind === 'rate') out[i.code] = { numerator: 30, denominator: 970 }; // 3.0%
    else if (i.kind === 'relative') out[i.code] = { numerator: 95, denominator: 100 };
    else out[i.code] = { opening: 0, added: 0, cleared: 0, closing: 0 };
  }
  return out;
}

/** A year of returns for every unit of the plan; `units` changes some of them. */
function year(units: Record<string, UnitYear> = {}, plan: Plan = PLAN): ReceivedReturn[] {
  const out: ReceivedReturn[] = [];
  for (const u of plan.units) {
    const spec = units[u.code] ?? {};
    for (const q of [1, 2, 3, 4]) {
      const receivedOn = spec.received && q in spec.received ? spec.received[q] : ON_TIME[q];
      if (receivedOn === null) continue;
      const standard: Progress[] = tasksOf(plan, u.code).map(({ task }) => ({ task: task.id, status: '推进中', note: `${u.name}第${q}季度推进${task.id}` }));
      out.push({
        ...ret(u.code, `2021Q${q}`, {
          figures: { ...standardFigures(plan, u.code), ...(spec.figures?.(q) ?? {}) } as FigureSpec,
          progress: spec.progress ? spec.progress(q, standard) : standard,
          layoffs: spec.layoffs?.(q) ?? [],
        }),
        receivedOn: receivedOn!,
      });
    }
  }
  return out;
}

/** 城镇新增就业 400 for each area (others 100 each quarter, so every count target below is met by 25 × 4). */
const ALLOCATIONS: Allocation[] = AREAS.flatMap((unit) => [
  { unit, indicator: 'xinzeng', value: 100 },
  { unit, indicator: 'zaijiuye', value: 100 },
  { unit, indicator: 'kunnan', value: 100 },
]);

function assess(returns: ReceivedReturn[], opts: { asOf?: string; allocations?: Allocation[]; plan?: Plan } = {}): AssessmentReport {
  return assessmentReport({
    input: {
      plan: opts.plan ?? PLAN,
      period: { year: 2021, quarter: 4 },
      returns,
      previousYear: [],
      allocations: opts.allocations ?? ALLOCATIONS,
      references: [],
    },
    calendars,
    asOf: opts.asOf ?? YEAR_END,
  });
}

const unitOf = (r: AssessmentReport, code: string): UnitAssessment => r.groups.flatMap((g) => g.units).find((u) => u.unit === code)!;
const item = (u: UnitAssessment, id: string) => u.items.find((i) => i.id === id)!;
const xinzeng = (quarters: number[]) => (q: number) => ({ xinzeng: quarters[q - 1] });

describe('a unit that did everything', () => {
  const r = assess(year());

  it('gets every point, 优秀, and shares first place with its equals', () => {
    const u = unitOf(r, 'liedong');
    expect(u.items.map((i) => [i.id, i.points])).toEqual([
      ['xinzeng', 30],
      ['zaijiuye', 15],
      ['kunnan', 15],
      ['shiyelv', 10],
      ['lingjiuye', 10],
      ['returns', 10],
      ['tasks', 10],
    ]);
    expect(u).toMatchObject({ earned: 100, max: 100, base: 100, deducted: 0, total: 100, grade: '优秀', rank: 1, tied: true, notRanked: null, provisional: false, missingReturns: [] });
    expect(r.groups[0].units.map((x) => x.rank)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(r.provisional).toBe(false);
    expect(r.pendingReturns).toEqual([]);
  });

  it('says how each point was made', () => {
    const u = unitOf(r, 'liedong');
    expect(item(u, 'xinzeng').evidence).toBe('新增就业 100 / 100 → 100% → 30.0 分');
    expect(item(u, 'shiyelv').evidence).toBe('失业率 年末 3.00%(目标 ≤3.5%)→ 达标 → 10.0 分');
    expect(item(u, 'lingjiuye').evidence).toBe('零就业 年末 0 户(目标 动态清零)→ 达标 → 10.0 分');
    expect(item(u, 'returns').evidence).toBe('四个季度均按时报送 → 10.0 分');
    expect(item(u, 'tasks').evidence).toBe('已填 16 / 应填 16 项次 → 100% → 10.0 分');
  });
});

describe('累计型目标 against the allocation', () => {
  const allocations = [...ALLOCATIONS.filter((a) => a.indicator !== 'xinzeng'), { unit: 'liedong', indicator: 'xinzeng', value: 400 }, { unit: 'liexi', indicator: 'xinzeng', value: 400 }, { unit: 'xubi', indicator: 'xinzeng', value: 400 }, { unit: 'chenda', indicator: 'xinzeng', value: 0 }];
  const r = assess(
    year({
      liedong: { figures: xinzeng([100, 100, 100, 100]) }, // exactly on the allocation
      liexi: { figures: xinzeng([100, 100, 100, 112]) }, // over it
      xubi: { figures: xinzeng([100, 100, 50, 50]) }, // three quarters of it
      chenda: { figures: xinzeng([5, 5, 5, 5]) }, // a zero allocation
    }),
    { allocations },
  );

  it('exactly on the allocation: 100%, all the points', () => {
    expect(item(unitOf(r, 'liedong'), 'xinzeng')).toMatchObject({ points: 30, evidence: '新增就业 400 / 400 → 100% → 30.0 分', figures: { ytd: 400, target: 400, completion: 1 } });
  });

  it('over it: completion capped at 100%, the actual completion kept for scripts', () => {
    const x = item(unitOf(r, 'liexi'), 'xinzeng');
    expect(x).toMatchObject({ points: 30, evidence: '新增就业 412 / 400 → 100% → 30.0 分' });
    expect(x.figures.completion).toBeCloseTo(1.03, 9);
  });

  it('under it: points in proportion', () => {
    expect(item(unitOf(r, 'xubi'), 'xinzeng')).toMatchObject({ points: 22.5, evidence: '新增就业 300 / 400 → 75% → 22.5 分' });
  });

  it('a zero allocation is met', () => {
    expect(item(unitOf(r, 'chenda'), 'xinzeng')).toMatchObject({ points: 30, evidence: '新增就业 20 / 0 → 分解目标为 0,视为完成 → 30.0 分' });
  });

  it('no allocation: the item is not scored, the area is not ranked (未分解目标), and the gap is named', () => {
    const u = unitOf(r, 'yangxi');
    expect(item(u, 'xinzeng').points).toBeNull();
    expect(item(u, 'xinzeng').evidence).toBe('新增就业未分解目标,不计分,本单位不参加排名');
    // Its other items are still scored and explained; only the total, grade and rank are withheld.
    expect(u).toMatchObject({ earned: 70, max: 70, total: null, grade: null, rank: null, tied: false });
    expect(u.notRanked).toEqual({ reason: 'unallocated', text: '未分解目标', detail: '城镇新增就业' });
    expect(r.gaps).toEqual(['洋溪镇城镇新增就业未分解目标', '梅列经济开发区城镇新增就业未分解目标']);
    // Listed after the ranked areas, in plan order.
    expect(r.groups[0].units.map((x) => [x.unit, x.rank])).toEqual([
      ['liedong', 1],
      ['liexi', 1],
      ['chenda', 1],
      ['xubi', 4],
      ['yangxi', null],
      ['kaifaqu', null],
    ]);
    expect(r.groups[0].units.map((x) => x.tied)).toEqual([true, true, true, false, false, false]);
  });

  it('rounds half a tenth up, as the clerk does', () => {
    // 15 × 83/100 = 12.45 (12.4499… in binary)
    const s = assess(year({ liedong: { figures: (q) => ({ zaijiuye: q === 4 ? 8 : 25 }) } }));
    expect(item(unitOf(s, 'liedong'), 'zaijiuye')).toMatchObject({ points: 12.5, evidence: '再就业 83 / 100 → 83% → 12.5 分' });
  });
});

describe('returns on time', () => {
  it('a late return costs perLate and says how late', () => {
    const r = assess(year({ liedong: { received: { 2: '2021-07-09' } } }));
    const u = unitOf(r, 'liedong');
    expect(item(u, 'returns')).toMatchObject({ points: 9, evidence: '按时 3 次;2021Q2 逾期报送 4 天 扣 1.0 → 9.0 分' });
    expect(u.total).toBe(99);
    expect(r.groups[0].units[5]).toMatchObject({ unit: 'liedong', rank: 6 });
  });

  it('a missing return costs perMissing, is named in every item it touches, and is never a silent zero', () => {
    const r = assess(year({ liedong: { received: { 3: null }, figures: xinzeng([100, 100, 100, 100]) } }), {
      allocations: [...ALLOCATIONS.filter((a) => !(a.unit === 'liedong' && a.indicator === 'xinzeng')), { unit: 'liedong', indicator: 'xinzeng', value: 400 }],
    });
    const u = unitOf(r, 'liedong');
    expect(item(u, 'returns')).toMatchObject({ points: 7.5, evidence: '按时 3 次;2021Q3 未报送(已逾期 104 天)扣 2.5 → 7.5 分' });
    expect(item(u, 'xinzeng')).toMatchObject({ points: 22.5, evidence: '新增就业 300 / 400 → 75% → 22.5 分(2021Q3 的报表未到,未计入)' });
    expect(item(u, 'tasks')).toMatchObject({ points: 7.5, evidence: '已填 12 / 应填 16 项次(2021Q3 未报送报表(4 项计为未报)) → 75% → 7.5 分' });
    expect(u.missingReturns).toEqual([{ period: '2021Q3', status: 'overdue', statusText: '未报送·已逾期(104天)' }]);
    expect(u.provisional).toBe(false);
  });

  it('a department pays more per late return, and a return in after the day is not in yet', () => {
    const r = assess(year({ tongji: { received: { 3: '2021-10-12' } }, fagai: { received: { 1: '2022-02-01' } } }));
    expect(item(unitOf(r, 'tongji'), 'returns')).toMatchObject({ points: 27, evidence: '按时 3 次;2021Q3 逾期报送 4 天 扣 3.0 → 27.0 分' });
    expect(item(unitOf(r, 'fagai'), 'returns').evidence).toContain('2021Q1 未报送(已逾期 289 天)扣 7.5');
  });

  it('never below zero, whatever the method takes off', () => {
    const raw = rawDefaultPlan();
    raw.assessment.groups[0].items[5].perMissing = 5;
    const plan = validatePlan(raw, 'strict.json');
    const r = assess(year({ liedong: { received: { 1: null, 2: null, 3: null, 4: '2022-01-10' } } }, plan), { plan });
    expect(item(unitOf(r, 'liedong'), 'returns')).toMatchObject({ points: 0 });
    expect(item(unitOf(r, 'liedong'), 'returns').evidence).toMatch(/2021Q4 逾期报送 5 天 扣 1\.0 → 0\.0 分$/);
  });
});

describe('年末目标 and the vetoes', () => {
  const rate = (numerator: number, denominator: number) => (q: number) => (q === 4 ? { shiyelv: { numerator, denominator } } : {});

  it('a rate exactly at its ceiling is met; a hair over it is missed and caps the grade', () => {
    const r = assess(year({ liedong: { figures: rate(35, 965) }, liexi: { figures: rate(351, 9649) } }));
    expect(item(unitOf(r, 'liedong'), 'shiyelv')).toMatchObject({ points: 10, evidence: '失业率 年末 3.50%(目标 ≤3.5%)→ 达标 → 10.0 分' });
    const liexi = unitOf(r, 'liexi');
    expect(item(liexi, 'shiyelv')).toMatchObject({ points: 0, evidence: '失业率 年末 3.51%(目标 ≤3.5%)→ 未达标 → 0.0 分' });
    expect(liexi).toMatchObject({ total: 90, pointsGrade: '优秀', grade: '良好' });
    expect(liexi.vetoes).toEqual([{ id: 'shiyelv', name: '城镇登记失业率年末超过控制目标', cap: '良好', evidence: '城镇登记失业率 年末 3.51%(目标 ≤3.5%)→ 不得高于良好' }]);
  });

  it('零就业家庭 not cleared at year end: 0 points and no better than 良好, however many points', () => {
    const r = assess(year({ xubi: { figures: (q) => (q === 4 ? { lingjiuye: { opening: 0, added: 1, cleared: 0, closing: 1 } } : {}) } }));
    const u = unitOf(r, 'xubi');
    expect(item(u, 'lingjiuye')).toMatchObject({ points: 0, evidence: '零就业 年末 1 户(目标 动态清零)→ 未达标 → 0.0 分' });
    expect(u).toMatchObject({ total: 90, pointsGrade: '优秀', grade: '良好' });
    expect(u.vetoes.map((v) => v.name)).toEqual(['零就业家庭年末未清零']);
  });

  it('a veto never raises a grade: a unit already below the cap keeps its own', () => {
    const r = assess(
      year({ xubi: { figures: (q) => ({ xinzeng: 10, ...(q === 4 ? { lingjiuye: { opening: 0, added: 1, cleared: 0, closing: 1 } } : {}) }) } }),
    );
    const u = unitOf(r, 'xubi');
    expect(u).toMatchObject({ total: 72, pointsGrade: '合格', grade: '合格' });
    expect(u.vetoes).toHaveLength(1);
  });

  it('the fourth-quarter return missing: judged on the latest quarter end, and said so', () => {
    const r = assess(year({ chenda: { received: { 4: null }, figures: (q) => (q === 3 ? { shiyelv: { numerator: 40, denominator: 960 } } : {}) } }));
    const u = unitOf(r, 'chenda');
    expect(item(u, 'shiyelv').evidence).toBe('失业率 2021Q3 末(第四季度未报,暂按此) 4.00%(目标 ≤3.5%)→ 未达标 → 0.0 分');
    expect(u.vetoes[0].evidence).toContain('2021Q3 末(第四季度未报,暂按此)');
  });
});

describe('deductions for warnings', () => {
  const late = (firm: string): Layoff => ({ firm, staff: 300, laidOff: 40, noticeOn: '2021-08-20', layoffOn: '2021-09-06' });

  it('a layoff announced less than 30 days ahead in the area costs 2 points, with the case named', () => {
    const r = assess(year({ liexi: { layoffs: (q) => (q === 3 ? [late('三明某纺织有限公司')] : []) } }));
    const u = unitOf(r, 'liexi');
    expect(u.deductions).toEqual([
      {
        id: 'layoffNotice',
        name: '裁员未提前30日说明',
        points: 2,
        warnings: [{ period: '2021Q3', message: '三明某纺织有限公司:2021-09-06 裁减 40 人,2021-08-20 才向工会或全体职工说明,只提前 17 天(应提前 30 日)' }],
        evidence: '2021Q3 三明某纺织有限公司:2021-09-06 裁减 40 人,2021-08-20 才向工会或全体职工说明,只提前 17 天(应提前 30 日) → 1 条 × 2.0 分 → 扣 2.0 分',
      },
    ]);
    expect(u).toMatchObject({ base: 100, deducted: 2, total: 98, grade: '优秀' });
  });

  it('up to its maximum, over the whole year', () => {
    const r = assess(year({ liexi: { layoffs: (q) => (q === 1 ? [late('甲厂'), late('乙厂')] : q === 3 ? [late('丙厂')] : []) } }));
    const u = unitOf(r, 'liexi');
    expect(u.deductions[0]).toMatchObject({ points: 4 });
    expect(u.deductions[0].evidence).toMatch(/→ 3 条 × 2\.0 分,以 4\.0 分为限 → 扣 4\.0 分$/);
    expect(u.total).toBe(96);
  });

  it('a layoff announced 30 days ahead is no deduction', () => {
    const r = assess(year({ liexi: { layoffs: (q) => (q === 3 ? [{ ...late('丁厂'), noticeOn: '2021-08-07' }] : []) } }));
    expect(unitOf(r, 'liexi').deductions).toEqual([]);
  });
});

describe('grades', () => {
  const grades = PLAN.assessment.grades;
  it.each([
    [100, '优秀'],
    [90, '优秀'],
    [89.9, '良好'],
    [80, '良好'],
    [79.9, '合格'],
    [60, '合格'],
    [59.9, '不合格'],
    [0, '不合格'],
  ])('%s points is %s', (total, grade) => {
    expect(gradeOf(total, grades).name).toBe(grade);
  });

  it('a department concerned by 60 points is scaled to 100: 54 / 60 is 90.0, exactly 优秀', () => {
    // The return requires a status: what a unit can leave out is the progress in words.
    const blank = (q: number, s: Progress[]) => (q === 1 ? s.map((p, i) => (i < 4 ? { ...p, note: null } : p)) : s);
    const r = assess(year({ fagai: { received: { 2: '2021-07-06' } }, shangwu: { progress: blank } }));
    expect(unitOf(r, 'fagai')).toMatchObject({ earned: 57, max: 60, base: 95, grade: '优秀' });
    const shangwu = unitOf(r, 'shangwu');
    expect(item(shangwu, 'tasks')).toMatchObject({ points: 24, figures: { reported: 16, expected: 20 } });
    expect(shangwu).toMatchObject({ earned: 54, max: 60, base: 90, total: 90, grade: '优秀' });
    // One task more left blank: 22.5 of 30, 52.5 / 60 = 87.5, 良好.
    const more = assess(year({ shangwu: { progress: (q, s) => blank(q, s).map((p, i) => (q === 2 && i === 0 ? { ...p, note: null } : p)) } }));
    expect(unitOf(more, 'shangwu')).toMatchObject({ earned: 52.5, base: 87.5, grade: '良好' });
  });
});

describe('departments', () => {
  const r = assess(
    year({
      renshe: { progress: (q, s) => (q === 4 ? s.map((p) => ({ ...p, status: p.task === '五(三)' ? '推进中' : '已完成' })) : s) },
      caizheng: { progress: (q, s) => (q === 4 ? s.map((p) => ({ ...p, status: p.task === '三(二)' ? '已完成' : p.status })) : s), figures: (q) => (q === 2 ? { buzhu: {} } : {}) },
    }),
  );

  it('lead tasks done at the fourth quarter, in proportion, naming the ones still open', () => {
    const renshe = unitOf(r, 'renshe');
    const led = PLAN.tasks.filter((t) => t.lead === 'renshe').length;
    expect(item(renshe, 'leadTasks')).toMatchObject({
      points: Math.round((20 * (led - 1)) / led * 10) / 10,
      evidence: `牵头 ${led} 项,2021Q4 报“已完成” ${led - 1} 项(未完成:五(三) 推进中) → ${(((led - 1) / led) * 100).toFixed(1)}% → ${((20 * (led - 1)) / led).toFixed(1)} 分`,
    });
    expect(item(unitOf(r, 'caizheng'), 'leadTasks')).toMatchObject({ points: 20, evidence: '牵头 1 项,2021Q4 报“已完成” 1 项 → 100% → 20.0 分' });
  });

  it('their figures reported each quarter; a quarter without one is named', () => {
    expect(item(unitOf(r, 'renshe'), 'figures')).toMatchObject({ points: 20, evidence: '已报 12 / 应报 12 项次(高校毕业生就业率、离校未就业高校毕业生就业率、职业技能培训) → 100% → 20.0 分' });
    expect(item(unitOf(r, 'caizheng'), 'figures')).toMatchObject({ points: 15, evidence: '已报 3 / 应报 4 项次(就业补助资金下达)(2021Q2 未报 就业补助资金下达) → 75% → 15.0 分' });
  });

  it('items that do not concern a department are left out and the total scaled to 100', () => {
    const fagai = unitOf(r, 'fagai');
    expect(fagai.items.map((i) => [i.id, i.points])).toEqual([
      ['returns', 30],
      ['tasks', 30],
      ['leadTasks', null],
      ['figures', null],
    ]);
    expect(item(fagai, 'leadTasks').evidence).toBe('不牵头任务,不涉及');
    expect(fagai).toMatchObject({ earned: 60, max: 60, base: 100, total: 100 });
  });
});

describe('the office duties', () => {
  it('met: the meeting reported 已完成, with the lead’s own words; progress in all four quarters', () => {
    const r = assess(year({ renshe: { progress: (q, s) => s.map((p) => (p.task === '二(一)-1' && q === 2 ? { ...p, status: '已完成', note: '=SUM(A1) 5月召开领导小组会议' } : p)) } }));
    expect(r.officeDuties.map((d) => [d.task, d.met, d.evidence, d.words])).toEqual([
      ['二(一)-1', true, '区人社局 2021Q2 报“已完成”', '=SUM(A1) 5月召开领导小组会议'],
      ['二(一)-2', true, '4 / 4 个季度填写了进展', null],
    ]);
    expect(r.officeDuties[0]).toMatchObject({ lead: 'renshe', leadName: '区人社局', name: '领导小组会议每年至少召开一次' });
  });

  it('not met: no 已完成 all year; a quarter without progress', () => {
    const r = assess(year({ renshe: { progress: (q, s) => s.filter((p) => !(p.task === '二(一)-2' && q === 3)) } }));
    expect(r.officeDuties.map((d) => [d.met, d.evidence])).toEqual([
      [false, '全年未报“已完成”(2021Q4 为推进中)'],
      [false, '3 / 4 个季度填写了进展(2021Q3 未写进展)'],
    ]);
  });
});

describe('预评(暂定)', () => {
  it('fourth-quarter returns not all in: the result is provisional and names them, overdue or not yet due', () => {
    const returns = year({ yangxi: { received: { 4: null } }, tuiyi: { received: { 4: null } } });
    const r = assess(returns);
    expect(r.provisional).toBe(true);
    expect(r.pendingReturns).toEqual([
      { unit: 'yangxi', name: '洋溪镇', status: 'overdue', statusText: '未报送·已逾期(15天)' },
      { unit: 'tuiyi', name: '区退役军人事务局', status: 'overdue', statusText: '未报送·已逾期(15天)' },
    ]);
    expect(unitOf(r, 'yangxi').provisional).toBe(true);
    expect(unitOf(r, 'liedong').provisional).toBe(false);
    expect(item(unitOf(r, 'yangxi'), 'returns').evidence).toBe('按时 3 次;2021Q4 未报送(已逾期 15 天)扣 2.5 → 7.5 分');
  });

  it('before the fourth-quarter deadline nothing is taken off for it: the quarter is not counted yet', () => {
    const returns = year().filter((r) => r.period.quarter < 4);
    const r = assess(returns, { asOf: '2022-01-04' });
    expect(r.provisional).toBe(true);
    expect(r.pendingReturns).toHaveLength(22);
    expect(r.pendingReturns[0].statusText).toBe('未报送·未到期(还有1天,临近)');
    const u = unitOf(r, 'liedong');
    expect(item(u, 'returns')).toMatchObject({ points: 10, evidence: '按时 3 次;2021Q4 未到截止日期,暂不计 → 10.0 分' });
    expect(item(u, 'tasks').evidence).toBe('已填 12 / 应填 12 项次(2021Q4 未到截止日期,暂不计) → 100% → 10.0 分');
    expect(item(u, 'xinzeng').evidence).toBe('新增就业 75 / 100 → 75% → 22.5 分(2021Q4 的报表未到,未计入)');
    expect(u.provisional).toBe(true);
  });

  it('a unit with no return due yet is not ranked (尚无应报报表); one whose first return came early is', () => {
    // As of 2021-04-02 the first deadline (2021-04-06) has not come: only 列东街道 has sent its return, early.
    const returns = year({ liedong: { received: { 1: '2021-03-31' } } }).filter((x) => x.period.quarter === 1 && x.unit === 'liedong');
    const r = assess(returns, { asOf: '2021-04-02' });
    expect(unitOf(r, 'liexi')).toMatchObject({ total: null, grade: null, rank: null, notRanked: { reason: 'noReturnDue', text: '尚无应报报表', detail: '第一份报表 2021-04-06 到期' } });
    expect(unitOf(r, 'liedong')).toMatchObject({ rank: 1, tied: false, notRanked: null });
    expect(unitOf(r, 'renshe').notRanked?.reason).toBe('noReturnDue');
  });

  it('every return in: final', () => {
    expect(assess(year()).provisional).toBe(false);
  });
});

describe('the year assessed by default', () => {
  it('the latest year that has ended; before any has, the current one as a 预评', () => {
    expect(assessmentYear([2021, 2022], '2022-01-20')).toEqual({ year: 2021, why: '截至 2022-01-20 最近一个已结束的年度' });
    expect(assessmentYear([2021, 2022], '2023-03-01')?.year).toBe(2022);
    expect(assessmentYear([2021], '2021-10-15')).toEqual({ year: 2021, why: '截至 2021-10-15 尚无已结束的年度,考核本年度(预评)' });
    expect(assessmentYear([], '2022-01-20')).toBeNull();
  });
});
