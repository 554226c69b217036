// jiuye calendar: the year's holidays and deadlines; calendar add|set store a year that overrides the bundled file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { initialisedWorkspace, jiuye, rawDefaultPlan, tempDir, testIo } from './helpers.js';

const ws = initialisedWorkspace();
const { json } = ws;
// These tests read what the calendar says, not how it fits a screen (the goldens do): a wide terminal.
const at = () => ws.at({ env: { COLUMNS: '200' } });

/** The rows the calendar tables hold, read behind the tool's back. */
function storedRows(dir: string): { calendars: number; days: number } {
  const db = new Database(join(dir, 'jiuye.db'), { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return { calendars: n('SELECT count(*) AS n FROM holiday_calendars'), days: n('SELECT count(*) AS n FROM holiday_calendar_days') };
  } finally {
    db.close();
  }
}

// A 2021 calendar unlike the notice: 7-05 a holiday, and Saturday 7-10 worked.
const ODD_2021 = {
  year: 2021,
  source: '测试用安排',
  holidays: [
    { name: '国庆节', from: '2021-10-01', to: '2021-10-07' },
    { name: '测试假', from: '2021-07-05', to: '2021-07-09' },
  ],
  workdays: [{ name: '测试调休', date: '2021-07-10' }],
};

describe('jiuye calendar', () => {
  it('prints the latest plan year’s holidays, make-up days and four deadlines, and where the calendar came from', async () => {
    const r = await jiuye(['calendar'], at());
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('2021 年节假日安排\n来源:国务院办公厅关于2021年部分节假日安排的通知(国办发明电〔2020〕27号)\n');
    expect(r.out).toMatch(/\n取自:内置文件 \S*data[\\/]holidays[\\/]2021\.json\n/);
    expect(r.out).toMatch(/│ 国庆节 │ 2021-10-01 周五 │ 2021-10-07 周四 │ +7 │/);
    expect(r.out).toMatch(/│ 2021-10-09 周六 │ 国庆节调休 │/);
    expect(r.out).toContain('季度报表截止日期:季后5日内报送,遇周末和法定节假日顺延至下一个工作日,调休上班日算工作日(2021 年方案)');
    expect(r.out).toMatch(/│ 2021Q1 │ 2021-03-31 │ 2021-04-05 周一 │ 2021-04-06 周二 │ 04-05 逢清明节,顺延 +│/);
    expect(r.out).toMatch(/│ 2021Q3 │ 2021-09-30 │ 2021-10-05 周二 │ 2021-10-08 周五 │ 10-05 至 10-07 逢国庆节,顺延 +│/);
    expect(r.out).toMatch(/│ 2021Q4 │ 2021-12-31 │ 2022-01-05 周三 │ 2022-01-05 周三 │ 按 2022 年的安排 +│/);
    expect(r.out).toContain('已有节假日安排的年份:2021–2026 年(内置)');
  });

  it('--year: a make-up working day is the deadline, and a year without a plan borrows the latest earlier plan’s rule', async () => {
    const r = await jiuye(['calendar', '--year', '2022'], at());
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/│ 2022Q3 │ 2022-09-30 │ 2022-10-05 周三 │ 2022-10-08 周六 │ 10-05 至 10-07 逢国庆节,顺延;10-08 是调休上班日\(国庆节调休\) +│/);
    expect(r.out).toContain('(2021 年方案的规则;数据库中没有 2022 年方案)');
    const j = await json(['calendar', '--year', '2024']);
    expect(j.deadlines.map((d: any) => d.date)).toEqual(['2024-04-07', '2024-07-05', '2024-10-08', '2025-01-06']);
    expect(j.deadlines[0]).toMatchObject({ period: '2024Q1', weekday: '周日', makeUpDay: '清明节调休', rolled: true });
    expect(j.calendar).toMatchObject({ kind: 'bundled', source: '国务院办公厅关于2024年部分节假日安排的通知(国办发明电〔2023〕7号)' });
    expect(j.deadlineRule).toMatchObject({ planYear: 2021, daysAfterQuarterEnd: 5 });
  });

  it('uses the plan’s own number of days after quarter end', async () => {
    const d = tempDir();
    const plan = rawDefaultPlan();
    plan.deadline.daysAfterQuarterEnd = 1;
    writeFileSync(join(d, 'p.json'), JSON.stringify(plan));
    expect((await jiuye(['init', '--plan', 'p.json'], testIo({ cwd: d }))).code).toBe(0);
    const r = await jiuye(['calendar', '--year', '2025', '--json'], testIo({ cwd: d }));
    expect(r.code, r.err).toBe(0);
    // 2026-01-01..03 is 元旦 and Sunday 01-04 is worked.
    expect(JSON.parse(r.out).deadlines[3]).toMatchObject({ nominal: '2026-01-01', date: '2026-01-04', makeUpDay: '元旦调休', calendarYear: 2026 });
  });

  it('a year with no calendar: says so, deadlines by weekends, and the warning names calendar add and set', async () => {
    const r = await jiuye(['calendar', '--year', '2030'], at());
    expect(r.code).toBe(0);
    expect(r.out).toContain('2030 年节假日安排:没有');
    expect(r.out).toMatch(/│ 2030Q1 │ 2030-03-31 │ 2030-04-05 周五 │ 2030-04-05 周五 │ 缺少 2030 年安排,只按周末顺延 +│/);
    expect(r.err).toContain('注意:缺少 2030 年的节假日安排');
    expect(r.err).toContain('jiuye calendar add 文件');
    expect(r.err).toContain('jiuye calendar set 2030 --holiday');
    expect(JSON.parse((await jiuye(['calendar', '--year', '2030', '--json'], at())).out).calendar).toBeNull();
  });

  it('refuses a bad --year with exit 2, and a missing database with exit 1', async () => {
    expect((await jiuye(['calendar', '--year', '25'], at())).code).toBe(2);
    const r = await jiuye(['calendar'], testIo({ cwd: tempDir() }));
    expect(r.code).toBe(1);
    expect(r.err).toContain('请先运行 jiuye init');
  });
});

