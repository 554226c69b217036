// The quarterly summary as one self-contained web page: the charts as inline SVG and every table,
// printable on A4 landscape, opening offline (no script, font or image from anywhere else, which the
// page's own Content-Security-Policy also forbids). All text is escaped: a unit's note is never markup.
//
// It reads at any width from a phone's 360 px up: a table or chart wider than the screen scrolls in a
// box of its own, and Chinese text breaks only between words, never inside a name (列东/街道 was the
// browser's choice with overflow-wrap:anywhere). Printed, every page carries the title and 第 n 页 共 m 页.
import type { ReportCell, ReportColumn, ReportTable, SummaryReport } from '../domain/report.js';
import { tableBlocks } from '../domain/report.js';
import { cellText, TONE_FILL } from './report.js';
import { displayWidth } from './text.js';
import { SCHEDULE } from '../format/words.js';

/** A chart ready for the page: its title and its SVG document. */
export interface PageChart {
  spec: { id: string; title: string };
  svg: string;
}

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Text made safe inside a CSS string ("…") within a style element. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * The smallest text in a chart is 12 px at its drawn width (render/chart-options.ts); a chart is never
 * shown narrower than this, so that text stays above 10 px: on a narrow screen it scrolls in its box.
 */
const CHART_MIN_PX = 860;

const CSS = `
:root { --line: #8c8c8c; --head: #d9e1f2; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1280px; padding: 16px 24px 48px; color: #222; background: #fff;
  font: 14px/1.5 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', SimHei, SimSun, sans-serif;
  word-break: keep-all; overflow-wrap: normal; }
h1 { font-size: 22px; text-align: center; margin: 8px 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
p.source { color: #444; font-size: 13px; margin: 4px 0 12px; }
p.stamp { display: inline-block; margin: 0 0 8px; padding: 2px 10px; border: 1.5px solid #c00000; color: #c00000; font-weight: bold; }
nav { font-size: 13px; margin: 0 0 8px; display: flex; flex-wrap: wrap; gap: 2px 14px; }
nav a { color: #1f4e79; white-space: nowrap; }
.scroll { overflow-x: auto; }
figure { margin: 8px 0 16px; }
figure svg { display: block; width: 100%; min-width: ${CHART_MIN_PX}px; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; vertical-align: middle; }
th { background: var(--head); font-weight: bold; text-align: center; }
th.block { background: #f2f2f2; text-align: left; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.center { text-align: center; white-space: nowrap; }
td.text { min-width: 4em; }
td.long { min-width: 12em; }
td.repeated { color: #808080; }
/* A repeated label on one line, cut at the cell's edge: repeating it never makes a row taller. */
td.repeated div { max-width: 12em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
td.bold { font-weight: bold; }
.nw { white-space: nowrap; }
div.notes { font-size: 12.5px; color: #333; margin-top: 6px; }
div.notes p { margin: 2px 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  .scroll { overflow: visible; }
  h1 { font-size: 16pt; }
  h2 { font-size: 12pt; margin-top: 0; }
  table { font-size: 9pt; }
  th, td { padding: 1.5pt 3pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2, p.stamp { break-after: avoid; }
  section { break-before: page; }
  section.first { break-before: auto; }
  div.notes { break-inside: avoid; }
  figure { break-inside: avoid; margin: 4mm 0; }
  figure.page-end { break-after: page; }
  figure svg { min-width: 0; max-height: 82mm; }
  a { color: inherit; text-decoration: none; }
}`;

