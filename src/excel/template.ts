// Writing one unit's blank quarterly return from the layout in templates/return.json.
import type ExcelJS from 'exceljs';
import { allocatableIndicators, targetText, type Allocation } from '../domain/allocation.js';
import { formatPeriod, periodTitle, type Period } from '../domain/period.js';
import { indicatorsReportedBy, tasksOf, type Indicator, type Plan, type Unit } from '../domain/plan/model.js';
import { fillText, returnLayout } from './layout.js';
import { A4_LANDSCAPE, newWorkbook } from './sheet.js';
import { groupDigits } from '../format/number.js';
import { TASK_STATUSES } from '../format/words.js';

export interface TemplateOptions {
  /** The return's due date, YYYY-MM-DD. */
  deadline: string;
  allocations: Allocation[];
  now: Date;
}

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The file name a unit's return is written under, e.g. 列东街道-2021Q3-就业工作季度报表.xlsx. */
export function templateFileName(unit: Unit, period: Period): string {
  return fillText(returnLayout().fileName, { unit: unit.name, period: formatPeriod(period) });
}

/** A unit's blank return: its indicators, its tasks with its role, layoff cases for areas. */
export function buildReturnWorkbook(plan: Plan, unit: Unit, period: Period, opts: TemplateOptions): ExcelJS.Workbook {
  const L = returnLayout();
  const wb = newWorkbook(opts.now);
  const ws = wb.addWorksheet(L.sheet, {
    pageSetup: A4_LANDSCAPE,
    headerFooter: { oddFooter: `&C${unit.name} ${formatPeriod(period)} 第 &P 页,共 &N 页` },
  });
  const n = L.columns.length;
  L.columns.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: L.font, size: 11, ...extra });
  const input = (cell: ExcelJS.Cell, validation?: ExcelJS.DataValidation, numFmt?: string) => {
    cell.protection = { locked: false };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: L.inputFill } };
    cell.border = BORDER;
    cell.font = font();
    cell.alignment = { vertical: 'middle', wrapText: true };
    if (validation) cell.dataValidation = validation;
    if (numFmt) cell.numFmt = numFmt;
  };
  const fixed = (cell: ExcelJS.Cell, value: ExcelJS.CellValue, opts: { bold?: boolean; align?: 'left' | 'center' | 'right'; border?: boolean } = {}) => {
    cell.value = value;
    cell.font = font({ bold: opts.bold });
    cell.alignment = { vertical: 'middle', horizontal: opts.align ?? 'left', wrapText: true };
    if (opts.border !== false) cell.border = BORDER;
  };
  const fullRow = (r: number, text: string, f: Partial<ExcelJS.Font>, height?: number) => {
    ws.mergeCells(r, 1, r, n);
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.font = font(f);
    cell.alignment = { vertical: 'middle', horizontal: f.size && f.size > 12 ? 'center' : 'left', wrapText: true };
    if (height) ws.getRow(r).height = height;
  };
  const wholeNumber = (decimals: number): ExcelJS.DataValidation => ({
    type: decimals > 0 ? 'decimal' : 'whole',
    operator: 'greaterThanOrEqual',
    allowBlank: true,
    formulae: [0],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '数值有误',
    error: decimals > 0 ? `请填写 0 或正数(最多 ${decimals} 位小数)` : '请填写 0 或正整数,不要带单位',
  });
  const dateValidation: ExcelJS.DataValidation = {
    type: 'date',
    operator: 'greaterThan',
    allowBlank: true,
    formulae: [new Date(Date.UTC(2000, 0, 1))],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '日期有误',
    error: '请填写日期,如 2021-10-08',
  };

  // Title and the labelled header: import finds unit and period here when the hidden sheet is gone.
  fullRow(1, fillText(L.title, { district: plan.district, periodTitle: periodTitle(period) }), { size: 16, bold: true }, 30);
  const h = L.header;
  const pair = (r: number, c: number, label: string) => fixed(ws.getCell(r, c), label, { bold: true, align: 'center' });
  pair(2, 2, h.unit);
  fixed(ws.getCell(2, 3), unit.name);
  pair(2, 4, h.period);
  fixed(ws.getCell(2, 5), formatPeriod(period), { align: 'center' });
  fixed(ws.getCell(2, 6), periodTitle(period));
  pair(3, 2, h.filledBy);
  input(ws.getCell(3, 3));
  pair(3, 4, h.phone);
  input(ws.getCell(3, 5), undefined, '@');
  fixed(ws.getCell(3, 6), '');
  pair(4, 2, h.deadline);
  fixed(ws.getCell(4, 3), opts.deadline);
  pair(4, 4, h.filledOn);
  input(ws.getCell(4, 5), dateValidation, 'yyyy-mm-dd');
  fixed(ws.getCell(4, 6), plan.deadline.rule);
  ws.getCell(4, 6).font = font({ size: 9 });
  const statuses = `${TASK_STATUSES.slice(0, -1).join('、')}或${TASK_STATUSES.at(-1)}`;
  const instructions = L.instructions.map((line) => fillText(line, { deadline: opts.deadline, office: plan.office, statuses }));
  fullRow(5, `${L.instructionsLabel}:\n${instructions.join('\n')}`, { size: 10 }, 16 * (instructions.length + 1) + 6);

  let r = 7;
  const sectionHead = (title: string, columns: Record<string, string>) => {
    fullRow(r++, title, { bold: true, size: 12 }, 22);
    Object.values(columns).forEach((text, i) => {
      const cell = ws.getCell(r, i + 1);
      fixed(cell, text, { bold: true, align: 'center' });
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: L.headerFill } };
    });
    r++;
  };

  // 一、indicators: one row per figure, the indicator's name and note merged down its rows.
  const S1 = L.sections.indicators;
  sectionHead(S1.title, S1.columns);
  const indicators = indicatorsReportedBy(plan, unit.code);
  if (indicators.length === 0) {
    ws.mergeCells(r, 1, r, n);
    fixed(ws.getCell(r, 1), '(本单位不报送数值指标,请填写下面的任务进展)', { align: 'center' });
    r++;
  }
  indicators.forEach((indicator, i) => {
    const first = r;
    for (const field of indicator.fields) {
      fixed(ws.getCell(r, 1), i + 1, { align: 'center' });
      fixed(ws.getCell(r, 2), indicator.name);
      fixed(ws.getCell(r, 3), field.label);
      fixed(ws.getCell(r, 4), fieldMeasure(indicator), { align: 'center' });
      input(ws.getCell(r, 5), wholeNumber(indicator.decimals), indicator.decimals > 0 ? `0.${'0'.repeat(indicator.decimals)}` : '#,##0');
      fixed(ws.getCell(r, 6), indicatorNote(plan, unit, indicator, opts.allocations));
      r++;
    }
    if (r - first > 1) for (const c of [1, 2, 6]) ws.mergeCells(first, c, r - 1, c);
  });
  r++;

  // 二、tasks the unit leads or assists, with its role.
  const S2 = L.sections.tasks;
  sectionHead(S2.title, S2.columns);
  tasksOf(plan, unit.code).forEach(({ task, role }, i) => {
    fixed(ws.getCell(r, 1), i + 1, { align: 'center' });
    fixed(ws.getCell(r, 2), task.id, { align: 'center' });
    fixed(ws.getCell(r, 3), task.title);
    fixed(ws.getCell(r, 4), role === 'lead' ? '牵头' : '配合', { align: 'center', bold: role === 'lead' });
    input(ws.getCell(r, 5), {
      type: 'list',
      allowBlank: true,
      formulae: [`"${TASK_STATUSES.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '状态有误',
      error: `请从下拉列表中选择:${TASK_STATUSES.join('、')}`,
    });
    input(ws.getCell(r, 6));
    ws.getRow(r).height = 48;
    r++;
  });

  // 三、layoff cases, for the kinds of unit that report them (areas).
  const S3 = L.sections.layoffs;
  if (S3.forKinds.includes(unit.kind)) {
    r++;
    sectionHead(S3.title, S3.columns);
    for (let i = 0; i < S3.rows; i++) {
      fixed(ws.getCell(r, 1), i + 1, { align: 'center' });
      input(ws.getCell(r, 2));
      input(ws.getCell(r, 3), wholeNumber(0), '#,##0');
      input(ws.getCell(r, 4), wholeNumber(0), '#,##0');
      input(ws.getCell(r, 5), dateValidation, 'yyyy-mm-dd');
      input(ws.getCell(r, 6), dateValidation, 'yyyy-mm-dd');
      r++;
    }
  }

  ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });

  // The hidden sheet: identity and version, so import does not depend on what the visible form says.
  const meta = wb.addWorksheet(L.metaSheet, { state: 'veryHidden' });
  const rows: [string, string | number][] = [
    ['format', 'jiuye-return'],
    ['templateVersion', L.version],
    ['plan', plan.id],
    ['year', plan.year],
    ['unit', unit.code],
    ['unitName', unit.name],
    ['period', formatPeriod(period)],
    ['deadline', opts.deadline],
    ['generatedAt', opts.now.toISOString()],
  ];
  rows.forEach((row, i) => meta.getRow(i + 1).values = row);
  meta.protect('', {});
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return wb;
}

function fieldMeasure(indicator: Indicator): string {
  if (indicator.kind === 'rate' || indicator.kind === 'relative') return '人';
  return indicator.measure;
}

/** What the unit needs to know beside the figure: the target it is measured against. */
function indicatorNote(plan: Plan, unit: Unit, indicator: Indicator, allocations: Allocation[]): string {
  const parts: string[] = [];
  if (indicator.kind === 'count') {
    parts.push(`区年度目标 ${targetText(indicator)}`);
    const mine = allocations.find((a) => a.unit === unit.code && a.indicator === indicator.code);
    if (mine && allocatableIndicators(plan).includes(indicator)) parts.push(`本单位分解目标 ${groupDigits(mine.value)} ${indicator.measure}`);
  } else if (indicator.kind === 'rate') {
    const [num, den] = indicator.fields;
    parts.push(`控制目标 ${targetText(indicator)}`);
    parts.push(`${indicator.name}=${num.label}÷(${den.label}${indicator.denominatorAddsNumerator ? `+${num.label}` : ''})`);
  } else if (indicator.kind === 'relative') {
    parts.push(`目标:${targetText(indicator)}`);
  } else if (indicator.kind === 'zero') {
    parts.push('目标:动态清零');
    parts.push('期末=期初+本季度新认定−本季度帮扶清零');
  } else {
    parts.push('监测指标,据实填报');
  }
  return parts.join(';');
}
