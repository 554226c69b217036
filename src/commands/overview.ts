// `jiuye` with no command: where things stand this quarter on one screen, and what to run next.
import { existsSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { Io } from '../io.js';
import { checkReport } from '../domain/check.js';
import { localDate } from '../domain/dates.js';
import { planYears, readPlan } from '../store/plan.js';
import { overviewModel, renderOverview, type Overview } from '../render/overview.js';
import { readProgressInput, resolveQuarter } from '../app/quarter.js';
import { locateDatabase, openWorkspace } from '../app/workspace.js';
import { launcher } from '../format/command.js';

/** Prints the overview, or without a database a hint to run init and the help. */
export function runOverview(io: Io, help: string, flags: { db?: string } = {}): number {
  const { path } = locateDatabase(io, flags.db);
  if (path !== ':memory:' && !existsSync(path)) {
    io.stdout.write(`还没有数据库(${path})。先运行 ${launcher()} init 建立数据库,或运行 ${launcher()} demo 用示例数据走一遍全流程。\n\n${help}`);
    return 0;
  }
  const asOf = localDate(io.now());
  const { db } = openWorkspace(io, { db: flags.db, access: 'read' });
  let model: Overview;
  try {
    // The same quarter plain `jiuye overdue` chases, for the same reason.
    const choice = resolveQuarter(db, 'collection', asOf)!;
    const plan = readPlan(db, choice.period.year);
    const input = readProgressInput(db, plan, choice.period);
    const otherYears = planYears(db).filter((y) => y !== plan.year);
    model = overviewModel(checkReport(input), { database: shownPath(io, path), title: plan.title, why: choice.why, asOf, otherYears });
  } finally {
    db.close();
  }
  io.stdout.write(renderOverview(io, model));
  return 0;
}

// jiuye.db for the database in the working folder; the full path for one elsewhere.
function shownPath(io: Io, path: string): string {
  const rel = relative(io.cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
