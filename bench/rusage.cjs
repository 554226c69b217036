// Preloaded into a measured jiuye process: writes its peak memory and loaded modules on exit.
const { writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

// --require is preloaded into worker threads too; only the main thread writes (peak RSS is the whole process's).
if (isMainThread) {
  process.on('exit', () => {
    const out = process.env.JIUYE_BENCH_RUSAGE;
    if (!out) return;
    const modules = Object.keys(require.cache).filter((m) => m.includes('node_modules'));
    writeFileSync(out, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, modules }));
  });
}
