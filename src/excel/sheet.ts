// Print-ready table sheets (title, source line, bold header repeated on every page, borders, A4
// landscape) and saving. The sheet is laid out here, page by page, rather than left to the program
// that opens it: column widths and row heights come from the text they hold, the print scale from the
// width, and a page break is set after every page, so a block (a unit's scores) that fits on a page is
// never split and every page prints the same in Excel, WPS and LibreOffice.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { InputError, writeTrouble } from '../errors.js';
import { displayWidth } from '../render/text.js';
import { numberText, shareText } from '../format/number.js';
import { DIGIT_PX, finishPackage, WIDTH_SLACK } from './package.js';

export type CellValue = string | number | null | undefined;

/** A cell with its own number format, fill or emphasis, where a column-wide setting is not enough. */
export interface StyledCell {
  value: CellValue;
  numFmt?: string;
  /** ARGB fill colour, e.g. FFC6EFCE. */
  fill?: string;
  /** A subtotal or total. */
  bold?: boolean;
  /**
   * A label repeated from the row above: printed lighter, so the eye finds where a group starts, and on
   * one line (cut at the cell's edge), so repeating a long label never makes a row taller.
   */
  faint?: boolean;
}

export type SheetCell = CellValue | StyledCell;

export interface SheetColumn {
  header: string;
  /** A heading merged over this and the adjacent columns with the same group. */
  group?: string;
  /** Fixed width in Excel character units; otherwise fitted to the text, up to maxWidth. */
  width?: number;
  /** Widest text before it wraps, in display widths (a Chinese character is 2). */
  maxWidth?: number;
  /** An Excel number format for the column's numbers, e.g. '0.0%' or '#,##0'. */
  numFmt?: string;
  align?: 'left' | 'center' | 'right';
}

/** Rows under a heading row of their own, kept on one printed page where they fit. */
export interface SheetBlock {
  heading: string;
  /** The block's own header, when its columns differ from the sheet's. */
  columns?: SheetColumn[];
  rows: SheetCell[][];
}

export interface TableSheet {
  name: string;
  title: string;
  /** Line under the title: 统计截至 / 依据 / 生成时间. */
  subtitle: string;
  columns: SheetColumn[];
  rows: SheetCell[][];
  /** Blocks after the rows (rows is then usually empty). */
  blocks?: SheetBlock[];
  /** Lines printed under the table. */
  notes?: string[];
  /** Marks at the head of every printed page (示例数据, 空表). */
  stamps?: string[];
}

export const FONT = '宋体';
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = 'FFD9E1F2';
const HEADING_FILL = 'FFF2F2F2';
const FAINT = 'FF808080';

/** A4 landscape, fitted to one page wide: for a form the program lays out itself (the return). */
export const A4_LANDSCAPE: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

/**
 * The printable part of an A4 landscape page inside A4_LANDSCAPE's margins: 10.69 × 7.07 in, which is
 * 1,026 px (at 96 dpi) by 509 pt.
 */
export const PAGE = { widthPx: 1026, heightPt: 509 };

/**
 * A4 landscape at a scale of its own (the percentage that fits the width). Not "fit to page": Excel
 * ignores manual page breaks on a sheet fitted to pages, and jiuye sets them.
 */
export function printedAt(scale: number, titles?: string): Partial<ExcelJS.PageSetup> {
  const { fitToWidth: _w, fitToHeight: _h, ...rest } = A4_LANDSCAPE;
  return { ...rest, fitToPage: false, scale, ...(titles ? { printTitlesRow: titles } : {}) };
}

/** The print scale (percent) at which a sheet this wide (in Excel's pixels) fits the page in every program. */
export function scaleFor(widthPx: number): number {
  return Math.max(10, Math.min(100, Math.floor((PAGE.widthPx / (widthPx * WIDTH_SLACK)) * 100)));
}

/** The sheet's name and 第 n 页,共 m 页 at the foot of every page; its stamps (示例数据) at the head, in red. */
export function pageMarks(name: string, stamps: readonly string[]): Partial<ExcelJS.HeaderFooter> {
  return {
    oddFooter: `&C${name} 第 &P 页,共 &N 页`,
    ...(stamps.length > 0 ? { oddHeader: `&R&B&KC00000${stamps.join(' · ')}` } : {}),
  };
}

/** A new workbook with the house metadata. */
export function newWorkbook(now: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jiuye';
  wb.created = now;
  wb.modified = now;
  return wb;
}

