// The quarterly summary as CSV (one file per table), JSON and Markdown: the same tables as the workbook.
import { tableBlocks, type PrintedReport, type ReportCell, type ReportColumn, type Tone } from '../domain/report.js';
import { numberText, shareText } from '../format/number.js';

/** The background of a status cell, the same in the workbook and on the web page. */
export const TONE_FILL: Record<Tone, string> = {
  good: '#C6EFCE',
  ok: '#E2EFDA',
  warn: '#FFEB9C',
  bad: '#FFC7CE',
  muted: '#EDEDED',
};

/** A cell as text: 82.3% for shares, 1,234 for counts (plain 1234 in CSV, for spreadsheets to read). */
export function cellText(cell: ReportCell, plain = false): string {
  const v = cell.value;
  if (v === null) return '';
  if (typeof v === 'string') return v;
  switch (cell.format) {
    case 'pct0':
      return shareText(v, 0);
    case 'pct1':
      return shareText(v, 1);
    case 'pct2':
      return shareText(v, 2);
    case 'dec1':
      return v.toFixed(1);
    case 'dec2':
      return plain ? v.toFixed(2) : numberText(v, 2);
    default:
      return plain ? String(v) : numberText(v);
  }
}

const header = (columns: ReportColumn[]) => columns.map((c) => (c.group ? `${c.group}·${c.header}` : c.header));

/**
 * One CSV per table, UTF-8 with a BOM and CRLF so Excel and WPS open it correctly. A table in blocks
 * keeps them as the workbook prints them: a heading row, the block's own header when it has one.
 */
export function reportCsvFiles(report: Pick<PrintedReport, 'tables'>): { name: string; content: string }[] {
  const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  // Text opened by a spreadsheet must stay text: a leading = + - @ would be taken as a formula.
  const guard = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
  const cell = (c: ReportCell) => quote(typeof c.value === 'string' ? guard(c.value) : cellText(c, true));
  const line = (texts: string[]) => texts.map((h) => quote(guard(h))).join(',');
  return report.tables.map((t, i) => {
    const lines = t.blocks?.every((b) => !b.columns) || !t.blocks ? [line(header(t.columns))] : [];
    for (const b of tableBlocks(t)) {
      if (b.heading !== null) lines.push(line([b.heading]));
      if (b.columns !== t.columns) lines.push(line(header(b.columns)));
      lines.push(...b.rows.map((r) => r.map(cell).join(',')));
    }
    return { name: `${String(i + 1).padStart(2, '0')}-${t.name}.csv`, content: `\uFEFF${lines.join('\r\n')}\r\n` };
  });
}

/** All tables in one Markdown document: a table under its name and title, each block under a heading of its own. */
export function reportMarkdown(report: Pick<PrintedReport, 'title' | 'subtitle' | 'tables'>): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
  const parts = [`# ${report.title}`, '', report.subtitle, ''];
  for (const t of report.tables) {
    parts.push(`## ${t.name}`, '', `**${t.title}**`, '');
    for (const b of tableBlocks(t)) {
      if (b.heading !== null) parts.push(`### ${b.heading}`, '');
      parts.push(`| ${header(b.columns).map(esc).join(' | ')} |`, `|${b.columns.map(() => ' --- ').join('|')}|`);
      for (const r of b.rows) parts.push(`| ${r.map((c) => esc(cellText(c))).join(' | ')} |`);
      parts.push('');
    }
    if (t.notes.length > 0) parts.push(...t.notes.map((n) => `> ${esc(n)}`), '');
  }
  return `${parts.join('\n')}\n`;
}
