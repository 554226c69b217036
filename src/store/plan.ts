// Plan data in the database: written once by init, read back by every command.
import { InputError } from '../errors.js';
import type { Allocation } from '../domain/allocation.js';
import { defaultAssessment } from '../domain/assessment-method.js';
import { defaultDataQuality, planToFile } from '../domain/plan/file.js';
import { missingPlanAdvice } from '../domain/plan/next-year.js';
import { referenceFrom, type Field, type Indicator, type IndicatorKind, type Plan, type Task, type TargetOp, type Unit, type UnitKind } from '../domain/plan/model.js';
import type { Db } from './db.js';
import { launcher } from '../format/command.js';

/** Stores a validated plan under its year; refuses a year that already has one. */
export function savePlan(db: Db, plan: Plan, loadedFrom: string, at: Date): void {
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM plans WHERE year = ?').get(plan.year)) {
      throw new InputError(`数据库中已有 ${plan.year} 年的方案`);
    }
    insertPlan(db, plan, loadedFrom, at);
  })();
}

/**
 * Replaces a year's plan in one transaction: the old one goes to plan_history whole; allocations
 * and reference values of units and indicators the new plan keeps stay; the returns stay (the
 * caller has made sure the new plan keeps everything they refer to). Returns what was dropped.
 */
export function replacePlan(db: Db, plan: Plan, loadedFrom: string, at: Date): { droppedAllocations: Allocation[]; droppedReferences: number } {
  return db.transaction(() => {
    const old = readPlan(db, plan.year);
    const meta = db.prepare('SELECT loaded_from, loaded_at FROM plans WHERE year = ?').get(plan.year) as { loaded_from: string; loaded_at: string };
    db.prepare('INSERT INTO plan_history (year, plan, loaded_from, loaded_at, replaced_at, replaced_by) VALUES (?, ?, ?, ?, ?, ?)').run(
      plan.year,
      JSON.stringify(planToFile(old)),
      meta.loaded_from,
      meta.loaded_at,
      at.toISOString(),
      loadedFrom,
    );
    const allocations = db.prepare('SELECT indicator, unit, value, updated_at FROM allocations WHERE year = ?').all(plan.year) as { indicator: string; unit: string; value: number; updated_at: string }[];
    const references = db.prepare('SELECT quarter, indicator, value, updated_at FROM reference_values WHERE year = ?').all(plan.year) as { quarter: number; indicator: string; value: number; updated_at: string }[];
    // Returns point at the year's units; the check waits for the commit, when the new units are in.
    db.pragma('defer_foreign_keys = ON');
    db.prepare('DELETE FROM plans WHERE year = ?').run(plan.year);
    insertPlan(db, plan, loadedFrom, at);
    const units = new Set(plan.units.map((u) => u.code));
    const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
    const keptAllocations = allocations.filter((a) => units.has(a.unit) && indicators.get(a.indicator)?.kind === 'count');
    const keptReferences = references.filter((r) => indicators.get(r.indicator)?.kind === 'relative');
    const putAllocation = db.prepare('INSERT INTO allocations (year, indicator, unit, value, updated_at) VALUES (?, ?, ?, ?, ?)');
    for (const a of keptAllocations) putAllocation.run(plan.year, a.indicator, a.unit, a.value, a.updated_at);
    const putReference = db.prepare('INSERT INTO reference_values (year, quarter, indicator, value, updated_at) VALUES (?, ?, ?, ?, ?)');
    for (const r of keptReferences) putReference.run(plan.year, r.quarter, r.indicator, r.value, r.updated_at);
    return {
      droppedAllocations: allocations.filter((a) => !keptAllocations.includes(a)).map(({ indicator, unit, value }) => ({ indicator, unit, value })),
      droppedReferences: references.length - keptReferences.length,
    };
  })();
}

/** What removing a year's plan takes with it, counted before it goes. */
export interface RemovedYear {
  allocations: number;
  references: number;
  replaced: number;
}

/**
 * Deletes a year's plan with its allocations, reference values, earlier versions and quarter locks, in
 * one transaction; refuses a year that holds returns (they would point at nothing). Calendars stay:
 * they belong to the calendar year, not to the plan.
 */
