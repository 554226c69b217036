// Import output that fits: the 22 blank templates of `template --all` sent straight back, at 80 and
// 120 columns: one line per file, wrapped to the width, the summary last, paged when long.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../src/render/text.js';
import { PLAN } from './fill.js';
import { jiuye, tempDir, testIo } from './helpers.js';
import { filledReturn, Q3 } from './returns.js';

let dir = '';
const NOW = new Date(2021, 9, 9, 10);

/** A terminal of a width whose pager (when used) records the text it was given. */
function terminal(width: number, rows = 100) {
  const c = testIo({ cwd: dir, now: NOW, tty: true, env: { NO_COLOR: '1', JIUYE_PAGER: 'stub' } });
  c.io.columns = width;
  c.io.rows = rows;
  c.io.platform = 'linux';
  const paged: string[] = [];
  c.io.page = async (_command, text) => (paged.push(text), true);
  return { ...c, paged };
}

beforeAll(async () => {
  dir = tempDir();
  expect((await jiuye(['init'], testIo({ cwd: dir, now: NOW }))).code).toBe(0);
  const t = await jiuye(['template', '--quarter', '2021Q3', '--all', '--out', '发出'], testIo({ cwd: dir, now: NOW }));
  expect(t.code, t.err).toBe(0);
}, 60_000);

describe('importing the 22 blank templates', () => {
  for (const width of [80, 120]) {
    it(`at ${width} columns: one line per file saying 空白报表,未填写, then the summary`, async () => {
      const r = await jiuye(['import', '发出'], terminal(width));
      expect(r.code).toBe(1);
      const lines = r.out.trimEnd().split('\n');
      for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(width);
      const files = lines.filter((l) => l.startsWith('  ✗ '));
      expect(files).toHaveLength(22);
      for (const l of files) expect(l).toMatch(/^  ✗ \S+-2021Q3-就业工作季度报表\.xlsx · 空白报表,未填写$/);
      expect(lines[1]).toBe('发出/');
      expect(r.out).toContain('空白报表 22 份:发出时的样子,一项也未填写。请报送单位填写后重新发送');
      // The summary is last, and the whole fits on a screen and a half.
      expect(lines.findIndex((l) => l.startsWith('导入完成'))).toBeGreaterThan(lines.indexOf(files[21]));
      expect(lines.at(-1)).toMatch(/数据质量提示 0 条$/);
      expect(lines.length).toBeLessThanOrEqual(30);
    });
  }

  it('a batch for another quarter: each file in a line, and what to do said once', async () => {
    const t = terminal(80);
    t.io.now = () => new Date(2022, 0, 10);
    const r = await jiuye(['import', '发出', '--received', '2022-01-09'], t);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
    expect(lines.filter((l) => /^  ✗ .* · 是 2021Q3 的报表$/.test(l))).toHaveLength(22);
    expect(r.out.match(/不是本批 2021Q4 的报表:/g)).toHaveLength(1);
    expect(r.out).toContain('jiuye template --quarter 2021Q4');
  });

  it('a file with many problems lists a few and counts the rest, naming the command that lists them all', async () => {
    // 列东街道's return with its figures filled in and six of them cleared again.
    const fields = [['xinzeng', 'quarter'], ['zaijiuye', 'quarter'], ['kunnan', 'quarter'], ['zhuanyi', 'quarter'], ['lingjiuye', 'added'], ['lingjiuye', 'cleared']];
    mkdirSync(join(dir, '部分'));
    await filledReturn(PLAN, 'liedong', Q3, join(dir, '部分'), { edit: (f) => fields.forEach(([i, field]) => (f.value(i, field).value = null)) });
    const r = await jiuye(['import', '部分'], terminal(80));
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[2]).toBe('  ✗ 列东街道-2021Q3-就业工作季度报表.xlsx · 拒绝:6 个问题');
    expect(lines.filter((l) => /^      季度报表!E\d+ · /.test(l))).toHaveLength(3);
    const rest = r.out.slice(r.out.indexOf('…另有'));
    // Wrapped at its spaces only, where it is wider than the line.
    expect(rest.replace(/\s+/g, ' ')).toMatch(/^…另有 3 个问题,全部列出: jiuye import '部分\/列东街道-2021Q3-就业工作季度报表\.xlsx' --quarter 2021Q3 --dry-run --verbose 导入完成/);
    // The command named there lists all six, and writes nothing.
    const all = await jiuye(['import', '部分/列东街道-2021Q3-就业工作季度报表.xlsx', '--quarter', '2021Q3', '--dry-run', '--verbose'], terminal(80));
    expect(all.code).toBe(1);
    expect(all.out.split('\n').filter((l) => /^      季度报表!E\d+ · /.test(l))).toHaveLength(6);
    expect(all.out).not.toContain('…另有');
  });

  it('is paged on a screen shorter than it, the summary at the end of what is paged', async () => {
    const t = terminal(80, 20);
    const r = await jiuye(['import', '发出'], t);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(t.paged).toHaveLength(1);
    expect(t.paged[0].trimEnd().split('\n').at(-1)).toMatch(/数据质量提示 0 条$/);
  });
});
