// jiuye check: every indicator against its target and the time schedule, task progress, and the warnings.
import type { Command } from 'commander';
import type { Io } from '../io.js';
import { checkReport, type CheckReport, type TaskCheck } from '../domain/check.js';
import { indicatorNotes, percentText, renderIndicatorTable, renderWarnings } from '../render/progress.js';
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
  out.push(c.bold(`${r.overall ? '四、' : ''}任务推进情况`));
  out.push(renderTasks(io, r.tasks).trimEnd());
  out.push('');
  out.push(c.dim('说明:完成率 = 累计完成 ÷ 年度目标;时序进度:一季度 25%、二季度 50%、三季度 75%、四季度 100%;比率由各单位分子、分母分别加总后计算。'));
  return `${out.join('\n')}\n`;
}

/** One row per unit that reported on a task, and who said nothing. */
function renderTasks(io: Io, tasks: TaskCheck[]): string {
  const c = paint(io);
  if (tasks.length === 0) return '(没有任务)\n';
  const width = Math.max(80, Math.min(io.columns ?? 120, 160));
  const rows: string[][] = [];
  for (const t of tasks) {
    const spoke = t.units.filter((u) => u.status !== null || u.note !== null);
    const first = (k: number) => (k === 0 ? `${t.id}\n${t.title}` : '');
    spoke.forEach((u, k) => {
      rows.push([first(k), u.name, u.role === 'lead' ? '牵头' : '配合', statusText(c, u.status), u.note ?? c.dim('(未填进展)')]);
    });
    if (t.silent.length > 0) {
      const names = t.silent.map((s) => s.name).join('、');
      rows.push([first(spoke.length), c.yellow(`未报进展(${t.silent.length})`), '', '', c.dim(names)]);
    }
  }
  return renderTable(
    [{ header: '任务', wrap: 16 }, { header: '单位' }, { header: '职责' }, { header: '状态' }, { header: '进展情况', wrap: Math.max(30, width - 58) }],
    rows,
    c,
  );
}

function statusText(c: ReturnType<typeof paint>, status: string | null): string {
  if (status === '已完成') return c.green(status);
  if (status === '未启动') return c.yellow(status);
  return status ?? c.dim('—');
}
