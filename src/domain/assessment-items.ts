// The kinds of assessment item, one object each: what an item of the kind measures (its rule in
// words, with the plan's figures) and how it scores a unit from the year's models — the checks and
// submission reports of the four quarters, the same ones check and overdue print. Adding a kind of
// item is adding one object to ITEM_KINDS. The leading-group office's duties are a smaller table of
// the same shape (met or not, no points).
//
// This module reads the plan as data only: plan.ts checks a method against these kinds, so it must
// not import plan.ts's functions back.
import type { CheckReport, QuarterView, TaskCheck, TaskUnitProgress } from './check.js';
import type { OverdueReport, UnitSubmission } from './deadline.js';
import { formatPeriod, type Period, type Quarter } from './period.js';
import type { AssessmentItem, OfficeDuty } from './assessment-method.js';
import type { Indicator, IndicatorKind, Plan, Unit } from './plan/model.js';
import type { IndicatorCheck, UnitCheck } from './progress.js';
import { numberText, opWords, rateText, shareText } from '../format/number.js';
import { TASK_STATUS } from '../format/words.js';

const DONE = TASK_STATUS.done;

export type { QuarterView };

/** What an item is scored from. */
export interface AssessmentContext {
  plan: Plan;
  /** The four quarters, Q1 first. */
  quarters: readonly QuarterView[];
  /** A unit's own indicator checks at a quarter: an area's as check shows them, a department's by the same unitCheck. */
  unitCheck(quarter: Quarter, unit: Unit): UnitCheck;
}

/** What an item gives one unit. */
export interface ItemResult {
  /** null: the item does not concern the unit (不涉及); the total is then scaled to 100 over the items that do. */
  points: number | null;
  /** The figures it used and how they became points: 新增就业 412 / 400 → 100% → 30.0 分 */
  evidence: string;
  /** The same figures for scripts. */
  figures: Record<string, number | string | null>;
  /** Something the clerk should put right before the final assessment (a target not allocated). */
  gap?: string;
  /** The unit's target for the item was never allocated: its total would rest on other items than its peers', so it is not ranked. */
  unallocated?: boolean;
}

export interface ItemKind {
  kind: string;
  /** What the kind measures, for the printed method: 分解目标完成情况 … */
  title: string;
  /** The indicator kinds an item of this kind may name; absent: it names none. */
  indicatorKinds?: readonly IndicatorKind[];
  /** Its settings besides points. */
  numbers?: readonly { key: 'perLate' | 'perMissing'; expect: string }[];
  /** The rule of an item in words, with its points and the plan's figures. */
  explain(item: AssessmentItem, plan: Plan): string;
  evaluate(ctx: AssessmentContext, unit: Unit, item: AssessmentItem): ItemResult;
}

/** 累计型 target against the unit's allocation: completion capped at 100%, points in proportion. */
const countTarget: ItemKind = {
  kind: 'countTarget',
  title: '累计型目标完成情况',
  indicatorKinds: ['count'],
  explain: (item, plan) =>
    `${indicatorOf(plan, item).name}全年累计 ÷ 分解目标 × ${numberText(item.points)} 分,超过目标的按 100% 计;分解目标为 0 的视为完成;未分解目标的单位不参加排名`,
  evaluate(ctx, unit, item) {
    const name = label(item);
    const c = indicatorAt(ctx, 4, unit, item);
    if (!c) return notConcerned(`不报送${indicatorOf(ctx.plan, item).name},不涉及`);
    if (c.target === null || c.target.value === null) {
      return { ...notConcerned(`${name}未分解目标,不计分,本单位不参加排名`), gap: `${unit.name}${c.name}未分解目标`, unallocated: true };
    }
    const target = c.target.value;
    const gaps = returnGaps(ctx, unit);
    const from = c.target.source === 'plan' ? '(区目标)' : '';
    const note = gaps.length > 0 ? `(${gaps.join('、')} 的报表未到,未计入)` : '';
    if (c.ytd === null) return { points: 0, evidence: `${name}全年未报送${note} → 0 分`, figures: { ytd: null, target, completion: null } };
    if (target <= 0) return { points: item.points, evidence: `${name} ${numberText(c.ytd)} / 0${from} → 分解目标为 0,视为完成 → ${pts(item.points)} 分`, figures: { ytd: c.ytd, target, completion: 1 } };
    const share = Math.min(1, c.ytd / target);
    const points = tenths(item.points * share);
    return {
      points,
      evidence: `${name} ${numberText(c.ytd)} / ${numberText(target)}${from} → ${shareText(share, 1, true)} → ${pts(points)} 分${note}`,
      figures: { ytd: c.ytd, target, completion: c.ytd / target },
    };
  },
};

