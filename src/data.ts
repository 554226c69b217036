// The embedded data files (plans, holiday calendars) and reading a plan file from disk.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { InputError } from './errors.js';
import { ROOT } from './root.js';
import { validateCalendar, type CalendarKind, type HolidayCalendar } from './domain/calendar.js';
import { validatePlan } from './domain/plan/file.js';
import type { Plan } from './domain/plan/model.js';

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

/** Where a JSON text breaks, and what is wrong there, in the clerk's words: 第 3 行第 5 列:上一项之后应为逗号或 }. */
export function jsonErrorPlace(text: string, e: Error): string {
  const at = errorPosition(text, e.message);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return `第 ${line} 行第 ${column} 列:${jsonProblem(e.message, text[at])}`;
}

// V8's messages, by what they mean; anything else is said as a syntax error.
const JSON_PROBLEMS: [RegExp, string][] = [
  [/Unexpected end of JSON input/, '内容在此提前结束(缺少结尾的 } 或 ],或文件不完整)'],
  [/Expected double-quoted property name/, '应为用双引号括起的名称(最后一项之后不能有逗号)'],
  [/Expected property name or '}'/, '应为用双引号括起的名称或 }(名称须用英文双引号括起)'],
  [/Expected ',' or '}' after property value/, '上一项之后应为逗号或 }(两项之间缺少逗号?)'],
  [/Expected ',' or ']' after array element/, '上一个元素之后应为逗号或 ](两项之间缺少逗号?)'],
  [/Expected ':' after property name/, '名称之后应为冒号'],
  [/Unterminated string/, '文字缺少结尾的双引号'],
  [/Bad control character in string literal/, '双引号中的文字不能换行'],
  [/Bad escaped character|Bad Unicode escape/, '反斜杠 \\ 之后的字符无效(文件路径请写作 / 或 \\\\)'],
  [/Unexpected non-whitespace character after JSON/, '内容已经结束,之后还有多余的文字'],
  [/No number after minus sign|Unterminated fractional number|Exponent part is missing a number|Unexpected number/, '数字的写法不对'],
];

function jsonProblem(message: string, char: string | undefined): string {
  for (const [pattern, words] of JSON_PROBLEMS) if (pattern.test(message)) return words;
  if (/Unexpected token/.test(message) && char !== undefined) {
    if (/\s/.test(char)) return '此前的值不完整(true、false、null 拼错了,或文字缺少双引号?)';
    return `此处不应有“${char}”(文字须用英文双引号括起,最后一项之后不能有逗号)`;
  }
  return '语法错误';
}

/**
 * The offset where a JSON text breaks. V8 names it in most messages; where it does not, it is the
 * shortest prefix that fails other than by running out (binary search: the longer, the surer it fails).
 */
function errorPosition(text: string, message: string): number {
  const m = /at position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  const breaks = (k: number) => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (e) {
      const said = (e as Error).message;
      if (/Unexpected end of JSON input/.test(said)) return false;
      const p = /at position (\d+)/.exec(said);
      return !(p && Number(p[1]) >= k);
    }
  };
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (breaks(mid + 1)) high = mid;
    else low = mid + 1;
  }
  return Math.min(low, Math.max(0, text.length - 1));
}
