// What jiuye says when the database itself is the trouble (read-only, in use, damaged, disk full):
// one Chinese line that says what happened and what to do, never a stack trace.
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../errors.js';
import { launcher } from '../format/command.js';
import { backupFolder, newestSoundBackup } from './backups.js';

interface Context {
  path: string;
  /** The path as the user should read it. */
  shown: string;
}

let context: Context | null = null;

/** Names the database the messages below are about (set when a command opens it). */
export function setTroubleContext(c: Context | null): void {
  context = c;
}

const which = () => (context ? ` ${context.shown}` : '');

/** A write that cannot happen here. */
export function readOnly(why: string): InputError {
  return new InputError(
    `数据库${which()} ${why},无法写入,未做任何改动。请把它复制到本机一个可写的文件夹后在那里运行,或去掉它的只读属性(Windows:右键 → 属性 → 取消“只读”)`,
  );
}

/** Another program holds the write lock and did not let go. */
export function locked(): InputError {
  return new InputError(`数据库正被其他程序使用${context ? `(${context.shown})` : ''},等待后仍未释放,未做任何改动。请关闭正在使用它的程序(或等它完成)后重试`);
}

/** The disk filled up during a write; SQLite rolled the write back. */
export function diskFull(): InputError {
  return new InputError(`磁盘已满,无法写入数据库${which()};正在写入的这一项已撤销,之前写入的保持不变。请腾出磁盘空间后重试`);
}

/** The database is damaged: name the newest good backup and the command that restores it. */
export function damaged(detail: string): InputError {
  const path = context?.path;
  let remedy = '没有找到可用的备份;请不要继续写入,把数据库文件交给维护人员';
  const good = path ? newestSoundBackup(path) : null;
  if (good) remedy = `最新的完好备份是 ${good.name}(${good.when});恢复:${launcher()} restore ${good.name}`;
  return new InputError(`数据库已损坏${context ? `(${context.shown})` : ''}:${firstLine(detail)}。${remedy}`);
}

function firstLine(s: string): string {
  const line = s.split('\n')[0].trim();
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/**
 * An error from SQLite (or from the file system, writing a backup beside the database) during a
 * command, said as the user needs to hear it; null for anything else, which is a defect.
 */
export function databaseTrouble(e: unknown): InputError | null {
  const code = (e as { code?: unknown })?.code;
  // A file-system error counts only where it concerns the database, its journal or its backups.
  const path = String((e as { path?: unknown }).path ?? '');
  const ours = context !== null && (path.startsWith(context.path) || path.startsWith(backupFolder(context.path)));
  if (ours && code === 'ENOSPC') return diskFull();
  if (ours && (code === 'EROFS' || code === 'EACCES' || code === 'EPERM')) return readOnly('所在位置不能写入');
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return locked();
  if (/^SQLITE_READONLY/.test(code)) return readOnly('是只读的');
  if (code === 'SQLITE_FULL') return diskFull();
  // A full disk reaches SQLite as an I/O error wherever a file had to grow (the -wal, the -shm): ask the disk.
  if (code.startsWith('SQLITE_IOERR')) {
    if (context && nearlyFull(dirname(context.path))) return diskFull();
    return new InputError(`读写数据库${which()}时出错(${code}),未做改动。请检查磁盘或网络共享是否正常后重试`);
  }
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return damaged((e as Error).message);
  if (code === 'SQLITE_CANTOPEN') return readOnly('无法打开或创建日志文件');
  return null;
}

// Less than a megabyte left is full for a database that grows a page at a time.
function nearlyFull(dir: string): boolean {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize < 1024 * 1024;
  } catch {
    return false;
  }
}
