// The embedded data files (plans, holiday calendars) and reading a plan file from disk.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { InputError } from './errors.js';
import { ROOT } from './root.js';
import { validateCalendar, type CalendarKind, type HolidayCalendar } from './domain/calendar.js';
import { validatePlan, type Plan } from './domain/plan.js';

/** data/ at the package root, from src/ (tests) and dist/ (the built tool) alike. */
export const DATA_DIR = join(ROOT, 'data') + sep;

/** The plan a new user gets: the source document's, 梅列区 2021. */
export const DEFAULT_PLAN = `${DATA_DIR}plans/meilie-2021.json`;

/** Reads, parses and checks a plan file; every failure names the file and the place. */
export function loadPlanFile(path: string): Plan {
  return validatePlan(readJson(path, '方案文件'), path);
}

/**
 * Holiday calendars by year: the embedded ones (data/holidays), each replaced by a file for the
 * same year in the user's folder (holidays/ beside the database). A bad file is refused by name.
 */
export function loadCalendars(userDir: string | null): Map<number, HolidayCalendar> {
  const calendars = new Map<number, HolidayCalendar>();
  for (const file of calendarFiles(`${DATA_DIR}holidays`)) {
    const c = loadCalendarFile(file, 'bundled');
    calendars.set(c.year, c);
  }
  if (userDir && existsSync(userDir) && statSync(userDir).isDirectory()) {
    const own = new Map<number, string>();
    for (const file of calendarFiles(userDir)) {
      const c = loadCalendarFile(file);
      const twin = own.get(c.year);
      if (twin) throw new InputError(`节假日安排文件 ${file} 与 ${twin} 都是 ${c.year} 年的,请删去其中一个`);
      own.set(c.year, file);
      calendars.set(c.year, c);
    }
  }
  return calendars;
}

function calendarFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** Reads and checks one calendar file; a file named 2023.json must hold the 2023 calendar. */
export function loadCalendarFile(path: string, kind: CalendarKind = 'file'): HolidayCalendar {
  const calendar = validateCalendar(readJson(path, '节假日安排文件'), path, { kind });
  const named = /^(\d{4})\.json$/i.exec(basename(path));
  if (named && Number(named[1]) !== calendar.year) {
    throw new InputError(`节假日安排文件 ${path} 的文件名是 ${named[1]} 年,内容却是 ${calendar.year} 年(year 字段),请改正其一`);
  }
  return calendar;
}

/** A JSON file parsed, or an InputError naming the file and the line of a syntax error. */
function readJson(path: string, what: string): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${what} ${path} 不是有效的 JSON:${jsonErrorPlace(text, e as Error)}`);
  }
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
