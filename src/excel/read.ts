// Opening a workbook that passed the sniff, into plain cells a form reader can walk.
import ExcelJS from 'exceljs';
import { plainValue, type Plain } from './cells.js';

export interface RawCell {
  col: number;
  address: string;
  value: Plain;
}

export interface RawRow {
  number: number;
  cells: RawCell[];
}

export interface RawSheet {
  name: string;
  hidden: boolean;
  rows: RawRow[];
  /** Set when the sheet had too many cells to be a return: how many. Its rows were not read. */
  setAside?: number;
}

export type RawRead = { ok: true; sheets: RawSheet[] } | { ok: false; problem: string; fix: string };

// Parts of a sheet the form reader never needs. Skipping data validations matters: a validation
// over a whole column (E1:E1048576) would otherwise be expanded cell by cell.
const IGNORED = ['dataValidations', 'conditionalFormatting', 'extLst', 'hyperlinks', 'drawing', 'legacyDrawing', 'picture', 'tableParts', 'autoFilter'];

/** Every non-empty cell of every sheet, as plain values with their addresses. */
export async function readWorkbook(bytes: Buffer): Promise<RawRead> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer, { ignoreNodes: IGNORED } as Partial<ExcelJS.XlsxReadOptions>);
  } catch (e) {
    return { ok: false, problem: `文件已损坏,无法读取(${(e as Error).message})`, fix: '请让报送单位在 Excel 或 WPS 中重新保存为 .xlsx 后发送' };
  }
  const sheets: RawSheet[] = wb.worksheets.map((ws) => {
    const rows: RawRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: RawCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        // A merged cell other than the top-left one repeats the master's value: skip it.
        if (cell.isMerged && cell.master !== cell) return;
        // A formula's cached result is read from the cell itself: exceljs drops a 0 from cell.value.
        const value = plainValue(cell.value, cell.type === ExcelJS.ValueType.Formula ? (cell.result as ExcelJS.CellValue) : undefined);
        if (value.kind !== 'empty') cells.push({ col, address: cell.address, value });
      });
      if (cells.length > 0) rows.push({ number, cells });
    });
    return { name: ws.name, hidden: ws.state !== 'visible', rows };
  });
  return { ok: true, sheets };
}
