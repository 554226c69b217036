// Output paths that behave: every command that writes a file takes a folder for its default name,
// says a missing folder in one sentence, refuses an existing file naming the flag that replaces it,
// and never turns a path into an internal error.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputPath } from '../src/app/output.js';
import { InputError } from '../src/errors.js';
import { AREA_ALLOCATIONS, dbIn, fill, threeQuarters } from './fill.js';
import { jiuye, tempDir, testIo } from './helpers.js';

describe('outputPath', () => {
  const dir = tempDir();
  mkdirSync(join(dir, '已有文件夹'));
  writeFileSync(join(dir, '已有文件'), 'x');
  const io = testIo({ cwd: dir }).io;
  const ask = (given: string | undefined, more: { force?: boolean; folder?: boolean } = {}) =>
    outputPath(io, { given, name: '汇总表.xlsx', flag: '--out', force: false, ...more });
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('not refused');
  };

  it('the default name in the working folder when nothing is given, the given name otherwise', () => {
    expect(ask(undefined)).toBe(join(dir, '汇总表.xlsx'));
    expect(ask('三季度.xlsx')).toBe(join(dir, '三季度.xlsx'));
  });

  it('an existing folder, or any path ending in a slash, takes the default name inside it', () => {
    expect(ask('已有文件夹')).toBe(join(dir, '已有文件夹', '汇总表.xlsx'));
    expect(ask('已有文件夹/')).toBe(join(dir, '已有文件夹', '汇总表.xlsx'));
    expect(ask(join(dir, '已有文件夹'))).toBe(join(dir, '已有文件夹', '汇总表.xlsx'));
  });

  it('a missing folder is one sentence, whether typed with a slash or as the folder of a file', () => {
    expect(refusal(() => ask('新目录/'))).toBe('无法写出 新目录/汇总表.xlsx:所在文件夹不存在');
    expect(refusal(() => ask('新目录/三季度.xlsx'))).toBe('无法写出 新目录/三季度.xlsx:所在文件夹不存在');
  });

  it('an existing file is refused with the flag that overwrites it, and kept; --force lets it be replaced', () => {
    expect(refusal(() => ask('已有文件'))).toBe('已有文件 已存在,未覆盖。如需覆盖请加 --force,或用 --out 指定其他名称');
    expect(ask('已有文件', { force: true })).toBe(join(dir, '已有文件'));
    expect(refusal(() => outputPath(io, { given: '已有文件', name: 'x.txt', flag: '--notice', force: false }))).toContain('或用 --notice 指定其他名称');
  });

  it('a file where a folder should be, and a folder where the output file would go, are refused even with --force', () => {
    expect(refusal(() => ask('已有文件/三季度.xlsx', { force: true }))).toBe('无法写出 已有文件/三季度.xlsx:已有文件 是文件,不是文件夹');
    mkdirSync(join(dir, '已有文件夹', '汇总表.xlsx'));
    expect(refusal(() => ask('已有文件夹', { force: true }))).toBe('无法写出 已有文件夹/汇总表.xlsx:已有同名的文件夹,未改动。请用 --out 指定其他名称');
    // A folder output (CSV files) replaces its own old folder with --force.
    expect(ask('已有文件夹', { force: true, folder: true })).toBe(join(dir, '已有文件夹', '汇总表.xlsx'));
    expect(refusal(() => ask('已有文件夹', { folder: true }))).toContain('已存在,未覆盖');
  });
});

