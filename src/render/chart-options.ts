// The four charts of the quarterly summary as ECharts options: pure data, drawn by render/charts.ts.
// Sizes are chosen for the printed page: a chart is 1000 × 280 px, which is the width of an A4
// landscape page inside its margins at 96 dpi, so 13 px text prints at about 10 pt; two charts and the
// sheet's title rows fill one page.
import type { EChartsOption } from 'echarts';
import type { AreaBar, AreaProgressChart, ChartModel, DistrictTrendChart, RateTrendChart, SubmissionChart } from '../domain/charts.js';
import { breaks } from '../domain/progress.js';
import { groupDigits, measureText, rateText, shareText } from '../format/number.js';
import { SCHEDULE } from '../format/words.js';

export interface ChartSpec {
  /** File-name-safe id: area-progress, district-trend, rate-trend, submissions. */
  id: string;
  title: string;
  width: number;
  height: number;
  option: EChartsOption;
}

export const CHART_WIDTH = 1000;
export const CHART_HEIGHT = 280;

/** Chinese fonts first, in the order Windows, macOS and Linux offices have them. */
export const CHART_FONT_FAMILY =
  "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', SimHei, sans-serif";

/**
 * Saturated counterparts of the workbook's status fills (good, warn, bad): bars need colour that
 * survives printing. A bar behind schedule is also labelled 滞后, so a grey print still tells.
 */
export const CHART_COLOURS = {
  normal: '#4472C4',
  good: '#70AD47',
  warn: '#ED7D31',
  bad: '#C00000',
  light: '#9DC3E6',
  dark: '#1F4E79',
  grey: '#7F7F7F',
  text: '#222222',
};

const LABEL = 13;
// The line of what the schedule asks by each quarter end, in the trend chart's legend.
const SCHEDULE_MARK = `${SCHEDULE}要求`;

const base = (title: string, subtext?: string): EChartsOption => ({
  animation: false,
  backgroundColor: '#FFFFFF',
  textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: LABEL, color: CHART_COLOURS.text },
  title: [{ text: title, subtext, left: 'center', top: 2, itemGap: 4, textStyle: { fontSize: 16, fontWeight: 'bold' }, subtextStyle: { fontSize: 12, color: '#555555' } }],
});

/**
 * At most this many areas are drawn, each with its own bar or line end label at 13 px in 280 px: a
 * district has six, a city many more. Beyond it a chart shows the areas that most need attention and
 * says so; the tables list every area.
 */
export const MAX_AREAS = 8;

/** Side-by-side panels, one per indicator: their left edges and widths within the chart. */
function panels(n: number, opts: { left: number; right: number; gap: number }): { left: number; width: number }[] {
  const width = (CHART_WIDTH - opts.left - opts.right - opts.gap * (n - 1)) / Math.max(1, n);
  return Array.from({ length: n }, (_, i) => ({ left: opts.left + i * (width + opts.gap), width }));
}

