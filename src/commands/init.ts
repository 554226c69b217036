// jiuye init: creates the database from the embedded plan or a given plan file.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import type { Io } from '../io.js';
import { DEFAULT_PLAN, loadPlanFile } from '../data.js';
import { connect, openDb } from '../store/db.js';
import { contents, type Contents } from '../store/contents.js';
import { savePlan } from '../store/plan.js';
import { backupFolder, makeBackup, stamp } from '../app/backups.js';
import { DATABASE_NAME, locateDatabase, shown } from '../app/workspace.js';
import { type CommandContext, dbOption, describe, userPath } from './common.js';
import { launcher } from '../format/command.js';

export interface InitOptions {
  db: string;
  plan?: string;
  force: boolean;
  /** Confirms, off a terminal, what would be asked on one: replacing a database with data, or a second database below one. */
  yes?: boolean;
  /** The database a folder above holds, which a command run here would use. */
  above?: string;
}

export function registerInit(program: Command, ctx: CommandContext): void {
  describe(
    program.command('init'),
    '建立数据库并载入方案(默认载入内置的梅列区2021年方案)',
    `  ${launcher()} init\n  ${launcher()} init --plan 我的方案.json --db 2022.db\n  ${launcher()} init --force      # 重建(原数据库先自动备份;有报表等数据时先询问)`,
  )
    .option('--plan <文件>', '方案文件(JSON,格式同 data/plans/meilie-2021.json)')
    .addOption(dbOption())
    .option('--force', '数据库已存在时重建(原数据库先备份到 jiuye-备份 文件夹;其中有报表或其他数据时先询问)')
    .option('--yes', '不在终端上运行时,对要询问的事(重建有数据的数据库、在已有数据库的文件夹下再建一个)确认“是”')
    .action(async (opts: { plan?: string; db?: string; force?: boolean; yes?: boolean }) => {
      const io = ctx.io;
      // init makes the database here (or at --db); it does not search upward, but names one it finds there.
      const found = locateDatabase(io, opts.db);
      const db = found.how === 'parent' ? join(resolve(io.cwd), DATABASE_NAME) : found.path;
      ctx.exit(
        await runInit(io, {
          db,
          plan: opts.plan && userPath(io, opts.plan),
          force: Boolean(opts.force),
          yes: Boolean(opts.yes),
          above: found.how === 'parent' ? found.path : undefined,
        }),
      );
    });
}

/** Builds the new database beside the target and moves it into place, so nothing is half-written. */
export async function runInit(io: Io, opts: InitOptions): Promise<number> {
  const planPath = opts.plan ?? DEFAULT_PLAN;
  const plan = loadPlanFile(planPath);
  if (opts.above && !existsSync(opts.db)) {
    await confirm(
      io,
      opts,
      `上级文件夹中已有数据库 ${shown(io, opts.above)},在这里运行的命令都会用它。仍要在这里另建一个数据库 ${shown(io, opts.db)}?`,
      `上级文件夹中已有数据库 ${shown(io, opts.above)},在这里运行的命令都会用它,未另建。确要在这里另建一个,请加 --yes`,
    );
  }
  // A path is never an internal error: the folder the database goes in must be there already.
  if (opts.db !== ':memory:' && !statSync(dirname(opts.db), { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError(`无法建立数据库 ${shown(io, opts.db)}:所在文件夹不存在`);
  }
  let saved: string | null = null;
  if (opts.db !== ':memory:' && existsSync(opts.db)) {
    if (!opts.force) throw new InputError(`数据库 ${opts.db} 已存在,未做改动。如确需重建,请加 --force(原数据库会先备份),或用 --db 指定新文件`);
    await confirmWipe(io, opts);
    saved = backupBeforeWipe(io, opts.db);
  }
  const temp = `${opts.db}.init-${process.pid}`;
  removeDatabase(temp);
  try {
    // Made in WAL mode from the start, so that a reader never waits for a writer.
    const db = openDb(temp, { create: true });
    try {
      savePlan(db, plan, opts.plan ?? 'embedded:meilie-2021', io.now());
    } finally {
      db.close();
    }
    // A stale -wal beside the old file would be replayed into the new one: remove it first.
    rmSync(`${opts.db}-wal`, { force: true });
    rmSync(`${opts.db}-shm`, { force: true });
    renameSync(temp, opts.db);
  } catch (e) {
    removeDatabase(temp);
    throw e;
  }
  const areas = plan.units.filter((u) => u.kind === 'area').length;
  io.stderr.write(
    (saved ? `原数据库已备份到 ${shown(io, saved)}(恢复:${launcher()} restore ${shown(io, saved)})\n` : '') +
      `已建立数据库 ${opts.db}\n` +
      `方案:${plan.title}(${plan.district} ${plan.year} 年),${plan.units.length} 个单位(镇街 ${areas} 个、部门 ${plan.units.length - areas} 个)、` +
      `${plan.indicators.length} 项指标、${plan.tasks.length} 项任务\n` +
      `下一步:${launcher()} duty 查看责任分工;${launcher()} targets allocate 把目标分解到镇街;${launcher()} template --quarter ${plan.year}Q1 --all 生成季度报表\n`,
  );
  return 0;
}

/** Asks on a terminal (default no); off one, --yes is the answer, and without it the command stops. */
async function confirm(io: Io, opts: InitOptions, question: string, refusal: string): Promise<void> {
  if (opts.yes) return;
  if (io.stdinTty && io.stderrTty && io.prompt) {
    if (await io.prompt.confirm(question, false)) return;
    throw new InputError('已取消,未做改动');
  }
  throw new InputError(refusal);
}

/**
 * --force on a database that holds returns, or anything beyond the embedded plan, would throw away the
 * clerk's work: it is confirmed (at the terminal, or with --yes), never by habit of typing --force.
 */
async function confirmWipe(io: Io, opts: InitOptions): Promise<void> {
  let held: Contents;
  try {
    const db = connect(opts.db, { readonly: true, fileMustExist: true });
    try {
      held = contents(db);
    } finally {
      db.close();
    }
  } catch {
    return; // not a database jiuye can read: --force replaces it (after a copy of its bytes)
  }
  if (held.embeddedOnly) return;
  const parts = [
    `${held.years.join('、')} 年的方案`,
    held.returns > 0 ? `${held.returns} 份报表` : '',
    held.allocations > 0 ? `${held.allocations} 项分解目标` : '',
    held.references > 0 ? `${held.references} 个参考值` : '',
    held.calendars > 0 ? `${held.calendars} 个年度的节假日安排` : '',
  ].filter(Boolean);
  const what = `数据库 ${opts.db} 中有 ${parts.join('、')}`;
  await confirm(
    io,
    opts,
    `${what},删除并重建?(原数据库会先备份)`,
    `${what},--force 会全部删除(原数据库会先备份)。确要重建,请再加 --yes;只想加一个年度的方案,请用 ${launcher()} plan add 或 ${launcher()} plan new`,
  );
}

// The database about to be replaced, into its backups folder: a readable one as a consistent copy,
// anything else as its bytes.
function backupBeforeWipe(io: Io, path: string): string {
  try {
    const db = connect(path, { readonly: true, fileMustExist: true });
    try {
      if (String(db.pragma('quick_check', { simple: true })) !== 'ok') throw new Error('damaged');
      return makeBackup(io, db, path, '重建前');
    } finally {
      db.close();
    }
  } catch {
    const folder = backupFolder(path);
    mkdirSync(folder, { recursive: true });
    const target = join(folder, `${basename(path, extname(path))}-${stamp(io.now())}-重建前-原文件.db`);
    copyFileSync(path, target);
    return target;
  }
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
