// `jiuye check` on a terminal: what needs action first, then the district and area tables (goal vs
// actual the way hledger's budget report shows it), the warnings and task progress.
import type { ChalkInstance } from 'chalk';
import type { Io } from '../io.js';
import type { CheckReport, TaskCheck } from '../domain/check.js';
import type { UnitCheck } from '../domain/progress.js';
import { checkAttention, renderAttention } from './attention.js';
import { budgetText, completionBar, figureText, indicatorLabel, statusCell } from './indicator.js';
import { EVERY_ROW, renderTable, type Column } from './table.js';
import { outputWidth } from './terminal.js';
import { paint, wrapParagraph } from './text.js';
import { renderHints, renderWarnings } from './warnings.js';
import { launcher } from '../format/command.js';
import { SCHEDULE, scheduleRule, TASK_STATUS, TASK_STATUSES } from '../format/words.js';
import { shareText } from '../format/number.js';

/** The check for a terminal: header and 需要关注, then (unless brief) the tables; wrapped to the output width. */
export function renderCheck(io: Io, r: CheckReport, opts: { brief?: boolean } = {}): string {
  const c = paint(io);
  const width = outputWidth(io);
  const out: string[] = [];
  const para = (text: string, style: (s: string) => string = (s) => s, indent = '') => out.push(...wrapParagraph(text, width, indent, `${indent}  `).map((l) => style(l)));
  const who = r.unit ? r.unit.name : r.district;
  para(`${who}${r.periodTitle}就业工作进度检查(${r.period},${SCHEDULE} ${shareText(r.schedule, 0)})`, c.bold);
  para(`报表:已收 ${r.returns.received} / 应报 ${r.returns.expected}${r.returns.missing.length === 0 ? ',已收齐' : ''}`);
  out.push('');
  out.push(renderAttention(c, checkAttention(r), width).trimEnd());
  if (opts.brief) {
    out.push('');
    para(`明细:${launcher()} check(各指标完成情况、风险预警、任务推进情况)`, c.dim);
    return `${out.join('\n')}\n`;
  }
  out.push('');
  const note = (n: string) => para(`注:${n}`, c.dim, '  ');
  if (r.overall) {
    out.push(c.bold('一、全区完成情况(对照年度目标)'));
    out.push(renderIndicatorTable(io, [r.overall]).trimEnd());
    indicatorNotes([r.overall], false).forEach(note);
    out.push('');
  }
  if (r.units.length > 0) {
    const title = r.unit ? `${r.unit.name}完成情况` : '分镇街完成情况(对照分解目标)';
    out.push(c.bold(`${r.overall ? '二、' : ''}${title}`));
    if (r.units.every((u) => u.indicators.length === 0)) out.push('(该单位不报送指标数据)');
    else {
      out.push(renderIndicatorTable(io, r.units).trimEnd());
      indicatorNotes(r.units, r.units.length > 1).forEach(note);
    }
    out.push('');
  }
  out.push(c.bold(`${r.overall ? '三、' : ''}风险预警`));
  out.push(renderWarnings(io, r.warnings, r.notEvaluated).trimEnd());
  out.push('');
  out.push(c.bold(`${r.overall ? '四、' : ''}数据质量提示`) + c.dim('(不影响导入,请向报送单位核实)'));
  out.push(renderHints(io, r.hints).trimEnd());
  out.push('');
  out.push(c.bold(`${r.overall ? '五、' : ''}任务推进情况`));
  out.push(renderTasks(io, r.tasks, r.unit !== null).trimEnd());
  if (!r.unit) note(`各单位的进展原文见季度汇总表(${launcher()} report)的“任务推进情况”,或 ${launcher()} check --unit 单位`);
  out.push('');
  para(`说明:完成率 = 累计完成 ÷ 年度目标;${scheduleRule()};比率由各单位分子、分母分别加总后计算。`, c.dim);
  return `${out.join('\n')}\n`;
}

/**
 * The indicator table of the district, one unit, or several areas (each a group whose name is
 * written in the rule that opens it). Without room the bar goes first, then 序时进度 (it is in the title).
 */
