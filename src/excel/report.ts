// The quarterly summary workbook (季度汇总表): one print-ready sheet per table of the report model.
import type { CellFormat, ReportCell, SummaryReport, Tone } from '../domain/report.js';
import { addTableSheet, newWorkbook, saveWorkbook, type SheetCell } from './sheet.js';

const NUMBER_FORMAT: Record<CellFormat, string | undefined> = {
  int: '#,##0',
  dec2: '#,##0.00',
  pct0: '0%',
  pct1: '0.0%',
  pct2: '0.00%',
  text: undefined,
};

const FILL: Record<Tone, string> = {
  good: 'FFC6EFCE',
  ok: 'FFE2EFDA',
  warn: 'FFFFEB9C',
  bad: 'FFFFC7CE',
  muted: 'FFEDEDED',
};

function sheetCell(cell: ReportCell): SheetCell {
  return {
    value: cell.value,
    ...(cell.format && NUMBER_FORMAT[cell.format] ? { numFmt: NUMBER_FORMAT[cell.format] } : {}),
    ...(cell.tone ? { fill: FILL[cell.tone] } : {}),
  };
}

/** Writes the summary workbook; refuses to replace an existing file without force. */
export async function writeReportWorkbook(report: SummaryReport, path: string, opts: { force: boolean; now: Date }): Promise<string> {
  const wb = newWorkbook(opts.now);
  wb.title = report.title;
  wb.subject = `${report.district}${report.periodTitle}就业工作`;
  for (const table of report.tables) {
    addTableSheet(wb, {
      name: table.name,
      title: table.title,
      subtitle: report.subtitle,
      columns: table.columns.map((c) => ({ header: c.header, group: c.group, maxWidth: c.maxWidth, ...(c.center ? { align: 'center' as const } : {}) })),
      rows: table.rows.map((row) => row.map(sheetCell)),
      mergeBy: table.mergeBy,
      notes: table.notes,
    });
  }
  return saveWorkbook(wb, path, opts.force);
}
