// jiuye template: each unit's blank quarterly return, pre-filled with unit, period and deadline.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError, writeTrouble } from '../errors.js';
import type { Io } from '../io.js';
import { calendarWarnings, deadline, deadlineText } from '../domain/deadline.js';
import { formatPeriod } from '../domain/period.js';
import type { Unit } from '../domain/plan/model.js';
import { readAllocations } from '../store/plan.js';
import { renderTable } from '../render/table.js';
import { outputWidth } from '../render/terminal.js';
import { paint, paintErr } from '../render/text.js';
import { type CommandContext, dbOption, describe, userPath } from './common.js';
import { openPlan, otherYears } from '../app/quarter.js';
import { launcher } from '../format/command.js';
import { periodOption, unitOption } from '../app/options.js';

interface TemplateFlags {
  db?: string;
  quarter?: string;
  unit?: string;
  all?: boolean;
  out?: string;
  force?: boolean;
}

export function registerTemplate(program: Command, ctx: CommandContext): void {
  describe(
    program.command('template'),
    '生成各单位的季度报表(.xlsx):已填好单位、期间和截止日期,只含该单位报送的指标和承担的任务',
    `  ${launcher()} template --quarter 2021Q3 --all\n  ${launcher()} template --quarter 2021Q3 --unit 列东街道 --out 发出的报表`,
  )
    .requiredOption('--quarter <季度>', '报表所属季度,如 2021Q3')
    .option('--unit <单位>', '只生成该单位的报表')
    .option('--all', '生成全部单位的报表')
    .option('--out <文件夹>', '保存到该文件夹(默认 ./季度报表-季度,如 ./季度报表-2021Q3)')
    .option('--force', '文件已存在时覆盖')
    .addOption(dbOption())
    .action(async (flags: TemplateFlags) => ctx.exit(await runTemplate(ctx.io, flags)));
}

export async function runTemplate(io: Io, flags: TemplateFlags): Promise<number> {
  const period = periodOption(flags.quarter ?? '');
  if (Boolean(flags.unit) === Boolean(flags.all)) throw new UsageError('请用 --unit 指定一个单位,或用 --all 生成全部单位的报表');
  const { ws, db, plan } = openPlan(io, { db: flags.db, year: period.year, access: 'read', document: true });
  let units: Unit[];
  try {
    units = flags.all ? plan.units : [unitOption(plan, flags.unit!, '--unit', otherYears(io, db))];
  } catch (e) {
    ws.close();
    throw e;
  }
  const allocations = readAllocations(db, plan.year);
  const calendars = ws.calendars();
  ws.close();
  const due = deadline(period, plan.deadline.daysAfterQuarterEnd, calendars);
  const outDir = userPath(io, flags.out ?? `季度报表-${formatPeriod(period)}`);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new InputError(`${relative(io.cwd, outDir) || outDir} 是文件,不是文件夹,未生成任何报表。--out 应给出一个文件夹(不存在时自动建立)`);
  }
  const { buildReturnWorkbook, templateFileName } = await import('../excel/template.js');
  const { saveWorkbook } = await import('../excel/sheet.js');
  const files = units.map((unit) => ({ unit, file: join(outDir, templateFileName(unit, period)) }));
  const existing = files.filter((f) => existsSync(f.file));
  if (existing.length > 0 && !flags.force) {
    throw new InputError(
      `以下 ${existing.length} 个文件已存在,未生成任何报表(如需覆盖请加 --force,或用 --out 指定其他文件夹):\n` +
        existing.map((f) => `  ${relative(io.cwd, f.file) || f.file}`).join('\n'),
    );
  }
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (err) {
    throw writeTrouble(err, outDir) ?? err;
  }
  const now = io.now();
  for (const { unit, file } of files) {
    await saveWorkbook(buildReturnWorkbook(plan, unit, period, { deadline: due.date, allocations, now }), file, true);
  }
  const e = paintErr(io);
  for (const w of calendarWarnings(due, calendars)) io.stderr.write(e.yellow(`注意:${w}\n`));
  const c = paint(io);
  const shown = relative(io.cwd, outDir) || '.';
  io.stdout.write(
    `${c.bold(`${plan.district}${formatPeriod(period)}季度报表`)}:截止日期 ${deadlineText(due)}\n` +
      renderTable([{ header: '单位' }, { header: '文件', wrap: 'text', min: 16 }], files.map((f) => [f.unit.name, relative(outDir, f.file)]), c, { width: outputWidth(io) }) +
      `已生成 ${files.length} 份报表,保存在 ${shown}/。发给各单位填写;收回后放进一个文件夹,运行 ${launcher()} import 该文件夹\n`,
  );
  return 0;
}
