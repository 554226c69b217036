// The charts of the summary: their figures from the check and overdue models of each quarter, the
// ECharts options built from them, and the SVG ECharts draws (none of which needs a font).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendars } from '../src/data.js';
import { chartModel, type ChartModel, type QuarterModels } from '../src/domain/charts.js';
import { checkReport } from '../src/domain/check.js';
import { overdueReport, type ReceivedReturn } from '../src/domain/deadline.js';
import type { Quarter } from '../src/domain/period.js';
import {
  areaProgressOption,
  axisScale,
  CHART_COLOURS,
  chartSpecs,
  districtTrendOption,
  END_LABEL_GAP,
  labelPlace,
  rateTrendOption,
  spreadLabels,
  submissionsOption,
} from '../src/render/chart-options.js';
import { chartSvgs } from '../src/render/charts.js';
import { findChartFonts, fontDirs } from '../src/render/fonts.js';
import { AREA_ALLOCATIONS, input, PLAN, threeQuarters } from './fill.js';
import { tempDir } from './helpers.js';

const AREA_NAMES = ['列东街道', '列西街道', '徐碧街道', '陈大镇', '洋溪镇', '梅列经济开发区'];
const CALENDARS = loadCalendars(null);
const RETURNS = threeQuarters() as ReceivedReturn[];

/** The models of 2021Q1 … Q, built exactly as report builds them for each quarter. */
function quarters(upTo: Quarter, returns: ReceivedReturn[] = RETURNS): QuarterModels[] {
  return Array.from({ length: upTo }, (_, i) => {
    const inp = input(`2021Q${i + 1}`, returns, { allocations: AREA_ALLOCATIONS });
    return {
      check: checkReport(inp),
      overdue: overdueReport({ plan: PLAN, period: inp.period, asOf: '2021-10-15', returns, calendars: CALENDARS }),
    };
  });
}

const MODEL: ChartModel = chartModel(PLAN, quarters(3));
// Any option field read below is looked up by name or index, so the casts only loosen the union types.
const anyOf = (x: unknown) => x as any;

