// An import killed with SIGKILL part-way: the database stays whole, every return is in whole or
// not at all, and running the same import again finishes the batch.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { formatPeriod, type Quarter } from '../src/domain/period.js';
import { tasksOf } from '../src/domain/plan/model.js';
import { BIN, runBin, tempDir } from './helpers.js';
import { filledReturn } from './returns.js';

// A batch is one quarter, so the 88 returns come from 88 units: the document's 16 departments and 72 generated areas.
const PLAN_FILE = join(tempDir(), 'plan-88.json');
const raw = JSON.parse(readFileSync(DEFAULT_PLAN, 'utf8'));
raw.units = [
  ...Array.from({ length: 72 }, (_, i) => ({ code: `area${i + 1}`, name: `测试${i + 1}街道`, fullName: `测试市测试${i + 1}街道办事处`, kind: 'area', category: '街道', aliases: [] })),
  ...raw.units.filter((u: { kind: string }) => u.kind === 'department'),
];
raw.id = 'crash-88';
writeFileSync(PLAN_FILE, JSON.stringify(raw));
const plan = loadPlanFile(PLAN_FILE);

/** What one file of the batch carries, keyed by unit@period. */
interface Expected {
  file: string;
  hash: string;
  figures: number;
  progress: number;
}

let batch: string;
const expected = new Map<string, Expected>();

beforeAll(async () => {
  // Every unit of the plan for 2021Q3: 88 returns, so the import runs long enough to be killed.
  batch = join(tempDir(), '收到的报表');
  mkdirSync(batch);
  const period = { year: 2021, quarter: 3 as Quarter };
  for (const [i, unit] of plan.units.entries()) {
    const { path, figures } = await filledReturn(plan, unit.code, period, batch, { seed: 300 + i });
    expected.set(`${unit.code}@${formatPeriod(period)}`, {
      file: path,
      hash: createHash('sha256').update(readFileSync(path)).digest('hex'),
      figures: figures.size,
      progress: tasksOf(plan, unit.code).length,
    });
  }
}, 120_000);

/** Blocks this thread for ms milliseconds: the poll below must not wait on the event loop. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Starts the import of the whole batch and SIGKILLs it as soon as the database holds a return.
 * Returns how the process ended and how many returns were stored when it was killed.
 */
async function importAndKill(dir: string): Promise<{ signal: NodeJS.Signals | null; code: number | null; stored: number; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'import', batch, '--quarter', '2021Q3', '--json'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const watcher = new Database(join(dir, 'jiuye.db'), { readonly: true });
  const count = watcher.prepare('SELECT count(*) AS n FROM returns');
  let stored = 0;
  try {
    // Polled synchronously: the writes of a batch take a few milliseconds in all, an event-loop timer is too coarse.
    const giveUp = Date.now() + 120_000;
    while (Date.now() < giveUp) {
      stored = (count.get() as { n: number }).n;
      if (stored > 0) break;
      sleepSync(1);
    }
    child.kill('SIGKILL');
  } finally {
    watcher.close();
  }
  const end = await ended;
  return { ...end, stored, stderr };
}

/** Checks the database file: intact, and every return exactly as its file, with one import record each. */
function verify(dbFile: string): string[] {
  const db = new Database(dbFile);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const returns = db
      .prepare(
        `SELECT r.year, r.quarter, r.unit, r.file_name, r.file_hash,
                (SELECT count(*) FROM figures f WHERE f.return_id = r.id) AS figures,
                (SELECT count(*) FROM progress p WHERE p.return_id = r.id) AS progress,
                (SELECT count(*) FROM layoffs l WHERE l.return_id = r.id) AS layoffs
         FROM returns r ORDER BY r.year, r.quarter, r.unit`,
      )
      .all() as { year: number; quarter: Quarter; unit: string; file_name: string; file_hash: string; figures: number; progress: number; layoffs: number }[];
    const keys: string[] = [];
    for (const r of returns) {
      const key = `${r.unit}@${formatPeriod({ year: r.year, quarter: r.quarter })}`;
      const want = expected.get(key)!;
      expect(want, key).toBeDefined();
      expect({ key, figures: r.figures, progress: r.progress, layoffs: r.layoffs, hash: r.file_hash }).toEqual({ key, figures: want.figures, progress: want.progress, layoffs: 0, hash: want.hash });
      expect(want.file.endsWith(r.file_name)).toBe(true);
      keys.push(key);
    }
    // One import record per stored return, and none for a return that is not there.
    const imports = db.prepare("SELECT year, quarter, unit, file_hash, action FROM imports ORDER BY year, quarter, unit").all();
    expect(imports).toEqual(returns.map((r) => ({ year: r.year, quarter: r.quarter, unit: r.unit, file_hash: r.file_hash, action: 'new' })));
    // Nothing left over from a return that was rolled back.
    for (const child of ['figures', 'progress', 'layoffs']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${child} WHERE return_id NOT IN (SELECT id FROM returns)`).get(), child).toEqual({ n: 0 });
    }
    return keys;
  } finally {
    db.close();
  }
}

describe('an import killed part-way', () => {
  it('leaves every return whole or absent, and importing again finishes the batch', async () => {
    const total = expected.size;
    expect(total).toBe(88);
    // The kill must land after the first return and before the last; on a busy machine it may come
    // too late, so try again on a fresh database. Never passes without a kill in the middle.
    let dir = '';
    let killed: Awaited<ReturnType<typeof importAndKill>> | undefined;
    const attempts: string[] = [];
    for (let attempt = 0; attempt < 5 && !killed; attempt++) {
      dir = tempDir('jiuye-crash-');
      expect(runBin(['init', '--plan', PLAN_FILE], dir).code).toBe(0);
      const r = await importAndKill(dir);
      attempts.push(`signal ${r.signal}, exit ${r.code}, ${r.stored} stored when killed`);
      const after = verify(join(dir, 'jiuye.db')).length;
      if (r.signal === 'SIGKILL' && after > 0 && after < total) killed = r;
    }
    expect(killed, `no attempt was killed mid-batch: ${attempts.join('; ')}`).toBeDefined();
    expect(killed!.stderr).toBe('');

    const db = join(dir, 'jiuye.db');
    const before = verify(db);
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(total);

    // Again: the stored files are the same files (unchanged), the rest go in.
    const again = runBin(['import', batch, '--quarter', '2021Q3', '--json'], dir);
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
    const out = JSON.parse(again.out) as { files: { unit: string; period: string; action: string; identicalFile?: boolean }[]; summary: Record<string, number> };
    expect(out.summary).toMatchObject({ files: total, imported: total - before.length, unchanged: before.length, refused: 0 });
    const unchanged = out.files.filter((f) => f.action === 'unchanged');
    expect(unchanged.map((f) => `${f.unit}@${f.period}`).sort()).toEqual([...before].sort());
    expect(unchanged.every((f) => f.identicalFile === true)).toBe(true);
    expect(verify(db).sort()).toEqual([...expected.keys()].sort());
  }, 240_000);
});
