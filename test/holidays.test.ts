// The bundled calendars 2021–2026 (State Council notices) and the deadlines they give, the yearly
// calendar model, and a calendar typed on the command line (calendar set).
import { describe, expect, it } from 'vitest';
import { loadCalendars } from '../src/data.js';
import { calendarFromOptions } from '../src/app/options.js';
import { calendarReport } from '../src/domain/calendar-report.js';
import { deadline, missingCalendarWarning } from '../src/domain/deadline.js';
import type { Period, Quarter } from '../src/domain/period.js';

const BUNDLED = loadCalendars(null);
const q = (year: number, quarter: Quarter): Period => ({ year, quarter });

describe('bundled calendars', () => {
  it('hold every year 2021–2026, each naming its notice and number', () => {
    expect([...BUNDLED.keys()].sort()).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    const numbers: Record<number, string> = {
      2021: '国办发明电〔2020〕27号',
      2022: '国办发明电〔2021〕11号',
      2023: '国办发明电〔2022〕16号',
      2024: '国办发明电〔2023〕7号',
      2025: '国办发明电〔2024〕12号',
      2026: '国办发明电〔2025〕7号',
    };
    for (const [year, cal] of BUNDLED) {
      expect(cal.source).toBe(`国务院办公厅关于${year}年部分节假日安排的通知(${numbers[year]})`);
      expect(cal.kind).toBe('bundled');
    }
  });

  it('from 2025 春节 starts on 除夕 and is 8 days (2026: 9), 劳动节 5 days with one make-up day', () => {
    const span = (year: number, name: string) => BUNDLED.get(year)!.holidays.find((h) => h.name === name)!;
    expect(span(2025, '春节')).toEqual({ name: '春节', from: '2025-01-28', to: '2025-02-04' });
    expect(span(2026, '春节')).toEqual({ name: '春节', from: '2026-02-15', to: '2026-02-23' });
    expect(BUNDLED.get(2025)!.workdays.filter((w) => w.name === '劳动节调休').map((w) => w.date)).toEqual(['2025-04-27']);
    expect(BUNDLED.get(2026)!.workdays.filter((w) => w.name === '劳动节调休').map((w) => w.date)).toEqual(['2026-05-09']);
    // 2023 元旦 ran 2022-12-31 to 2023-01-02: only the year's own days are in its file.
    expect(span(2023, '元旦')).toEqual({ name: '元旦', from: '2023-01-01', to: '2023-01-02' });
    expect(span(2026, '元旦')).toEqual({ name: '元旦', from: '2026-01-01', to: '2026-01-03' });
  });
});