describe('jiuye calendar add', () => {
  it('stores a year that then overrides the bundled file and holidays/ beside the database, in every command', async () => {
    // A user-folder file for 2021 is overridden in turn by the stored calendar.
    mkdirSync(join(ws.dir, 'holidays'));
    writeFileSync(join(ws.dir, 'holidays', '2021.json'), JSON.stringify({ year: 2021, source: '用户文件', holidays: [], workdays: [] }));
    expect((await json(['calendar'])).calendar).toMatchObject({ kind: 'file', source: '用户文件' });
    expect((await json(['overdue', '--quarter', '2021Q3', '--as-of', '2021-10-15'])).deadline.date).toBe('2021-10-05');

    writeFileSync(join(ws.dir, '2021-新.json'), JSON.stringify(ODD_2021));
    const r = await jiuye(['calendar', 'add', '2021-新.json', '--incomplete'], at());
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('已把 2021 年节假日安排存入数据库(放假 2 段,调休上班 1 天)');
    expect(r.err).toContain('今后计算截止日期用它,不再用 holidays/ 文件夹中的 2021 年文件');
    expect(r.out).toContain(`取自:数据库 ${join(ws.dir, 'jiuye.db')}(2021-10-15 存入,来自 ${join(ws.dir, '2021-新.json')};优先于内置文件和 holidays/ 文件夹)`);
    expect(r.out).toMatch(/│ 2021Q2 │ 2021-06-30 │ 2021-07-05 周一 │ 2021-07-10 周六 │ 07-05 至 07-09 逢测试假,顺延;07-10 是调休上班日\(测试调休\);2021 年安排节日不全,可能不准 +│/);
    expect(r.out).toContain('已有节假日安排的年份:2021 年(数据库)、2022–2026 年(内置)');

    const shown = await json(['calendar']);
    expect(shown.calendar).toMatchObject({ kind: 'stored', source: '测试用安排', loadedFrom: join(ws.dir, '2021-新.json') });
    // overdue, template and report all take the stored calendar.
    expect((await json(['overdue', '--quarter', '2021Q2', '--as-of', '2021-07-15'])).deadline).toMatchObject({ date: '2021-07-10', rolled: true });
    const t = await jiuye(['template', '--quarter', '2021Q2', '--unit', '列东街道', '--out', 'out'], at());
    expect(t.code, t.err).toBe(0);
    expect(t.out).toContain('截止日期 2021-07-10 周六(2021-07-05 逢测试假,顺延)');
    // No return is in: the summary is written as a 空表, for its deadline line.
    const report = await jiuye(['report', '--quarter', '2021Q2', '--as-of', '2021-07-15', '--format', 'json', '--out', 'r.json', '--allow-empty'], at());
    expect(report.code, report.err).toBe(0);
    expect(readFileSync(join(ws.dir, 'r.json'), 'utf8')).toContain('(2021-07-05 逢节假日,顺延至 2021-07-10)');
  });

  it('refuses a bad file with its place named, and writes nothing', async () => {
    writeFileSync(join(ws.dir, 'bad.json'), JSON.stringify({ ...ODD_2021, workdays: [{ name: '调休', date: '2021-07-07' }] }));
    const r = await jiuye(['calendar', 'add', 'bad.json'], at());
    expect(r.code).toBe(1);
    expect(r.err).toContain(`节假日安排文件 ${join(ws.dir, 'bad.json')} 有 1 处错误`);
    expect(r.err).toContain('workdays[0].date: 2021-07-07 是周三,调休上班日应为周六或周日');
    expect(r.out).toBe('');
    writeFileSync(join(ws.dir, 'broken.json'), '{ "year": 2027,\n  "holidays": [], }');
    const broken = await jiuye(['calendar', 'add', 'broken.json'], at());
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(`节假日安排文件 ${join(ws.dir, 'broken.json')} 不是有效的 JSON:第 2 行`);
    expect((await jiuye(['calendar', 'add', 'none.json'], at())).err).toContain('不存在');
    expect(storedRows(ws.dir)).toEqual({ calendars: 0, days: 0 });
    expect((await json(['calendar'])).calendar.kind).toBe('bundled');
  });

  it('a year already stored: refused without --replace, replaced with it (changes listed), the same file changes nothing', async () => {
    writeFileSync(join(ws.dir, 'a.json'), JSON.stringify(ODD_2021));
    expect((await jiuye(['calendar', 'add', 'a.json', '--incomplete'], at())).code).toBe(0);
    const same = await jiuye(['calendar', 'add', 'a.json', '--incomplete'], at());
    expect(same.code).toBe(0);
    expect(same.err).toContain('数据库中已存有同样的 2021 年节假日安排,未做改动');

    writeFileSync(join(ws.dir, 'b.json'), JSON.stringify({ ...ODD_2021, workdays: [] }));
    const refused = await jiuye(['calendar', 'add', 'b.json', '--incomplete'], at());
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`数据库中已存有 2021 年的节假日安排(2021-10-15 存入,来自 ${join(ws.dir, 'a.json')}),未做改动。如需替换请加 --replace`);
    expect((await json(['calendar'])).calendar.workdays).toHaveLength(1);

    const replaced = await jiuye(['calendar', 'add', 'b.json', '--replace', '--incomplete'], at());
    expect(replaced.code, replaced.err).toBe(0);
    expect(replaced.err).toContain(`替换了 2021-10-15 存入的安排(来自 ${join(ws.dir, 'a.json')}):\n  − 调休上班 测试调休 2021-07-10\n`);
    expect((await json(['calendar'])).calendar).toMatchObject({ workdays: [], loadedFrom: join(ws.dir, 'b.json') });
    expect(storedRows(ws.dir)).toEqual({ calendars: 1, days: 2 });
  });
});

