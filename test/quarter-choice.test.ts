// The one rule for the default quarter: the latest with data (check, warn, report), the one being
// collected (overdue and the overview), the one a batch received on a day belongs to (import).
import { describe, expect, it } from 'vitest';
import { loadCalendars } from '../src/data.js';
import { deadline } from '../src/domain/deadline.js';
import { formatPeriod, parsePeriod, type Period } from '../src/domain/period.js';
import { chooseQuarter, type QuarterFacts, type QuarterPurpose } from '../src/domain/quarter-choice.js';

const calendars = loadCalendars(null);
const facts = (latest: string | null, years: number[], asOf: string): QuarterFacts => ({
  latestWithData: latest ? parsePeriod(latest) : null,
  planYears: years,
  asOf,
  deadline: (p: Period) => deadline(p, 5, calendars).date,
});
const pick = (purpose: QuarterPurpose, f: QuarterFacts) => {
  const c = chooseQuarter(purpose, f);
  return c ? formatPeriod(c.period) : null;
};

describe('the default quarter', () => {
  it('data up to 2021Q3 and today in 2026: overdue and the overview both chase 2021Q4, never a quarter with no plan or no data before it', () => {
    const f = facts('2021Q3', [2021], '2026-11-28');
    expect(pick('collection', f)).toBe('2021Q4');
    expect(chooseQuarter('collection', f)!.why).toBe('已有报表的最近一个季度 2021Q3 的下一个季度(更晚的季度还没有任何报表)');
    expect(pick('data', f)).toBe('2021Q3');
  });

  it('January with 2022 added and 2021Q4 in: check shows 2021Q4, overdue chases it until its deadline has passed, then 2022Q1 is not yet due', () => {
    expect(pick('data', facts('2021Q4', [2021, 2022], '2022-01-20'))).toBe('2021Q4');
    expect(pick('collection', facts('2021Q4', [2021, 2022], '2022-01-20'))).toBe('2021Q4');
    expect(pick('collection', facts('2021Q3', [2021, 2022], '2022-01-05'))).toBe('2021Q3'); // the Q4 deadline is that day
    expect(pick('collection', facts('2021Q3', [2021, 2022], '2022-01-06'))).toBe('2021Q4');
    expect(pick('collection', facts('2021Q4', [2021, 2022], '2022-04-07'))).toBe('2022Q1'); // 2022Q1 due 04-06
  });

  it('before a deadline the quarter before is chased, and the reason says how to see the one not yet due', () => {
    const c = chooseQuarter('collection', facts('2021Q2', [2021], '2021-10-06'))!;
    expect(formatPeriod(c.period)).toBe('2021Q2');
    expect(c.why).toContain('2021Q3 的截止日期 2021-10-08 还没到,要看其报送情况请加 --quarter 2021Q3');
  });

  it('with no returns: check has nothing to show, overdue goes by the deadlines within the plan years', () => {
    expect(chooseQuarter('data', facts(null, [2021], '2021-10-15'))).toBeNull();
    expect(pick('collection', facts(null, [2021], '2021-10-15'))).toBe('2021Q3');
    expect(pick('collection', facts(null, [2021], '2020-12-01'))).toBe('2021Q1');
    const after = chooseQuarter('collection', facts(null, [2021], '2026-11-28'))!;
    expect(formatPeriod(after.period)).toBe('2021Q4');
    expect(after.why).toContain('数据库中只有 2021 年的方案,取 2021Q4');
  });

  it('an import batch belongs to the last quarter ended on its receipt day', () => {
    expect(pick('receipt', facts(null, [2021], '2021-10-03'))).toBe('2021Q3');
    expect(pick('receipt', facts(null, [2021], '2022-01-04'))).toBe('2021Q4');
  });
});
