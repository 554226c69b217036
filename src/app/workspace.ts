// One way into the database for every command: find it as git finds a repository, open it in the mode
// the command needs, and check it before anything is written to it or from it.
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Io } from '../io.js';
import { loadCalendars } from '../data.js';
import type { Calendars } from '../domain/calendar.js';
import type { Plan } from '../domain/plan/model.js';
import { APPLICATION_ID, connect, migrate, SCHEMA_VERSION, schemaVersion, type Db } from '../store/db.js';
import { readStoredCalendars } from '../store/calendars.js';
import { readPlan } from '../store/plan.js';
import { launcher, quotePath } from '../format/command.js';
import { damaged, locked, readOnly, setTroubleContext } from './trouble.js';
import { makeBackup } from './backups.js';

/** The file name a database has unless --db or JIUYE_DB names another. */
export const DATABASE_NAME = 'jiuye.db';

/** How long a command waits for another program's write lock before giving up (JIUYE_LOCK_WAIT seconds may say otherwise). */
function lockWaitMs(io: Io): number {
  const s = Number(io.env.JIUYE_LOCK_WAIT);
  return io.env.JIUYE_LOCK_WAIT !== undefined && Number.isFinite(s) && s >= 0 ? Math.round(s * 1000) : 5000;
}

export type Access = 'read' | 'write';

/** Where the database is, and how it was found. */
export interface Located {
  path: string;
  /** --db, JIUYE_DB, the working folder, or a folder above it. */
  how: 'flag' | 'env' | 'here' | 'parent';
}

/** The database of --db, else JIUYE_DB, else jiuye.db in the working folder or the nearest folder above it. */
export function locateDatabase(io: Io, flag: string | undefined): Located {
  if (flag !== undefined) return { path: asGiven(io, flag), how: 'flag' };
  if (io.env.JIUYE_DB) return { path: asGiven(io, io.env.JIUYE_DB), how: 'env' };
  for (let dir = resolve(io.cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, DATABASE_NAME);
    if (isFile(candidate)) return { path: candidate, how: dir === resolve(io.cwd) ? 'here' : 'parent' };
    if (dirname(dir) === dir) break;
  }
  return { path: join(resolve(io.cwd), DATABASE_NAME), how: 'here' };
}

