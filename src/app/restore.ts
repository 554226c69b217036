// Putting a backup back in place of the database: the current state is backed up first, a damaged
// backup is refused, and the swap is one rename, so a crash leaves either the old database or the new.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { launcher } from '../format/command.js';
import type { Io } from '../io.js';
import { connect } from '../store/db.js';
import { backupFolder, backupProblem, makeBackup, stamp } from './backups.js';
import { locked, readOnly } from './trouble.js';
import { assertSound, cannotWrite, openLocked } from './workspace.js';

/** The backup a user named: a path, or a name in the database's folder or in its backups folder. */
export function findBackup(dbPath: string, given: string, resolvePath: (p: string) => string): string {
  const candidates = [resolvePath(given), join(backupFolder(dbPath), '..', given), join(backupFolder(dbPath), basename(given))];
  const found = candidates.find((p) => existsSync(p) && statSync(p).isFile());
  if (!found) throw new InputError(`找不到备份文件 ${given}。已有的备份见 ${launcher()} backup --list`);
  return found;
}

/**
 * Replaces the database by a backup. Returns where the state before the restore was saved (null
 * when there was no database).
 */
export function restoreDatabase(io: Io, dbPath: string, backup: string): string | null {
  const why = cannotWrite(io, dbPath);
  if (why) throw readOnly(why);
  const problem = backupProblem(backup);
  if (problem) throw new InputError(`备份 ${backup} 已损坏或不是 jiuye 的数据库(${problem}),不能用于恢复。请换一个备份(jiuye backup --list)`);
  // Leftovers of a restore that was killed midway are never the database: cleared first.
  const folder = dirname(dbPath);
  for (const f of readdirSync(folder)) if (f.startsWith(`${basename(dbPath)}.restore-`)) rmSync(join(folder, f), { force: true });
  const temp = `${dbPath}.restore-${process.pid}`;
  let saved: string | null = null;
  try {
    // The backup, prepared beside the database as it will be: in WAL mode, checked once more.
    copyFileSync(backup, temp);
    const fresh = connect(temp, { fileMustExist: true });
    try {
      fresh.pragma('journal_mode = WAL');
      assertSound(fresh);
    } finally {
      fresh.close();
    }
    if (existsSync(dbPath)) saved = saveCurrent(io, dbPath);
    // Everything of the old database is in its main file now; a -wal left by another program's open
    // connection would be replayed into the restored file, so that is refused rather than risked.
    if (existsSync(`${dbPath}-wal`) && statSync(`${dbPath}-wal`).size > 0) throw locked();
    rmSync(`${temp}-wal`, { force: true });
    rmSync(`${temp}-shm`, { force: true });
    renameSync(temp, dbPath);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
  }
  return saved;
}

// The state before the restore, backed up like any other; a damaged one is copied as its bytes.
function saveCurrent(io: Io, dbPath: string): string {
  const db = openLocked(io, dbPath);
  try {
    let sound = true;
    try {
      assertSound(db);
    } catch {
      sound = false;
    }
    if (sound) {
      const saved = makeBackup(io, db, dbPath, '恢复前');
      db.pragma('wal_checkpoint(TRUNCATE)');
      return saved;
    }
    const folder = backupFolder(dbPath);
    mkdirSync(folder, { recursive: true });
    const target = join(folder, `${basename(dbPath, '.db')}-${stamp(io.now())}-恢复前-已损坏.db`);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // damage may stop the checkpoint: the bytes are kept as they are
    }
    copyFileSync(dbPath, target);
    return target;
  } finally {
    db.close();
  }
}
