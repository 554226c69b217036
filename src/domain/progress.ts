// Progress against targets: completion, schedule and status of each indicator, for the district and each unit.
import type { Allocation } from './allocation.js';
import { figureBook, type FigureBook } from './figures.js';
import type { Quarter, Period } from './period.js';
import { indicatorsReportedBy, unitName, type Indicator, type Plan, type TargetOp, type Unit } from './plan/model.js';
import type { ReturnRecord } from './return.js';
import { launcher } from '../format/command.js';
import { limitText, measureText, opSign, opWords, rateText } from '../format/number.js';

export type ProgressStatus = 'done' | 'on_schedule' | 'behind' | 'missed' | 'no_data' | 'unallocated' | 'monitor';

/** The status as the clerk reads it. */
export const STATUS_TEXT: Record<ProgressStatus, string> = {
  done: '已完成',
  on_schedule: '进度正常',
  behind: '进度滞后',
  missed: '未达标',
  no_data: '无数据',
  unallocated: '未分解',
  monitor: '—',
};

/** Rates are quotients: equal within this many percentage points counts as equal. */
const EPSILON = 1e-9;

/** 序时进度: the share of the year elapsed at the end of a quarter (Q1 25% … Q4 100%). */
export function schedule(quarter: Quarter): number {
  return quarter / 4;
}

/** 完成率: the cumulative figure ÷ the annual target; null without a figure or a positive target. */
export function completion(ytd: number | null, target: number | null): number | null {
  return ytd === null || target === null || target <= 0 ? null : ytd / target;
}

export interface Verdict {
  status: ProgressStatus;
  /** People short of the schedule, when behind. */
  shortfall: number | null;
}

/**
 * A count target at a quarter: 已完成 when the cumulative figure reaches the target (a zero target
 * is met), 进度正常 when it keeps up with the schedule (exactly on schedule counts), else 进度滞后.
 */
export function countStatus(ytd: number | null, target: number, quarter: Quarter): Verdict {
  if (ytd === null) return { status: 'no_data', shortfall: null };
  if (target <= 0 || ytd >= target) return { status: 'done', shortfall: null };
  // ytd ÷ target ≥ quarter ÷ 4, compared without division.
  if (ytd * 4 >= target * quarter) return { status: 'on_schedule', shortfall: null };
  return { status: 'behind', shortfall: Math.ceil((target * quarter) / 4) - ytd };
}

/** Does a value break a limit: above a ceiling (≤), below a floor (≥), or not equal (=)? */
export function breaks(value: number, op: TargetOp, limit: number): boolean {
  if (op === '<=') return value > limit + EPSILON;
  if (op === '>=') return value < limit - EPSILON;
  return Math.abs(value - limit) > EPSILON;
}

/** A rate target (a ceiling such as 失业率 ≤3.5%, or a floor): broken → 未达标; kept → 已完成 at Q4, 进度正常 before. */
export function rateStatus(rate: number | null, op: TargetOp, limit: number | null, quarter: Quarter): Verdict {
  if (rate === null || limit === null) return { status: 'no_data', shortfall: null };
  if (breaks(rate, op, limit)) return { status: 'missed', shortfall: null };
  return { status: quarter === 4 ? 'done' : 'on_schedule', shortfall: null };
}

/** 动态清零: any household left at quarter end → 未达标; none → 已完成 at Q4, 进度正常 before. */
export function zeroStatus(closing: number | null, quarter: Quarter): Verdict {
  if (closing === null) return { status: 'no_data', shortfall: null };
  if (closing > 0) return { status: 'missed', shortfall: null };
  return { status: quarter === 4 ? 'done' : 'on_schedule', shortfall: null };
}

/** A reference value the clerk entered for a relative target (上年值, 全市平均); quarter 0 is the whole year. */
export interface ReferenceValue {
  indicator: string;
  quarter: 0 | Quarter;
  value: number;
}

