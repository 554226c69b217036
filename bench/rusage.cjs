// Preloaded into a measured jiuye process: writes its peak memory and loaded modules on exit.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const out = process.env.JIUYE_BENCH_RUSAGE;
  if (!out) return;
  const modules = Object.keys(require.cache).filter((m) => m.includes('node_modules'));
  writeFileSync(out, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, modules }));
});
