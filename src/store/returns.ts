// Quarterly returns in the database: each written whole in one transaction, revisions kept.
import { InputError } from '../errors.js';
import { formatPeriod, type Period, type Quarter } from '../domain/period.js';
import { returnChanges, type Change, type Figure, type Layoff, type Progress, type ReturnRecord, type ReturnSource } from '../domain/return.js';
import type { TaskStatus } from '../format/words.js';
import { statement, type Db } from './db.js';
import { launcher } from '../format/command.js';

export interface StoredReturn extends ReturnRecord, ReturnSource {
  id: number;
  revisedOn: string | null;
  importedAt: string;
}

export type SaveOutcome =
  | { action: 'new'; changes: Change[] }
  /** Nothing to do: the same file (identicalFile) or a file with the same values. */
  | { action: 'unchanged'; identicalFile: boolean }
  /** A different version of a stored return: written only when replace was given. */
  | { action: 'revision'; replaced: boolean; changes: Change[] };

/** Is the quarter locked against imports? */
export function isLocked(db: Db, period: Period): boolean {
  return statement(db, 'SELECT 1 FROM locks WHERE year = ? AND quarter = ?').get(period.year, period.quarter) !== undefined;
}

/** Locks or unlocks a quarter; returns false when it already was. */
export function setLocked(db: Db, period: Period, locked: boolean, at: Date): boolean {
  const r = locked
    ? statement(db, 'INSERT OR IGNORE INTO locks (year, quarter, locked_at) VALUES (?, ?, ?)').run(period.year, period.quarter, at.toISOString())
    : statement(db, 'DELETE FROM locks WHERE year = ? AND quarter = ?').run(period.year, period.quarter);
  return r.changes > 0;
}

/** The stored return of one unit for one quarter. */
export function readReturn(db: Db, period: Period, unit: string): StoredReturn | undefined {
  return hydrate(db, 'r.year = ? AND r.quarter = ? AND r.unit = ?', [period.year, period.quarter, unit])[0];
}

/** The latest quarter with any stored return, across years, or null. */
export function latestPeriodWithData(db: Db): Period | null {
  const row = db.prepare('SELECT year, quarter FROM returns ORDER BY year DESC, quarter DESC LIMIT 1').get() as { year: number; quarter: Quarter } | undefined;
  return row ? { year: row.year, quarter: row.quarter } : null;
}

/** How many returns each year holds. */
export function returnCounts(db: Db): Map<number, number> {
  return new Map((db.prepare('SELECT year, count(*) AS n FROM returns GROUP BY year').all() as { year: number; n: number }[]).map((r) => [r.year, r.n]));
}

/** The last quarter of a year with any stored return, or null. */
export function latestQuarter(db: Db, year: number): Quarter | null {
  const row = db.prepare('SELECT max(quarter) AS q FROM returns WHERE year = ?').get(year) as { q: number | null };
  return row.q as Quarter | null;
}

/** Every stored return of a year up to and including a quarter, in quarter then unit order. */
export function readReturns(db: Db, year: number, throughQuarter: Quarter = 4): StoredReturn[] {
  return hydrate(db, 'r.year = ? AND r.quarter <= ?', [year, throughQuarter]);
}

/**
 * What importing a return would do against what is stored, without writing: the same file again is
 * left alone, the same values too; a different version is a revision (not yet replaced).
 */
export function compareReturn(db: Db, record: ReturnRecord, fileHash: string): { existing?: StoredReturn; outcome: SaveOutcome } {
  const existing = readReturn(db, record.period, record.unit);
  if (existing && existing.fileHash === fileHash) return { existing, outcome: { action: 'unchanged', identicalFile: true } };
  const changes = returnChanges(existing, record);
  if (!existing) return { outcome: { action: 'new', changes } };
  if (changes.length === 0) return { existing, outcome: { action: 'unchanged', identicalFile: false } };
  return { existing, outcome: { action: 'revision', replaced: false, changes } };
}

/**
 * Writes a return as one transaction. A stored return from the same file is left alone; a
 * different one is a revision, replaced only with replace, its earlier values kept in revisions.
 */