describe('a year that misses a statutory holiday', () => {
  it('is refused by add and by set, naming the missing holidays and the flag, and nothing is stored; a combined 中秋节、国庆节 is whole', async () => {
    writeFileSync(join(ws.dir, '2027.json'), JSON.stringify({ year: 2027, source: '', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }, { name: '春节', from: '2027-02-06', to: '2027-02-12' }], workdays: [] }));
    const add = await jiuye(['calendar', 'add', '2027.json'], at());
    expect(add.code).toBe(1);
    expect(add.err).toContain('2027 年的节假日安排没有列出清明节、劳动节、端午节、中秋节、国庆节,未存入');
    expect(add.err).toContain('请加 --incomplete:jiuye calendar add 2027.json --incomplete');
    const set = await jiuye(['calendar', 'set', '2027', '--holiday', '01-01=元旦'], at());
    expect(set.code).toBe(1);
    expect(set.err).toContain('没有列出春节、清明节、劳动节、端午节、中秋节、国庆节,未存入');
    expect(storedRows(ws.dir)).toEqual({ calendars: 0, days: 0 });
    const whole = ['01-01=元旦', '02-06..02-12=春节', '04-05=清明节', '05-01..05-05=劳动节', '06-09=端午节', '09-15..09-21=中秋节、国庆节'];
    expect((await jiuye(['calendar', 'set', '2027', '--holiday', ...whole], at())).code).toBe(0);
    expect(storedRows(ws.dir).calendars).toBe(1);
  });

  it('a holiday without its end date and broken JSON are said in Chinese with their place', async () => {
    writeFileSync(join(ws.dir, 'noto.json'), JSON.stringify({ year: 2027, holidays: [{ name: '春节', from: '2027-02-06' }] }));
    const r = await jiuye(['calendar', 'add', 'noto.json'], at());
    expect(r.code).toBe(1);
    expect(r.err).toContain('holidays[0].to: 缺少结束日(应写作 2027-MM-DD)');
    expect(r.err).not.toContain('undefined');
    writeFileSync(join(ws.dir, 'comma.json'), '{\n  "year": 2027\n  "holidays": []\n}');
    const broken = await jiuye(['calendar', 'add', 'comma.json'], at());
    expect(broken.err).toContain('不是有效的 JSON:第 3 行第 3 列:上一项之后应为逗号或 }(两项之间缺少逗号?)');
    expect(broken.err).not.toMatch(/Expected|position/);
  });
});

