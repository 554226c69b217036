// Expected failures are typed errors thrown upward; only cli.ts turns them into exit codes.

/** A failure the user can act on: printed as a message, never as a stack trace. */
export class JiuyeError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Wrong usage of a command (bad flag value, missing option): exit 2 with the usage line. */
export class UsageError extends JiuyeError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** A refused input or a failed check the user asked to fail on: exit 1. */
export class InputError extends JiuyeError {
  constructor(message: string) {
    super(message, 1);
  }
}