describe('chartModel: the figures of the charts, from each quarter’s models', () => {
  it('各镇街完成进度: each area against its allocation, behind where the check says 进度滞后', () => {
    const xinzeng = MODEL.areaProgress.indicators.find((i) => i.indicator === 'xinzeng')!;
    expect(MODEL.areaProgress.schedule).toBe(0.75);
    expect(xinzeng.areas.map((a) => a.name)).toEqual(AREA_NAMES);
    // 列东 110+95+80 = 285 of 400 (71.3%, behind); 列西 285 of 350 (81.4%); 开发区 230 of 100.
    expect(xinzeng.areas[0]).toMatchObject({ ytd: 285, target: 400, behind: true });
    expect(xinzeng.areas[0].completion).toBeCloseTo(285 / 400, 10);
    expect(xinzeng.areas[1]).toMatchObject({ ytd: 285, target: 350, behind: false });
    expect(xinzeng.areas[5]).toMatchObject({ ytd: 230, target: 100, completion: 2.3, behind: false });
    // An indicator with no allocations: the areas have figures but no target and no completion.
    const zaijiuye = MODEL.areaProgress.indicators.find((i) => i.indicator === 'zaijiuye')!;
    expect(zaijiuye.areas.every((a) => a.target === null && a.completion === null && !a.behind)).toBe(true);
  });

  it('全区季度走势: the quarter’s figure and the cumulative one by quarter, the schedule and the annual target', () => {
    const xinzeng = MODEL.districtTrend.indicators.find((i) => i.indicator === 'xinzeng')!;
    expect(MODEL.districtTrend.quarters).toEqual(['一季度', '二季度', '三季度', '四季度']);
    expect(xinzeng.target).toBe(1500);
    // Q3 has no 陈大镇: 80+95+60+20+90.
    expect(xinzeng.quarterly).toEqual([400, 430, 345, null]);
    expect(xinzeng.cumulative).toEqual([400, 830, 1175, null]);
    expect(xinzeng.scheduled).toEqual([375, 750, 1125, 1500]);
  });

  it('城镇登记失业率走势: the district first, then each area, in percent, with the 3.5% ceiling', () => {
    const r = MODEL.rateTrend!;
    expect(r).toMatchObject({ name: '城镇登记失业率', limit: 3.5, op: '<=', quarters: ['一季度', '二季度', '三季度'] });
    expect(r.lines.map((l) => l.name)).toEqual(['梅列区(全区)', ...AREA_NAMES]);
    // Every area: 105 unemployed to 4,000 employed in Q1; Q3 without 陈大镇 is still 115 to 4,000 each.
    expect(r.lines[0].rates[0]).toBeCloseTo((105 / 4105) * 100, 10);
    expect(r.lines[0].rates[2]).toBeCloseTo((115 / 4115) * 100, 10);
    expect(r.lines[4].rates).toEqual([expect.any(Number), expect.any(Number), null]); // 陈大镇 sent no Q3 return
  });

  it('报送及时率: on time, late and missing per quarter, as overdue counts them on the report’s day', () => {
    const s = MODEL.submissions;
    expect(s.quarters).toEqual(['一季度', '二季度', '三季度']);
    expect(s.expected).toEqual([22, 22, 22]);
    expect(s.onTime).toEqual([6, 6, 4]);
    expect(s.late).toEqual([0, 0, 1]); // 列西街道, 2021-10-11 after the 10-08 deadline
    expect(s.missing).toEqual([16, 16, 17]);
    expect(s.timeliness[2]).toBeCloseTo(4 / 22, 10);
  });

  it('at Q1 the trends have one point, and the district trend still spans the year', () => {
    const m = chartModel(PLAN, quarters(1));
    expect(m.rateTrend!.quarters).toEqual(['一季度']);
    expect(m.submissions.onTime).toEqual([6]);
    expect(m.districtTrend.indicators[0].cumulative).toEqual([400, null, null, null]);
    expect(m.areaProgress.schedule).toBe(0.25);
  });
});

