// jiuye history: every import and revision, newest first, with the values each revision replaced; and
// the original file of any of them, byte for byte (原件留存).
import { basename } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { formatPeriod, type Period } from '../domain/period.js';
import type { Db } from '../store/db.js';
import { unitName, type Plan } from '../domain/plan/model.js';
import { describeItem } from '../domain/return.js';
import { importHistory, readOriginal, readReturn } from '../store/returns.js';
import { openPlan, otherYears } from '../app/quarter.js';
import { planYears, readPlan } from '../store/plan.js';
import { shown } from '../app/workspace.js';
import { outputPath, writeOutput } from '../app/output.js';
import { renderHistory } from '../render/history.js';
import { writeJson } from '../render/text.js';
import { type CommandContext, dbOption, describe, jsonOption, pagerOption } from './common.js';
import { launcher } from '../format/command.js';
import { countOption, periodOption, unitOption } from '../app/options.js';

interface HistoryFlags {
  db?: string;
  unit?: string;
  quarter?: string;
  limit?: string;
  json?: boolean;
  original?: string;
  revision?: string;
  force?: boolean;
}

/** How many entries a terminal shows without --limit; a pipe or --json gets them all. */
export const TERMINAL_LIMIT = 20;

export function registerHistory(program: Command, ctx: CommandContext): void {
  describe(
    program.command('history'),
    '查看报表导入和修订记录(最新的在前),修订时被替换的旧值也在其中',
    `  ${launcher()} history\n  ${launcher()} history --unit 列东街道 --quarter 2021Q3\n  ${launcher()} history --limit 100\n` +
      `  ${launcher()} history --unit 列东街道 --quarter 2021Q3 --original 原件.xlsx   # 写出数据所依据的报表原件\n` +
      `  ${launcher()} history --unit 列东街道 --quarter 2021Q3 --original 第1版.xlsx --revision 1`,
  )
    .option('--unit <单位>', '只看该单位')
    .option('--quarter <季度>', '只看该季度,如 2021Q3')
    .option('--limit <条数>', `最多列出几次导入(默认在终端上 ${TERMINAL_LIMIT} 次,输出到文件或管道时全部)`)
    .option('--original <文件>', '把该单位该季度报表的原件(导入时的文件,逐字节相同)写到这个文件;须同时给出 --unit 和 --quarter')
    .option('--revision <版次>', '与 --original 同用:取第几版(history 中的“版次”),默认为当前数据所依据的一版')
    .option('--force', '--original 的文件已存在时覆盖')
    .addOption(jsonOption())
    .addOption(pagerOption())
    .addOption(dbOption())
    .action((flags: HistoryFlags) => ctx.exit(runHistory(ctx.io, flags)));
}

export function runHistory(io: Io, flags: HistoryFlags): number {
  const period = flags.quarter !== undefined ? periodOption(flags.quarter) : undefined;
  const limit = flags.limit !== undefined ? countOption(flags.limit, '--limit') : undefined;
  if (flags.revision !== undefined && flags.original === undefined) throw new UsageError('--revision 只与 --original 同用');
  if (flags.original !== undefined && (flags.unit === undefined || !period)) throw new UsageError('--original 须同时给出 --unit 和 --quarter,如 --unit 列东街道 --quarter 2021Q3');
  const { db, plan } = openPlan(io, { db: flags.db, year: period?.year, access: 'read', document: flags.original !== undefined });
  try {
    const years = otherYears(io, db);
    const unit = flags.unit !== undefined ? unitOption(plan, flags.unit, '--unit', years) : undefined;
    // Each record is named as its own year's plan names it.
    const plans = new Map<number, Plan>([[plan.year, plan]]);
    const planOf = (p: string) => {
      const year = Number(p.slice(0, 4));
      if (!plans.has(year)) plans.set(year, planYears(db).includes(year) ? readPlan(db, year) : plan);
      return plans.get(year)!;
    };
    if (flags.original !== undefined) return writeOriginal(io, db, { unit: unit!.code, unitName: unit!.name, period: period!, out: flags.original, revision: flags.revision, force: Boolean(flags.force) });
    const events = importHistory(db, { year: period?.year, quarter: period?.quarter, unit: unit?.code });
    // A person at a terminal gets the latest page; a script or a file gets everything unless it asks.
    const shown = events.slice(0, limit ?? (io.stdoutTty && !flags.json ? TERMINAL_LIMIT : events.length));
    if (flags.json) {
      writeJson(io, {
        total: events.length,
        events: shown.map((e) => ({ ...e, unitName: unitName(planOf(e.period), e.unit), revisions: e.revisions.map((r) => ({ ...r, label: describeItem(planOf(e.period), r.item) })) })),
      });
      return 0;
    }
    const scope = [unit?.name, period ? formatPeriod(period) : undefined].filter(Boolean).join(' ');
    if (events.length === 0) {
      io.stdout.write(`${scope ? `${scope}:` : ''}还没有导入记录\n`);
      return 0;
    }
    io.stdout.write(renderHistory(io, planOf, shown, { scope, total: events.length, limitFlag: '--limit', oneUnit: unit !== undefined, oneQuarter: period !== undefined }));
    return 0;
  } finally {
    db.close();
  }
}

/** Writes the file a unit sent for a quarter, as it was imported: the current one, or revision N. */
function writeOriginal(io: Io, db: Db, o: { unit: string; unitName: string; period: Period; out: string; revision?: string; force: boolean }): number {
  const events = importHistory(db, { year: o.period.year, quarter: o.period.quarter, unit: o.unit });
  const label = `${o.unitName} ${formatPeriod(o.period)}`;
  if (events.length === 0) throw new InputError(`${label} 还没有导入过报表`);
  let hash: string;
  let which: string;
  let name: string;
  if (o.revision !== undefined) {
    const n = countOption(o.revision, '--revision');
    const event = events.find((e) => e.revision === n);
    if (!event) throw new UsageError(`--revision 的取值“${o.revision}”无效:${label} 共有 ${events.length} 版(1 至 ${events.length})`);
    hash = event.fileHash;
    which = `第 ${n} 版(${event.fileName})`;
    name = event.fileName;
  } else {
    const current = readReturn(db, o.period, o.unit)!;
    const event = events.find((e) => e.fileHash === current.fileHash) ?? events[0];
    hash = current.fileHash;
    which = `第 ${event.revision} 版,当前数据所依据的一版(${current.fileName})`;
    name = current.fileName;
  }
  const bytes = readOriginal(db, hash);
  if (!bytes) throw new InputError(`${label} ${which} 导入时 jiuye 还不保存原件,数据库中没有它的原件(只有文件名和 sha256 ${hash.slice(0, 12)}…)`);
  // A folder given takes the file's name as it was received (a Windows path's folders left off too).
  const out = outputPath(io, { given: o.out, name: basename(name.replace(/\\/g, '/')), flag: '--original', force: Boolean(o.force) });
  writeOutput(out, bytes);
  io.stderr.write(`已写出 ${label} ${which} 的原件:${shown(io, out)}(${bytes.length} 字节,sha256 ${hash.slice(0, 12)}…,与导入时的文件逐字节相同)\n`);
  return 0;
}

