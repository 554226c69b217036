// What the terminal allows: the width to fit, whether to colour, and whether to page long output.
// Pure decisions over the environment, so that each can be tested without a terminal (as gh's
// iostreams and git's pager.c decide them).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Io } from '../io.js';

/** Width of output when stdout is not a terminal and COLUMNS is not set. */
export const PIPE_WIDTH = 120;

/** The width tables are fitted to: COLUMNS when set, the terminal's width on a terminal, 120 in a pipe. */
export function outputWidth(io: Pick<Io, 'env' | 'stdoutTty' | 'columns'>): number {
  const env = Number(io.env.COLUMNS);
  if (Number.isInteger(env) && env > 0) return env;
  if (io.stdoutTty && io.columns !== undefined && io.columns > 0) return io.columns;
  return PIPE_WIDTH;
}

/**
 * Colour level for a stream (0 none … 3 truecolor). FORCE_COLOR decides when set, as in Node itself:
 * 0 or false turns colour off even on a terminal, 1–3 turn it on even in a pipe. Otherwise NO_COLOR
 * (any non-empty value) or TERM=dumb turns it off, and a terminal gets basic colours.
 */
export function colorLevel(env: Record<string, string | undefined>, tty: boolean): 0 | 1 | 2 | 3 {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    const f = force.trim().toLowerCase();
    if (f === '0' || f === 'false') return 0;
    if (f === '' || f === 'true' || f === '1') return 1;
    if (f === '2') return 2;
    if (f === '3') return 3;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.TERM === 'dumb') return 0;
  return tty ? 1 : 0;
}

/** What decides whether output goes through a pager. */
export interface PagerSituation {
  stdoutTty: boolean;
  /** --json was asked for: output is for a script. */
  json: boolean;
  /** --no-pager was given. */
  noPager: boolean;
  env: Record<string, string | undefined>;
  platform: string;
  /** Is a program of this name on PATH? Asked only when the default pager is needed. */
  installed: (program: string) => boolean;
}

/**
 * The pager command line, or null to print directly: never in a pipe, with --json or --no-pager;
 * $JIUYE_PAGER, then $PAGER (empty or `cat` means none); else `less -FRX` where less is installed
 * (not on Windows, whose `more` pages worse than the console scrolls).
 */
export function pagerCommand(s: PagerSituation): string | null {
  if (!s.stdoutTty || s.json || s.noPager) return null;
  for (const name of ['JIUYE_PAGER', 'PAGER']) {
    const value = s.env[name];
    if (value === undefined) continue;
    const command = value.trim();
    return command === '' || command === 'cat' ? null : command;
  }
  if (s.platform === 'win32') return null;
  return s.installed('less') ? 'less -FRX' : null;
}

/** The environment a pager runs with: LESS=FRX unless the user set LESS (as git does), so colours pass through. */
export function pagerEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...env, LESS: env.LESS ?? 'FRX', LV: env.LV ?? '-c' };
}

/** How many screen lines text takes at a width (a line wider than the screen takes several). */
export function screenLines(text: string, width: number, measure: (line: string) => number): number {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  let n = 0;
  for (const line of lines) n += Math.max(1, Math.ceil(measure(line) / Math.max(1, width)));
  return n;
}

/** Output is worth paging when it and the prompt after it do not fit on one screen. */
export function tallerThanScreen(lines: number, rows: number | undefined): boolean {
  return rows !== undefined && rows > 0 && lines >= rows;
}

/** Is an executable of this name on PATH? */
export function onPath(program: string, env: Record<string, string | undefined>): boolean {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}
