// The smaller terminal items: help that wraps, --db before the command, history --limit, allocate's sums before saving.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Prompter } from '../src/io.js';
import { exampleLines } from '../src/commands/common.js';
import { commandWord } from '../src/cli.js';
import { displayWidth } from '../src/render/text.js';
import { AREA_ALLOCATIONS, dbIn, everyArea, fill, threeQuarters } from './fill.js';
import { initialisedWorkspace, jiuye, type Captured } from './helpers.js';

const ws = initialisedWorkspace();
const { at } = ws;

describe('help', () => {
  it('wraps descriptions in their column at the width, and never back to column 0', async () => {
    const c = at({ env: { COLUMNS: '80' } });
    const r = await jiuye(['--help'], c);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
    // Continuation lines of the command list start at the description column.
    const commands = lines.slice(lines.indexOf('命令:') + 1, lines.indexOf('', lines.indexOf('命令:')));
    const column = displayWidth(commands[0].slice(0, commands[0].search(/建立数据库/)));
    for (const l of commands.filter((x) => x.startsWith(' '.repeat(10)))) expect(l.search(/\S/)).toBe(column);
    expect(commands.some((l) => l.startsWith(' '.repeat(10)))).toBe(true); // some did wrap at 80
  });

  it('the top-level help gives the daily commands as examples, the overview and targets allocate among them', async () => {
    const r = await jiuye(['--help'], at());
    expect(r.out).toContain('常用命令:');
    expect(r.out).toMatch(/\n {2}jiuye {2,}本季度概况/);
    expect(r.out).toMatch(/jiuye targets allocate +把年度目标分解到镇街/);
    expect(r.out).toMatch(/jiuye check --brief +只看需要关注的事项/);
  });

  it('lays out a command\'s examples by display width, and under the command when narrow', () => {
    const example = '  jiuye check --unit 列东街道  # 只看一个镇街\n  jiuye check --json  # 供脚本使用';
    expect(exampleLines(example, 80).split('\n')).toEqual(['  jiuye check --unit 列东街道  # 只看一个镇街', '  jiuye check --json           # 供脚本使用']);
    // The # of both lines is at display column 31: 列东街道 takes eight columns for four characters.
    expect(exampleLines(example, 40).split('\n')).toEqual(['  jiuye check --unit 列东街道', '      # 只看一个镇街', '  jiuye check --json', '      # 供脚本使用']);
  });
});

describe('--db before the command', () => {
  it('is taken as the command\'s own --db (as git takes its global options)', async () => {
    const other = join(ws.dir, 'other.db');
    expect((await jiuye(['init', '--db', other], at())).code).toBe(0);
    fill(other, everyArea('2021Q1', { figures: { xinzeng: 70 } }));
    const r = await jiuye(['--db', other, 'check', '--json'], at());
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).returns.received).toBe(6); // other.db, not the empty ./jiuye.db
    const sub = await jiuye(['--db', other, 'targets', 'allocate', '--set', '列东街道:城镇新增就业=400'], at());
    expect(sub.code, sub.err).toBe(0);
    expect(JSON.parse((await jiuye(['targets', '--json', '--db', other], at())).out).sums[0].allocated).toBe(400);
  });

  it('and for the overview', async () => {
    const other = join(ws.dir, 'other.db');
    await jiuye(['init', '--db', other], at());
    fill(other, everyArea('2021Q1', { figures: { xinzeng: 70 } }));
    expect((await jiuye(['--db', other], at({ now: new Date(2021, 3, 20) }))).out).toContain('报表:已收 6 / 应报 22');
  });

  it('is refused by a command without a database, and when two different ones are given', async () => {
    const demo = await jiuye(['--db', 'x.db', 'demo'], at());
    expect(demo.code).toBe(2);
    expect(demo.err).toContain('jiuye demo 不读写数据库,不接受 --db');
    const twice = await jiuye(['--db', 'a.db', 'check', '--db', 'b.db'], at());
    expect(twice.code).toBe(2);
    expect(twice.err).toContain('--db 给了两次且不相同');
  });

  it('the command word is found past the value of --db, so only that command\'s module loads', () => {
    expect(commandWord(['--db', 'check', 'overdue'])).toBe('overdue');
    expect(commandWord(['--no-pager', 'check'])).toBe('check');
    expect(commandWord(['--db', 'x.db'])).toBeUndefined();
  });
});

