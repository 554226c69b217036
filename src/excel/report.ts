// The quarterly summary workbook (季度汇总表): one print-ready sheet per table of the report model, and
// the sheet of charts (图表) after the overall table.
import type ExcelJS from 'exceljs';
import type { CellFormat, PrintedReport, ReportCell, Tone } from '../domain/report.js';
import { TONE_FILL } from '../render/report.js';
import { A4_LANDSCAPE, FONT, addTableSheet, newWorkbook, saveWorkbook, type SheetCell } from './sheet.js';

/** A chart drawn as a PNG; width and height are its printed size in pixels at 96 dpi. */
export interface ChartImage {
  title: string;
  width: number;
  height: number;
  png: Buffer;
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
  };
}

/** Writes the summary workbook (or any printed tables), with a sheet of charts when given; refuses to replace an existing file without force. */
export async function writeReportWorkbook(
  report: PrintedReport,
  path: string,
  opts: { force: boolean; now: Date; charts?: ChartImage[] | null },
): Promise<string> {
  const wb = newWorkbook(opts.now);
  wb.title = report.title;
  wb.subject = `${report.district}${report.periodTitle}就业工作`;
  const charts = opts.charts && opts.charts.length > 0 ? opts.charts : null;
  const chartsAfter = report.tables.some((t) => t.name === CHARTS_AFTER) ? CHARTS_AFTER : report.tables[0]?.name;
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
    if (charts && table.name === chartsAfter) addChartSheet(wb, report, charts);
  }
  return saveWorkbook(wb, path, opts.force);
}

// The page of A4 landscape inside A4_LANDSCAPE's margins is 10.69 × 7.07 in: 1,026 × 678 px at 96 dpi.
// The columns are as wide as a chart, and two 280 px charts under the title rows fill one page, so at
// 100% the page breaks fall between pairs. The sheet is still fitted to the page width, as the others
// are: a column's width is counted in the default font's digits, and where that font is missing (or
// wider) the program scales the page down rather than cutting the charts off. LibreOffice scales only
// a sheet of several columns, so the width is spread over ten.
const PT_PER_PX = 0.75;
const GAP_PT = 6;
const COLUMNS = 10;

/** 图表: the title and 统计截至 line (repeated on every page), then the charts two to a page. */
function addChartSheet(wb: ExcelJS.Workbook, report: PrintedReport, charts: ChartImage[]): void {
  const name = '图表';
  const ws = wb.addWorksheet(name, {
    views: [{ showGridLines: false }],
    pageSetup: { ...A4_LANDSCAPE, printTitlesRow: '1:2' },
    headerFooter: { oddFooter: `&C${name} 第 &P 页,共 &N 页` },
  });
  const widest = Math.max(...charts.map((c) => c.width));
  // A stored column width is in widths of the default font's digit, 7 px for Calibri 11 (padding included).
  for (let c = 1; c <= COLUMNS; c++) ws.getColumn(c).width = Math.round(((widest + 10) / COLUMNS / 7) * 100) / 100;

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
  charts.forEach((chart, i) => {
    // exceljs declares a Buffer type of its own; Node's Buffer is what it reads.
    const image = wb.addImage({ buffer: chart.png as unknown as ExcelJS.Buffer, extension: 'png' });
    // The chart's title is drawn in the image, so the rows under it hold nothing.
    ws.getRow(row).height = chart.height * PT_PER_PX;
    ws.addImage(image, { tl: { col: 0, row: row - 1 }, ext: { width: chart.width, height: chart.height }, editAs: 'oneCell' });
    if (i % 2 === 1 && i < charts.length - 1) {
      ws.getRow(row).addPageBreak();
      row += 1;
    } else if (i < charts.length - 1) {
      ws.getRow(row + 1).height = GAP_PT;
      row += 2;
    }
  });
  ws.pageSetup.printArea = `A1:${String.fromCharCode(64 + COLUMNS)}${row}`;
}
