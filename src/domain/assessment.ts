// The year-end assessment (document 六(二) 强化考核问责): every member unit scored by the plan's
// method from the four quarters' checks, submissions and warnings — the same models check, overdue
// and warn print, built once per quarter as of the assessment's day — with every point explained.
import type { Calendars } from './calendar.js';
import { quarterViews } from './check.js';
import { chineseDate } from './dates.js';
import type { ReceivedReturn, SubmissionStatus } from './deadline.js';
import type { Finding } from './finding.js';
import { formatPeriod } from './period.js';
import type { Plan, Unit, UnitKind } from './plan/model.js';
import { unitCheck, type ProgressInput, type UnitCheck } from './progress.js';
import {
  dutyKind,
  itemKind,
  pts,
  received,
  submissionOf,
  tenths,
  valueText,
  whenText,
  yearEnd,
  type AssessmentContext,
} from './assessment-items.js';
import { GROUP_POINTS, gradeOf, type AssessmentGroup, type AssessmentMethod } from './assessment-method.js';
import { numberText } from '../format/number.js';
import { NOT_RANKED_REASONS } from '../format/words.js';

export interface ItemScore {
  id: string;
  name: string;
  short: string;
  kind: string;
  /** The item's full points. */
  max: number;
  /** null: not concerned (不涉及). */
  points: number | null;
  evidence: string;
  figures: Record<string, number | string | null>;
}

export interface DeductionScore {
  id: string;
  name: string;
  /** Points taken off (positive), within the deduction's maximum. */
  points: number;
  /** The warnings that caused it, with their quarter. */
  warnings: { period: string; message: string }[];
  evidence: string;
}

export interface VetoHit {
  id: string;
  name: string;
  cap: string;
  evidence: string;
}

export interface UnitAssessment {
  unit: string;
  name: string;
  kind: UnitKind;
  category: string;
  items: ItemScore[];
  /** Points of the items that concern the unit, and their full points. */
  earned: number;
  max: number;
  /** The items' points on a 100-point scale (earned ÷ max × 100; equal to earned when every item concerns the unit). */
  base: number | null;
  deductions: DeductionScore[];
  deducted: number;
  total: number | null;
  /** The grade by points, before any veto. */
  pointsGrade: string | null;
  vetoes: VetoHit[];
  grade: string | null;
  /** 1 = best within the unit's group; equal totals share a rank; null when the unit is not ranked. */
  rank: number | null;
  /** Another unit of the group shares the rank (并列). */
  tied: boolean;
  /** Why the unit cannot be scored fairly beside its peers (不参加排名): then it has no total, grade or rank. */
  notRanked: NotRanked | null;
  /** The unit's fourth-quarter return is not in: its result is 暂定. */
  provisional: boolean;
  /** Quarters whose return from the unit is not in as of the day, with why. */
  missingReturns: { period: string; status: SubmissionStatus; statusText: string }[];
}

/** Why a unit is left out of its group's ranking, in the words every document uses. */
export interface NotRanked {
  /** unallocated: a target it is scored on was never allocated to it; noReturnDue: no return of the year is due or in yet. */
  reason: 'unallocated' | 'noReturnDue';
  /** 未分解目标, 尚无应报报表 */
  text: string;
  /** The targets not allocated, or the first deadline. */
  detail: string;
}

export interface GroupAssessment {
  unitKind: UnitKind;
  name: string;
  items: { id: string; name: string; short: string; kind: string; points: number; rule: string }[];
  /** The ranked units best first, then those not ranked (不参加排名) in plan order. */
  units: UnitAssessment[];
}

export interface DutyResult {
  task: string;
  name: string;
  lead: string;
  leadName: string;
  met: boolean;
  evidence: string;
  /** The lead's own progress note the verdict rests on, as written in its return. */
  words: string | null;
  rule: string;
}

