// No dead ends: the commands the overview, import refusals and errors suggest, collected from what
// they print, parsed, and run in the state where they were printed (the demo's: demo.test.ts).
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AREA_ALLOCATIONS, dbIn, fill, PLAN, threeQuarters } from './fill.js';
import { jiuye, tempDir, testIo } from './helpers.js';
import { filledReturn, Q3 } from './returns.js';
import { answeringTerminal, commandLines, isPattern, runsAsPrinted } from './suggestions.js';

/** A database in a state: fresh, or with three quarters of returns and one target allocated. */
async function state(withReturns: boolean): Promise<string> {
  const dir = tempDir();
  expect((await jiuye(['init'], testIo({ cwd: dir }))).code).toBe(0);
  if (withReturns) fill(dbIn(dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
  return dir;
}

/** Runs every command found in text, each in a copy of the folder (one suggestion must not change the state of the next). */
async function runAll(text: string, dir: string, now: Date): Promise<string[]> {
  const commands = commandLines(text);
  const ran: string[] = [];
  for (const argv of commands) {
    const line = argv.join(' ');
    if (isPattern(argv)) {
      // A pattern parses: its command and options are known (the placeholder is what the clerk types).
      const command = argv.slice(0, argv.findIndex((w) => !/^[a-z]+$/.test(w)) >>> 0);
      const help = await jiuye([...command, '--help'], testIo({ cwd: dir }));
      expect(help.code, `${line}: ${help.err}`).toBe(0);
      continue;
    }
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    const r = await jiuye(argv, answeringTerminal(copy, now));
    expect(r.code, `${line}\n${r.err}`).not.toBe(2);
    expect(runsAsPrinted(r.code, argv), `${line} exited ${r.code}\n${r.err}`).toBe(true);
    ran.push(line);
  }
  return ran;
}

describe('every command the overview suggests runs in its state', () => {
  const days: [string, boolean, Date][] = [
    ['no returns yet, in May', false, new Date(2021, 4, 20)],
    ['three quarters in, October', true, new Date(2021, 9, 15)],
    ['the data a quarter behind, January', true, new Date(2022, 0, 20)],
    ['the year after the plan, April', true, new Date(2022, 3, 20)],
    ['years past the plan', true, new Date(2026, 10, 28)],
    ['no returns, years past the plan', false, new Date(2026, 10, 28)],
  ];
  for (const [name, withReturns, now] of days) {
    it(name, async () => {
      const dir = await state(withReturns);
      const overview = await jiuye([], testIo({ cwd: dir, now }));
      expect(overview.code).toBe(0);
      const ran = await runAll(overview.out, dir, now);
      expect(ran.length, overview.out).toBeGreaterThanOrEqual(2);
      // Never a command for a year without a plan.
      for (const line of ran) expect(line).not.toMatch(/202[2-6]Q|--year 202[2-6]/);
    }, 60_000);
  }
});

describe('every command an error or a refusal suggests runs', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await state(true);
  });

  // In the year after the plan, import reads the batch and says plan new once (e2e-second-year.test.ts).
  it('overdue and import on a day outside the plan years: plan new in the year after, --quarter within the plan', async () => {
    const cases: [Date, string[], string[][]][] = [
      [new Date(2022, 3, 20), ['plan new 2022'], [['overdue']]],
      [new Date(2026, 10, 28), [], [['overdue'], ['import', '.']]],
    ];
    for (const [now, commands, argvs] of cases) {
      for (const argv of argvs) {
        const r = await jiuye(argv, testIo({ cwd: dir, now }));
        expect(r.code).toBe(1);
        expect(await runAll(r.err, dir, now)).toEqual(commands);
        // The --quarter it offers runs too.
        const quarter = /--quarter (\d{4}Q\d)/.exec(r.err)![1];
        expect(quarter).toBe('2021Q4');
        const offered = await jiuye([...argv, '--quarter', quarter], testIo({ cwd: dir, now }));
        expect(runsAsPrinted(offered.code, argv), offered.err).toBe(true);
      }
    }
  });

  it('init: its next steps', async () => {
    const fresh = tempDir();
    const r = await jiuye(['init'], testIo({ cwd: fresh }));
    expect(r.code).toBe(0);
    const ran = await runAll(r.err + r.out, fresh, new Date(2021, 9, 15));
    expect(ran).toEqual(expect.arrayContaining(['duty', 'targets allocate', 'template --quarter 2021Q1 --all']));
  }, 30_000);

  it('check with no returns at all', async () => {
    const fresh = await state(false);
    const r = await jiuye(['check'], testIo({ cwd: fresh }));
    expect(r.code).toBe(1);
    expect(commandLines(r.err).length).toBeGreaterThan(0);
    await runAll(r.err, fresh, new Date(2021, 9, 15));
  });

  it('import refusals: a return for another quarter, and one with many problems', async () => {
    const batch = join(dir, '收到');
    mkdirSync(batch);
    await filledReturn(PLAN, 'liedong', { year: 2021, quarter: 2 }, batch, { name: '列东-二季度.xlsx' });
    await filledReturn(PLAN, 'liexi', Q3, batch, { name: '列西.xlsx', edit: (f) => ['xinzeng', 'zaijiuye', 'kunnan', 'zhuanyi'].forEach((i) => (f.value(i, 'quarter').value = null)) });
    const now = new Date(2021, 9, 9, 10);
    const r = await jiuye(['import', '收到'], testIo({ cwd: dir, now, env: { COLUMNS: '80' } }));
    expect(r.code).toBe(1);
    const ran = await runAll(r.out, dir, now);
    expect(ran).toEqual(["import 收到/列西.xlsx --quarter 2021Q3 --dry-run --verbose"]);
    expect(commandLines(r.out).map((c) => c.join(' '))).toContain('template --quarter 2021Q3 --unit 单位名称');
  }, 60_000);
});