describe('the four deadlines of each year (季后5日, 遇节假日顺延)', () => {
  // Derived by hand from the notices: 3-31/6-30/9-30/12-31 + 5 days, rolled past weekends and holidays.
  const expected: Record<number, [string, string, string, string]> = {
    2021: ['2021-04-06', '2021-07-05', '2021-10-08', '2022-01-05'], // 4-05 清明; 10-05..07 国庆
    2022: ['2022-04-06', '2022-07-05', '2022-10-08', '2023-01-05'], // 4-05 清明; 10-08 a Saturday worked
    2023: ['2023-04-06', '2023-07-05', '2023-10-07', '2024-01-05'], // 4-05 清明 (1 day); 10-07 a Saturday worked
    2024: ['2024-04-07', '2024-07-05', '2024-10-08', '2025-01-06'], // 4-05..06 清明, 4-07 a Sunday worked; 2025-01-05 Sunday
    2025: ['2025-04-07', '2025-07-07', '2025-10-09', '2026-01-05'], // 国庆、中秋 to 10-08
    2026: ['2026-04-07', '2026-07-06', '2026-10-08', '2027-01-05'], // Q4 in 2027: no calendar, weekends only
  };
  for (const [year, dates] of Object.entries(expected)) {
    it(`${year}: ${dates.join(', ')}`, () => {
      const got = ([1, 2, 3, 4] as Quarter[]).map((quarter) => deadline(q(Number(year), quarter), 5, BUNDLED).date);
      expect(got).toEqual(dates);
    });
  }

  it('rolls over 清明 and 国庆 with the holiday named', () => {
    expect(deadline(q(2022, 1), 5, BUNDLED).skipped).toEqual([{ date: '2022-04-05', reason: '清明节' }]);
    expect(deadline(q(2023, 1), 5, BUNDLED).skipped).toEqual([{ date: '2023-04-05', reason: '清明节' }]);
    expect(deadline(q(2026, 1), 5, BUNDLED).skipped).toEqual([
      { date: '2026-04-05', reason: '清明节' },
      { date: '2026-04-06', reason: '清明节' },
    ]);
    expect(deadline(q(2025, 3), 5, BUNDLED).skipped.map((s) => s.reason)).toEqual(['国庆节、中秋节', '国庆节、中秋节', '国庆节、中秋节', '国庆节、中秋节']);
    expect(deadline(q(2024, 3), 5, BUNDLED).skipped.map((s) => s.date)).toEqual(['2024-10-05', '2024-10-06', '2024-10-07']);
  });

  it('rolls over 元旦 of the next year (季后1日 lands on 1 January)', () => {
    const newYear = (year: number) => deadline(q(year, 4), 1, BUNDLED);
    expect(newYear(2021)).toMatchObject({ nominal: '2022-01-01', date: '2022-01-04' }); // 元旦 1-01..1-03
    expect(newYear(2022)).toMatchObject({ nominal: '2023-01-01', date: '2023-01-03' }); // 元旦 1-01..1-02
    expect(newYear(2023)).toMatchObject({ nominal: '2024-01-01', date: '2024-01-02' }); // 元旦 1-01
    expect(newYear(2024)).toMatchObject({ nominal: '2025-01-01', date: '2025-01-02' }); // 元旦 1-01 (Wednesday)
    expect(newYear(2024).skipped).toEqual([{ date: '2025-01-01', reason: '元旦' }]);
    // 元旦 2026 is 1-01..1-03 and Sunday 1-04 is worked: the deadline is that Sunday.
    expect(newYear(2025)).toMatchObject({ nominal: '2026-01-01', date: '2026-01-04', missingCalendars: [] });
  });

  it('lands on a make-up working day: a weekend worked counts as a working day', () => {
    // 2022Q3: 10-05 in 国庆 (10-01..10-07), Saturday 10-08 is worked.
    expect(deadline(q(2022, 3), 5, BUNDLED)).toMatchObject({ nominal: '2022-10-05', date: '2022-10-08', rolled: true });
    // 2023Q3: 中秋、国庆 9-29..10-06, Saturday 10-07 is worked.
    expect(deadline(q(2023, 3), 5, BUNDLED)).toMatchObject({ date: '2023-10-07', rolled: true });
    // 2024Q1: 清明 4-04..4-06, Sunday 4-07 is worked.
    expect(deadline(q(2024, 1), 5, BUNDLED)).toMatchObject({ date: '2024-04-07', rolled: true });
    // Without rolling: the nominal day itself is a worked Saturday.
    expect(deadline(q(2025, 3), 11, BUNDLED)).toMatchObject({ nominal: '2025-10-11', date: '2025-10-11', rolled: false });
    expect(deadline(q(2026, 3), 10, BUNDLED)).toMatchObject({ nominal: '2026-10-10', date: '2026-10-10', rolled: false });
    // Were Saturday 10-08 not worked, the deadline would roll on to Monday.
    const noMakeUp = new Map(BUNDLED);
    noMakeUp.set(2022, { ...BUNDLED.get(2022)!, workdays: [] });
    expect(deadline(q(2022, 3), 5, noMakeUp).date).toBe('2022-10-10');
  });

  it('a deadline in a year without a calendar: weekends only, and the warning names the command', () => {
    expect(deadline(q(2026, 4), 5, BUNDLED)).toMatchObject({ date: '2027-01-05', missingCalendars: [2027] });
    const w = missingCalendarWarning(2027);
    expect(w).toContain('缺少 2027 年的节假日安排,截止日期只按周末顺延');
    expect(w).toContain('jiuye calendar add 文件');
    expect(w).toContain('jiuye calendar set 2027 --holiday 起..止=名称 --workday 日期=名称');
  });
});

