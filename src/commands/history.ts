// jiuye history: every import and revision, newest first, with the values each revision replaced.
import { format } from 'date-fns/format';
import type { Command } from 'commander';
import type { Io } from '../io.js';
import { formatPeriod, periodOption } from '../domain/period.js';
import { unitName } from '../domain/plan.js';
import { describeItem } from '../domain/return.js';
import { importHistory } from '../store/returns.js';
import { renderTable } from '../render/table.js';
import { paint, writeJson } from '../render/text.js';
import { type CommandContext, dbOption, describe, jsonOption, openStore, unitOption } from './common.js';

interface HistoryFlags {
  db?: string;
  unit?: string;
  quarter?: string;
  json?: boolean;
}

export function registerHistory(program: Command, ctx: CommandContext): void {
  describe(program.command('history'), '查看报表导入和修订记录(最新的在前),修订时被替换的旧值也在其中', '  jiuye history\n  jiuye history --unit 列东街道 --quarter 2021Q3')
    .option('--unit <单位>', '只看该单位')
    .option('--quarter <季度>', '只看该季度,如 2021Q3')
    .addOption(jsonOption())
    .addOption(dbOption())
    .action((flags: HistoryFlags) => ctx.exit(runHistory(ctx.io, flags)));
}

export function runHistory(io: Io, flags: HistoryFlags): number {
  const period = flags.quarter !== undefined ? periodOption(flags.quarter) : undefined;
  const { db, plan } = openStore(io, { db: flags.db, year: period ? String(period.year) : undefined });
  try {
    const unit = flags.unit !== undefined ? unitOption(plan, flags.unit) : undefined;
    const events = importHistory(db, { year: period?.year, quarter: period?.quarter, unit: unit?.code });
    const name = (code: string) => unitName(plan, code);
    if (flags.json) {
      writeJson(io, {
        events: events.map((e) => ({ ...e, unitName: name(e.unit), revisions: e.revisions.map((r) => ({ ...r, label: describeItem(plan, r.item) })) })),
      });
      return 0;
    }
    const c = paint(io);
    const scope = [unit?.name, period ? formatPeriod(period) : undefined].filter(Boolean).join(' ');
    if (events.length === 0) {
      io.stdout.write(`${scope ? `${scope}:` : ''}还没有导入记录\n`);
      return 0;
    }
    const when = (iso: string) => format(new Date(iso), 'yyyy-MM-dd HH:mm');
    const rows = events.map((e) => [
      when(e.at),
      e.period,
      name(e.unit),
      e.action === 'new' ? '新导入' : c.yellow('修订替换'),
      e.action === 'new' ? '—' : `${e.changed} 处`,
      e.receivedOn,
      `${e.fileName}\n${c.dim(`sha256 ${e.fileHash.slice(0, 12)}…`)}`,
    ]);
    const lines = [c.bold(`导入记录${scope ? `(${scope})` : ''}:共 ${events.length} 次`), renderTable(
      [{ header: '导入时间' }, { header: '期间' }, { header: '单位' }, { header: '操作' }, { header: '改动', align: 'right' }, { header: '收到日期' }, { header: '文件', wrap: 40 }],
      rows,
      c,
    )];
    const revised = events.filter((e) => e.revisions.length > 0);
    if (revised.length > 0) {
      lines.push(c.bold('修订时替换的数值(旧值 → 新值):'));
      for (const e of revised) {
        lines.push(`  ${when(e.at)} ${name(e.unit)} ${e.period}(${e.fileName})`);
        for (const r of e.revisions) lines.push(`    ${describeItem(plan, r.item)}:${r.old ?? '(空)'} → ${r.new ?? '(空)'}`);
      }
    }
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    db.close();
  }
}