describe('chart options', () => {
  it('各镇街完成进度: every area named on each panel, no label skipped, the schedule marked, bars behind it in the warning colour', () => {
    const o = anyOf(areaProgressOption(MODEL.areaProgress));
    // Per panel: the names on the left, the figures in a column of their own on the right.
    expect(o.yAxis).toHaveLength(6);
    const [names, figures] = [o.yAxis.filter((_: any, i: number) => i % 2 === 0), o.yAxis.filter((_: any, i: number) => i % 2 === 1)];
    for (const y of names) {
      expect(y.data).toEqual(AREA_NAMES);
      expect(y.axisLabel.interval).toBe(0);
    }
    for (const y of figures) expect(y).toMatchObject({ position: 'right', axisLabel: { interval: 0 } });
    expect(figures[0].data).toEqual(['71.3% 滞后', '81.4%', '68.3% 滞后', '42.5% 滞后', '56.7% 滞后', '230.0%']);
    expect(figures[1].data[0]).toBe('未分解');
    expect(figures[0].axisLabel.color(undefined, 0)).toBe(CHART_COLOURS.warn);
    expect(figures[0].axisLabel.color(undefined, 1)).toBe(CHART_COLOURS.text);
    const bars = o.series[0].data;
    expect(bars.map((b: any) => b.value)).toEqual([71.3, 81.4, 68.3, 42.5, 56.7, 230]);
    expect(bars.map((b: any) => b.itemStyle.color)).toEqual([CHART_COLOURS.warn, CHART_COLOURS.normal, CHART_COLOURS.warn, CHART_COLOURS.warn, CHART_COLOURS.warn, CHART_COLOURS.normal]);
    // No label on a bar: the dashed line is drawn across the bars only, never through a figure.
    expect(bars.every((b: any) => b.label === undefined)).toBe(true);
    expect(o.series.map((s: any) => [s.yAxisIndex, s.markLine.data])).toEqual([[0, [{ xAxis: 75 }]], [2, [{ xAxis: 75 }]], [4, [{ xAxis: 75 }]]]);
    expect(o.xAxis[0].max).toBe(250); // 230% fits on the axis
  });

  it('全区季度走势: quarterly bars, the cumulative line with its figures, the schedule and the annual target line', () => {
    const o = anyOf(districtTrendOption(MODEL.districtTrend));
    expect(o.xAxis[0].data).toEqual(['一季度', '二季度', '三季度', '四季度']);
    expect(o.xAxis[0].axisLabel.interval).toBe(0);
    const first = o.series.filter((s: any) => s.xAxisIndex === 0);
    const byName = Object.fromEntries(first.map((s: any) => [s.name, s]));
    expect(byName['本季度'].data).toEqual([400, 430, 345, null]);
    expect(byName['累计'].data.map((d: any) => d?.value ?? null)).toEqual([400, 830, 1175, null]);
    expect(byName['累计'].label.formatter({ value: 1175 })).toBe('1,175');
    expect(byName['累计'].markLine.data).toEqual([{ yAxis: 1500, name: '年度目标' }]);
    expect(byName['累计'].markLine.label.formatter).toBe('年度目标 1,500');
    expect(byName['序时进度要求'].data).toEqual([375, 750, 1125, 1500]);
    expect(o.legend.data).toEqual(['本季度', '累计', '序时进度要求', '年度目标']);
    expect(o.yAxis[0]).toMatchObject({ max: 2000, interval: 500 });
  });

  it('城镇登记失业率走势: a line per area named in a column at its end, the district bold, the 3.5% line, a breach said in words', () => {
    const model = structuredClone(MODEL.rateTrend!);
    model.lines[4].rates = [3.1, 3.3, 3.62];
    model.lines[5].rates = [3.1, 3.5, null];
    model.lines[6].rates = [3.1, 3.3, 3.61]; // close to 陈大镇: pushed apart
    const o = anyOf(rateTrendOption(model));
    expect(o.series.map((s: any) => s.name)).toEqual(['梅列区(全区)', ...AREA_NAMES]);
    expect(o.series[0].lineStyle.width).toBeGreaterThan(o.series[1].lineStyle.width);
    expect(o.series[0].markLine.data).toEqual([{ yAxis: 3.5 }]);
    expect(o.series[0].markLine.label.formatter).toBe('上限 3.5%');
    const names = o.graphic.elements.filter((e: any) => e.type === 'text');
    const leaders = o.graphic.elements.filter((e: any) => e.type === 'polyline');
    const label = (start: string) => names.find((t: any) => t.style.text.startsWith(start));
    expect(label('陈大镇').style.text).toBe('陈大镇 3.62% 超上限');
    expect(label('洋溪镇').style.text).toBe('洋溪镇 3.50%(二季度)'); // exactly at the ceiling is kept; its last figure is Q2's
    expect(label('梅列区').style.fontWeight).toBe('bold');
    // Every name in the column right of the plot, no two closer than a line apart.
    const plotRight = 1000 - o.grid.right;
    expect(names.every((t: any) => t.x > plotRight)).toBe(true);
    const ys = names.map((t: any) => t.y).sort((a: number, b: number) => a - b);
    for (let k = 1; k < ys.length; k++) expect(ys[k] - ys[k - 1]).toBeGreaterThanOrEqual(END_LABEL_GAP);
    // Each leader runs from its line's last point to its name; one that crosses the plot is dotted.
    leaders.forEach((l: any, k: number) => expect(l.shape.points.at(-1)[1]).toBe(names[k].y));
    expect(leaders.filter((l: any) => l.style.lineDash).length).toBe(1);
    expect(o.xAxis.axisLabel.interval).toBe(0);
    expect(o.yAxis.max).toBeGreaterThan(3.62);
  });

  it('spreadLabels keeps names a line apart, as near their lines as it can, within the chart', () => {
    expect(spreadLabels([100, 50, 200], 16, 0, 280)).toEqual([100, 50, 200]);
    expect(spreadLabels([100, 101, 102], 16, 0, 280)).toEqual([100, 116, 132]);
    // Against the bottom: the cluster is pushed up rather than off the chart.
    expect(spreadLabels([275, 276, 277], 16, 0, 280)).toEqual([248, 264, 280]);
    expect(spreadLabels([5, 4], 16, 10, 280)).toEqual([26, 10]);
  });

  it('a figure on the trend sits where no reference line runs through it', () => {
    const scale = { px: 0.1 }; // 10 units a pixel
    // Well clear of both lines: up and to the left of its point.
    expect(labelPlace(1000, '1,000', [{ at: 500, perPx: 5 }, { at: 1500, perPx: 0 }], scale)).toMatchObject({ align: 'right', verticalAlign: 'bottom' });
    // A target 2 px above the point runs under that label: still up and to the left.
    expect(labelPlace(1480, '1,480', [{ at: 1500, perPx: 0 }], scale)).toMatchObject({ align: 'right', verticalAlign: 'bottom' });
    // The target 12 px above would run through it: the corner below and to the right.
    expect(labelPlace(1480, '1,480', [{ at: 1600, perPx: 0 }], scale)).toMatchObject({ align: 'left', verticalAlign: 'top' });
    // And a steep schedule through the far end of that corner: below the point, centred, where neither runs.
    expect(labelPlace(1480, '1,480', [{ at: 1600, perPx: 0 }, { at: 965, perPx: 10 }], scale)).toEqual({ position: 'bottom' });
  });

  it('报送及时率: stacked on time, late and missing, the counts and the on-time share under each quarter', () => {
    const o = anyOf(submissionsOption(MODEL.submissions));
    expect(o.series.map((s: any) => [s.name, s.stack, s.data])).toEqual([
      ['按时报送', 'units', [6, 6, 4]],
      ['逾期报送', 'units', [0, 0, 1]],
      ['未报送', 'units', [16, 16, 17]],
    ]);
    expect(o.xAxis.data[2]).toBe('三季度  及时率 18.2%\n按时 4,逾期 1,未报送 17');
    expect(o.xAxis.axisLabel.interval).toBe(0);
    // A segment of one unit is too thin for its figure; the axis below gives it.
    expect(o.series[1].label.formatter({ value: 1 })).toBe('');
    expect(o.series[2].label.formatter({ value: 17 })).toBe('17');
  });

  it('a city of many areas: each chart keeps the areas that need attention most, and says so', () => {
    const many = structuredClone(MODEL);
    const area = (i: number) => ({ unit: `a${i}`, name: `测试${i}街道`, ytd: i, target: 20, completion: i / 20, behind: i / 20 < 0.75 });
    many.areaProgress.indicators[0].areas = Array.from({ length: 12 }, (_, i) => area(12 - i));
    const o = anyOf(areaProgressOption(many.areaProgress));
    expect(o.yAxis[0].data).toEqual(['测试1街道', '测试2街道', '测试3街道', '测试4街道', '测试5街道', '测试6街道', '测试7街道', '测试8街道']);
    expect(o.yAxis[2].data).toEqual(AREA_NAMES); // six fit: all of them, in the plan's order
    expect(o.title[0].subtext).toContain('共 12 个镇街,每项列出完成率最低的 8 个');
    many.rateTrend!.lines = [many.rateTrend!.lines[0], ...Array.from({ length: 12 }, (_, i) => ({ unit: `a${i}`, name: `测试${i}街道`, rates: [3, i / 4, null] }))];
    const r = anyOf(rateTrendOption(many.rateTrend!));
    expect(r.series.map((x: any) => x.name)).toEqual(['梅列区(全区)', ...[11, 10, 9, 8, 7, 6, 5, 4].map((i) => `测试${i}街道`)]);
    expect(r.title[0].subtext).toContain('共 12 个镇街,图中为最近季末城镇登记失业率最高的 8 个');
    expect(anyOf(rateTrendOption(MODEL.rateTrend!)).title[0].subtext).toBeUndefined();
  });

  it('chartSpecs: the four charts in print order, sized for the A4 page', () => {
    const specs = chartSpecs(MODEL);
    expect(specs.map((s) => s.id)).toEqual(['area-progress', 'district-trend', 'rate-trend', 'submissions']);
    expect(specs.map((s) => s.title)).toEqual([
      '各镇街完成进度(截至2021年第三季度,序时进度 75%)',
      '全区季度走势(2021年)',
      '城镇登记失业率走势(2021年)',
      '季度报表报送及时率(2021年)',
    ]);
    for (const s of specs) expect([s.width, s.height]).toEqual([1000, 280]);
  });

  it('axisScale ends an axis on a round step', () => {
    expect(axisScale(1620, 4)).toEqual({ max: 2000, interval: 500 });
    expect(axisScale(270, 4)).toEqual({ max: 300, interval: 100 });
    expect(axisScale(972, 4)).toEqual({ max: 1000, interval: 250 });
    expect(axisScale(0, 4)).toEqual({ max: 1, interval: 1 });
  });
});

