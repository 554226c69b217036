// The charts drawn as SVG by Apache ECharts in server-side mode: no DOM, no canvas, no native code.
// Only the commands that draw load this module, by import(), so `check` never pays for it.
// The minified ESM bundle is loaded rather than the package's module tree: 45 ms against 300 ms here.
import { init } from 'echarts/dist/echarts.esm.min.mjs';
import type { ChartSpec } from './chart-options.js';

export interface ChartSvg {
  spec: ChartSpec;
  svg: string;
}

/** One chart as an SVG document of its own size. */
export function chartSvg(spec: ChartSpec): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(spec.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Every chart of the summary as SVG, in print order. */
export function chartSvgs(specs: readonly ChartSpec[]): ChartSvg[] {
  return specs.map((spec) => ({ spec, svg: chartSvg(spec) }));
}