describe('history --limit', () => {
  // 24 imports: every area's return for each quarter of 2021.
  const imports = () => fill(dbIn(ws.dir), ['2021Q1', '2021Q2', '2021Q3', '2021Q4'].flatMap((q) => everyArea(q, { figures: { xinzeng: 50 } })));

  it('on a terminal: the latest 20, and a line saying how many more there are', async () => {
    imports();
    const r = await jiuye(['history', '--no-pager'], at({ tty: true, env: { NO_COLOR: '1' } }));
    expect(r.out).toContain('导入记录:共 24 次,显示最新的 20 次');
    expect(r.out).toContain('还有 4 次更早的记录;用 --limit 24 全部列出');
    expect(r.out.split('\n').filter((l) => /^│ \d{4}-/.test(l))).toHaveLength(20);
  });

  it('in a pipe or with --json: everything unless --limit says otherwise', async () => {
    imports();
    expect((await jiuye(['history'], at())).out).toContain('导入记录:共 24 次\n');
    const json = JSON.parse((await jiuye(['history', '--json'], at())).out);
    expect(json.total).toBe(24);
    expect(json.events).toHaveLength(24);
    const limited = await jiuye(['history', '--limit', '3'], at());
    expect(limited.out.split('\n').filter((l) => /^│ \d{4}-/.test(l))).toHaveLength(3);
    expect(limited.out).toContain('还有 21 次更早的记录');
    expect(JSON.parse((await jiuye(['history', '--json', '--limit', '2'], at())).out).events).toHaveLength(2);
  });

  it('refuses a limit that is not a positive whole number', async () => {
    const r = await jiuye(['history', '--limit', '0'], at());
    expect(r.code).toBe(2);
    expect(r.err).toContain('--limit 的取值“0”应为正整数');
  });
});

/** Answers given in order; records every question and what stderr showed before it. */
function scripted(c: Captured, answers: string[], confirmAnswer: boolean | null): { asked: string[]; confirms: { message: string; defaultYes: boolean; before: string }[] } {
  const asked: string[] = [];
  const confirms: { message: string; defaultYes: boolean; before: string }[] = [];
  const prompt: Prompter = {
    async input(message, opts = {}) {
      asked.push(message);
      const a = answers.shift() ?? '';
      const ok = opts.validate?.(a);
      if (ok !== undefined && ok !== true) throw new Error(`scripted answer refused: ${ok}`);
      return a;
    },
    async confirm(message, defaultYes) {
      confirms.push({ message, defaultYes, before: c.err() });
      return confirmAnswer ?? defaultYes;
    },
  };
  c.io.prompt = prompt;
  return { asked, confirms };
}

describe('targets allocate on a terminal', () => {
  // Six areas × three allocatable indicators, in plan order.
  const shares = (xinzeng: string[]) => [...xinzeng.map(String), ...['240', '210', '180', '120', '90', '60'], ...['65', '60', '50', '35', '25', '15']];

  it('shows the sums against the district targets before asking, and Enter saves when they add up', async () => {
    const c = at({ tty: true, env: { NO_COLOR: '1' } });
    const s = scripted(c, shares(['400', '350', '300', '200', '150', '100']), null);
    const r = await jiuye(['targets', 'allocate'], c);
    expect(r.code, r.err).toBe(0);
    expect(s.asked).toHaveLength(18);
    expect(s.confirms).toHaveLength(1);
    expect(s.confirms[0]).toMatchObject({ message: '保存以上分解目标?', defaultYes: true });
    expect(s.confirms[0].before).toMatch(/合计 1,500,区目标 1,500,相符/);
    expect(s.confirms[0].before).toMatch(/│ 合计 +│ +1,500 │/);
    expect(r.err).toContain('已保存 2021 年的 18 项分解目标');
  });

  it('when a sum is off, says by how much before asking, and Enter means no', async () => {
    const c = at({ tty: true, env: { NO_COLOR: '1' } });
    const s = scripted(c, shares(['600', '550', '500', '200', '150', '149']), null);
    const r = await jiuye(['targets', 'allocate'], c);
    expect(r.code).toBe(0);
    expect(s.confirms[0]).toMatchObject({ message: '分解合计与区目标不一致,仍然保存?', defaultYes: false });
    expect(s.confirms[0].before).toContain('合计 2,149,区目标 1,500,多 649');
    expect(s.confirms[0].before).toMatch(/│ 差额 +│ +\+649 │/);
    expect(r.err).toContain('已取消,未做改动');
    expect(JSON.parse((await jiuye(['targets', '--json'], at())).out).sums[0].allocated).toBe(0);
  });

  it('a yes saves even when a sum is off, and says so', async () => {
    const c = at({ tty: true, env: { NO_COLOR: '1' } });
    scripted(c, shares(['600', '550', '500', '200', '150', '149']), true);
    const r = await jiuye(['targets', 'allocate'], c);
    expect(r.code).toBe(0);
    expect(r.err).toContain('已保存 2021 年的 18 项分解目标');
    expect(r.err.split('已保存')[1]).toMatch(/注意:.*城镇新增就业/);
    expect(JSON.parse((await jiuye(['targets', '--json'], at())).out).sums[0].allocated).toBe(2149);
  });
});

describe('check --brief', () => {
  it('prints only the 需要关注 block, and --json gives it to scripts', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const r = await jiuye(['check', '--brief'], at());
    expect(r.out).toContain('需要关注:');
    expect(r.out).not.toContain('┌');
    expect(r.out.split('\n').length).toBeLessThan(25);
    const json = JSON.parse((await jiuye(['check', '--brief', '--json'], at())).out);
    expect(Object.keys(json)).toEqual(['year', 'period', 'district', 'returns', 'attention']);
    expect(json.attention.map((s: any) => s.title)).toEqual(['进度滞后', '未达标', '风险预警', '未报送']);
    expect(json.attention[0].items).toContain('列东街道:城镇新增就业(差 15 人)');
  });
});
