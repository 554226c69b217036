// jiuye report: the quarterly summary for the leading group, from the same models as check, overdue and warn.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { checkReport } from '../domain/check.js';
import { localDate, parseDate } from '../domain/dates.js';
import { overdueReport } from '../domain/deadline.js';
import type { Period } from '../domain/period.js';
import type { Plan } from '../domain/plan.js';
import { summaryReport, type SummaryReport } from '../domain/report.js';
import type { Db } from '../store/db.js';
import { reportCsvFiles, reportMarkdown } from '../render/report.js';
import { paintErr } from '../render/text.js';
import { type CommandContext, calendarsFor, dbOption, describe, userPath } from './common.js';
import { openForQuarter, readProgressInput } from './quarter.js';

type Format = 'xlsx' | 'csv' | 'json' | 'md';
const FORMATS: Format[] = ['xlsx', 'csv', 'json', 'md'];

interface ReportFlags {
  db?: string;
  quarter?: string;
  out?: string;
  force?: boolean;
  format?: string;
  asOf?: string;
}

export function registerReport(program: Command, ctx: CommandContext): void {
  describe(
    program.command('report'),
    '生成季度汇总表(总体完成情况、分单位完成情况、报送情况、风险预警、任务推进情况、责任分工),可直接打印',
    '  jiuye report --quarter 2021Q3\n  jiuye report --quarter 2021Q3 --as-of 2021-10-15 --out 三季度汇总.xlsx\n  jiuye report --quarter 2021Q3 --format csv    # 每张表一个 CSV 文件',
  )
    .option('--quarter <季度>', '季度,如 2021Q3(默认为已有报表的最近一个季度)')
    .option('--out <文件>', '输出文件(默认:梅列区2021年第三季度就业工作目标完成情况汇总表.xlsx;csv 为同名文件夹)')
    .option('--format <格式>', 'xlsx(默认)、csv、json 或 md')
    .option('--as-of <日期>', '统计截至哪一天,如 2021-10-15(默认今天),用于报送情况和逾期天数')
    .option('--force', '输出文件已存在时覆盖')
    .addOption(dbOption())
    .action(async (flags: ReportFlags) => ctx.exit(await runReport(ctx.io, flags)));
}

export async function runReport(io: Io, flags: ReportFlags): Promise<number> {
  const format = (flags.format ?? 'xlsx') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format 的取值“${flags.format}”无效,可用:${FORMATS.join('、')}`);
  let asOf = localDate(io.now());
  if (flags.asOf !== undefined) {
    const d = parseDate(flags.asOf);
    if (!d) throw new UsageError(`--as-of 的取值“${flags.asOf}”不是有效日期,应写作 2021-10-15`);
    asOf = d;
  }
  const { db, plan, period } = openForQuarter(io, flags);
  let report: SummaryReport;
  try {
    report = buildSummary(db, plan, period, asOf);
  } finally {
    db.close();
  }
  const out = userPath(io, flags.out ?? (format === 'csv' ? report.title : `${report.title}.${format}`));
  const written = await writeSummary(report, out, format, Boolean(flags.force), io.now());
  const e = paintErr(io);
  if (report.tables[0].rows.length === 0) io.stderr.write(e.yellow('注意:本季度没有任何指标数据\n'));
  io.stderr.write(`已写出 ${relative(io.cwd, written) || written}\n`);
  return 0;
}

/** The summary of a quarter from the database: the check and overdue models, then the tables. */
export function buildSummary(db: Db, plan: Plan, period: Period, asOf: string, note?: string): SummaryReport {
  const input = readProgressInput(db, plan, period);
  const check = checkReport(input);
  const overdue = overdueReport({ plan, period, asOf, returns: [...input.previousYear, ...input.returns], calendars: calendarsFor(db) });
  return summaryReport(plan, check, overdue, { note });
}

/** Writes the summary in a format; nothing is left half-written, nothing replaced without force. */
export async function writeSummary(report: SummaryReport, out: string, format: Format, force: boolean, now: Date): Promise<string> {
  if (format === 'xlsx') {
    const { writeReportWorkbook } = await import('../excel/report.js');
    return writeReportWorkbook(report, out, { force, now });
  }
  if (existsSync(out) && !force) throw new InputError(`${out} 已存在,未覆盖。如需覆盖请加 --force,或用 --out 指定其他名称`);
  const temp = `${out}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  if (format === 'csv') {
    mkdirSync(temp);
    for (const f of reportCsvFiles(report)) writeFileSync(join(temp, f.name), f.content);
  } else {
    writeFileSync(temp, format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportMarkdown(report));
  }
  rmSync(out, { recursive: true, force: true });
  renameSync(temp, out);
  return out;
}
