// jiuye units: the reporting units, their kind, what they report and how many tasks they carry.
import type { Command } from 'commander';
import type { Io } from '../io.js';
import { renderUnits, unitsModel } from '../render/units.js';
import { writeJson } from '../render/text.js';
import { openPlan } from '../app/quarter.js';
import { type CommandContext, dbOption, describe, jsonOption, pagerOption, yearOption } from './common.js';
import { launcher } from '../format/command.js';
import { parseYear } from '../app/options.js';

interface UnitsFlags {
  db?: string;
  year?: string;
  json?: boolean;
}

export function registerUnits(program: Command, ctx: CommandContext): void {
  describe(program.command('units'), '列出报送单位:类别、报送的指标、牵头和配合的任务数', `  ${launcher()} units\n  ${launcher()} units --json`)
    .addOption(yearOption())
    .addOption(jsonOption())
    .addOption(pagerOption())
    .addOption(dbOption())
    .action((flags: UnitsFlags) => ctx.exit(runUnits(ctx.io, flags)));
}

export function runUnits(io: Io, flags: UnitsFlags): number {
  const { db, plan } = openPlan(io, { db: flags.db, year: parseYear(flags.year), access: 'read', sayYear: true });
  db.close();
  const model = unitsModel(plan);
  if (flags.json) {
    writeJson(io, model);
    return 0;
  }
  io.stdout.write(renderUnits(io, plan, model));
  return 0;
}
