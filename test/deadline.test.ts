// Deadlines across the 2021 holidays and weekends, make-up working days, calendar checks, and who is overdue.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendars } from '../src/data.js';
import { dayKind, validateCalendar } from '../src/domain/calendar.js';
import { addDays, daysBetween, parseDate } from '../src/domain/dates.js';
import { deadline, overdueReport, reminderNotice, type ReceivedReturn } from '../src/domain/deadline.js';
import type { Period } from '../src/domain/period.js';
import { PLAN, ret } from './fill.js';
import { tempDir } from './helpers.js';

const EMBEDDED = loadCalendars(null);
const q = (year: number, quarter: 1 | 2 | 3 | 4): Period => ({ year, quarter });

describe('dates', () => {
  it('counts calendar days and reads the ways a date is written', () => {
    expect(daysBetween('2021-09-30', '2021-10-08')).toBe(8);
    expect(daysBetween('2021-10-08', '2021-10-05')).toBe(-3);
    expect(addDays('2021-12-31', 5)).toBe('2022-01-05');
    expect(['2021-10-15', '2021/10/15', '2021.10.5', '2021年10月15日', '２０２１-１０-１５'].map(parseDate)).toEqual([
      '2021-10-15', '2021-10-15', '2021-10-05', '2021-10-15', '2021-10-15',
    ]);
    expect(parseDate('2021-02-30')).toBeNull();
    expect(parseDate('10-15')).toBeNull();
  });
});

describe('deadline (季后5日, 遇节假日顺延)', () => {
  it('2021Q1: 3-31 + 5 = 4-5 is 清明 (4-3..4-5) → 2021-04-06', () => {
    const d = deadline(q(2021, 1), 5, EMBEDDED);
    expect(d).toMatchObject({ quarterEnd: '2021-03-31', nominal: '2021-04-05', date: '2021-04-06', rolled: true, missingCalendars: [] });
    expect(d.skipped).toEqual([{ date: '2021-04-05', reason: '清明节' }]);
  });

  it('2021Q2: 2021-07-05 is a Monday and stays', () => {
    expect(deadline(q(2021, 2), 5, EMBEDDED)).toMatchObject({ date: '2021-07-05', rolled: false, skipped: [] });
  });

  it('2021Q3: 10-5 falls in 国庆 (10-1..10-7) → Friday 2021-10-08', () => {
    const d = deadline(q(2021, 3), 5, EMBEDDED);
    expect(d.date).toBe('2021-10-08');
    expect(d.skipped.map((s) => s.date)).toEqual(['2021-10-05', '2021-10-06', '2021-10-07']);
  });

  it('2021Q4: 2022-01-05, read from the 2022 calendar', () => {
    expect(deadline(q(2021, 4), 5, EMBEDDED)).toMatchObject({ date: '2022-01-05', missingCalendars: [] });
  });

  it('a make-up working day on a weekend counts as a working day', () => {
    // 9-30 + 9 = 2021-10-09, a Saturday worked for 国庆.
    expect(deadline(q(2021, 3), 9, EMBEDDED)).toMatchObject({ date: '2021-10-09', rolled: false });
    // 3-31 + 2 = 2022-04-02, a Saturday worked for 清明.
    expect(deadline(q(2022, 1), 2, EMBEDDED)).toMatchObject({ date: '2022-04-02', rolled: false });
    expect(dayKind('2021-09-26', EMBEDDED)).toEqual({ working: true, reason: '国庆节调休', known: true });
  });

  it('an ordinary weekend rolls to Monday', () => {
    // 6-30 + 3 = 2021-07-03, a Saturday.
    const d = deadline(q(2021, 2), 3, EMBEDDED);
    expect(d.date).toBe('2021-07-05');
    expect(d.skipped).toEqual([{ date: '2021-07-03', reason: '周六' }, { date: '2021-07-04', reason: '周日' }]);
  });

  it('a missing calendar: weekends only, and the year is named', () => {
    const only2021 = new Map([[2021, EMBEDDED.get(2021)!]]);
    // 12-31 + 1 = 2022-01-01: a holiday to 01-03 with the calendar; a Saturday without it.
    expect(deadline(q(2021, 4), 1, EMBEDDED).date).toBe('2022-01-04');
    expect(deadline(q(2021, 4), 1, only2021)).toMatchObject({ date: '2022-01-03', missingCalendars: [2022] });
    // Only the years actually consulted count: 2021Q3 does not need 2022.
    expect(deadline(q(2021, 3), 5, only2021).missingCalendars).toEqual([]);
  });
});

