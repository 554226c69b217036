// Finding the commands jiuye suggests in what it prints, and running them as printed: every one must
// run in the state where it is printed (exit 0, or 1 where refusing is its job), never a usage error.
import type { Captured } from './helpers.js';
import { testIo } from './helpers.js';

/** Words that mark a command as a pattern the clerk completes (never a real-looking path). */
export const PLACEHOLDERS = ['文件夹', '文件', '单位', '单位名称', '季度', '年份', '命令', '…'];

const CJK = /[\u3400-\u9fff]/;
// Options that take no value: a Chinese word after one is the sentence going on.
const FLAGS = ['--all', '--brief', '--json', '--dry-run', '--verbose', '--force', '--yes', '--keep', '--replace', '--no-pager', '--no-charts', '--strict', '--incomplete', '--fail-on-behind', '--notice', '--help'];
// A launcher as printed: jiuye, npx jiuye, or a quoted or bare path to node and to bin/jiuye.js.
const LAUNCHER = /(?:npx jiuye|(?:'[^']*node'|\S*node) (?:'[^']*jiuye\.js'|\S*jiuye\.js)|jiuye)(?= |$)/g;

/** Each command line in the text (its words after the launcher), in the order printed. */
export function commandLines(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.split('\n')) {
    for (const m of line.matchAll(LAUNCHER)) {
      const before = line.slice(0, m.index);
      // Inside another word (jiuye.db, jiuye-备份) it is no command.
      if (before !== '' && !/[\s((::,,;;]$/.test(before)) continue;
      const words = tokens(line.slice(m.index! + m[0].length));
      if (words.length > 0) out.push(words);
    }
  }
  return out;
}

// The words after a launcher: single spaces between them; two spaces (a description column), a
// closing bracket or Chinese punctuation end the command, and so does a Chinese word that no option
// takes (the sentence going on: 先运行 jiuye plan new 2022 建立 2022 年的方案).
function tokens(rest: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (rest[i] === ' ' && rest[i + 1] !== ' ') {
    i++;
    let word = '';
    if (rest[i] === "'") {
      const end = rest.indexOf("'", i + 1);
      word = rest.slice(i + 1, end);
      i = end + 1;
    } else {
      const m = /^[^\s,。;:,;())]+/.exec(rest.slice(i));
      if (!m) break;
      word = m[0];
      i += word.length;
    }
    const previous = words[words.length - 1];
    const argument = (previous?.startsWith('-') && !FLAGS.includes(previous)) || ['import', 'restore', 'add', 'set'].includes(previous ?? '');
    if (CJK.test(word) && !argument && !/[./]/.test(word) && !PLACEHOLDERS.includes(word)) break;
    words.push(word);
  }
  return words;
}

/** A command the clerk has to complete: it holds a placeholder word. */
export function isPattern(argv: string[]): boolean {
  return argv.some((w) => PLACEHOLDERS.includes(w) || PLACEHOLDERS.some((p) => w.startsWith(`${p}/`) || w.endsWith(`/${p}`)));
}

/** Exit 0; 1 only where refusing is the command's job (a return refused, a check asked to fail). */
export function runsAsPrinted(code: number, argv: string[]): boolean {
  const refuses = argv[0] === 'import' || argv.includes('--fail-on-behind');
  return code === 0 || (code === 1 && refuses);
}

/** A terminal where a question is answered with its default (or 0), and a yes/no with its default. */
export function answeringTerminal(cwd: string, now: Date): Captured {
  // Charts are drawn only with a Chinese font: without one a suggested report is written in a fraction of the time.
  const c = testIo({ cwd, now, tty: true, env: { NO_COLOR: '1', JIUYE_FONT_DIRS: cwd } });
  c.io.prompt = {
    input: async (_message, opts = {}) => {
      for (const answer of [opts.default, '0', '100']) if (answer !== undefined && (opts.validate?.(answer) ?? true) === true) return answer;
      throw new Error('no answer fits');
    },
    confirm: async (_message, defaultYes) => defaultYes,
  };
  return c;
}
