// jiuye import: reads returns into the database, each file whole or not at all.
import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { formatPeriod, type Period } from '../domain/period.js';
import type { Plan } from '../domain/plan/model.js';
import { localDate } from '../domain/dates.js';
import { readPlan, planYears } from '../store/plan.js';
import { importBatch } from '../app/import/batch.js';
import { listImportFiles } from '../app/import/files.js';
import { renderImport } from '../render/import.js';
import { openWorkspace, shown } from '../app/workspace.js';
import { type CommandContext, dbOption, describe, jsonOption, pagerOption } from './common.js';
import { receiptFor } from '../app/quarter.js';
import { launcher } from '../format/command.js';
import { dateOption, periodOption } from '../app/options.js';

interface ImportFlags {
  db?: string;
  dryRun?: boolean;
  received?: string;
  replace?: boolean;
  yes?: boolean;
  json?: boolean;
  quarter?: string;
  strict?: boolean;
  verbose?: boolean;
}

export function registerImport(program: Command, ctx: CommandContext): void {
  describe(
    program.command('import'),
    '导入收回的季度报表(可给多个文件或文件夹);每个文件整体写入或整体拒绝',
    `  ${launcher()} import 收到的报表/\n  ${launcher()} import 列东街道-2021Q3-就业工作季度报表.xlsx --received 2021-10-09\n  ${launcher()} import 收到的报表/ --dry-run        # 只看会改动什么,不写入\n  ${launcher()} import 修订/列东街道.xlsx --replace  # 用修订版替换已导入的数据\n  ${launcher()} import 补报/ --quarter 2021Q2       # 补报上一季度的报表`,
  )
    .argument('<文件或文件夹...>', '报表文件(.xlsx)或存放报表的文件夹')
    .option('--dry-run', '只检查并列出将新增、修改、不变的数值,不写入数据库')
    .option('--received <日期>', '收到报表的日期(默认今天),用于判断是否逾期;本批应报的季度也由它推算(该日期前最近结束的季度)')
    .option('--quarter <季度>', '本批报表的季度,如 2021Q2(默认按收到日期推算);其他季度的报表不导入')
    .option('--replace', '已导入过的单位和季度,用新文件替换(旧值保留在历史中)')
    .option('--yes', '对所有询问回答“是”(包括替换修订版)')
    .option('--strict', '文件夹中有不是季度报表的工作簿时也算失败(默认跳过并列出)')
    .option('--verbose', '逐个列出每个文件的结果(默认只列有问题的文件)')
    .addOption(jsonOption())
    .addOption(pagerOption())
    .addOption(dbOption())
    .action(async (paths: string[], flags: ImportFlags) => ctx.exit(await runImport(ctx.io, paths, flags)));
}

export async function runImport(io: Io, paths: string[], flags: ImportFlags): Promise<number> {
  const today = localDate(io.now());
  const receivedOn = flags.received !== undefined ? dateOption(flags.received, '--received') : today;
  if (receivedOn > today) throw new UsageError(`--received 的取值“${flags.received}”晚于今天(${today})`);
  const given = flags.quarter !== undefined ? periodOption(flags.quarter) : undefined;
  // A dry run only compares: it reads, and works where the database cannot be written.
  const ws = openWorkspace(io, { db: flags.db, access: flags.dryRun ? 'read' : 'write' });
  const db = ws.db;
  let backedUp: string | null = null;
  try {
    const years = planYears(db);
    if (years.length === 0) throw new InputError(`数据库中还没有方案。请运行 ${launcher()} init 载入方案`);
    // The quarter a batch is for: as given, or the one collected when the returns came in.
    const receipt = given ? null : receiptFor(db, receivedOn);
    const period: Period = given ?? receipt!.period;
    const why = given ? '按 --quarter' : `${receipt!.why},补报其他季度请加 --quarter`;
    const plans = new Map<number, Plan>();
    const planFor = (year: number) => {
      if (!years.includes(year)) return undefined;
      if (!plans.has(year)) plans.set(year, readPlan(db, year));
      return plans.get(year);
    };
    const replace = Boolean(flags.replace || flags.yes);
    const outcomes = await importBatch(io, db, listImportFiles(io, paths), {
      planFor,
      years,
      period,
      periodGiven: given !== undefined,
      receivedOn,
      dryRun: Boolean(flags.dryRun),
      replace,
      ask: !replace && io.stdinTty && io.stderrTty && io.prompt !== undefined,
      strict: Boolean(flags.strict),
      beforeReplace: () => {
        backedUp ??= ws.backup('导入替换前');
      },
    });
    if (backedUp) io.stderr.write(`替换前已备份数据库:${shown(io, backedUp)}\n`);
    renderImport(io, outcomes, { dryRun: Boolean(flags.dryRun), verbose: Boolean(flags.verbose), json: Boolean(flags.json), expected: { period: formatPeriod(period), why }, years });
    return outcomes.some((o) => o.action === 'refused' || o.action === 'held') ? 1 : 0;
  } finally {
    db.close();
  }
}
