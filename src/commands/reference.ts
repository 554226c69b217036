// jiuye targets reference: the reference values relative targets are judged by (上年值, 全市平均).
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { formatPeriod, type Period } from '../domain/period.js';
import { readReferenceValues, saveReferenceValues } from '../store/references.js';
import { referenceModel, renderReferences } from '../render/references.js';
import { figureBook } from '../domain/figures.js';
import { previousYearEnd } from '../domain/progress.js';
import { readReturns } from '../store/returns.js';
import { writeJson } from '../render/text.js';
import { type CommandContext, dbOption, describe, jsonOption } from './common.js';
import { openPlan, refuseFrozen } from '../app/quarter.js';
import { launcher } from '../format/command.js';
import { parseYear, periodOption, referenceItems } from '../app/options.js';

interface ReferenceFlags {
  db?: string;
  year?: string;
  quarter?: string;
  json?: boolean;
}

/** Adds `reference` under `jiuye targets`. */
export function registerReference(targets: Command, ctx: CommandContext): void {
  describe(
    targets.command('reference').argument('[指标=数值...]'),
    '录入比较型指标的参考值(上年值、全市平均),进度检查据此判断是否达标;不带参数时列出已录入的参考值',
    `  ${launcher()} targets reference 高校毕业生就业率=92.5                 # 全年适用\n` +
      `  ${launcher()} targets reference 离校未就业高校毕业生就业率=88.6 --quarter 2021Q3   # 只用于该季度\n` +
      `  ${launcher()} targets reference                                      # 查看已录入的参考值`,
  )
    .option('--quarter <季度>', '只用于该季度(优先于全年值);不写则为全年值')
    .option('--year <年份>', '方案年度(默认为数据库中最新的年度;写了 --quarter 时取其年度)')
    .addOption(jsonOption())
    .addOption(dbOption())
    .action((items: string[], flags: ReferenceFlags) => ctx.exit(runReference(ctx.io, items, flags)));
}

export function runReference(io: Io, items: string[], flags: ReferenceFlags): number {
  const period: Period | undefined = flags.quarter !== undefined ? periodOption(flags.quarter) : undefined;
  const year = parseYear(flags.year);
  if (period && year !== undefined && year !== period.year) throw new UsageError(`--year ${year} 与 --quarter ${formatPeriod(period)} 的年度不一致`);
  const chosen = period?.year ?? year;
  // Listing reads; entering values writes.
  const { db, plan } = openPlan(io, { db: flags.db, year: chosen, access: items.length > 0 ? 'write' : 'read', sayYear: true });
  try {
    if (items.length > 0) {
      const values = referenceItems(plan, items, period?.quarter ?? 0);
      refuseFrozen(db, plan.year, '修改参考值');
      saveReferenceValues(db, plan.year, values, io.now());
      const when = period ? formatPeriod(period) : `${plan.year} 年全年`;
      for (const v of values) {
        const i = plan.indicators.find((x) => x.code === v.indicator)!;
        io.stderr.write(`已录入 ${i.name} 的${i.target?.reference ?? '参考值'} ${v.value}%(${when})\n`);
      }
    }
    // 不低于上年: last year's year-end figure, from the same check that judges the target.
    const book = figureBook(readReturns(db, plan.year - 1));
    const lastYear = new Map(plan.indicators.filter((i) => i.kind === 'relative').map((i) => [i.code, previousYearEnd(book, { year: plan.year, quarter: 4 }, i, i.reportedBy).rate]));
    const model = referenceModel(plan, readReferenceValues(db, plan.year), lastYear);
    if (flags.json) writeJson(io, model);
    else io.stdout.write(renderReferences(io, model));
    return 0;
  } finally {
    db.close();
  }
}
