// jiuye backup: a consistent copy of the database, taken with SQLite's online backup while it may be in use.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { format } from 'date-fns/format';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import type { Io } from '../io.js';
import { connect, openDb } from '../store/db.js';
import { type CommandContext, dbOption, dbPath, describe, userPath } from './common.js';
import { launcher } from '../format/command.js';

interface BackupFlags {
  db?: string;
  out?: string;
  force?: boolean;
}

export function registerBackup(program: Command, ctx: CommandContext): void {
  describe(program.command('backup'), '备份数据库(可在其他命令运行时进行,得到一致的副本)', `  ${launcher()} backup\n  ${launcher()} backup --out D:/备份/jiuye-2021Q3.db`)
    .option('--out <文件>', '备份文件(默认在数据库旁,名为 jiuye-backup-日期-时间.db)')
    .option('--force', '备份文件已存在时覆盖')
    .addOption(dbOption())
    .action(async (flags: BackupFlags) => ctx.exit(await runBackup(ctx.io, flags)));
}

export async function runBackup(io: Io, flags: BackupFlags): Promise<number> {
  const source = dbPath(io, flags.db);
  const out = flags.out !== undefined ? userPath(io, flags.out) : join(dirname(source), `jiuye-backup-${format(io.now(), 'yyyyMMdd-HHmmss')}.db`);
  if (existsSync(out) && !flags.force) throw new InputError(`备份文件 ${out} 已存在,未覆盖。请换一个文件名,或加 --force`);
  if (!existsSync(dirname(out))) throw new InputError(`无法写出 ${out}:所在文件夹不存在`);
  const db = openDb(source, { onUpgrade: (m) => io.stderr.write(m) });
  const temp = `${out}.tmp-${process.pid}`;
  try {
    // The online backup copies page by page and restarts if another connection writes meanwhile.
    await db.backup(temp);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new InputError(`备份失败:${(e as Error).message}`);
  } finally {
    db.close();
  }
  const copy = connect(temp);
  let check: string;
  let returns: number;
  try {
    copy.pragma('journal_mode = DELETE'); // one self-contained file, no -wal beside it
    check = copy.pragma('integrity_check', { simple: true }) as string;
    returns = (copy.prepare('SELECT count(*) AS n FROM returns').get() as { n: number }).n;
  } finally {
    copy.close();
  }
  if (check !== 'ok') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
    throw new InputError(`备份副本校验未通过(${check}),未保存。请重试`);
  }
  renameSync(temp, out);
  const shown = relative(io.cwd, out) || out;
  io.stderr.write(`已备份到 ${shown}(${(statSync(out).size / 1024).toFixed(0)} KB,含 ${returns} 份季度报表,完整性检查通过)\n`);
  return 0;
}
