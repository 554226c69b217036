// `jiuye units`: the reporting units, what they report and how many tasks they carry.
import type { Io } from '../io.js';
import { indicatorsReportedBy, tasksOf, type Plan } from '../domain/plan/model.js';
import { renderTable } from './table.js';
import { outputWidth } from './terminal.js';
import { paint, wrapParagraph } from './text.js';
import { UNIT_KIND_NAMES } from '../format/words.js';

export type UnitsModel = ReturnType<typeof unitsModel>;

/** The units model: one entry per unit in plan order (what --json prints and the table shows). */
export function unitsModel(plan: Plan) {
  return {
    year: plan.year,
    district: plan.district,
    units: plan.units.map((u) => {
      const tasks = tasksOf(plan, u.code);
      return {
        code: u.code,
        name: u.name,
        fullName: u.fullName,
        kind: u.kind,
        category: u.category,
        aliases: u.aliases,
        reports: indicatorsReportedBy(plan, u.code).map((i) => i.code),
        leads: tasks.filter((t) => t.role === 'lead').map((t) => t.task.id),
        assists: tasks.filter((t) => t.role === 'co').map((t) => t.task.id),
      };
    }),
  };
}

/** The units table, areas and departments as two groups; 全称 and 类别 give way on a narrow screen. */
export function renderUnits(io: Io, plan: Plan, model: UnitsModel): string {
  const c = paint(io);
  const width = outputWidth(io);
  const name = (code: string) => plan.indicators.find((i) => i.code === code)?.name ?? code;
  const rows = model.units.map((u) => [
    u.code,
    u.name,
    u.fullName,
    u.category,
    u.reports.map(name).join('、') || c.dim('只报任务进展'),
    String(u.leads.length),
    String(u.assists.length),
    UNIT_KIND_NAMES[u.kind], // the group, not a column
  ]);
  const areas = plan.units.filter((u) => u.kind === 'area').length;
  const head = wrapParagraph(`${c.bold(`${plan.district}${plan.year}年报送单位`)}:共 ${plan.units.length} 个(镇街 ${areas} 个,部门 ${plan.units.length - areas} 个)`, width);
  const table = renderTable(
    [
      { header: '代码' },
      { header: '名称' },
      { header: '全称', optional: 2 },
      { header: '类别', optional: 1 },
      { header: '报送指标', wrap: 'words', min: 16 },
      { header: '牵头', align: 'right' },
      { header: '配合', align: 'right' },
    ],
    rows,
    c,
    { width, group: (row) => row[7] },
  );
  return `${head.join('\n')}\n${table}`;
}
