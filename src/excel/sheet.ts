// Print-ready table sheets (title, source line, frozen bold header, borders, A4 landscape) and saving.
import { existsSync, renameSync, rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { InputError, writeTrouble } from '../errors.js';
import { displayWidth } from '../render/text.js';
import { numberText, shareText } from '../format/number.js';

export type CellValue = string | number | null | undefined;

/** A cell with its own number format or fill, where a column-wide setting is not enough. */
export interface StyledCell {
  value: CellValue;
  numFmt?: string;
  /** ARGB fill colour, e.g. FFC6EFCE. */
  fill?: string;
}

export type SheetCell = CellValue | StyledCell;

export interface SheetColumn {
  header: string;
  /** A heading merged over this and the adjacent columns with the same group. */
  group?: string;
  /** Fixed width in Excel character units; otherwise fitted to the text, up to maxWidth. */
  width?: number;
  maxWidth?: number;
  /** An Excel number format for the column's numbers, e.g. '0.0%' or '#,##0'. */
  numFmt?: string;
  align?: 'left' | 'center' | 'right';
}

export interface TableSheet {
  name: string;
  title: string;
  /** Line under the title: 统计截至 / 依据 / 生成时间. */
  subtitle: string;
  columns: SheetColumn[];
  rows: SheetCell[][];
  /** Rows sharing the value in column `key` form a block: these columns are merged down it. */
  mergeBy?: { key: number; columns: number[] };
  /** Lines printed under the table. */
  notes?: string[];
}

export const FONT = '宋体';
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = 'FFD9E1F2';

/** A4 landscape, fitted to one page wide, as every printed table of jiuye is. */
export const A4_LANDSCAPE: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

/** A new workbook with the house metadata. */
export function newWorkbook(now: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jiuye';
  wb.created = now;
  wb.modified = now;
  return wb;
}

const styled = (cell: SheetCell): StyledCell => (cell !== null && typeof cell === 'object' ? cell : { value: cell });

/**
 * Adds a bordered table under a merged title row and a source line; the header (one row, or two
 * when columns are grouped) is frozen and repeated on every printed page.
 */
export function addTableSheet(wb: ExcelJS.Workbook, spec: TableSheet): ExcelJS.Worksheet {
  const n = spec.columns.length;
  const grouped = spec.columns.some((c) => c.group);
  const headerRows = grouped ? 2 : 1;
  const first = 3 + headerRows; // first data row
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: first - 1, xSplit: 0 }],
    pageSetup: { ...A4_LANDSCAPE, printTitlesRow: `3:${first - 1}` },
    headerFooter: { oddFooter: `&C${spec.name} 第 &P 页,共 &N 页` },
  });

  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = spec.title;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;

  ws.mergeCells(2, 1, 2, n);
  const sub = ws.getCell(2, 1);
  sub.value = spec.subtitle;
  sub.font = { name: FONT, size: 10 };
  sub.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };

  const headerCell = (r: number, c: number, value: string) => {
    const cell = ws.getCell(r, c);
    cell.value = value;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  };
  spec.columns.forEach((col, i) => {
    if (!grouped) return headerCell(3, i + 1, col.header);
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
  for (let r = 3; r < first; r++) ws.getRow(r).height = 22;

  spec.rows.forEach((values, r) => {
    const row = ws.getRow(first + r);
    spec.columns.forEach((col, i) => {
      const cell = row.getCell(i + 1);
      const v = styled(values[i]);
      // Strings are set as strings: text from a return never becomes a formula.
      cell.value = v.value === undefined || v.value === null ? null : v.value;
      cell.font = { name: FONT, size: 11 };
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: col.align ?? (typeof v.value === 'number' ? 'right' : 'left') };
      const numFmt = v.numFmt ?? col.numFmt;
      if (numFmt && typeof v.value === 'number') cell.numFmt = numFmt;
      if (v.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: v.fill } };
    });
  });

  const inBlock = new Set<number>(); // rows whose merged columns span several rows
  if (spec.mergeBy) {
    const { key, columns } = spec.mergeBy;
    let start = 0;
    for (let r = 1; r <= spec.rows.length; r++) {
      const same = r < spec.rows.length && styled(spec.rows[r][key]).value === styled(spec.rows[start][key]).value;
      if (same) continue;
      if (r - start > 1) {
        for (const c of columns) ws.mergeCells(first + start, c + 1, first + r - 1, c + 1);
        for (let x = start; x < r; x++) inBlock.add(x);
      }
      start = r;
    }
  }

  const after = first + spec.rows.length;
  (spec.notes ?? []).forEach((note, i) => {
    const r = after + 1 + i;
    ws.mergeCells(r, 1, r, n);
    const cell = ws.getCell(r, 1);
    cell.value = i === 0 ? `注:${note}` : note;
    cell.font = { name: FONT, size: 10 };
    cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  });

  const widths = spec.columns.map((col, i) => {
    const texts = [col.header, ...spec.rows.map((r) => formatForWidth(styled(r[i]), col.numFmt))];
    const fitted = Math.max(...texts.map((t) => Math.max(...t.split('\n').map(displayWidth)))) + 2;
    return col.width ?? Math.min(Math.max(fitted, 6), col.maxWidth ?? 40);
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  // Row heights are set, not left to the program that opens the file: LibreOffice keeps the
  // default height for wrapped text in a generated file, and the lines would overlap when printed.
  const linesIn = (text: string, width: number) => text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / Math.max(1, width - 1.5))), 0);
  const LINE = 14.5;
  spec.rows.forEach((values, r) => {
    const merged = inBlock.has(r) ? (spec.mergeBy?.columns ?? []) : [];
    const lines = Math.max(1, ...spec.columns.map((col, i) => (merged.includes(i) ? 1 : linesIn(formatForWidth(styled(values[i]), col.numFmt), widths[i]))));
    if (lines > 1) ws.getRow(first + r).height = lines * LINE + 4;
  });
  const total = widths.reduce((a, b) => a + b, 0);
  (spec.notes ?? []).forEach((note, i) => {
    const lines = linesIn(note, total);
    if (lines > 1) ws.getRow(after + 1 + i).height = lines * 13 + 4;
  });
  ws.getRow(2).height = Math.max(18, linesIn(spec.subtitle, total) * 13 + 5);
  return ws;
}

function formatForWidth(v: StyledCell, columnFmt?: string): string {
  if (v.value === null || v.value === undefined) return '';
  const fmt = v.numFmt ?? columnFmt;
  if (typeof v.value === 'number') {
    if (fmt?.includes('%')) return shareText(v.value, 2);
    // 100.0 under '0.0' is five characters, not three: measured as shown, or it prints as ###.
    const decimals = /\.(0+)/.exec(fmt ?? '')?.[1].length;
    return numberText(v.value, decimals);
  }
  return v.value;
}

/**
 * Writes the workbook beside its final name and renames it into place: a crash never leaves a
 * half-written file, and an existing file is replaced only with force.
 */
export async function saveWorkbook(wb: ExcelJS.Workbook, path: string, force: boolean): Promise<string> {
  if (existsSync(path) && !force) throw new InputError(`文件 ${path} 已存在,未覆盖。如需覆盖请加 --force,或用 --out 指定其他文件名`);
  const temp = `${path}.tmp-${process.pid}`;
  try {
    await wb.xlsx.writeFile(temp);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw writeTrouble(e, path) ?? e;
  }
  return path;
}