/** A bottom-line target (失业率 ≤3.5%, 零就业家庭清零) at year end: met, all the points; missed, none. */
const yearEndTarget: ItemKind = {
  kind: 'yearEndTarget',
  title: '年末目标达标情况',
  indicatorKinds: ['rate', 'relative', 'zero'],
  explain: (item, plan) => {
    const ind = indicatorOf(plan, item);
    return `年末${ind.name}${targetWords(ind)}的,得 ${numberText(item.points)} 分,否则 0 分;第四季度未报的暂按最近一季末`;
  },
  evaluate(ctx, unit, item) {
    const name = label(item);
    if (!indicatorAt(ctx, 4, unit, item)) return notConcerned(`不报送${indicatorOf(ctx.plan, item).name},不涉及`);
    const end = yearEnd(ctx, unit, item);
    if (!end) return { points: 0, evidence: `${name}全年未报送 → 0 分`, figures: { value: null, period: null } };
    const { check: c, period } = end;
    if (c.target?.value === null || c.target === null) return { ...notConcerned(`${name}的参考值未录入,无法判断`), gap: `${c.name}的参考值未录入` };
    const met = c.status !== 'missed';
    const points = met ? item.points : 0;
    return {
      points,
      evidence: `${name} ${whenText(period)} ${valueText(c)}(目标 ${c.target.text})→ ${met ? '达标' : '未达标'} → ${pts(points)} 分`,
      figures: { value: c.quarterValue, period: formatPeriod(period), met: met ? 1 : 0 },
    };
  },
};

/** Returns sent by the deadline: points lost for each one late, more for each one not sent. */
const onTimeReturns: ItemKind = {
  kind: 'onTimeReturns',
  title: '季度报表按时报送',
  numbers: [
    { key: 'perLate', expect: '每次逾期报送扣的分数' },
    { key: 'perMissing', expect: '每次逾期未报送扣的分数' },
  ],
  explain: (item) =>
    `四个季度报表按时报送得 ${numberText(item.points)} 分;逾期报送每次扣 ${numberText(item.perLate ?? 0)} 分,过了截止日期仍未报送每次扣 ${numberText(item.perMissing ?? 0)} 分,扣完为止;未到截止日期的不计`,
  evaluate(ctx, unit, item) {
    let lost = 0;
    let onTime = 0;
    const said: string[] = [];
    const figures: Record<string, string | null> = {};
    for (const q of ctx.quarters) {
      const s = submissionOf(q, unit);
      const p = q.overdue.period;
      figures[p] = s.status;
      if (s.status === 'on_time') onTime++;
      else if (s.status === 'late') {
        lost += item.perLate ?? 0;
        said.push(`${p} 逾期报送 ${s.daysLate} 天 扣 ${pts(item.perLate ?? 0)}`);
      } else if (s.status === 'overdue') {
        lost += item.perMissing ?? 0;
        said.push(`${p} 未报送(已逾期 ${s.daysOverdue} 天)扣 ${pts(item.perMissing ?? 0)}`);
      } else said.push(`${p} 未到截止日期,暂不计`);
    }
    const points = Math.max(0, tenths(item.points - lost));
    const head = said.length === 0 ? '四个季度均按时报送' : `按时 ${onTime} 次;${said.join(';')}`;
    return { points, evidence: `${head} → ${pts(points)} 分`, figures };
  },
};

/**
 * Every responsible task (lead or co) reported each quarter with its progress in words (进展情况):
 * the status is required by the return itself, so a status without a word of progress is what
 * tells a unit that reports from one that ticks a box.
 */