export interface AssessmentReport {
  year: number;
  district: string;
  /** 梅列区2021年度就业工作考核结果 */
  title: string;
  asOf: string;
  method: { title: string; basis: string };
  /** 预评(暂定): some fourth-quarter return is not in as of the day. */
  provisional: boolean;
  /** The fourth-quarter returns not in, and why (not yet due, or overdue). */
  pendingReturns: { unit: string; name: string; status: SubmissionStatus; statusText: string }[];
  /** The quarters whose returns were due by the day (or are in already): what a 预评 is computed from. */
  dueQuarters: number[];
  returns: { expected: number; received: number };
  groups: GroupAssessment[];
  officeDuties: DutyResult[];
  deductionRules: { id: string; name: string; rule: string }[];
  vetoRules: { id: string; name: string; cap: string; rule: string }[];
  grades: { name: string; min: number }[];
  /** What to put right before the final assessment (targets not allocated). */
  gaps: string[];
  /** Missing holiday calendars and the like, from the submission reports. */
  warnings: string[];
  /** Marks every page of its documents carries (示例数据, 空表); none from the model itself. */
  stamps: string[];
}

export interface AssessmentInput {
  /** The plan year's progress input at its fourth quarter (every return of the year, and last year's). */
  input: Omit<ProgressInput, 'returns' | 'previousYear'> & { returns: readonly ReceivedReturn[]; previousYear: readonly ReceivedReturn[] };
  calendars: Calendars;
  /** The assessment's day (统计截至): returns received later count as not received. */
  asOf: string;
}

/** 年度考核: every member unit of the plan scored, ranked and graded by the plan's method, as of a day. */
export function assessmentReport(a: AssessmentInput): AssessmentReport {
  const { plan } = a.input;
  const method = plan.assessment;
  const year = a.input.period.year;
  // As overdue does: a return received after the day is not there yet, for the figures as for the deadlines.
  const returns = a.input.returns.filter((r) => r.receivedOn <= a.asOf);
  const previousYear = a.input.previousYear.filter((r) => r.receivedOn <= a.asOf);
  // Each quarter as its own check and overdue saw it: the returns up to its end, deadlines as of the day.
  const quarters = quarterViews({ ...a.input, returns, previousYear }, [1, 2, 3, 4], a.asOf, a.calendars);
  const departmentChecks = new Map<string, UnitCheck>();
  const areaChecks = quarters.map((q) => new Map(q.check.units.map((u) => [u.unit, u])));
  const ctx: AssessmentContext = {
    plan,
    quarters,
    unitCheck(quarter, unit) {
      if (unit.kind === 'area') return areaChecks[quarter - 1].get(unit.code)!;
      const key = `${quarter}.${unit.code}`;
      let c = departmentChecks.get(key);
      if (!c) departmentChecks.set(key, (c = unitCheck(quarters[quarter - 1].input, unit)));
      return c;
    },
  };

  const gaps = new Set<string>();
  const groups = method.groups.map((group) => assessGroup(ctx, group, method, gaps));
  const q4 = quarters[3].overdue;
  const pending = q4.units.filter((u) => u.status === 'pending' || u.status === 'overdue');
  return {
    year,
    district: plan.district,
    title: `${plan.district}${year}年度就业工作考核结果`,
    asOf: a.asOf,
    method: { title: method.title, basis: method.basis },
    provisional: pending.length > 0,
    pendingReturns: pending.map((u) => ({ unit: u.unit, name: u.name, status: u.status, statusText: u.statusText })),
    dueQuarters: quarters.flatMap((q, i) => (q.overdue.deadline.date <= a.asOf || q.overdue.counts.received > 0 ? [i + 1] : [])),
    returns: { expected: q4.counts.expected, received: q4.counts.received },
    groups,
    officeDuties: method.officeDuties.map((duty) => {
      const kind = dutyKind(duty.kind);
      const task = plan.tasks.find((t) => t.id === duty.task)!;
      const lead = plan.units.find((u) => u.code === task.lead)!;
      return { task: duty.task, name: duty.name, lead: lead.code, leadName: lead.name, ...kind.evaluate(ctx, duty), rule: kind.explain(duty, plan) };
    }),
    deductionRules: method.deductions.map((d) => ({
      id: d.id,
      name: d.name,
      rule: `${d.at === 'year' ? '年内各季度' : '第四季度'}本单位每出现 1 条“${d.name}”预警扣 ${numberText(d.points)} 分,最多扣 ${numberText(d.max)} 分`,
    })),
    vetoRules: method.vetoes.map((v) => ({ id: v.id, name: v.name, cap: v.cap, rule: vetoRule(method, v.cap, plan.indicators.find((i) => i.code === v.indicator)!.name) })),
    grades: method.grades.map((g) => ({ ...g })),
    gaps: [...gaps],
    warnings: [...new Set(quarters.flatMap((q) => q.overdue.warnings))],
    stamps: [],
  };
}

