// The responsibility table as a printable workbook (jiuye duty --out).
import { format } from 'date-fns/format';
import type { DutyReport } from '../domain/duty.js';
import { unitListText } from '../domain/duty.js';
import type { Plan } from '../domain/plan/model.js';
import { addTableSheet, newWorkbook, saveWorkbook } from './sheet.js';

/** Writes 责任分工 as one sheet; returns the path written. */
export async function writeDutyWorkbook(plan: Plan, report: DutyReport, path: string, opts: { force: boolean; now: Date }): Promise<string> {
  const wb = newWorkbook(opts.now);
  const who = report.unit ? `${report.unit.name}` : `${plan.district}`;
  const roleCol = report.unit !== undefined;
  addTableSheet(wb, {
    name: '责任分工',
    title: `${who}${plan.year}年就业工作责任分工表`,
    subtitle: `依据:${plan.source}。列在第一位的为牵头单位。生成日期:${format(opts.now, 'yyyy-MM-dd')}`,
    columns: [
      { header: '序号', align: 'center' },
      { header: '任务', align: 'center' },
      { header: '工作内容', maxWidth: 30 },
      { header: '主要要求', maxWidth: 50 },
      ...(roleCol ? [{ header: '本单位职责', align: 'center' as const }] : []),
      { header: '牵头单位', align: 'center' },
      { header: '配合单位', maxWidth: 40 },
      { header: '相关指标', maxWidth: 24 },
    ],
    rows: report.tasks.map((t, i) => [
      i + 1,
      t.id,
      t.title,
      t.summary,
      ...(roleCol ? [t.role === 'lead' ? '牵头' : '配合'] : []),
      t.lead.name,
      unitListText(plan, t.coUnits.map((u) => u.code), t.lead.code),
      t.indicators.map((x) => x.name).join('、') || '—',
    ]),
  });
  return saveWorkbook(wb, path, opts.force);
}
