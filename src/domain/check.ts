// The quarterly check: indicators against targets and schedule, task progress by responsible unit, and the warnings.
import type { Calendars } from './calendar.js';
import { overdueReport, type OverdueReport, type ReceivedReturn } from './deadline.js';
import { formatPeriod, periodTitle, samePeriod, type Period, type Quarter } from './period.js';
import { unitName, type Plan, type Unit } from './plan/model.js';
import { progressChecks, schedule, unitCheck, yearBook, type ProgressInput, type UnitCheck } from './progress.js';
import type { ReturnRecord } from './return.js';
import type { TaskStatus } from '../format/words.js';
import type { Finding, NotEvaluated, RiskWarning } from './finding.js';
import { quarterHints, riskWarnings } from './rules.js';

export interface Named {
  code: string;
  name: string;
}

export interface TaskUnitProgress {
  unit: string;
  name: string;
  role: 'lead' | 'co';
  /** The unit sent a return this quarter (it may still have said nothing about this task). */
  returned: boolean;
  status: TaskStatus | null;
  note: string | null;
}

export interface TaskCheck {
  id: string;
  title: string;
  lead: Named;
  /** Lead first, then co-units, in document order. */
  units: TaskUnitProgress[];
  /** Responsible units that gave neither a status nor a note this quarter. */
  silent: Named[];
}

export interface CheckReport {
  year: number;
  period: string;
  periodTitle: string;
  district: string;
  /** 序时进度 of the quarter, 0.25 … 1. */
  schedule: number;
  /** The unit the check is limited to, or null for the district and every area. */
  unit: (Named & { kind: Unit['kind'] }) | null;
  returns: { expected: number; received: number; missing: Named[] };
  /** The whole district; null when limited to one unit. */
  overall: UnitCheck | null;
  /** Every area, or the one unit. */
  units: UnitCheck[];
  tasks: TaskCheck[];
  warnings: RiskWarning[];
  notEvaluated: NotEvaluated[];
  /** 数据质量提示 on the quarter's returns (never a refusal: figures to confirm with the unit). */
  hints: Finding[];
  /** Indicators behind schedule in this check (what --fail-on-behind counts). */
  behind: number;
}

/** 进度检查: the district and each area against its allocation (or one unit), task progress and warnings. */
export function checkReport(input: ProgressInput, filter: { unit?: Unit } = {}): CheckReport {
  const { plan, period } = input;
  // One index of the figures (this year's and last year's) for the checks and the warnings alike.
  const book = yearBook(input);
  const checks = progressChecks(input, book);
  const found = riskWarnings(input, checks, book);
  const only = filter.unit;
  const overall = only ? null : checks.overall;
  const units = only ? [only.kind === 'area' ? checks.areas.find((a) => a.unit === only.code)! : unitCheck(input, only)] : checks.areas;
  const expected = only ? [only] : plan.units;
  const current = input.returns.filter((r) => samePeriod(r.period, period));
  const received = new Set(current.map((r) => r.unit));
  const inScope = (code: string | null) => !only || code === only.code;
  const all = [...(overall ? [overall] : []), ...units];
  return {
    year: period.year,
    period: formatPeriod(period),
    periodTitle: periodTitle(period),
    district: plan.district,
    schedule: schedule(period.quarter),
    unit: only ? { code: only.code, name: only.name, kind: only.kind } : null,
    returns: {
      expected: expected.length,
      received: expected.filter((u) => received.has(u.code)).length,
      missing: expected.filter((u) => !received.has(u.code)).map((u) => ({ code: u.code, name: u.name })),
    },
    overall,
    units,
    tasks: taskProgress(plan, current, only),
    warnings: found.warnings.filter((w) => inScope(w.unit)),
    notEvaluated: found.notEvaluated.filter((n) => inScope(n.unit)),
    hints: quarterHints(input, book).filter((h) => inScope(h.unit)),
    behind: all.reduce((n, u) => n + u.indicators.filter((i) => i.status === 'behind').length, 0),
  };
}

/** One quarter as its own check and overdue saw it: the returns up to its end, the deadlines as of a day. */
export interface QuarterView {
  period: Period;
  input: ProgressInput;
  check: CheckReport;
  overdue: OverdueReport;
}

/**
 * Quarters of the input's year, each checked as its own report did (for trends and the year-end
 * assessment): its returns are those up to its end; its submissions are judged as of `asOf`.
 */
export function quarterViews(
  input: Omit<ProgressInput, 'returns' | 'previousYear'> & { returns: readonly ReceivedReturn[]; previousYear: readonly ReceivedReturn[] },
  quarters: readonly Quarter[],
  asOf: string,
  calendars: Calendars,
): QuarterView[] {
  return quarters.map((quarter) => {
    const period = { year: input.period.year, quarter };
    const returns = input.returns.filter((r) => r.period.quarter <= quarter);
    const own = { ...input, period, returns };
    return {
      period,
      input: own,
      check: checkReport(own),
      overdue: overdueReport({ plan: input.plan, period, asOf, returns: [...input.previousYear, ...returns], calendars }),
    };
  });
}

/** 任务推进情况: each task's status and note from every responsible unit this quarter, and who said nothing. */
export function taskProgress(plan: Plan, quarterReturns: readonly ReturnRecord[], only?: Unit): TaskCheck[] {
  const byUnit = new Map(quarterReturns.map((r) => [r.unit, r]));
  const name = (code: string) => unitName(plan, code);
  const out: TaskCheck[] = [];
  for (const task of plan.tasks) {
    const responsible = [{ code: task.lead, role: 'lead' as const }, ...task.coUnits.map((code) => ({ code, role: 'co' as const }))].filter(
      (x) => !only || x.code === only.code,
    );
    if (responsible.length === 0) continue;
    const units = responsible.map((x): TaskUnitProgress => {
      const ret = byUnit.get(x.code);
      const p = ret?.progress.find((y) => y.task === task.id);
      const note = p?.note?.trim() ? p.note.trim() : null;
      return { unit: x.code, name: name(x.code), role: x.role, returned: ret !== undefined, status: p?.status ?? null, note };
    });
    out.push({
      id: task.id,
      title: task.title,
      lead: { code: task.lead, name: name(task.lead) },
      units,
      silent: units.filter((u) => u.status === null && u.note === null).map((u) => ({ code: u.unit, name: u.name })),
    });
  }
  return out;
}
