// Terminal text: display width of Chinese text, wrapping, numbers and JSON.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Io } from '../io.js';
import { groupDigits } from '../domain/figures.js';

/** Colours when stdout is a terminal (and NO_COLOR is not set); plain text otherwise. */
export function paint(io: Io): ChalkInstance {
  const off = !io.stdoutTty || io.env.NO_COLOR !== undefined || io.env.TERM === 'dumb';
  return new Chalk({ level: off ? 0 : 1 });
}

/** Colours for stderr messages and warnings. */
export function paintErr(io: Io): ChalkInstance {
  const off = !io.stderrTty || io.env.NO_COLOR !== undefined || io.env.TERM === 'dumb';
  return new Chalk({ level: off ? 0 : 1 });
}

// East Asian Wide and Fullwidth ranges: what a terminal draws two columns wide.
function isWide(cp: number): boolean {
  return (
    cp >= 0x1100 &&
    (cp <= 0x115f ||
      cp === 0x2329 ||
      cp === 0x232a ||
      (cp >= 0x2e80 && cp <= 0x3247 && cp !== 0x303f) ||
      (cp >= 0x3250 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0xa4c6) ||
      (cp >= 0xa960 && cp <= 0xa97c) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe10 && cp <= 0xfe19) ||
      (cp >= 0xfe30 && cp <= 0xfe6b) ||
      (cp >= 0xff01 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd))
  );
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a string takes in a terminal: Chinese characters count two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text.replace(ANSI, '')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

const NO_LINE_START = '、,,。.;;::!!??))」』》”’';

/** Breaks plain text into lines no wider than width, preferring to break after 、,。;. */
export function wrapText(text: string, width: number): string {
  if (width < 4) return text;
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    let lastBreak = -1; // index in line just after a preferred break character
    for (const ch of paragraph) {
      const w = displayWidth(ch);
      // Closing punctuation never starts a line (避头): it may overhang the width instead.
      if (lineWidth + w > width && line !== '' && !NO_LINE_START.includes(ch)) {
        if (lastBreak > 0 && lastBreak < line.length) {
          out.push(line.slice(0, lastBreak));
          line = line.slice(lastBreak);
        } else {
          out.push(line);
          line = '';
        }
        lineWidth = displayWidth(line);
        lastBreak = -1;
      }
      line += ch;
      lineWidth += w;
      if ('、,,。;; '.includes(ch)) lastBreak = line.length;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** 1,234 (or 1,234.50 with decimals). */
export function formatNumber(n: number, decimals = 0): string {
  return groupDigits(n, decimals);
}

/** --json: indented on a terminal for a person to read, one compact line when piped to a script (as gh does). */
export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(`${io.stdoutTty ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`);
}
