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

/** A failed write of an output said in a line, or null for a fault that is not the path's. */
export function writeTrouble(e: unknown, out: string): InputError | null {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new InputError(`无法写出 ${out}:所在文件夹不存在`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') return new InputError(`无法写出 ${out}:没有写入权限(文件是否正在其他程序中打开?)`);
  if (code === 'EROFS') return new InputError(`无法写出 ${out}:所在位置只读`);
  if (code === 'ENOSPC') return new InputError(`无法写出 ${out}:磁盘已满`);
  if (code === 'EISDIR') return new InputError(`无法写出 ${out}:已有同名的文件夹`);
  if (code === 'ENAMETOOLONG' || code === 'EINVAL') return new InputError(`无法写出 ${out}:文件名无效或太长`);
  return null;
}
