// `jiuye overdue` on a terminal: the units to chase first, then everyone else, with their contacts.
import type { ChalkInstance } from 'chalk';
import type { Io } from '../io.js';
import { deadlineText, type OverdueReport, type UnitSubmission } from '../domain/deadline.js';
import { renderTable } from './table.js';
import { outputWidth } from './terminal.js';
import { keepWhole, paint, wrapParagraph } from './text.js';
import { UNIT_KIND_NAMES } from '../format/words.js';

/** How urgently a unit needs chasing: 0 未报送·已逾期, 1 逾期报送, 2 临近, 3 未到期, 4 按时. */
export function urgency(u: UnitSubmission): number {
  switch (u.status) {
    case 'overdue':
      return 0;
    case 'late':
      return 1;
    case 'pending':
      return u.near ? 2 : 3;
    default:
      return 4;
  }
}

/** Units in the order to chase them: most days overdue first, then the latest arrivals, then the nearest deadlines; plan order within a tie. */
export function byUrgency(units: readonly UnitSubmission[]): UnitSubmission[] {
  const days = (u: UnitSubmission) => (u.status === 'overdue' ? -(u.daysOverdue ?? 0) : u.status === 'late' ? -(u.daysLate ?? 0) : (u.daysLeft ?? 0));
  return units
    .map((u, i) => ({ u, i }))
    .sort((a, b) => urgency(a.u) - urgency(b.u) || (urgency(a.u) < 4 ? days(a.u) - days(b.u) : 0) || a.i - b.i)
    .map((x) => x.u);
}

/** The submission table for a terminal: a summary naming every late and missing unit, then the table by urgency. */
export function renderOverdue(io: Io, r: OverdueReport): string {
  const c = paint(io);
  const width = outputWidth(io);
  const d = r.deadline;
  const out: string[] = [];
  const para = (text: string, style: (s: string) => string = (s) => s) => out.push(...wrapParagraph(text, width, '', '  ', 'list').map((l) => style(l)));
  para(`${r.district}${r.periodTitle}报表报送情况(${r.period},截至 ${r.asOf})`, c.bold);
  para(`截止日期:${deadlineText(d)};${d.rule}`);
  para(
    `已收 ${r.counts.received} / 应报 ${r.counts.expected}:按时 ${r.counts.onTime},逾期报送 ${r.counts.late},` +
      `未报送·已逾期 ${r.counts.overdue},未报送·未到期 ${r.counts.pending}${r.counts.near > 0 ? `(临近截止 ${r.counts.near})` : ''}`,
  );
  const sorted = byUrgency(r.units);
  // 洋溪镇(7天)、陈大镇(3天); units with the same days share one bracket: 列东街道、列西街道(还有2天).
  const named = (level: number, days: (u: UnitSubmission) => string) => {
    const runs: { names: string[]; days: string }[] = [];
    for (const u of sorted.filter((x) => urgency(x) === level)) {
      const last = runs.at(-1);
      if (last && last.days === days(u)) last.names.push(u.name);
      else runs.push({ names: [u.name], days: days(u) });
    }
    return runs.map((x) => `${x.names.join('、')}(${x.days})`).join('、');
  };
  const say = (label: string, names: string, style: (s: string) => string) => {
    if (names) para(`${label}:${names}`, style);
  };
  say('逾期未报', named(0, (u) => `${u.daysOverdue}天`), c.red);
  say('逾期报送', named(1, (u) => `${u.daysLate}天`), c.yellow);
  say('临近截止', named(2, (u) => (u.daysLeft === 0 ? '今日截止' : `还有${u.daysLeft}天`)), c.yellow);
  say('尚未到期', named(3, (u) => `还有${u.daysLeft}天`), (s) => s);
  if (r.counts.received === r.counts.expected) para('报表已全部收齐', c.green);

  const rows = sorted.map((u) => [
    UNIT_KIND_NAMES[u.kind],
    u.name,
    statusCell(c, u),
    u.receivedOn ?? '—',
    contactText(c, u, r.period),
    String(urgency(u)), // the group, not a column
  ]);
  const table = renderTable(
    [
      { header: '类别', optional: 1 },
      { header: '单位' },
      { header: '状态' },
      { header: '收到日期' },
      { header: '联系人(填报人 电话)', wrap: 'words', min: 12 },
    ],
    rows,
    c,
    { width, group: (row) => row[5] },
  );
  const legend = wrapParagraph(
    `说明:逾期、剩余天数均按自然日计算;调休上班日算工作日;` +
      `临近指距截止不超过 ${r.nearDays} 天;以首次收到报表的日期判断是否按时;联系人后的括号为取自哪一季度的报表。`,
    width,
    '',
    '  ',
  ).map((l) => c.dim(l));
  return `${out.join('\n')}\n${table}${legend.join('\n')}\n`;
}

// 示例数据 0598-0000000, and (2021Q2) when the contact comes from an earlier return.
function contactText(c: ChalkInstance, u: UnitSubmission, period: string): string {
  if (!u.contact) return '—';
  // The quarter stays with the phone number (or name) before it: never a line of its own.
  const earlier = u.contact.period !== period ? ` ${c.dim(`(${u.contact.period})`)}` : '';
  const last = u.contact.phone ?? u.contact.filledBy;
  const first = u.contact.phone ? u.contact.filledBy : null;
  if (!last) return '—';
  return [first, earlier ? keepWhole(`${last}${earlier}`) : last].filter(Boolean).join(' ');
}

function statusCell(c: ChalkInstance, u: UnitSubmission): string {
  switch (u.status) {
    case 'on_time':
      return c.green(u.statusText);
    case 'late':
      return c.yellow(u.statusText);
    case 'overdue':
      return c.red(u.statusText);
    default:
      return u.near ? c.yellow(u.statusText) : u.statusText;
  }
}