/** 各镇街完成进度: per count indicator, a horizontal bar for every area, the schedule as a dashed line. */
export function areaProgressOption(c: AreaProgressChart): EChartsOption {
  const schedulePct = Math.round(c.schedule * 100);
  const names = 96; // room for 梅列经济开发区 at 13 px, so every area name shows unabridged
  const VALUES = 76; // room for 105.0% and 67.1% 滞后 at 12 px
  const boxes = panels(c.indicators.length, { left: 8, right: 8, gap: 24 });
  const top = 70;
  const total = Math.max(0, ...c.indicators.map((i) => i.areas.length));
  // Too many areas for the page: each panel keeps its lowest completions, lowest first.
  const rank = (a: AreaBar) => a.completion ?? Infinity;
  const indicators = c.indicators.map((ind) => ({
    ...ind,
    areas: ind.areas.length <= MAX_AREAS ? ind.areas : [...ind.areas].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_AREAS),
  }));
  const legend = `虚线为${SCHEDULE} ${shareText(c.schedule, 0)},橙色柱为进度滞后(低于${SCHEDULE})`;
  const option = base(c.title, total > MAX_AREAS ? `共 ${total} 个镇街,每项列出完成率最低的 ${MAX_AREAS} 个(全部见“分单位完成情况”);${legend}` : legend);
  const maxPct = Math.max(100, ...indicators.flatMap((i) => i.areas.map((a) => (a.completion ?? 0) * 100)));
  option.title = [
    ...(option.title as object[]),
    ...indicators.map((ind, i) => ({
      text: `${ind.name}(完成率)`,
      left: boxes[i].left + names + (boxes[i].width - names) / 2,
      top: top - 22,
      textAlign: 'center' as const,
      textStyle: { fontSize: LABEL + 1, fontWeight: 'bold' as const },
    })),
  ];
  // Each panel: names on the left, bars, and the figures in a column of their own on the right (a second
  // axis), where the dashed schedule line, drawn only across the bars, can never cross them.
  option.grid = boxes.map((b) => ({ left: b.left + names, width: b.width - names - VALUES, top, bottom: 26 }));
  option.xAxis = boxes.map((_, i) => ({
    type: 'value' as const,
    gridIndex: i,
    min: 0,
    // Steps of 50%: four figures such as 100% fit under a third of the page without touching.
    max: Math.ceil(maxPct / 50) * 50,
    interval: 50,
    axisLabel: { formatter: '{value}%', fontSize: LABEL - 1 },
    splitLine: { lineStyle: { color: '#E0E0E0' } },
  }));
  const figureOf = (a: AreaBar) => (a.completion === null ? (a.target === null ? '未分解' : '无数据') : `${shareText(a.completion)}${a.behind ? ' 滞后' : ''}`);
  option.yAxis = indicators.flatMap((ind, i) => [
    {
      type: 'category' as const,
      gridIndex: i,
      inverse: true,
      data: ind.areas.map((a) => a.name),
      axisTick: { show: false },
      axisLabel: { interval: 0, fontSize: LABEL, color: CHART_COLOURS.text },
    },
    {
      type: 'category' as const,
      gridIndex: i,
      position: 'right' as const,
      inverse: true,
      data: ind.areas.map(figureOf),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: {
        interval: 0,
        fontSize: LABEL - 1,
        align: 'left' as const,
        margin: 6,
        color: (_?: unknown, index?: number) => (ind.areas[index ?? -1]?.behind ? CHART_COLOURS.warn : CHART_COLOURS.text),
      },
    },
  ]);
  option.series = indicators.map((ind, i) => ({
    type: 'bar' as const,
    name: ind.name,
    z: 3,
    xAxisIndex: i,
    yAxisIndex: 2 * i,
    barMaxWidth: 22,
    data: ind.areas.map((a) => ({
      value: a.completion === null ? 0 : Math.round(a.completion * 1000) / 10,
      itemStyle: { color: a.behind ? CHART_COLOURS.warn : CHART_COLOURS.normal },
    })),
    // The line is named in the subtitle: a label at its foot would sit on the axis figures.
    markLine: {
      silent: true,
      symbol: 'none',
      z: 1,
      data: [{ xAxis: schedulePct }],
      lineStyle: { type: 'dashed' as const, color: CHART_COLOURS.bad, width: 1.5 },
      label: { show: false },
    },
  }));
  return option;
}

