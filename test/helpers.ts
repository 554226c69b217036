// Test plumbing: captured streams, a fixed clock, temporary folders, the real binary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, expect } from 'vitest';
import { run } from '../src/cli.js';
import { quotePath } from '../src/format/command.js';
import type { Io } from '../src/io.js';
import { DEFAULT_PLAN } from '../src/data.js';
import { validatePlan } from '../src/domain/plan/file.js';
import { InputError } from '../src/errors.js';
import { displayWidth } from '../src/render/text.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'jiuye.js');
/** How jiuye shows itself in the commands it suggests when run, as runBin runs it, outside the checkout. */
export const OUTSIDE_LAUNCHER = `${quotePath(join(ROOT, 'node_modules', '.bin', 'node'), process.platform)} ${quotePath(BIN, process.platform)}`;
export const SOURCE_DOCUMENT = join(ROOT, 'data', 'source', 'meilie-employment-opinions-2021.txt');

/** The embedded plan file as parsed JSON, for tests that break it on purpose. */
export function rawDefaultPlan(): Record<string, any> {
  return JSON.parse(readFileSync(DEFAULT_PLAN, 'utf8'));
}

/** The schema's refusal of the embedded plan changed by `edit`: an InputError's message (a plan accepted fails the test). */
export function planRefusal(edit: (p: Record<string, any>) => void): string {
  const raw = rawDefaultPlan();
  edit(raw);
  try {
    validatePlan(raw, 'test.json');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('the plan was accepted');
}

export interface Captured {
  io: Io;
  out: () => string;
  err: () => string;
}

/** An Io with captured output and a fixed clock (default 2021-10-15 09:00 local). */
export function testIo(opts: { cwd?: string; now?: Date; tty?: boolean; env?: Record<string, string>; answers?: boolean[] } = {}): Captured {
  let out = '';
  let err = '';
  const io: Io = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdoutTty: opts.tty ?? false,
    stderrTty: opts.tty ?? false,
    stdinTty: opts.tty ?? false,
    columns: 120,
    now: () => opts.now ?? new Date(2021, 9, 15, 9, 0, 0),
    env: opts.env ?? {},
    cwd: opts.cwd ?? tempDir(),
    // A test that prompts hands in its answers; one more question than answers is a test mistake.
    ...(opts.answers ? { prompt: {
      confirm: async (question) => {
        err += `${question}\n`;
        const a = opts.answers?.shift();
        if (a === undefined) throw new Error(`unexpected prompt: ${question}`);
        return a;
      },
      input: async (question) => {
        throw new Error(`unexpected prompt: ${question}`);
      },
    } } : {}),
  };
  return { io, out: () => out, err: () => err };
}

/** Runs jiuye in-process; returns exit code and output. */
export async function jiuye(argv: string[], c: Captured = testIo()): Promise<{ code: number; out: string; err: string; io: Io }> {
  const code = await run(argv, c.io);
  return { code, out: c.out(), err: c.err(), io: c.io };
}

export function tempDir(prefix = 'jiuye-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the built binary as a user would (needs `npm run build`, which `npm test` does first). */
export function runBin(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export interface Workspace {
  /** The current test's folder, holding jiuye.db. */
  readonly dir: string;
  /** Captured streams for a run in that folder. */
  at(opts?: { now?: Date; tty?: boolean; env?: Record<string, string>; answers?: boolean[] }): Captured;
  /** Runs a command with --json there, expects exit 0, returns the parsed output. */
  json(argv: string[]): Promise<any>;
}

/** Gives every test of the file a fresh folder with an initialised database (call at the top level). */
export function initialisedWorkspace(): Workspace {
  let dir = '';
  const at: Workspace['at'] = (opts = {}) => testIo({ cwd: dir, ...opts });
  beforeEach(async () => {
    dir = tempDir();
    expect((await jiuye(['init'], at())).code).toBe(0);
  });
  return {
    get dir() {
      return dir;
    },
    at,
    async json(argv) {
      const r = await jiuye([...argv, '--json'], at());
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out);
    },
  };
}

/** The screen columns of a table line's border characters, as a key: equal keys mean the borders line up. */
export function borderColumns(line: string): string {
  const at: number[] = [];
  let x = 0;
  for (const ch of line) {
    if ('│┌┐├┤└┘┬┴┼'.includes(ch)) at.push(x);
    x += displayWidth(ch);
  }
  return at.join(',');
}