export function saveReturn(db: Db, record: ReturnRecord, source: ReturnSource & { bytes?: Buffer }, opts: { replace: boolean }, at: Date): SaveOutcome {
  return db
    .transaction((): SaveOutcome => {
      if (isLocked(db, record.period)) {
        throw new InputError(`${formatPeriod(record.period)} 已锁定,不再接受导入。如确需修改,请先运行 ${launcher()} unlock ${formatPeriod(record.period)}`);
      }
      const { existing, outcome } = compareReturn(db, record, source.fileHash);
      if (outcome.action === 'unchanged' || (outcome.action === 'revision' && !opts.replace)) return outcome;
      const changes = outcome.changes;

      const now = at.toISOString();
      // The file itself, byte for byte, so that a disputed figure can be shown in what the unit sent.
      if (source.bytes) statement(db, 'INSERT OR IGNORE INTO originals (file_hash, bytes, stored_at) VALUES (?, ?, ?)').run(source.fileHash, source.bytes, now);
      let id: number;
      if (existing) {
        id = existing.id;
        statement(
          db,
          `UPDATE returns SET file_name = ?, file_hash = ?, revised_on = ?, imported_at = ?, filled_by = ?, phone = ?, filled_on = ?, template_version = ?
           WHERE id = ?`,
        ).run(source.fileName, source.fileHash, source.receivedOn, now, record.filledBy, record.phone, record.filledOn, record.templateVersion, id);
        for (const t of ['figures', 'progress', 'layoffs']) statement(db, `DELETE FROM ${t} WHERE return_id = ?`).run(id);
      } else {
        id = Number(
          statement(
            db,
            `INSERT INTO returns (year, quarter, unit, file_name, file_hash, received_on, imported_at, filled_by, phone, filled_on, template_version)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
            .run(record.period.year, record.period.quarter, record.unit, source.fileName, source.fileHash, source.receivedOn, now, record.filledBy, record.phone, record.filledOn, record.templateVersion)
            .lastInsertRowid,
        );
      }
      const figure = statement(db, 'INSERT INTO figures (return_id, indicator, field, value) VALUES (?, ?, ?, ?)');
      for (const f of record.figures) figure.run(id, f.indicator, f.field, f.value);
      const progress = statement(db, 'INSERT INTO progress (return_id, task, status, note) VALUES (?, ?, ?, ?)');
      for (const p of record.progress) progress.run(id, p.task, p.status, p.note);
      const layoff = statement(db, 'INSERT INTO layoffs (return_id, seq, firm, staff, laid_off, notice_on, layoff_on) VALUES (?, ?, ?, ?, ?, ?, ?)');
      record.layoffs.forEach((l, i) => layoff.run(id, i + 1, l.firm, l.staff, l.laidOff, l.noticeOn, l.layoffOn));

      const importId = statement(
        db,
        `INSERT INTO imports (at, year, quarter, unit, file_name, file_hash, received_on, action, changed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
        .run(now, record.period.year, record.period.quarter, record.unit, source.fileName, source.fileHash, source.receivedOn, existing ? 'revision' : 'new', changes.length)
        .lastInsertRowid;
      if (existing) {
        const rev = statement(db, 'INSERT INTO revisions (import_id, item, old_value, new_value) VALUES (?, ?, ?, ?)');
        for (const c of changes) rev.run(importId, c.item, c.old, c.new);
        return { action: 'revision', replaced: true, changes };
      }
      return { action: 'new', changes };
    })
    .immediate();
}

export interface ImportEvent {
  id: number;
  /** 1 for the first import of the unit's quarter, 2 for its first revision, and so on. */
  revision: number;
  /** The file's bytes are kept in the database. */
  original: boolean;
  at: string;
  period: string;
  unit: string;
  fileName: string;
  fileHash: string;
  receivedOn: string;
  action: 'new' | 'revision';
  changed: number;
  revisions: Change[];
}

/** Imports and revisions, newest first, optionally for one unit and/or quarter. */
export function importHistory(db: Db, filter: { year?: number; quarter?: number; unit?: string } = {}): ImportEvent[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.year !== undefined) (where.push('year = ?'), args.push(filter.year));
  if (filter.quarter !== undefined) (where.push('quarter = ?'), args.push(filter.quarter));
  if (filter.unit !== undefined) (where.push('unit = ?'), args.push(filter.unit));
  const rows = db
    .prepare(`SELECT * FROM imports ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC`)
    .all(...args) as { id: number; at: string; year: number; quarter: number; unit: string; file_name: string; file_hash: string; received_on: string; action: 'new' | 'revision'; changed: number }[];
  const revs = db.prepare('SELECT item, old_value, new_value FROM revisions WHERE import_id = ? ORDER BY id');
  const number = db.prepare('SELECT count(*) AS n FROM imports WHERE year = ? AND quarter = ? AND unit = ? AND id <= ?');
  const kept = db.prepare('SELECT 1 FROM originals WHERE file_hash = ?');
  return rows.map((r) => ({
    id: r.id,
    revision: (number.get(r.year, r.quarter, r.unit, r.id) as { n: number }).n,
    original: kept.get(r.file_hash) !== undefined,
    at: r.at,
    period: `${r.year}Q${r.quarter}`,
    unit: r.unit,
    fileName: r.file_name,
    fileHash: r.file_hash,
    receivedOn: r.received_on,
    action: r.action,
    changed: r.changed,
    revisions: (revs.all(r.id) as { item: string; old_value: string | null; new_value: string | null }[]).map((x) => ({ item: x.item, old: x.old_value, new: x.new_value })),
  }));
}

function hydrate(db: Db, where: string, args: (string | number)[]): StoredReturn[] {
  const rows = statement(db, `SELECT r.* FROM returns r WHERE ${where} ORDER BY r.quarter, r.unit`).all(...args) as ReturnRow[];
  if (rows.length === 0) return [];
  const children = <T extends { return_id: number }>(sql: string): Map<number, T[]> => {
    const out = new Map<number, T[]>();
    for (const row of statement(db, sql).all(...args) as T[]) {
      const list = out.get(row.return_id) ?? [];
      list.push(row);
      out.set(row.return_id, list);
    }
    return out;
  };
  // The largest read of a check (ten figures a return, a thousand returns): rows as arrays.
  const figures = new Map<number, Figure[]>();
  const figureRows = statement(db, `SELECT f.return_id, f.indicator, f.field, f.value FROM figures f JOIN returns r ON r.id = f.return_id WHERE ${where} ORDER BY f.rowid`)
    .raw(true) // this statement is only ever read as arrays
    .all(...args) as [number, string, string, number][];
  for (const [id, indicator, field, value] of figureRows) {
    const list = figures.get(id);
    if (list) list.push({ indicator, field, value });
    else figures.set(id, [{ indicator, field, value }]);
  }
  // Task progress is the other large read (every area answers for most tasks): arrays too.
  const progress = new Map<number, Progress[]>();
  const progressRows = statement(db, `SELECT p.return_id, p.task, p.status, p.note FROM progress p JOIN returns r ON r.id = p.return_id WHERE ${where} ORDER BY p.rowid`)
    .raw(true)
    .all(...args) as [number, string, TaskStatus | null, string | null][];
  for (const [id, task, status, note] of progressRows) {
    const list = progress.get(id);
    if (list) list.push({ task, status, note });
    else progress.set(id, [{ task, status, note }]);
  }
  const layoffs = children<{ return_id: number; firm: string; staff: number; laid_off: number; notice_on: string | null; layoff_on: string | null }>(
    `SELECT l.* FROM layoffs l JOIN returns r ON r.id = l.return_id WHERE ${where} ORDER BY l.return_id, l.seq`,
  );
  return rows.map((r) => ({
    id: r.id,
    unit: r.unit,
    period: { year: r.year, quarter: r.quarter as Quarter },
    filledBy: r.filled_by,
    phone: r.phone,
    filledOn: r.filled_on,
    templateVersion: r.template_version,
    figures: figures.get(r.id) ?? [],
    progress: progress.get(r.id) ?? [],
    layoffs: (layoffs.get(r.id) ?? []).map((l): Layoff => ({ firm: l.firm, staff: l.staff, laidOff: l.laid_off, noticeOn: l.notice_on, layoffOn: l.layoff_on })),
    fileName: r.file_name,
    fileHash: r.file_hash,
    receivedOn: r.received_on,
    revisedOn: r.revised_on,
    importedAt: r.imported_at,
  }));
}

interface ReturnRow {
  id: number;
  year: number;
  quarter: number;
  unit: string;
  file_name: string;
  file_hash: string;
  received_on: string;
  revised_on: string | null;
  imported_at: string;
  filled_by: string | null;
  phone: string | null;
  filled_on: string | null;
  template_version: string | null;
}

/** The bytes of an imported file, by its sha256; undefined when it was imported before they were kept. */
export function readOriginal(db: Db, fileHash: string): Buffer | undefined {
  return (statement(db, 'SELECT bytes FROM originals WHERE file_hash = ?').get(fileHash) as { bytes: Buffer } | undefined)?.bytes;
}

/** Is a year's fourth quarter locked: its results, and so its targets, plan and method, are final. */
export function yearFrozen(db: Db, year: number): boolean {
  return isLocked(db, { year, quarter: 4 });
}
