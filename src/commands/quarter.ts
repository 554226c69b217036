// Which quarter check and warn look at, and reading what a progress check needs for it.
import { InputError } from '../errors.js';
import type { Io } from '../io.js';
import { formatPeriod, periodOption, type Period, type Quarter } from '../domain/period.js';
import type { Plan, Unit } from '../domain/plan.js';
import type { ProgressInput } from '../domain/progress.js';
import type { Db } from '../store/db.js';
import { readAllocations } from '../store/plan.js';
import { readReferenceValues } from '../store/references.js';
import { readReturns } from '../store/returns.js';
import { openStore, unitOption } from './common.js';

/** The latest quarter of a year with any stored return, or null. */
export function latestQuarterWithReturns(db: Db, year: number): Quarter | null {
  const quarters = readReturns(db, year).map((r) => r.period.quarter);
  return quarters.length > 0 ? (Math.max(...quarters) as Quarter) : null;
}

/**
 * Opens the store for --quarter (its year's plan), or for the latest quarter with returns in the
 * latest plan year; with neither, says so. --unit is checked first, as a usage error. The caller closes db.
 */
export function openForQuarter(io: Io, flags: { db?: string; quarter?: string; unit?: string }): { db: Db; plan: Plan; period: Period; unit?: Unit } {
  const explicit = flags.quarter !== undefined ? periodOption(flags.quarter) : undefined;
  const { db, plan } = openStore(io, { db: flags.db, year: explicit ? String(explicit.year) : undefined });
  let unit: Unit | undefined;
  try {
    unit = flags.unit !== undefined ? unitOption(plan, flags.unit) : undefined;
  } catch (e) {
    db.close();
    throw e;
  }
  if (explicit) return { db, plan, period: explicit, unit };
  const q = latestQuarterWithReturns(db, plan.year);
  if (q === null) {
    db.close();
    throw new InputError(
      `${plan.year} 年还没有导入任何季度报表,无法确定要检查哪个季度。请先导入收到的报表(jiuye import),或用 --quarter 指定季度,如 --quarter ${formatPeriod({ year: plan.year, quarter: 1 })}`,
    );
  }
  return { db, plan, period: { year: plan.year, quarter: q }, unit };
}

/** The returns of the year through the quarter, last year's returns, allocations and reference values. */
export function readProgressInput(db: Db, plan: Plan, period: Period): ProgressInput {
  return {
    plan,
    period,
    returns: readReturns(db, period.year, period.quarter),
    previousYear: readReturns(db, period.year - 1),
    allocations: readAllocations(db, period.year),
    references: readReferenceValues(db, period.year),
  };
}
