// Terminal text: display width of Chinese text, line breaking and JSON.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Io } from '../io.js';
import { colorLevel } from './terminal.js';

/** Colours for stdout: on a terminal, or when FORCE_COLOR asks; never with NO_COLOR or FORCE_COLOR=0. */
export function paint(io: Io): ChalkInstance {
  return new Chalk({ level: colorLevel(io.env, io.stdoutTty) });
}

/** Colours for stderr messages and warnings, by the same rules as stdout. */
export function paintErr(io: Io): ChalkInstance {
  return new Chalk({ level: colorLevel(io.env, io.stderrTty) });
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

/** Columns one character takes: Chinese characters two, control characters none. */
function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f) || ch === KEEP_OPEN || ch === KEEP_CLOSE) return 0;
  return isWide(cp) ? 2 : 1;
}

/** Columns a string takes in a terminal: Chinese characters count two, colour codes none. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text.includes('\u001b') ? text.replace(ANSI, '') : text) w += charWidth(ch);
  return w;
}

/** Text without colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * How a text may be broken across lines. 'text' is prose (a progress note, a warning's message):
 * between Chinese characters, at spaces, preferably after punctuation. 'words' (a contact, a list of
 * unit names): only at spaces and after 、,;: — a name is never cut. 'list' (列东街道:城镇新增就业(差 15 人)、…):
 * only after 、,;: — each listed phrase stays whole.
 */
export type WrapMode = 'text' | 'words' | 'list';

// Closing punctuation never starts a line and opening punctuation never ends one (避头尾). Both the
// full-width forms and the ASCII ones this project writes after Chinese text: 进度检查(2021Q3,…).
const NO_LINE_START = new Set([...'\u3001\u3002\uff0c\uff0e\uff1b\uff1a\uff01\uff1f\uff09\uff05\u300d\u300f\u300b\u3009\u3011\u201d\u2019\u00b7\u2026,.;:!?)%']);
const NO_LINE_END = new Set([...'\uff08\u300c\u300e\u300a\u3008\u3010\u201c\u2018\u00b7(']);
// Breaking right after these reads naturally.
const AFTER_PUNCTUATION = new Set([...'\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f,;:!?']);
// A list breaks only after a separator (、,;:/) or a space.
const LIST_SEPARATOR = new Set([...'\u3001\uff0c\uff1b\uff1a,;:/\\']);

interface Atom {
  ch: string;
  w: number;
  /** The SGR colour codes in force for this character ('' for none). */
  style: string;
  /** Inside a phrase kept whole (see keepWhole): no line breaks within it. */
  kept?: boolean;
}

/**
 * Breaks text into lines no wider than width (in terminal columns). Numbers, dates and other Latin
 * runs stay whole; a run wider than the line is cut only as a last resort. Colour codes are carried
 * over a break: each line closes what it opened and the next reopens it.
 */
export function wrapLines(text: string, width: number, mode: WrapMode = 'text'): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (displayWidth(paragraph) <= width) out.push(paragraph.includes(KEEP_OPEN) ? paragraph.replace(KEPT_MARKS, '') : paragraph);
    else out.push(...breakParagraph(atomsOf(paragraph), Math.max(1, width), mode));
  }
  return out;
}

/** wrapLines joined with newlines (the shape a table cell holds). */
export function wrapText(text: string, width: number, mode: WrapMode = 'text'): string {
  return wrapLines(text, width, mode).join('\n');
}

/** The widest run that wrapLines will keep on one line: the narrowest a column of this text can be. */
export function longestUnbreakable(text: string, mode: WrapMode): number {
  let best = 0;
  for (const paragraph of text.split('\n')) {
    const atoms = atomsOf(paragraph);
    const allowed = breakOpportunities(atoms, mode);
    let run = 0;
    for (let i = 0; i < atoms.length; i++) {
      if (allowed[i]) run = 0;
      if (atoms[i].ch === ' ' && run === 0) continue; // a line never starts with a space
      run += atoms[i].w;
      best = Math.max(best, run);
    }
  }
  return best;
}