const taskReporting: ItemKind = {
  kind: 'taskReporting',
  title: '任务进展按季报告',
  explain: (item) =>
    `每季度对承担的每项任务(牵头、配合)填写进展情况:${numberText(item.points)} 分 × 已填 ÷ 应填项次;只选状态、未写进展的计为未报,未报送报表的季度各项计为未报,未到截止日期的不计`,
  evaluate(ctx, unit, item) {
    const tasks = (q: QuarterView) => tasksOfUnit(q, unit);
    if (tasks(ctx.quarters[0]).length === 0) return notConcerned('不承担任务,不涉及');
    return shareOverQuarters(ctx, unit, item, {
      owed: (q) => tasks(q).length,
      missing: (q) => {
        const silent = tasks(q).filter((x) => x.u.note === null).map((x) => x.t.id);
        return { count: silent.length, gap: silent.length > 0 ? `未写进展 ${silent.length <= 4 ? silent.join('、') : `${silent.length} 项`}` : null };
      },
      said: (reported, expected) => `已填 ${reported} / 应填 ${expected} 项次`,
    });
  },
};

/** The tasks the unit leads, at 已完成 in its fourth-quarter return (its latest, while that is missing). */
const leadTasksDone: ItemKind = {
  kind: 'leadTasksDone',
  title: '牵头任务年末完成',
  explain: (item) =>
    `牵头任务在第四季度报表中为“${DONE}”:${numberText(item.points)} 分 × ${DONE} ÷ 牵头项数;第四季度未报的暂按最近一份报表;不牵头任务的不涉及`,
  evaluate(ctx, unit, item) {
    const led = tasksOfUnit(ctx.quarters[0], unit).filter((x) => x.u.role === 'lead').map((x) => x.t);
    if (led.length === 0) return notConcerned('不牵头任务,不涉及');
    const latest = [...ctx.quarters].reverse().find((q) => received(submissionOf(q, unit)));
    if (!latest) return { points: 0, evidence: `牵头 ${led.length} 项;全年未报送报表 → 0 分`, figures: { done: 0, led: led.length, period: null } };
    const own = new Map(tasksOfUnit(latest, unit).map((x) => [x.t.id, x.u]));
    const statusOf = (id: string) => own.get(id)?.status ?? null;
    const done = led.filter((t) => statusOf(t.id) === DONE);
    const open = led.filter((t) => statusOf(t.id) !== DONE).map((t) => `${t.id} ${statusOf(t.id) ?? '未填状态'}`);
    const share = done.length / led.length;
    const points = tenths(item.points * share);
    const p = latest.overdue.period;
    const fallback = latest.period.quarter !== 4 ? `(第四季度报表未到,暂按 ${p} 的状态)` : '';
    return {
      points,
      evidence:
        `牵头 ${led.length} 项,${p} 报“${DONE}” ${done.length} 项${open.length > 0 ? `(未完成:${open.length <= 4 ? open.join('、') : `${open.length} 项`})` : ''}` +
        ` → ${shareText(share, 1, true)} → ${pts(points)} 分${fallback}`,
      figures: { done: done.length, led: led.length, period: p },
    };
  },
};

/** The figures the unit reports (a department's monitored figures), sent each quarter. */
const figuresReported: ItemKind = {
  kind: 'figuresReported',
  title: '指标数据按季报送',
  explain: (item) =>
    `每季度报送本单位应报的各项指标:${numberText(item.points)} 分 × 已报 ÷ 应报项次;未报送报表的季度各项计为未报,未到截止日期的不计;不报送指标的不涉及`,
  evaluate(ctx, unit, item) {
    const own = ctx.plan.indicators.filter((i) => i.reportedBy.includes(unit.code));
    if (own.length === 0) return notConcerned('不报送指标数据,不涉及');
    return shareOverQuarters(ctx, unit, item, {
      owed: () => own.length,
      missing: (q) => {
        // The district check lists, for each indicator, the units that reported nothing for it.
        const missing = own.filter((i) => q.check.overall?.indicators.find((c) => c.indicator === i.code)?.reporters.missing.includes(unit.code) ?? true);
        return { count: missing.length, gap: missing.length > 0 ? `未报 ${missing.map((i) => i.name).join('、')}` : null };
      },
      said: (reported, expected) => `已报 ${reported} / 应报 ${expected} 项次(${own.map((i) => i.name).join('、')})`,
    });
  },
};

/**
 * Points in proportion to what a unit reported out of what it owed, quarter by quarter: a quarter
 * not yet due is left out, a return overdue counts everything it owed as not reported.
 */