describe('jiuye calendar set', () => {
  it('stores a year typed from the notice; overdue then uses it instead of weekends only', async () => {
    const d = tempDir();
    const plan = rawDefaultPlan();
    plan.year = 2030;
    writeFileSync(join(d, 'p.json'), JSON.stringify(plan));
    expect((await jiuye(['init', '--plan', 'p.json'], testIo({ cwd: d }))).code).toBe(0);
    const before = await jiuye(['overdue', '--quarter', '2030Q1', '--as-of', '2030-04-10', '--json'], testIo({ cwd: d }));
    expect(JSON.parse(before.out).deadline.date).toBe('2030-04-05');
    expect(before.err).toContain('jiuye calendar add 文件');

    const set = await jiuye(
      ['calendar', 'set', '2030', '--source', '测试通知(国办发明电〔2029〕1号)', '--holiday', '01-01=元旦', '04-05..04-07=清明节', '--workday', '2030-04-13=清明节调休', '--incomplete'],
      testIo({ cwd: d, env: { COLUMNS: '200' } }),
    );
    expect(set.code, set.err).toBe(0);
    expect(set.err).toContain('注意:2030 年的节假日安排没有列出春节、劳动节、端午节、中秋节、国庆节,遇这些节日时截止日期只按周末顺延,可能不准确');
    expect(set.err).toContain('已把 2030 年节假日安排存入数据库(放假 2 段,调休上班 1 天)');
    expect(set.out).toContain('来源:测试通知(国办发明电〔2029〕1号)');
    expect(set.out).toContain('来自 jiuye calendar set 2030 --holiday 01-01=元旦 --holiday 04-05..04-07=清明节 --workday 2030-04-13=清明节调休');

    const after = await jiuye(['overdue', '--quarter', '2030Q1', '--as-of', '2030-04-10', '--json'], testIo({ cwd: d }));
    expect(JSON.parse(after.out).deadline).toMatchObject({ date: '2030-04-08', skipped: [{ reason: '清明节' }, { reason: '清明节' }, { reason: '清明节' }] });
    // Every use of the year's deadlines says the calendar is incomplete.
    expect(JSON.parse(after.out).warnings).toEqual([expect.stringContaining('2030 年的节假日安排没有列出春节、劳动节、端午节、中秋节、国庆节')]);
    expect(after.err).toContain('注意:2030 年的节假日安排没有列出春节');
  });

  it('bad values: exit 2 naming each option value, nothing stored; no --holiday is a usage error too', async () => {
    const r = await jiuye(['calendar', 'set', '2027', '--holiday', '02-30..03-01=春节', '--workday', '02-08'], at());
    expect(r.code).toBe(2);
    expect(r.err).toContain('jiuye calendar set 2027 的参数 有 2 处错误');
    expect(r.err).toContain('第 1 个 --holiday“02-30..03-01=春节”的起始日: "2027-02-30" 不是有效日期');
    expect(r.err).toContain('第 1 个 --workday“02-08”: 2027-02-08 是周一,调休上班日应为周六或周日');
    expect(r.err).toContain('未存入任何内容');
    expect(r.err).toContain('用法:jiuye calendar set');
    const none = await jiuye(['calendar', 'set', '2027', '--workday', '02-20'], at());
    expect(none.code).toBe(2);
    expect(none.err).toContain('请用 --holiday 起..止=名称 写出放假日期');
    expect((await jiuye(['calendar', 'set', '27', '--holiday', '01-01'], at())).code).toBe(2);
    expect(storedRows(ws.dir)).toEqual({ calendars: 0, days: 0 });
  });

  it('replacing a stored year needs --replace, as with add', async () => {
    expect((await jiuye(['calendar', 'set', '2027', '--holiday', '01-01=元旦', '--incomplete'], at())).code).toBe(0);
    expect((await jiuye(['calendar', 'set', '2027', '--holiday', '01-01..01-02=元旦', '--incomplete'], at())).code).toBe(1);
    expect((await json(['calendar', '--year', '2027'])).calendar.holidays).toEqual([{ name: '元旦', from: '2027-01-01', to: '2027-01-01', days: 1 }]);
    expect((await jiuye(['calendar', 'set', '2027', '--holiday', '01-01..01-02=元旦', '--replace', '--incomplete'], at())).code).toBe(0);
    expect((await json(['calendar', '--year', '2027'])).calendar.holidays).toEqual([{ name: '元旦', from: '2027-01-01', to: '2027-01-02', days: 2 }]);
  });
});
