// A one-line progress bar on stderr, drawn only on a terminal and only for batches worth waiting for.
import type { Io } from '../io.js';
import { displayWidth } from './text.js';

export interface Progress {
  tick(label: string): void;
  done(): void;
}

/** A bar for `total` steps; a no-op off a terminal or for a handful of files. */
export function progressBar(io: Io, total: number, verb: string, minimum = 4): Progress {
  if (!io.stderrTty || total < minimum) return { tick: () => undefined, done: () => undefined };
  let n = 0;
  let last = 0;
  const width = 24;
  const draw = (label: string) => {
    const filled = Math.round((n / total) * width);
    let line = `${verb} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${n}/${total} ${label}`;
    const max = (io.columns ?? 80) - 1;
    while (displayWidth(line) > max) line = line.slice(0, -2);
    io.stderr.write(`\r\u001b[2K${line}`);
  };
  return {
    tick(label: string) {
      n++;
      const now = Date.now();
      if (now - last > 50 || n === total) {
        last = now;
        draw(label);
      }
    },
    done() {
      io.stderr.write('\r\u001b[2K');
    },
  };
}
