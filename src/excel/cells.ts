// The plain values a workbook's cells are read into, and the numbers and dates a person types in them.
import { parseDate } from '../domain/dates.js';
import { parseNumberText } from '../format/typed.js';

export type Plain =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'date'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; value: string }
  /** A formula saved without its result (written by a program, never opened in Excel or WPS). */
  | { kind: 'uncalculated'; formula: string };

/** Text of a cell for labels and notes: numbers and dates as written, trimmed. */
export function cellText(p: Plain): string {
  switch (p.kind) {
    case 'empty':
      return '';
    case 'text':
      return p.value.trim();
    case 'number':
      return String(p.value);
    case 'date':
      return p.value;
    case 'boolean':
      return p.value ? 'TRUE' : 'FALSE';
    case 'error':
      return p.value;
    case 'uncalculated':
      return `=${p.formula}`;
  }
}

export type Read<T> = { ok: true; value: T } | { ok: false; found: string; expected: string; fix?: string };

const RECALCULATE = '文件里的公式没有保存计算结果(常见于由其他程序生成的表格):请在 Excel 或 WPS 中打开该文件并保存,再重新导入';

/**
 * A number typed any way a person types one: 1,234 / １２３４ / 1234人 / a formula's result.
 * Empty stays empty (null); anything else unreadable is a failure, never a silent 0.
 */
export function readNumber(p: Plain, opts: { decimals?: number } = {}): Read<number | null> {
  const decimals = opts.decimals ?? 0;
  const expected = decimals > 0 ? `数字(最多 ${decimals} 位小数)` : '整数';
  if (p.kind === 'empty') return { ok: true, value: null };
  if (p.kind === 'number') return checkDecimals(p.value, decimals, String(p.value), expected);
  if (p.kind === 'text') {
    const n = parseNumberText(p.value);
    if (n === null) return { ok: false, found: `“${p.value}”`, expected };
    return checkDecimals(n, decimals, `“${p.value}”`, expected);
  }
  if (p.kind === 'error') return { ok: false, found: `错误值 ${p.value}`, expected };
  if (p.kind === 'uncalculated') return { ok: false, found: `公式 =${p.formula}(没有计算结果)`, expected, fix: RECALCULATE };
  if (p.kind === 'date') return { ok: false, found: `日期 ${p.value}`, expected };
  return { ok: false, found: cellText(p), expected };
}

function checkDecimals(n: number, decimals: number, found: string, expected: string): Read<number> {
  const scaled = n * 10 ** decimals;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) return { ok: false, found, expected };
  return { ok: true, value: Number(n.toFixed(decimals)) };
}

/**
 * A date from a date cell, a date serial, or text like 2021-10-08, 2021/10/8, 2021.10.8,
 * 2021年10月8日, 20211008. Empty stays empty (null).
 */
export function readDate(p: Plain): Read<string | null> {
  const expected = '日期,如 2021-10-08';
  if (p.kind === 'empty') return { ok: true, value: null };
  if (p.kind === 'date') return plausible(p.value) ? { ok: true, value: p.value } : { ok: false, found: `日期 ${p.value}`, expected };
  if (p.kind === 'number') {
    // Excel serial day numbers for 2000-01-01 … 2099-12-31.
    if (Number.isInteger(p.value) && p.value >= 36526 && p.value <= 73050) {
      return { ok: true, value: isoDateUtc(new Date(Date.UTC(1899, 11, 30) + p.value * 86400000)) };
    }
    return { ok: false, found: String(p.value), expected };
  }
  if (p.kind === 'text') {
    const d = parseDate(p.value);
    return d && plausible(d) ? { ok: true, value: d } : { ok: false, found: `“${p.value}”`, expected };
  }
  if (p.kind === 'uncalculated') return { ok: false, found: `公式 =${p.formula}(没有计算结果)`, expected, fix: RECALCULATE };
  return { ok: false, found: cellText(p), expected };
}

// A return speaks of this century; 1900-02-08 is the number 39 in a date-formatted cell.
function plausible(date: string): boolean {
  return date >= '2000-01-01' && date <= '2099-12-31';
}

function isoDateUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}
