// One workbook file (a return, an allocation sheet) from disk to plain cells: kind, size and type checked before any part is parsed.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import { basename } from 'node:path';
import { readWorkbook, type RawSheet } from './read.js';
import { LIMITS, sniffWorkbook } from './sniff.js';
import { launcher } from '../format/command.js';

export interface FileRead {
  path: string;
  name: string;
  hash: string;
  sheets?: RawSheet[];
  problem?: { message: string; fix: string };
}

/** Reads a workbook file; anything that stops it being read is a problem with a fix, never a throw. */
export function readWorkbookFile(path: string): FileRead {
  const name = basename(path);
  const fail = (message: string, fix: string, hash = ''): FileRead => ({ path, name, hash, problem: { message, fix } });
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // Only a regular file is opened: reading a FIFO would wait for a writer and stall the whole batch.
    const kind = notARegularFile(statSync(path));
    if (kind) return fail(kind.message, kind.fix);
    // Non-blocking, and checked again on the open file, in case the path changed in between.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    const changed = notARegularFile(st);
    if (changed) return fail(changed.message, changed.fix);
    if (st.size > LIMITS.fileBytes) return fail(`文件过大(${(st.size / 1024 / 1024).toFixed(1)} MB),季度报表通常只有几十 KB`, '请确认是否发错了文件');
    bytes = readFileSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('文件不存在', '请检查文件名和路径');
    if (code === 'EACCES' || code === 'EPERM') return fail('没有读取权限', '请检查文件权限,或复制到自己的文件夹后再导入');
    if (code === 'EISDIR') return fail('这是一个文件夹,不是文件', '请指定其中的 .xlsx 文件');
    return fail(`无法读取文件(${(e as Error).message})`, '请检查文件是否完好');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  const sniff = sniffWorkbook(bytes);
  if (!sniff.ok) return fail(sniff.problem, sniff.fix, hash);
  const read = readWorkbook(sniff.parts);
  if (!read.ok) return fail(read.problem, read.fix, hash);
  return { path, name, hash, sheets: read.sheets };
}

/** What is wrong with a path that is not a plain file (a folder, a pipe, a device), or undefined for a file. */
function notARegularFile(st: Stats): { message: string; fix: string } | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return { message: '这是一个文件夹,不是文件', fix: `请指定其中的 .xlsx 文件,或直接把文件夹交给 ${launcher()} import` };
  const kind = st.isFIFO() ? '命名管道(FIFO)' : st.isSocket() ? '套接字' : st.isCharacterDevice() || st.isBlockDevice() ? '设备文件' : '特殊文件';
  return { message: `这是${kind},不是普通文件,不能作为报表读取`, fix: '请确认路径指向报表文件本身(.xlsx)' };
}

/**
 * Reads the files one after another in this thread, calling onRead with each in the order given. On two
 * cores a worker pool gained nothing and cost its start-up; see the README's 性能与可靠性.
 */
export function readWorkbookFiles(paths: string[], onRead: (read: FileRead, index: number) => void): void {
  for (const [i, p] of paths.entries()) onRead(readWorkbookFile(p), i);
}
