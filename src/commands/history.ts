// jiuye history: every import and revision, newest first, with the values each revision replaced.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { formatPeriod, periodOption } from '../domain/period.js';
import { unitName } from '../domain/plan.js';
import { describeItem } from '../domain/return.js';
import { importHistory } from '../store/returns.js';
import { renderHistory } from '../render/history.js';
import { writeJson } from '../render/text.js';
import { type CommandContext, dbOption, describe, jsonOption, openStore, pagerOption, unitOption } from './common.js';
import { launcher } from '../format/command.js';

interface HistoryFlags {
  db?: string;
  unit?: string;
  quarter?: string;
  limit?: string;
  json?: boolean;
}

/** How many entries a terminal shows without --limit; a pipe or --json gets them all. */
export const TERMINAL_LIMIT = 20;

export function registerHistory(program: Command, ctx: CommandContext): void {
  describe(
    program.command('history'),
    '查看报表导入和修订记录(最新的在前),修订时被替换的旧值也在其中',
    `  ${launcher()} history\n  ${launcher()} history --unit 列东街道 --quarter 2021Q3\n  ${launcher()} history --limit 100`,
  )
    .option('--unit <单位>', '只看该单位')
    .option('--quarter <季度>', '只看该季度,如 2021Q3')
    .option('--limit <条数>', `最多列出几次导入(默认在终端上 ${TERMINAL_LIMIT} 次,输出到文件或管道时全部)`)
    .addOption(jsonOption())
    .addOption(pagerOption())
    .addOption(dbOption())
    .action((flags: HistoryFlags) => ctx.exit(runHistory(ctx.io, flags)));
}

export function runHistory(io: Io, flags: HistoryFlags): number {
  const period = flags.quarter !== undefined ? periodOption(flags.quarter) : undefined;
  const limit = parseLimit(flags.limit);
  const { db, plan } = openStore(io, { db: flags.db, year: period ? String(period.year) : undefined });
  try {
    const unit = flags.unit !== undefined ? unitOption(plan, flags.unit) : undefined;
    const events = importHistory(db, { year: period?.year, quarter: period?.quarter, unit: unit?.code });
    // A person at a terminal gets the latest page; a script or a file gets everything unless it asks.
    const shown = events.slice(0, limit ?? (io.stdoutTty && !flags.json ? TERMINAL_LIMIT : events.length));
    const name = (code: string) => unitName(plan, code);
    if (flags.json) {
      writeJson(io, {
        total: events.length,
        events: shown.map((e) => ({ ...e, unitName: name(e.unit), revisions: e.revisions.map((r) => ({ ...r, label: describeItem(plan, r.item) })) })),
      });
      return 0;
    }
    const scope = [unit?.name, period ? formatPeriod(period) : undefined].filter(Boolean).join(' ');
    if (events.length === 0) {
      io.stdout.write(`${scope ? `${scope}:` : ''}还没有导入记录\n`);
      return 0;
    }
    io.stdout.write(renderHistory(io, plan, shown, { scope, total: events.length, limitFlag: '--limit' }));
    return 0;
  } finally {
    db.close();
  }
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`--limit 的取值 "${text}" 应为正整数,如 --limit 50`);
  return Number(text);
}
