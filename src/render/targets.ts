// `jiuye targets`: the district targets and each area's allocation, with the sums against the target.
import type { ChalkInstance } from 'chalk';
import type { Io } from '../io.js';
import { allocatableIndicators, allocationSums, allocationTable, allocationWarnings, targetText, type Allocation } from '../domain/allocation.js';
import { kindName } from '../format/words.js';
import { unitByCode, unitName, type Plan } from '../domain/plan/model.js';
import { indicatorLabel } from './indicator.js';
import { renderTable } from './table.js';
import { outputWidth } from './terminal.js';
import { paint } from './text.js';
import { numberText } from '../format/number.js';

/** The targets model: what --json prints and the tables show. */
export function targetsModel(plan: Plan, allocations: Allocation[]) {
  const sums = allocationSums(plan, allocations);
  return {
    year: plan.year,
    district: plan.district,
    targets: plan.indicators.map((i) => ({
      indicator: i.code,
      name: i.name,
      kind: i.kind,
      measure: i.measure,
      op: i.target?.op ?? null,
      value: i.target?.value ?? null,
      reference: i.target?.reference ?? null,
      text: targetText(i),
      reportedBy: i.reportedBy,
    })),
    allocations: allocationTable(plan, allocations),
    sums: sums.map((s) => ({
      indicator: s.indicator.code,
      target: s.target,
      allocated: s.allocated,
      difference: s.difference,
      balanced: s.balanced,
      missing: s.missing,
    })),
    warnings: allocationWarnings(sums),
  };
}

/** Both tables of `jiuye targets`. */
export function renderTargets(io: Io, plan: Plan, allocations: Allocation[]): string {
  const c = paint(io);
  const width = outputWidth(io);
  const areas = plan.units.filter((u) => u.kind === 'area');
  const rows = plan.indicators.map((i) => [
    indicatorLabel(i.name),
    kindName(i.kind),
    targetText(i),
    i.reportedBy.length === areas.length && i.reportedBy.every((u) => unitByCode(plan, u).kind === 'area') ? '各镇街' : i.reportedBy.map((u) => unitName(plan, u)).join('、'),
  ]);
  const head = c.bold(`${plan.district}${plan.year}年就业工作目标`);
  const table = renderTable(
    [{ header: '指标', wrap: 'text', min: 12, keepWhole: true }, { header: '类型' }, { header: '年度目标', align: 'right' }, { header: '报送单位', wrap: 'words', min: 16 }],
    rows,
    c,
    { width },
  );
  return `${head}\n${table}\n${renderAllocations(c, width, plan, allocations)}`;
}

/** The areas × indicators allocation table with 合计, 区目标 and 差额 rows (on stderr before `allocate` asks to save). */
export function renderAllocations(c: ChalkInstance, width: number, plan: Plan, allocations: Allocation[]): string {
  const indicators = allocatableIndicators(plan);
  const table = allocationTable(plan, allocations);
  const sums = allocationSums(plan, allocations);
  const rows = table.map((r) => [r.name, ...indicators.map((i) => (r.values[i.code] === null ? c.dim('未分解') : numberText(r.values[i.code]!)))]);
  rows.push([c.bold('合计'), ...sums.map((s) => c.bold(numberText(s.allocated)))]);
  rows.push(['区目标', ...sums.map((s) => numberText(s.target))]);
  rows.push(['差额', ...sums.map((s) => (s.balanced ? c.green('0') : c.yellow(`${s.difference > 0 ? '+' : ''}${numberText(s.difference)}`)))]);
  const head = c.bold('各镇街分解目标');
  // On a narrow screen the measure goes under the name: an indicator's name is never split.
  const columns = [{ header: '单位' }, ...indicators.map((i) => ({ header: `${i.name}\n(${i.measure})`, align: 'right' as const, wrapHeader: 4 }))];
  // The sums are the point of this table: a rule sets them off from the areas.
  return `${head}\n${renderTable(columns, rows, c, { width, group: (_row, k) => (k < table.length ? 'areas' : 'sums') })}`;
}
