// The streams, clock and environment a command runs with; tests hand in their own.

export interface Out {
  write(text: string): unknown;
}

/** Questions asked on a terminal (on stderr, answers from stdin); tests hand in scripted answers. */
export interface Prompter {
  /** A line of text; validate returns true or the message to show before asking again. */
  input(message: string, opts?: { default?: string; validate?: (value: string) => true | string }): Promise<string>;
  /** 是/否, with the answer Enter gives. */
  confirm(message: string, defaultYes: boolean): Promise<boolean>;
}

export interface Io {
  stdout: Out;
  stderr: Out;
  /** stdout is a terminal: tables may use colour. */
  stdoutTty: boolean;
  /** stderr is a terminal: progress bars may be drawn. */
  stderrTty: boolean;
  /** stdin is a terminal: prompts may be asked. */
  stdinTty: boolean;
  /** Terminal width, when stdout is a terminal (render/terminal.ts outputWidth decides the width used). */
  columns?: number;
  /** Terminal height, when stdout is a terminal: output taller than this goes through the pager. */
  rows?: number;
  /** process.platform: the default pager differs on Windows. */
  platform?: string;
  /** Runs a pager command line fed with text; false when it could not be started (then the caller prints). */
  page?(command: string, text: string, env: Record<string, string | undefined>): Promise<boolean>;
  /** Asks the user; absent where nobody can answer. */
  prompt?: Prompter;
  now: () => Date;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Faults a test imitates where it cannot cause them (CI runs as root, which writes through permission bits). */
  faults?: Faults;
}

/** Database faults imitated in tests; the real ones are tried by hand (README, 可靠性). */
export interface Faults {
  /** The database file, its folder, or the whole medium refuses writes. */
  readOnly?: 'file' | 'folder' | 'medium';
  /** The disk is full after this many more database pages. */
  diskFullAfterPages?: number;
}

/** The real process: what bin/jiuye.js runs with. */
export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutTty: Boolean(process.stdout.isTTY),
    stderrTty: Boolean(process.stderr.isTTY),
    stdinTty: Boolean(process.stdin.isTTY),
    columns: process.stdout.columns,
    rows: process.stdout.rows,
    platform: process.platform,
    page: runPager,
    prompt: terminalPrompter(),
    now: () => new Date(),
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * Feeds text to the pager and waits for the user to quit it. Ctrl-C belongs to the pager while it
 * runs (git ignores SIGINT for the same reason); quitting before the end is not an error.
 */
export async function runPager(command: string, text: string, env: Record<string, string | undefined>): Promise<boolean> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    let failed = false;
    const child = spawn(command, { shell: true, stdio: ['pipe', 'inherit', 'inherit'], env });
    child.on('error', () => (failed = true));
    child.stdin.on('error', ignore); // EPIPE: the user quit the pager before the end
    child.stdin.end(text);
    child.on('close', (code) => {
      process.off('SIGINT', ignore);
      // 127: the shell did not find the command; the caller prints the text instead.
      resolve(!failed && code !== 127);
    });
  });
}

const YES = ['是', 'y', 'yes', '好', '对'];
const NO = ['否', 'n', 'no', '不'];

/** Prompts on stderr through @inquirer/prompts, loaded only when a question is asked. */
function terminalPrompter(): Prompter {
  const context = () => ({ input: process.stdin, output: process.stderr });
  return {
    async input(message, opts = {}) {
      const { input } = await import('@inquirer/prompts');
      return input({ message, default: opts.default, validate: opts.validate }, context());
    },
    async confirm(message, defaultYes) {
      const { input } = await import('@inquirer/prompts');
      const answer = await input(
        {
          message: `${message}(是/否,直接回车为“${defaultYes ? '是' : '否'}”)`,
          validate: (v) => v.trim() === '' || [...YES, ...NO].includes(v.trim().toLowerCase()) || '请回答 是 或 否',
        },
        context(),
      );
      const a = answer.trim().toLowerCase();
      return a === '' ? defaultYes : YES.includes(a);
    },
  };
}
