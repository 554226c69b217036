// jiuye overdue: deadlines, receipt, contacts, calendars beside the database, the 催报通知.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbIn, fill, threeQuarters } from './fill.js';
import { initialisedWorkspace, jiuye, rawDefaultPlan, tempDir, testIo } from './helpers.js';

const ws = initialisedWorkspace();
const { at, json } = ws;

describe('overdue', () => {
  it('--as-of --json: deadline 2021-10-08 after 国庆, each unit on time, late or overdue, with its contact', async () => {
    fill(dbIn(ws.dir), threeQuarters());
    const r = await json(['overdue', '--as-of', '2021-10-15']);
    expect(r).toMatchObject({ period: '2021Q3', asOf: '2021-10-15', dayCount: 'calendar', warnings: [] });
    expect(r.deadline).toMatchObject({ date: '2021-10-08', nominal: '2021-10-05', rolled: true });
    const u = (code: string) => r.units.find((x: any) => x.unit === code);
    expect(u('liedong')).toMatchObject({ status: 'on_time', receivedOn: '2021-10-08' });
    expect(u('liexi')).toMatchObject({ status: 'late', daysLate: 3, statusText: '逾期报送(3天)' });
    expect(u('chenda')).toMatchObject({ status: 'overdue', daysOverdue: 7, contact: { filledBy: 'chenda联系人', phone: '0598-830002', period: '2021Q2' } });
    expect(u('renshe')).toMatchObject({ status: 'overdue', contact: null });
    expect(r.counts).toEqual({ expected: 22, received: 5, onTime: 4, late: 1, overdue: 17, pending: 0, near: 0 });
  });

  it('defaults to the quarter being collected: the latest whose deadline has passed, and says why', async () => {
    fill(dbIn(ws.dir), threeQuarters());
    // 2021-10-06: the Q3 deadline (10-08) has not passed, so Q2 is still the one chased; the line says how to see Q3.
    const early = await jiuye(['overdue', '--json'], at({ now: new Date(2021, 9, 6, 9) }));
    expect(JSON.parse(early.out)).toMatchObject({ period: '2021Q2', asOf: '2021-10-06' });
    expect(early.err).toContain('季度:2021Q2(未指定 --quarter,取截至 2021-10-06 报送截止日期(2021-07-05)已过的最近一个季度;2021Q3 的截止日期 2021-10-08 还没到,要看其报送情况请加 --quarter 2021Q3)');
    const pending = JSON.parse((await jiuye(['overdue', '--quarter', '2021Q3', '--json'], at({ now: new Date(2021, 9, 6, 9) }))).out);
    expect(pending.units.find((x: any) => x.unit === 'liedong')).toMatchObject({ status: 'pending', daysLeft: 2, near: true }); // received later
    expect(JSON.parse((await jiuye(['overdue', '--json'], at({ now: new Date(2021, 9, 9, 9) }))).out)).toMatchObject({ period: '2021Q3' });
    const jan = JSON.parse((await jiuye(['overdue', '--json'], at({ now: new Date(2022, 0, 6, 9) }))).out);
    expect(jan).toMatchObject({ period: '2021Q4', deadline: { date: '2022-01-05' } });
  });

  it('with the clock years past the plans, asks for --quarter naming the plan years, as the overview does', async () => {
    fill(dbIn(ws.dir), threeQuarters());
    const now = new Date(2026, 10, 28, 9);
    const r = await jiuye(['overdue'], at({ now }));
    expect(r.code).toBe(1);
    expect(r.err).toContain('截至 2026-11-28,报送截止日期已过的最近一个季度是 2026Q3,但数据库中只有 2021 年的方案。请用 --quarter 指定有方案的季度,如 --quarter 2021Q4');
    // What it names runs.
    expect((await jiuye(['overdue', '--quarter', '2021Q4'], at({ now }))).code).toBe(0);
    expect((await jiuye([], at({ now }))).out).toMatch(/jiuye overdue --quarter 2021Q4 /);
  });

  it('in the year after the plan, leads to plan new', async () => {
    fill(dbIn(ws.dir), threeQuarters());
    const r = await jiuye(['overdue'], at({ now: new Date(2022, 3, 20) }));
    expect(r.code).toBe(1);
    expect(r.err).toContain('先运行 jiuye plan new 2022 建立 2022 年的方案,或用 --quarter 指定有方案的季度,如 --quarter 2021Q4');
  });

  it('prints the table by urgency, the summary naming every late and missing unit, and the legend on calendar days', async () => {
    fill(dbIn(ws.dir), threeQuarters());
    const r = await jiuye(['overdue', '--quarter', '2021Q3', '--as-of', '2021-10-15'], at());
    expect(r.code).toBe(0);
    expect(r.out).toContain('截止日期:2021-10-08 周五(2021-10-05 逢国庆节,顺延)');
    expect(r.out).toMatch(/│ 镇街 │ 陈大镇 +│ 未报送·已逾期\(7天\) │ — +│ chenda联系人 0598-830002 \(2021Q2\) +│/);
    expect(r.out).toContain('逾期、剩余天数均按自然日计算');
    // Every unit not in and every late one is named; units with the same days share the bracket.
    const missing = JSON.parse((await jiuye(['overdue', '--quarter', '2021Q3', '--as-of', '2021-10-15', '--json'], at())).out).units.filter((u: any) => u.status === 'overdue');
    const summary = r.out.replace(/\n  /g, ''); // a long summary line wraps with a hanging indent
    expect(summary).toContain(`逾期未报:${missing.map((u: any) => u.name).join('、')}(7天)\n`);
    expect(summary).toContain('逾期报送:列西街道(3天)\n');
    // Urgency order: every overdue unit, then the late one, then those on time.
    const order = r.out.split('\n').filter((l) => /^│ (镇街|部门) /.test(l)).map((l) => l.split('│')[3].trim());
    const rank = (s: string) => (s.startsWith('未报送·已逾期') ? 0 : s.startsWith('逾期报送') ? 1 : 2);
    expect(order.map(rank)).toEqual([...order.map(rank)].sort());
    expect(order[0]).toMatch(/^未报送·已逾期/);
    expect(order.at(-1)).toBe('按时');
  });

  it('near the deadline: the units not yet in come first, nearest deadline first, and the summary names them', async () => {
    fill(dbIn(ws.dir), threeQuarters());
    const r = await jiuye(['overdue', '--quarter', '2021Q3', '--as-of', '2021-10-06'], at());
    expect(r.out).toContain('临近截止:');
    expect(r.out.replace(/\n  /g, '')).toMatch(/临近截止:[^\n]*\(还有2天\)\n/);
    expect(r.out).not.toContain('│ 按时');
  });

  it('--notice writes a 催报通知 naming the overdue units, and will not overwrite without --force', async () => {
    fill(dbIn(ws.dir), threeQuarters());
    const r = await jiuye(['overdue', '--as-of', '2021-10-15', '--notice', '催报.txt'], at());
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('已写出催报通知');
    const raw = readFileSync(join(ws.dir, '催报.txt'), 'utf8');
    expect(raw.startsWith('\uFEFF')).toBe(true);
    expect(raw).toContain('\r\n');
    const text = raw.slice(1).replace(/\r\n/g, '\n');
    expect(text.split('\n')[0]).toBe('关于尽快报送2021年第三季度就业工作季度报表的催报通知');
    expect(text).toContain('三明市梅列区陈大镇人民政府');
    expect(text).not.toContain('三明市梅列区列西街道办事处'); // late, but in
    expect(text).toContain('应于2021年10月8日前报送');
    const again = await jiuye(['overdue', '--as-of', '2021-10-15', '--notice', '催报.txt'], at());
    expect(again.code).toBe(1);
    expect(again.err).toContain('已存在,未覆盖');
    expect((await jiuye(['overdue', '--as-of', '2021-10-15', '--notice', '催报.txt', '--force'], at())).code).toBe(0);
  });

  it('--notice with nobody overdue writes nothing and says so', async () => {
    const r = await jiuye(['overdue', '--quarter', '2021Q3', '--as-of', '2021-10-01', '--notice', 'n.txt'], at());
    expect(r.code).toBe(0);
    expect(r.err).toContain('截至 2021-10-01 没有逾期未报的单位,未写催报通知');
    expect(existsSync(join(ws.dir, 'n.txt'))).toBe(false);
  });

  it('reads a calendar from holidays/ beside the database, and names a bad one', async () => {
    mkdirSync(join(ws.dir, 'holidays'));
    writeFileSync(join(ws.dir, 'holidays', '2021.json'), JSON.stringify({ year: 2021, holidays: [{ name: '测试假', from: '2021-07-05', to: '2021-07-06' }], workdays: [] }));
    const r = await json(['overdue', '--quarter', '2021Q2', '--as-of', '2021-07-10']);
    expect(r.deadline).toMatchObject({ date: '2021-07-07', skipped: [{ date: '2021-07-05', reason: '测试假' }, { date: '2021-07-06', reason: '测试假' }] });
    writeFileSync(join(ws.dir, 'holidays', '2021.json'), JSON.stringify({ year: 2021, holidays: [], workdays: [{ name: '调休', date: '2021-07-07' }] }));
    const bad = await jiuye(['overdue', '--quarter', '2021Q2'], at());
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`节假日安排文件 ${join(ws.dir, 'holidays', '2021.json')} 有 1 处错误`);
    expect(bad.err).toContain('2021-07-07 是周三,调休上班日应为周六或周日');
  });

  it('a year without a calendar: a warning on stderr and in --json, weekends only', async () => {
    const d = tempDir();
    const plan = rawDefaultPlan();
    plan.year = 2030;
    writeFileSync(join(d, 'p.json'), JSON.stringify(plan));
    expect((await jiuye(['init', '--plan', 'p.json'], testIo({ cwd: d }))).code).toBe(0);
    const r = await jiuye(['overdue', '--quarter', '2030Q1', '--as-of', '2030-04-10', '--json'], testIo({ cwd: d }));
    expect(r.code).toBe(0);
    expect(r.err).toContain('注意:缺少 2030 年的节假日安排,截止日期只按周末顺延');
    expect(JSON.parse(r.out).warnings[0]).toContain('缺少 2030 年的节假日安排');
    expect(JSON.parse(r.out).deadline.date).toBe('2030-04-05'); // a Friday
  });

  it('refuses a bad --as-of with exit 2', async () => {
    const r = await jiuye(['overdue', '--as-of', '2021-13-01'], at());
    expect(r.code).toBe(2);
    expect(r.err).toContain('--as-of 的取值“2021-13-01”不是有效日期');
  });
});