function assessGroup(ctx: AssessmentContext, group: AssessmentGroup, method: AssessmentMethod, gaps: Set<string>): GroupAssessment {
  const { plan } = ctx;
  const units = plan.units.filter((u) => u.kind === group.unitKind).map((unit) => assessUnit(ctx, unit, group, method, gaps));
  // Competition ranking (1, 2, 2, 4): equal totals share a rank (并列); plan order within a tie.
  const totals = units.map((u) => u.total).filter((t): t is number => t !== null);
  for (const u of units) u.rank = u.total === null ? null : 1 + totals.filter((t) => t > u.total! + 1e-9).length;
  for (const u of units) u.tied = u.rank !== null && units.some((x) => x !== u && x.rank === u.rank);
  units.sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity));
  return {
    unitKind: group.unitKind,
    name: group.name,
    items: group.items.map((i) => ({ id: i.id, name: i.name, short: i.short ?? i.name, kind: i.kind, points: i.points, rule: itemKind(i.kind).explain(i, plan) })),
    units,
  };
}

function assessUnit(ctx: AssessmentContext, unit: Unit, group: AssessmentGroup, method: AssessmentMethod, gaps: Set<string>): UnitAssessment {
  const unallocated: string[] = [];
  const items: ItemScore[] = group.items.map((item) => {
    const r = itemKind(item.kind).evaluate(ctx, unit, item);
    if (r.gap) gaps.add(r.gap);
    if (r.unallocated) unallocated.push(item.name);
    return { id: item.id, name: item.name, short: item.short ?? item.name, kind: item.kind, max: item.points, points: r.points, evidence: r.evidence, figures: r.figures };
  });
  const concerned = items.filter((i) => i.points !== null);
  const earned = tenths(concerned.reduce((a, i) => a + (i.points ?? 0), 0));
  const max = concerned.reduce((a, i) => a + i.max, 0);
  const base = max === 0 ? null : max === GROUP_POINTS ? earned : tenths((earned * GROUP_POINTS) / max);

  const deductions: DeductionScore[] = [];
  for (const d of method.deductions) {
    const from = d.at === 'year' ? ctx.quarters : ctx.quarters.slice(3);
    const found: Finding[] = from.flatMap((q) => q.check.warnings.filter((w) => w.rule === d.warning && w.unit === unit.code));
    if (found.length === 0) continue;
    const points = Math.min(d.max, tenths(found.length * d.points));
    deductions.push({
      id: d.id,
      name: d.name,
      points,
      warnings: found.map((w) => ({ period: w.period, message: w.message })),
      evidence: `${found.map((w) => `${w.period} ${w.message}`).join(';')} → ${found.length} 条 × ${pts(d.points)} 分${points < found.length * d.points ? `,以 ${pts(d.max)} 分为限` : ''} → 扣 ${pts(points)} 分`,
    });
  }
  const deducted = tenths(deductions.reduce((a, d) => a + d.points, 0));
  const notRanked = unfairness(ctx, unit, unallocated);
  const total = base === null || notRanked ? null : Math.max(0, tenths(base - deducted));

  const vetoes: VetoHit[] = [];
  for (const v of method.vetoes) {
    const end = yearEnd(ctx, unit, v);
    if (!end || end.check.status !== 'missed') continue;
    vetoes.push({ id: v.id, name: v.name, cap: v.cap, evidence: `${end.check.name} ${whenText(end.period)} ${valueText(end.check)}(目标 ${end.check.target?.text ?? ''})→ 不得高于${v.cap}` });
  }
  const pointsGrade = total === null ? null : gradeOf(total, method.grades).name;
  const position = (name: string) => method.grades.findIndex((g) => g.name === name);
  // The strictest veto wins: the lowest cap.
  const cap = vetoes.reduce<string | null>((worst, v) => (worst === null || position(v.cap) > position(worst) ? v.cap : worst), null);
  const grade = pointsGrade === null ? null : cap !== null && position(pointsGrade) < position(cap) ? cap : pointsGrade;

  const missingReturns = ctx.quarters
    .map((q) => submissionOf(q, unit))
    .map((s, i) => ({ s, period: formatPeriod(ctx.quarters[i].period) }))
    .filter(({ s }) => !received(s))
    .map(({ s, period }) => ({ period, status: s.status, statusText: s.statusText }));
  return {
    unit: unit.code,
    name: unit.name,
    kind: unit.kind,
    category: unit.category,
    items,
    earned,
    max,
    base,
    deductions,
    deducted,
    total,
    pointsGrade,
    vetoes,
    grade,
    rank: null,
    tied: false,
    notRanked,
    provisional: !received(submissionOf(ctx.quarters[3], unit)),
    missingReturns,
  };
}

