// Several jiuye processes on one database at once: imports wait for each other's writes instead
// of failing with "database is locked", readers and the backup see a consistent database.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { tasksOf } from '../src/domain/plan/model.js';
import { BIN, runBin, tempDir } from './helpers.js';
import { filledReturn } from './returns.js';

const plan = loadPlanFile(DEFAULT_PLAN);
const units = plan.units.length;
// The areas' returns are the largest (figures, tasks and layoff rows): six of them make a batch long
// enough for the processes to meet, at a fraction of the time 22 took (50 s for the file before).
const areas = plan.units.filter((u) => u.kind === 'area');
const batch = areas.length;

const batches = tempDir('jiuye-batches-');

beforeAll(async () => {
  // Two batches: every area's return for 2021Q1, and every area's for 2021Q2.
  for (const quarter of [1, 2] as const) {
    const dir = join(batches, `Q${quarter}`);
    mkdirSync(dir);
    for (const [i, unit] of areas.entries()) await filledReturn(plan, unit.code, { year: 2021, quarter }, dir, { seed: quarter * 10 + i });
  }
}, 120_000);

interface Finished {
  args: string[];
  code: number | null;
  out: string;
  err: string;
}

/** Starts the built binary without waiting for it. */
function start(args: string[], cwd: string): Promise<Finished> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ args, code, out, err }));
  });
}

// The commands started together; each checks its own output. A new command is one more entry.
const COMMANDS: { args: string[]; check(r: Finished, dir: string): void }[] = [
  {
    args: ['import', join(batches, 'Q1'), '--quarter', '2021Q1', '--json'],
    check: (r) => expect(JSON.parse(r.out).summary).toMatchObject({ files: batch, imported: batch, refused: 0 }),
  },
  {
    args: ['import', join(batches, 'Q2'), '--quarter', '2021Q2', '--json'],
    check: (r) => expect(JSON.parse(r.out).summary).toMatchObject({ files: batch, imported: batch, refused: 0 }),
  },
  {
    // Whatever it sees is a consistent state: all 22 units expected, none or all of a return counted.
    args: ['check', '--quarter', '2021Q2', '--json'],
    check: (r) => expect(JSON.parse(r.out).returns.expected).toBe(units),
  },
  {
    // The workbook without its charts: drawing them is no part of sharing the database. It may start
    // before either batch is in: a summary of no returns is allowed here, marked 空表.
    args: ['report', '--quarter', '2021Q2', '--no-charts', '--out', 'report.xlsx', '--allow-empty'],
    check: (r, dir) => {
      expect(r.err).toContain('已写出 report.xlsx');
      expect(existsSync(join(dir, 'report.xlsx'))).toBe(true);
    },
  },
  {
    args: ['backup', '--out', 'copy.db'],
    check: (r, dir) => {
      expect(r.err).toContain('完整性检查通过');
      const copy = new Database(join(dir, 'copy.db'), { readonly: true });
      try {
        // The copy holds whole returns only: each one's figures and task progress are all there.
        const counts = copy.prepare('SELECT r.unit, (SELECT count(*) FROM progress p WHERE p.return_id = r.id) AS progress FROM returns r').all() as { unit: string; progress: number }[];
        for (const c of counts) expect(c.progress, c.unit).toBe(tasksOf(plan, c.unit).length);
      } finally {
        copy.close();
      }
    },
  },
];

describe('processes sharing one database', () => {
  it('two imports, a check, a report and a backup started at once all finish, and both batches are stored whole', async () => {
    // Two rounds on fresh databases, so the processes meet at different points of their work.
    for (let round = 0; round < 2; round++) {
      const dir = join(tempDir('jiuye-concurrent-'), 'work');
      mkdirSync(dir);
      expect(runBin(['init'], dir).code).toBe(0);
      const finished = await Promise.all(COMMANDS.map((c) => start(c.args, dir)));
      for (const [i, r] of finished.entries()) {
        const what = `round ${round}: jiuye ${r.args.join(' ')}\n${r.err}\n${r.out.slice(0, 2000)}`;
        // Without the busy timeout both the opening (WAL switch, migrations) and the writes of the imports fail here.
        expect(r.err + r.out, what).not.toMatch(/database is locked|SQLITE_BUSY|占用|内部错误/);
        expect(r.code, what).toBe(0);
        COMMANDS[i].check(r, dir);
      }
      const db = new Database(join(dir, 'jiuye.db'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const stored = db.prepare('SELECT quarter, count(*) AS n FROM returns GROUP BY quarter ORDER BY quarter').all();
        expect(stored).toEqual([
          { quarter: 1, n: batch },
          { quarter: 2, n: batch },
        ]);
        const progress = db.prepare('SELECT r.unit, count(p.task) AS n FROM returns r LEFT JOIN progress p ON p.return_id = r.id GROUP BY r.id').all() as { unit: string; n: number }[];
        for (const p of progress) expect(p.n, p.unit).toBe(tasksOf(plan, p.unit).length);
      } finally {
        db.close();
      }
    }
  }, 180_000);
});
