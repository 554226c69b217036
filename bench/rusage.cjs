// Preloaded into a measured jiuye process: writes its peak memory and loaded modules on exit.
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { register } = require('node:module');
const { pathToFileURL } = require('node:url');
const { isMainThread } = require('node:worker_threads');

// ES modules are seen only through a resolve hook, which slows loading: asked for, not for timed runs.
const esm = process.env.JIUYE_BENCH_ESM;
if (isMainThread && esm) register('./esm-hooks.mjs', pathToFileURL(__filename));

// --require is preloaded into worker threads too; only the main thread writes (peak RSS is the whole process's).
if (isMainThread) {
  process.on('exit', () => {
    const out = process.env.JIUYE_BENCH_RUSAGE;
    if (!out) return;
    const modules = Object.keys(require.cache).filter((m) => m.includes('node_modules'));
    if (esm && existsSync(esm)) modules.push(...readFileSync(esm, 'utf8').split('\n').filter(Boolean));
    writeFileSync(out, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, modules }));
  });
}
