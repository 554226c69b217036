// `jiuye` with no command: where things stand on one screen, and what to run next.
import { existsSync } from 'node:fs';
import type { Io } from '../io.js';
import { allocatableIndicators } from '../domain/allocation.js';
import { checkReport } from '../domain/check.js';
import { localDate } from '../domain/dates.js';
import { overdueReport } from '../domain/deadline.js';
import { formatPeriod, periodTitle } from '../domain/period.js';
import { dataQuarter, isOutside, outsideText } from '../domain/quarter-choice.js';
import { planYears, readAllocations, readPlan } from '../store/plan.js';
import { latestPeriodWithData, readReturns } from '../store/returns.js';
import { overviewModel, renderOverview, type Overview } from '../render/overview.js';
import { collectionFor, readProgressInput } from '../app/quarter.js';
import { locateDatabase, openWorkspace, shown } from '../app/workspace.js';
import { launcher } from '../format/command.js';

/** Prints the overview, or without a database a hint to run init and the help. */
export function runOverview(io: Io, help: string, flags: { db?: string } = {}): number {
  const { path } = locateDatabase(io, flags.db);
  if (path !== ':memory:' && !existsSync(path)) {
    io.stdout.write(`还没有数据库(${path})。先运行 ${launcher()} init 建立数据库,或运行 ${launcher()} demo 用示例数据走一遍全流程。\n\n${help}`);
    return 0;
  }
  const asOf = localDate(io.now());
  const ws = openWorkspace(io, { db: flags.db, access: 'read' });
  const db = ws.db;
  let model: Overview;
  try {
    const years = planYears(db);
    // Figures for the latest quarter with returns; chasing for the quarter plain `jiuye overdue` chases.
    const data = dataQuarter({ latestWithData: latestPeriodWithData(db) });
    const chase = collectionFor(db, asOf);
    const year = data?.period.year ?? (isOutside(chase) ? chase.instead.year : chase.period.year);
    const plan = readPlan(db, year);
    const check = data ? checkReport(readProgressInput(db, plan, data.period)) : null;
    let chasing: Parameters<typeof overviewModel>[0]['chasing'];
    if (isOutside(chase)) chasing = { outside: outsideText(chase, launcher()), newYear: chase.newYear, instead: formatPeriod(chase.instead) };
    else {
      const chasePlan = chase.period.year === plan.year ? plan : readPlan(db, chase.period.year);
      const report = overdueReport({
        plan: chasePlan,
        period: chase.period,
        asOf,
        returns: [...readReturns(db, chase.period.year - 1), ...readReturns(db, chase.period.year, chase.period.quarter)],
        calendars: ws.calendars(),
      });
      chasing = { report, why: chase.why };
    }
    const allocations = readAllocations(db, plan.year);
    const areas = plan.units.filter((u) => u.kind === 'area');
    const unallocated = allocatableIndicators(plan).some((i) => areas.some((a) => !allocations.some((x) => x.unit === a.code && x.indicator === i.code && x.value !== null)));
    model = overviewModel({
      database: shown(io, path),
      plan: { year: plan.year, title: plan.title, district: plan.district },
      otherYears: years.filter((y) => y !== plan.year),
      asOf,
      check: check && data ? { report: check, why: data.why, title: periodTitle(data.period) } : null,
      chasing,
      unallocated,
    });
  } finally {
    ws.close();
  }
  io.stdout.write(renderOverview(io, model));
  return 0;
}