function atomsOf(paragraph: string): Atom[] {
  const atoms: Atom[] = [];
  const styles = new Map<string, string>();
  let style = '';
  let kept = false;
  let i = 0;
  const sgr = /\u001b\[([0-9;]*)m/y;
  while (i < paragraph.length) {
    if (paragraph.charCodeAt(i) === 0x1b) {
      sgr.lastIndex = i;
      const m = sgr.exec(paragraph);
      if (m) {
        applySgr(styles, m[1]);
        style = styles.size > 0 ? `\u001b[${[...styles.values()].join(';')}m` : '';
        i = sgr.lastIndex;
        continue;
      }
    }
    const cp = paragraph.codePointAt(i) ?? 0;
    const ch = cp > 0xffff ? String.fromCodePoint(cp) : paragraph[i];
    i += ch.length;
    if (ch === KEEP_OPEN || ch === KEEP_CLOSE) {
      kept = ch === KEEP_OPEN;
      continue;
    }
    atoms.push(kept ? { ch, w: charWidth(ch), style, kept } : { ch, w: charWidth(ch), style });
  }
  return atoms;
}

// Which SGR codes end which: a style is kept per kind so that a close code removes only its own.
function applySgr(styles: Map<string, string>, params: string): void {
  const codes = params === '' ? ['0'] : params.split(';');
  for (let k = 0; k < codes.length; k++) {
    const n = Number(codes[k]);
    if (n === 0) styles.clear();
    else if (n === 1) styles.set('bold', '1');
    else if (n === 2) styles.set('dim', '2');
    else if (n === 22) {
      styles.delete('bold');
      styles.delete('dim');
    } else if (n === 3 || n === 4 || n === 7 || n === 8 || n === 9) styles.set(`a${n}`, String(n));
    else if (n >= 23 && n <= 29) styles.delete(`a${n - 20}`);
    else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) styles.set('fg', String(n));
    else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) styles.set('bg', String(n));
    else if (n === 38 || n === 48) {
      // 38;5;n or 38;2;r;g;b
      const extra = codes[k + 1] === '5' ? 2 : codes[k + 1] === '2' ? 4 : 0;
      styles.set(n === 38 ? 'fg' : 'bg', codes.slice(k, k + 1 + extra).join(';'));
      k += extra;
    } else if (n === 39) styles.delete('fg');
    else if (n === 49) styles.delete('bg');
  }
}

const isAlnum = (ch: string) => {
  const c = ch.charCodeAt(0);
  return ch.length === 1 && ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122));
};
const isDigit = (ch: string) => ch.length === 1 && ch >= '0' && ch <= '9';

/** allowed[i]: a line may start at atom i (never at 0). */
function breakOpportunities(atoms: Atom[], mode: WrapMode): boolean[] {
  const allowed = new Array<boolean>(atoms.length).fill(false);
  for (let i = 1; i < atoms.length; i++) {
    const prev = atoms[i - 1].ch;
    const next = atoms[i].ch;
    if (NO_LINE_START.has(next) || NO_LINE_END.has(prev) || (atoms[i].kept && atoms[i - 1].kept)) allowed[i] = false;
    else if ((prev === ',' || prev === '.' || prev === ':') && isAlnum(next)) allowed[i] = false; // 1,234 · 3.5 · 09:00
    else if (LIST_SEPARATOR.has(prev)) allowed[i] = true;
    else if (next === ' ' || prev === ' ') allowed[i] = mode !== 'list' && !numberWithWord(atoms, next === ' ' ? i : i - 1);
    else if (mode === 'text') {
      // Between Chinese characters (and after Chinese punctuation); never inside a number or word.
      allowed[i] = ((atoms[i - 1].w === 2 || atoms[i].w === 2) && !isAlnum(prev) && !isAlnum(next)) || AFTER_PUNCTUATION.has(prev);
    }
  }
  return allowed;
}

