// The quarterly summary and its charts from the database, and writing them in a format: shared by
// report and demo (and later assess), so that neither command imports the other.
import { InputError } from '../errors.js';
import type { Io } from '../io.js';
import { chartModel, type ChartModel } from '../domain/charts.js';
import { quarterViews } from '../domain/check.js';
import type { Period, Quarter } from '../domain/period.js';
import type { Plan } from '../domain/plan/model.js';
import { summaryReport, type SummaryReport } from '../domain/report.js';
import type { Db } from '../store/db.js';
import { holdsDemoData } from '../store/demo.js';
import { reportCsvFiles, reportMarkdown } from '../render/report.js';
import { findChartFonts, fontDirs } from '../render/fonts.js';
import { paintErr } from '../render/text.js';
import { refuseExisting, writeOutput } from './output.js';
import { readProgressInput } from './quarter.js';
import { calendarsFor } from './workspace.js';
import { launcher } from '../format/command.js';
import type { DrawnCharts } from '../excel/report.js';
import { DEMO_STAMP, emptyStamp } from '../format/words.js';

export type SummaryFormat = 'xlsx' | 'html' | 'csv' | 'json' | 'md';
export const SUMMARY_FORMATS: SummaryFormat[] = ['xlsx', 'html', 'csv', 'json', 'md'];

export interface Summary {
  report: SummaryReport;
  /** The charts' figures; null when they were not asked for. */
  charts: ChartModel | null;
}

/**
 * The summary of a quarter from the database: the check and overdue models, then the tables. With
 * charts, the same two models are also built for each earlier quarter of the year, for the trends.
 * A quarter without a single return is refused (a blank summary handed to the leading group says
 * nothing), unless allowEmpty: then it is marked 空表. A database of demo figures marks it 示例数据.
 */
export function buildSummary(db: Db, plan: Plan, period: Period, asOf: string, opts: { charts?: boolean; allowEmpty?: boolean; sayCountedTo?: boolean } = {}): Summary {
  const input = readProgressInput(db, plan, period);
  // The trends need each earlier quarter of the year as its own report saw it.
  const quarters: Quarter[] = opts.charts ? ([1, 2, 3, 4] as Quarter[]).slice(0, period.quarter) : [period.quarter];
  const views = quarterViews(input, quarters, asOf, calendarsFor(db));
  const current = views[views.length - 1];
  const stamps = holdsDemoData(db) ? [DEMO_STAMP] : [];
  if (current.overdue.counts.received === 0) {
    const { period: code, periodTitle } = current.overdue;
    if (!opts.allowEmpty) {
      throw new InputError(
        `${periodTitle}(${code})截至 ${asOf} 还没有收到任何季度报表,汇总表会是一张空表,未写出。` +
          `请先导入收到的报表(${launcher()} import 文件夹),或用 --quarter 选有报表的季度;确需写出空表时加 --allow-empty`,
      );
    }
    stamps.push(emptyStamp(periodTitle));
  }
  const report = summaryReport(plan, current.check, current.overdue, { stamps, sayCountedTo: opts.sayCountedTo });
  return { report, charts: opts.charts ? chartModel(plan, views) : null };
}

export interface WriteOptions {
  force: boolean;
  now: Date;
  /** Where the message about a missing Chinese font goes, and the environment naming font folders. */
  io: Io;
}

/** Writes the summary in a format; nothing is left half-written, nothing replaced without force. */
export async function writeSummary(summary: Summary, out: string, format: SummaryFormat, opts: WriteOptions): Promise<string> {
  const { report } = summary;
  // Refused before any drawing: charts take a second or two, and a font message would only confuse.
  refuseExisting(out, opts.force);
  if (format === 'xlsx') {
    // The pictures are drawn on resvg's threads while the tables are laid out here.
    const charts = summary.charts ? await drawCharts(summary.charts, opts.io) : null;
    const { writeReportWorkbook } = await import('../excel/report.js');
    return writeReportWorkbook(report, out, { force: opts.force, now: opts.now, charts });
  }
  let content: string | null = null;
  if (format === 'html') {
    const svgs = summary.charts ? await chartSvgs(summary.charts) : [];
    const { reportHtml } = await import('../render/html.js');
    content = reportHtml(report, svgs);
  } else if (format === 'json') {
    content = `${JSON.stringify(report, null, 2)}\n`;
  } else if (format === 'md') {
    content = reportMarkdown(report);
  }
  return writeOutput(out, content ?? reportCsvFiles(report));
}

async function chartSvgs(model: ChartModel) {
  const { chartSpecs } = await import('../render/chart-options.js');
  const { chartSvgs: draw } = await import('../render/charts.js');
  return draw(chartSpecs(model));
}

/**
 * The charts for the workbook: their frames, and their pictures being drawn (resolving to null, said
 * once on stderr, when drawing fails); or null at once when they cannot be drawn legibly: with no
 * Chinese font every character would be a box, so the workbook goes without them.
 */
async function drawCharts(model: ChartModel, io: WriteOptions['io']): Promise<DrawnCharts | null> {
  const e = paintErr(io);
  const without = (why: string) => {
    io.stderr.write(e.yellow(`注意:${why},本次汇总表不含“图表”工作表,其他工作表照常写出。\n`));
    return null;
  };
  const { cjk: font, latin } = findChartFonts(fontDirs(io.env));
  if (!font) {
    return without(
      '没有找到中文字体(微软雅黑、黑体、宋体、Noto Sans CJK 或文泉驿),图表中的汉字无法显示;安装中文字体后重新运行即可,' +
        '字体在其他文件夹时用环境变量 JIUYE_FONT_DIRS 指定',
    );
  }
  let raster: typeof import('../render/raster.js');
  try {
    raster = await import('../render/raster.js');
  } catch (err) {
    // resvg is a prebuilt native module: on a platform it was not built for, the tables still go out.
    return without(`无法加载绘图组件 @resvg/resvg-js(${(err as Error).message.split('\n')[0]})`);
  }
  if (!raster.drawsChinese(font)) return without(`字体文件 ${font.file} 无法显示汉字(文件可能已损坏)`);
  const svgs = await chartSvgs(model);
  const pngs = raster.chartPngs(
    svgs.map((c) => c.svg),
    font,
    latin,
  ).catch((err: unknown) => without(`图表转为图片时出错(${(err as Error).message.split('\n')[0]})`));
  return { frames: svgs.map(({ spec }) => ({ title: spec.title, width: spec.width, height: spec.height })), pngs };
}