const styled = (cell: SheetCell): StyledCell => (cell !== null && typeof cell === 'object' ? cell : { value: cell });

// Text is measured as 宋体 prints it: a Chinese character one em wide; a digit or Latin letter is half
// an em in 宋体 but 0.6 em in the 文泉驿 font LibreOffice puts in its place, so 0.6 is allowed for.
const em = (pt: number) => (pt * 96) / 72;
/** The printed width of a line of text in pixels at 96 dpi. */
export function textPx(text: string, pt = 11, bold = false): number {
  let units = 0;
  for (const ch of text) units += displayWidth(ch) === 2 ? 1 : 0.6;
  return units * em(pt) * (bold ? 1.05 : 1);
}

/** A line of the given size in points, and the room above and below a cell's text. */
const lineHeight = (pt: number) => pt * 1.3;
const ROW_PADDING = 4;
/** Room a cell keeps free beside its text, in pixels. */
const CELL_PADDING = 12;

/** The height a page holds at 100%, less a fiftieth kept in hand for a printer's rounding. */
const PAGE_ROOM = PAGE.heightPt * 0.98;

/** The narrowest a table is printed: seven tenths of the page. */
const MIN_TABLE_PX = Math.round(PAGE.widthPx * 0.7);

/** How many lines the text takes in a cell this many pixels wide (wrapped where it must). */
function linesIn(text: string, px: number, pt = 11, bold = false): number {
  const room = Math.max(1, px - CELL_PADDING);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textPx(line, pt, bold) / room - 0.02)), 0);
}

/** The lines a header takes in its cell: two where it was given room for two (twoLinePx), else as wrapped. */
function headerLines(header: string, px: number): number {
  if (textPx(header, 11, true) + CELL_PADDING <= px) return 1;
  return twoLinePx(header) + CELL_PADDING <= px ? 2 : linesIn(header, px, 11, true);
}

/** The height of a row holding so many lines of text. */
function rowHeight(lines: number, pt = 11): number {
  return Math.round((lines * lineHeight(pt) + ROW_PADDING) * 4) / 4;
}

/**
 * How wide a header too wide for its column's figures needs to be on two lines: split before a bracket
 * where there is one (新增就业 / (30)), else at the middle of its characters. The cell keeps its text
 * whole (a form read back finds its headers as written) and wraps there by itself.
 */
