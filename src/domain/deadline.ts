// Deadlines of the quarterly return (季后N日, 遇节假日顺延) and who is on time, late or overdue.
import { dayKind, missingHolidays, type Calendars } from './calendar.js';
import { addDays, chineseDate, daysBetween, weekdayName, yearOf } from './dates.js';
import { formatPeriod, periodTitle, quarterEnd, type Period } from './period.js';
import type { Plan, UnitKind } from './plan/model.js';
import type { ReturnRecord } from './return.js';
import { launcher } from '../format/command.js';

export interface Deadline {
  /** Last day of the quarter. */
  quarterEnd: string;
  /** Quarter end + N calendar days, before rolling forward. */
  nominal: string;
  /** The first working day on or after the nominal date. */
  date: string;
  rolled: boolean;
  /** The days passed over, with why: 国庆节, 周六 … */
  skipped: { date: string; reason: string }[];
  /** Years whose holiday calendar was needed but missing: only weekends were considered there. */
  missingCalendars: number[];
  /** Years whose calendar was used but does not list every statutory holiday (stored with --incomplete). */
  incompleteCalendars: number[];
}

/** 截止日期: N calendar days after quarter end, rolled forward past weekends and holidays (make-up days count as working). */
export function deadline(period: Period, daysAfterQuarterEnd: number, calendars: Calendars): Deadline {
  const end = quarterEnd(period);
  const nominal = addDays(end, daysAfterQuarterEnd);
  const skipped: { date: string; reason: string }[] = [];
  const missing = new Set<number>();
  const incomplete = new Set<number>();
  let date = nominal;
  for (;;) {
    const kind = dayKind(date, calendars);
    if (!kind.known) missing.add(yearOf(date));
    else if (missingHolidays(calendars.get(yearOf(date))!).length > 0) incomplete.add(yearOf(date));
    if (kind.working) break;
    skipped.push({ date, reason: kind.reason ?? '' });
    date = addDays(date, 1);
  }
  return { quarterEnd: end, nominal, date, rolled: date !== nominal, skipped, missingCalendars: [...missing], incompleteCalendars: [...incomplete] };
}

/** The deadline and why it moved: 2021-10-08 周五(2021-10-05 逢国庆节,顺延). */
export function deadlineText(d: Deadline): string {
  const day = `${d.date} ${weekdayName(d.date)}`;
  if (!d.rolled) return day;
  const reasons = [...new Set(d.skipped.map((s) => s.reason))].join('、');
  return `${day}(${d.nominal} 逢${reasons},顺延)`;
}

/** A return together with the day it was received. */
export type ReceivedReturn = ReturnRecord & { receivedOn: string };

export type SubmissionStatus = 'on_time' | 'late' | 'overdue' | 'pending';

export interface Contact {
  filledBy: string | null;
  phone: string | null;
  /** The quarter of the return it was taken from. */
  period: string;
}

export interface UnitSubmission {
  unit: string;
  name: string;
  fullName: string;
  kind: UnitKind;
  status: SubmissionStatus;
  /** 按时 / 逾期报送(3天) / 未报送·已逾期(7天) / 未报送·未到期(还有2天,临近) */
  statusText: string;
  receivedOn: string | null;
  daysLate: number | null;
  daysOverdue: number | null;
  daysLeft: number | null;
  /** Not yet due, and due within nearDays days. */
  near: boolean;
  contact: Contact | null;
}

export interface OverdueReport {
  year: number;
  period: string;
  periodTitle: string;
  district: string;
  office: string;
  asOf: string;
  deadline: Deadline & { rule: string; daysAfterQuarterEnd: number };
  nearDays: number;
  /** Days late, overdue and left are calendar days (自然日). */
  dayCount: 'calendar';
  units: UnitSubmission[];
  counts: { expected: number; received: number; onTime: number; late: number; overdue: number; pending: number; near: number };
  /** Missing holiday calendars and the like: shown on stderr and kept here for scripts. */
  warnings: string[];
}

export interface SubmissionInput {
  plan: Plan;
  period: Period;
  /** The day the report is as of (YYYY-MM-DD): returns received later count as not yet received. */
  asOf: string;
  /** Returns of the period and earlier ones (this year and the year before), for receipt dates and contacts. */
  returns: ReceivedReturn[];
  calendars: Calendars;
}

