// Terminal tables with Chinese headers, fitted to the terminal's width and aligned by display width.
//
// Drawn here rather than with cli-table3: that library measures every cell with string-width,
// which compiles its emoji regular expression on each call. Measured on this project's own
// output: `jiuye check` at 1,000 units spent 12 s drawing its tables, and 130 ms of its start-up
// for the 22 units of the embedded plan. The same borders and padding, one width measure per line.
//
// Fitting, in order: natural widths when they fit; else text columns wrap (never below their
// minimum, and columns marked keepWhole not at all); else optional columns are left out, least
// useful first, and the table says which; then the same again letting keepWhole columns wrap;
// else the same in a compact layout without vertical rules;
// else each row becomes a vertical record of "header │ value" lines, as psql's \x does.
import type { ChalkInstance } from 'chalk';
import { displayWidth, longestUnbreakable, plainText, wrapLines, type WrapMode } from './text.js';

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /**
   * How a cell may break across lines. Absent: never (numbers, dates, phone numbers, unit names,
   * statuses). 'text' for prose, 'words' for lists of names; a number is 'text' at most that wide.
   */
  wrap?: WrapMode | number;
  /** The narrowest a wrapping column may become (default 10, never below its longest unbreakable run). */
  min?: number;
  /** Left out when the table does not fit otherwise; lower numbers go first. */
  optional?: number;
  /** A wrapping column that should rather stay whole (an indicator's name): optional columns give way first. */
  keepWhole?: boolean;
  /** Shown on the first row of its group only (a unit's name beside its indicators). */
  oncePerGroup?: boolean;
  /**
   * The header may wrap onto more lines, down to this width, so that a column of short numbers under
   * a long name (an assessment item's points) takes no more than its numbers need. A header with a
   * line break in it (城镇新增就业\n(人)) is one line when there is room, and wraps only there.
   */
  wrapHeader?: number;
}

export interface TableOptions {
  /** Fit the table to this many terminal columns; absent: natural widths. */
  width?: number;
  /** Rows with the same key form a group: a rule is drawn between groups and none inside one. */
  group?: (row: readonly string[], index: number) => string;
  /** A group's name, written into the rule that opens the group. */
  groupLabel?: (row: readonly string[]) => string;
}

/** Every row its own group: a rule between all rows (for rows of several lines each). */
export const EVERY_ROW = (_row: readonly string[], index: number): string => String(index);

const DEFAULT_MIN = 10;

/** A table as text; cells are already-formatted strings (colour allowed). */
export function renderTable(columns: Column[], rows: string[][], c: ChalkInstance, opts: TableOptions = {}): string {
  const groups = opts.group ? rows.map((r, i) => opts.group!(r, i)) : rows.map(() => '');
  const starts = groups.map((g, i) => i === 0 || g !== groups[i - 1]);
  const labels = opts.groupLabel ? rows.map((r, i) => (starts[i] ? opts.groupLabel!(r) : '')) : null;
  const shown = rows.map((row, i) => columns.map((col, k) => (col.oncePerGroup && !starts[i] ? '' : (row[k] ?? ''))));

  const values = columns.map((_, k) => {
    let w = 0;
    for (const row of shown) for (const line of row[k].split('\n')) w = Math.max(w, displayWidth(line));
    return w;
  });
  const natural = columns.map((col, k) => {
    const w = Math.max(values[k], displayWidth(oneLine(col.header)));
    return typeof col.wrap === 'number' ? Math.min(w, Math.max(col.wrap, displayWidth(col.header))) : w;
  });
  if (labels) natural[0] = Math.max(natural[0], ...labels.map((l) => displayWidth(l) + 1));
  // The narrowest each column may be: measured only when the natural widths do not fit.
  const minimum = () =>
    columns.map((col, k) => {
      // A wrapped header takes two lines at most, split near its middle.
      if (col.wrapHeader !== undefined && !col.wrap) return Math.min(natural[k], Math.max(values[k], col.wrapHeader, halfOf(col.header)));
      if (!col.wrap) return natural[k];
      const floor = col.min ?? DEFAULT_MIN;
      let w = Math.min(natural[k], floor);
      const mode = modeOf(col);
      for (const row of shown) if (displayWidth(row[k]) > floor) w = Math.max(w, Math.min(natural[k], longestUnbreakable(row[k], mode)));
      w = Math.max(w, displayWidth(col.header));
      if (k === 0 && labels) w = Math.max(w, ...labels.map((l) => displayWidth(l) + 1));
      return w;
    });

  const everything = { active: columns.map((_, k) => k), widths: natural };
  let layout =
    opts.width === undefined || natural.reduce((a, b) => a + b, 0) + chrome(columns.length) <= opts.width ? everything : fit(columns, natural, minimum(), opts.width, chrome);
  if (!layout) {
    // Without vertical rules a table of n columns saves n + 3 columns (as hledger and gh print narrow tables).
    const compact = fit(columns, natural, minimum(), opts.width!, compactChrome);
    if (compact) return renderCompact(columns, shown, starts, labels, compact, c, opts.width!);
    return renderRecords(columns, rows, c, opts.width!, labels);
  }
  const { active, widths } = layout;

  const bar = c.dim('│');
  const rule = (left: string, mid: string, right: string, label = '') => {
    const segments = active.map((_, j) => '─'.repeat(widths[j] + 2));
    if (label === '') return c.dim(`${left}${segments.join(mid)}${right}`);
    const rest = widths[0] + 2 - 3 - displayWidth(label);
    return `${c.dim(`${left}─ `)}${c.bold(label)}${c.dim(` ${'─'.repeat(rest)}${segments.length > 1 ? mid : ''}${segments.slice(1).join(mid)}${right}`)}`;
  };
  const draw = (cells: string[][]) => alignedLines(cells, widths, active.map((k) => columns[k]), true).map((parts) => `${bar} ${parts.join(` ${bar} `)} ${bar}`);

  const out = [rule('┌', '┬', '┐'), ...draw(active.map((k, j) => headerLines(columns[k], widths[j]).map((l) => c.bold(l))))];
  shown.forEach((row, i) => {
    if (i === 0 || starts[i]) out.push(rule('├', '┼', '┤', labels?.[i] ?? ''));
    draw(active.map((k, j) => cellLines(row[k], widths[j], columns[k]))).forEach((l) => out.push(l));
  });
  out.push(rule('└', '┴', '┘'));
  out.push(...droppedNote(columns, active, opts.width, c));
  return `${out.join('\n')}\n`;
}

