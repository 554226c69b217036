// The reader jiuye used before its own (src/excel/read.ts): exceljs's load, reduced to the same plain
// records. Kept as the reference the differential test compares jiuye's reader against.
import ExcelJS from 'exceljs';
import type { Plain } from '../src/excel/cells.js';
import type { RawRead, RawRow, RawCell, RawSheet } from '../src/excel/read.js';

// Parts of a sheet the form reader never needs (a validation over a whole column would otherwise be
// expanded cell by cell).
const IGNORED = ['dataValidations', 'conditionalFormatting', 'extLst', 'hyperlinks', 'drawing', 'legacyDrawing', 'picture', 'tableParts', 'autoFilter'];

/** Every non-empty cell of every sheet, as exceljs reads them. */
export async function readWithExceljs(bytes: Buffer): Promise<RawRead> {
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

/** The value a person sees in an exceljs cell; a formula's cached result is passed beside it as `result`. */
function plainValue(value: ExcelJS.CellValue | undefined, result?: ExcelJS.CellValue): Plain {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'error', value: String(value) };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', value: '无效日期' } : { kind: 'date', value: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    if ('error' in value) return { kind: 'error', value: String(value.error) };
    if ('richText' in value && Array.isArray(value.richText)) return plainValue(value.richText.map((r) => r.text ?? '').join(''));
    if ('formula' in value || 'sharedFormula' in value) {
      const cached = result ?? (value as ExcelJS.CellFormulaValue).result;
      const formula = (value as { formula?: string; sharedFormula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? '';
      return cached === undefined || cached === null ? { kind: 'uncalculated', formula } : plainValue(cached as ExcelJS.CellValue);
    }
    if ('hyperlink' in value) return plainValue((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('text' in value) return plainValue((value as { text: ExcelJS.CellValue }).text);
  }
  return { kind: 'error', value: '无法识别的单元格内容' };
}
