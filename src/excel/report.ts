// The quarterly summary workbook (季度汇总表): one print-ready sheet per table of the report model, and
// the sheet of charts (图表) after the overall table.
import type ExcelJS from 'exceljs';
import type { CellFormat, PrintedReport, ReportCell, ReportColumn, Tone } from '../domain/report.js';
import { TONE_FILL } from '../render/report.js';
import { DIGIT_PX } from './package.js';
import { FONT, PAGE, addTableSheet, newWorkbook, pageMarks, printedAt, saveWorkbook, scaleFor, type SheetCell, type SheetColumn } from './sheet.js';

/** A chart to be drawn as a PNG; width and height are its printed size in pixels at 96 dpi. */
export interface ChartFrame {
  title: string;
  width: number;
  height: number;
}

/**
 * The charts of the workbook: their frames at once, their pictures when resvg has drawn them (null when
 * it could not). The tables are laid out meanwhile: drawing runs on resvg's threads, beside this one.
 */
export interface DrawnCharts {
  frames: ChartFrame[];
  pngs: Promise<Buffer[] | null>;
}

/** The sheet of charts comes right after this one, so the leading group sees pictures before the detail. */
const CHARTS_AFTER = '总体完成情况';

const NUMBER_FORMAT: Record<CellFormat, string | undefined> = {
  int: '#,##0',
  dec1: '0.0',
  dec2: '#,##0.00',
  pct0: '0%',
  pct1: '0.0%',
  pct2: '0.00%',
  text: undefined,
};

/** The status fills of render/report.ts as Excel ARGB colours. */
const FILL = Object.fromEntries(Object.entries(TONE_FILL).map(([tone, rgb]) => [tone, `FF${rgb.slice(1)}`])) as Record<Tone, string>;

function sheetCell(cell: ReportCell): SheetCell {
  return {
    value: cell.value,
    ...(cell.format && NUMBER_FORMAT[cell.format] ? { numFmt: NUMBER_FORMAT[cell.format] } : {}),
    ...(cell.tone ? { fill: FILL[cell.tone] } : {}),
    ...(cell.bold ? { bold: true } : {}),
    ...(cell.repeated ? { faint: true } : {}),
  };
}

const sheetColumns = (columns: ReportColumn[]): SheetColumn[] =>
  columns.map((c) => ({ header: c.header, group: c.group, maxWidth: c.maxWidth, ...(c.center ? { align: 'center' as const } : {}) }));

/** Writes the summary workbook (or any printed tables), with a sheet of charts when given; refuses to replace an existing file without force. */
export async function writeReportWorkbook(
  report: PrintedReport,
  path: string,
  opts: { force: boolean; now: Date; charts?: DrawnCharts | null },
): Promise<string> {
  const wb = newWorkbook(opts.now);
  wb.title = report.title;
  wb.subject = `${report.district}${report.periodTitle}就业工作`;
  const charts = opts.charts && opts.charts.frames.length > 0 ? opts.charts : null;
  const chartsAfter = report.tables.some((t) => t.name === CHARTS_AFTER) ? CHARTS_AFTER : report.tables[0]?.name;
  let place: ((pngs: Buffer[]) => void) | null = null;
  let chartSheet: ExcelJS.Worksheet | null = null;
  for (const table of report.tables) {
    addTableSheet(wb, {
      name: table.name,
      title: table.title,
      subtitle: report.subtitle,
      columns: sheetColumns(table.columns),
      rows: table.rows.map((row) => row.map(sheetCell)),
      blocks: table.blocks?.map((b) => ({ heading: b.heading, ...(b.columns ? { columns: sheetColumns(b.columns) } : {}), rows: b.rows.map((row) => row.map(sheetCell)) })),
      notes: table.notes,
      stamps: report.stamps,
    });
    if (charts && table.name === chartsAfter) ({ sheet: chartSheet, place } = addChartSheet(wb, report, charts.frames));
  }
  if (charts && chartSheet && place) {
    const pngs = await charts.pngs;
    // Pictures that could not be drawn (said on stderr by whoever drew them): no sheet of empty frames.
    if (pngs) place(pngs);
    else wb.removeWorksheet(chartSheet.id);
  }
  return saveWorkbook(wb, path, opts.force);
}

