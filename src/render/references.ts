// `jiuye targets reference`: the reference values relative targets are judged by (上年值, 全市平均).
import type { Io } from '../io.js';
import type { Plan } from '../domain/plan.js';
import type { ReferenceValue } from '../domain/progress.js';
import { renderTable } from './table.js';
import { outputWidth } from './terminal.js';
import { paint } from './text.js';

/** Each relative indicator with its whole-year and per-quarter reference values. */
export function referenceModel(plan: Plan, values: ReferenceValue[]) {
  return {
    year: plan.year,
    references: plan.indicators
      .filter((i) => i.kind === 'relative')
      .map((i) => {
        const own = values.filter((v) => v.indicator === i.code);
        const at = (q: number) => own.find((v) => v.quarter === q)?.value ?? null;
        return { indicator: i.code, name: i.name, reference: i.target?.reference ?? null, year: at(0), quarters: { Q1: at(1), Q2: at(2), Q3: at(3), Q4: at(4) } };
      }),
  };
}

/** The reference values as a table, one row per relative indicator. */
export function renderReferences(io: Io, model: ReturnType<typeof referenceModel>): string {
  const c = paint(io);
  const v = (x: number | null) => (x === null ? c.dim('—') : `${x}%`);
  const rows = model.references.map((r) => [r.name, r.reference ?? '', r.year === null ? c.yellow('未录入') : `${r.year}%`, v(r.quarters.Q1), v(r.quarters.Q2), v(r.quarters.Q3), v(r.quarters.Q4)]);
  return (
    `${c.bold(`${model.year} 年比较型指标的参考值`)}(某季度单独录入的值优先于全年值)\n` +
    renderTable(
      [
        { header: '指标', wrap: 'text', min: 12, keepWhole: true },
        { header: '参考' },
        { header: '全年', align: 'right' },
        { header: '一季度', align: 'right' },
        { header: '二季度', align: 'right' },
        { header: '三季度', align: 'right' },
        { header: '四季度', align: 'right' },
      ],
      rows,
      c,
      { width: outputWidth(io) },
    )
  );
}
