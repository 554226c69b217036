// Reading many return files on every core: parsing is most of an import's work.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { FileRead } from './workbook-file.js';
import { BUNDLE, ROOT } from '../root.js';

// Always the built worker: under the test runner this module is TypeScript, which a worker cannot load.
// A release bundle carries it as an entry of its own.
const WORKER = BUNDLE ? join(ROOT, 'app', 'parse-worker.mjs') : join(ROOT, 'dist', 'excel', 'parse-worker.js');

/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 8;

/**
 * Reads files in parallel (in order of the given paths), calling onRead as each result arrives in
 * order; small batches or a single core read in this thread.
 */
export async function readWorkbookFiles(paths: string[], onRead: (read: FileRead, index: number) => void): Promise<void> {
  const threads = Math.min(availableParallelism(), 4, Math.ceil(paths.length / MIN_FILES_FOR_WORKERS));
  if (threads < 2) {
    // Loaded only here: when workers parse, this thread never needs exceljs (time and memory).
    const { readWorkbookFile } = await import('./workbook-file.js');
    for (const [i, p] of paths.entries()) onRead(await readWorkbookFile(p), i);
    return;
  }
  const results = new Map<number, FileRead>();
  let next = 0; // next path to hand out
  let emitted = 0; // next result to pass on, to keep the order
  await new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    const finish = (error?: Error) => {
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve();
    };
    const feed = (w: Worker) => {
      if (next < paths.length) {
        w.postMessage({ id: next, path: paths[next] });
        next++;
      }
    };
    for (let t = 0; t < threads; t++) {
      const w = new Worker(WORKER);
      workers.push(w);
      w.on('message', (m: { id: number; result: FileRead }) => {
        results.set(m.id, m.result);
        while (results.has(emitted)) {
          onRead(results.get(emitted)!, emitted);
          results.delete(emitted);
          emitted++;
        }
        if (emitted === paths.length) finish();
        else feed(w);
      });
      w.on('error', (e) => finish(e));
      // Two files per worker in flight, so a worker never waits for the main thread.
      feed(w);
      feed(w);
    }
  });
}
