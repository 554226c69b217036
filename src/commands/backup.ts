// jiuye backup [--list] and jiuye restore: consistent copies of the database, and putting one back.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Command } from 'commander';
import { InputError, writeTrouble } from '../errors.js';
import type { Io } from '../io.js';
import { backupFileName, backupFolder, backupProblem, listBackups, makeBackup, minute } from '../app/backups.js';
import { missingFolder, outputPath } from '../app/output.js';
import { findBackup, restoreDatabase } from '../app/restore.js';
import { cannotWrite, locateDatabase, openWorkspace, shown } from '../app/workspace.js';
import { setTroubleContext } from '../app/trouble.js';
import { launcher } from '../format/command.js';
import { displayWidth, writeJson } from '../render/text.js';
import { type CommandContext, dbOption, describe, jsonOption, userPath } from './common.js';

interface BackupFlags {
  db?: string;
  out?: string;
  force?: boolean;
  list?: boolean;
  json?: boolean;
}

export function registerBackup(program: Command, ctx: CommandContext): void {
  describe(
    program.command('backup'),
    '备份数据库(可在其他命令运行时进行,得到一致的副本);--list 列出已有的备份',
    `  ${launcher()} backup                          # 备份到数据库旁的 jiuye-备份 文件夹\n` +
      `  ${launcher()} backup --out D:/备份/jiuye-2021Q3.db\n` +
      `  ${launcher()} backup --list                   # 已有的备份:时间、原因、大小`,
  )
    .option('--out <文件>', '备份到这个文件(默认在数据库旁的备份文件夹中,与自动备份放在一起)')
    .option('--force', '--out 的文件已存在时覆盖')
    .option('--list', '列出备份文件夹中已有的备份(最新的在前)')
    .addOption(jsonOption())
    .addOption(dbOption())
    .action((flags: BackupFlags) => ctx.exit(flags.list ? runBackupList(ctx.io, flags) : runBackup(ctx.io, flags)));

  describe(
    program.command('restore').argument('<备份文件>'),
    '用一个备份替换当前数据库:先备份当前的数据库,再检查备份是否完好',
    `  ${launcher()} restore jiuye-备份/jiuye-20211009-163005-导入替换前.db`,
  )
    .option('--yes', '不在终端上询问(不在终端上运行时必须加)')
    .addOption(dbOption())
    .action(async (file: string, flags: { db?: string; yes?: boolean }) => ctx.exit(await runRestore(ctx.io, file, flags)));
}

/** A consistent copy into the backups folder (or --out), checked whole before it is kept. */
export function runBackup(io: Io, flags: BackupFlags): number {
  // Reading is all a backup does to the database: it works from a read-only medium with --out.
  const ws = openWorkspace(io, { db: flags.db, access: 'read', document: true });
  let out: string;
  try {
    if (flags.out === undefined) {
      const why = cannotWrite(io, ws.path);
      if (why) throw new InputError(`数据库 ${shown(io, ws.path)} ${why},备份文件夹 ${shown(io, backupFolder(ws.path))} 无法建在它旁边,未做改动。请用 --out 备份到别处,如 --out D:/备份/jiuye.db`);
      out = makeBackup(io, ws.db, ws.path, '手动备份');
    } else {
      out = outputPath(io, { given: flags.out, name: backupFileName(ws.path, io.now(), '手动备份'), flag: '--out', force: Boolean(flags.force) });
      const temp = `${out}.tmp-${process.pid}`;
      try {
        ws.db.prepare('VACUUM INTO ?').run(temp);
        renameSync(temp, out);
      } catch (e) {
        // SQLite says only that it cannot open the file: the folder went away, or cannot be written.
        throw writeTrouble(e, out) ?? (existsSync(dirname(out)) ? new InputError(`无法写出 ${out}:没有写入权限`) : new InputError(missingFolder(io, out)));
      } finally {
        rmSync(temp, { force: true });
      }
    }
  } finally {
    ws.close();
  }
  const problem = backupProblem(out);
  if (problem) {
    rmSync(out, { force: true });
    throw new InputError(`备份副本校验未通过(${problem}),未保存`);
  }
  io.stderr.write(`已备份到 ${shown(io, out)}(${(statSync(out).size / 1024).toFixed(0)} KB,完整性检查通过)\n`);
  return 0;
}

/** The backups folder's files, newest first: when, why, how big. */
export function runBackupList(io: Io, flags: BackupFlags): number {
  const { path } = locateDatabase(io, flags.db);
  const backups = listBackups(path);
  if (flags.json) {
    writeJson(io, { database: path, folder: backupFolder(path), backups: backups.map((b) => ({ file: b.path, at: b.at.toISOString(), reason: b.reason, bytes: b.size })) });
    return 0;
  }
  if (backups.length === 0) {
    io.stdout.write(`${shown(io, backupFolder(path))} 中还没有备份(${launcher()} backup 备份一次;导入替换、替换方案、重新分解目标等之前会自动备份)\n`);
    return 0;
  }
  const folder = shown(io, backupFolder(path));
  const lines = backups.map((b) => `  ${minute(b.at)}:${String(b.at.getSeconds()).padStart(2, '0')}  ${pad(b.reason || '—', 16)}  ${pad(`${Math.max(1, Math.round(b.size / 1024))} KB`, 8)}  ${b.name}`);
  io.stdout.write(
    `${folder}:${backups.length} 个备份(最新的在前;保留最近 30 个,更早的每月留一个)\n` +
      `${lines.join('\n')}\n` +
      `恢复其中一个:${launcher()} restore ${relative(io.cwd, backups[0].path) || backups[0].path}\n`,
  );
  return 0;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Puts a backup in place of the database, after the clerk has said yes. */
export async function runRestore(io: Io, file: string, flags: { db?: string; yes?: boolean }): Promise<number> {
  const { path } = locateDatabase(io, flags.db);
  setTroubleContext({ path, shown: shown(io, path) });
  const backup = findBackup(path, file, (p) => userPath(io, p));
  const question = `用备份 ${shown(io, backup)} 替换数据库 ${shown(io, path)}?当前的数据库会先备份`;
  if (!flags.yes) {
    if (!(io.stdinTty && io.stderrTty && io.prompt)) throw new InputError(`${question.replace('?', ':')}。不在终端上运行时,请加 --yes 确认`);
    if (!(await io.prompt.confirm(question, false))) {
      io.stderr.write('已取消,未做改动\n');
      return 0;
    }
  }
  const saved = restoreDatabase(io, path, backup);
  io.stderr.write(`已用 ${shown(io, backup)} 恢复数据库 ${shown(io, path)}${saved ? `;恢复前的数据库已备份到 ${shown(io, saved)}` : ''}\n`);
  return 0;
}
