// Reading commands start fast: nothing on their static import graph loads exceljs, ECharts or resvg
// (only `import()` may); the commands that draw load the chart libraries only by import() too.
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

  const graphOf = (entry: string) => [...staticGraph(src(entry))].map((f) => (f.startsWith('/') ? relative(ROOT, f) : f));
  const chartLibraries = (graph: string[]) => graph.filter((f) => /^echarts(\/|$)/.test(f) || f.startsWith('@resvg/') || f === 'src/render/charts.ts' || f === 'src/render/raster.ts');

  it('the graph walker sees exceljs, ECharts and resvg where they are statically imported (so the checks below can fail)', () => {
    expect([...staticGraph(src('excel/duty.ts'))]).toContain('exceljs');
    expect(chartLibraries(graphOf('render/charts.ts'))).toEqual([
      'src/render/charts.ts',
      'echarts/core',
      'echarts/lib/chart/bar.js',
      'echarts/lib/chart/line.js',
      'echarts/lib/component/graphic.js',
      'echarts/lib/component/grid.js',
      'echarts/lib/component/legend.js',
      'echarts/lib/component/markLine.js',
      'echarts/lib/component/title.js',
      'echarts/renderers',
    ]);
    expect(chartLibraries(graphOf('render/raster.ts'))).toEqual(['src/render/raster.ts', '@resvg/resvg-js']);
  });

  for (const entry of ['cli.ts', 'commands/check.ts', 'commands/overdue.ts', 'commands/warn.ts', 'commands/overview.ts', 'commands/reference.ts', 'commands/units.ts', 'commands/history.ts', 'commands/duty.ts', 'commands/targets.ts', 'commands/assess.ts']) {
    it(`${entry} does not load exceljs, src/excel/, ECharts or resvg statically`, () => {
      const graph = graphOf(entry);
      expect(graph.filter((f) => f === 'exceljs' || f.startsWith('src/excel/'))).toEqual([]);
      expect(chartLibraries(graph)).toEqual([]);
      expect(graph.length).toBeGreaterThan(3);
    });
  }

  it('check, warn and overdue do not load date-fns/format (66 modules: 140 ms of start-up, measured when the database layer first took it)', () => {
    expect([...staticGraph(src('excel/duty.ts'))].filter((f) => f.startsWith('date-fns')).length).toBeGreaterThan(0);
    for (const entry of ['commands/check.ts', 'commands/warn.ts', 'commands/overdue.ts']) {
      expect(graphOf(entry).filter((f) => f === 'date-fns/format')).toEqual([]);
    }
  });

  it('commands/assess.ts never reaches the charts, even by import()', () => {
    const graph = graphOf('commands/assess.ts');
    expect(graph).not.toContain('src/app/summary.ts');
    const source = graph.filter((f) => f.startsWith('src/')).map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
    expect(source).not.toMatch(/import\(['"][^'"]*(charts|raster|chart-options)\.js['"]\)/);
  });

  for (const entry of ['commands/report.ts', 'commands/demo.ts']) {
    it(`${entry} loads ECharts and resvg only by import(), when it draws`, () => {
      const graph = graphOf(entry);
      expect(graph).toContain('src/app/summary.ts');
      expect(chartLibraries(graph)).toEqual([]);
    });
  }
});
