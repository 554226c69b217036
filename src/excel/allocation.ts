// The allocation sheet: written for the clerk to fill in (targets --out), read back (allocate --from).
import { basename } from 'node:path';
import { format } from 'date-fns/format';
import { InputError } from '../errors.js';
import { allocatableIndicators, allocationTable, type Allocation } from '../domain/allocation.js';
import { matchIndicator, matchUnitInYear } from '../domain/match.js';
import type { Plan } from '../domain/plan/model.js';
import { cellText, readNumber } from './cells.js';
import type { RawRow } from './read.js';
import { readWorkbookFile } from './workbook-file.js';
import { columnName } from './read-sheet.js';
import { addTableSheet, newWorkbook, saveWorkbook } from './sheet.js';
import { launcher } from '../format/command.js';

const SHEET = '目标分解';
const TOTAL_ROWS = ['合计', '区目标', '差额'];

/** Writes the areas × indicators allocation sheet with the current values. */
export async function writeAllocationWorkbook(plan: Plan, allocations: Allocation[], path: string, opts: { force: boolean; now: Date; stamps?: string[] }): Promise<string> {
  const wb = newWorkbook(opts.now);
  const indicators = allocatableIndicators(plan);
  const table = allocationTable(plan, allocations);
  const ws = addTableSheet(wb, {
    name: SHEET,
    title: `${plan.district}${plan.year}年就业目标任务分解表`,
    subtitle: `填写各镇街承担的年度目标;“合计”应等于“区目标”。填好后运行 ${launcher()} targets allocate --from ${basename(path)}。生成日期:${format(opts.now, 'yyyy-MM-dd')}`,
    columns: [{ header: '单位' }, ...indicators.map((i) => ({ header: `${i.name}(${i.measure})`, numFmt: '#,##0' }))],
    rows: [
      ...table.map((row) => [row.name, ...indicators.map((i) => row.values[i.code])]),
      ['合计', ...indicators.map(() => null)],
      ['区目标', ...indicators.map((i) => i.target?.value ?? null)],
      ['差额', ...indicators.map(() => null)],
    ],
    stamps: opts.stamps,
  });
  // 合计 and 差额 as formulas, so the clerk sees them change while filling in.
  const first = 4;
  const last = first + table.length - 1;
  indicators.forEach((_, j) => {
    const col = ws.getColumn(j + 2).letter;
    ws.getCell(`${col}${last + 1}`).value = { formula: `SUM(${col}${first}:${col}${last})` };
    ws.getCell(`${col}${last + 3}`).value = { formula: `${col}${last + 1}-${col}${last + 2}` };
    for (const r of [last + 1, last + 3]) ws.getCell(`${col}${r}`).numFmt = '#,##0';
  });
  return saveWorkbook(wb, path, opts.force);
}

/** Reads allocations from a sheet with a 单位 column and one column per indicator; all problems at once. */
export async function readAllocationWorkbook(plan: Plan, path: string, others: readonly Plan[] | (() => readonly Plan[]) = []): Promise<Allocation[]> {
  // The same safe reading as a return: type sniffed, size capped, before exceljs sees it.
  const file = await readWorkbookFile(path);
  if (file.problem) throw new InputError(`无法读取 ${basename(path)}:${file.problem.message}。${file.problem.fix}`);
  const ws = file.sheets!.find((s) => s.name === SHEET) ?? file.sheets!.find((s) => !s.hidden);
  if (!ws) throw new InputError(`${path} 中没有工作表`);
  const where = (addr: string) => `${basename(path)} · ${ws.name}!${addr}`;
  const at = (row: RawRow, col: number) => row.cells.find((c) => c.col === col);
  const text = (row: RawRow, col: number) => {
    const c = at(row, col);
    return c ? cellText(c.value) : '';
  };

  // The header row: the first row whose first cell is 单位.
  const header = ws.rows.find((row) => text(row, 1).replace(/\s/g, '') === '单位');
  if (!header) throw new InputError(`${basename(path)} · ${ws.name}:找不到表头(第一列写“单位”的一行)。请用 ${launcher()} targets --out 生成的表填写`);

  const problems: string[] = [];
  const columns = new Map<number, string>(); // column number → indicator code
  const allocatable = new Set(allocatableIndicators(plan).map((i) => i.code));
  for (const cell of header.cells) {
    if (cell.col === 1) continue;
    const label = cellText(cell.value).replace(/[((].*?[))]\s*$/, '');
    if (!label) continue;
    const m = matchIndicator(plan, label);
    if (m.kind !== 'found') problems.push(`${where(cell.address)}:表头“${label}”不是方案中的指标`);
    else if (!allocatable.has(m.item.code)) problems.push(`${where(cell.address)}:指标“${m.item.name}”不分解到镇街(只有累计型目标可分解)`);
    else columns.set(cell.col, m.item.code);
  }

  const out: Allocation[] = [];
  for (const row of ws.rows.filter((r) => r.number > header.number)) {
    const name = text(row, 1);
    if (!name || TOTAL_ROWS.includes(name.replace(/\s/g, ''))) continue;
    // Last year's sheet filled in again: a unit named as last year names it is still found, a merged one named.
    const m = matchUnitInYear(plan, others, name);
    if (m.kind === 'absent') {
      problems.push(`${where(at(row, 1)!.address)}:${m.message}`);
      continue;
    }
    if (m.kind !== 'found' || m.item.kind !== 'area') {
      problems.push(`${where(at(row, 1)!.address)}:“${name}”不是 ${plan.year} 年方案中的镇街${m.kind === 'found' ? '(部门不分解目标)' : ''}`);
      continue;
    }
    for (const [col, indicator] of columns) {
      const cell = at(row, col);
      const v = readNumber(cell?.value ?? { kind: 'empty' });
      const address = cell?.address ?? `${columnName(col)}${row.number}`;
      if (!v.ok) problems.push(`${where(address)}:${v.found} 不是${v.expected}`);
      else if (v.value !== null && v.value < 0) problems.push(`${where(address)}:分解目标不能为负数(${v.value})`);
      else if (v.value !== null) out.push({ unit: m.item.code, indicator, value: v.value });
    }
  }
  if (problems.length > 0) throw new InputError(`${path} 有 ${problems.length} 处问题,未做任何改动:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  if (out.length === 0) throw new InputError(`${path} 中没有填写任何分解目标,未做改动`);
  return out;
}