describe('the SVG ECharts draws', () => {
  const svgs = chartSvgs(chartSpecs(MODEL));
  const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

  it('draws every area name on every panel and every quarter, with the titles and the labels', () => {
    expect(svgs).toHaveLength(4);
    const [area, trend, rate, submissions] = svgs.map((s) => texts(s.svg));
    for (const name of AREA_NAMES) expect(area.filter((t) => t === name), name).toHaveLength(3);
    expect(area).toContain('各镇街完成进度(截至2021年第三季度,序时进度 75%)');
    expect(area).toContain('71.3% 滞后');
    for (const q of ['一季度', '二季度', '三季度', '四季度']) expect(trend.filter((t) => t === q), q).toHaveLength(3);
    expect(trend).toContain('年度目标 1,500');
    expect(trend).toContain('1,175');
    expect(rate).toContain('上限 3.5%');
    expect(rate.some((t) => t.startsWith('陈大镇 ') && t.endsWith('(二季度)'))).toBe(true);
    expect(submissions).toContain('按时报送');
    for (const s of svgs) {
      expect(s.svg).toMatch(/^<svg width="1000" height="280"/);
      expect(s.svg).toContain('Microsoft YaHei');
    }
  });

  it('escapes text: a name with markup stays text in the SVG', () => {
    const model = structuredClone(MODEL);
    model.areaProgress.indicators[0].areas[0].name = '列东<script>&';
    const [svg] = chartSvgs(chartSpecs(model).slice(0, 1));
    expect(svg.svg).toContain('列东&lt;script&gt;&amp;');
    expect(svg.svg).not.toContain('<script');
  });
});