/**
 * One row's cells (each a list of lines) as screen lines of cells, each padded to its column's width
 * and aligned; a left-aligned last cell is left unpadded when padLast is false (no rule closes it).
 */
function alignedLines(cells: string[][], widths: number[], columns: Column[], padLast: boolean): string[][] {
  const height = Math.max(...cells.map((x) => x.length));
  return Array.from({ length: height }, (_, l) =>
    cells.map((x, j) => {
      const text = x[l] ?? '';
      const pad = ' '.repeat(Math.max(0, widths[j] - displayWidth(text)));
      if (columns[j].align === 'right') return `${pad}${text}`;
      return !padLast && j === cells.length - 1 ? text : `${text}${pad}`;
    }),
  );
}

// Wrapped like the table: a table that gives up many columns names them all.
function droppedNote(columns: Column[], active: number[], width: number | undefined, c: ChalkInstance): string[] {
  const dropped = columns.filter((_, k) => !active.includes(k)).map((col) => `“${oneLine(col.header)}”`);
  if (dropped.length === 0) return [];
  return wrapLines(`注:为适应 ${width} 列的宽度,未显示 ${dropped.join('、')} 列`, width! - 4, 'list').map((l, i) => c.dim(`${i === 0 ? '  ' : '    '}${l}`));
}

/**
 * The narrow layout: columns two spaces apart, a rule under the header and at each group (its label
 * written in it), no vertical rules.
 */
function renderCompact(
  columns: Column[],
  shown: string[][],
  starts: boolean[],
  labels: string[] | null,
  layout: { active: number[]; widths: number[] },
  c: ChalkInstance,
  width: number,
): string {
  const { active, widths } = layout;
  const total = widths.reduce((a, b) => a + b, 0) + compactChrome(active.length);
  const draw = (cells: string[][]) => alignedLines(cells, widths, active.map((k) => columns[k]), false).map((parts) => parts.join('  ').trimEnd());
  const out = draw(active.map((k, j) => headerLines(columns[k], widths[j]).map((l) => c.bold(l))));
  out.push(c.dim(widths.map((w) => '─'.repeat(w)).join('  ')));
  const grouped = starts.some((s, i) => s && i > 0);
  shown.forEach((row, i) => {
    const label = labels?.[i] ?? '';
    if (label !== '') out.push(`${c.dim('─ ')}${c.bold(label)}${c.dim(` ${'─'.repeat(Math.max(2, total - 3 - displayWidth(label)))}`)}`);
    else if (grouped && starts[i] && i > 0) out.push(c.dim('─'.repeat(total)));
    draw(active.map((k, j) => cellLines(row[k], widths[j], columns[k]))).forEach((l) => out.push(l));
  });
  out.push(...droppedNote(columns, active, width, c));
  return `${out.join('\n')}\n`;
}

/** The width of the wider half of a header split near its middle (新增就业 → 4, 困难再就业 → 6), or at its own line break. */
function halfOf(header: string): number {
  if (header.includes('\n')) return Math.max(...header.split('\n').map(displayWidth));
  const total = displayWidth(header);
  let w = 0;
  for (const ch of header) {
    w += displayWidth(ch);
    if (w * 2 >= total) return Math.max(w, total - w);
  }
  return total;
}