function twoLinePx(header: string): number {
  const chars = [...header];
  if (chars.length < 4) return textPx(header, 11, true);
  const bracket = header.search(/[((]/);
  const cut = bracket > 0 ? [...header.slice(0, bracket)].length : Math.ceil(chars.length / 2);
  return Math.max(textPx(chars.slice(0, cut).join(''), 11, true), textPx(chars.slice(cut).join(''), 11, true));
}

interface Laid {
  /** Column widths in pixels. */
  px: number[];
}

/** Column widths from the text they hold; a header wraps over two lines where the figures are narrower. */
function layColumns(spec: TableSheet, n: number): Laid {
  const sets = [{ columns: spec.columns, rows: spec.rows }, ...(spec.blocks ?? []).map((b) => ({ columns: b.columns ?? spec.columns, rows: b.rows }))];
  // The last column of a block with fewer columns than the sheet spans the rest (stretched): it is
  // measured against them together, after the others.
  const stretched = (s: (typeof sets)[number], i: number) => s.columns.length < n && i === s.columns.length - 1;
  const measure = (s: (typeof sets)[number], i: number) => {
    const col = s.columns[i];
    let content = 0;
    for (const r of s.rows) {
      const v = styled(r[i]);
      for (const line of formatForWidth(v, col.numFmt).split('\n')) content = Math.max(content, textPx(line, 11, v.bold));
    }
    const cap = col.maxWidth !== undefined ? col.maxWidth * em(11) * 0.5 : Infinity;
    return Math.max(content <= cap * 1.15 ? content : cap, textPx(col.header, 11, true));
  };
  const px = Array.from({ length: n }, (_, i) => {
    let content = 0;
    let cap = Infinity;
    let fixed: number | undefined;
    for (const s of sets) {
      const col = s.columns[i];
      if (!col || stretched(s, i)) continue;
      if (col.maxWidth !== undefined) cap = Math.min(cap, col.maxWidth * em(11) * 0.5);
      if (col.width !== undefined) fixed = col.width * DIGIT_PX;
      for (const r of s.rows) {
        const v = styled(r[i]);
        for (const line of formatForWidth(v, col.numFmt).split('\n')) content = Math.max(content, textPx(line, 11, v.bold));
      }
    }
    if (fixed !== undefined) return fixed;
    // Text a little longer than the cap widens the column rather than wrap a line for a word or two.
    content = content <= cap * 1.15 ? content : cap;
    let header = 0;
    for (const s of sets) {
      const col = s.columns[i];
      if (!col || stretched(s, i)) continue;
      const whole = Math.max(...col.header.split('\n').map((l) => textPx(l, 11, true)));
      header = Math.max(header, whole > Math.max(content, 40) ? twoLinePx(col.header) : whole);
    }
    return Math.ceil(Math.max(content, header, 24) + CELL_PADDING);
  });
  for (const s of sets) {
    if (s.columns.length === 0 || s.columns.length >= n) continue;
    const last = s.columns.length - 1;
    const room = px.slice(last).reduce((a, b) => a + b, 0);
    const need = Math.ceil(measure(s, last) + CELL_PADDING);
    if (need > room) px[n - 1] += need - room;
  }
  // A table with little in it (no hints this quarter) still spans most of the page, so its notes read
  // as lines rather than a column: the room goes to the columns that wrap text.
  const total = px.reduce((a, b) => a + b, 0);
  if (total < MIN_TABLE_PX) {
    const text = spec.columns.map((c, i) => (c.maxWidth !== undefined ? i : -1)).filter((i) => i >= 0);
    const wide = text.length > 0 ? text : [n - 1];
    for (const i of wide) px[i] += Math.floor((MIN_TABLE_PX - total) / wide.length);
  }
  return { px };
}

/**
 * Adds a bordered table under a merged title row and a source line. With common columns the header
 * (one row, or two when columns are grouped) is frozen and repeated on every printed page; blocks
 * with columns of their own print their header under their heading instead.
 */
export function addTableSheet(wb: ExcelJS.Workbook, spec: TableSheet): ExcelJS.Worksheet {
  const blocks = spec.blocks ?? [];
  const ownHeaders = blocks.some((b) => b.columns);
  const n = Math.max(spec.columns.length, ...blocks.map((b) => (b.columns ?? spec.columns).length));
  const laid = layColumns(spec, n);
  const totalPx = laid.px.reduce((a, b) => a + b, 0);
  const scale = scaleFor(totalPx);
  const grouped = !ownHeaders && spec.columns.some((c) => c.group);
  const headerRows = ownHeaders ? 0 : grouped ? 2 : 1;
  const first = 3 + headerRows; // the first row after the repeated header
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: first - 1, xSplit: 0 }],
    pageSetup: printedAt(scale, headerRows > 0 ? `3:${first - 1}` : undefined),
    headerFooter: pageMarks(spec.name, spec.stamps ?? []),
  });
  laid.px.forEach((px, i) => (ws.getColumn(i + 1).width = Math.round((px / DIGIT_PX) * 100) / 100));
  const heights = new Map<number, number>();
  const setHeight = (r: number, h: number) => {
    ws.getRow(r).height = h;
    heights.set(r, h);
  };

  const wide = (r: number, text: string, font: Partial<ExcelJS.Font>, align: 'left' | 'center', fill?: string) => {
    ws.mergeCells(r, 1, r, n);
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.font = { name: FONT, ...font };
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
    if (fill) {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      cell.border = BORDER;
    }
    setHeight(r, rowHeight(linesIn(text, totalPx, font.size, font.bold), font.size));
  };
  wide(1, spec.title, { size: 16, bold: true }, 'center');
  setHeight(1, Math.max(30, heights.get(1)!));
  wide(2, spec.subtitle, { size: 10 }, 'left');

  const headerCell = (r: number, c: number, value: string) => {
    const cell = ws.getCell(r, c);
    cell.value = value;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  };
  /** The pixels of column i of a row of these columns: a short row's last column spans to the sheet's last. */
  const cellPx = (columns: SheetColumn[], i: number) => (columns.length < n && i === columns.length - 1 ? laid.px.slice(i).reduce((a, b) => a + b, 0) : laid.px[i]);
  const stretch = (r: number, columns: SheetColumn[]) => {
    if (columns.length > 0 && columns.length < n) ws.mergeCells(r, columns.length, r, n);
  };
  /** One header row of these columns at row r; its height from the longest header. */
  const headerRow = (r: number, columns: SheetColumn[]) => {
    for (let i = columns.length; i < n; i++) headerCell(r, i + 1, '');
    columns.forEach((c, i) => headerCell(r, i + 1, c.header));
    stretch(r, columns);
    setHeight(r, rowHeight(Math.max(1, ...columns.map((c, i) => headerLines(c.header, cellPx(columns, i))))));
  };
  if (headerRows === 1) headerRow(3, spec.columns);
  if (headerRows === 2) {
    spec.columns.forEach((col, i) => {
      if (!col.group) {
        headerCell(3, i + 1, col.header);
        headerCell(4, i + 1, '');
        ws.mergeCells(3, i + 1, 4, i + 1);
        return;
      }
      headerCell(4, i + 1, col.header);
      if (spec.columns[i - 1]?.group !== col.group) {
        let end = i;
        while (spec.columns[end + 1]?.group === col.group) end++;
        headerCell(3, i + 1, col.group);
        for (let j = i + 1; j <= end; j++) headerCell(3, j + 1, '');
        if (end > i) ws.mergeCells(3, i + 1, 3, end + 1);
      }
    });
    const groupLines = Math.max(1, ...spec.columns.map((col, i) => (col.group && spec.columns[i - 1]?.group !== col.group ? linesIn(col.group, groupPx(spec.columns, laid.px, i), 11, true) : 1)));
    const lower = Math.max(1, ...spec.columns.map((c, i) => (c.group ? headerLines(c.header, laid.px[i]) : 1)));
    const single = Math.max(1, ...spec.columns.map((c, i) => (c.group ? 1 : headerLines(c.header, laid.px[i]))));
    const top = rowHeight(groupLines);
    setHeight(3, top);
    setHeight(4, Math.max(rowHeight(lower), rowHeight(single) - top));
  }

  // What prints as one piece: a plain row, or a block (its heading, header and rows).
  const pieces: Piece[] = [];
  let r = first;
  const bodyRow = (columns: SheetColumn[], values: SheetCell[]) => {
    const row = ws.getRow(r);
    let lines = 1;
    for (let i = columns.length; i < n; i++) row.getCell(i + 1).border = BORDER;
    columns.forEach((col, i) => {
      const cell = row.getCell(i + 1);
      const v = styled(values[i]);
      // Strings are set as strings: text from a return never becomes a formula.
      cell.value = v.value === undefined || v.value === null ? null : v.value;
      cell.font = { name: FONT, size: 11, ...(v.bold ? { bold: true } : {}), ...(v.faint ? { color: { argb: FAINT } } : {}) };
      cell.border = BORDER;
      // A dash (不涉及, nothing to say) sits in the middle of its cell.
      const align = col.align ?? (typeof v.value === 'number' ? 'right' : v.value === '—' ? 'center' : 'left');
      cell.alignment = { vertical: 'middle', wrapText: !v.faint, horizontal: align };
      const numFmt = v.numFmt ?? col.numFmt;
      if (numFmt && typeof v.value === 'number') cell.numFmt = numFmt;
      if (v.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: v.fill } };
      if (!v.faint) lines = Math.max(lines, linesIn(formatForWidth(v, col.numFmt), cellPx(columns, i), 11, v.bold));
    });
    stretch(r, columns);
    setHeight(r, rowHeight(lines));
    r++;
  };
  for (const values of spec.rows) {
    pieces.push({ from: r, to: r });
    bodyRow(spec.columns, values);
  }
  blocks.forEach((block) => {
    const from = r;
    wide(r++, block.heading, { size: 11, bold: true }, 'left', HEADING_FILL);
    if (block.columns) headerRow(r++, block.columns);
    for (const values of block.rows) bodyRow(block.columns ?? spec.columns, values);
    pieces.push({ from, to: r - 1 });
  });

  if (spec.notes && spec.notes.length > 0) {
    const from = r;
    setHeight(r++, 8);
    spec.notes.forEach((note, i) => wide(r++, i === 0 ? `注:${note}` : note, { size: 10 }, 'left'));
    // Notes never open a page alone: the last rows of the table come with them.
    pieces.push({ from, to: r - 1, withPrevious: 2 });
  }

  // A table a little longer than one page, or whose last page would hold only a few rows, is printed a
  // little smaller (down to four fifths) if that takes a page away.
  const rows = { titles: [1, 2] as [number, number], repeated: headerRows > 0 ? ([3, first - 1] as [number, number]) : null };
  const at = (s: number) => paginate(pieces, heights, s, rows);
  const laidOut = at(scale);
  let printed = scale;
  if (laidOut.breaks.length === 1 || (laidOut.breaks.length > 0 && laidOut.lastFill < 0.25)) {
    for (let s = scale - 1; s >= Math.ceil(scale * 0.8); s--) {
      if (at(s).breaks.length < laidOut.breaks.length) {
        printed = s;
        break;
      }
    }
  }
  ws.pageSetup.scale = printed;
  for (const r of at(printed).breaks) ws.getRow(r).addPageBreak();
  return ws;
}

