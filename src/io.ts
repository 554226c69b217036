// The streams, clock and environment a command runs with; tests hand in their own.

export interface Out {
  write(text: string): unknown;
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
  /** Terminal width for wrapping, when known. */
  columns?: number;
  now: () => Date;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Asks a yes/no question on the terminal, answered 是 or 否; only asked when stdin and stderr are terminals. */
  confirm(question: string, defaultYes: boolean): Promise<boolean>;
}

/** 是/否 (and y/n, yes/no, 好/对/不) read as an answer; null for anything else. */
export function readAnswer(text: string, defaultYes: boolean): boolean | null {
  const a = text.trim().toLowerCase();
  if (a === '') return defaultYes;
  if (['是', '是的', 'y', 'yes', '好', '对', '确定'].includes(a)) return true;
  if (['否', '不', '不是', 'n', 'no', '取消'].includes(a)) return false;
  return null;
}

async function askOnTerminal(question: string, defaultYes: boolean): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    for (;;) {
      const answer = readAnswer(await rl.question(`${question}(是/否,默认${defaultYes ? '是' : '否'}):`), defaultYes);
      if (answer !== null) return answer;
      process.stderr.write('请回答“是”或“否”\n');
    }
  } finally {
    rl.close();
  }
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
    now: () => new Date(),
    env: process.env,
    cwd: process.cwd(),
    confirm: askOnTerminal,
  };
}
