// Reported figures looked up by quarter, unit, indicator and field, and added up over units.
import type { Indicator } from './plan/model.js';
import type { Period } from './period.js';
import type { ReturnRecord } from './return.js';

export interface Sum {
  /** The total over the units that reported; null when none did. */
  value: number | null;
  /** Units that reported no figure. */
  missing: string[];
}

export interface QuarterEndRate {
  /** Percent; null when no unit reported both figures or the denominator is 0. */
  rate: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Units that did not report both figures. */
  missing: string[];
}

/** The figures of a set of returns, indexed for look-up. */
export interface FigureBook {
  /** One unit's figure, or null when it did not report it. */
  get(period: Period, unit: string, indicator: string, field: string): number | null;
  /** A field added up over units. */
  sum(period: Period, units: readonly string[], indicator: string, field: string): Sum;
  /** A rate from numerators and denominators added up over units (never an average of rates). */
  rate(period: Period, units: readonly string[], indicator: Indicator): QuarterEndRate;
  /** One unit's figure in every quarter the book holds before a quarter, oldest first. */
  before(period: Period, unit: string, indicator: string, field: string): { period: Period; value: number }[];
}

/** Indexes the figures of returns (of any years and quarters). */
export function figureBook(returns: readonly ReturnRecord[]): FigureBook {
  // quarter → unit → indicator → field → value: a sum over a thousand units looks up one quarter
  // once, and no look-up builds a key string (they run tens of thousands of times in a check).
  const values = new Map<number, Map<string, Map<string, Map<string, number>>>>();
  for (const r of returns) {
    const q = r.period.year * 10 + r.period.quarter;
    let quarter = values.get(q);
    if (!quarter) values.set(q, (quarter = new Map()));
    const own = new Map<string, Map<string, number>>();
    for (const f of r.figures) {
      const fields = own.get(f.indicator);
      if (fields) fields.set(f.field, f.value);
      else own.set(f.indicator, new Map([[f.field, f.value]]));
    }
    quarter.set(r.unit, own);
  }
  const inQuarter = (p: Period) => values.get(p.year * 10 + p.quarter);
  const get = (p: Period, unit: string, indicator: string, field: string) => inQuarter(p)?.get(unit)?.get(indicator)?.get(field) ?? null;
  return {
    get,
    before(period, unit, indicator, field) {
      const until = period.year * 10 + period.quarter;
      const out: { period: Period; value: number }[] = [];
      for (const [q, units] of values) {
        const v = q < until ? units.get(unit)?.get(indicator)?.get(field) : undefined;
        if (v !== undefined) out.push({ period: { year: Math.floor(q / 10), quarter: (q % 10) as Period['quarter'] }, value: v });
      }
      return out.sort((a, b) => a.period.year * 10 + a.period.quarter - (b.period.year * 10 + b.period.quarter));
    },
    sum(period, units, indicator, field) {
      let value: number | null = null;
      const missing: string[] = [];
      const quarter = inQuarter(period);
      for (const u of units) {
        const v = quarter?.get(u)?.get(indicator)?.get(field);
        if (v === undefined) missing.push(u);
        else value = (value ?? 0) + v;
      }
      return { value, missing };
    },
    rate(period, units, indicator) {
      let numerator: number | null = null;
      let denominator: number | null = null;
      const missing: string[] = [];
      for (const u of units) {
        const n = get(period, u, indicator.code, 'numerator');
        const d = get(period, u, indicator.code, 'denominator');
        if (n === null || d === null) {
          missing.push(u);
          continue;
        }
        numerator = (numerator ?? 0) + n;
        denominator = (denominator ?? 0) + d;
      }
      return { rate: rateOf(indicator, numerator, denominator), numerator, denominator, missing };
    },
  };
}

/** A rate in percent from its numerator and denominator; 失业率 adds the numerator to the denominator. */
export function rateOf(indicator: Pick<Indicator, 'denominatorAddsNumerator'>, numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null) return null;
  const base = indicator.denominatorAddsNumerator ? denominator + numerator : denominator;
  return base > 0 ? (numerator / base) * 100 : null;
}