describe('finding a Chinese font', () => {
  // The first bytes of a font collection and of a TrueType font: enough for the finder, which reads no further.
  const COLLECTION = 'ttcf\0\u0002\0\0';
  const TRUETYPE = '\0\u0001\0\0\0\u0010';

  it('prefers 微软雅黑 to 宋体, a few folders deep; none is null', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'simsun.ttc'), COLLECTION);
    writeFileSync(join(dir, 'arial.ttf'), TRUETYPE);
    writeFileSync(join(dir, 'a', 'b', 'msyh.ttc'), COLLECTION);
    expect(findChartFonts([dir]).cjk).toEqual({ family: 'Microsoft YaHei', file: join(dir, 'a', 'b', 'msyh.ttc') });
    expect(findChartFonts([join(dir, 'missing'), tempDir()]).cjk).toBeNull();
    const linux = tempDir();
    writeFileSync(join(linux, 'wqy-zenhei.ttc'), COLLECTION);
    writeFileSync(join(linux, 'NotoSansCJK-Regular.ttc'), COLLECTION);
    expect(findChartFonts([linux]).cjk?.family).toBe('Noto Sans CJK SC');
  });

  it('finds a Latin font for the figures in the same folders (Arial before Liberation Sans), or none', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'msyh.ttc'), COLLECTION);
    writeFileSync(join(dir, 'LiberationSans-Regular.ttf'), TRUETYPE);
    writeFileSync(join(dir, 'arial.ttf'), TRUETYPE);
    expect(findChartFonts([dir])).toEqual({
      cjk: { family: 'Microsoft YaHei', file: join(dir, 'msyh.ttc') },
      latin: { family: 'Arial', file: join(dir, 'arial.ttf') },
    });
    const chineseOnly = tempDir();
    writeFileSync(join(chineseOnly, 'wqy-zenhei.ttc'), COLLECTION);
    expect(findChartFonts([chineseOnly]).latin).toBeNull();
  });

  it('passes over a file that only has a font’s name: charts drawn with it would have no text', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'msyh.ttc'), '');
    writeFileSync(join(dir, 'simhei.ttf'), '<html>not a font</html>');
    expect(findChartFonts([dir]).cjk).toBeNull();
    writeFileSync(join(dir, 'simsun.ttc'), COLLECTION);
    expect(findChartFonts([dir]).cjk?.family).toBe('SimSun');
  });

  it('looks in the system’s font folders, or only in JIUYE_FONT_DIRS when it is set', () => {
    expect(fontDirs({ WINDIR: 'D:\\Windows' }, 'win32')[0]).toMatch(/^D:\\Windows.Fonts$/);
    expect(fontDirs({ HOME: '/home/clerk' }, 'linux')).toEqual(['/usr/share/fonts', '/usr/local/share/fonts', '/home/clerk/.local/share/fonts', '/home/clerk/.fonts']);
    expect(fontDirs({ JIUYE_FONT_DIRS: ['/a', '/b'].join(process.platform === 'win32' ? ';' : ':') }, 'linux')).toEqual(['/a', '/b']);
    expect(fontDirs({ JIUYE_FONT_DIRS: '' }, 'linux')).toEqual([]);
  });
});

