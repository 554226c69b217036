// Which files an import batch reads: the files given, and the return-like files inside given folders.
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import type { Io } from '../../io.js';

export interface ImportProblem {
  sheet?: string;
  cell?: string;
  message: string;
  fix: string;
  /** The return's year has no plan: the batch names how to make one, once. */
  planMissing?: number;
}

/** One file of a batch as listed. */
export interface ImportFile {
  path: string;
  /** The path as the clerk sees it: relative to the working folder where it is inside. */
  display: string;
  /** Cannot be read as given (an unreadable folder, an empty one). */
  problem?: ImportProblem;
  /** Not read at all, and why: Excel's own lock file named by a glob. */
  skip?: string;
}

const ACCEPTED = new Set(['.xlsx', '.xlsm', '.xls', '.et', '.csv', '.htm', '.html']);

/** Excel and WPS keep ~$name.xlsx beside a workbook that is open: never a return. */
export function isOwnerFile(name: string): boolean {
  return name.startsWith('~$');
}

/** Files as given, and the return-like files inside given folders (sorted, without lock and hidden files). */
export function listImportFiles(io: Io, paths: string[]): ImportFile[] {
  const out: ImportFile[] = [];
  const display = (p: string) => {
    const r = relative(io.cwd, p);
    return r && !r.startsWith('..') ? r : p;
  };
  for (const given of paths) {
    const path = resolve(io.cwd, given);
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // a missing path is reported when it is read
    }
    if (!isDir) {
      const skip = isOwnerFile(basename(path)) ? 'Excel 或 WPS 打开文件时留下的临时文件(~$ 开头),不是报表' : undefined;
      out.push({ path, display: display(path), ...(skip ? { skip } : {}) });
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(path);
    } catch (e) {
      const denied = ['EACCES', 'EPERM'].includes((e as NodeJS.ErrnoException).code ?? '');
      out.push({ path, display: display(path), problem: { message: denied ? '没有读取这个文件夹的权限' : `无法读取文件夹(${(e as Error).message})`, fix: '请检查文件夹权限,或把报表复制到自己的文件夹后再导入' } });
      continue;
    }
    names = names.filter((n) => !isOwnerFile(n) && !n.startsWith('.') && ACCEPTED.has(extname(n).toLowerCase())).sort((a, b) => a.localeCompare(b, 'zh-CN'));
    if (names.length === 0) {
      // A folder named like a return (an unzipped .xlsx, say) was most likely meant as a file.
      const problem = ACCEPTED.has(extname(path).toLowerCase())
        ? { message: '这是一个文件夹(名字像报表文件),不是报表文件,其中也没有 .xlsx 文件', fix: '请指定报表文件本身;如果这是解压出来的文件夹,请改用原来的 .xlsx 文件' }
        : { message: '文件夹中没有 .xlsx 文件', fix: '请检查文件夹是否正确' };
      out.push({ path, display: display(path), problem });
    }
    for (const n of names) out.push({ path: join(path, n), display: display(join(path, n)) });
  }
  return out;
}
