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

/**
 * The default quarter for a purpose, or null when there is nothing to choose from (no returns at
 * all, for `data`). A quarter outside the years that have a plan is brought inside them.
 */
export function chooseQuarter(purpose: QuarterPurpose, facts: QuarterFacts): QuarterChoice | null {
  if (purpose === 'data') {
    if (!facts.latestWithData) return null;
    return { period: facts.latestWithData, why: '已有报表的最近一个季度' };
  }
  if (purpose === 'receipt') return receiptQuarter(facts.asOf);
  // The latest quarter whose deadline has passed: before a deadline, the quarter before is still the one chased.
  const ended = collectionQuarter(facts.asOf);
  let p = ended;
  let why = `截至 ${facts.asOf} 报送截止日期(${facts.deadline(p)})已过的最近一个季度`;
  if (!(facts.deadline(ended) < facts.asOf)) {
    p = previousPeriod(ended);
    why =
      `截至 ${facts.asOf} 报送截止日期(${facts.deadline(p)})已过的最近一个季度;` +
      `${formatPeriod(ended)} 的截止日期 ${facts.deadline(ended)} 还没到,要看其报送情况请加 --quarter ${formatPeriod(ended)}`;
  }
  // Never ahead of the data: after the quarter following the latest return, there is nothing to chase yet.
  const latest = facts.latestWithData;
  if (latest && key(p) > key(next(latest))) {
    p = next(latest);
    why = `已有报表的最近一个季度 ${formatPeriod(latest)} 的下一个季度(更晚的季度还没有任何报表)`;
  }
  const inPlans = withinPlans(p, facts.planYears);
  if (key(inPlans) !== key(p)) {
    why = `${why};数据库中只有 ${facts.planYears.join('、')} 年的方案,取 ${formatPeriod(inPlans)}`;
    p = inPlans;
  }
  return { period: p, why };
}

/** The quarter an import batch received on a day belongs to: the last one ended by then. */
export function receiptQuarter(receivedOn: string): QuarterChoice {
  return { period: collectionQuarter(receivedOn), why: `按收到日期 ${receivedOn} 推算(此前最近结束的季度)` };
}

/** A quarter brought into the years that have a plan: before the first, its Q1; after the last or in a gap, the Q4 before. */
function withinPlans(p: Period, years: number[]): Period {
  if (years.includes(p.year)) return p;
  const earlier = years.filter((y) => y < p.year);
  if (earlier.length === 0) return { year: years[0], quarter: 1 };
  return { year: earlier[earlier.length - 1], quarter: 4 };
}
