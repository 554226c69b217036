// jiuye init: creates the database from the embedded plan or a given plan file.
import { existsSync, renameSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import type { Io } from '../io.js';
import { DEFAULT_PLAN, loadPlanFile } from '../data.js';
import { openDb } from '../store/db.js';
import { planYears, savePlan } from '../store/plan.js';
import { returnCounts } from '../store/returns.js';
import { type CommandContext, dbOption, dbPath, describe, userPath } from './common.js';
import { launcher } from '../format/command.js';

export interface InitOptions {
  db: string;
  plan?: string;
  force: boolean;
  /** Confirms wiping a database that holds more than one year (off a terminal, where nobody can be asked). */
  yes?: boolean;
}

export function registerInit(program: Command, ctx: CommandContext): void {
  describe(
    program.command('init'),
    '建立数据库并载入方案(默认载入内置的梅列区2021年方案)',
    `  ${launcher()} init\n  ${launcher()} init --plan 我的方案.json --db 2022.db\n  ${launcher()} init --force      # 删除原数据库并重建`,
  )
    .option('--plan <文件>', '方案文件(JSON,格式同 data/plans/meilie-2021.json)')
    .addOption(dbOption())
    .option('--force', '数据库已存在时删除重建(原有数据全部丢失)')
    .option('--yes', '与 --force 同用:数据库中有多个年度时也不再询问,直接删除重建')
    .action(async (opts: { plan?: string; db?: string; force?: boolean; yes?: boolean }) => {
      ctx.exit(await runInit(ctx.io, { db: dbPath(ctx.io, opts.db), plan: opts.plan && userPath(ctx.io, opts.plan), force: Boolean(opts.force), yes: Boolean(opts.yes) }));
    });
}

/** Builds the new database beside the target and moves it into place, so nothing is half-written. */
export async function runInit(io: Io, opts: InitOptions): Promise<number> {
  const planPath = opts.plan ?? DEFAULT_PLAN;
  const plan = loadPlanFile(planPath);
  if (opts.db !== ':memory:' && existsSync(opts.db)) {
    if (!opts.force) throw new InputError(`数据库 ${opts.db} 已存在,未做改动。如确需重建,请加 --force(原有数据将全部删除),或用 --db 指定新文件`);
    await confirmWipe(io, opts);
  }
  const temp = `${opts.db}.init-${process.pid}`;
  removeDatabase(temp);
  try {
    const db = openDb(temp, { create: true });
    try {
      savePlan(db, plan, opts.plan ?? 'embedded:meilie-2021', io.now());
      db.pragma('journal_mode = DELETE'); // one self-contained file to move into place
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
    `已建立数据库 ${opts.db}\n` +
      `方案:${plan.title}(${plan.district} ${plan.year} 年),${plan.units.length} 个单位(镇街 ${areas} 个、部门 ${plan.units.length - areas} 个)、` +
      `${plan.indicators.length} 项指标、${plan.tasks.length} 项任务\n` +
      `下一步:${launcher()} duty 查看责任分工;${launcher()} targets allocate 把目标分解到镇街;${launcher()} template --quarter ${plan.year}Q1 --all 生成季度报表\n`,
  );
  return 0;
}

/**
 * --force on a database of several years would throw away every year's figures: the clerk confirms
 * it (at the terminal, or with --yes), never by habit of typing --force.
 */
async function confirmWipe(io: Io, opts: InitOptions): Promise<void> {
  let held: { years: number[]; returns: number };
  try {
    const db = openDb(opts.db);
    try {
      held = { years: planYears(db), returns: [...returnCounts(db).values()].reduce((a, b) => a + b, 0) };
    } finally {
      db.close();
    }
  } catch {
    return; // not a database jiuye can read: --force replaces it, as before
  }
  if (held.years.length <= 1 || opts.yes) return;
  const what = `数据库 ${opts.db} 中有 ${held.years.join('、')} 年的方案和 ${held.returns} 份报表`;
  if (io.stdinTty && io.stderrTty && io.prompt) {
    if (await io.prompt.confirm(`${what},全部删除并重建?(建议先 ${launcher()} backup)`, false)) return;
    throw new InputError('已取消,未做改动');
  }
  throw new InputError(`${what},--force 会全部删除。确要重建,请先 ${launcher()} backup 备份,再加 --yes;只想加一个年度的方案,请用 ${launcher()} plan add 或 ${launcher()} plan new`);
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