export function renderIndicatorTable(io: Io, units: UnitCheck[]): string {
  const c = paint(io);
  const bar = io.stdoutTty;
  const columns: Column[] = [
    { header: '指标', wrap: 'text', min: 14, keepWhole: true },
    { header: '本季度', align: 'right' },
    { header: '完成 / 目标(完成率)', align: 'right' },
    ...(bar ? [{ header: '完成进度', optional: 1 }] : []),
    { header: SCHEDULE, align: 'right', optional: 2 },
    { header: '状态' },
  ];
  const rows: string[][] = [];
  for (const u of units) {
    for (const i of u.indicators) {
      rows.push([
        indicatorLabel(i.name, i.measure),
        figureText(i, i.quarterValue),
        budgetText(i),
        ...(bar ? [completionBar(i, c)] : []),
        // Only a cumulative count is measured against the elapsed share of the year.
        i.kind === 'count' ? shareText(i.schedule, 0) : '—',
        statusCell(i, c),
        u.name, // the group, not a column
      ]);
    }
  }
  const grouped = units.length > 1;
  return renderTable(columns, rows, c, {
    width: outputWidth(io),
    ...(grouped ? { group: (row: readonly string[]) => row[columns.length], groupLabel: (row: readonly string[]) => row[columns.length] } : {}),
  });
}

/** Footnotes under an indicator table: why a figure is missing or partial; indicators with the same reason share one line. */
export function indicatorNotes(units: UnitCheck[], withUnit: boolean): string[] {
  const out: string[] = [];
  for (const u of units) {
    const prefix = withUnit ? `${u.name} ` : '';
    // A unit that sent nothing this quarter gets one line, not one per indicator.
    if (u.unit !== null && u.indicators.length > 0 && u.indicators.every((i) => i.reporters.reported === 0)) {
      out.push(`${prefix || `${u.name}`}本季度没有报送数据`.trim());
      continue;
    }
    const reasons = new Map<string, string[]>();
    for (const i of u.indicators) {
      const why = i.fix ? `${i.note}:${i.fix}` : i.note;
      if (why) reasons.set(why, [...(reasons.get(why) ?? []), i.name]);
    }
    for (const [note, names] of reasons) out.push(`${prefix}${names.join('、')}:${note}`);
  }
  if (units.some((u) => u.indicators.some((i) => i.status === 'unallocated'))) {
    out.push(`未分解:该镇街没有这项指标的分解目标,只列完成数;运行 ${launcher()} targets allocate 设置`);
  }
  return out;
}

/**
 * One row per task: the lead's status and words, the co-units counted by status, and who said
 * nothing. Every unit's own words are in the summary workbook (jiuye report) and in check --unit;
 * listing them all here ran to hundreds of lines on the embedded plan.
 */
export function renderTasks(io: Io, tasks: TaskCheck[], detail: boolean): string {
  const c = paint(io);
  if (tasks.length === 0) return '(没有任务)\n';
  const width = outputWidth(io);
  const task = (t: TaskCheck) => `${t.id}\n${t.title}`;
  if (detail) {
    const rows = tasks.flatMap((t) => t.units.map((u) => [task(t), u.name, u.role === 'lead' ? '牵头' : '配合', taskStatus(c, u.status), u.note ?? c.dim('(未填进展)')]));
    return renderTable(
      [{ header: '任务', wrap: 'text', min: 12 }, { header: '单位' }, { header: '职责' }, { header: '状态' }, { header: '进展情况', wrap: 'text', min: 16 }],
      rows,
      c,
      { width, group: EVERY_ROW },
    );
  }
  const rows = tasks.map((t) => {
    const lead = t.units.find((u) => u.role === 'lead');
    const co = t.units.filter((u) => u.role === 'co');
    const counts = TASK_STATUSES
      .map((s) => [s, co.filter((u) => u.status === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${s} ${n}`);
    const silent = t.silent.filter((s) => s.code !== lead?.unit).map((s) => s.name);
    const coText = co.length === 0 ? '—' : [counts.join('、') || '均未填状态', silent.length > 0 ? c.yellow(`未报进展:${silent.join('、')}`) : ''].filter(Boolean).join('\n');
    return [task(t), `${lead?.name ?? t.lead.name}\n${taskStatus(c, lead?.status ?? null)}`, lead?.note ?? c.dim('(未填进展)'), coText];
  });
  return renderTable(
    [{ header: '任务', wrap: 'text', min: 12 }, { header: '牵头单位' }, { header: '牵头单位进展', wrap: 'text', min: 16 }, { header: '配合单位', wrap: 'words', min: 18 }],
    rows,
    c,
    { width, group: EVERY_ROW },
  );
}

function taskStatus(c: ChalkInstance, status: string | null): string {
  if (status === TASK_STATUS.done) return c.green(status);
  if (status === TASK_STATUS.notStarted) return c.yellow(status);
  return status ?? c.dim('—');
}
