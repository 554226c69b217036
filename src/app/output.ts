// Where an output goes and writing it: a folder given takes the default name inside it, a missing
// folder is said in one message everywhere, an existing file is replaced only with the flag that
// says so, and no path the clerk types ends in an internal error. Nothing is left half-written.
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { InputError, writeTrouble } from '../errors.js';
import type { Io } from '../io.js';
import { shown } from './workspace.js';

/** What the clerk asked for an output, and what jiuye would call it. */
export interface OutputRequest {
  /** The path typed after the flag; absent: the default name in the working folder. */
  given: string | undefined;
  /** The default name of the output, used when nothing or a folder is given. */
  name: string;
  /** The option that names the output (--out, --notice, --original), for the messages. */
  flag: string;
  /** The flag that allows replacing an existing output was given. */
  force: boolean;
  /** The output is itself a folder (one CSV file per table): an old one may be replaced with force. */
  folder?: boolean;
}

/**
 * The path an output is written to, checked before any work is done for it: `--out 文件夹` (an
 * existing folder, or any path ending in a slash) means the default name inside that folder.
 */
export function outputPath(io: Io, r: OutputRequest): string {
  const typed = r.given ?? r.name;
  const base = isAbsolute(typed) ? typed : resolve(io.cwd, typed);
  const intoFolder = r.given !== undefined && (/[\\/]$/.test(r.given) || isFolder(base));
  const out = intoFolder ? join(base, r.name) : base;
  const folder = dirname(out);
  if (!existsSync(folder)) throw new InputError(missingFolder(io, out));
  if (!isFolder(folder)) throw new InputError(`无法写出 ${shown(io, out)}:${shown(io, folder)} 是文件,不是文件夹`);
  if (existsSync(out)) {
    if (isFolder(out) && !r.folder) throw new InputError(`无法写出 ${shown(io, out)}:已有同名的文件夹,未改动。请用 ${r.flag} 指定其他名称`);
    if (!r.force) throw new InputError(`${shown(io, out)} 已存在,未覆盖。如需覆盖请加 --force,或用 ${r.flag} 指定其他名称`);
  }
  return out;
}

/** The one sentence for an output whose folder does not exist. */
export function missingFolder(io: Io, out: string): string {
  return `无法写出 ${shown(io, out)}:所在文件夹不存在`;
}

/** Refuses an existing output before any work is done for it. */
export function refuseExisting(out: string, force: boolean): void {
  if (existsSync(out) && !force) throw new InputError(`${out} 已存在,未覆盖。如需覆盖请加 --force,或用 --out 指定其他名称`);
}

/**
 * Writes text or bytes to a file, or CSV files into a folder, beside the final name and renames it
 * into place: a failure leaves nothing behind, and the old output stays until the new one is whole.
 */
export function writeOutput(out: string, content: string | Uint8Array | { name: string; content: string }[]): string {
  const temp = `${out}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) writeFileSync(temp, content);
    else {
      mkdirSync(temp);
      for (const f of content) writeFileSync(join(temp, f.name), f.content);
    }
    rmSync(out, { recursive: true, force: true });
    renameSync(temp, out);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw writeTrouble(e, out) ?? e;
  }
  return out;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