/** 报送情况: every unit of the plan with its deadline status as of a day, and its contact from its last return. */
export function overdueReport(input: SubmissionInput): OverdueReport {
  const { plan, period, asOf } = input;
  const due = deadline(period, plan.deadline.daysAfterQuarterEnd, input.calendars);
  const key = (p: Period) => p.year * 10 + p.quarter;
  const known = input.returns.filter((r) => r.receivedOn <= asOf && key(r.period) <= key(period));
  const units = plan.units.map((u): UnitSubmission => {
    const own = known.filter((r) => r.unit === u.code).sort((a, b) => key(b.period) - key(a.period));
    const current = own.find((r) => key(r.period) === key(period));
    const last = own.find((r) => r.filledBy || r.phone);
    const contact = last ? { filledBy: last.filledBy, phone: last.phone, period: formatPeriod(last.period) } : null;
    const base = { unit: u.code, name: u.name, fullName: u.fullName, kind: u.kind, contact };
    const none = { receivedOn: null, daysLate: null, daysOverdue: null, daysLeft: null, near: false };
    if (current) {
      const late = daysBetween(due.date, current.receivedOn);
      return late > 0
        ? { ...base, ...none, status: 'late', statusText: `逾期报送(${late}天)`, receivedOn: current.receivedOn, daysLate: late }
        : { ...base, ...none, status: 'on_time', statusText: '按时', receivedOn: current.receivedOn, daysLate: 0 };
    }
    const left = daysBetween(asOf, due.date);
    if (left < 0) return { ...base, ...none, status: 'overdue', statusText: `未报送·已逾期(${-left}天)`, daysOverdue: -left };
    const near = left <= plan.deadline.nearDays;
    const when = left === 0 ? '今日截止' : `还有${left}天`;
    return { ...base, ...none, status: 'pending', statusText: `未报送·未到期(${when}${near ? ',临近' : ''})`, daysLeft: left, near };
  });
  const count = (s: SubmissionStatus) => units.filter((u) => u.status === s).length;
  return {
    year: period.year,
    period: formatPeriod(period),
    periodTitle: periodTitle(period),
    district: plan.district,
    office: plan.office,
    asOf,
    deadline: { ...due, rule: plan.deadline.rule, daysAfterQuarterEnd: plan.deadline.daysAfterQuarterEnd },
    nearDays: plan.deadline.nearDays,
    dayCount: 'calendar',
    units,
    counts: {
      expected: units.length,
      received: count('on_time') + count('late'),
      onTime: count('on_time'),
      late: count('late'),
      overdue: count('overdue'),
      pending: count('pending'),
      near: units.filter((u) => u.near).length,
    },
    warnings: calendarWarnings(due, input.calendars),
  };
}

/** What a deadline's calendars leave uncertain: a year without a calendar, or one that misses a holiday. */
export function calendarWarnings(due: Pick<Deadline, 'missingCalendars' | 'incompleteCalendars'>, calendars: Calendars): string[] {
  return [
    ...due.missingCalendars.map(missingCalendarWarning),
    ...due.incompleteCalendars.map((year) => incompleteCalendarWarning(year, missingHolidays(calendars.get(year)!))),
  ];
}

/** The warning for a deadline in a year whose calendar was stored without every statutory holiday. */
export function incompleteCalendarWarning(year: number, missing: readonly string[]): string {
  return (
    `${year} 年的节假日安排没有列出${missing.join('、')},遇这些节日时截止日期只按周末顺延,可能不准确。` +
    `请按国务院办公厅的通知补全后用 ${launcher()} calendar add 文件 --replace(或 ${launcher()} calendar set ${year} … --replace)存入`
  );
}

/** The warning for a deadline in a year without a holiday calendar, naming the command that stores one. */
export function missingCalendarWarning(year: number): string {
  return (
    `缺少 ${year} 年的节假日安排,截止日期只按周末顺延,未计法定节假日和调休上班日,可能不准确。` +
    `国务院办公厅公布 ${year} 年节假日安排后,请用 ${launcher()} calendar add 文件(格式同 data/holidays 中的文件)` +
    `或 ${launcher()} calendar set ${year} --holiday 起..止=名称 --workday 日期=名称 存入数据库`
  );
}

/** 催报通知: a formal notice to the units that are overdue; null when none is. */
export function reminderNotice(report: OverdueReport, plan: Plan): string | null {
  const overdue = report.units.filter((u) => u.status === 'overdue');
  if (overdue.length === 0) return null;
  // The office signs without the parenthetical "(设在区人社局)".
  const office = report.office.replace(/[((][^))]*[))]\s*$/, '');
  const d = report.deadline;
  const lines = [
    `关于尽快报送${report.periodTitle}就业工作季度报表的催报通知`,
    '',
    `${overdue.map((u) => u.fullName).join('、')}:`,
    '',
    `    根据《${plan.title}》关于每季度跟踪掌握政策落实进度、督促检查目标任务完成情况的要求,` +
      `${report.periodTitle}就业工作季度报表应于${chineseDate(d.date)}前报送` +
      `(${d.rule}${d.rolled ? `,本季度截止日期已按节假日顺延` : ''})。` +
      `截至${chineseDate(report.asOf)},以上单位尚未报送,已逾期。逾期情况如下(天数按自然日计算):`,
    '',
    ...overdue.map((u, i) => `    ${i + 1}. ${u.fullName}:已逾期${u.daysOverdue}天`),
    '',
    `    请接到本通知后立即组织填报,按统一下发的季度报表格式报送${office},` +
      '报表中的指标数据、任务进展情况和规模性裁员情况须如实填写,并注明填报人和联系电话。' +
      `如有困难,请及时与${office}联系说明。`,
    '',
    `${' '.repeat(24)}${office}`,
    `${' '.repeat(24)}${chineseDate(report.asOf)}`,
    '',
  ];
  return lines.join('\n');
}
