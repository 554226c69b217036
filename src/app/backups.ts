// The backups kept beside the database: plain SQLite files in one folder, made before every change that
// cannot be undone, bounded in number (the last 30, and the newest of each month before them).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Io } from '../io.js';
import { APPLICATION_ID, connect, type Db } from '../store/db.js';

// Local time as a backup's name and list show it. Not date-fns/format: it loads 66 modules, which cost
// every reading command 140 ms of start-up here (this module is loaded wherever damage may be reported).
const two = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}`;
/** 20211009-163005 */
export const stamp = (d: Date) => `${day(d)}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
/** 2021-10-09 16:30 */
export const minute = (d: Date) => `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;

/** How many of the newest backups are always kept; older ones keep only the newest of their month. */
export const KEEP = 30;

/** The folder beside a database that holds its backups: jiuye.db → jiuye-备份/. */
export function backupFolder(dbPath: string): string {
  return join(dirname(dbPath), `${stemOf(dbPath)}-备份`);
}

/** A backup's file name: the database's, the time and the reason (jiuye-20211009-163005-导入替换前.db). */
export function backupFileName(dbPath: string, at: Date, reason: string): string {
  return `${stemOf(dbPath)}-${stamp(at)}-${reason.replace(/[\\/:*?"<>|\s]/g, '')}.db`;
}

function stemOf(dbPath: string): string {
  return basename(dbPath, extname(dbPath));
}

export interface Backup {
  path: string;
  name: string;
  /** When it was made, from its name. */
  at: Date;
  /** Why it was made (手动备份, 导入替换前 …). */
  reason: string;
  size: number;
}

const NAMED = /^(.+)-(\d{8})-(\d{6})(?:-(.+?))?(?:-\d+)?\.db$/;

function parseName(file: string, stem: string): { at: Date; reason: string } | null {
  const m = NAMED.exec(file);
  if (!m || m[1] !== stem) return null;
  const [y, mo, d] = [m[2].slice(0, 4), m[2].slice(4, 6), m[2].slice(6, 8)].map(Number);
  const [h, mi, s] = [m[3].slice(0, 2), m[3].slice(2, 4), m[3].slice(4, 6)].map(Number);
  return { at: new Date(y, mo - 1, d, h, mi, s), reason: m[4] ?? '' };
}

/** The backups of a database, newest first. */
export function listBackups(dbPath: string): Backup[] {
  const folder = backupFolder(dbPath);
  if (!existsSync(folder)) return [];
  const stem = stemOf(dbPath);
  const out: Backup[] = [];
  for (const name of readdirSync(folder)) {
    const parsed = parseName(name, stem);
    if (!parsed) continue;
    const path = join(folder, name);
    out.push({ path, name, ...parsed, size: statSync(path).size });
  }
  return out.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.name < b.name ? 1 : -1));
}

/** Which backups to delete so that the newest KEEP and the newest of each earlier month remain. */
export function backupsToRemove(newestFirst: Backup[], keep = KEEP): Backup[] {
  const months = new Set<string>();
  const remove: Backup[] = [];
  newestFirst.forEach((b, i) => {
    const month = day(b.at).slice(0, 6);
    const firstOfMonth = !months.has(month);
    months.add(month);
    if (i >= keep && !firstOfMonth) remove.push(b);
  });
  return remove;
}

/**
 * Copies the database into its backups folder (a consistent copy, taken inside SQLite while others
 * may read), then trims the folder. Returns the new file's path.
 */
export function makeBackup(io: Io, db: Db, dbPath: string, reason: string): string {
  const folder = backupFolder(dbPath);
  mkdirSync(folder, { recursive: true });
  adoptOldBackups(dbPath, folder);
  const base = backupFileName(dbPath, io.now(), reason).slice(0, -'.db'.length);
  let target = join(folder, `${base}.db`);
  for (let n = 2; existsSync(target); n++) target = join(folder, `${base}-${n}.db`);
  const temp = `${target}.tmp-${process.pid}`;
  try {
    db.prepare('VACUUM INTO ?').run(temp);
    renameSync(temp, target);
  } finally {
    rmSync(temp, { force: true });
  }
  for (const old of backupsToRemove(listBackups(dbPath))) rmSync(old.path, { force: true });
  return target;
}

/**
 * Copies that earlier versions left beside the database (jiuye backup's jiuye-backup-日期-时间.db, the
 * copies made before a schema upgrade) join the folder, under the folder's names.
 */
function adoptOldBackups(dbPath: string, folder: string): void {
  const stem = stemOf(dbPath);
  for (const name of readdirSync(dirname(dbPath))) {
    const manual = /^jiuye-backup-(\d{8}-\d{6})\.db$/.exec(name);
    const upgrade = name.startsWith(`${basename(dbPath)}.v`) ? /\.v(\d+)-(\d+)-\d+\.bak$/.exec(name) : null;
    let target: string | null = null;
    if (manual) target = `${stem}-${manual[1]}-手动备份.db`;
    else if (upgrade) target = `${stem}-${stamp(new Date(Number(upgrade[2])))}-升级前-结构版本${upgrade[1]}.db`;
    if (target && !existsSync(join(folder, target))) renameSync(join(dirname(dbPath), name), join(folder, target));
  }
}

/** Whether a file is a whole, undamaged jiuye database: the text of what is wrong, or null. */
export function backupProblem(path: string): string | null {
  let copy: Db;
  try {
    copy = connect(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    return (e as Error).message;
  }
  try {
    if ((copy.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) return '不是 jiuye 的数据库';
    const check = String(copy.pragma('integrity_check', { simple: true }));
    return check === 'ok' ? null : check;
  } catch (e) {
    return (e as Error).message;
  } finally {
    copy.close();
  }
}

/** The newest backup that passes SQLite's integrity check, for the message about a damaged database. */
export function newestSoundBackup(dbPath: string): { name: string; when: string } | null {
  for (const b of listBackups(dbPath)) {
    if (backupProblem(b.path) === null) return { name: join(basename(backupFolder(dbPath)), b.name), when: minute(b.at) };
  }
  return null;
}
