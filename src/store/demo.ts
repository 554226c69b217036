// Whether a database holds the demo's figures (jiuye demo), so every document from it says 示例数据.
import type { Db } from './db.js';

/** Records that the database holds the demo's made-up figures. */
export function markDemoData(db: Db, madeBy: string, at: Date): void {
  db.prepare('INSERT INTO demo_data (made_at, made_by) VALUES (?, ?)').run(at.toISOString(), madeBy);
}

/** The database was made by jiuye demo: its figures are made up. */
export function holdsDemoData(db: Db): boolean {
  return db.prepare('SELECT 1 FROM demo_data LIMIT 1').get() !== undefined;
}
