// Opening the SQLite file: pragmas, and the migrations applied once each, in order.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { InputError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';
import { bundledNative } from '../root.js';
import { launcher } from '../format/command.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file if it does not exist (only `init` does). */
  create?: boolean;
  /** Told when an older database is upgraded, with where its backup went. */
  onUpgrade?: (message: string) => void;
}

/** PRAGMA application_id of a jiuye database: 'jiuy'. */
export const APPLICATION_ID = 0x6a697579;

// Statements prepared once per connection: an import runs the same few for each of a thousand returns.
const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** The connection's prepared statement for this SQL, prepared on first use. */
export function statement(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

/** A better-sqlite3 connection; a release bundle loads its own platform's binary from native/. */
export function connect(path: string, options: Database.Options = {}): Db {
  const nativeBinding = bundledNative('better_sqlite3.node');
  try {
    return new Database(path, nativeBinding ? { ...options, nativeBinding } : options);
  } catch (e) {
    // The SQLite library itself could not be loaded: this machine's system is older than it needs.
    const missing = /\b(GLIBC(?:XX)?_[\d.]+)' not found/.exec((e as Error).message)?.[1];
    if (missing) throw new InputError(`本机的系统库版本过旧,无法加载 SQLite 本地库(需要 ${missing},通常是 Debian 12、Ubuntu 22.04 或更新的系统)。见 README“安装”一节“Linux 的系统要求”`);
    throw e;
  }
}

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (or with create, makes) the database and brings its schema up to date. */
export function openDb(path: string, opts: OpenOptions = {}): Db {
  const memory = path === ':memory:';
  if (!memory && !opts.create && !existsSync(path)) {
    throw new InputError(`数据库 ${path} 不存在。请先运行 ${launcher()} init 建立数据库(或用 --db 指定已有的数据库文件)`);
  }
  let db: Db;
  try {
    db = connect(path, { fileMustExist: !memory && !opts.create });
  } catch (e) {
    throw new InputError(`无法打开数据库 ${path}:${(e as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 10000');
    if (!memory) {
      db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a crash or power cut never corrupts the file; at worst the last commit is lost.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    migrate(db, path, opts.onUpgrade);
  } catch (e) {
    db.close();
    if (e instanceof InputError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new InputError(`${path} 不是 jiuye 的数据库文件(${(e as Error).message})`);
    }
    throw e;
  }
  return db;
}

/** The database's schema version (PRAGMA user_version). */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, path: string, onUpgrade?: (message: string) => void): void {
  const current = schemaVersion(db);
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId !== 0 && appId !== APPLICATION_ID) throw new InputError(`${path} 是其他程序的 SQLite 数据库,不是 jiuye 的数据库`);
  if (current === 0 && db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table'").get()) {
    throw new InputError(`${path} 是其他程序的 SQLite 数据库(已有别的表),不是 jiuye 的数据库`);
  }
  if (current > SCHEMA_VERSION) {
    throw new InputError(`数据库 ${path} 由较新版本的 jiuye 建立(结构版本 ${current},本程序支持到 ${SCHEMA_VERSION}),请升级 jiuye`);
  }
  if (current > 0 && current < SCHEMA_VERSION && path !== ':memory:') {
    // An older database with the clerk's data in it: keep a consistent copy before changing it.
    const backup = `${path}.v${current}-${Date.now()}-${process.pid}.bak`;
    db.prepare('VACUUM INTO ?').run(backup);
    onUpgrade?.(`数据库 ${path} 的结构从版本 ${current} 升级到 ${SCHEMA_VERSION},升级前已备份到 ${backup}\n`);
  }
  // Each step and its version bump commit together, so a crash leaves a whole version behind;
  // the version is read again inside the write lock, so two processes never run the same step.
  const step = db.transaction((): boolean => {
    const v = schemaVersion(db);
    if (v >= SCHEMA_VERSION) return false;
    db.exec(MIGRATIONS[v]);
    db.pragma(`user_version = ${v + 1}`);
    return true;
  });
  while (step.immediate()) {
    /* next step */
  }
}
