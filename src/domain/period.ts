// Quarters: how a period is written, read and placed in the year.
import { quarterName } from '../format/words.js';
import { toHalfWidth } from '../format/typed.js';

export type Quarter = 1 | 2 | 3 | 4;

export interface Period {
  year: number;
  quarter: Quarter;
}

const CHINESE_QUARTER: Record<string, Quarter> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** Reads 2021Q3, 2021-Q3, 2021q3, 2021年第三季度 (or 2021年第3季度); null when it is none of these. */
export function parsePeriod(text: string): Period | null {
  const s = toHalfWidth(text).trim();
  let m = /^(\d{4})\s*-?\s*[Qq]\s*([1-4])$/.exec(s);
  if (m) return { year: Number(m[1]), quarter: Number(m[2]) as Quarter };
  m = /^(\d{4})\s*年\s*第?\s*([一二三四1-4])\s*季度?$/.exec(s);
  if (m) return { year: Number(m[1]), quarter: CHINESE_QUARTER[m[2]] };
  return null;
}

/** The canonical form, e.g. 2021Q3. */
export function formatPeriod(p: Period): string {
  return `${p.year}Q${p.quarter}`;
}

/** 2021年第三季度, for titles. */
export function periodTitle(p: Period): string {
  return `${p.year}年${quarterName(p.quarter)}`;
}

/** Last day of the quarter, as YYYY-MM-DD. */
export function quarterEnd(p: Period): string {
  const month = p.quarter * 3;
  const day = month === 6 || month === 9 ? 30 : 31;
  return `${p.year}-${String(month).padStart(2, '0')}-${day}`;
}

/** The quarter before, crossing into the previous year after Q1. */
export function previousPeriod(p: Period): Period {
  return p.quarter === 1 ? { year: p.year - 1, quarter: 4 } : { year: p.year, quarter: (p.quarter - 1) as Quarter };
}

/** Same period? */
export function samePeriod(a: Period, b: Period): boolean {
  return a.year === b.year && a.quarter === b.quarter;
}

/** The quarter being collected on a day: the last one that has ended (2021-10-09 → 2021Q3, 2022-01-05 → 2021Q4). */
export function collectionQuarter(date: string): Period {
  const year = Number(date.slice(0, 4));
  const current = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
  return current === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: (current - 1) as Quarter };
}