/** 全区季度走势: per count indicator, the quarter's figure as bars, the cumulative line, the schedule and the annual target. */
export function districtTrendOption(c: DistrictTrendChart): EChartsOption {
  const boxes = panels(c.indicators.length, { left: 8, right: 8, gap: 28 });
  const top = 86;
  const option = base(c.title);
  option.legend = {
    top: 26,
    left: 'center',
    itemGap: 24,
    textStyle: { fontSize: LABEL },
    data: ['本季度', '累计', SCHEDULE_MARK, '年度目标'],
  };
  option.title = [
    ...(option.title as object[]),
    ...c.indicators.map((ind, i) => ({
      text: `${ind.name}(${ind.measure})`,
      left: boxes[i].left + 56 + (boxes[i].width - 56) / 2,
      top: top - 26,
      textAlign: 'center' as const,
      textStyle: { fontSize: LABEL + 1, fontWeight: 'bold' as const },
    })),
  ];
  option.grid = boxes.map((b) => ({ left: b.left + 56, width: b.width - 56 - 8, top, bottom: 26 }));
  option.xAxis = boxes.map((_, i) => ({ type: 'category' as const, gridIndex: i, data: c.quarters, axisTick: { show: false }, axisLabel: { interval: 0, fontSize: LABEL } }));
  const plotHeight = CHART_HEIGHT - top - 26;
  // The schedule rises a quarter of the target from one quarter's column to the next.
  const quarterPx = boxes.map((b) => (b.width - 56 - 8) / 4);
  const scales = c.indicators.map((ind) => axisScale(Math.max(ind.target, ...ind.cumulative.map((v) => v ?? 0)) * 1.08, 4)).map((a) => ({ ...a, px: plotHeight / a.max }));
  option.yAxis = scales.map(({ max, interval }, i) => {
    return {
      type: 'value' as const,
      gridIndex: i,
      min: 0,
      max,
      interval,
      axisLabel: { fontSize: LABEL - 1, formatter: (v: number) => groupDigits(v) },
      splitLine: { lineStyle: { color: '#E0E0E0' } },
    };
  });
  option.series = c.indicators.flatMap((ind, i) => [
    {
      type: 'bar' as const,
      name: '本季度',
      xAxisIndex: i,
      yAxisIndex: i,
      barMaxWidth: 28,
      itemStyle: { color: CHART_COLOURS.light },
      data: ind.quarterly,
    },
    {
      type: 'line' as const,
      name: '累计',
      xAxisIndex: i,
      yAxisIndex: i,
      symbolSize: 7,
      lineStyle: { width: 2.5, color: CHART_COLOURS.dark },
      itemStyle: { color: CHART_COLOURS.dark },
      label: { show: true, fontSize: LABEL - 1, formatter: (p: { value: unknown }) => groupDigits(Number(p.value)) },
      // Each figure above its point, or below where a reference line would run through it there.
      data: ind.cumulative.map((v, q) =>
        v === null ? null : { value: v, label: labelPlace(v, groupDigits(v), [{ at: ind.scheduled[q], perPx: ind.target / 4 / quarterPx[i] }, { at: ind.target, perPx: 0 }], scales[i]) },
      ),
      markLine: {
        silent: true,
        symbol: 'none',
        data: [{ yAxis: ind.target, name: '年度目标' }],
        lineStyle: { type: 'dashed' as const, color: CHART_COLOURS.bad, width: 1.5 },
        label: { formatter: `年度目标 ${groupDigits(ind.target)}`, position: 'insideStartTop' as const, fontSize: LABEL - 1, color: CHART_COLOURS.bad },
      },
    },
    {
      type: 'line' as const,
      name: SCHEDULE_MARK,
      xAxisIndex: i,
      yAxisIndex: i,
      symbol: 'none',
      lineStyle: { type: 'dotted' as const, width: 1.5, color: CHART_COLOURS.grey },
      itemStyle: { color: CHART_COLOURS.grey },
      data: ind.scheduled,
    },
    // The annual target is a marked line; this empty series only gives it a legend entry.
    { type: 'line' as const, name: '年度目标', xAxisIndex: i, yAxisIndex: i, data: [], lineStyle: { type: 'dashed' as const, color: CHART_COLOURS.bad }, itemStyle: { color: CHART_COLOURS.bad } },
  ]);
  return option;
}

