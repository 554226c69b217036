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
  };
}