function shareOverQuarters(
  ctx: AssessmentContext,
  unit: Unit,
  item: AssessmentItem,
  how: {
    owed: (q: QuarterView) => number;
    missing: (q: QuarterView) => { count: number; gap: string | null };
    said: (reported: number, expected: number) => string;
  },
): ItemResult {
  let expected = 0;
  let reported = 0;
  const gaps: string[] = [];
  for (const q of ctx.quarters) {
    const s = submissionOf(q, unit);
    const p = q.overdue.period;
    if (s.status === 'pending') {
      gaps.push(`${p} 未到截止日期,暂不计`);
      continue;
    }
    const owed = how.owed(q);
    expected += owed;
    if (s.status === 'overdue') {
      gaps.push(`${p} 未报送报表(${owed} 项计为未报)`);
      continue;
    }
    const missing = how.missing(q);
    reported += owed - missing.count;
    if (missing.gap) gaps.push(`${p} ${missing.gap}`);
  }
  if (expected === 0) return notConcerned(`尚无到期的季度报表,暂不计(${gaps.join(';')})`);
  const share = reported / expected;
  const points = tenths(item.points * share);
  return {
    points,
    evidence: `${how.said(reported, expected)}${gaps.length > 0 ? `(${gaps.join(';')})` : ''} → ${shareText(share, 1, true)} → ${pts(points)} 分`,
    figures: { reported, expected },
  };
}

/** Every kind of assessment item. Adding a kind is adding its object here. */
export const ITEM_KINDS: readonly ItemKind[] = [countTarget, yearEndTarget, onTimeReturns, taskReporting, leadTasksDone, figuresReported];

/** The kind object of an item (the plan check guarantees there is one). */
export function itemKind(kind: string): ItemKind {
  const k = ITEM_KINDS.find((x) => x.kind === kind);
  if (!k) throw new Error(`assessment item kind ${kind} unknown`);
  return k;
}

/** A duty of the leading-group office, judged from its lead's returns. */
export interface DutyKind {
  kind: string;
  explain(duty: OfficeDuty, plan: Plan): string;
  /** words: the lead's own progress note the verdict rests on, as it wrote it. */
  evaluate(ctx: AssessmentContext, duty: OfficeDuty): { met: boolean; evidence: string; words: string | null };
}

/** The lead's progress on a task in each quarter's check (null where the task is not in the plan). */
function leadProgress(ctx: AssessmentContext, task: string): { q: QuarterView; p: TaskUnitProgress | null }[] {
  return ctx.quarters.map((q) => {
    const t = q.check.tasks.find((x) => x.id === task);
    return { q, p: t?.units.find((u) => u.role === 'lead') ?? null };
  });
}

const taskDone: DutyKind = {
  kind: 'taskDone',
  explain: (duty, plan) => `任务 ${duty.task}(${plan.tasks.find((t) => t.id === duty.task)?.title ?? ''}):牵头单位年内任一季度报“${DONE}”即为已履行`,
  evaluate(ctx, duty) {
    const all = leadProgress(ctx, duty.task);
    const done = all.find((x) => x.p?.status === DONE);
    if (done) return { met: true, evidence: `${done.p!.name} ${done.q.overdue.period} 报“${DONE}”`, words: done.p!.note };
    const last = [...all].reverse().find((x) => x.p?.returned);
    return { met: false, evidence: last ? `全年未报“${DONE}”(${last.q.overdue.period} 为${last.p!.status ?? '未填状态'})` : '全年未报送该任务的进展', words: last?.p?.note ?? null };
  },
};

const taskEveryQuarter: DutyKind = {
  kind: 'taskEveryQuarter',
  explain: (duty, plan) => `任务 ${duty.task}(${plan.tasks.find((t) => t.id === duty.task)?.title ?? ''}):牵头单位四个季度都填写了进展情况即为已履行`,
  evaluate(ctx, duty) {
    const all = leadProgress(ctx, duty.task);
    const missing = all.filter((x) => !x.p || x.p.note === null);
    // A quarter whose return is not in yet is not a quarter without 督查: say which it is.
    const why = missing.map((x) => `${x.q.overdue.period} ${x.p?.returned ? '未写进展' : '报表未到'}`);
    return { met: missing.length === 0, evidence: `${4 - missing.length} / 4 个季度填写了进展${why.length > 0 ? `(${why.join('、')})` : ''}`, words: null };
  },
};

/** Every kind of office duty. */
export const DUTY_KINDS: readonly DutyKind[] = [taskDone, taskEveryQuarter];

/** The kind object of a duty (the plan check guarantees there is one). */
export function dutyKind(kind: string): DutyKind {
  const k = DUTY_KINDS.find((x) => x.kind === kind);
  if (!k) throw new Error(`office duty kind ${kind} unknown`);
  return k;
}