function asGiven(io: Io, p: string): string {
  return p === ':memory:' ? p : isAbsolute(p) ? p : resolve(io.cwd, p);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** An open database and what a command needs beside it. */
export interface Workspace {
  db: Db;
  path: string;
  access: Access;
  /** The plan of a year (default: the latest). */
  plan(year?: number): Plan;
  /** The holiday calendars: bundled, then files in holidays/ beside the database, then stored ones. */
  calendars(): Calendars;
  /** A copy in the backups folder before a change that cannot be undone; its path. */
  backup(reason: string): string;
  close(): void;
}

export interface OpenOptions {
  /** --db as given. */
  db?: string;
  access: Access;
  /** A document (workbook, page, notice) will be written from it: look for damage first. */
  document?: boolean;
}

/**
 * Opens the database for a command. Reads open read-only and never take the write lock, so they work
 * on a read-only medium and beside another program's write; writes check first that they can happen.
 */
export function openWorkspace(io: Io, opts: OpenOptions): Workspace {
  const { path, how } = locateDatabase(io, opts.db);
  if (path === ':memory:') return workspace(io, memoryDatabase(), path, opts.access);
  if (!existsSync(path)) {
    // The init that makes this very file: with --db when --db named it.
    const init = how === 'flag' ? `${launcher()} init --db ${quotePath(opts.db!, io.platform ?? process.platform)}` : `${launcher()} init`;
    throw new InputError(`数据库 ${shown(io, path)} 不存在。请先运行 ${init} 建立数据库(或用 --db 指定已有的数据库文件)`);
  }
  if (how === 'parent') io.stderr.write(`数据库:${shown(io, path)}(上级文件夹中的)\n`);
  setTroubleContext({ path, shown: shown(io, path) });
  refuseForeign(path);
  const share = networkShare(path, io.platform ?? process.platform);
  if (share) io.stderr.write(`提示:数据库在网络共享上(${share}),几个人同时写入可能损坏它;请只在一台电脑上写入\n`);
  const db = opts.access === 'write' ? openForWriting(io, path) : openForReading(io, path);
  try {
    if (opts.access === 'write' || opts.document) assertSound(db);
    return workspace(io, db, path, opts.access);
  } catch (e) {
    db.close();
    throw e;
  }
}

function workspace(io: Io, db: Db, path: string, access: Access): Workspace {
  let calendars: Calendars | undefined;
  paths.set(db, path);
  return {
    db,
    path,
    access,
    plan: (year) => readPlan(db, year),
    calendars: () => (calendars ??= calendarsOf(db, path)),
    backup: (reason) => makeBackup(io, db, path, reason),
    close: () => db.close(),
  };
}

// Where each open connection's file is: a database read into memory from a read-only medium has no name of its own.
const paths = new WeakMap<Db, string>();

function calendarsOf(db: Db, path: string): Calendars {
  const calendars = loadCalendars(path === ':memory:' ? null : join(dirname(path), 'holidays'));
  for (const c of readStoredCalendars(db)) calendars.set(c.year, c);
  return calendars;
}

/** The holiday calendars of an open database (see Workspace.calendars). */
export function calendarsFor(db: Db): Calendars {
  return calendarsOf(db, paths.get(db) ?? db.name);
}

function memoryDatabase(): Db {
  const db = connect(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, ':memory:');
  return db;
}

/** The database as the user should read its path: relative below the working folder, else whole. */
export function shown(io: Io, path: string): string {
  const rel = relative(io.cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

// A file that is not a jiuye database is told apart from a damaged one by its first 100 bytes, before
// SQLite reads it: the SQLite header, and the application id jiuye writes at offset 68.
function refuseForeign(path: string): void {
  const head = Buffer.alloc(100);
  let n = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      n = readSync(fd, head, 0, 100, 0);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw new InputError(`无法读取数据库 ${path}:${(e as Error).message}`);
  }
  if (n === 0) throw new InputError(`${path} 是一个空文件,不是 jiuye 的数据库`);
  if (n < 100 || head.toString('latin1', 0, 16) !== 'SQLite format 3\0') throw new InputError(`${path} 不是 jiuye 的数据库文件(不是 SQLite 数据库)`);
  const app = head.readUInt32BE(68);
  if (app !== 0 && app !== APPLICATION_ID) throw new InputError(`${path} 是其他程序的 SQLite 数据库,不是 jiuye 的数据库`);
}

/**
 * A read-only connection: no pragma that writes, no write lock. A WAL database on a medium nobody can
 * write (no -shm beside it, and none can be made) cannot be opened in place; it is read into memory
 * whole, as SQLite's immutable mode would read it.
 */
function openForReading(io: Io, path: string): Db {
  let db: Db;
  try {
    if (io.faults?.readOnly === 'medium' || io.faults?.readOnly === 'folder') {
      if (!existsSync(`${path}-shm`) && walMode(path)) throw Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' });
    }
    db = connect(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    if ((e as { code?: string }).code !== 'SQLITE_CANTOPEN') throw e;
    db = frozenCopy(path);
  }
  try {
    db.pragma(`busy_timeout = ${lockWaitMs(io)}`);
    const version = schemaVersion(db);
    if (version < SCHEMA_VERSION) {
      db.close();
      upgradeInPlace(io, path, version);
      return openForReading(io, path);
    }
    if (version > SCHEMA_VERSION) throw newerSchema(path, version);
    return db;
  } catch (e) {
    if (db.open) db.close();
    throw e;
  }
}

function walMode(path: string): boolean {
  const head = Buffer.alloc(20);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  return head[18] === 2;
}

function frozenCopy(path: string): Db {
  if (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) {
    throw new InputError(
      `数据库 ${path} 在只读的位置,旁边还有未写入的日志文件(${path}-wal),无法读取。请把数据库连同 -wal、-shm 文件复制到本机一个可写的文件夹后再用`,
    );
  }
  const bytes = readFileSync(path);
  // The header's WAL mark would send SQLite looking for a -shm file: this copy is a plain one.
  bytes[18] = 1;
  bytes[19] = 1;
  return connect(bytes as unknown as string, { readonly: true });
}

// An older database is upgraded by the first command that can write it, after a backup; a read
// command on a medium that cannot be written says where it must be opened first.
function upgradeInPlace(io: Io, path: string, version: number): void {
  if (cannotWrite(io, path)) {
    throw new InputError(
      `数据库 ${path} 是旧版本 jiuye 建立的(结构版本 ${version}),需要先升级,而它所在的位置是只读的。` +
        `请把它复制到本机一个可写的文件夹,在那里运行一次 ${launcher()} check(升级前会自动备份),之后只读的副本也可以用升级后的文件替换`,
    );
  }
  openForWriting(io, path).close();
}

function newerSchema(path: string, version: number): InputError {
  return new InputError(`数据库 ${path} 由较新版本的 jiuye 建立(结构版本 ${version},本程序支持到 ${SCHEMA_VERSION}),请升级 jiuye`);
}

/** Why the database cannot be written here (read-only file, folder or medium), or null when it can. */
export function cannotWrite(io: Io, path: string): string | null {
  const fault = io.faults?.readOnly;
  if (fault === 'file') return '文件是只读的';
  if (fault === 'folder') return '所在文件夹是只读的';
  if (fault === 'medium') return '所在的磁盘或 U 盘是只读的';
  for (const [target, what] of [
    [path, '文件是只读的'],
    [dirname(path), '所在文件夹是只读的'],
  ] as const) {
    try {
      accessSync(target, constants.W_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EROFS') return '所在的磁盘或 U 盘是只读的';
      if (code === 'EACCES' || code === 'EPERM') return what;
    }
  }
  return null;
}

/**
 * A connection that can write, or a refusal in one line that changes nothing: read-only, locked by
 * another program (after saying that it waits), newer than this program.
 */
function openForWriting(io: Io, path: string): Db {
  const db = openLocked(io, path);
  try {
    db.pragma('foreign_keys = ON');
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) throw newerSchema(path, version);
    if (version > 0 && version < SCHEMA_VERSION) {
      assertSound(db);
      const copy = makeBackup(io, db, path, `升级前-结构版本${version}`);
      migrate(db, path);
      io.stderr.write(`数据库 ${shown(io, path)} 的结构从版本 ${version} 升级到 ${SCHEMA_VERSION},升级前已备份到 ${shown(io, copy)}\n`);
    } else migrate(db, path);
    // Kept in WAL from init on (and moved there when an older one is next written): a reader then
    // passes a writer. Another program still reading in the old mode only defers the move.
    if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') {
      try {
        db.pragma('journal_mode = WAL');
      } catch {
        // busy: next time
      }
    }
    db.pragma('synchronous = NORMAL');
    if (io.faults?.diskFullAfterPages !== undefined) {
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages + io.faults.diskFullAfterPages}`);
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * A connection that may write, once another program's write has finished: refused in one line when the
 * database cannot be written here, or when the other program does not let go within a few seconds.
 */
export function openLocked(io: Io, path: string): Db {
  const why = cannotWrite(io, path);
  if (why) throw readOnly(why);
  // A read-only medium is imitated by a read-only connection: SQLite then refuses each write as the system would.
  const db = connect(path, { fileMustExist: true, readonly: io.faults?.readOnly !== undefined });
  try {
    waitForWriteLock(io, db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

// Says it waits, waits a few seconds, then gives up without having changed anything.
function waitForWriteLock(io: Io, db: Db): void {
  db.pragma('busy_timeout = 0');
  const tryLock = () => {
    try {
      db.exec('BEGIN IMMEDIATE');
      db.exec('ROLLBACK');
      return true;
    } catch (e) {
      if (!/^SQLITE_(BUSY|LOCKED)/.test((e as { code?: string }).code ?? '')) throw e;
      return false;
    }
  };
  const wait = lockWaitMs(io);
  if (!tryLock()) {
    io.stderr.write(`数据库正被其他程序使用,等待其完成(最多 ${wait / 1000} 秒)…\n`);
    db.pragma(`busy_timeout = ${wait}`);
    if (!tryLock()) throw locked();
  }
  db.pragma(`busy_timeout = ${wait}`);
}

/** Damage is looked for before anything is written to the database or from it. */
export function assertSound(db: Db): void {
  let result: string;
  try {
    result = String(db.pragma('quick_check', { simple: true }));
  } catch (e) {
    if (/^SQLITE_(CORRUPT|NOTADB)/.test((e as { code?: string }).code ?? '')) throw damaged((e as Error).message);
    throw e;
  }
  if (result !== 'ok') throw damaged(result);
}

/** The kind of network share a path is on (cifs, nfs …, or a Windows UNC path), or null. */
export function networkShare(path: string, platform: string, mountinfo?: string): string | null {
  if (platform === 'win32') return /^[\\/]{2}[^\\/?.]/.test(path) ? 'UNC 路径' : null;
  if (platform !== 'linux') return null;
  let text = mountinfo;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/mountinfo', 'utf8');
    } catch {
      return null;
    }
  }
  let real = path;
  try {
    real = realpathSync(dirname(path));
  } catch {
    real = dirname(path);
  }
  let best: { point: string; type: string } | null = null;
  for (const line of text.split('\n')) {
    // mountinfo: id parent major:minor root mount-point options … - fstype source super-options
    const fields = line.split(' ');
    const dash = fields.indexOf('-');
    if (dash < 0 || fields.length < 5) continue;
    const point = fields[4].replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    const inside = real === point || real.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (inside && (!best || point.length >= best.point.length)) best = { point, type: fields[dash + 1] };
  }
  return best && /^(nfs4?|cifs|smb3?|smbfs|9p|ncpfs|afs|ceph|glusterfs|fuse\.(sshfs|glusterfs|smbnetfs))$/.test(best.type) ? best.type : null;
}