export function removePlan(db: Db, year: number): RemovedYear {
  return db.transaction((): RemovedYear => {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE year = ?`).get(year) as { n: number }).n;
    if (count('plans') === 0) throw new InputError(`数据库中没有 ${year} 年的方案(已有:${planYears(db).join('、') || '无'} 年)`);
    const returns = count('returns');
    if (returns > 0) throw new InputError(`${year} 年已有 ${returns} 份报表,不能删除该年度的方案。如是方案有误,请改好后用 ${launcher()} plan add 方案文件 --replace 替换`);
    const removed = { allocations: count('allocations'), references: count('reference_values'), replaced: count('plan_history') };
    db.prepare('DELETE FROM plans WHERE year = ?').run(year);
    db.prepare('DELETE FROM plan_history WHERE year = ?').run(year);
    db.prepare('DELETE FROM locks WHERE year = ?').run(year);
    return removed;
  }).immediate();
}

/** What a year's stored returns refer to: the units that sent them, the figures (indicator.field) and the tasks reported. */
export function usedByReturns(db: Db, year: number): { units: Set<string>; figures: Set<string>; tasks: Set<string> } {
  const column = (sql: string) => new Set((db.prepare(sql).pluck().all(year) as string[]));
  return {
    units: column('SELECT DISTINCT unit FROM returns WHERE year = ?'),
    figures: column("SELECT DISTINCT f.indicator || '.' || f.field FROM figures f JOIN returns r ON r.id = f.return_id WHERE r.year = ?"),
    tasks: column('SELECT DISTINCT p.task FROM progress p JOIN returns r ON r.id = p.return_id WHERE r.year = ?'),
  };
}

export interface PlanSummary {
  year: number;
  id: string;
  title: string;
  source: string;
  loadedFrom: string;
  loadedAt: string;
  units: number;
  indicators: number;
  tasks: number;
  returns: number;
  /** Earlier versions of the year's plan, replaced by plan add --replace. */
  replaced: number;
}

/** Each year's plan with its counts and how many returns it holds, oldest first. */
export function planSummaries(db: Db): PlanSummary[] {
  const count = (table: string) => new Map((db.prepare(`SELECT year, count(*) AS n FROM ${table} GROUP BY year`).all() as { year: number; n: number }[]).map((r) => [r.year, r.n]));
  const [units, indicators, tasks, returns, replaced] = ['units', 'indicators', 'tasks', 'returns', 'plan_history'].map(count);
  return (db.prepare('SELECT year, plan_id, title, source, loaded_from, loaded_at FROM plans ORDER BY year').all() as { year: number; plan_id: string; title: string; source: string; loaded_from: string; loaded_at: string }[]).map((p) => ({
    year: p.year,
    id: p.plan_id,
    title: p.title,
    source: p.source,
    loadedFrom: p.loaded_from,
    loadedAt: p.loaded_at,
    units: units.get(p.year) ?? 0,
    indicators: indicators.get(p.year) ?? 0,
    tasks: tasks.get(p.year) ?? 0,
    returns: returns.get(p.year) ?? 0,
    replaced: replaced.get(p.year) ?? 0,
  }));
}

/** The plan rows of a year (the caller holds the transaction and has checked the year is free). */
function insertPlan(db: Db, plan: Plan, loadedFrom: string, at: Date): void {
  const settings = { format: plan.format, deadline: plan.deadline, warnings: plan.warnings, dataQuality: plan.dataQuality, assessment: plan.assessment };
  db.prepare(
    `INSERT INTO plans (year, plan_id, district, title, source, office, deadline_days, settings, loaded_from, loaded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(plan.year, plan.id, plan.district, plan.title, plan.source, plan.office, plan.deadline.daysAfterQuarterEnd, JSON.stringify(settings), loadedFrom, at.toISOString());

  const unit = db.prepare('INSERT INTO units (year, code, position, name, full_name, kind, category, aliases) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  plan.units.forEach((u, i) => unit.run(plan.year, u.code, i, u.name, u.fullName, u.kind, u.category, JSON.stringify(u.aliases)));

  const indicator = db.prepare(
    `INSERT INTO indicators (year, code, position, name, aliases, kind, measure, decimals, fields, denominator_adds_numerator, basis)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const reporter = db.prepare('INSERT INTO indicator_reporters (year, indicator, unit) VALUES (?, ?, ?)');
  const target = db.prepare('INSERT INTO targets (year, indicator, op, value, reference, reference_from) VALUES (?, ?, ?, ?, ?, ?)');
  plan.indicators.forEach((x, i) => {
    indicator.run(plan.year, x.code, i, x.name, JSON.stringify(x.aliases), x.kind, x.measure, x.decimals, JSON.stringify(x.fields), x.denominatorAddsNumerator ? 1 : 0, x.basis ?? null);
    for (const u of x.reportedBy) reporter.run(plan.year, x.code, u);
    if (x.target) target.run(plan.year, x.code, x.target.op, x.target.value ?? null, x.target.reference ?? null, x.target.from ?? null);
  });

  const task = db.prepare('INSERT INTO tasks (year, id, position, section, title, summary, basis) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const resp = db.prepare('INSERT INTO responsibilities (year, task, unit, role, position) VALUES (?, ?, ?, ?, ?)');
  const ti = db.prepare('INSERT INTO task_indicators (year, task, indicator, position) VALUES (?, ?, ?, ?)');
  plan.tasks.forEach((t, i) => {
    task.run(plan.year, t.id, i, t.section, t.title, t.summary, t.basis ?? null);
    resp.run(plan.year, t.id, t.lead, 'lead', 0);
    t.coUnits.forEach((u, j) => resp.run(plan.year, t.id, u, 'co', j + 1));
    t.indicators.forEach((c, j) => ti.run(plan.year, t.id, c, j));
  });
}

/** Each year's deadline rule: days after quarter end (季后N日). */
export function deadlineDays(db: Db): Map<number, number> {
  return new Map((db.prepare('SELECT year, deadline_days AS days FROM plans').all() as { year: number; days: number }[]).map((r) => [r.year, r.days]));
}

/** The years that have a plan, oldest first. */
export function planYears(db: Db): number[] {
  return (db.prepare('SELECT year FROM plans ORDER BY year').all() as { year: number }[]).map((r) => r.year);
}

/** The plan of a year (default: the latest); a missing one is an error that says what to do. */
export function readPlan(db: Db, year?: number): Plan {
  const years = planYears(db);
  if (years.length === 0) throw new InputError(`数据库中还没有方案。请运行 ${launcher()} init 载入方案`);
  const y = year ?? years[years.length - 1];
  const p = db.prepare('SELECT * FROM plans WHERE year = ?').get(y) as PlanRow | undefined;
  if (!p) throw new InputError(`数据库中没有 ${y} 年的方案(已有:${years.join('、')} 年)${missingPlanAdvice(years, y, '。')}`);
  const settings = JSON.parse(p.settings) as Pick<Plan, 'format' | 'deadline' | 'warnings'> & Partial<Pick<Plan, 'dataQuality' | 'assessment'>>;

  const units: Unit[] = (db.prepare('SELECT * FROM units WHERE year = ? ORDER BY position').all(y) as UnitRow[]).map((r) => ({
    code: r.code,
    name: r.name,
    fullName: r.full_name,
    kind: r.kind as UnitKind,
    category: r.category,
    aliases: JSON.parse(r.aliases) as string[],
  }));

  const reporters = groupBy(
    // savePlan writes each indicator's reporters in plan order, so insertion (rowid) order is plan order.
    db.prepare('SELECT indicator, unit FROM indicator_reporters WHERE year = ? ORDER BY rowid').all(y) as { indicator: string; unit: string }[],
    (r) => r.indicator,
    (r) => r.unit,
  );
  const targets = new Map(
    (db.prepare('SELECT * FROM targets WHERE year = ?').all(y) as TargetRow[]).map((t) => [
      t.indicator,
      t.value !== null
        ? { op: t.op as TargetOp, value: t.value }
        : // A target stored before references had a source takes it from its name, as a plan file does.
          { op: t.op as TargetOp, reference: t.reference ?? '', from: t.reference_from ?? referenceFrom(t.reference ?? '') },
    ]),
  );
  const indicators: Indicator[] = (db.prepare('SELECT * FROM indicators WHERE year = ? ORDER BY position').all(y) as IndicatorRow[]).map((r) => ({
    code: r.code,
    name: r.name,
    aliases: JSON.parse(r.aliases) as string[],
    kind: r.kind as IndicatorKind,
    measure: r.measure,
    decimals: r.decimals,
    target: targets.get(r.code),
    fields: JSON.parse(r.fields) as Field[],
    denominatorAddsNumerator: r.denominator_adds_numerator === 1,
    reportedBy: reporters.get(r.code) ?? [],
    basis: r.basis ?? undefined,
  }));

  const resp = db.prepare('SELECT task, unit, role FROM responsibilities WHERE year = ? ORDER BY task, position').all(y) as { task: string; unit: string; role: string }[];
  const taskIndicators = groupBy(
    db.prepare('SELECT task, indicator FROM task_indicators WHERE year = ? ORDER BY task, position').all(y) as { task: string; indicator: string }[],
    (r) => r.task,
    (r) => r.indicator,
  );
  const tasks: Task[] = (db.prepare('SELECT * FROM tasks WHERE year = ? ORDER BY position').all(y) as TaskRow[]).map((r) => ({
    id: r.id,
    section: r.section,
    title: r.title,
    summary: r.summary,
    lead: resp.find((x) => x.task === r.id && x.role === 'lead')?.unit ?? '',
    coUnits: resp.filter((x) => x.task === r.id && x.role === 'co').map((x) => x.unit),
    indicators: taskIndicators.get(r.id) ?? [],
    basis: r.basis ?? undefined,
  }));

  return {
    format: settings.format,
    id: p.plan_id,
    district: p.district,
    year: p.year,
    title: p.title,
    source: p.source,
    office: p.office,
    deadline: settings.deadline,
    warnings: settings.warnings,
    // A plan stored before the data-quality hints existed gets the default thresholds.
    dataQuality: settings.dataQuality ?? defaultDataQuality(indicators),
    // A plan stored before the assessment existed gets the default method, labelled 考核办法(默认,可修改).
    assessment: settings.assessment ?? defaultAssessment({ units, indicators, tasks }),
    units,
    indicators,
    tasks,
  };
}

/** The stored allocations of a year. */
export function readAllocations(db: Db, year: number): Allocation[] {
  return db.prepare('SELECT indicator, unit, value FROM allocations WHERE year = ? ORDER BY indicator, unit').all(year) as Allocation[];
}

/** Sets (or replaces) allocations in one transaction. */
export function saveAllocations(db: Db, year: number, allocations: Allocation[], at: Date): void {
  const upsert = db.prepare(
    `INSERT INTO allocations (year, indicator, unit, value, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (year, indicator, unit) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  db.transaction(() => {
    for (const a of allocations) upsert.run(year, a.indicator, a.unit, a.value, at.toISOString());
  })();
}

function groupBy<R>(rows: R[], key: (r: R) => string, value: (r: R) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k) ?? [];
    list.push(value(r));
    out.set(k, list);
  }
  return out;
}

interface PlanRow {
  year: number;
  plan_id: string;
  district: string;
  title: string;
  source: string;
  office: string;
  settings: string;
}
interface UnitRow {
  code: string;
  name: string;
  full_name: string;
  kind: string;
  category: string;
  aliases: string;
}
interface TargetRow {
  indicator: string;
  op: string;
  value: number | null;
  reference: string | null;
  reference_from: 'previousYear' | 'entered' | null;
}
interface IndicatorRow {
  code: string;
  name: string;
  aliases: string;
  kind: string;
  measure: string;
  decimals: number;
  fields: string;
  denominator_adds_numerator: number;
  basis: string | null;
}
interface TaskRow {
  id: string;
  section: string;
  title: string;
  summary: string;
  basis: string | null;
}