/** 城镇登记失业率走势: the district (bold) and each area by quarter, against the ceiling. */
export function rateTrendOption(c: RateTrendChart): EChartsOption {
  const areas = c.lines.length - 1;
  // Too many areas for the page: the district and the areas with the highest latest rate.
  const latest = (rates: (number | null)[]) => [...rates].reverse().find((v) => v !== null) ?? -Infinity;
  const lines = areas <= MAX_AREAS ? c.lines : [c.lines[0], ...c.lines.slice(1).sort((a, b) => latest(b.rates) - latest(a.rates)).slice(0, MAX_AREAS)];
  const option = base(c.title, areas > MAX_AREAS ? `共 ${areas} 个镇街,图中为最近季末${c.name}最高的 ${MAX_AREAS} 个(全部见“分单位完成情况”)` : undefined);
  const values = lines.flatMap((l) => l.rates).filter((v): v is number => v !== null);
  const low = Math.min(...values, c.limit ?? Infinity);
  const high = Math.max(...values, c.limit ?? -Infinity);
  // Dark enough to tell apart on a grey print; the district is black and thickest.
  const palette = ['#2F5597', '#C55A11', '#548235', '#7030A0', '#BF8F00', '#1F9E89', '#843C0C', '#7F7F7F', '#00B0F0', '#FF66CC'];
  const lastQuarter = c.quarters.length - 1;
  const grid = { left: 64, right: 206, top: areas > MAX_AREAS ? 58 : 44, bottom: 26 };
  option.grid = grid;
  option.xAxis = { type: 'category', data: c.quarters, boundaryGap: false, axisTick: { show: false }, axisLabel: { interval: 0, fontSize: LABEL } };
  const axis = { min: values.length > 0 ? Math.max(0, Math.floor(low * 2) / 2 - 0.5) : 0, max: values.length > 0 ? Math.ceil(high * 2) / 2 + 0.5 : 5 };
  option.yAxis = {
    type: 'value',
    // Rates move by tenths of a point: an axis from 0 would flatten them.
    ...axis,
    interval: 0.5,
    axisLabel: { fontSize: LABEL - 1, formatter: (v: number) => rateText(v, 1) },
    splitLine: { lineStyle: { color: '#E0E0E0' } },
  };
  const op = c.op === '<=' ? '上限' : c.op === '>=' ? '下限' : '目标';
  const broken = c.op === '<=' ? '超上限' : c.op === '>=' ? '低于下限' : '未达标';
  const colourOf = (i: number) => (lines[i].unit === null ? CHART_COLOURS.text : palette[(i - 1) % palette.length]);
  option.series = lines.map((l, i) => {
    const district = l.unit === null;
    const colour = colourOf(i);
    return {
      type: 'line' as const,
      name: l.name,
      data: l.rates,
      connectNulls: false,
      symbolSize: district ? 8 : 5,
      lineStyle: { width: district ? 3 : 1.5, color: colour },
      itemStyle: { color: colour },
      z: district ? 10 : 2,
      ...(district && c.limit !== null
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              data: [{ yAxis: c.limit }],
              lineStyle: { type: 'dashed' as const, color: CHART_COLOURS.bad, width: 1.5 },
              label: { formatter: `${op} ${measureText(c.limit, '%')}`, position: 'insideStartTop' as const, fontSize: LABEL - 1, color: CHART_COLOURS.bad },
            },
          }
        : {}),
    };
  });
  // Each line is named in a column right of the plot, at the height of its last figure, names pushed
  // apart so none overlaps another, each joined to its line by a leader: ECharts' own end labels drifted
  // from their lines and still overlapped. A line that stops early (a return not sent) says which
  // quarter its last figure is from; a broken limit is said in words, for a grey print.
  const plot = { left: grid.left, right: CHART_WIDTH - grid.right, top: grid.top, bottom: CHART_HEIGHT - grid.bottom };
  // ECharts puts a single quarter in the middle of the axis.
  const xOf = (q: number) => (lastQuarter > 0 ? plot.left + (q * (plot.right - plot.left)) / lastQuarter : (plot.left + plot.right) / 2);
  const yOf = (v: number) => plot.bottom - ((v - axis.min) / (axis.max - axis.min)) * (plot.bottom - plot.top);
  const ends = lines
    .map((l, i) => {
      const q = l.rates.map((v, k) => (v === null ? -1 : k)).reduce((a, b) => Math.max(a, b), -1);
      if (q < 0) return null;
      const v = l.rates[q]!;
      const when = q < lastQuarter ? `(${c.quarters[q]})` : '';
      const text = `${l.name} ${rateText(v)}${when}${c.limit !== null && breaks(v, c.op, c.limit) ? ` ${broken}` : ''}`;
      // A leader that crosses the plot is dotted, so it is never read as a line of figures.
      return { i, x: xOf(q), y: yOf(v), text, early: xOf(q) < plot.right - 1 };
    })
    .filter((e) => e !== null);
  const placed = spreadLabels(ends.map((e) => e.y), END_LABEL_GAP, plot.top - 12, CHART_HEIGHT - 8);
  option.graphic = {
    elements: ends.flatMap((e, k) => {
      const colour = colourOf(e.i);
      const district = lines[e.i].unit === null;
      const labelX = plot.right + 24;
      return [
        {
          type: 'polyline' as const,
          silent: true,
          shape: { points: [[e.x + 5, e.y], [plot.right + 6, e.y], [labelX - 4, placed[k]]] },
          style: { stroke: colour, lineWidth: 1, fill: 'none', ...(e.early ? { lineDash: [2, 2] } : {}) },
        },
        {
          type: 'text' as const,
          silent: true,
          x: labelX,
          y: placed[k],
          style: {
            text: e.text,
            fill: colour,
            fontSize: LABEL - 1,
            fontFamily: CHART_FONT_FAMILY,
            fontWeight: district ? ('bold' as const) : ('normal' as const),
            align: 'left' as const,
            verticalAlign: 'middle' as const,
          },
        },
      ];
    }),
  };
  return option;
}

