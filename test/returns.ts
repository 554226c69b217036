// Test returns: jiuye's own template, filled in by exceljs the way a unit fills it in.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import type { Period } from '../src/domain/period.js';
import { formatPeriod } from '../src/domain/period.js';
import { indicatorsReportedBy, tasksOf, type Plan, type Unit } from '../src/domain/plan/model.js';
import { buildReturnWorkbook, templateFileName } from '../src/excel/template.js';

export const Q3: Period = { year: 2021, quarter: 3 };

/** Finds a return's cells by their labels, as a person would. */
export class Form {
  constructor(
    readonly wb: ExcelJS.Workbook,
    readonly plan: Plan,
  ) {}

  get ws(): ExcelJS.Worksheet {
    return this.wb.getWorksheet('季度报表')!;
  }

  private findRow(test: (row: ExcelJS.Row) => boolean): ExcelJS.Row {
    for (let r = 1; r <= this.ws.rowCount; r++) if (test(this.ws.getRow(r))) return this.ws.getRow(r);
    throw new Error('row not found');
  }

  /** The 数值 cell of an indicator's field. */
  value(indicator: string, field: string): ExcelJS.Cell {
    const ind = this.plan.indicators.find((i) => i.code === indicator)!;
    const label = ind.fields.find((f) => f.key === field)!.label;
    return this.findRow((row) => String(row.getCell(2).value) === ind.name && String(row.getCell(3).value) === label).getCell(5);
  }

  status(task: string): ExcelJS.Cell {
    return this.findRow((row) => String(row.getCell(2).value) === task && row.getCell(5).protection?.locked === false).getCell(5);
  }

  note(task: string): ExcelJS.Cell {
    return this.ws.getRow(Number(this.status(task).row)).getCell(6);
  }

  /** 填报人 C3, 联系电话 E3, 填报日期 E4 in the template. */
  contact(key: 'filledBy' | 'phone' | 'filledOn'): ExcelJS.Cell {
    return this.ws.getCell({ filledBy: 'C3', phone: 'E3', filledOn: 'E4' }[key]);
  }

  /** The i-th (1-based) layoff row. */
  layoff(i: number): ExcelJS.Row {
    const header = this.findRow((row) => String(row.getCell(2).value) === '企业名称');
    return this.ws.getRow(Number(header.number) + i);
  }

  /** The address of a cell, for asserting on messages. */
  static at(cell: ExcelJS.Cell): string {
    return cell.address;
  }
}

/** Figures for a unit that keep every rule (stock identity, rates ≤ 100%), varied by seed. */
export function sampleFigures(plan: Plan, unit: Unit, seed: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const ind of indicatorsReportedBy(plan, unit.code)) {
    const base = 10 + ((seed * 37 + ind.code.length * 11) % 90);
    if (ind.kind === 'count' || ind.kind === 'monitor') out.set(`${ind.code}.quarter`, ind.decimals > 0 ? base + 0.25 : base);
    else if (ind.kind === 'rate' || ind.kind === 'relative') {
      out.set(`${ind.code}.numerator`, base);
      out.set(`${ind.code}.denominator`, base * 30 + seed);
    } else if (ind.kind === 'zero') {
      const opening = seed % 3;
      const added = seed % 2;
      out.set(`${ind.code}.opening`, opening);
      out.set(`${ind.code}.added`, added);
      out.set(`${ind.code}.cleared`, opening + added);
      out.set(`${ind.code}.closing`, 0);
    }
  }
  return out;
}

/** Writes the unit's template, fills every input with sample values, applies edits, saves it. */
export async function filledReturn(
  plan: Plan,
  unitCode: string,
  period: Period,
  dir: string,
  opts: { seed?: number; edit?: (form: Form) => void; name?: string } = {},
): Promise<{ path: string; figures: Map<string, number>; form: Form }> {
  const unit = plan.units.find((u) => u.code === unitCode)!;
  const wb = buildReturnWorkbook(plan, unit, period, { deadline: '2021-10-08', allocations: [], now: new Date(2021, 8, 25) });
  const form = new Form(wb, plan);
  const figures = sampleFigures(plan, unit, opts.seed ?? 1);
  for (const [key, value] of figures) {
    const [indicator, field] = key.split('.');
    form.value(indicator, field).value = value;
  }
  form.contact('filledBy').value = '张三';
  form.contact('phone').value = '0598-8220001';
  form.contact('filledOn').value = new Date(Date.UTC(2021, 9, 6));
  for (const { task } of tasksOf(plan, unit.code)) {
    form.status(task.id).value = '推进中';
    form.note(task.id).value = `${unit.name}${formatPeriod(period)}推进${task.id}`;
  }
  opts.edit?.(form);
  const path = join(dir, opts.name ?? templateFileName(unit, period));
  await wb.xlsx.writeFile(path);
  return { path, figures, form };
}

/** Every row of every table, in a stable order: two equal dumps mean an unchanged database. */
export function dump(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    // Ordered by the first three columns (or as many as the table has).
    const order = (t: string) => Array.from({ length: Math.min(3, db.prepare(`PRAGMA table_info("${t}")`).all().length) }, (_, i) => i + 1).join(', ');
    return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY ${order(t)}`).all()]));
  } finally {
    db.close();
  }
}
