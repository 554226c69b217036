// The plan's model: one year's units, indicators, targets and tasks for one district, and the look-ups
// every report makes on it. Reading a plan file is file.ts; making next year's, next-year.ts.
import type { AssessmentMethod } from '../assessment-method.js';

export type UnitKind = 'area' | 'department';
export type IndicatorKind = 'count' | 'rate' | 'relative' | 'zero' | 'monitor';
export type TargetOp = '>=' | '<=' | '=';

export interface Unit {
  code: string;
  name: string;
  fullName: string;
  kind: UnitKind;
  category: string;
  aliases: string[];
}

export interface Field {
  key: string;
  label: string;
}

export interface Target {
  op: TargetOp;
  /** A fixed figure: 1500 people, 3.5 (%), 0 households. */
  value?: number;
  /** For relative indicators: the name of the reference (上年值, 全市平均). */
  reference?: string;
  /**
   * Where a relative target's reference comes from: previousYear (不低于上年: last year's year-end
   * figure in the same database, unless the clerk enters one) or entered (全市平均: only what the clerk enters).
   */
  from?: 'previousYear' | 'entered';
}

/** A reference named 上年… is last year's figure; any other (全市平均) comes from outside and is entered. */
export function referenceFrom(reference: string): 'previousYear' | 'entered' {
  return /上年/.test(reference) ? 'previousYear' : 'entered';
}

export interface Indicator {
  code: string;
  name: string;
  aliases: string[];
  kind: IndicatorKind;
  measure: string;
  decimals: number;
  target?: Target;
  /** The figures a return carries for this indicator, in form order; keys fixed by the kind. */
  fields: Field[];
  /** Rate = numerator ÷ (denominator + numerator), as for the registered unemployment rate. */
  denominatorAddsNumerator: boolean;
  /** Unit codes, "@areas" already expanded. */
  reportedBy: string[];
  basis?: string;
}

export interface Task {
  id: string;
  section: string;
  title: string;
  summary: string;
  lead: string;
  /** Unit codes, "@areas"/"@all" expanded, duplicates and the lead removed, document order kept. */
  coUnits: string[];
  indicators: string[];
  basis?: string;
}

export interface WarningSettings {
  employmentDecline: { indicator: string; quarters: number; rule: string };
  unemploymentSurge: { indicator: string; risePoints: number; rule: string };
  massLayoff: { people: number; staffShare: number; noticeDays: number; rule: string };
  zeroFamilies: { indicator: string; rule: string };
  behindSchedule: { rule: string };
}

/** Thresholds of the data-quality hints (数据质量提示): a figure in the right shape can still be wrong. */
export interface DataQualitySettings {
  /** 疑似累计数: a quarterly figure ≈ the earlier quarters' sum plus low…high × their median, or ≥ farAbove × their largest. */
  cumulative: { low: number; high: number; farAbove: number; minValue: number };
  /** 基数跳变: these fields (indicator.field) moving by more than share from one quarter to the next in a year. */
  baseJump: { fields: string[]; share: number };
  /** 异常值: a figure more than times × the median of the unit's other quarters (at least minQuarters of them). */
  outlier: { times: number; minQuarters: number; minValue: number };
  /** 非整数人数: monitor figures in these measures must be whole. */
  wholePeople: { measures: string[] };
}

export interface Plan {
  format: string;
  id: string;
  district: string;
  year: number;
  title: string;
  source: string;
  office: string;
  deadline: { daysAfterQuarterEnd: number; rule: string; nearDays: number };
  warnings: WarningSettings;
  dataQuality: DataQualitySettings;
  /** 考核办法: how the year-end assessment scores each member unit (document 六(二)). */
  assessment: AssessmentMethod;
  units: Unit[];
  indicators: Indicator[];
  tasks: Task[];
}

/** The figures each kind of indicator is reported as; the plan supplies only their labels. */
export const FIELD_KEYS: Record<IndicatorKind, readonly string[]> = {
  count: ['quarter'],
  monitor: ['quarter'],
  rate: ['numerator', 'denominator'],
  relative: ['numerator', 'denominator'],
  zero: ['opening', 'added', 'cleared', 'closing'],
};

/** The comparisons a target of each kind of indicator may take: a monitor indicator has no target. */
export const TARGET_OPS: Record<IndicatorKind, readonly TargetOp[]> = {
  count: ['>='],
  rate: ['<=', '>='],
  relative: ['>='],
  zero: ['='],
  monitor: [],
};

// Look-ups a province-sized plan (a thousand units, tasks naming every area) makes on every return
// are built once per plan: scanning the lists for each unit is quadratic.
type RoleInTask = { task: Task; role: 'lead' | 'co' };
const indexes = new WeakMap<Plan, { reports: Map<string, Indicator[]>; tasks: Map<string, RoleInTask[]>; units: Map<string, Unit> }>();

function indexOf(plan: Plan) {
  let index = indexes.get(plan);
  if (!index) {
    const reports = new Map<string, Indicator[]>();
    for (const ind of plan.indicators) for (const u of ind.reportedBy) reports.set(u, [...(reports.get(u) ?? []), ind]);
    const tasks = new Map<string, RoleInTask[]>();
    const add = (unit: string, entry: RoleInTask) => {
      const list = tasks.get(unit);
      if (!list) tasks.set(unit, [entry]);
      else if (list[list.length - 1].task !== entry.task) list.push(entry); // a lead also listed as co-unit counts once
    };
    for (const task of plan.tasks) {
      add(task.lead, { task, role: 'lead' });
      for (const u of task.coUnits) add(u, { task, role: 'co' });
    }
    index = { reports, tasks, units: new Map(plan.units.map((u) => [u.code, u])) };
    indexes.set(plan, index);
  }
  return index;
}

/** The indicators a unit reports, in plan order. */
export function indicatorsReportedBy(plan: Plan, unitCode: string): Indicator[] {
  return indexOf(plan).reports.get(unitCode) ?? [];
}

/** The tasks a unit leads or assists, with its role, in plan order. */
export function tasksOf(plan: Plan, unitCode: string): readonly RoleInTask[] {
  return indexOf(plan).tasks.get(unitCode) ?? [];
}

/** A unit's short name, or its code when the plan does not have it (a unit from an old return). */
export function unitName(plan: Plan, code: string): string {
  return indexOf(plan).units.get(code)?.name ?? code;
}

/** Look-ups by code that the plan guarantees to succeed after validation. */
export function unitByCode(plan: Plan, code: string): Unit {
  const u = indexOf(plan).units.get(code);
  if (!u) throw new Error(`unit ${code} not in plan ${plan.id}`);
  return u;
}

/** An indicator by code, which the plan guarantees after validation. */
export function indicatorByCode(plan: Plan, code: string): Indicator {
  const i = plan.indicators.find((x) => x.code === code);
  if (!i) throw new Error(`indicator ${code} not in plan ${plan.id}`);
  return i;
}