/** The reference a quarter is judged by: the quarter's own value wins over the whole-year one. */
export function referenceValue(references: readonly ReferenceValue[], indicator: string, quarter: Quarter): number | null {
  const own = references.find((r) => r.indicator === indicator && r.quarter === quarter);
  const year = references.find((r) => r.indicator === indicator && r.quarter === 0);
  return (own ?? year)?.value ?? null;
}

/** Everything a progress check reads: the plan, the quarter, the figures and what the clerk entered. */
export interface ProgressInput {
  plan: Plan;
  period: Period;
  /** Returns of the plan year, through the quarter. */
  returns: readonly ReturnRecord[];
  /** Returns of the year before (for comparisons across the turn of the year); empty when none. */
  previousYear: readonly ReturnRecord[];
  allocations: readonly Allocation[];
  references: readonly ReferenceValue[];
}

export interface TargetView {
  op: TargetOp;
  /** The figure judged against: the plan's, the area's allocation, or the entered reference; null when missing. */
  value: number | null;
  /** The name of a relative target's reference (上年值, 全市平均). */
  reference: string | null;
  source: 'plan' | 'allocation' | 'reference';
  /** A relative target's reference: entered by the clerk, or last year's year-end figure in the database. */
  origin?: 'entered' | 'previousYear' | null;
  /** ≥1,500 人, 分解 400 人, ≤3.5%, ≥92.98%(2021年末), ≥92.5%(上年值,录入), 动态清零 */
  text: string;
}

/** The figures a check of the input reads: the year through its quarter, and last year (for 不低于上年 and comparisons across the turn of the year). */
export function yearBook(input: ProgressInput): FigureBook {
  return figureBook([...input.previousYear, ...input.returns]);
}

/**
 * Last year's year-end figure of a rate for a set of units (不低于上年), from last year's returns in
 * the same database: the fourth quarter's numerators and denominators added up; null without them.
 */
export function previousYearEnd(book: FigureBook, period: Period, indicator: Indicator, units: readonly string[]): { rate: number | null; missing: string[] } {
  const r = book.rate({ year: period.year - 1, quarter: 4 }, units, indicator);
  return { rate: r.rate, missing: r.missing };
}

export interface IndicatorCheck {
  indicator: string;
  name: string;
  kind: Indicator['kind'];
  measure: string;
  decimals: number;
  /** null for monitor indicators, and for an area's count indicator that has no allocation. */
  target: TargetView | null;
  /** This quarter's figures by field, added up over the units in scope. */
  figures: Record<string, number | null>;
  /** The headline figure of the quarter: the count, the quarter-end rate (%), or the quarter-end stock. */
  quarterValue: number | null;
  /** Year to date (count and monitor); null for the other kinds, which are judged at quarter end. */
  ytd: number | null;
  /** Count: ytd ÷ target. */
  completion: number | null;
  schedule: number;
  status: ProgressStatus;
  statusText: string;
  shortfall: number | null;
  /** Units in scope that should report this indicator, and those that reported nothing for it this quarter. */
  reporters: { expected: number; reported: number; missing: string[] };
  /** Why a figure is missing or partial, in words any document may print. */
  note: string | null;
  /** The command that puts it right, for the clerk at the terminal (never printed in a document). */
  fix: string | null;
}

export interface UnitCheck {
  /** null for the whole district. */
  unit: string | null;
  name: string;
  kind: 'district' | 'area' | 'department';
  indicators: IndicatorCheck[];
}


interface Scope {
  units: string[];
  /** Count target: a number, or null when the area has no allocation. */
  countTarget: number | null;
  countSource: 'plan' | 'allocation';
}