describe('validateCalendar', () => {
  const good = { year: 2023, source: 'test', holidays: [{ name: '元旦', from: '2023-01-01', to: '2023-01-02' }], workdays: [{ name: '春节调休', date: '2023-01-28' }] };

  it('accepts a well-formed calendar', () => {
    expect(validateCalendar(good, 'x.json')).toMatchObject({ year: 2023, holidays: [{ name: '元旦' }], workdays: [{ date: '2023-01-28' }] });
  });

  it('refuses bad dates, dates outside the year, from after to, a weekday make-up day, naming the file', () => {
    const bad = {
      year: 2023,
      holidays: [
        { name: '春节', from: '2023-01-27', to: '2023-01-21' },
        { name: '清明', from: '2023-04-31', to: '2023-04-05' },
        { name: '元旦', from: '2022-12-31', to: '2023-01-02' },
      ],
      workdays: [{ name: '调休', date: '2023-04-24' }],
    };
    let message = '';
    try {
      validateCalendar(bad, '/data/holidays/2023.json');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('节假日安排文件 /data/holidays/2023.json 有 4 处错误');
    expect(message).toContain('holidays[0]: 起始日 2023-01-27 晚于结束日 2023-01-21');
    expect(message).toContain('holidays[1].from: "2023-04-31" 不是有效日期');
    expect(message).toContain('holidays[2].from: 2022-12-31 不在 2023 年内');
    expect(message).toContain('workdays[0].date: 2023-04-24 是周一,调休上班日应为周六或周日');
  });
});

describe('loadCalendars', () => {
  it('a user file replaces the embedded calendar of its year; a bad one is refused by name', () => {
    const dir = tempDir();
    const holidays = join(dir, 'holidays');
    mkdirSync(holidays);
    writeFileSync(join(holidays, '2021.json'), JSON.stringify({ year: 2021, holidays: [{ name: '测试假', from: '2021-07-05', to: '2021-07-05' }], workdays: [] }));
    const cals = loadCalendars(holidays);
    expect(cals.get(2021)!.origin).toBe(join(holidays, '2021.json'));
    expect(deadline(q(2021, 2), 5, cals).date).toBe('2021-07-06');
    expect(cals.get(2022)!.source).toContain('国办发明电');

    writeFileSync(join(holidays, '2023.json'), JSON.stringify({ year: 2024, holidays: [], workdays: [] }));
    expect(() => loadCalendars(holidays)).toThrow(`节假日安排文件 ${join(holidays, '2023.json')} 的文件名是 2023 年,内容却是 2024 年`);
    writeFileSync(join(holidays, '2023.json'), '{ "year": 2023, ');
    expect(() => loadCalendars(holidays)).toThrow(`节假日安排文件 ${join(holidays, '2023.json')} 不是有效的 JSON`);
  });
});

describe('overdueReport', () => {
  const received = (unit: string, period: string, receivedOn: string, contact: { filledBy?: string | null; phone?: string | null } = {}): ReceivedReturn => ({
    ...ret(unit, period, contact),
    receivedOn,
  });
  const returns = [
    received('liedong', '2021Q3', '2021-10-08'), // on the deadline
    received('liexi', '2021Q3', '2021-10-11'), // three days late
    received('xubi', '2021Q2', '2021-07-02', { filledBy: '王五', phone: '13800000000' }), // Q3 not in
    received('chenda', '2021Q3', '2021-10-20'), // after the as-of day: not yet received then
  ];
  const at = (asOf: string) => overdueReport({ plan: PLAN, period: q(2021, 3), asOf, returns, calendars: EMBEDDED });
  const unit = (r: ReturnType<typeof at>, code: string) => r.units.find((u) => u.unit === code)!;

  it('on time on the deadline day, late after it, overdue when missing past it', () => {
    const r = at('2021-10-15');
    expect(r.deadline).toMatchObject({ date: '2021-10-08', nominal: '2021-10-05', daysAfterQuarterEnd: 5 });
    expect(unit(r, 'liedong')).toMatchObject({ status: 'on_time', statusText: '按时', receivedOn: '2021-10-08', daysLate: 0 });
    expect(unit(r, 'liexi')).toMatchObject({ status: 'late', statusText: '逾期报送(3天)', daysLate: 3 });
    expect(unit(r, 'xubi')).toMatchObject({ status: 'overdue', statusText: '未报送·已逾期(7天)', daysOverdue: 7 });
    expect(unit(r, 'chenda')).toMatchObject({ status: 'overdue', receivedOn: null });
    expect(r.counts).toEqual({ expected: 22, received: 2, onTime: 1, late: 1, overdue: 20, pending: 0, near: 0 });
    expect(r.dayCount).toBe('calendar');
    expect(r.warnings).toEqual([]);
  });

  it('not yet due: days left, and 临近 within nearDays (3) but not at 4', () => {
    expect(unit(at('2021-10-04'), 'xubi')).toMatchObject({ status: 'pending', daysLeft: 4, near: false, statusText: '未报送·未到期(还有4天)' });
    expect(unit(at('2021-10-05'), 'xubi')).toMatchObject({ status: 'pending', daysLeft: 3, near: true, statusText: '未报送·未到期(还有3天,临近)' });
    expect(unit(at('2021-10-08'), 'xubi')).toMatchObject({ status: 'pending', daysLeft: 0, near: true, statusText: '未报送·未到期(今日截止,临近)' });
    expect(unit(at('2021-10-09'), 'xubi')).toMatchObject({ status: 'overdue', daysOverdue: 1 });
  });

  it('the contact comes from the unit’s last return, an earlier quarter if need be', () => {
    const r = at('2021-10-15');
    expect(unit(r, 'xubi').contact).toEqual({ filledBy: '王五', phone: '13800000000', period: '2021Q2' });
    expect(unit(r, 'liedong').contact).toEqual({ filledBy: 'liedong填报人', phone: '0598-8000000', period: '2021Q3' });
    expect(unit(r, 'renshe').contact).toBeNull();
  });

  it('a missing calendar is a warning in the report that names the command storing one', () => {
    const r = overdueReport({ plan: PLAN, period: q(2021, 4), asOf: '2022-01-10', returns: [], calendars: new Map([[2021, EMBEDDED.get(2021)!]]) });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('缺少 2022 年的节假日安排,截止日期只按周末顺延');
    expect(r.warnings[0]).toContain('请用 jiuye calendar add 文件');
    expect(r.warnings[0]).toContain('jiuye calendar set 2022 --holiday');
  });

  it('the 催报通知 names the overdue units, the quarter and the deadline; none when nobody is overdue', () => {
    const text = reminderNotice(at('2021-10-15'), PLAN)!;
    expect(text.split('\n')[0]).toBe('关于尽快报送2021年第三季度就业工作季度报表的催报通知');
    expect(text).toContain('三明市梅列区徐碧街道办事处、');
    expect(text).not.toContain('三明市梅列区列东街道办事处'); // on time
    expect(text).not.toContain('三明市梅列区列西街道办事处'); // late but in
    expect(text).toContain('应于2021年10月8日前报送');
    expect(text).toContain('截至2021年10月15日');
    expect(text).toContain('三明市梅列区徐碧街道办事处:已逾期7天');
    expect(text).toContain('天数按自然日计算');
    expect(text).toMatch(/\n\s+梅列区就业工作领导小组办公室\n/);
    expect(reminderNotice(at('2021-10-04'), PLAN)).toBeNull();
  });
});
