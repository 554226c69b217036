// `jiuye plan list` and `plan show`: the years a database holds, and one year's targets, deadline rule and thresholds.
import type { Io } from '../io.js';
import { targetText } from '../domain/allocation.js';
import type { Plan } from '../domain/plan/model.js';
import { ruleList } from '../domain/rules.js';
import type { PlanSummary } from '../store/plan.js';
import { indicatorLabel } from './indicator.js';
import { renderTable } from './table.js';
import { outputWidth } from './terminal.js';
import { keepCommandsWhole, paint, wrapParagraph } from './text.js';
import { launcher } from '../format/command.js';
import { deadlineRule, kindName } from '../format/words.js';

/** The plans of a database, one row a year. */
export function renderPlanList(io: Io, plans: PlanSummary[]): string {
  const c = paint(io);
  const from = (p: PlanSummary) => (p.loadedFrom.startsWith('embedded:') ? '内置方案' : p.loadedFrom);
  const table = renderTable(
    [
      { header: '年度', align: 'right' },
      { header: '方案' },
      { header: '单位', align: 'right' },
      { header: '指标', align: 'right' },
      { header: '任务', align: 'right' },
      { header: '报表', align: 'right' },
      { header: '来源', wrap: 'text', min: 16 },
      { header: '载入日期' },
    ],
    plans.map((p) => [String(p.year), p.id, String(p.units), String(p.indicators), String(p.tasks), String(p.returns), `${from(p)}${p.replaced > 0 ? c.dim(`(已替换 ${p.replaced} 次)`) : ''}`, p.loadedAt.slice(0, 10)]),
    c,
    { width: outputWidth(io) },
  );
  return `${c.bold(`数据库中有 ${plans.length} 个年度的方案`)}\n${table}${c.dim(`查看一年:${launcher()} plan show --year 年份;建立新一年:${launcher()} plan new 年份`)}\n`;
}

/** One year's plan as the clerk checks it: targets, deadline rule, warning and data-quality thresholds, the assessment method. */
export function planShowModel(plan: Plan) {
  return {
    year: plan.year,
    id: plan.id,
    district: plan.district,
    title: plan.title,
    source: plan.source,
    office: plan.office,
    targets: plan.indicators.map((i) => ({ indicator: i.code, name: i.name, kind: i.kind, measure: i.measure, target: i.target ?? null, text: targetText(i), reportedBy: i.reportedBy.length })),
    deadline: plan.deadline,
    warnings: ruleList(plan, 'warning'),
    dataQuality: ruleList(plan, 'hint'),
    assessment: plan.assessment,
    units: plan.units.length,
    tasks: plan.tasks.length,
  };
}

/** The plan on a terminal. */
export function renderPlanShow(io: Io, m: ReturnType<typeof planShowModel>): string {
  const c = paint(io);
  const width = outputWidth(io);
  const out: string[] = [];
  const para = (text: string, style: (s: string) => string = (s) => s, indent = '', hanging = '  ') => out.push(...wrapParagraph(text, width, indent, `${indent}${hanging}`).map((l) => style(l)));
  para(`${m.district} ${m.year} 年方案:${m.title}(${m.id})`, c.bold);
  para(`依据:${m.source}`, c.dim);
  para(`${m.units} 个单位、${m.targets.length} 项指标、${m.tasks} 项任务;牵头办公室:${m.office}`);
  out.push('', c.bold('一、区级目标'));
  out.push(
    renderTable(
      [{ header: '指标', wrap: 'text', min: 12, keepWhole: true }, { header: '类型' }, { header: '目标', wrap: 'text', min: 12 }, { header: '报送单位', align: 'right' }],
      m.targets.map((t) => [indicatorLabel(t.name, t.measure), kindName(t.kind), t.text, String(t.reportedBy)]),
      c,
      { width },
    ).trimEnd(),
  );
  out.push('', c.bold('二、报送截止规则'));
  // A rule in the clerk's own words says how many days the deadlines are counted with.
  const days = m.deadline.daysAfterQuarterEnd;
  para(`${m.deadline.rule}${m.deadline.rule === deadlineRule(days) ? '' : `(按季后 ${days} 日计算)`};距截止 ${m.deadline.nearDays} 天内标“临近”`);
  out.push('', c.bold('三、风险预警阈值(文件三(三))'));
  for (const r of m.warnings) para(`${r.title}:${r.text}`, (s) => s, '  ', '  ');
  out.push('', c.bold('四、数据质量提示阈值(dataQuality)'));
  for (const r of m.dataQuality) para(`${r.title}:${r.text}`, (s) => s, '  ', '  ');
  const a = m.assessment;
  out.push('', c.bold(`五、年终考核:${a.title}`));
  for (const g of a.groups) para(`${g.name}(${g.items.reduce((n, i) => n + i.points, 0)} 分):${g.items.map((i) => `${i.name} ${i.points}`).join('、')}`, (s) => s, '  ', '  ');
  if (a.deductions.length > 0) para(`扣分:${a.deductions.map((d) => `${d.name}每条 −${d.points},最多 −${d.max}`).join(';')}`, (s) => s, '  ', '  ');
  if (a.vetoes.length > 0) para(`否决:${a.vetoes.map((v) => `${v.name}(最高${v.cap})`).join(';')}`, (s) => s, '  ', '  ');
  para(`等级:${a.grades.map((g) => (g.min > 0 ? `${g.name} ≥${g.min}` : g.name)).join(',')}(明细见 ${launcher()} assess --unit 单位,全文见考核结果表的“考核办法”)`, (s) => s, '  ', '  ');
  out.push('');
  para(keepCommandsWhole(`修改:${launcher()} plan export --year ${m.year} --out 方案.json,改好后 ${launcher()} plan add 方案.json --replace`, launcher()), c.dim);
  return `${out.join('\n')}\n`;
}