describe('calendarReport', () => {
  const report = (year: number, days = 5) => calendarReport({ year, calendars: BUNDLED, planYear: 2021, deadline: { daysAfterQuarterEnd: days, rule: '' } });

  it('lists the holidays with their length, the make-up days with their weekday, and the four deadlines', () => {
    const r = report(2022);
    expect(r.calendar).toMatchObject({ kind: 'bundled', loadedFrom: null, storedAt: null });
    expect(r.calendar!.holidays[1]).toEqual({ name: '春节', from: '2022-01-31', to: '2022-02-06', days: 7 });
    expect(r.calendar!.workdays[5]).toEqual({ name: '国庆节调休', date: '2022-10-08', weekday: '周六' });
    expect(r.deadlines.map((d) => [d.period, d.date, d.makeUpDay, d.calendarYear])).toEqual([
      ['2022Q1', '2022-04-06', null, 2022],
      ['2022Q2', '2022-07-05', null, 2022],
      ['2022Q3', '2022-10-08', '国庆节调休', 2022],
      ['2022Q4', '2023-01-05', null, 2023],
    ]);
    expect(r.deadlineRule).toEqual({ planYear: 2021, daysAfterQuarterEnd: 5, rule: '' });
    expect(r.calendars.map((c) => `${c.year}:${c.kind}`)).toEqual(['2021:bundled', '2022:bundled', '2023:bundled', '2024:bundled', '2025:bundled', '2026:bundled']);
    expect(r.warnings).toEqual([]);
  });

  it('a year with no calendar: none, deadlines by weekends, one warning per missing year', () => {
    const r = report(2027);
    expect(r.calendar).toBeNull();
    expect(r.deadlines.map((d) => d.date)).toEqual(['2027-04-05', '2027-07-05', '2027-10-05', '2028-01-05']);
    expect(r.warnings).toEqual([missingCalendarWarning(2027), missingCalendarWarning(2028)]);
    expect(report(2026).warnings).toEqual([missingCalendarWarning(2027)]);
  });
});

describe('calendarFromOptions (calendar set)', () => {
  it('reads ranges, single days, 月-日 of the year and names; defaults the names', () => {
    const c = calendarFromOptions(2027, ['01-01..01-03=元旦', '2027年2月6日~2027年2月12日=春节', '６月９日'], ['2027-02-20=春节调休', '1.30'], '通知');
    expect(c).toMatchObject({ year: 2027, source: '通知', kind: 'stored' });
    expect(c.holidays).toEqual([
      { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
      { name: '春节', from: '2027-02-06', to: '2027-02-12' },
      { name: '法定节假日', from: '2027-06-09', to: '2027-06-09' },
    ]);
    expect(c.workdays).toEqual([
      { name: '春节调休', date: '2027-02-20' },
      { name: '调休上班', date: '2027-01-30' },
    ]);
  });

  it('names each bad value by its option and what was typed, all at once', () => {
    let message = '';
    try {
      calendarFromOptions(2027, ['02-30..03-01=春节', '10-07..10-01=国庆节', '2026-12-31..01-01=元旦', '01-01..=x'], ['02-08', '10-02=国庆节调休'], '');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('jiuye calendar set 2027 的参数 有 5 处错误');
    expect(message).toContain('第 1 个 --holiday“02-30..03-01=春节”的起始日: "2027-02-30" 不是有效日期');
    expect(message).toContain('第 2 个 --holiday“10-07..10-01=国庆节”: 起始日 2027-10-07 晚于结束日 2027-10-01');
    expect(message).toContain('第 3 个 --holiday“2026-12-31..01-01=元旦”的起始日: 2026-12-31 不在 2027 年内(跨年的假期只写 2027 年内的日子)');
    expect(message).toContain('第 4 个 --holiday“01-01..=x”的结束日: 缺少结束日');
    expect(message).toContain('第 1 个 --workday“02-08”: 2027-02-08 是周一,调休上班日应为周六或周日');
    // A Saturday inside a holiday cannot also be worked.
    expect(() => calendarFromOptions(2027, ['10-01..10-07=国庆节'], ['10-02=国庆节调休'], '')).toThrow(
      '第 1 个 --workday“10-02=国庆节调休”: 2027-10-02 同时列在放假日 国庆节(2027-10-01–2027-10-07)中',
    );
  });
});
