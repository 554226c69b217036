// Writing a finished output file (a summary, an assessment): never half-written, never replacing
// an existing one without --force.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';

/** Refuses an existing output before any work is done for it. */
export function refuseExisting(out: string, force: boolean): void {
  if (existsSync(out) && !force) throw new InputError(`${out} 已存在,未覆盖。如需覆盖请加 --force,或用 --out 指定其他名称`);
}

/**
 * Writes text to a file, or CSV files into a folder, beside the final name and renames it into
 * place: a failure leaves nothing behind, and the old output stays until the new one is whole.
 */
export function writeOutput(out: string, content: string | { name: string; content: string }[]): string {
  const temp = `${out}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  try {
    if (typeof content === 'string') writeFileSync(temp, content);
    else {
      mkdirSync(temp);
      for (const f of content) writeFileSync(join(temp, f.name), f.content);
    }
    rmSync(out, { recursive: true, force: true });
    renameSync(temp, out);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`无法写出 ${out}:所在文件夹不存在`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`无法写出 ${out}:没有写入权限`);
    throw e;
  }
  return out;
}