describe('the figures in a Latin font', () => {
  it('every text of the chart names the Latin font first and the Chinese one for what it lacks; without a Latin font the chart is as drawn', async () => {
    const { withLatinFigures } = await import('../src/render/raster.js');
    const [area] = chartSvgs(chartSpecs(MODEL));
    const cjk = { family: 'WenQuanYi Zen Hei', file: '/fonts/wqy-zenhei.ttc' };
    const svg = withLatinFigures(area.svg, cjk, { family: 'Arial', file: '/fonts/arial.ttf' });
    const families = [...svg.matchAll(/font-family:([^;"]*)/g)].map((m) => m[1]);
    expect(families.length).toBe((area.svg.match(/font-family:/g) ?? []).length);
    expect(families.length).toBeGreaterThan(10);
    expect(new Set(families)).toEqual(new Set(["'Arial', 'WenQuanYi Zen Hei'"]));
    // Only the font lists change: the text and the layout are the same.
    expect(svg.replace(/font-family:[^;"]*/g, '')).toBe(area.svg.replace(/font-family:[^;"]*/g, ''));
    expect(withLatinFigures(area.svg, cjk, null)).toBe(area.svg);
  });
});

// Drawing the PNG needs a Chinese font on this machine; without one, report leaves the charts out (tested in report-charts).
const font = findChartFonts(fontDirs(process.env)).cjk;
describe.skipIf(font === null)('the PNG resvg draws (with this machine’s Chinese font)', () => {
  it('is twice the SVG’s size, and not blank', async () => {
    const { chartPngs } = await import('../src/render/raster.js');
    const [area] = chartSvgs(chartSpecs(MODEL));
    const [png] = await chartPngs([area.svg], font!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2000, 560]);
    // A chart of bars and text compresses to tens of kilobytes; a blank one to a few hundred bytes.
    expect(png.length).toBeGreaterThan(20_000);
    expect(png.length).toBeLessThan(1_000_000);
  });

  it('with this machine’s Latin font for the figures, the same size and still drawn', async () => {
    const { chartPngs } = await import('../src/render/raster.js');
    const { latin } = findChartFonts(fontDirs(process.env));
    const [area] = chartSvgs(chartSpecs(MODEL));
    const [png] = await chartPngs([area.svg], font!, latin);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2000, 560]);
    expect(png.length).toBeGreaterThan(20_000);
  });
});
