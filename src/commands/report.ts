// jiuye report: the quarterly summary for the leading group, from the same models as check, overdue and warn.
import { relative } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { daysBetween, localDate } from '../domain/dates.js';
import { deadline } from '../domain/deadline.js';
import { calendarsFor } from '../app/workspace.js';

/** A quarter whose deadline is further back than this is long past: its days overdue say the day they run to. */
const LONG_PAST_DAYS = 92;
import { dateOption } from '../app/options.js';
import { paintErr } from '../render/text.js';
import { type CommandContext, dbOption, describe } from './common.js';
import { outputPath } from '../app/output.js';
import { openQuarter } from '../app/quarter.js';
import { buildSummary, SUMMARY_FORMATS, writeSummary, type Summary, type SummaryFormat } from '../app/summary.js';
import { launcher } from '../format/command.js';

interface ReportFlags {
  db?: string;
  quarter?: string;
  out?: string;
  force?: boolean;
  format?: string;
  asOf?: string;
  /** false with --no-charts. */
  charts?: boolean;
  allowEmpty?: boolean;
}

export function registerReport(program: Command, ctx: CommandContext): void {
  describe(
    program.command('report'),
    '生成季度汇总表(总体完成情况、图表、分单位完成情况、报送情况、风险预警、数据质量提示、任务推进情况、责任分工),可直接打印',
    `  ${launcher()} report --quarter 2021Q3\n` +
      `  ${launcher()} report --quarter 2021Q3 --as-of 2021-10-15 --out 三季度汇总.xlsx\n` +
      `  ${launcher()} report --quarter 2021Q3 --format html   # 一个网页文件:图表和各张表,可离线打开、打印\n` +
      `  ${launcher()} report --quarter 2021Q3 --format csv    # 每张表一个 CSV 文件`,
  )
    .option('--quarter <季度>', '季度,如 2021Q3(默认为已有报表的最近一个季度)')
    .option('--out <文件>', '输出文件(默认:梅列区2021年第三季度就业工作目标完成情况汇总表.xlsx;csv 为同名文件夹)')
    .option('--format <格式>', 'xlsx(默认)、html、csv、json 或 md')
    .option('--as-of <日期>', '统计截至哪一天,如 2021-10-15(默认今天),用于报送情况和逾期天数')
    .option('--no-charts', '不画图表(xlsx 不含“图表”工作表,html 只有表格)')
    .option('--force', '输出文件已存在时覆盖')
    .option('--allow-empty', '季度内还没有收到任何报表时也写出(标明“空表”);默认不写出空白的汇总表')
    .addOption(dbOption())
    .action(async (flags: ReportFlags) => ctx.exit(await runReport(ctx.io, flags)));
}

export async function runReport(io: Io, flags: ReportFlags): Promise<number> {
  const format = (flags.format ?? 'xlsx') as SummaryFormat;
  if (!SUMMARY_FORMATS.includes(format)) throw new UsageError(`--format 的取值“${flags.format}”无效,可用:${SUMMARY_FORMATS.join('、')}`);
  const asOf = flags.asOf !== undefined ? dateOption(flags.asOf, '--as-of') : localDate(io.now());
  // Only the workbook and the web page have pictures.
  const charts = flags.charts !== false && (format === 'xlsx' || format === 'html');
  const { db, plan, period } = openQuarter(io, flags, { document: true });
  let summary: Summary;
  try {
    // Today is the default day, but for a quarter long past its deadline the days run to today: say so.
    const due = deadline(period, plan.deadline.daysAfterQuarterEnd, calendarsFor(db)).date;
    const longPast = flags.asOf === undefined && daysBetween(due, asOf) > LONG_PAST_DAYS;
    summary = buildSummary(db, plan, period, asOf, { charts, sayCountedTo: longPast, allowEmpty: Boolean(flags.allowEmpty) });
    if (longPast) {
      io.stderr.write(
        paintErr(io).yellow(`注意:未指定 --as-of,报送情况和逾期天数计至今天(${asOf});要看截止日期时的情况,请加 --as-of ${due}\n`),
      );
    }
  } finally {
    db.close();
  }
  const { report } = summary;
  const out = outputPath(io, { given: flags.out, name: format === 'csv' ? report.title : `${report.title}.${format}`, flag: '--out', force: Boolean(flags.force), folder: format === 'csv' });
  const written = await writeSummary(summary, out, format, { force: Boolean(flags.force), now: io.now(), io });
  const e = paintErr(io);
  for (const stamp of report.stamps) io.stderr.write(e.yellow(`注意:本表标明“${stamp}”\n`));
  io.stderr.write(`已写出 ${relative(io.cwd, written) || written}\n`);
  return 0;
}
