// `jiuye` with no command: where things stand this quarter on one screen, and what to run next.
import { existsSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { Io } from '../io.js';
import { checkReport } from '../domain/check.js';
import { localDate } from '../domain/dates.js';
import type { Period, Quarter } from '../domain/period.js';
import { planYears } from '../store/plan.js';
import { overviewModel, renderOverview, type Overview } from '../render/overview.js';
import { dbPath, openStore } from './common.js';
import { readProgressInput } from './quarter.js';
import { latestQuarter } from '../store/returns.js';

/** Prints the overview, or without a database a hint to run init and the help. */
export function runOverview(io: Io, help: string, flags: { db?: string } = {}): number {
  const path = dbPath(io, flags.db);
  if (path !== ':memory:' && !existsSync(path)) {
    io.stdout.write(`还没有数据库(${path})。先运行 jiuye init 建立数据库,或运行 jiuye demo 用示例数据走一遍全流程。\n\n${help}`);
    return 0;
  }
  const asOf = localDate(io.now());
  const { db, plan } = openStore(io, { db: flags.db });
  let model: Overview;
  try {
    const q = latestQuarter(db, plan.year);
    const period: Period = q !== null ? { year: plan.year, quarter: q } : quarterOf(asOf, planYears(db));
    // quarterOf stays within the latest plan year, the plan openStore read.
    const input = readProgressInput(db, plan, period);
    model = overviewModel(checkReport(input), { database: shownPath(io, path), title: plan.title, picked: q !== null ? 'latest_returns' : 'as_of', asOf });
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

/** The quarter a day falls in, kept within the years that have a plan. */
function quarterOf(asOf: string, years: number[]): Period {
  const year = Number(asOf.slice(0, 4));
  const quarter = (Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) + 1) as Quarter;
  const last = years[years.length - 1];
  if (year > last) return { year: last, quarter: 4 };
  if (year < last) return { year: last, quarter: 1 };
  return { year, quarter };
}
