// `jiuye targets reference`: the reference values relative targets are judged by (上年值, 全市平均).
import type { Io } from '../io.js';
import type { Plan } from '../domain/plan/model.js';
import type { ReferenceValue } from '../domain/progress.js';
import { indicatorLabel } from './indicator.js';
import { renderTable } from './table.js';
import { outputWidth } from './terminal.js';
import { paint } from './text.js';
import { measureText, rateText } from '../format/number.js';

/**
 * Each relative indicator with its whole-year and per-quarter reference values, and for 不低于上年
 * last year's year-end figure from the database (`previousYearEnd`, by indicator code), which is
 * used where nothing was entered.
 */
export function referenceModel(plan: Plan, values: ReferenceValue[], previousYearEnd: ReadonlyMap<string, number | null> = new Map()) {
  return {
    year: plan.year,
    references: plan.indicators
      .filter((i) => i.kind === 'relative')
      .map((i) => {
        const own = values.filter((v) => v.indicator === i.code);
        const at = (q: number) => own.find((v) => v.quarter === q)?.value ?? null;
        const fromDatabase = i.target?.from === 'previousYear' ? (previousYearEnd.get(i.code) ?? null) : null;
        const used = at(0) !== null ? 'entered' : fromDatabase !== null ? 'previousYear' : null;
        return {
          indicator: i.code,
          name: i.name,
          reference: i.target?.reference ?? null,
          from: i.target?.from ?? 'entered',
          year: at(0),
          quarters: { Q1: at(1), Q2: at(2), Q3: at(3), Q4: at(4) },
          previousYearEnd: fromDatabase,
          used,
        };
      }),
  };
}

/** The reference values as a table, one row per relative indicator. */
export function renderReferences(io: Io, model: ReturnType<typeof referenceModel>): string {
  const c = paint(io);
  const v = (x: number | null) => (x === null ? c.dim('—') : measureText(x, '%'));
  const last = `${model.year - 1}年末`;
  const fromDb = (r: (typeof model.references)[number]) =>
    r.from !== 'previousYear' ? c.dim('不适用') : r.previousYearEnd === null ? c.yellow('无数据') : `${rateText(r.previousYearEnd)}${r.used === 'previousYear' ? '(采用)' : ''}`;
  const year = (r: (typeof model.references)[number]) => (r.year === null ? (r.used === 'previousYear' ? c.dim('—') : c.yellow('未录入')) : `${measureText(r.year, '%')}${r.used === 'entered' ? '(采用)' : ''}`);
  const rows = model.references.map((r) => [indicatorLabel(r.name), r.reference ?? '', fromDb(r), year(r), v(r.quarters.Q1), v(r.quarters.Q2), v(r.quarters.Q3), v(r.quarters.Q4)]);
  return (
    `${c.bold(`${model.year} 年比较型指标的参考值`)}(某季度单独录入的值优先于全年值;录入值优先于数据库中的${last}数)\n` +
    renderTable(
      [
        { header: '指标', wrap: 'text', min: 12, keepWhole: true },
        { header: '参考' },
        { header: `${model.year - 1}年末(数据库)`, align: 'right' },
        { header: '全年录入', align: 'right' },
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
