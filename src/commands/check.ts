// jiuye check: every indicator against its target and the time schedule, task progress, and the warnings.
import type { Command } from 'commander';
import type { Io } from '../io.js';
import { checkReport, type CheckReport } from '../domain/check.js';
import { checkAttention } from '../render/attention.js';
import { renderCheck } from '../render/check.js';
import { paintErr, writeJson } from '../render/text.js';
import { type CommandContext, dbOption, describe, jsonOption, pagerOption } from './common.js';
import { openQuarter, readProgressInput } from '../app/quarter.js';
import { launcher } from '../format/command.js';
import { SCHEDULE } from '../format/words.js';

interface CheckFlags {
  db?: string;
  quarter?: string;
  unit?: string;
  json?: boolean;
  brief?: boolean;
  failOnBehind?: boolean;
}

export function registerCheck(program: Command, ctx: CommandContext): void {
  describe(
    program.command('check'),
    `检查进度:各指标累计完成情况对照年度目标和${SCHEDULE},任务推进情况,风险预警`,
    `  ${launcher()} check                       # 最近一个已有报表的季度\n` +
      `  ${launcher()} check --quarter 2021Q3\n` +
      `  ${launcher()} check --brief               # 只看需要关注的事项:滞后、未达标、预警、未报送\n` +
      `  ${launcher()} check --unit 列东街道        # 只看一个镇街(或部门:其报送的指标和承担的任务)\n` +
      `  ${launcher()} check --json --fail-on-behind  # 供脚本使用:有指标进度滞后时退出码为 1`,
  )
    .option('--quarter <季度>', '检查的季度,如 2021Q3(默认为最新方案年度中已有报表的最近一个季度)')
    .option('--unit <单位>', '只检查一个单位(单位名称、简称或代码)')
    .option('--brief', '只列“需要关注”:进度滞后和未达标的指标、风险预警、未报送的单位')
    .addOption(jsonOption())
    .addOption(pagerOption())
    .option('--fail-on-behind', '有指标进度滞后时以退出码 1 结束(供脚本使用)')
    .addOption(dbOption())
    .action((flags: CheckFlags) => ctx.exit(runCheck(ctx.io, flags)));
}

export function runCheck(io: Io, flags: CheckFlags): number {
  const { db, plan, period, unit } = openQuarter(io, flags);
  let report: CheckReport;
  try {
    report = checkReport(readProgressInput(db, plan, period), { unit });
  } finally {
    db.close();
  }
  if (flags.json && flags.brief) writeJson(io, { year: report.year, period: report.period, district: report.district, returns: report.returns, attention: checkAttention(report) });
  else if (flags.json) writeJson(io, report);
  else io.stdout.write(renderCheck(io, report, { brief: flags.brief }));
  if (flags.failOnBehind && report.behind > 0) {
    io.stderr.write(paintErr(io).red(`有 ${report.behind} 项指标进度滞后(--fail-on-behind)\n`));
    return 1;
  }
  return 0;
}