describe('every command that writes a file', () => {
  let dir = '';
  const at = () => testIo({ cwd: dir });
  beforeAll(async () => {
    dir = tempDir();
    expect((await jiuye(['init'], at())).code).toBe(0);
    fill(dbIn(dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    mkdirSync(join(dir, '输出'));
    writeFileSync(join(dir, '已有文件'), 'x');
  });

  // Each command with the flag that names its output, and the file it writes into a folder given.
  const COMMANDS: { argv: string[]; flag: string; name: string }[] = [
    { argv: ['report', '--quarter', '2021Q3', '--as-of', '2021-10-15', '--format', 'md'], flag: '--out', name: '梅列区2021年第三季度就业工作目标完成情况汇总表.md' },
    { argv: ['assess', '--as-of', '2021-10-15', '--format', 'md'], flag: '--out', name: '梅列区2021年度就业工作考核结果表(预评).md' },
    { argv: ['overdue', '--quarter', '2021Q3', '--as-of', '2021-10-15'], flag: '--notice', name: '催报通知-2021Q3.txt' },
    { argv: ['plan', 'export'], flag: '--out', name: '梅列区2021年方案.json' },
    { argv: ['backup'], flag: '--out', name: 'jiuye-20211015-090000-手动备份.db' },
    { argv: ['duty'], flag: '--out', name: '梅列区2021年就业工作责任分工表.xlsx' },
    { argv: ['targets'], flag: '--out', name: '梅列区2021年就业目标任务分解表.xlsx' },
  ];

  for (const { argv, flag, name } of COMMANDS) {
    it(`${argv.slice(0, 2).join(' ')} ${flag}: a folder, a missing folder, an existing file`, async () => {
      const into = await jiuye([...argv, flag, '输出/'], at());
      expect(into.code, into.err).toBe(0);
      expect(readdirSync(join(dir, '输出'))).toContain(name);
      const again = await jiuye([...argv, flag, '输出'], at());
      expect(again.code).toBe(1);
      expect(again.err).toContain(`输出/${name} 已存在,未覆盖。如需覆盖请加 --force,或用 ${flag} 指定其他名称`);
      const missing = await jiuye([...argv, flag, '无/x.txt'], at());
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('无法写出 无/x.txt:所在文件夹不存在');
      expect(missing.err).not.toMatch(/ENOENT|tmp-|内部错误/);
      const existing = await jiuye([...argv, flag, '已有文件'], at());
      expect(existing.code).toBe(1);
      expect(readFileSync(join(dir, '已有文件'), 'utf8')).toBe('x');
    }, 20_000);
  }

  it('report without --as-of, long after the deadline: the days overdue say the day they run to', async () => {
    const late = testIo({ cwd: dir, now: new Date(2026, 11, 6) });
    const r = await jiuye(['report', '--quarter', '2021Q3', '--format', 'md', '--out', '迟.md'], late);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('注意:未指定 --as-of,报送情况和逾期天数计至今天(2026-12-06);要看截止日期时的情况,请加 --as-of 2021-10-08');
    expect(readFileSync(join(dir, '迟.md'), 'utf8')).toMatch(/未报送·已逾期\(1885天,计至 2026-12-06\)/);
    const asked = await jiuye(['report', '--quarter', '2021Q3', '--format', 'md', '--out', '当时.md', '--as-of', '2021-10-15'], testIo({ cwd: dir, now: new Date(2026, 11, 6) }));
    expect(asked.err).not.toContain('计至');
    expect(readFileSync(join(dir, '当时.md'), 'utf8')).toMatch(/未报送·已逾期\(7天\)/);
  });

  it('init --db and demo --dir in a missing folder, or where a file is: one line, never an internal error', async () => {
    const init = await jiuye(['init', '--db', '无/jiuye.db'], at());
    expect(init.code).toBe(1);
    expect(init.err).toBe('错误:无法建立数据库 无/jiuye.db:所在文件夹不存在\n');
    const under = await jiuye(['init', '--db', '已有文件/jiuye.db'], at());
    expect(under.err).toBe('错误:无法建立数据库 已有文件/jiuye.db:所在文件夹不存在\n');
    const demo = await jiuye(['demo', '--dir', '已有文件'], at());
    expect(demo.code).toBe(1);
    expect(demo.err).toBe('错误:已有文件 是文件,不是文件夹,未做改动。请用 --dir 指定一个新文件夹\n');
  });

  it('template --out names a folder: a file there is refused, not an internal error', async () => {
    const r = await jiuye(['template', '--quarter', '2021Q3', '--unit', '列东街道', '--out', '已有文件'], at());
    expect(r.code).toBe(1);
    expect(r.err).toContain('已有文件 是文件,不是文件夹,未生成任何报表');
  });
});
