// jiuye duty: who is responsible for what, for the whole plan, one unit or one task.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { dutyReport, unitListText, type DutyReport } from '../domain/duty.js';
import { findTask } from '../domain/match.js';
import { unitByCode, type Plan } from '../domain/plan.js';
import { renderTable } from '../render/table.js';
import { displayWidth, paint, writeJson } from '../render/text.js';
import { type CommandContext, dbOption, describe, jsonOption, openStore, unitOption, userPath, yearOption } from './common.js';

interface DutyFlags {
  db?: string;
  year?: string;
  unit?: string;
  task?: string;
  json?: boolean;
  out?: string;
  force?: boolean;
}

export function registerDuty(program: Command, ctx: CommandContext): void {
  describe(
    program.command('duty'),
    '打印责任分工表:每项任务的牵头单位、配合单位和相关指标',
    '  jiuye duty\n  jiuye duty --unit 区财政局\n  jiuye duty --task 2.1          # 即 二(一)\n  jiuye duty --out 责任分工.xlsx',
  )
    .option('--unit <单位>', '只列该单位牵头或配合的任务(单位名称、简称或代码)')
    .option('--task <编号>', '只列一项任务,如 二(一) 或 2.1')
    .addOption(yearOption())
    .addOption(jsonOption())
    .option('--out <文件.xlsx>', '同时写出 Excel 责任分工表')
    .option('--force', '--out 的文件已存在时覆盖')
    .addOption(dbOption())
    .action(async (flags: DutyFlags) => ctx.exit(await runDuty(ctx.io, flags)));
}

export async function runDuty(io: Io, flags: DutyFlags): Promise<number> {
  if (flags.out !== undefined && !/\.xlsx$/i.test(flags.out)) throw new UsageError(`--out 的文件名应以 .xlsx 结尾:${flags.out}`);
  const { db, plan } = openStore(io, flags);
  db.close();
  const unit = flags.unit !== undefined ? unitOption(plan, flags.unit) : undefined;
  let task;
  if (flags.task !== undefined) {
    task = findTask(plan, flags.task);
    if (!task) throw new UsageError(`--task "${flags.task}" 不是方案中的任务编号。可用:${plan.tasks.map((t) => t.id).join(' ')}`);
  }
  const report = dutyReport(plan, { unit, task });
  if (flags.out !== undefined) {
    const { writeDutyWorkbook } = await import('../excel/duty.js');
    const path = await writeDutyWorkbook(plan, report, userPath(io, flags.out), { force: Boolean(flags.force), now: io.now() });
    io.stderr.write(`已写出 ${path}\n`);
  }
  if (flags.json) writeJson(io, report);
  else io.stdout.write(renderDuty(io, plan, report));
  return 0;
}

/** The responsibility table for a terminal. */
export function renderDuty(io: Io, plan: Plan, report: DutyReport): string {
  const c = paint(io);
  const width = Math.max(80, Math.min(io.columns ?? 120, 160));
  const lines: string[] = [];
  if (report.unit) {
    const u = unitByCode(plan, report.unit.code);
    const leads = report.tasks.filter((t) => t.role === 'lead').length;
    const assists = report.tasks.length - leads;
    lines.push(c.bold(`${u.name}(${u.fullName})${plan.year} 年就业工作职责:牵头 ${leads} 项,配合 ${assists} 项`));
    lines.push(`每季度报送指标:${report.reports && report.reports.length > 0 ? report.reports.map((r) => r.name).join('、') : '无(只报送任务进展)'}`);
  } else {
    lines.push(c.bold(`${plan.district}${plan.year}年就业工作责任分工(${plan.title})`));
    lines.push(`共 ${report.tasks.length} 项任务;列在第一位的为牵头单位`);
  }
  if (report.tasks.length === 0) {
    lines.push('(没有任务)');
    return `${lines.join('\n')}\n`;
  }
  const roleCol = report.unit !== undefined;
  // Fixed columns (task, role, lead, indicators one per line) take what they need; text shares the rest.
  const indicatorWidth = Math.max(8, ...report.tasks.flatMap((t) => t.indicators.map((i) => displayWidth(i.name))));
  const flexible = width - (roleCol ? 7 : 0) - 36 - indicatorWidth;
  const columns = [
    { header: '任务' },
    { header: '内容', wrap: Math.max(16, Math.floor(flexible * 0.45)) },
    ...(roleCol ? [{ header: '职责' }] : []),
    { header: '牵头单位' },
    { header: '配合单位', wrap: Math.max(16, Math.floor(flexible * 0.55)) },
    { header: '相关指标' },
  ];
  const rows = report.tasks.map((t) => [
    t.id,
    t.title,
    ...(roleCol ? [t.role === 'lead' ? c.bold('牵头') : '配合'] : []),
    t.lead.name,
    unitListText(plan, t.coUnits.map((u) => u.code), t.lead.code),
    t.indicators.map((i) => i.name).join('\n') || '—',
  ]);
  return `${lines.join('\n')}\n${renderTable(columns, rows, c)}`;
}
