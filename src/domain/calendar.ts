// Holiday calendars: the State Council's yearly notice of statutory holidays and make-up working days.
import { InputError } from '../errors.js';
import { isIsoDate, isWeekend, weekdayName, yearOf } from './dates.js';

export interface Holiday {
  name: string;
  from: string;
  to: string;
}

/** A weekend day that is a working day (调休上班). */
export interface MakeUpDay {
  name: string;
  date: string;
}

/** Where a calendar came from: shipped with jiuye, a file in holidays/ beside the database, or stored in the database. */
export type CalendarKind = 'bundled' | 'file' | 'stored';

export interface HolidayCalendar {
  year: number;
  source: string;
  holidays: Holiday[];
  workdays: MakeUpDay[];
  /** Where it was read from, for messages: a file path, or the database's. */
  origin: string;
  kind: CalendarKind;
}

/** Names the place of a problem: holidays[2].from in a file, the third --holiday on a command line. */
export type PlaceNamer = (list: 'holidays' | 'workdays', index: number, field?: 'name' | 'from' | 'to' | 'date') => string;

export interface ValidateOptions {
  kind?: CalendarKind;
  /** How messages name a place (default: the JSON path, holidays[0].from). */
  place?: PlaceNamer;
  /** What the message says was refused (default: 节假日安排文件 <origin>). */
  subject?: string;
}

const jsonPlace: PlaceNamer = (list, i, field) => `${list}[${i}]${field ? `.${field}` : ''}`;

/** The seven statutory holidays every year's notice sets, and how a holiday's name shows it covers one. */
export const STATUTORY_HOLIDAYS: readonly { name: string; key: string }[] = [
  { name: '元旦', key: '元旦' },
  { name: '春节', key: '春节' },
  { name: '清明节', key: '清明' },
  { name: '劳动节', key: '劳动' },
  { name: '端午节', key: '端午' },
  { name: '中秋节', key: '中秋' },
  { name: '国庆节', key: '国庆' },
];

/**
 * The statutory holidays a year's calendar does not list, by name: a combined 中秋节、国庆节 (as in 2023
 * and 2025) covers both. A calendar that misses one rolls deadlines past weekends only there.
 */
export function missingHolidays(calendar: Pick<HolidayCalendar, 'holidays'>): string[] {
  return STATUTORY_HOLIDAYS.filter((h) => !calendar.holidays.some((x) => x.name.includes(h.key))).map((h) => h.name);
}

/** Calendars by year. */
export type Calendars = ReadonlyMap<number, HolidayCalendar>;

/**
 * Checks a parsed calendar file: dates real and inside its year, from ≤ to, every make-up
 * working day a weekend. Every problem is named; the file is refused whole.
 */
export function validateCalendar(raw: unknown, origin: string, opts: ValidateOptions = {}): HolidayCalendar {
  const place = opts.place ?? jsonPlace;
  const subject = opts.subject ?? `节假日安排文件 ${origin}`;
  const problems: string[] = [];
  const root = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  if (!root) throw new InputError(`${subject} 的内容不是一个 JSON 对象`);
  const year = root.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    problems.push(`year: 应为 2000–2100 的年份,实为 ${JSON.stringify(year)}`);
  }
  const y = typeof year === 'number' ? year : NaN;
  const date = (v: unknown, where: string, what: string): string | null => {
    if (v === undefined || v === null || v === '') {
      problems.push(`${where}: 缺少${what}(应写作 ${Number.isNaN(y) ? 'YYYY' : y}-MM-DD)`);
      return null;
    }
    if (typeof v !== 'string' || !isIsoDate(v)) {
      problems.push(`${where}: ${JSON.stringify(v)} 不是有效日期(应写作 ${Number.isNaN(y) ? 'YYYY' : y}-MM-DD)`);
      return null;
    }
    if (yearOf(v) !== y) {
      // A notice may start 元旦 in the year before (2022-12-31 for 2023): only this year's days belong here.
      problems.push(`${where}: ${v} 不在 ${y} 年内(跨年的假期只写 ${y} 年内的日子)`);
      return null;
    }
    return v;
  };
  const name = (v: unknown, where: string): string => {
    if (typeof v !== 'string' || v.trim() === '') {
      problems.push(`${where}: 名称应为非空文字`);
      return '';
    }
    return v;
  };
  const list = (key: string): Record<string, unknown>[] => {
    const v = root[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      problems.push(`${key}: 应为列表`);
      return [];
    }
    return v.map((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        problems.push(`${key}[${i}]: 应为对象`);
        return {};
      }
      return item as Record<string, unknown>;
    });
  };

  const holidays: Holiday[] = [];
  list('holidays').forEach((h, i) => {
    const where = place('holidays', i);
    const n = name(h.name, place('holidays', i, 'name'));
    const from = date(h.from, place('holidays', i, 'from'), '起始日');
    const to = date(h.to, place('holidays', i, 'to'), '结束日');
    if (from && to && from > to) problems.push(`${where}: 起始日 ${from} 晚于结束日 ${to}`);
    if (from && to) holidays.push({ name: n, from, to });
  });
  const workdays: MakeUpDay[] = [];
  const workdayPlaces: string[] = [];
  list('workdays').forEach((w, i) => {
    const n = name(w.name, place('workdays', i, 'name'));
    const d = date(w.date, place('workdays', i, 'date'), '日期');
    if (d && !isWeekend(d)) problems.push(`${place('workdays', i, 'date')}: ${d} 是${weekdayName(d)},调休上班日应为周六或周日`);
    else if (d) {
      workdays.push({ name: n, date: d });
      workdayPlaces.push(place('workdays', i));
    }
  });
  workdays.forEach((w, i) => {
    const h = holidays.find((x) => x.from <= w.date && w.date <= x.to);
    if (h) problems.push(`${workdayPlaces[i]}: ${w.date} 同时列在放假日 ${h.name}(${h.from}–${h.to})中`);
  });

  if (problems.length > 0) {
    throw new InputError(`${subject} 有 ${problems.length} 处错误:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return { year: y, source: typeof root.source === 'string' ? root.source : '', holidays, workdays, origin, kind: opts.kind ?? 'file' };
}

export interface DayKind {
  working: boolean;
  /** Why it is not a working day (清明节, 周六), or that it is a make-up working day (国庆节调休). */
  reason: string | null;
  /** False when the year has no calendar and only weekends were considered. */
  known: boolean;
}

/** Is a date a working day: a make-up day is, a holiday or weekend is not; without a calendar, weekends only. */
export function dayKind(date: string, calendars: Calendars): DayKind {
  const cal = calendars.get(yearOf(date));
  if (cal) {
    const makeUp = cal.workdays.find((w) => w.date === date);
    if (makeUp) return { working: true, reason: makeUp.name, known: true };
    const holiday = cal.holidays.find((h) => h.from <= date && date <= h.to);
    if (holiday) return { working: false, reason: holiday.name, known: true };
  }
  const weekend = isWeekend(date);
  return { working: !weekend, reason: weekend ? weekdayName(date) : null, known: cal !== undefined };
}