/**
 * Why the unit cannot be scored fairly beside its peers, or null. A target never allocated would leave
 * its total resting on fewer items than theirs (a new unit's 100.0 from its returns alone); a unit with
 * no return due yet has nothing to be scored on. Either way it is listed after the ranking, not in it.
 */
function unfairness(ctx: AssessmentContext, unit: Unit, unallocated: string[]): NotRanked | null {
  if (ctx.quarters.every((q) => submissionOf(q, unit).status === 'pending')) {
    return { reason: 'noReturnDue', text: NOT_RANKED_REASONS.noReturnDue, detail: `第一份报表 ${ctx.quarters[0].overdue.deadline.date} 到期` };
  }
  if (unallocated.length > 0) return { reason: 'unallocated', text: NOT_RANKED_REASONS.unallocated, detail: unallocated.join('、') };
  return null;
}

function vetoRule(method: AssessmentMethod, cap: string, indicator: string): string {
  const better = method.grades.slice(0, Math.max(0, method.grades.findIndex((g) => g.name === cap))).map((g) => g.name);
  return `第四季度末${indicator}未达标的,等级最高为${cap}${better.length > 0 ? `(不得评为${better.join('、')})` : ''},不论得分`;
}

/**
 * The year to assess when none is named: the latest plan year that has ended as of the day (in
 * January, last year); before any has ended, the current one (a 预评). Says why.
 */
export function assessmentYear(planYears: readonly number[], asOf: string): { year: number; why: string } | null {
  if (planYears.length === 0) return null;
  const now = Number(asOf.slice(0, 4));
  const ended = planYears.filter((y) => y < now);
  if (ended.length > 0) return { year: Math.max(...ended), why: `截至 ${asOf} 最近一个已结束的年度` };
  const current = planYears.filter((y) => y <= now);
  if (current.length > 0) return { year: Math.max(...current), why: `截至 ${asOf} 尚无已结束的年度,考核本年度(预评)` };
  return { year: Math.min(...planYears), why: `数据库中最早的方案年度(${asOf} 早于各方案年度)` };
}

/** 统计截至 …;数据来源 …;考核办法 …: the line under every title of the assessment, ending with its stamps. */
export function assessmentSubtitle(r: AssessmentReport, plan: Plan): string {
  return (
    `统计截至 ${chineseDate(r.asOf)};数据来源:各单位报送的${r.year}年四个季度季度报表(第四季度已收 ${r.returns.received} / 应报 ${r.returns.expected} 份);` +
    `按${r.method.title}评分;依据:《${plan.title}》六(二)` +
    (r.provisional ? ';预评(暂定):第四季度报表未收齐' : '') +
    r.stamps.map((x) => `;${x}`).join('')
  );
}