/** One indicator checked for a set of units (the district: its reporting units; an area: itself). */
export function indicatorCheck(input: ProgressInput, book: FigureBook, indicator: Indicator, scope: Scope, unitNames: (codes: string[]) => string): IndicatorCheck {
  const { period } = input;
  const q = period.quarter;
  const notes: string[] = [];
  let fix: string | null = null;
  const figures: Record<string, number | null> = {};
  const fieldMissing = new Set<string>();
  for (const f of indicator.fields) {
    const s = book.sum(period, scope.units, indicator.code, f.key);
    figures[f.key] = s.value;
    s.missing.forEach((u) => fieldMissing.add(u));
  }
  let quarterValue: number | null = null;
  let ytd: number | null = null;
  let target: TargetView | null = null;
  let verdict: Verdict;
  const t = indicator.target;

  switch (indicator.kind) {
    case 'count':
    case 'monitor': {
      quarterValue = figures.quarter;
      for (let k = 1; k <= q; k++) {
        const s = book.sum({ year: period.year, quarter: k as Quarter }, scope.units, indicator.code, 'quarter');
        if (s.value !== null) ytd = (ytd ?? 0) + s.value;
      }
      if (indicator.kind === 'monitor') {
        verdict = { status: 'monitor', shortfall: null };
        break;
      }
      if (scope.countTarget === null) {
        verdict = { status: ytd === null ? 'no_data' : 'unallocated', shortfall: null };
        break;
      }
      const v = scope.countTarget;
      target = {
        op: '>=',
        value: v,
        reference: null,
        source: scope.countSource,
        text: scope.countSource === 'allocation' ? `分解${measureText(v, indicator.measure)}` : limitText('>=', v, indicator.measure),
      };
      verdict = countStatus(ytd, v, q);
      break;
    }
    case 'rate': {
      const r = book.rate(period, scope.units, indicator);
      quarterValue = r.rate;
      const limit = t?.value ?? null;
      const op = t?.op ?? '<=';
      target = { op, value: limit, reference: null, source: 'plan', text: limit === null ? '—' : limitText(op, limit, '%') };
      verdict = rateStatus(r.rate, op, limit, q);
      if (r.rate === null && r.denominator !== null) notes.push('分母为 0,无法计算比率');
      break;
    }
    case 'relative': {
      const r = book.rate(period, scope.units, indicator);
      quarterValue = r.rate;
      const name = t?.reference ?? '参考值';
      const entered = referenceValue(input.references, indicator.code, q);
      // 不低于上年: last year's year-end figure, unless the clerk entered one (which then wins, and says so).
      const lastYear = t?.from === 'previousYear' ? previousYearEnd(book, period, indicator, scope.units) : null;
      // Judged against the figure as published (two decimals), the one the clerk sees: 92.98%.
      const derived = lastYear?.rate === null || lastYear === null ? null : Math.round(lastYear.rate * 100) / 100;
      const yearEnd = `${period.year - 1}年末`;
      const ref = entered ?? derived;
      const origin = entered !== null ? 'entered' : derived !== null ? 'previousYear' : null;
      const text =
        origin === 'entered'
          ? `${limitText('>=', entered!, '%')}(${name}${lastYear ? ',录入' : ''})`
          : origin === 'previousYear'
            ? `${opSign('>=')}${rateText(derived!)}(${yearEnd})`
            : `${opWords('>=')}${name}(${lastYear ? `${yearEnd}无数据,` : ''}未录入)`;
      target = { op: '>=', value: ref, reference: name, source: 'reference', origin, text };
      verdict = rateStatus(r.rate, '>=', ref, q);
      if (origin === 'entered' && derived !== null) notes.push(`用录入的${name} ${measureText(entered!, '%')},数据库中${yearEnd}为 ${rateText(derived)}`);
      if (origin === 'previousYear' && lastYear!.missing.length > 0) notes.push(`${yearEnd}数字缺 ${lastYear!.missing.length} 个单位`);
      if (ref === null) {
        notes.push(`${lastYear ? `数据库中没有${period.year - 1}年第四季度的数字,` : ''}尚未录入${name}`);
        fix = `运行 ${launcher()} targets reference ${indicator.name}=数值`;
      }
      if (r.rate === null && r.denominator !== null) notes.push('分母为 0,无法计算比率');
      break;
    }
    case 'zero': {
      quarterValue = figures.closing;
      target = { op: '=', value: 0, reference: null, source: 'plan', text: '动态清零' };
      verdict = zeroStatus(figures.closing, q);
      break;
    }
  }

  const missing = scope.units.filter((u) => fieldMissing.has(u));
  if (verdict.status === 'no_data' && quarterValue === null && ytd === null) {
    notes.unshift(scope.units.length === 1 ? '未报送该指标' : '各报送单位均未报送该指标');
  } else if (missing.length > 0 && scope.units.length > 1) {
    notes.unshift(`${missing.length} 个单位本季度未报:${unitNames(missing)}`);
  } else if (missing.length > 0) {
    notes.unshift('本季度未报');
  }
  return {
    indicator: indicator.code,
    name: indicator.name,
    kind: indicator.kind,
    measure: indicator.measure,
    decimals: indicator.decimals,
    target,
    figures,
    quarterValue,
    ytd,
    completion: indicator.kind === 'count' ? completion(ytd, target?.value ?? null) : null,
    schedule: schedule(q),
    status: verdict.status,
    statusText: STATUS_TEXT[verdict.status],
    shortfall: verdict.shortfall,
    reporters: { expected: scope.units.length, reported: scope.units.length - missing.length, missing },
    note: notes.length > 0 ? notes.join(';') : null,
    fix,
  };
}