// A space between a number and the Chinese word after it binds them: 差 5 人, 130 人 → … keep 5 人 together.
function numberWithWord(atoms: Atom[], space: number): boolean {
  const before = atoms[space - 1];
  const after = atoms[space + 1];
  return before !== undefined && after !== undefined && (isDigit(before.ch) || before.ch === '%') && after.w === 2 && !NO_LINE_END.has(after.ch);
}

function breakParagraph(atoms: Atom[], width: number, mode: WrapMode): string[] {
  const allowed = breakOpportunities(atoms, mode);
  const lines: string[] = [];
  let s = 0;
  const n = atoms.length;
  while (s < n) {
    while (s < n && atoms[s].ch === ' ') s++;
    if (s >= n) break;
    let used = 0;
    let e = s;
    while (e < n && used + atoms[e].w <= width) used += atoms[e++].w;
    if (e >= n) {
      lines.push(emit(atoms, s, n));
      break;
    }
    // atoms[e] does not fit: break at the last opportunity, or after punctuation if that keeps the line well filled.
    let last = -1;
    let punct = -1;
    for (let k = e; k > s; k--) {
      if (!allowed[k]) continue;
      if (last < 0) last = k;
      if (atoms[k].ch === ' ' || AFTER_PUNCTUATION.has(atoms[k - 1].ch)) {
        punct = k;
        break;
      }
    }
    let b = last;
    if (punct > 0 && widthOf(atoms, s, punct) >= width * 0.75) b = punct;
    // A phrase kept whole that is wider than the line breaks at its last space that fits.
    if (b <= s) for (let k = e; k > s && b <= s; k--) if (atoms[k].ch === ' ' && atoms[k].kept) b = k;
    if (b <= s) b = Math.max(e, s + 1); // one run wider than the line: cut it
    lines.push(emit(atoms, s, b));
    s = b;
  }
  return lines;
}

function widthOf(atoms: Atom[], from: number, to: number): number {
  let w = 0;
  for (let i = from; i < to; i++) w += atoms[i].w;
  return w;
}

function emit(atoms: Atom[], from: number, to: number): string {
  while (to > from && atoms[to - 1].ch === ' ') to--;
  let out = '';
  let style = '';
  for (let i = from; i < to; i++) {
    const a = atoms[i];
    if (a.style !== style) {
      if (style !== '') out += '\u001b[0m';
      out += a.style;
      style = a.style;
    }
    out += a.ch;
  }
  if (style !== '') out += '\u001b[0m';
  return out;
}

// Around a phrase that wrapping keeps on one line; never printed (private-use characters).
const KEEP_OPEN = '\ue000';
const KEEP_CLOSE = '\ue001';
const KEPT_MARKS = /[\ue000\ue001]/g;

/** Text as printed without wrapping: the marks of phrases kept whole taken out. */
export function plainText(text: string): string {
  return text.includes(KEEP_OPEN) ? text.replace(KEPT_MARKS, '') : text;
}

/** A command line (or any phrase) that wrapping keeps on one line, unless it is wider than the line. */
export function keepWhole(phrase: string): string {
  return `${KEEP_OPEN}${phrase}${KEEP_CLOSE}`;
}

/** Every command line in a sentence (the launcher and the words after it) kept on one line. */
export function keepCommandsWhole(text: string, launcher: string): string {
  const command = new RegExp(`${launcher.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?: (?:--?[\\w-]+|'[^']*'|"[^"]*"|[\\w./-]+))*`, 'g');
  return text.replace(command, (cmd) => keepWhole(cmd));
}

/** A paragraph wrapped to width: its first line after indent, the others after hanging. */
export function wrapParagraph(text: string, width: number, indent = '', hanging = indent, mode: WrapMode = 'text'): string[] {
  const room = width - Math.max(displayWidth(indent), displayWidth(hanging));
  return wrapLines(text, Math.max(8, room), mode).map((line, i) => `${i === 0 ? indent : hanging}${line}`);
}

/** --json: indented on a terminal for a person to read, one compact line when piped to a script (as gh does). */
export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(`${io.stdoutTty ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`);
}