/** Rows that print as one piece: a plain row, a block (heading, header, rows), the notes. */
interface Piece {
  from: number;
  to: number;
  /** When the piece starts a page, so many rows before it come along. */
  withPrevious?: number;
}

/** The pixels of a group heading: its columns together. */
function groupPx(columns: SheetColumn[], px: number[], start: number): number {
  let sum = 0;
  for (let i = start; i < columns.length && columns[i].group === columns[start].group; i++) sum += px[i];
  return sum;
}

/**
 * Where the pages end (the rows after which a page breaks) and how full the last one is: pieces that
 * fit a page never split; a longer one is split between its rows (its heading never left alone at the
 * foot of a page). A page holds PAGE_ROOM at the sheet's scale.
 */
function paginate(pieces: Piece[], heights: Map<number, number>, scale: number, rows: { titles: [number, number]; repeated: [number, number] | null }): { breaks: number[]; lastFill: number } {
  const h = (r: number) => heights.get(r) ?? 15;
  const sum = (from: number, to: number) => {
    let s = 0;
    for (let r = from; r <= to; r++) s += h(r);
    return s;
  };
  const page = (PAGE_ROOM * 100) / scale;
  const room = page - (rows.repeated ? sum(rows.repeated[0], rows.repeated[1]) : 0);
  const breaks: number[] = [];
  let used = sum(rows.titles[0], rows.titles[1]);
  let pageStart = pieces[0]?.from ?? 0;
  const newPageAt = (r: number) => {
    breaks.push(r - 1);
    pageStart = r;
    used = 0;
  };
  for (const piece of pieces) {
    const height = sum(piece.from, piece.to);
    if (used + height <= room) {
      used += height;
      continue;
    }
    const along = Math.min(piece.withPrevious ?? 0, piece.from - pageStart - 1);
    if (height + sum(piece.from - along, piece.from - 1) <= room || piece.from === piece.to) {
      if (piece.from > pageStart) newPageAt(piece.from - Math.max(0, along));
      used += sum(pageStart, piece.to);
      continue;
    }
    // Too long for any page: row by row, the first two rows (a heading and its first row) together.
    for (let r = piece.from; r <= piece.to; r++) {
      const need = r === piece.from ? sum(r, Math.min(piece.to, r + 1)) : h(r);
      if (used + need > room && r > pageStart) newPageAt(r);
      used += h(r);
    }
  }
  return { breaks, lastFill: used / room };
}

function formatForWidth(v: StyledCell, columnFmt?: string): string {
  if (v.value === null || v.value === undefined) return '';
  const fmt = v.numFmt ?? columnFmt;
  if (typeof v.value === 'number') {
    if (fmt?.includes('%')) return shareText(v.value, /\.(0+)%/.exec(fmt)?.[1].length ?? 0);
    // 100.0 under '0.0' is five characters, not three: measured as shown, or it prints as ###.
    const decimals = /\.(0+)/.exec(fmt ?? '')?.[1].length;
    return numberText(v.value, decimals);
  }
  return v.value;
}

/**
 * Writes the workbook beside its final name and renames it into place: a crash never leaves a
 * half-written file, and an existing file is replaced only with force. The package is finished on
 * the way (see package.ts).
 */
export async function saveWorkbook(wb: ExcelJS.Workbook, path: string, force: boolean): Promise<string> {
  if (existsSync(path) && !force) throw new InputError(`文件 ${path} 已存在,未覆盖。如需覆盖请加 --force,或用 --out 指定其他文件名`);
  const temp = `${path}.tmp-${process.pid}`;
  try {
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    writeFileSync(temp, finishPackage(bytes));
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw writeTrouble(e, path) ?? e;
  }
  return path;
}
