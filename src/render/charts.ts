// The charts drawn as SVG by Apache ECharts in server-side mode: no DOM, no canvas, no native code.
// Only the commands that draw load this module, by import(), so `check` never pays for it.
// ECharts is taken part by part, so that the release bundle carries only the parts the charts use
// instead of the whole prebuilt file. The chart types and components are loaded by their side-effect
// modules: the echarts/charts and echarts/components barrels load every chart there is, and took
// 620 ms here against 330 ms for these (the prebuilt file: 90 ms, which only the bundle gets back).
import { init, use } from 'echarts/core';
import 'echarts/lib/chart/bar.js';
import 'echarts/lib/chart/line.js';
import 'echarts/lib/component/graphic.js';
import 'echarts/lib/component/grid.js';
import 'echarts/lib/component/legend.js';
import 'echarts/lib/component/markLine.js';
import 'echarts/lib/component/title.js';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec } from './chart-options.js';

use([SVGRenderer]);

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
