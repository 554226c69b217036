// The one rule for the default quarter: the latest with data (check, warn, report), the one being
// collected (overdue and the overview), the one a batch received on a day belongs to (import); and
// never a quarter of a year without a plan.
import { describe, expect, it } from 'vitest';
import { loadCalendars } from '../src/data.js';
import { deadline } from '../src/domain/deadline.js';
import { formatPeriod, parsePeriod, type Period } from '../src/domain/period.js';
import { collectionChoice, dataQuarter, isOutside, outsideText, receiptChoice, type OutsidePlans, type QuarterChoice, type QuarterFacts } from '../src/domain/quarter-choice.js';

const calendars = loadCalendars(null);
const facts = (latest: string | null, years: number[], asOf: string): QuarterFacts => ({
  latestWithData: latest ? parsePeriod(latest) : null,
  planYears: years,
  asOf,
  deadline: (p: Period) => deadline(p, 5, calendars).date,
});
const chosen = (c: QuarterChoice | OutsidePlans): QuarterChoice => {
  if (isOutside(c)) throw new Error(`outside the plans: ${formatPeriod(c.wanted)}`);
  return c;
};
const outside = (c: QuarterChoice | OutsidePlans): OutsidePlans => {
  if (!isOutside(c)) throw new Error(`chose ${formatPeriod(c.period)}`);
  return c;
};
const pick = (f: QuarterFacts) => formatPeriod(chosen(collectionChoice(f)).period);

describe('the default quarter', () => {
  it('check, warn and report look at the latest quarter with returns, and with none have nothing to show', () => {
    expect(formatPeriod(dataQuarter(facts('2021Q3', [2021], '2026-11-28'))!.period)).toBe('2021Q3');
    expect(dataQuarter(facts(null, [2021], '2021-10-15'))).toBeNull();
  });

  it('January with 2022 added and 2021Q4 in: overdue chases 2021Q4 until its deadline has passed, then 2022Q1 once due', () => {
    expect(pick(facts('2021Q4', [2021, 2022], '2022-01-20'))).toBe('2021Q4');
    expect(pick(facts('2021Q3', [2021, 2022], '2022-01-05'))).toBe('2021Q3'); // the Q4 deadline is that day
    expect(pick(facts('2021Q3', [2021, 2022], '2022-01-06'))).toBe('2021Q4');
    expect(pick(facts('2021Q4', [2021, 2022], '2022-04-07'))).toBe('2022Q1'); // 2022Q1 due 04-06
  });

  it('before a deadline the quarter before is chased, and the reason says how to see the one not yet due', () => {
    const c = chosen(collectionChoice(facts('2021Q2', [2021], '2021-10-06')));
    expect(formatPeriod(c.period)).toBe('2021Q2');
    expect(c.why).toContain('2021Q3 的截止日期 2021-10-08 还没到,要看其报送情况请加 --quarter 2021Q3');
  });

  it('the chased quarter goes by the deadlines, not by the data: no returns, or returns only up to Q1', () => {
    expect(pick(facts(null, [2021], '2021-10-15'))).toBe('2021Q3');
    expect(pick(facts('2021Q1', [2021], '2021-11-20'))).toBe('2021Q3');
  });

  it('a day before the first plan year chases its first quarter', () => {
    const c = chosen(collectionChoice(facts(null, [2021], '2020-12-01')));
    expect(formatPeriod(c.period)).toBe('2021Q1');
    expect(c.why).toContain('2020 年没有方案,取 2021 年的第一季度');
  });

  it('a day in the year after the last plan year leads to plan new for that year, never to a command for it', () => {
    const o = outside(collectionChoice(facts('2021Q4', [2021], '2022-04-20')));
    expect(formatPeriod(o.wanted)).toBe('2022Q1');
    expect(o.newYear).toBe(2022);
    const text = outsideText(o, 'jiuye');
    expect(text).toBe(
      '截至 2022-04-20,报送截止日期已过的最近一个季度是 2022Q1,但数据库中只有 2021 年的方案。' +
        '先运行 jiuye plan new 2022 建立 2022 年的方案,或用 --quarter 指定有方案的季度,如 --quarter 2021Q4',
    );
    // The quarter not yet due in a year without a plan is not offered either.
    const early = chosen(collectionChoice(facts('2021Q3', [2021], '2022-01-04')));
    expect(formatPeriod(early.period)).toBe('2021Q3');
    expect(early.why).toContain('要看其报送情况请加 --quarter 2021Q4'); // 2021Q4 has a plan: it may be named
    expect(chosen(collectionChoice(facts('2021Q4', [2021], '2022-04-02'))).why).not.toContain('2022Q1');
  });

  it('a day further on asks for --quarter and names the plan years; the example is the quarter after the data', () => {
    const o = outside(collectionChoice(facts('2021Q3', [2021], '2026-11-28')));
    expect(o.newYear).toBeNull();
    expect(formatPeriod(o.instead)).toBe('2021Q4');
    expect(outsideText(o, 'jiuye')).toBe('截至 2026-11-28,报送截止日期已过的最近一个季度是 2026Q3,但数据库中只有 2021 年的方案。请用 --quarter 指定有方案的季度,如 --quarter 2021Q4');
    expect(formatPeriod(outside(collectionChoice(facts(null, [2021, 2022], '2026-11-28'))).instead)).toBe('2022Q4');
  });

  it('an import batch belongs to the last quarter ended on its receipt day, within the plan years', () => {
    const f = { latestWithData: null, planYears: [2021] };
    expect(formatPeriod(chosen(receiptChoice('2021-10-03', f)).period)).toBe('2021Q3');
    expect(formatPeriod(chosen(receiptChoice('2022-01-04', f)).period)).toBe('2021Q4');
    const o = outside(receiptChoice('2026-12-06', f));
    expect(outsideText(o, 'jiuye')).toContain('按收到日期 2026-12-06,本批应为 2026Q3 的报表,但数据库中只有 2021 年的方案');
  });
});
