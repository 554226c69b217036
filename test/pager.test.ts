// The pager and colour as a command sees them: a terminal, --no-pager, --json and the environment, with the pager stubbed.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPager } from '../src/io.js';
import { AREA_ALLOCATIONS, dbIn, fill, threeQuarters } from './fill.js';
import { initialisedWorkspace, jiuye, tempDir, type Captured } from './helpers.js';

const ws = initialisedWorkspace();

interface PagerCall {
  command: string;
  text: string;
  env: Record<string, string | undefined>;
}

/** A terminal of 80×24 whose pager is a stub that records what it was given. */
function terminal(opts: { env?: Record<string, string>; tty?: boolean; starts?: boolean } = {}): Captured & { calls: PagerCall[] } {
  const c = ws.at({ tty: opts.tty ?? true, env: opts.env ?? { JIUYE_PAGER: 'stub-pager' } });
  const calls: PagerCall[] = [];
  c.io.columns = 80;
  c.io.rows = 24;
  c.io.platform = 'linux';
  c.io.page = async (command, text, env) => {
    calls.push({ command, text, env });
    return opts.starts ?? true;
  };
  return { ...c, calls };
}

describe('the pager', () => {
  it('takes output taller than the screen on a terminal; stdout gets nothing', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const t = terminal();
    const r = await jiuye(['check'], t);
    expect(r.code).toBe(0);
    expect(t.calls).toHaveLength(1);
    expect(t.calls[0].command).toBe('stub-pager');
    expect(t.calls[0].text).toContain('需要关注');
    expect(t.calls[0].text.split('\n').length).toBeGreaterThan(24);
    expect(t.calls[0].env.LESS).toBe('FRX');
    expect(r.out).toBe('');
  });

  it('pages help taller than the screen, the program\'s and a command\'s, and not with --no-pager', async () => {
    for (const argv of [['--help'], ['help'], ['import', '--help'], ['help', 'report']]) {
      const t = terminal();
      const r = await jiuye(argv, t);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(t.calls, argv.join(' ')).toHaveLength(1);
      expect(t.calls[0].text).toContain('用法:');
      expect(r.out).toBe('');
    }
    const plain = terminal();
    const r = await jiuye(['--no-pager', '--help'], plain);
    expect(plain.calls).toHaveLength(0);
    expect(r.out).toContain('用法:');
  });

  it('keeps the exit code of the command it pages', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const t = terminal();
    const r = await jiuye(['check', '--fail-on-behind'], t);
    expect(r.code).toBe(1);
    expect(t.calls).toHaveLength(1);
  });

  it('is not used with --no-pager (after the command or before it), --json, or in a pipe', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    for (const [argv, tty] of [
      [['check', '--no-pager'], true],
      [['--no-pager', 'check'], true],
      [['check', '--json'], true],
      [['check'], false],
    ] as const) {
      const t = terminal({ tty });
      const r = await jiuye([...argv], t);
      expect(t.calls, argv.join(' ')).toEqual([]);
      expect(r.out.length, argv.join(' ')).toBeGreaterThan(1000);
    }
  });

  it('is not used for output that fits on the screen', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const t = terminal();
    const r = await jiuye([], t); // the overview is one screen
    expect(t.calls).toEqual([]);
    expect(r.out).toContain('当前季度');
  });

  it('PAGER=cat or an empty JIUYE_PAGER means none; PAGER is used when JIUYE_PAGER is unset', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    expect((await jiuyeWith({ PAGER: 'cat' })).calls).toEqual([]);
    expect((await jiuyeWith({ JIUYE_PAGER: '', PAGER: 'more' })).calls).toEqual([]);
    expect((await jiuyeWith({ PAGER: 'more' })).calls.map((c) => c.command)).toEqual(['more']);
  });

  it('without a pager named: less -FRX where less is on PATH, else none', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const bin = join(tempDir(), 'bin');
    mkdirSync(bin);
    expect((await jiuyeWith({ PATH: bin })).calls).toEqual([]);
    writeFileSync(join(bin, 'less'), '#!/bin/sh\ncat\n');
    chmodSync(join(bin, 'less'), 0o755);
    expect((await jiuyeWith({ PATH: bin })).calls.map((c) => c.command)).toEqual(['less -FRX']);
  });

  it('prints directly when the pager cannot be started', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const t = terminal({ starts: false });
    const r = await jiuye(['overdue', '--quarter', '2021Q3', '--as-of', '2021-10-15'], t);
    expect(t.calls).toHaveLength(1);
    expect(r.out).toContain('报表报送情况');
  });

  it('runPager feeds the text to a shell command and reports a command that is not there', async () => {
    const dir = tempDir();
    const out = join(dir, 'paged.txt');
    expect(await runPager(`cat > '${out}'`, '第一行\n第二行\n', { ...process.env })).toBe(true);
    expect(readFileSync(out, 'utf8')).toBe('第一行\n第二行\n');
    expect(await runPager('no-such-pager-here-xyz 2>/dev/null', 'x\n', { ...process.env })).toBe(false);
  });
});

async function jiuyeWith(env: Record<string, string>): Promise<{ calls: PagerCall[] }> {
  const t = terminal({ env });
  await jiuye(['check'], t);
  return t;
}

describe('colour', () => {
  const hasColour = (s: string) => /\u001b\[/.test(s);

  it('on a terminal, not in a pipe', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    expect(hasColour((await jiuye(['check', '--no-pager'], terminal())).out)).toBe(true);
    expect(hasColour((await jiuye(['check'], terminal({ tty: false }))).out)).toBe(false);
  });

  it('NO_COLOR and FORCE_COLOR=0 turn it off on a terminal; FORCE_COLOR=1 turns it on in a pipe', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    expect(hasColour((await jiuye(['check', '--no-pager'], terminal({ env: { NO_COLOR: '1' } }))).out)).toBe(false);
    expect(hasColour((await jiuye(['check', '--no-pager'], terminal({ env: { FORCE_COLOR: '0' } }))).out)).toBe(false);
    const forced = (await jiuye(['check'], terminal({ tty: false, env: { FORCE_COLOR: '1' } }))).out;
    expect(hasColour(forced)).toBe(true);
    expect(forced).toContain('\u001b[31m进度滞后(差 15 人)\u001b[39m');
    // Colour in a pipe does not bring the terminal-only bar with it.
    expect(forced).not.toContain('完成进度');
  });
});
