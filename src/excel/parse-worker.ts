// A worker thread that reads return files (sniff, exceljs, plain cells) for the import's main thread.
import { parentPort } from 'node:worker_threads';
import { readWorkbookFile } from './workbook-file.js';

parentPort!.on('message', async (job: { id: number; path: string }) => {
  parentPort!.postMessage({ id: job.id, result: await readWorkbookFile(job.path) });
});