/** The least distance between two line names in the rate chart's column: a 12 px line and a little air. */
export const END_LABEL_GAP = 16;

/**
 * Heights for labels that want to sit at `wanted` (pixels, any order), at least `gap` apart and within
 * [top, bottom], each as near its own height as the others allow; returned in the order given.
 */
export function spreadLabels(wanted: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const ys = order.map((o) => o.y);
  // Push down from the top, then back up from the bottom: a cluster settles around its own heights.
  for (let k = 0; k < ys.length; k++) ys[k] = Math.max(ys[k], k === 0 ? top : ys[k - 1] + gap);
  for (let k = ys.length - 1; k >= 0; k--) ys[k] = Math.min(ys[k], k === ys.length - 1 ? bottom : ys[k + 1] - gap);
  // A cluster pushed down past its own heights is centred on them instead.
  const out: number[] = new Array(wanted.length);
  order.forEach((o, k) => (out[o.i] = ys[k]));
  return out;
}

/** Where a figure may sit by its point: the label's ECharts placement and the box it covers, in pixels from the point (up is positive). */
const PLACES = [
  // Up and to the left first: a rising line leaves that corner free, whichever way the schedule runs.
  { label: { position: [-1, -1], align: 'right', verticalAlign: 'bottom' }, x: (w: number) => [-4.5 - w, -4.5], up: [4.5, 20.5] },
  { label: { position: [8, 8], align: 'left', verticalAlign: 'top' }, x: (w: number) => [4.5, 4.5 + w], up: [-20.5, -4.5] },
  { label: { position: 'top' }, x: (w: number) => [-w / 2, w / 2], up: [5, 21] },
  { label: { position: 'bottom' }, x: (w: number) => [-w / 2, w / 2], up: [-21, -5] },
] as const;

/**
 * Where a point's figure goes: the first place around the point (up-left, down-right, above, below)
 * that no reference line (the schedule, the target) runs through. A line is given by its value at the
 * point and its rise per pixel; `scale.px` is pixels per unit of the axis.
 */
