// The quarterly summary as one self-contained web page: the charts as inline SVG and every table,
// printable on A4 landscape, opening offline (no script, font or image from anywhere else, which the
// page's own Content-Security-Policy also forbids). All text is escaped: a unit's note is never markup.
import type { ReportCell, ReportTable, SummaryReport } from '../domain/report.js';
import { cellText, TONE_FILL } from './report.js';

/** A chart ready for the page: its title and its SVG document. */
export interface PageChart {
  spec: { id: string; title: string };
  svg: string;
}

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root { --line: #8c8c8c; --head: #d9e1f2; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1280px; padding: 16px 24px 48px; color: #222; background: #fff;
  font: 14px/1.5 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', SimHei, SimSun, sans-serif; }
h1 { font-size: 22px; text-align: center; margin: 8px 0 4px; }
h2 { font-size: 17px; margin: 28px 0 2px; }
p.source { color: #444; font-size: 13px; margin: 4px 0 12px; }
p.table-title { font-weight: bold; margin: 2px 0 6px; }
nav { font-size: 13px; margin: 0 0 8px; }
nav a { margin-right: 14px; color: #1f4e79; }
figure { margin: 8px 0 16px; }
figure svg { display: block; width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; vertical-align: middle; }
th { background: var(--head); font-weight: bold; text-align: center; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.center { text-align: center; }
td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
div.notes { font-size: 12.5px; color: #333; margin-top: 6px; }
div.notes p { margin: 2px 0; }
@page { size: A4 landscape; margin: 12mm 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h1 { font-size: 16pt; }
  h2 { font-size: 12pt; margin-top: 0; }
  table { font-size: 9pt; }
  th, td { padding: 1.5pt 3pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  section { break-before: page; }
  section.first { break-before: auto; }
  figure { break-inside: avoid; margin: 4mm 0; }
  figure.page-end { break-after: page; }
  figure svg { width: 100%; max-height: 82mm; }
  a { color: inherit; text-decoration: none; }
}`;

/** The page: the title and source line, the first table, the charts two to a printed page, then the other tables. */
export function reportHtml(report: SummaryReport, charts: readonly PageChart[]): string {
  const sections: string[] = [];
  const links: string[] = [];
  report.tables.forEach((t, i) => {
    const id = `table-${i + 1}`;
    links.push(`<a href="#${id}">${escapeHtml(t.name)}</a>`);
    sections.push(tableSection(t, id, i === 0));
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
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${CSS}\n${toneCss()}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(report.title)}</h1>`,
    `<p class="source">${escapeHtml(report.subtitle)}</p>`,
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
    return `<figure id="chart-${escapeHtml(c.spec.id)}"${pageEnd}>${inlineSvg(c.svg, c.spec.title)}</figure>`;
  });
  return `<section id="charts">\n<h2>图表</h2>\n${figures.join('\n')}\n</section>`;
}

/** The SVG document as an element of the page: no XML prolog, labelled for screen readers. */
function inlineSvg(svg: string, title: string): string {
  const body = svg.replace(/^<\?xml[^>]*>\s*/, '');
  return body.replace(/^<svg\b/, `<svg role="img" aria-label="${escapeHtml(title)}"`);
}

function tableSection(t: ReportTable, id: string, first: boolean): string {
  return [
    `<section id="${id}"${first ? ' class="first"' : ''}>`,
    `<h2>${escapeHtml(t.name)}</h2>`,
    `<p class="table-title">${escapeHtml(t.title)}</p>`,
    '<table>',
    `<thead>${headerRows(t)}</thead>`,
    `<tbody>\n${bodyRows(t)}\n</tbody>`,
    '</table>',
    t.notes.length > 0 ? `<div class="notes">${t.notes.map((n, i) => `<p>${i === 0 ? '注:' : ''}${escapeHtml(n)}</p>`).join('')}</div>` : '',
    '</section>',
  ].join('\n');
}

/** One header row, or two when columns are grouped under a shared heading (as in the workbook). */
function headerRows(t: ReportTable): string {
  const cols = t.columns;
  if (!cols.some((c) => c.group)) return `<tr>${cols.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('')}</tr>`;
  const top: string[] = [];
  const second: string[] = [];
  cols.forEach((c, i) => {
    if (!c.group) {
      top.push(`<th rowspan="2">${escapeHtml(c.header)}</th>`);
      return;
    }
    second.push(`<th>${escapeHtml(c.header)}</th>`);
    if (cols[i - 1]?.group === c.group) return;
    let span = 1;
    while (cols[i + span]?.group === c.group) span++;
    top.push(`<th colspan="${span}">${escapeHtml(c.group)}</th>`);
  });
  return `<tr>${top.join('')}</tr>\n<tr>${second.join('')}</tr>`;
}

function bodyRows(t: ReportTable): string {
  // Rows sharing the key column's value form a block: the merged columns span it (rowspan), as in the workbook.
  const spans = new Map<string, number>(); // "row,col" → rowspan, 0 for a cell covered by the one above
  if (t.mergeBy) {
    const { key, columns } = t.mergeBy;
    let start = 0;
    for (let r = 1; r <= t.rows.length; r++) {
      if (r < t.rows.length && t.rows[r][key].value === t.rows[start][key].value) continue;
      if (r - start > 1) {
        for (const c of columns) {
          spans.set(`${start},${c}`, r - start);
          for (let x = start + 1; x < r; x++) spans.set(`${x},${c}`, 0);
        }
      }
      start = r;
    }
  }
  return t.rows
    .map((row, r) => {
      const cells = row.map((cell, c) => {
        const span = spans.get(`${r},${c}`);
        if (span === 0) return '';
        return td(cell, t.columns[c]?.center === true, span);
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
}

function td(cell: ReportCell, center: boolean, rowspan?: number): string {
  const kind = center ? 'center' : typeof cell.value === 'number' ? 'num' : 'text';
  const classes = [kind, ...(cell.tone ? [`tone-${cell.tone}`] : [])].join(' ');
  return `<td class="${classes}"${rowspan ? ` rowspan="${rowspan}"` : ''}>${escapeHtml(cellText(cell))}</td>`;
}
