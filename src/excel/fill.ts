// Filling in a blank return the way a unit does, found by labels: the demo's returns are real ones.
import type ExcelJS from 'exceljs';
import type { Plan } from '../domain/plan/model.js';
import type { Layoff } from '../domain/return.js';
import type { TaskStatus } from '../format/words.js';
import { returnLayout } from './layout.js';

export interface Filling {
  /** indicator code → field key → value */
  figures: Record<string, Record<string, number>>;
  filledBy: string;
  phone: string;
  filledOn: string;
  progress: Record<string, { status: TaskStatus; note: string }>;
  layoffs: Layoff[];
}

/** Types a unit's answers into its blank return (from buildReturnWorkbook). */
export function fillReturn(wb: ExcelJS.Workbook, plan: Plan, filling: Filling): void {
  const L = returnLayout();
  const ws = wb.getWorksheet(L.sheet)!;
  const text = (row: ExcelJS.Row, col: number) => String(row.getCell(col).value ?? '');
  const utc = (date: string) => new Date(`${date}T00:00:00Z`);
  ws.getCell('C3').value = filling.filledBy;
  ws.getCell('E3').value = filling.phone;
  ws.getCell('E4').value = utc(filling.filledOn);
  let layoffHeader = 0;
  ws.eachRow((row, n) => {
    const name = text(row, 2);
    const indicator = plan.indicators.find((i) => i.name === name);
    const field = indicator?.fields.find((f) => f.label === text(row, 3));
    if (indicator && field) {
      const v = filling.figures[indicator.code]?.[field.key];
      if (v !== undefined) row.getCell(5).value = v;
    }
    const task = filling.progress[name];
    if (task && row.getCell(5).protection?.locked === false) {
      row.getCell(5).value = task.status;
      row.getCell(6).value = task.note;
    }
    if (name === L.sections.layoffs.columns.firm) layoffHeader = n;
  });
  filling.layoffs.forEach((l, i) => {
    const row = ws.getRow(layoffHeader + 1 + i);
    row.getCell(2).value = l.firm;
    row.getCell(3).value = l.staff;
    row.getCell(4).value = l.laidOff;
    if (l.noticeOn) row.getCell(5).value = utc(l.noticeOn);
    if (l.layoffOn) row.getCell(6).value = utc(l.layoffOn);
  });
}
