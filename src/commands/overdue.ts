// jiuye overdue: every unit's return against the deadline, with its contact, and the 催报通知 for those overdue.
import type { Command } from 'commander';
import type { Io } from '../io.js';
import { localDate } from '../domain/dates.js';
import { overdueReport, reminderNotice, type OverdueReport } from '../domain/deadline.js';

import { readPlan } from '../store/plan.js';
import { readReturns } from '../store/returns.js';
import { renderOverdue } from '../render/overdue.js';
import { paintErr, writeJson } from '../render/text.js';
import { type CommandContext, dbOption, describe, jsonOption, pagerOption } from './common.js';
import { outputPath, writeOutput } from '../app/output.js';
import { shown } from '../app/workspace.js';
import { collectionQuarterOf, openPlan, sayQuarter } from '../app/quarter.js';
import { launcher } from '../format/command.js';
import { dateOption, periodOption } from '../app/options.js';

interface OverdueFlags {
  db?: string;
  quarter?: string;
  asOf?: string;
  json?: boolean;
  /** A file name, or true for the default name. */
  notice?: string | true;
  force?: boolean;
}

export function registerOverdue(program: Command, ctx: CommandContext): void {
  describe(
    program.command('overdue'),
    '报送情况:各单位季度报表是否按时报送,逾期未报的单位及联系人,可生成催报通知',
    `  ${launcher()} overdue                          # 截至今天,最近一个已结束的季度\n` +
      `  ${launcher()} overdue --quarter 2021Q3 --as-of 2021-10-15\n` +
      `  ${launcher()} overdue --notice                 # 同时写出催报通知(催报通知-季度.txt)\n` +
      `  ${launcher()} overdue --notice 文件夹/          # 写在这个文件夹中`,
  )
    .option('--quarter <季度>', '季度,如 2021Q3(默认为截至 --as-of 日期最近一个已结束的季度)')
    .option('--as-of <日期>', '按哪一天统计,如 2021-10-15(默认今天)')
    .addOption(jsonOption())
    .addOption(pagerOption())
    .option('--notice [文件]', '写出催报通知(文本文件),点名逾期未报的单位;不写文件名时为 催报通知-季度.txt')
    .option('--force', '--notice 的文件已存在时覆盖')
    .addOption(dbOption())
    .action((flags: OverdueFlags) => ctx.exit(runOverdue(ctx.io, flags)));
}

export function runOverdue(io: Io, flags: OverdueFlags): number {
  const asOf = flags.asOf !== undefined ? dateOption(flags.asOf, '--as-of') : localDate(io.now());
  const explicit = flags.quarter !== undefined ? periodOption(flags.quarter) : undefined;
  const { ws, db, plan: latest } = openPlan(io, { db: flags.db, year: explicit?.year, access: 'read', document: flags.notice !== undefined });
  let report: OverdueReport;
  let plan = latest;
  try {
    let period = explicit!;
    if (!explicit) {
      const choice = collectionQuarterOf(db, asOf);
      sayQuarter(io, choice);
      period = choice.period;
      if (period.year !== latest.year) plan = readPlan(db, period.year);
    }
    const calendars = ws.calendars();
    report = overdueReport({
      plan,
      period,
      asOf,
      returns: [...readReturns(db, period.year - 1), ...readReturns(db, period.year, period.quarter)],
      calendars,
    });
  } finally {
    db.close();
  }

  const e = paintErr(io);
  for (const w of report.warnings) io.stderr.write(e.yellow(`注意:${w}\n`));
  if (flags.notice !== undefined) writeNotice(io, report, flags.notice, Boolean(flags.force), reminderNotice(report, plan));
  if (flags.json) writeJson(io, report);
  else io.stdout.write(renderOverdue(io, report));
  return 0;
}

function writeNotice(io: Io, report: OverdueReport, file: string | true, force: boolean, text: string | null): void {
  if (text === null) {
    io.stderr.write(`截至 ${report.asOf} 没有逾期未报的单位,未写催报通知\n`);
    return;
  }
  const path = outputPath(io, { given: file === true ? undefined : file, name: `催报通知-${report.period}.txt`, flag: '--notice', force });
  // UTF-8 with a byte-order mark and CRLF line ends: opens correctly in Notepad and WPS on the clerk's PC.
  writeOutput(path, `\uFEFF${text.replace(/\n/g, '\r\n')}`);
  io.stderr.write(`已写出催报通知 ${shown(io, path)}(${report.counts.overdue} 个逾期未报单位)\n`);
}
