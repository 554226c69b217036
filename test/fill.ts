// Returns made by hand for the progress, deadline and warning tests, and a database filled with them.
import { join } from 'node:path';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { parsePeriod } from '../src/domain/period.js';
import type { Plan } from '../src/domain/plan/model.js';
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

/** Three quarters of 2021: every area reports, 陈大镇 misses Q3, 列西街道 is late, 列东 has a layoff case. */
export function threeQuarters(): (ReturnRecord & { receivedOn: string })[] {
  const received: Record<number, string> = { 1: '2021-04-06', 2: '2021-07-05', 3: '2021-10-08' };
  const xinzeng: Record<string, number[]> = { liedong: [110, 95, 80], liexi: [90, 100, 95], xubi: [70, 75, 60], chenda: [40, 45, 50], yangxi: [30, 35, 20], kaifaqu: [60, 80, 90] };
  return AREAS.flatMap((unit) =>
    [1, 2, 3]
      .filter((q) => !(unit === 'chenda' && q === 3))
      .map((q) => ({
        ...ret(unit, `2021Q${q}`, {
          figures: {
            xinzeng: xinzeng[unit][q - 1],
            shiyelv: { numerator: 100 + q * 5, denominator: 4000 },
            // Each quarter opens with the last one's closing count: 洋溪镇 keeps one household all year.
            lingjiuye: unit === 'yangxi' ? { opening: 1, added: 0, cleared: 0, closing: 1 } : q === 1 ? { opening: 1, added: 0, cleared: 1, closing: 0 } : { opening: 0, added: 1, cleared: 1, closing: 0 },
          },
          filledBy: `${unit}联系人`,
          phone: `0598-83000${q}`,
          progress: unit === 'liedong' ? [{ task: '二(一)', status: '推进中', note: `第${q}季度举办招聘会 3 场` }] : [],
          layoffs: unit === 'liedong' && q === 3 ? [{ firm: '某纺织公司', staff: 300, laidOff: 35, noticeOn: '2021-08-20', layoffOn: '2021-09-10' }] : [],
        }),
        receivedOn: unit === 'liexi' && q === 3 ? '2021-10-11' : received[q],
      })),
  );
}

/** 城镇新增就业 allocated to the six areas, adding up to 1,500. */
export const AREA_ALLOCATIONS: Allocation[] = [
  ['liedong', 400],
  ['liexi', 350],
  ['xubi', 300],
  ['chenda', 200],
  ['yangxi', 150],
  ['kaifaqu', 100],
].map(([unit, value]) => ({ unit: unit as string, indicator: 'xinzeng', value: value as number }));
