// Holiday calendars stored in the database (jiuye calendar add|set); they win over the bundled files.
import { InputError } from '../errors.js';
import type { HolidayCalendar } from '../domain/calendar.js';
import { localDate } from '../domain/dates.js';
import type { Db } from './db.js';

/** A stored calendar with when and from what it was stored. */
export interface StoredCalendar extends HolidayCalendar {
  loadedFrom: string;
  storedAt: string;
}

export interface SaveResult {
  /** The calendar the year had in the database before, if any. */
  previous: StoredCalendar | null;
  /** False when the same calendar was already stored: nothing was written. */
  written: boolean;
}

interface CalendarRow {
  year: number;
  source: string;
  loaded_from: string;
  stored_at: string;
}

interface DayRow {
  year: number;
  kind: 'holiday' | 'workday';
  name: string;
  first_day: string;
  last_day: string;
}

/**
 * Stores a checked calendar for its year in one transaction. A year already stored is refused
 * unless replace is set, so a second notice typed in by mistake never silently wins.
 */
export function saveCalendar(db: Db, calendar: HolidayCalendar, opts: { loadedFrom: string; at: Date; replace: boolean }): SaveResult {
  return db.transaction((): SaveResult => {
    const previous = readStoredCalendar(db, calendar.year);
    if (previous && sameDays(previous, calendar) && previous.source === calendar.source) return { previous, written: false };
    if (previous && !opts.replace) {
      throw new InputError(
        `数据库中已存有 ${calendar.year} 年的节假日安排(${localDate(new Date(previous.storedAt))} 存入,来自 ${previous.loadedFrom}),未做改动。` +
          '如需替换请加 --replace',
      );
    }
    db.prepare('DELETE FROM holiday_calendars WHERE year = ?').run(calendar.year);
    db.prepare('INSERT INTO holiday_calendars (year, source, loaded_from, stored_at) VALUES (?, ?, ?, ?)').run(
      calendar.year,
      calendar.source,
      opts.loadedFrom,
      opts.at.toISOString(),
    );
    const day = db.prepare('INSERT INTO holiday_calendar_days (year, kind, position, name, first_day, last_day) VALUES (?, ?, ?, ?, ?, ?)');
    calendar.holidays.forEach((h, i) => day.run(calendar.year, 'holiday', i, h.name, h.from, h.to));
    calendar.workdays.forEach((w, i) => day.run(calendar.year, 'workday', i, w.name, w.date, w.date));
    return { previous, written: true };
  }).immediate();
}

/** Every stored calendar, oldest year first; origin names the database they were read from. */
export function readStoredCalendars(db: Db): StoredCalendar[] {
  const rows = db.prepare('SELECT * FROM holiday_calendars ORDER BY year').all() as CalendarRow[];
  const days = db.prepare('SELECT * FROM holiday_calendar_days ORDER BY year, kind, position').all() as DayRow[];
  return rows.map((r) => toCalendar(db, r, days.filter((d) => d.year === r.year)));
}

/** The stored calendar of a year, or null. */
export function readStoredCalendar(db: Db, year: number): StoredCalendar | null {
  const r = db.prepare('SELECT * FROM holiday_calendars WHERE year = ?').get(year) as CalendarRow | undefined;
  if (!r) return null;
  return toCalendar(db, r, db.prepare('SELECT * FROM holiday_calendar_days WHERE year = ? ORDER BY kind, position').all(year) as DayRow[]);
}

function toCalendar(db: Db, r: CalendarRow, days: DayRow[]): StoredCalendar {
  return {
    year: r.year,
    source: r.source,
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => ({ name: d.name, from: d.first_day, to: d.last_day })),
    workdays: days.filter((d) => d.kind === 'workday').map((d) => ({ name: d.name, date: d.first_day })),
    origin: `数据库 ${db.name}`,
    kind: 'stored',
    loadedFrom: r.loaded_from,
    storedAt: r.stored_at,
  };
}

function sameDays(a: HolidayCalendar, b: HolidayCalendar): boolean {
  const key = (c: HolidayCalendar) => JSON.stringify([c.holidays.map((h) => [h.name, h.from, h.to]), c.workdays.map((w) => [w.name, w.date])]);
  return key(a) === key(b);
}
