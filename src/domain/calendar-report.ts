// One year's holiday calendar and the four quarterly deadlines it gives: what `jiuye calendar` shows.
import { dayKind, missingHolidays, type CalendarKind, type Calendars } from './calendar.js';
import { daysBetween, weekdayName, yearOf } from './dates.js';
import { deadline, incompleteCalendarWarning, missingCalendarWarning } from './deadline.js';
import { formatPeriod, type Quarter } from './period.js';

export interface CalendarReport {
  year: number;
  /** Null when the year has no calendar: deadlines then roll past weekends only. */
  calendar: {
    source: string;
    kind: CalendarKind;
    origin: string;
    /** For a calendar stored in the database: the file or command line it came from, and when. */
    loadedFrom: string | null;
    storedAt: string | null;
    holidays: { name: string; from: string; to: string; days: number }[];
    workdays: { name: string; date: string; weekday: string }[];
  } | null;
  deadlineRule: { planYear: number; daysAfterQuarterEnd: number; rule: string };
  deadlines: QuarterDeadline[];
  /** Every year with a calendar, and where each comes from. */
  calendars: { year: number; kind: CalendarKind }[];
  warnings: string[];
}

export interface QuarterDeadline {
  period: string;
  quarterEnd: string;
  /** Quarter end + N days, before rolling forward. */
  nominal: string;
  date: string;
  weekday: string;
  rolled: boolean;
  skipped: { date: string; reason: string }[];
  /** The deadline is a weekend day worked in exchange for a holiday: its name (国庆节调休), else null. */
  makeUpDay: string | null;
  /** The year whose calendar decides it: the next one for Q4. */
  calendarYear: number;
  missingCalendars: number[];
  incompleteCalendars: number[];
}

export interface CalendarReportInput {
  year: number;
  calendars: Calendars;
  /** The plan whose deadline rule applies, and its year (it may be another year's when Y has no plan). */
  planYear: number;
  deadline: { daysAfterQuarterEnd: number; rule: string };
  /** Extra facts about a stored calendar, from the store. */
  stored?: { loadedFrom: string; storedAt: string };
}

/** 节假日安排: a year's holidays and make-up working days, and the deadline of each of its quarters. */
export function calendarReport(input: CalendarReportInput): CalendarReport {
  const { year, calendars } = input;
  const cal = calendars.get(year);
  const n = input.deadline.daysAfterQuarterEnd;
  const deadlines = ([1, 2, 3, 4] as Quarter[]).map((quarter): QuarterDeadline => {
    const period = { year, quarter };
    const d = deadline(period, n, calendars);
    const kind = dayKind(d.date, calendars);
    return {
      period: formatPeriod(period),
      quarterEnd: d.quarterEnd,
      nominal: d.nominal,
      date: d.date,
      weekday: weekdayName(d.date),
      rolled: d.rolled,
      skipped: d.skipped,
      // dayKind names a working day only when it is a make-up day.
      makeUpDay: kind.working && kind.reason !== null ? kind.reason : null,
      calendarYear: yearOf(d.date),
      missingCalendars: d.missingCalendars,
      incompleteCalendars: d.incompleteCalendars,
    };
  });
  const missing = [...new Set([...(cal ? [] : [year]), ...deadlines.flatMap((d) => d.missingCalendars)])].sort((a, b) => a - b);
  return {
    year,
    calendar: cal
      ? {
          source: cal.source,
          kind: cal.kind,
          origin: cal.origin,
          loadedFrom: input.stored?.loadedFrom ?? null,
          storedAt: input.stored?.storedAt ?? null,
          holidays: cal.holidays.map((h) => ({ ...h, days: daysBetween(h.from, h.to) + 1 })),
          workdays: cal.workdays.map((w) => ({ ...w, weekday: weekdayName(w.date) })),
        }
      : null,
    deadlineRule: { planYear: input.planYear, daysAfterQuarterEnd: n, rule: input.deadline.rule },
    deadlines,
    calendars: [...calendars.values()].sort((a, b) => a.year - b.year).map((c) => ({ year: c.year, kind: c.kind })),
    warnings: [
      ...missing.map(missingCalendarWarning),
      ...[...new Set([...(cal && missingHolidays(cal).length > 0 ? [year] : []), ...deadlines.flatMap((d) => d.incompleteCalendars)])]
        .sort((a, b) => a - b)
        .map((y) => incompleteCalendarWarning(y, missingHolidays(calendars.get(y)!))),
    ],
  };
}
