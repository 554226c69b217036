// Golden transcripts, as hledger's functional tests are: a fixed database (the demo's story, written
// straight from the demo's figures by test/demo-fixture.ts), a fixed clock and a terminal of a given
// width, the command line, and the exact expected output, kept as files in test/golden/. Each file
// starts with its terminal and command:
//
//   # 终端 80 列(NO_COLOR=1),时钟 2021-10-15 10:00,数据库:示例数据
//   $ jiuye check
//   …the expected output…
//
// After a deliberate change of output, rewrite them with UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts
// and read the diff. Beyond the exact text, every transcript is checked for what the issue promised:
// no line wider than the terminal, table borders that line up, and no number, status or name split.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../src/render/text.js';
import { budgetText, statusLabel } from '../src/render/indicator.js';
import { demoDatabase } from './demo-fixture.js';
import { borderColumns, jiuye, ROOT, testIo } from './helpers.js';

const GOLDEN = join(ROOT, 'test', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const NOW = new Date(2021, 9, 15, 10, 0, 0);

const CASES: { name: string; argv: string[]; widths: number[]; code?: number }[] = [
  { name: 'check', argv: ['check'], widths: [80, 120] },
  { name: 'check-brief', argv: ['check', '--brief'], widths: [80, 120] },
  { name: 'overdue', argv: ['overdue', '--quarter', '2021Q3', '--as-of', '2021-10-15'], widths: [60, 80, 120] },
  { name: 'warn', argv: ['warn'], widths: [80, 120] },
  { name: 'duty', argv: ['duty'], widths: [80, 120] },
  { name: 'units', argv: ['units'], widths: [80, 120] },
  { name: 'overview', argv: [], widths: [80, 120] },
  { name: 'assess', argv: ['assess', '--as-of', '2021-10-15'], widths: [80, 120] },
  { name: 'assess-unit', argv: ['assess', '--as-of', '2021-10-15', '--unit', '洋溪镇'], widths: [80, 120] },
  { name: 'calendar', argv: ['calendar'], widths: [80, 120] },
  { name: 'targets', argv: ['targets'], widths: [80, 120] },
  { name: 'history', argv: ['history', '--limit', '4'], widths: [80, 120] },
  { name: 'history-unit', argv: ['history', '--unit', '列东街道', '--quarter', '2021Q3'], widths: [80, 120] },
  { name: 'plan-show', argv: ['plan', 'show'], widths: [80, 120] },
  // The 22 blank templates of `template --all` sent straight back (tried, not written): refused, one line each.
  { name: 'import-blank', argv: ['import', '空白', '--dry-run', '--received', '2021-10-09'], widths: [80, 120], code: 1 },
];

let demo = '';

/** A terminal of the given width in the demo's folder: no colour, so the transcript is plain text. */
function terminal(width: number) {
  const c = testIo({ cwd: demo, tty: true, now: NOW, env: { NO_COLOR: '1' } });
  c.io.columns = width;
  c.io.rows = 40;
  return c;
}

async function json(argv: string[]): Promise<any> {
  const r = await jiuye([...argv, '--json'], testIo({ cwd: demo, now: NOW }));
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
}

beforeAll(async () => {
  demo = await demoDatabase();
  const t = await jiuye(['template', '--quarter', '2021Q3', '--all', '--out', '空白'], testIo({ cwd: demo, now: NOW }));
  expect(t.code, t.err).toBe(0);
}, 60_000);

describe('golden transcripts', () => {
  for (const { name, argv, widths, code } of CASES) {
    for (const width of widths) {
      it(`${name} at ${width} columns`, async () => {
        const header = `# 终端 ${width} 列(NO_COLOR=1),时钟 2021-10-15 10:00,数据库:示例数据\n$ jiuye ${argv.join(' ')}`.trimEnd();
        const r = await jiuye(argv, terminal(width));
        expect(r.code, r.err).toBe(code ?? 0);
        const file = join(GOLDEN, `${name}.${width}.txt`);
        const transcript = `${header}\n${r.out}`;
        if (UPDATE) writeFileSync(file, transcript);
        expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts`).toBe(true);
        expect(transcript).toBe(readFileSync(file, 'utf8'));

        for (const line of r.out.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
        expectBordersAligned(r.out);
        // Records (one block per row) are the last resort: no transcript needs them at 80 columns.
        if (width >= 80) expect(r.out).not.toMatch(/^─\[ /m);
        for (const token of await unbreakable(name)) expect(r.out, `“${token}” split or missing at ${width} columns`).toContain(token);
      });
    }
  }

  it('every transcript in test/golden/ is one of the cases (none left over from a renamed case)', () => {
    const expected = CASES.flatMap((c) => c.widths.map((w) => `${c.name}.${w}.txt`)).sort();
    expect(readdirSync(GOLDEN).filter((f) => f.endsWith('.txt')).sort()).toEqual(expected);
  });

  it('plan show says its title once', async () => {
    const out = (await jiuye(['plan', 'show'], terminal(80))).out;
    expect(out.match(/梅列区 2021 年方案:/g)).toHaveLength(1);
    expect(out).not.toMatch(/ 0 梅列区| 1 依据/);
  });

  it('the check finds what needs action first: 进度滞后 within the first screen lines at both widths', async () => {
    for (const width of [80, 120]) {
      const out = (await jiuye(['check'], terminal(width))).out.split('\n');
      const first = out.findIndex((l) => l.includes('进度滞后'));
      expect(first, `at ${width}`).toBeGreaterThan(0);
      expect(first, `at ${width}`).toBeLessThan(10);
    }
  });
});

/** Every table: all its lines equally wide, and each border character at the same screen column. */
function expectBordersAligned(text: string): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('┌')) continue;
    const end = lines.findIndex((l, k) => k > i && l.startsWith('└'));
    expect(end, 'a table without its bottom border').toBeGreaterThan(i);
    const table = lines.slice(i, end + 1);
    expect(new Set(table.map(displayWidth)).size, table.join('\n')).toBe(1);
    expect(new Set(table.map(borderColumns)).size, table.join('\n')).toBe(1);
    i = end;
  }
}

/** Texts that must appear whole: statuses, goal-vs-actual figures, dates, phone numbers and unit names, taken from --json. */
async function unbreakable(name: string): Promise<string[]> {
  switch (name) {
    case 'check': {
      const r = await json(['check']);
      const indicators = [r.overall, ...r.units].flatMap((u: any) => u.indicators);
      return [...indicators.map(statusLabel), ...indicators.map(budgetText), ...r.units.map((u: any) => u.name)];
    }
    case 'check-brief': {
      const r = await json(['check']);
      return r.returns.missing.map((m: any) => m.name);
    }
    case 'overdue': {
      const r = await json(['overdue', '--quarter', '2021Q3', '--as-of', '2021-10-15']);
      return r.units.flatMap((u: any) => [u.name, u.statusText, u.receivedOn ?? '—', u.contact?.phone ?? '—']);
    }
    case 'warn': {
      const r = await json(['warn']);
      return r.warnings.flatMap((w: any) => [w.title, w.unitName]);
    }
    case 'duty': {
      const r = await json(['duty']);
      const units = (await json(['units'])).units;
      const department = new Set(units.filter((u: any) => u.kind === 'department').map((u: any) => u.code));
      // Co-units are listed by name, except that all areas read 各镇街 and everyone reads 全体成员单位.
      const listed = (t: any) => (t.coUnits.length === units.length - 1 ? [] : t.coUnits.filter((u: any) => department.has(u.code)).map((u: any) => u.name));
      return r.tasks.flatMap((t: any) => [t.id, t.lead.name, ...listed(t)]);
    }
    case 'assess': {
      // Names, totals, grades and every item's points stay whole: the items add up to the total.
      const r = await json(['assess', '--as-of', '2021-10-15']);
      return r.groups.flatMap((g: any) => g.units.flatMap((u: any) => [u.name, u.total.toFixed(1), u.grade, ...u.items.map((i: any) => (i.points === null ? '—' : i.points.toFixed(1)))]));
    }
    case 'targets': {
      // One table: every area and the 合计, 区目标 and 差额 rows, never records.
      const r = await json(['targets']);
      return [...r.allocations.map((a: any) => a.name), '合计', '区目标', '差额', ...r.targets.map((t: any) => t.name)];
    }
    case 'history-unit': {
      // 改动 and 收到日期 come before any hash.
      const r = await json(['history', '--unit', '列东街道', '--quarter', '2021Q3']);
      return ['改动', '收到日期', ...r.events.map((e: any) => e.receivedOn)];
    }
    case 'plan-show': {
      const r = await json(['plan', 'show']);
      return r.targets.map((t: any) => t.name);
    }
    case 'assess-unit': {
      const r = await json(['assess', '--as-of', '2021-10-15', '--unit', '洋溪镇']);
      return [r.unit.name, `总分 ${r.unit.total.toFixed(1)}`, ...r.unit.items.map((i: any) => (i.points === null ? '不涉及' : i.points.toFixed(1)))];
    }
    case 'units': {
      const r = await json(['units']);
      return r.units.flatMap((u: any) => [u.code, u.name]);
    }
    default:
      return [];
  }
}