// The charts are as wide as the printed page (CHART_WIDTH, render/chart-options.ts), two to a page
// under the repeated title rows. Each picture is anchored to two cells, the top left corner of its row
// and the bottom right corner of the last column, so it fills exactly the columns the title is centred
// over, in every program; the columns add up to the picture's width in digits of the workbook's font
// (package.ts), which prints the same size in Excel, WPS and LibreOffice. LibreOffice scales only a
// sheet of several columns, so the width is spread over ten.
const PT_PER_PX = 0.75;
const GAP_PT = 6;
const COLUMNS = 10;

/**
 * The top left corner of a cell (0-based), as exceljs writes it: in native cells and zero offsets, never
 * a fractional position, which exceljs would turn into an offset by a column width it guesses.
 */
function cellCorner(col: number, row: number): ExcelJS.Anchor {
  return { nativeCol: col, nativeColOff: 0, nativeRow: row, nativeRowOff: 0 } as ExcelJS.Anchor;
}

/**
 * 图表: the title and 统计截至 line (repeated on every page), then a frame for each chart, two to a page;
 * place() puts the pictures in their frames once they are drawn.
 */
function addChartSheet(wb: ExcelJS.Workbook, report: PrintedReport, charts: ChartFrame[]): { sheet: ExcelJS.Worksheet; place: (pngs: Buffer[]) => void } {
  const name = '图表';
  const widest = Math.max(...charts.map((c) => c.width));
  const column = Math.round((widest / COLUMNS / DIGIT_PX) * 100) / 100;
  const ws = wb.addWorksheet(name, {
    views: [{ showGridLines: false }],
    pageSetup: printedAt(scaleFor(column * COLUMNS * DIGIT_PX), '1:2'),
    headerFooter: pageMarks(name, report.stamps),
  });
  for (let c = 1; c <= COLUMNS; c++) ws.getColumn(c).width = column;

  ws.mergeCells(1, 1, 1, COLUMNS);
  ws.mergeCells(2, 1, 2, COLUMNS);
  const title = ws.getCell(1, 1);
  title.value = `${report.district}${report.periodTitle}就业工作主要指标图表`;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  const sub = ws.getCell(2, 1);
  sub.value = report.subtitle;
  sub.font = { name: FONT, size: 10 };
  sub.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  ws.getRow(2).height = 31;

  let row = 3;
  let used = 30 + 31;
  const anchors: { tl: ExcelJS.Anchor; br: ExcelJS.Anchor }[] = [];
  charts.forEach((chart, i) => {
    const height = chart.height * PT_PER_PX;
    // A chart that would run off the page starts the next one (under the repeated title rows).
    if (i > 0 && used + height > PAGE.heightPt * 0.97) {
      ws.getRow(row - 1).addPageBreak();
      used = 30 + 31;
    }
    // The chart's title is drawn in the image, so the row under it holds nothing.
    ws.getRow(row).height = height;
    anchors.push({ tl: cellCorner(0, row - 1), br: cellCorner(COLUMNS, row) });
    used += height;
    if (i < charts.length - 1) {
      ws.getRow(row + 1).height = GAP_PT;
      used += GAP_PT;
      row += 2;
    }
  });
  ws.pageSetup.printArea = `A1:${String.fromCharCode(64 + COLUMNS)}${row}`;
  const place = (pngs: Buffer[]) => {
    pngs.forEach((png, i) => {
      // exceljs declares a Buffer type of its own; Node's Buffer is what it reads.
      const image = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
      ws.addImage(image, { ...anchors[i], editAs: 'oneCell' });
    });
  };
  return { sheet: ws, place };
}
