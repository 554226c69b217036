// Calendar dates as YYYY-MM-DD strings: checking, adding days, counting days between two dates.
import { toHalfWidth } from '../format/typed.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2021-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function toUtc(date: string): Date {
  const m = ISO.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function fromUtc(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The date n calendar days later (or earlier, for negative n). */
export function addDays(date: string, n: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtc(d);
}

/** Calendar days from a to b: positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** Day of the week, 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return toUtc(date).getUTCDay();
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** The year of a date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The day a clock reading falls on, in the clerk's local time. */
export function localDate(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/**
 * Reads 2021-10-15, 2021/10/15, 2021.10.15, 2021年10月15日 and 20211015 (full-width digits too) as
 * 2021-10-15; null when it is none of these or not a real date (2021-02-30).
 */
export function parseDate(text: string): string | null {
  const s = toHalfWidth(text).replace(/\s+/g, '');
  const m = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?|(\d{2})(\d{2}))$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${(m[2] ?? m[4] ?? m[6]).padStart(2, '0')}-${(m[3] ?? m[5] ?? m[7]).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** 2021年10月8日, for notices and titles. */
export function chineseDate(date: string): string {
  const d = toUtc(date);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 周一 … 周日. */
export function weekdayName(date: string): string {
  return WEEKDAYS[weekday(date)];
}
