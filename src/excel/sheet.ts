// Print-ready table sheets (title, source line, frozen bold header, borders, A4 landscape) and saving.
import { existsSync, renameSync, rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { InputError } from '../errors.js';
import { displayWidth } from '../render/text.js';
import { groupDigits } from '../domain/figures.js';

export type CellValue = string | number | null | undefined;

export interface SheetColumn {
  header: string;
  /** Fixed width in Excel character units; otherwise fitted to the text, up to maxWidth. */
  width?: number;
  maxWidth?: number;
  /** An Excel number format, e.g. '0.0%' or '#,##0'. */
  numFmt?: string;
  align?: 'left' | 'center' | 'right';
}

export interface TableSheet {
  name: string;
  title: string;
  /** Line under the title: 统计截至 / 依据 / 生成时间. */
  subtitle: string;
  columns: SheetColumn[];
  rows: CellValue[][];
}

export const FONT = '宋体';
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A new workbook with the house metadata. */
export function newWorkbook(now: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jiuye';
  wb.created = now;
  wb.modified = now;
  return wb;
}

/** Adds a bordered table with a merged title row and a repeated, frozen header (row 3). */
export function addTableSheet(wb: ExcelJS.Workbook, spec: TableSheet): ExcelJS.Worksheet {
  const n = spec.columns.length;
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: 3, xSplit: 0 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '3:3',
    },
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
  ws.getRow(2).height = 18;

  const header = ws.getRow(3);
  spec.columns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
  header.height = 22;

  spec.rows.forEach((values, r) => {
    const row = ws.getRow(4 + r);
    spec.columns.forEach((col, i) => {
      const cell = row.getCell(i + 1);
      const v = values[i];
      // Strings are set as strings: text from a return never becomes a formula.
      cell.value = v === undefined || v === null ? null : v;
      cell.font = { name: FONT, size: 11 };
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: col.align ?? (typeof v === 'number' ? 'right' : 'left') };
      if (col.numFmt && typeof v === 'number') cell.numFmt = col.numFmt;
    });
  });

  spec.columns.forEach((col, i) => {
    const texts = [col.header, ...spec.rows.map((r) => formatForWidth(r[i], col.numFmt))];
    const fitted = Math.max(...texts.map((t) => Math.max(...t.split('\n').map(displayWidth)))) + 2;
    ws.getColumn(i + 1).width = col.width ?? Math.min(Math.max(fitted, 6), col.maxWidth ?? 40);
  });
  return ws;
}

function formatForWidth(v: CellValue, numFmt?: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numFmt?.includes('%') ? `${(v * 100).toFixed(1)}%` : groupDigits(v, 2, true);
  return v;
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
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`无法写出 ${path}:所在文件夹不存在`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`无法写出 ${path}:没有写入权限(文件是否正在 Excel 中打开?)`);
    throw e;
  }
  return path;
}
