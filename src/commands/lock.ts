// jiuye lock / unlock: a locked quarter refuses imports, so figures reported upward stay as reported.
import type { Command } from 'commander';
import type { Io } from '../io.js';
import { formatPeriod } from '../domain/period.js';
import { isLocked, setLocked } from '../store/returns.js';
import { openPlan } from '../app/quarter.js';
import { shown } from '../app/workspace.js';
import { type CommandContext, dbOption, describe } from './common.js';
import { launcher } from '../format/command.js';
import { periodOption } from '../app/options.js';

export function registerLock(program: Command, ctx: CommandContext): void {
  describe(program.command('lock'), '锁定一个季度:不再接受该季度的报表导入(数据上报后防止误改);锁定第四季度同时冻结该年的目标、分解目标、参考值、方案和考核办法', `  ${launcher()} lock 2021Q3`)
    .argument('<季度>', '如 2021Q3')
    .addOption(dbOption())
    .action((quarter: string, flags: { db?: string }) => ctx.exit(runLock(ctx.io, quarter, flags, true)));
  describe(program.command('unlock'), '解除季度锁定,重新允许导入该季度的报表(解锁前自动备份)', `  ${launcher()} unlock 2021Q3`)
    .argument('<季度>', '如 2021Q3')
    .addOption(dbOption())
    .action((quarter: string, flags: { db?: string }) => ctx.exit(runLock(ctx.io, quarter, flags, false)));
}

export function runLock(io: Io, quarter: string, flags: { db?: string }, lock: boolean): number {
  const period = periodOption(quarter, '季度');
  const { ws, db } = openPlan(io, { db: flags.db, year: period.year, access: 'write' });
  try {
    const p = formatPeriod(period);
    // Unlocking opens the quarter (and with Q4 the year's targets and plan) to change: a copy first.
    const saved = !lock && isLocked(db, period) ? ws.backup(`解锁${p}前`) : null;
    const changed = setLocked(db, period, lock, io.now());
    if (saved) io.stderr.write(`解锁前已备份数据库:${shown(io, saved)}\n`);
    if (lock) {
      const year = period.quarter === 4 ? `;${period.year} 年的目标、分解目标、参考值、方案和考核办法也随之冻结` : '';
      io.stderr.write(changed ? `已锁定 ${p}:不再接受该季度的报表导入${year}。如需修改,运行 ${launcher()} unlock ${p}\n` : `${p} 已经是锁定状态\n`);
    } else {
      io.stderr.write(changed ? `已解除 ${p} 的锁定,可以重新导入该季度的报表\n` : `${p} 没有锁定\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}
