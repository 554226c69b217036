// Reading commands start fast: nothing on their static import graph loads exceljs (only `import()` may).
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** Every module reached from an entry through static value imports (type-only imports and import() excluded). */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.ts')) return;
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?([^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      if (m[2]) continue; // import type / export type
      const spec = m[4];
      visit(spec.startsWith('.') ? resolve(dirname(file), spec.replace(/\.js$/, '.ts')) : spec);
    }
  };
  visit(join(ROOT, entry));
  return seen;
}

describe('start-up of the reading commands', () => {
  const src = (f: string) => `src/${f}`;

  it('the graph walker sees exceljs where it is statically imported (so the checks below can fail)', () => {
    expect([...staticGraph(src('excel/duty.ts'))]).toContain('exceljs');
  });

  for (const entry of ['cli.ts', 'commands/check.ts', 'commands/overdue.ts', 'commands/warn.ts', 'commands/overview.ts', 'commands/reference.ts', 'commands/units.ts', 'commands/history.ts', 'commands/duty.ts', 'commands/targets.ts']) {
    it(`${entry} does not load exceljs or src/excel/ statically`, () => {
      const graph = [...staticGraph(src(entry))].map((f) => (f.startsWith('/') ? relative(ROOT, f) : f));
      expect(graph.filter((f) => f === 'exceljs' || f.startsWith('src/excel/'))).toEqual([]);
      expect(graph.length).toBeGreaterThan(3);
    });
  }
});
