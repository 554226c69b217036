// `jiuye duty` on a terminal: who leads and who helps with each task.
import type { Io } from '../io.js';
import { unitListText, type DutyReport } from '../domain/duty.js';
import { unitByCode, type Plan } from '../domain/plan/model.js';
import { EVERY_ROW, renderTable, type Column } from './table.js';
import { outputWidth } from './terminal.js';
import { paint, wrapParagraph } from './text.js';

/** The responsibility table: the task's words and the co-units wrap; unit names never break; the indicators give way on a narrow screen. */
export function renderDuty(io: Io, plan: Plan, report: DutyReport): string {
  const c = paint(io);
  const width = outputWidth(io);
  const lines: string[] = [];
  const para = (text: string, style: (s: string) => string = (s) => s) => lines.push(...wrapParagraph(text, width, '', '  ', 'list').map((l) => style(l)));
  if (report.unit) {
    const u = unitByCode(plan, report.unit.code);
    const leads = report.tasks.filter((t) => t.role === 'lead').length;
    const assists = report.tasks.length - leads;
    para(`${u.name}(${u.fullName})${plan.year} 年就业工作职责:牵头 ${leads} 项,配合 ${assists} 项`, c.bold);
    para(`每季度报送指标:${report.reports && report.reports.length > 0 ? report.reports.map((r) => r.name).join('、') : '无(只报送任务进展)'}`);
  } else {
    para(`${plan.district}${plan.year}年就业工作责任分工(${plan.title})`, c.bold);
    para(`共 ${report.tasks.length} 项任务`);
  }
  if (report.tasks.length === 0) {
    lines.push('(没有任务)');
    return `${lines.join('\n')}\n`;
  }
  const roleCol = report.unit !== undefined;
  const columns: Column[] = [
    { header: '任务' },
    { header: '内容', wrap: 'text', min: 12 },
    ...(roleCol ? [{ header: '职责' }] : []),
    { header: '牵头单位' },
    { header: '配合单位', wrap: 'words', min: 16 },
    { header: '相关指标', optional: 1 },
  ];
  const rows = report.tasks.map((t) => [
    t.id,
    t.title,
    ...(roleCol ? [t.role === 'lead' ? c.bold('牵头') : '配合'] : []),
    t.lead.name,
    unitListText(plan, t.coUnits.map((u) => u.code), t.lead.code),
    t.indicators.map((i) => i.name).join('\n') || '—',
  ]);
  return `${lines.join('\n')}\n${renderTable(columns, rows, c, { width, group: EVERY_ROW })}`;
}
