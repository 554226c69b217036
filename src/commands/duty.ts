// jiuye duty: who is responsible for what, for the whole plan, one unit or one task.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { dutyReport } from '../domain/duty.js';
import { findTask } from '../domain/match.js';
import { renderDuty } from '../render/duty.js';
import { writeJson } from '../render/text.js';
import { openPlan, otherYears } from '../app/quarter.js';
import { type CommandContext, dbOption, describe, jsonOption, pagerOption, yearOption } from './common.js';
import { outputPath } from '../app/output.js';
import { shown } from '../app/workspace.js';
import { launcher } from '../format/command.js';
import { parseYear, unitOption } from '../app/options.js';

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
    `  ${launcher()} duty\n  ${launcher()} duty --unit 区财政局\n  ${launcher()} duty --task 2.1          # 即 二(一)\n  ${launcher()} duty --out 责任分工.xlsx`,
  )
    .option('--unit <单位>', '只列该单位牵头或配合的任务(单位名称、简称或代码)')
    .option('--task <编号>', '只列一项任务,如 二(一) 或 2.1')
    .addOption(yearOption())
    .addOption(jsonOption())
    .addOption(pagerOption())
    .option('--out <文件.xlsx>', '同时写出 Excel 责任分工表')
    .option('--force', '--out 的文件已存在时覆盖')
    .addOption(dbOption())
    .action(async (flags: DutyFlags) => ctx.exit(await runDuty(ctx.io, flags)));
}

export async function runDuty(io: Io, flags: DutyFlags): Promise<number> {
  const { db, plan } = openPlan(io, { db: flags.db, year: parseYear(flags.year), access: 'read', document: flags.out !== undefined, sayYear: true });
  let unit;
  try {
    unit = flags.unit !== undefined ? unitOption(plan, flags.unit, '--unit', otherYears(io, db)) : undefined;
  } finally {
    db.close();
  }
  let task;
  if (flags.task !== undefined) {
    task = findTask(plan, flags.task);
    if (!task) throw new UsageError(`--task "${flags.task}" 不是方案中的任务编号。可用:${plan.tasks.map((t) => t.id).join(' ')}`);
  }
  const report = dutyReport(plan, { unit, task });
  if (flags.out !== undefined) {
    const who = unit ? unit.name : plan.district;
    const out = outputPath(io, { given: flags.out, name: `${who}${plan.year}年就业工作责任分工表.xlsx`, flag: '--out', force: Boolean(flags.force) });
    if (!/\.xlsx$/i.test(out)) throw new UsageError(`--out 的文件名应以 .xlsx 结尾:${flags.out}`);
    const { writeDutyWorkbook } = await import('../excel/duty.js');
    const path = await writeDutyWorkbook(plan, report, out, { force: Boolean(flags.force), now: io.now() });
    io.stderr.write(`已写出 ${shown(io, path)}\n`);
  }
  if (flags.json) writeJson(io, report);
  else io.stdout.write(renderDuty(io, plan, report));
  return 0;
}
