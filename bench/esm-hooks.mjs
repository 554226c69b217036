// Module hooks for a measured jiuye run: records every package module an ES import resolves to
// (require.cache, which rusage.cjs reads, holds CommonJS modules only; ECharts is an ES module), and
// jiuye's own built modules (to see whether a command loads the return reader).
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const out = process.env.JIUYE_BENCH_ESM;
  if (out && (result.url.includes('/node_modules/') || result.url.includes('/dist/'))) appendFileSync(out, `${result.url}\n`);
  return result;
}
