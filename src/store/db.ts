// Opening the SQLite file: pragmas, and the migrations applied once each, in order.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { InputError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';
import { bundledNative } from '../root.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file if it does not exist (only `init` does). */
  create?: boolean;
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
export function connect(path: string | Buffer, options: Database.Options = {}): Db {
  const nativeBinding = bundledNative('better_sqlite3.node');
  try {
    return new Database(path as string, nativeBinding ? { ...options, nativeBinding } : options);
  } catch (e) {
    // The SQLite library itself could not be loaded: this machine's system is older than it needs.
    const missing = /\b(GLIBC(?:XX)?_[\d.]+)' not found/.exec((e as Error).message)?.[1];
    if (missing) throw new InputError(`本机的系统库版本过旧,无法加载 SQLite 本地库(需要 ${missing},通常是 Debian 12、Ubuntu 22.04 或更新的系统)。见 README“安装”一节“Linux 的系统要求”`);
    throw e;
  }
}

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Opens (or with create, makes) a database file and brings its schema up to date, with no other checks:
 * for tests, init's new file and the in-memory database. Commands open theirs through src/app/workspace.ts.
 */
export function openDb(path: string, opts: OpenOptions = {}): Db {
  const memory = path === ':memory:';
  if (!memory && !opts.create && !existsSync(path)) throw new InputError(`数据库 ${path} 不存在`);
  const db = connect(path, { fileMustExist: !memory && !opts.create });
  try {
    db.pragma('busy_timeout = 5000');
    if (!memory) {
      db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a crash or power cut never corrupts the file; at worst the last commit is lost.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    migrate(db, path);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** The database's schema version (PRAGMA user_version). */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the schema steps this database lacks, each in its own transaction with its version bump. */
export function migrate(db: Db, path: string): void {
  const current = schemaVersion(db);
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId !== 0 && appId !== APPLICATION_ID) throw new InputError(`${path} 是其他程序的 SQLite 数据库,不是 jiuye 的数据库`);
  if (current === 0 && db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table'").get()) {
    throw new InputError(`${path} 是其他程序的 SQLite 数据库(已有别的表),不是 jiuye 的数据库`);
  }
  if (current > SCHEMA_VERSION) {
    throw new InputError(`数据库 ${path} 由较新版本的 jiuye 建立(结构版本 ${current},本程序支持到 ${SCHEMA_VERSION}),请升级 jiuye`);
  }
  // The version is read again inside the write lock, so two processes never run the same step.
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
