// Returns made by hand for the progress, deadline and warning tests, and a database filled with them.
import { join } from 'node:path';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { parsePeriod } from '../src/domain/period.js';
import type { Plan } from '../src/domain/plan.js';
import type { Layoff, Progress, ReturnRecord } from '../src/domain/return.js';
import type { ProgressInput, ReferenceValue } from '../src/domain/progress.js';
import type { Allocation } from '../src/domain/allocation.js';
import { openDb } from '../src/store/db.js';
import { saveReturn } from '../src/store/returns.js';
import { saveAllocations } from '../src/store/plan.js';

export const PLAN: Plan = loadPlanFile(DEFAULT_PLAN);
export const AREAS = ['liedong', 'liexi', 'xubi', 'chenda', 'yangxi', 'kaifaqu'] as const;

/** A figure per indicator: a number is the quarter's count; an object names the fields. */
export type FigureSpec = Record<string, number | Record<string, number>>;

export interface ReturnSpec {
  figures?: FigureSpec;
  progress?: Progress[];
  layoffs?: Layoff[];
  filledBy?: string | null;
  phone?: string | null;
}

/** A return of one unit for a quarter written 2021Q3. */
export function ret(unit: string, period: string, spec: ReturnSpec = {}): ReturnRecord {
  const p = parsePeriod(period);
  if (!p) throw new Error(`bad period ${period}`);
  const figures = Object.entries(spec.figures ?? {}).flatMap(([indicator, v]) =>
    typeof v === 'number' ? [{ indicator, field: 'quarter', value: v }] : Object.entries(v).map(([field, value]) => ({ indicator, field, value })),
  );
  return {
    unit,
    period: p,
    filledBy: spec.filledBy === undefined ? `${unit}填报人` : spec.filledBy,
    phone: spec.phone === undefined ? '0598-8000000' : spec.phone,
    filledOn: null,
    templateVersion: null,
    figures,
    progress: spec.progress ?? [],
    layoffs: spec.layoffs ?? [],
  };
}

/** The same figures from every area. */
export function everyArea(period: string, spec: ReturnSpec | ((unit: string) => ReturnSpec)): ReturnRecord[] {
  return AREAS.map((u) => ret(u, period, typeof spec === 'function' ? spec(u) : spec));
}

/** A progress input for a quarter from the returns given (split into this year and the year before). */
export function input(period: string, returns: ReturnRecord[], extra: { allocations?: Allocation[]; references?: ReferenceValue[]; plan?: Plan } = {}): ProgressInput {
  const p = parsePeriod(period)!;
  return {
    plan: extra.plan ?? PLAN,
    period: p,
    returns: returns.filter((r) => r.period.year === p.year && r.period.quarter <= p.quarter),
    previousYear: returns.filter((r) => r.period.year === p.year - 1),
    allocations: extra.allocations ?? [],
    references: extra.references ?? [],
  };
}

/** Writes returns (received on the given day, or the one in the map) into an existing database file. */
export function fill(
  dbFile: string,
  returns: (ReturnRecord & { receivedOn?: string })[],
  extra: { allocations?: Allocation[] } = {},
): void {
  const db = openDb(dbFile);
  try {
    returns.forEach((r, i) => {
      const { receivedOn, ...record } = r;
      const out = saveReturn(db, record, { fileName: `${r.unit}-${i}.xlsx`, fileHash: `hash-${r.unit}-${i}`, receivedOn: receivedOn ?? '2021-01-01' }, { replace: true }, new Date(2021, 0, 1));
      if (out.action === 'unchanged') throw new Error('fixture return not written');
    });
    if (extra.allocations) saveAllocations(db, 2021, extra.allocations, new Date(2021, 0, 1));
  } finally {
    db.close();
  }
}

export function dbIn(dir: string): string {
  return join(dir, 'jiuye.db');
}