/** The whole district: each indicator's figures added up over its reporting units, against the plan's target. */
export function districtCheck(input: ProgressInput, book: FigureBook = yearBook(input)): UnitCheck {
  const names = unitNamer(input.plan);
  return {
    unit: null,
    name: `${input.plan.district}(全区)`,
    kind: 'district',
    indicators: input.plan.indicators.map((i) =>
      indicatorCheck(input, book, i, { units: i.reportedBy, countTarget: i.target?.value ?? 0, countSource: 'plan' }, names),
    ),
  };
}

/**
 * One unit's own figures for the indicators it reports. An area's count target is its allocation
 * (none: 未分解); a department that alone reports a count indicator answers for the district target;
 * rate and zero targets apply to every unit's own figures.
 */
export function unitCheck(input: ProgressInput, unit: Unit, book: FigureBook = yearBook(input)): UnitCheck {
  const names = unitNamer(input.plan);
  const allocation = (indicator: string) => allocationsOf(input).get(`${unit.code}.${indicator}`) ?? null;
  return {
    unit: unit.code,
    name: unit.name,
    kind: unit.kind,
    indicators: indicatorsReportedBy(input.plan, unit.code).map((i) => {
        let countTarget: number | null;
        let countSource: Scope['countSource'] = 'allocation';
        if (unit.kind === 'area') {
          countTarget = allocation(i.code);
        } else if (i.reportedBy.length === 1) {
          countTarget = i.target?.value ?? 0;
          countSource = 'plan';
        } else {
          countTarget = null;
        }
        return indicatorCheck(input, book, i, { units: [unit.code], countTarget, countSource }, names);
      }),
  };
}

/** The district and every area, as `check` shows them and the warnings read them. */
export function progressChecks(input: ProgressInput, book: FigureBook = yearBook(input)): { overall: UnitCheck; areas: UnitCheck[] } {
  return {
    overall: districtCheck(input, book),
    areas: input.plan.units.filter((u) => u.kind === 'area').map((u) => unitCheck(input, u, book)),
  };
}

// Allocations by "unit.indicator", indexed once per input: every area looks up its own.
const allocationIndex = new WeakMap<ProgressInput, Map<string, number>>();

function allocationsOf(input: ProgressInput): Map<string, number> {
  let index = allocationIndex.get(input);
  if (!index) {
    index = new Map(input.allocations.map((a) => [`${a.unit}.${a.indicator}`, a.value]));
    allocationIndex.set(input, index);
  }
  return index;
}

function unitNamer(plan: Plan): (codes: string[]) => string {
  return (codes) => codes.map((c) => unitName(plan, c)).join('、');
}
