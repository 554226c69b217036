// Reference values of relative targets (上年值, 全市平均) that the clerk enters, by year and quarter (0: the whole year).
import type { ReferenceValue } from '../domain/progress.js';
import type { Db } from './db.js';

/** Sets (or replaces) reference values of a year in one transaction. */
export function saveReferenceValues(db: Db, year: number, values: readonly ReferenceValue[], at: Date): void {
  const upsert = db.prepare(
    `INSERT INTO reference_values (year, quarter, indicator, value, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (year, quarter, indicator) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  db.transaction(() => {
    for (const v of values) upsert.run(year, v.quarter, v.indicator, v.value, at.toISOString());
  })();
}

/** The reference values of a year, whole-year ones first. */
export function readReferenceValues(db: Db, year: number): ReferenceValue[] {
  return db.prepare('SELECT indicator, quarter, value FROM reference_values WHERE year = ? ORDER BY quarter, indicator').all(year) as ReferenceValue[];
}
