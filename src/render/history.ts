// `jiuye history`: imports and revisions, newest first, with the values each revision replaced.
import { format } from 'date-fns/format';
import type { Io } from '../io.js';
import { unitName, type Plan } from '../domain/plan/model.js';
import { describeItem } from '../domain/return.js';
import type { ImportEvent } from '../store/returns.js';
import { renderTable, type Column } from './table.js';
import { outputWidth } from './terminal.js';
import { paint, wrapParagraph } from './text.js';

/**
 * The import table and the replaced values; `total` above the events shown says how many more there
 * are. Each event is named by its own year's plan (陈大镇 in 2021, 陈大街道 in 2022). A unit or quarter
 * the history is limited to is said in the title, not in a column of its own.
 */
export function renderHistory(
  io: Io,
  planOf: (period: string) => Plan,
  events: ImportEvent[],
  opts: { scope: string; total: number; limitFlag: string; oneUnit?: boolean; oneQuarter?: boolean },
): string {
  const c = paint(io);
  const width = outputWidth(io);
  const when = (iso: string) => format(new Date(iso), 'yyyy-MM-dd HH:mm');
  const rows = events.map((e) => [
    when(e.at),
    e.period,
    unitName(planOf(e.period), e.unit),
    `第 ${e.revision} 版`,
    // The first version is new; a later one says how many values it replaced.
    e.action === 'new' ? '新导入' : c.yellow(`修订替换 ${e.changed} 处`),
    e.receivedOn,
    e.fileName,
    c.dim(`${e.original ? '已存' : '无'} ${e.fileHash.slice(0, 12)}…`),
  ]);
  // The hash gives way first, then the file's name wraps; what changed and when it came never go.
  const columns: (Column & { keep: boolean })[] = [
    // When it was imported gives way before the receipt day, the changes or the file's name.
    { header: '导入时间', optional: 1, keep: true },
    { header: '期间', keep: !opts.oneQuarter },
    { header: '单位', keep: !opts.oneUnit },
    { header: '版次', keep: true },
    { header: '改动', keep: true },
    { header: '收到日期', keep: true },
    { header: '文件', wrap: 'text', min: 14, keep: true },
    { header: '原件 sha256', optional: 0, keep: true },
  ];
  const kept = columns.map((col, k) => (col.keep ? k : -1)).filter((k) => k >= 0);
  const shown = events.length < opts.total ? `,显示最新的 ${events.length} 次` : '';
  const lines = [
    c.bold(`导入记录${opts.scope ? `(${opts.scope})` : ''}:共 ${opts.total} 次${shown}`),
    renderTable(
      kept.map((k) => columns[k]),
      rows.map((row) => kept.map((k) => row[k])),
      c,
      { width },
    ).trimEnd(),
  ];
  const more = opts.total - events.length;
  if (more > 0) lines.push(...wrapParagraph(`还有 ${more} 次更早的记录;用 ${opts.limitFlag} ${opts.total} 全部列出`, width).map((l) => c.dim(l)));
  const revised = events.filter((e) => e.revisions.length > 0);
  if (revised.length > 0) {
    lines.push(c.bold('修订时替换的数值(旧值 → 新值):'));
    for (const e of revised) {
      lines.push(...wrapParagraph(`${when(e.at)} ${unitName(planOf(e.period), e.unit)} ${e.period}(${e.fileName})`, width, '  ', '    ', 'words'));
      for (const r of e.revisions) lines.push(...wrapParagraph(`${describeItem(planOf(e.period), r.item)}:${r.old ?? '(空)'} → ${r.new ?? '(空)'}`, width, '    ', '      '));
    }
  }
  return `${lines.join('\n')}\n`;
}
