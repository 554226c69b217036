// The embedded data files (plans, holiday calendars) and reading a plan file from disk.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from './errors.js';
import { validatePlan, type Plan } from './domain/plan.js';

/** data/ at the package root, from src/ (tests) and dist/ (the built tool) alike. */
export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/** The plan a new user gets: the source document's, 梅列区 2021. */
export const DEFAULT_PLAN = `${DATA_DIR}plans/meilie-2021.json`;

/** Reads, parses and checks a plan file; every failure names the file and the place. */
export function loadPlanFile(path: string): Plan {
  const text = readText(path, '方案文件');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`方案文件 ${path} 不是有效的 JSON:${jsonErrorPlace(text, e as Error)}`);
  }
  return validatePlan(raw, path);
}

/** A file's text, or an InputError saying why it cannot be read. */
export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${what} ${path} 不存在`);
    if (code === 'EISDIR') throw new InputError(`${what} ${path} 是一个文件夹,不是文件`);
    if (code === 'EACCES') throw new InputError(`${what} ${path} 没有读取权限`);
    throw new InputError(`无法读取${what} ${path}:${(e as Error).message}`);
  }
}

function jsonErrorPlace(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return e.message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `第 ${line} 行第 ${column} 列附近有语法错误(${e.message})`;
}
