// Who is responsible for what: the responsibility table of the plan, whole or for one unit or task.
import { indicatorsReportedBy, unitName, type Plan, type Task, type Unit } from './plan/model.js';

export interface Named {
  code: string;
  name: string;
}

export interface DutyRow {
  id: string;
  title: string;
  summary: string;
  lead: Named;
  coUnits: Named[];
  indicators: Named[];
  /** The chosen unit's role in this task, when the table is for one unit. */
  role?: 'lead' | 'co';
  basis?: string;
}

export interface DutyReport {
  year: number;
  district: string;
  unit?: Named;
  task?: string;
  tasks: DutyRow[];
  /** For one unit: the indicators it reports each quarter. */
  reports?: Named[];
}

/** The responsibility table; for a unit, the tasks it leads or assists, in document order. */
export function dutyReport(plan: Plan, filter: { unit?: Unit; task?: Task } = {}): DutyReport {
  const named = (code: string): Named => {
    return { code, name: unitName(plan, code) };
  };
  const indicatorNamed = (code: string): Named => ({ code, name: plan.indicators.find((i) => i.code === code)?.name ?? code });
  const rows: DutyRow[] = [];
  for (const t of plan.tasks) {
    if (filter.task && t.id !== filter.task.id) continue;
    let role: 'lead' | 'co' | undefined;
    if (filter.unit) {
      if (t.lead === filter.unit.code) role = 'lead';
      else if (t.coUnits.includes(filter.unit.code)) role = 'co';
      else continue;
    }
    rows.push({
      id: t.id,
      title: t.title,
      summary: t.summary,
      lead: named(t.lead),
      coUnits: t.coUnits.map(named),
      indicators: t.indicators.map(indicatorNamed),
      ...(role ? { role } : {}),
      ...(t.basis ? { basis: t.basis } : {}),
    });
  }
  return {
    year: plan.year,
    district: plan.district,
    ...(filter.unit ? { unit: named(filter.unit.code) } : {}),
    ...(filter.task ? { task: filter.task.id } : {}),
    tasks: rows,
    ...(filter.unit
      ? { reports: indicatorsReportedBy(plan, filter.unit.code).map((i) => ({ code: i.code, name: i.name })) }
      : {}),
  };
}

/**
 * A list of units as a person reads it: all areas become 各镇街(6个), every member but the lead
 * becomes 领导小组全体成员单位; the rest by name.
 */
export function unitListText(plan: Plan, codes: string[], lead?: string): string {
  if (codes.length === 0) return '—';
  const others = plan.units.filter((u) => u.code !== lead).map((u) => u.code);
  if (codes.length === others.length && others.every((c) => codes.includes(c))) {
    return `领导小组全体成员单位(${codes.length}个)`;
  }
  const areas = plan.units.filter((u) => u.kind === 'area').map((u) => u.code);
  const allAreas = areas.length > 1 && areas.every((c) => codes.includes(c));
  const names = codes.filter((c) => !allAreas || !areas.includes(c)).map((c) => unitName(plan, c));
  if (allAreas) names.push(`各镇街(${areas.length}个)`);
  return names.join('、');
}
