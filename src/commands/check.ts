// jiuye check: every indicator against its target and the time schedule, task progress, and the warnings.
import type { Command } from 'commander';
import type { Io } from '../io.js';
import { checkReport, type CheckReport, type TaskCheck } from '../domain/check.js';
import { indicatorNotes, percentText, renderHints, renderIndicatorTable, renderWarnings } from '../render/progress.js';
import { renderTable } from '../render/table.js';
import { paint, paintErr, writeJson } from '../render/text.js';
import { type CommandContext, dbOption, describe, jsonOption } from './common.js';
import { openForQuarter, readProgressInput } from './quarter.js';

interface CheckFlags {
  db?: string;
  quarter?: string;
  unit?: string;
  json?: boolean;
  failOnBehind?: boolean;
}

export function registerCheck(program: Command, ctx: CommandContext): void {
  describe(
    program.command('check'),
    '检查进度:各指标累计完成情况对照年度目标和时序进度,任务推进情况,风险预警',
    '  jiuye check                       # 最近一个已有报表的季度\n' +
      '  jiuye check --quarter 2021Q3\n' +
      '  jiuye check --unit 列东街道        # 只看一个镇街(或部门:其报送的指标和承担的任务)\n' +
      '  jiuye check --json --fail-on-behind  # 供脚本使用:有指标进度滞后时退出码为 1',
  )
    .option('--quarter <季度>', '检查的季度,如 2021Q3(默认为最新方案年度中已有报表的最近一个季度)')
    .option('--unit <单位>', '只检查一个单位(单位名称、简称或代码)')
    .addOption(jsonOption())
    .option('--fail-on-behind', '有指标进度滞后时以退出码 1 结束(供脚本使用)')
    .addOption(dbOption())
    .action((flags: CheckFlags) => ctx.exit(runCheck(ctx.io, flags)));
}

export function runCheck(io: Io, flags: CheckFlags): number {
  const { db, plan, period, unit } = openForQuarter(io, flags);
  let report: CheckReport;
  try {
    report = checkReport(readProgressInput(db, plan, period), { unit });
  } finally {
    db.close();
  }
  if (flags.json) writeJson(io, report);
  else io.stdout.write(renderCheck(io, report));
  if (flags.failOnBehind && report.behind > 0) {
    io.stderr.write(paintErr(io).red(`有 ${report.behind} 项指标进度滞后(--fail-on-behind)\n`));
    return 1;
  }
  return 0;
}

/** The check for a terminal: header, district and area tables, warnings, task progress. */
export function renderCheck(io: Io, r: CheckReport): string {
  const c = paint(io);
  const out: string[] = [];
  const who = r.unit ? r.unit.name : r.district;
  out.push(c.bold(`${who}${r.periodTitle}就业工作进度检查(${r.period},时序进度 ${percentText(r.schedule, 0)})`));
  const missing = r.returns.missing.map((m) => m.name);
  out.push(
    `报表:已收 ${r.returns.received} / 应报 ${r.returns.expected}` +
      (missing.length > 0 ? `;未报:${missing.join('、')}` : ''),
  );
  out.push('');
  if (r.overall) {
    out.push(c.bold('一、全区完成情况'));
    out.push(renderIndicatorTable(io, [r.overall], { unitColumn: false }).trimEnd());
    out.push(...indicatorNotes([r.overall], false).map((n) => c.dim(`  注:${n}`)));
    out.push('');
  }
  if (r.units.length > 0) {
    const title = r.unit ? `${r.unit.name}完成情况` : '分镇街完成情况(对照分解目标)';
    out.push(c.bold(`${r.overall ? '二、' : ''}${title}`));
    if (r.units.every((u) => u.indicators.length === 0)) out.push('(该单位不报送指标数据)');
    else {
      out.push(renderIndicatorTable(io, r.units, { unitColumn: r.units.length > 1 }).trimEnd());
      out.push(...indicatorNotes(r.units, r.units.length > 1).map((n) => c.dim(`  注:${n}`)));
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
  if (!r.unit) out.push(c.dim('  注:各单位的进展原文见季度汇总表(jiuye report)的“任务推进情况”,或 jiuye check --unit 单位'));
  out.push('');
  out.push(c.dim('说明:完成率 = 累计完成 ÷ 年度目标;时序进度:一季度 25%、二季度 50%、三季度 75%、四季度 100%;比率由各单位分子、分母分别加总后计算。'));
  return `${out.join('\n')}\n`;
}

/**
 * One row per task: the lead's status and words, the co-units counted by status, and who said
 * nothing. Every unit's own words are in the summary workbook (jiuye report) and in check --unit;
 * listing them all here ran to hundreds of lines on the embedded plan.
 */
function renderTasks(io: Io, tasks: TaskCheck[], detail: boolean): string {
  const c = paint(io);
  if (tasks.length === 0) return '(没有任务)\n';
  const width = Math.max(80, Math.min(io.columns ?? 120, 160));
  const rows: string[][] = [];
  for (const t of tasks) {
    if (detail) {
      for (const u of t.units) rows.push([`${t.id}\n${t.title}`, u.name, u.role === 'lead' ? '牵头' : '配合', statusText(c, u.status), u.note ?? c.dim('(未填进展)')]);
      continue;
    }
    const lead = t.units.find((u) => u.role === 'lead');
    const co = t.units.filter((u) => u.role === 'co');
    const counts = (['已完成', '推进中', '未启动'] as const)
      .map((s) => [s, co.filter((u) => u.status === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${s} ${n}`);
    const silent = t.silent.filter((s) => s.code !== lead?.unit).map((s) => s.name);
    const coText = co.length === 0 ? '—' : [counts.join('、') || '均未填状态', silent.length > 0 ? c.yellow(`未报进展:${silent.join('、')}`) : ''].filter(Boolean).join('\n');
    rows.push([`${t.id}\n${t.title}`, `${lead?.name ?? t.lead.name}\n${statusText(c, lead?.status ?? null)}`, lead?.note ?? c.dim('(未填进展)'), coText]);
  }
  if (detail) {
    return renderTable([{ header: '任务', wrap: 16 }, { header: '单位' }, { header: '职责' }, { header: '状态' }, { header: '进展情况', wrap: Math.max(30, width - 58) }], rows, c);
  }
  const rest = Math.max(40, width - 38);
  return renderTable(
    [{ header: '任务', wrap: 16 }, { header: '牵头单位' }, { header: '牵头单位进展', wrap: Math.floor(rest * 0.55) }, { header: '配合单位', wrap: Math.floor(rest * 0.45) }],
    rows,
    c,
  );
}

function statusText(c: ReturnType<typeof paint>, status: string | null): string {
  if (status === '已完成') return c.green(status);
  if (status === '未启动') return c.yellow(status);
  return status ?? c.dim('—');
}