/** The printed page: A4 landscape, the title at the head of every page, the page number at its foot. */
function pageCss(report: SummaryReport): string {
  const box = "font: 9pt 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', SimHei, sans-serif; color: #555;";
  return `
@page { size: A4 landscape; margin: 14mm 10mm 12mm;
  @top-center { content: ${cssString(report.title)}; ${box} }
  ${report.stamps.length > 0 ? `@top-right { content: ${cssString(report.stamps.join(' · '))}; ${box} color: #c00000; font-weight: bold; }` : ''}
  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; ${box} } }`;
}

/** The page: the title and source line, the first table, the charts two to a printed page, then the other tables. */
export function reportHtml(report: SummaryReport, charts: readonly PageChart[]): string {
  const words = new Words(report);
  const sections: string[] = [];
  const links: string[] = [];
  report.tables.forEach((t, i) => {
    const id = `table-${i + 1}`;
    links.push(`<a href="#${id}">${escapeHtml(t.name)}</a>`);
    sections.push(tableSection(t, id, i === 0, words));
    if (i === 0 && charts.length > 0) {
      links.push('<a href="#charts">图表</a>');
      sections.push(chartSection(charts));
    }
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="jiuye">',
    `<title>${escapeHtml(report.stamps.length > 0 ? `【${report.stamps[0]}】${report.title}` : report.title)}</title>`,
    `<style>${CSS}\n${pageCss(report)}\n${toneCss()}</style>`,
    '</head>',
    '<body>',
    `<h1>${words.html(report.title)}</h1>`,
    ...report.stamps.map((s) => `<p class="stamp">${escapeHtml(s)}</p>`),
    `<p class="source">${words.html(report.subtitle)}</p>`,
    `<nav>${links.join('')}</nav>`,
    ...sections,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function toneCss(): string {
  return Object.entries(TONE_FILL)
    .map(([tone, fill]) => `td.tone-${tone} { background: ${fill}; }`)
    .join('\n');
}

function chartSection(charts: readonly PageChart[]): string {
  const figures = charts.map((c, i) => {
    // Two charts to a printed page: the second of each pair ends the page (unless it is the last).
    const pageEnd = i % 2 === 1 && i < charts.length - 1 ? ' class="page-end"' : '';
    return `<figure id="chart-${escapeHtml(c.spec.id)}"${pageEnd}><div class="scroll">${inlineSvg(c.svg, c.spec.title)}</div></figure>`;
  });
  return `<section id="charts">\n<h2>主要指标图表</h2>\n${figures.join('\n')}\n</section>`;
}

/** The SVG document as an element of the page: no XML prolog, labelled for screen readers. */
function inlineSvg(svg: string, title: string): string {
  const body = svg.replace(/^<\?xml[^>]*>\s*/, '');
  return body.replace(/^<svg\b/, `<svg role="img" aria-label="${escapeHtml(title)}"`);
}

/** A table under its one heading (the table's title), in a box that scrolls when the screen is narrower. */
function tableSection(t: ReportTable, id: string, first: boolean, words: Words): string {
  const blocks = tableBlocks(t);
  const own = blocks.some((b) => b.columns !== t.columns);
  const width = Math.max(...blocks.map((b) => b.columns.length));
  const body = blocks
    .map((b) => {
      const heading = b.heading === null ? '' : `<tr><th class="block" colspan="${width}">${words.html(b.heading)}</th></tr>\n`;
      const header = own && b.columns !== t.columns ? `${headerRows(b.columns, words)}\n` : '';
      return `${heading}${header}${b.rows.map((row) => `<tr>${row.map((cell, c) => td(cell, b.columns[c], words)).join('')}</tr>`).join('\n')}`;
    })
    .join('\n');
  return [
    `<section id="${id}"${first ? ' class="first"' : ''}>`,
    `<h2>${words.html(t.title)}</h2>`,
    '<div class="scroll"><table>',
    own ? '' : `<thead>${headerRows(t.columns, words)}</thead>`,
    `<tbody>\n${body}\n</tbody>`,
    '</table></div>',
    t.notes.length > 0 ? `<div class="notes">${t.notes.map((n, i) => `<p>${i === 0 ? '注:' : ''}${words.html(n)}</p>`).join('')}</div>` : '',
    '</section>',
  ].join('\n');
}

/** One header row, or two when columns are grouped under a shared heading (as in the workbook). */
function headerRows(cols: ReportColumn[], words: Words): string {
  if (!cols.some((c) => c.group)) return `<tr>${cols.map((c) => `<th>${words.html(c.header)}</th>`).join('')}</tr>`;
  const top: string[] = [];
  const second: string[] = [];
  cols.forEach((c, i) => {
    if (!c.group) {
      top.push(`<th rowspan="2">${words.html(c.header)}</th>`);
      return;
    }
    second.push(`<th>${words.html(c.header)}</th>`);
    if (cols[i - 1]?.group === c.group) return;
    let span = 1;
    while (cols[i + span]?.group === c.group) span++;
    top.push(`<th colspan="${span}">${words.html(c.group)}</th>`);
  });
  return `<tr>${top.join('')}</tr>\n<tr>${second.join('')}</tr>`;
}

function td(cell: ReportCell, column: ReportColumn | undefined, words: Words): string {
  const shown = cellText(cell);
  const kind = column?.center ? 'center' : typeof cell.value === 'number' ? 'num' : displayWidth(shown) > 24 ? 'text long' : 'text';
  const classes = [kind, ...(cell.tone ? [`tone-${cell.tone}`] : []), ...(cell.repeated ? ['repeated'] : []), ...(cell.bold ? ['bold'] : [])].join(' ');
  const content = typeof cell.value === 'number' ? escapeHtml(shown) : cell.repeated ? `<div>${escapeHtml(shown)}</div>` : words.html(shown);
  return `<td class="${classes}">${content}</td>`;
}

/**
 * Where Chinese text may break: between words (by the word segmenter in Node's ICU), never inside a
 * name. The names are the report's own short cells (units, indicators, statuses, task numbers) and its
 * terms; the page's CSS (word-break: keep-all) allows no other break inside Chinese.
 */
class Words {
  readonly #names: RegExp;
  readonly #segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

  constructor(report: SummaryReport) {
    const names = new Set<string>([SCHEDULE]);
    for (const t of report.tables) {
      for (const b of tableBlocks(t)) {
        for (const row of b.rows) for (const cell of row) if (typeof cell.value === 'string' && isName(cell.value)) names.add(cell.value);
        for (const c of b.columns) if (isName(c.header)) names.add(c.header);
      }
    }
    const list = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // Dates and quarters are names too: 2021-10-15 never breaks at its hyphens.
    this.#names = new RegExp(`(${[...list, '\\d{4}-\\d{2}-\\d{2}', '\\d{4}Q[1-4]'].join('|')})`, 'g');
  }

  /** The text escaped, names kept whole, a break allowed between the other words. */
  html(text: string): string {
    if (isName(text)) return `<span class="nw">${escapeHtml(text)}</span>`;
    const parts = text.split(this.#names);
    return parts
      .map((part, i) => (i % 2 === 1 ? `<span class="nw">${escapeHtml(part)}</span>` : this.#breakable(part)))
      .join('');
  }

  #breakable(text: string): string {
    let out = '';
    let previous = '';
    for (const { segment } of this.#segmenter.segment(text)) {
      // A break between two Chinese words, or after Chinese punctuation; never beside a figure (67.1%).
      if (previous && /[\p{Script=Han},、;:。!?)】》”]$/u.test(previous) && /^[\p{Script=Han}(【《“]/u.test(segment)) out += '<wbr>';
      out += escapeHtml(segment);
      previous = segment;
    }
    return out;
  }
}

/** A cell that is a name: short, without spaces or sentence punctuation (列东街道, 进度正常, 二(一)). */
function isName(text: string): boolean {
  return text.length >= 2 && displayWidth(text) <= 32 && !/[\s,、;:。!?,;:]/.test(text);
}