/** A header on one line, or wrapped to its column where it may be. */
function headerLines(col: Column, width: number): string[] {
  const whole = oneLine(col.header);
  if (col.wrapHeader === undefined || displayWidth(whole) <= width) return [whole];
  return col.header.includes('\n') ? col.header.split('\n') : wrapLines(col.header, width, 'text');
}

/** A header as one line: its own line breaks taken out. */
function oneLine(header: string): string {
  return header.replace(/\n/g, '');
}

function modeOf(col: Column): WrapMode {
  return typeof col.wrap === 'string' ? col.wrap : 'text';
}

function cellLines(text: string, width: number, col: Column): string[] {
  return col.wrap ? wrapLines(text, width, modeOf(col)) : plainText(text).split('\n');
}

/** Border and padding columns a table of n columns takes: "│ " + " │ " between + " │". */
function chrome(n: number): number {
  return 3 * n + 1;
}

/** Columns the compact layout spends between n columns: two spaces each. */
function compactChrome(n: number): number {
  return 2 * (n - 1);
}

/** Column widths within the width, leaving out optional columns as needed; null when nothing fits. */
function fit(columns: Column[], natural: number[], minimum: number[], width: number, spent: (n: number) => number): { active: number[]; widths: number[] } | null {
  const whole = columns.map((col, k) => (col.keepWhole || col.wrapHeader !== undefined ? natural[k] : minimum[k]));
  for (const floor of whole.some((w, k) => w !== minimum[k]) ? [whole, minimum] : [minimum]) {
    const active = columns.map((_, k) => k);
    const droppable = columns
      .map((col, k) => ({ k, order: col.optional }))
      .filter((x): x is { k: number; order: number } => x.order !== undefined)
      .sort((a, b) => a.order - b.order || b.k - a.k);
    for (;;) {
      const widths = widthsWithin(active.map((k) => columns[k]), active.map((k) => natural[k]), active.map((k) => floor[k]), width - spent(active.length));
      if (widths) return { active, widths };
      const next = droppable.shift();
      if (!next) break;
      active.splice(active.indexOf(next.k), 1);
    }
  }
  return null;
}

// Wrapping columns first get their minimum, then share what is left equally (water-filling): a
// column that needs less than its share gives the rest back to the others.
function widthsWithin(columns: Column[], natural: number[], minimum: number[], room: number): number[] | null {
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= room) return natural;
  const widths = columns.map((col, j) => (col.wrap || col.wrapHeader !== undefined ? minimum[j] : natural[j]));
  let spare = room - widths.reduce((a, b) => a + b, 0);
  if (spare < 0) return null;
  for (;;) {
    const hungry = columns.map((_, j) => j).filter((j) => columns[j].wrap && widths[j] < natural[j]);
    if (hungry.length === 0 || spare === 0) break;
    const share = Math.max(1, Math.floor(spare / hungry.length));
    for (const j of hungry) {
      const give = Math.min(share, natural[j] - widths[j], spare);
      widths[j] += give;
      spare -= give;
    }
  }
  // What is left unwraps whole headers, from the first: a header half unwrapped would still take two lines.
  columns.forEach((col, j) => {
    if (col.wrapHeader !== undefined && !col.wrap && natural[j] - widths[j] <= spare) {
      spare -= natural[j] - widths[j];
      widths[j] = natural[j];
    }
  });
  return widths;
}

/** psql's \x: one record per row, "header │ value", for a table too wide for any layout. */
function renderRecords(columns: Column[], rows: string[][], c: ChalkInstance, width: number, labels: string[] | null): string {
  const keyWidth = Math.max(...columns.map((col) => displayWidth(oneLine(col.header))));
  const valueWidth = Math.max(8, width - keyWidth - 3);
  const out: string[] = [];
  let label = '';
  let n = 0;
  rows.forEach((row, i) => {
    // Records count from 1 within each group: ─[ 列东街道 · 1 ]
    if (labels && labels[i]) (label = labels[i]), (n = 0);
    const title = `─[ ${label ? `${label} · ` : ''}${++n} ]`;
    out.push(c.dim(`${title}${'─'.repeat(Math.max(2, width - displayWidth(title)))}`));
    columns.forEach((col, k) => {
      const value = row[k] ?? '';
      if (value === '') return;
      const key = `${oneLine(col.header)}${' '.repeat(keyWidth - displayWidth(oneLine(col.header)))}`;
      // A value that cannot break is cut only when it is wider than the whole line.
      const lines = wrapLines(value, valueWidth, col.wrap ? modeOf(col) : 'words');
      lines.forEach((line, l) => out.push(`${l === 0 ? c.bold(key) : ' '.repeat(keyWidth)} ${c.dim('│')} ${line}`));
    });
  });
  return `${out.join('\n')}\n`;
}
