// What a database holds, for the question before it is replaced (init --force).
import type { Db } from './db.js';

export interface Contents {
  years: number[];
  returns: number;
  allocations: number;
  references: number;
  calendars: number;
  /** Nothing but the embedded plan, as init loaded it: replacing it loses nothing. */
  embeddedOnly: boolean;
}

/** Counts of what the clerk has put into a database beyond the plan it was created with. */
export function contents(db: Db): Contents {
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const plans = db.prepare('SELECT year, loaded_from FROM plans ORDER BY year').all() as { year: number; loaded_from: string }[];
  const c = {
    years: plans.map((p) => p.year),
    returns: count('SELECT count(*) AS n FROM returns'),
    allocations: count('SELECT count(*) AS n FROM allocations'),
    references: count('SELECT count(*) AS n FROM reference_values'),
    calendars: count('SELECT count(*) AS n FROM holiday_calendars'),
  };
  const other = count('SELECT (SELECT count(*) FROM imports) + (SELECT count(*) FROM locks) + (SELECT count(*) FROM plan_history) AS n');
  const embedded = plans.length === 1 && plans[0].loaded_from.startsWith('embedded:');
  return { ...c, embeddedOnly: embedded && c.returns + c.allocations + c.references + c.calendars + other === 0 };
}
