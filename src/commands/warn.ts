// jiuye warn: the risk warnings of document section 三(三) for a quarter.
import type { Command } from 'commander';
import type { Io } from '../io.js';
import { warnReport, type WarnReport } from '../domain/rules.js';
import { renderWarn } from '../render/warnings.js';
import { writeJson } from '../render/text.js';
import { type CommandContext, dbOption, describe, jsonOption, pagerOption } from './common.js';
import { openQuarter, readProgressInput } from '../app/quarter.js';
import { launcher } from '../format/command.js';
import { WARNING_RULES } from '../domain/finding.js';
import { warningName } from '../format/words.js';

interface WarnFlags {
  db?: string;
  quarter?: string;
  json?: boolean;
}

export function registerWarn(program: Command, ctx: CommandContext): void {
  describe(
    program.command('warn'),
    `风险预警:${WARNING_RULES.filter((r) => r !== 'layoffNotice').map((r) => warningName(r, 30)).join('、')}`,
    `  ${launcher()} warn\n  ${launcher()} warn --quarter 2021Q3 --json`,
  )
    .option('--quarter <季度>', '季度,如 2021Q3(默认为最新方案年度中已有报表的最近一个季度)')
    .addOption(jsonOption())
    .addOption(pagerOption())
    .addOption(dbOption())
    .action((flags: WarnFlags) => ctx.exit(runWarn(ctx.io, flags)));
}

export function runWarn(io: Io, flags: WarnFlags): number {
  const { db, plan, period } = openQuarter(io, flags);
  let report: WarnReport;
  try {
    report = warnReport(readProgressInput(db, plan, period));
  } finally {
    db.close();
  }
  if (flags.json) writeJson(io, report);
  else io.stdout.write(renderWarn(io, report));
  return 0;
}
