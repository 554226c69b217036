// Which quarter a command looks at when --quarter is not given: one rule, in one place, for every command.
import { collectionQuarter, formatPeriod, previousPeriod, type Period, type Quarter } from './period.js';

/**
 * data: the latest quarter with returns, across years (check, warn, report);
 * collection: the quarter being chased (overdue and the overview);
 * receipt: the quarter an import batch received on a day belongs to.
 */
export type QuarterPurpose = 'data' | 'collection' | 'receipt';

export interface QuarterChoice {
  period: Period;
  /** How it was chosen, for the line every command prints about it. */
  why: string;
}

/**
 * The day points at a quarter of a year without a plan. A command cannot work on it: the year right
 * after the latest plan year needs `plan new`, a later one a --quarter within the plan years.
 */
export interface OutsidePlans {
  /** The quarter the day points at. */
  wanted: Period;
  /** The year to make a plan for (the one after the latest plan year), or null when the day is further on. */
  newYear: number | null;
  /** Years with a plan, oldest first. */
  planYears: number[];
  /** A quarter within the plans to look at instead: the one after the latest with returns, or the last plan year's Q4. */
  instead: Period;
  /** How the day led to the wanted quarter, as a clause naming it. */
  why: string;
}

export interface QuarterFacts {
  /** The latest quarter with any stored return, across years; null with none. */
  latestWithData: Period | null;
  /** Years with a plan, oldest first (never empty). */
  planYears: number[];
  /** The day the command runs as of (YYYY-MM-DD). */
  asOf: string;
  /** A quarter's return deadline (YYYY-MM-DD), as overdue computes it. */
  deadline(p: Period): string;
}

const key = (p: Period) => p.year * 10 + p.quarter;
const next = (p: Period): Period => (p.quarter === 4 ? { year: p.year + 1, quarter: 1 } : { year: p.year, quarter: (p.quarter + 1) as Quarter });

/** The latest quarter with returns (check, warn, report), or null with none. */
export function dataQuarter(facts: Pick<QuarterFacts, 'latestWithData'>): QuarterChoice | null {
  return facts.latestWithData ? { period: facts.latestWithData, why: '已有报表的最近一个季度' } : null;
}

/**
 * The quarter being chased on a day: the latest whose deadline has passed (before a deadline, the
 * quarter before is still the one chased); a day before the first plan year chases its Q1.
 */
export function collectionChoice(facts: QuarterFacts): QuarterChoice | OutsidePlans {
  const ended = collectionQuarter(facts.asOf);
  let p = ended;
  let why = `截至 ${facts.asOf} 报送截止日期(${facts.deadline(p)})已过的最近一个季度`;
  if (!(facts.deadline(ended) < facts.asOf)) {
    p = previousPeriod(ended);
    why = `截至 ${facts.asOf} 报送截止日期(${facts.deadline(p)})已过的最近一个季度`;
    // Said only where the quarter not yet due has a plan: never a command for a year without one.
    if (facts.planYears.includes(ended.year)) why += `;${formatPeriod(ended)} 的截止日期 ${facts.deadline(ended)} 还没到,要看其报送情况请加 --quarter ${formatPeriod(ended)}`;
  }
  return withinPlans(p, why, `截至 ${facts.asOf},报送截止日期已过的最近一个季度是 ${formatPeriod(p)}`, facts);
}

/** The quarter an import batch received on a day belongs to: the last one ended by then. */
export function receiptChoice(receivedOn: string, facts: Omit<QuarterFacts, 'asOf' | 'deadline'>): QuarterChoice | OutsidePlans {
  const p = collectionQuarter(receivedOn);
  return withinPlans(p, `按收到日期 ${receivedOn} 推算(此前最近结束的季度)`, `按收到日期 ${receivedOn},本批应为 ${formatPeriod(p)} 的报表`, facts);
}

/** A quarter chosen from a day is one of a plan year, or it says why it cannot be. */
function withinPlans(p: Period, why: string, outsideWhy: string, facts: Pick<QuarterFacts, 'planYears' | 'latestWithData'>): QuarterChoice | OutsidePlans {
  const years = facts.planYears;
  if (years.includes(p.year)) return { period: p, why };
  const first = years[0];
  // Before any plan year there is nothing to chase yet: the first plan year's Q1 is next.
  if (p.year < first) return { period: { year: first, quarter: 1 }, why: `${why};${p.year} 年没有方案,取 ${first} 年的第一季度` };
  const last = years[years.length - 1];
  const latest = facts.latestWithData;
  const instead = latest && years.includes(next(latest).year) && key(next(latest)) < key(p) ? next(latest) : { year: [...years].reverse().find((y) => y < p.year) ?? last, quarter: 4 as Quarter };
  return { wanted: p, newYear: p.year === last + 1 ? p.year : null, planYears: years, instead, why: outsideWhy };
}

/** Tells a choice from a quarter outside the plans. */
export function isOutside(c: QuarterChoice | OutsidePlans): c is OutsidePlans {
  return 'wanted' in c;
}

/** What a command says when the day points outside the plan years: which quarter, why not, and what to run. */
export function outsideText(o: OutsidePlans, launcher: string): string {
  const instead = `--quarter 指定有方案的季度,如 --quarter ${formatPeriod(o.instead)}`;
  const head = `${o.why},但数据库中只有 ${o.planYears.join('、')} 年的方案`;
  if (o.newYear !== null) return `${head}。先运行 ${launcher} plan new ${o.newYear} 建立 ${o.newYear} 年的方案,或用 ${instead}`;
  return `${head}。请用 ${instead}`;
}
