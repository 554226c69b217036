// One indicator's figures as the terminal writes them: the figure, goal vs actual, the status and the completion bar.
import type { ChalkInstance } from 'chalk';
import type { IndicatorCheck } from '../domain/progress.js';
import { numberText, rateText, shareText } from '../format/number.js';
import { keepWhole } from './text.js';

/** A figure in the indicator's measure: 1,234 for people, 3.12% for rates. */
/**
 * An indicator's name for a table cell, with its measure: a narrow column may put 就业困难人员再就业 and
 * (人) on two lines, never break the name itself.
 */
export function indicatorLabel(name: string, measure?: string): string {
  return measure ? `${keepWhole(name)}(${measure})` : keepWhole(name);
}

export function figureText(c: IndicatorCheck, value: number | null): string {
  if (value === null) return '—';
  return c.kind === 'rate' || c.kind === 'relative' ? rateText(value) : numberText(value, c.decimals);
}

/**
 * Goal vs actual as hledger's budget report writes it: 1,234 / 1,500 (82.3%), 3.12% / ≤3.5%,
 * 1 / 动态清零; a monitored figure has no goal and shows its year to date (累计 150).
 */
export function budgetText(c: IndicatorCheck): string {
  switch (c.kind) {
    case 'count':
      if (c.target === null) return `${figureText(c, c.ytd)} / 未分解`;
      return `${figureText(c, c.ytd)} / ${numberText(c.target.value ?? 0, c.decimals)}${c.completion !== null ? ` (${shareText(c.completion)})` : ''}`;
    case 'monitor':
      return c.ytd === null ? '—' : `累计 ${figureText(c, c.ytd)}`;
    default:
      return `${figureText(c, c.quarterValue)} / ${c.target?.text ?? '—'}`;
  }
}

/** 进度滞后(差 16 人), or the status alone. */
export function statusLabel(i: IndicatorCheck): string {
  return i.status === 'behind' && i.shortfall !== null ? `${i.statusText}(差 ${numberText(i.shortfall)} ${i.measure})` : i.statusText;
}

/** The status label, coloured by how it stands. */
export function statusCell(i: IndicatorCheck, c: ChalkInstance): string {
  const text = statusLabel(i);
  switch (i.status) {
    case 'done':
      return c.green(text);
    case 'on_schedule':
      return text;
    case 'behind':
    case 'missed':
      return c.red(text);
    case 'unallocated':
      return c.yellow(text);
    default:
      return c.dim(text);
  }
}

/** Cells of the completion bar. */
export const BAR_CELLS = 10;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * Completion as a bar of block characters in eighths of a cell (71.3% → ███████▏), so that it
 * reads without colour and copies as text; colour only tells behind (red) from keeping up (green).
 */
export function completionBar(i: IndicatorCheck, c: ChalkInstance): string {
  if (i.completion === null) return '';
  const eighths = Math.round(Math.max(0, Math.min(1, i.completion)) * BAR_CELLS * 8);
  const full = Math.floor(eighths / 8);
  const blocks = `${'█'.repeat(full)}${EIGHTHS[eighths % 8]}`;
  const paint = i.status === 'behind' ? c.red : c.green;
  return `${paint(blocks)}${' '.repeat(BAR_CELLS - full - (eighths % 8 > 0 ? 1 : 0))}`;
}