// Look-ups every unit makes in every quarter's models, indexed once per model: scanning the lists
// for each unit is quadratic in a province-sized plan (a thousand units, tasks naming every area).
const submissions = new WeakMap<OverdueReport, Map<string, UnitSubmission>>();
const unitTasks = new WeakMap<CheckReport, Map<string, { t: TaskCheck; u: TaskUnitProgress }[]>>();

/** A unit's submission in a quarter's report (every unit of the plan is in it). */
export function submissionOf(q: QuarterView, unit: Unit): UnitSubmission {
  let index = submissions.get(q.overdue);
  if (!index) submissions.set(q.overdue, (index = new Map(q.overdue.units.map((u) => [u.unit, u]))));
  return index.get(unit.code)!;
}

/** The tasks a unit answers for in a quarter's check, with its own status and note, in plan order. */
export function tasksOfUnit(q: QuarterView, unit: Unit): { t: TaskCheck; u: TaskUnitProgress }[] {
  let index = unitTasks.get(q.check);
  if (!index) {
    index = new Map();
    for (const t of q.check.tasks) {
      for (const u of t.units) {
        const list = index.get(u.unit) ?? [];
        // A lead also listed as co-unit answers once, as the lead.
        if (!list.some((x) => x.t === t)) list.push({ t, u });
        index.set(u.unit, list);
      }
    }
    unitTasks.set(q.check, index);
  }
  return index.get(unit.code) ?? [];
}

/** The return is in (on time or late). */
export function received(s: UnitSubmission): boolean {
  return s.status === 'on_time' || s.status === 'late';
}

/** The quarters whose return from the unit is not in: 2021Q3、2021Q4. */
export function returnGaps(ctx: AssessmentContext, unit: Unit): string[] {
  return ctx.quarters.filter((q) => !received(submissionOf(q, unit))).map((q) => q.overdue.period);
}

/**
 * An indicator's check at the latest quarter the unit reported it, Q4 first: the year-end figure,
 * or (its fourth-quarter return missing) the latest there is, which the evidence says.
 */
export function yearEnd(ctx: AssessmentContext, unit: Unit, item: Pick<AssessmentItem, 'indicator'>): { check: IndicatorCheck; period: Period } | null {
  for (let q = 4; q >= 1; q--) {
    const c = indicatorAt(ctx, q as Quarter, unit, item);
    if (c && c.quarterValue !== null) return { check: c, period: ctx.quarters[q - 1].period };
  }
  return null;
}

/** 年末, or 2021Q3 末(第四季度未报,暂按此). */
export function whenText(period: Period): string {
  return period.quarter === 4 ? '年末' : `${formatPeriod(period)} 末(第四季度未报,暂按此)`;
}

/** 3.63% or 1 户: an indicator's quarter-end figure. */
export function valueText(c: IndicatorCheck): string {
  if (c.quarterValue === null) return '无数据';
  if (c.kind === 'rate' || c.kind === 'relative') return rateText(c.quarterValue);
  return `${numberText(c.quarterValue)} ${c.measure}`;
}

function indicatorAt(ctx: AssessmentContext, quarter: Quarter, unit: Unit, item: Pick<AssessmentItem, 'indicator'>): IndicatorCheck | undefined {
  return ctx.unitCheck(quarter, unit).indicators.find((i) => i.indicator === item.indicator);
}

function indicatorOf(plan: Plan, item: AssessmentItem): Indicator {
  return plan.indicators.find((i) => i.code === item.indicator)!;
}

function targetWords(ind: Indicator): string {
  const t = ind.target;
  if (!t) return '';
  if (ind.kind === 'zero') return '为 0(动态清零)';
  if (ind.kind === 'relative') return `不低于${t.reference ?? '参考值'}`;
  return `${opWords(t.op)} ${numberText(t.value ?? 0)}%`;
}

function notConcerned(evidence: string): ItemResult {
  return { points: null, evidence, figures: {} };
}

function label(item: AssessmentItem): string {
  return item.short ?? item.name;
}

/** Points are kept in tenths, so the items printed add up to the total printed. */
export function tenths(x: number): number {
  // 12.45 is 12.4499999… in binary: half a tenth rounds up as the clerk rounds it.
  return Math.round(x * 10 + 1e-7) / 10;
}

/** 30.0 */
export function pts(n: number): string {
  return n.toFixed(1);
}

