// jiuye units: the reporting units, their kind, what they report and how many tasks they carry.
import type { Command } from 'commander';
import type { Io } from '../io.js';
import { indicatorsReportedBy, tasksOf, type Plan } from '../domain/plan.js';
import { renderTable } from '../render/table.js';
import { paint, writeJson } from '../render/text.js';
import { type CommandContext, dbOption, describe, jsonOption, openStore, yearOption } from './common.js';

interface UnitsFlags {
  db?: string;
  year?: string;
  json?: boolean;
}

export function registerUnits(program: Command, ctx: CommandContext): void {
  describe(program.command('units'), '列出报送单位:类别、报送的指标、牵头和配合的任务数', '  jiuye units\n  jiuye units --json')
    .addOption(yearOption())
    .addOption(jsonOption())
    .addOption(dbOption())
    .action((flags: UnitsFlags) => ctx.exit(runUnits(ctx.io, flags)));
}

/** The units model: one entry per unit in plan order. */
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

export function runUnits(io: Io, flags: UnitsFlags): number {
  const { db, plan } = openStore(io, flags);
  db.close();
  const model = unitsModel(plan);
  if (flags.json) {
    writeJson(io, model);
    return 0;
  }
  const c = paint(io);
  const name = (code: string) => plan.indicators.find((i) => i.code === code)?.name ?? code;
  const rows = model.units.map((u) => [
    u.code,
    u.name,
    u.fullName,
    u.category,
    u.reports.map(name).join('、') || c.dim('只报任务进展'),
    String(u.leads.length),
    String(u.assists.length),
  ]);
  const areas = plan.units.filter((u) => u.kind === 'area').length;
  io.stdout.write(
    `${c.bold(`${plan.district}${plan.year}年报送单位`)}:共 ${plan.units.length} 个(镇街 ${areas} 个,部门 ${plan.units.length - areas} 个)\n` +
      renderTable(
        [
          { header: '代码' },
          { header: '名称' },
          { header: '全称' },
          { header: '类别' },
          { header: '报送指标', wrap: 30 },
          { header: '牵头', align: 'right' },
          { header: '配合', align: 'right' },
        ],
        rows,
        c,
      ),
  );
  return 0;
}