export function labelPlace(value: number, text: string, lines: readonly { at: number; perPx: number }[], scale: { px: number }): Record<string, unknown> {
  const width = text.length * 7 + 2; // 12 px digits and separators
  const clear = (place: (typeof PLACES)[number]) => {
    const [left, right] = place.x(width);
    return lines.every((line) =>
      [left, (left + right) / 2, right].every((dx) => {
        const above = (line.at - value + line.perPx * dx) * scale.px;
        return above < place.up[0] - 1.5 || above > place.up[1] + 1.5;
      }),
    );
  };
  return { ...(PLACES.find(clear) ?? PLACES[0]).label };
}

/** 报送及时率: stacked columns of on time, late and missing returns each quarter, with the on-time share. */
export function submissionsOption(c: SubmissionChart): EChartsOption {
  const option = base(c.title);
  option.legend = { top: 26, left: 'center', itemGap: 24, textStyle: { fontSize: LABEL }, data: ['按时报送', '逾期报送', '未报送'] };
  option.grid = { left: 64, right: 40, top: 60, bottom: 44 };
  option.xAxis = {
    type: 'category',
    // The counts are written under each column too: a segment of one unit is too thin to hold its label.
    data: c.quarters.map(
      (q, i) => `${q}  及时率 ${c.timeliness[i] === null ? '—' : shareText(c.timeliness[i]!)}\n按时 ${c.onTime[i]},逾期 ${c.late[i]},未报送 ${c.missing[i]}`,
    ),
    axisTick: { show: false },
    axisLabel: { interval: 0, fontSize: LABEL, lineHeight: 17 },
  };
  const expected = Math.max(1, ...c.expected);
  const scale = expected <= 10 ? { max: expected, interval: 1 } : axisScale(expected, 5);
  option.yAxis = { type: 'value', min: 0, ...scale, name: '单位数', nameTextStyle: { fontSize: LABEL - 1 }, axisLabel: { fontSize: LABEL - 1 } };
  const bar = (name: string, data: number[], colour: string) => ({
    type: 'bar' as const,
    name,
    stack: 'units',
    barMaxWidth: 90,
    itemStyle: { color: colour },
    // Only a segment tall enough for its figure is labelled (the axis below gives every count).
    label: { show: true, position: 'inside' as const, fontSize: LABEL, color: '#FFFFFF', formatter: (p: { value: unknown }) => (Number(p.value) >= expected * 0.12 ? String(p.value) : '') },
    data,
  });
  option.series = [bar('按时报送', c.onTime, CHART_COLOURS.good), bar('逾期报送', c.late, CHART_COLOURS.warn), bar('未报送', c.missing, CHART_COLOURS.bad)];
  return option;
}

/**
 * An axis from 0 to at least `top` in about `steps` round steps (1, 2, 2.5 or 5 × 10ⁿ) that ends on a
 * step, so the top label never crowds the one below it (1,620 in 4 → 0 … 2,000 by 500).
 */
export function axisScale(top: number, steps: number): { max: number; interval: number } {
  if (top <= 0) return { max: 1, interval: 1 };
  const raw = top / steps;
  const power = 10 ** Math.floor(Math.log10(raw));
  const interval = [1, 2, 2.5, 5, 10].map((k) => k * power).find((x) => x >= raw)!;
  return { max: Math.ceil(top / interval - 1e-9) * interval, interval };
}

/** The charts of the summary in the order they are printed, two to a page. */
export function chartSpecs(model: ChartModel): ChartSpec[] {
  const spec = (id: string, title: string, option: EChartsOption): ChartSpec => ({ id, title, width: CHART_WIDTH, height: CHART_HEIGHT, option });
  return [
    spec('area-progress', model.areaProgress.title, areaProgressOption(model.areaProgress)),
    spec('district-trend', model.districtTrend.title, districtTrendOption(model.districtTrend)),
    ...(model.rateTrend ? [spec('rate-trend', model.rateTrend.title, rateTrendOption(model.rateTrend))] : []),
    spec('submissions', model.submissions.title, submissionsOption(model.submissions)),
  ];
}
