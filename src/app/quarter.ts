// Which quarter a command looks at (one resolver for every command), opening the database for it, and
// reading what a progress check needs for it.
import { InputError } from '../errors.js';
import type { Io } from '../io.js';
import { deadline } from '../domain/deadline.js';
import { formatPeriod, type Period } from '../domain/period.js';
import type { Plan, Unit } from '../domain/plan/model.js';
import type { ProgressInput } from '../domain/progress.js';
import { collectionChoice, dataQuarter, isOutside, outsideText, receiptChoice, type OutsidePlans, type QuarterChoice } from '../domain/quarter-choice.js';
import { matchUnitInYear } from '../domain/match.js';
import type { Db } from '../store/db.js';
import { deadlineDays, planYears, readAllocations, readPlan } from '../store/plan.js';
import { readReferenceValues } from '../store/references.js';
import { latestPeriodWithData, readReturns, yearFrozen, type StoredReturn } from '../store/returns.js';
import { paintErr } from '../render/text.js';
import { launcher } from '../format/command.js';
import { calendarsFor, openWorkspace, type Access, type Workspace } from './workspace.js';
import { periodOption, unitOption, type OtherYears } from './options.js';

/** The quarter being chased as of a day (overdue and the overview), or why the day points outside the plans. */
export function collectionFor(db: Db, asOf: string): QuarterChoice | OutsidePlans {
  const years = planYears(db);
  const days = deadlineDays(db);
  let calendars: ReturnType<typeof calendarsFor> | undefined;
  const due = (p: Period) => {
    calendars ??= calendarsFor(db);
    // A year without a plan takes the deadline rule of the nearest plan before it (or the first one).
    const year = [...years].reverse().find((y) => y <= p.year) ?? years[0];
    return deadline(p, days.get(year) ?? 5, calendars).date;
  };
  return collectionChoice({ latestWithData: latestPeriodWithData(db), planYears: years, asOf, deadline: due });
}

/**
 * The quarter an import batch received on a day is for. In the year after the last plan year the batch
 * is read (each return of that year is refused once its plan is missing, and plan new is said once for
 * the batch); a day further on is refused before any file is read, saying what to run.
 */
export function receiptFor(db: Db, receivedOn: string): QuarterChoice {
  const choice = receiptChoice(receivedOn, { latestWithData: latestPeriodWithData(db), planYears: planYears(db) });
  if (!isOutside(choice)) return choice;
  if (choice.newYear !== null) return { period: choice.wanted, why: `按收到日期 ${receivedOn} 推算(此前最近结束的季度;${choice.newYear} 年还没有方案)` };
  throw new InputError(`${outsideText(choice, launcher())};如报表是早些时候收到的,请用 --received 给出收到日期`);
}

/** The chased quarter for a command that needs one: a day outside the plan years is refused, saying what to run. */
export function collectionQuarterOf(db: Db, asOf: string): QuarterChoice {
  const choice = collectionFor(db, asOf);
  if (isOutside(choice)) throw new InputError(outsideText(choice, launcher()));
  return choice;
}

/** Says on stderr which quarter was chosen and why, so the clerk never has to guess. */
export function sayQuarter(io: Io, choice: QuarterChoice): void {
  io.stderr.write(paintErr(io).dim(`季度:${formatPeriod(choice.period)}(未指定 --quarter,取${choice.why})\n`));
}

/** Every year's plan, read when a name is not this year's, and a note said once on stderr (dim). */
export function otherYears(io: Io, db: Db): OtherYears {
  let plans: Plan[] | undefined;
  const said = new Set<string>();
  return {
    plans: () => (plans ??= planYears(db).map((y) => readPlan(db, y))),
    say: (note) => {
      if (said.has(note)) return;
      said.add(note);
      io.stderr.write(paintErr(io).dim(`${note}\n`));
    },
  };
}

/**
 * A year's plan (default: the latest) in an open database. The caller closes db. With sayYear, a default
 * year is said on stderr when the database holds more than one, so a clerk never writes to a year unawares.
 */
export function openPlan(io: Io, opts: { db?: string; year?: number; access: Access; document?: boolean; sayYear?: boolean }): { ws: Workspace; db: Db; plan: Plan } {
  const ws = openWorkspace(io, opts);
  try {
    const plan = ws.plan(opts.year);
    if (opts.sayYear && opts.year === undefined && planYears(ws.db).length > 1) {
      io.stderr.write(paintErr(io).dim(`年度:${plan.year}(未指定 --year,取数据库中最新的方案年度)\n`));
    }
    return { ws, db: ws.db, plan };
  } catch (e) {
    ws.close();
    throw e;
  }
}

/**
 * Opens the database for --quarter (its year's plan), or for the latest quarter with returns in any
 * year; with neither, says so. --unit is checked first, as a usage error. The caller closes db.
 */
export function openQuarter(
  io: Io,
  flags: { db?: string; quarter?: string; unit?: string },
  opts: { access?: Access; document?: boolean } = {},
): { ws: Workspace; db: Db; plan: Plan; period: Period; unit?: Unit } {
  const explicit = flags.quarter !== undefined ? periodOption(flags.quarter) : undefined;
  const { ws, db, plan: latest } = openPlan(io, { db: flags.db, year: explicit?.year, access: opts.access ?? 'read', document: opts.document });
  try {
    // A bad --unit is a usage error, said before anything about the data; a name is looked up in every year.
    const years = otherYears(io, db);
    // Without --quarter the year is not known yet: a unit of an earlier year only (洋溪镇 in January) waits for it.
    if (flags.unit !== undefined && !explicit && matchUnitInYear(latest, years.plans, flags.unit, { prefix: true }).kind !== 'absent') {
      unitOption(latest, flags.unit, '--unit', { plans: years.plans, say: () => {} });
    }
    let plan = latest;
    let period = explicit;
    if (!period) {
      const choice = dataQuarter({ latestWithData: latestPeriodWithData(db) });
      if (!choice) {
        throw new InputError(
          `数据库中还没有导入任何季度报表,无法确定要检查哪个季度。请先导入收到的报表(${launcher()} import 文件夹),或用 --quarter 指定季度,如 --quarter ${formatPeriod({ year: latest.year, quarter: 1 })}`,
        );
      }
      period = choice.period;
      sayQuarter(io, choice);
      if (period.year !== latest.year) plan = readPlan(db, period.year);
    }
    const unit = flags.unit !== undefined ? unitOption(plan, flags.unit, '--unit', years) : undefined;
    return { ws, db, plan, period, unit };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** The returns of the year through the quarter, last year's returns, allocations and reference values. */
export function readProgressInput(db: Db, plan: Plan, period: Period): ProgressInput & { returns: StoredReturn[]; previousYear: StoredReturn[] } {
  return {
    plan,
    period,
    returns: readReturns(db, period.year, period.quarter),
    previousYear: readReturns(db, period.year - 1),
    allocations: readAllocations(db, period.year),
    references: readReferenceValues(db, period.year),
  };
}

/**
 * A locked fourth quarter makes a year's results final: its targets, allocations, reference values,
 * plan and assessment method stay as they were until the clerk unlocks it.
 */
export function refuseFrozen(db: Db, year: number, what: string): void {
  if (yearFrozen(db, year)) {
    throw new InputError(`${year}Q4 已锁定,${year} 年的结果已定,不能${what}。如确需修改,请先运行 ${launcher()} unlock ${year}Q4(解锁前会自动备份)`);
  }
}
