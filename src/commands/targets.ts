// jiuye targets: the district targets and each area's allocation; `targets allocate` sets allocations.
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { allocatableIndicators, allocationSums, allocationWarnings, targetText, type Allocation } from '../domain/allocation.js';
import type { Plan } from '../domain/plan/model.js';
import { readAllocations, saveAllocations } from '../store/plan.js';
import { renderAllocations, renderTargets, targetsModel } from '../render/targets.js';
import { outputWidth } from '../render/terminal.js';
import { paint, paintErr, writeJson } from '../render/text.js';
import { openPlan, otherYears, refuseFrozen } from '../app/quarter.js';
import { shown } from '../app/workspace.js';
import { type CommandContext, dbOption, describe, jsonOption, pagerOption, userPath, variadic, yearOption } from './common.js';
import { outputPath } from '../app/output.js';
import { registerReference } from './reference.js';
import { launcher } from '../format/command.js';
import { DEMO_STAMP } from '../format/words.js';
import { holdsDemoData } from '../store/demo.js';
import { allocationItems, allocationValue, parseYear } from '../app/options.js';
import { numberText } from '../format/number.js';

interface TargetsFlags {
  db?: string;
  year?: string;
  json?: boolean;
  out?: string;
  force?: boolean;
}

interface AllocateFlags {
  db?: string;
  year?: string;
  set?: string[];
  from?: string;
}

export function registerTargets(program: Command, ctx: CommandContext): void {
  const targets = describe(
    program.command('targets'),
    '查看区级年度目标及各镇街的分解目标(核对分解合计是否等于区目标)',
    `  ${launcher()} targets\n  ${launcher()} targets --out 目标分解.xlsx   # 导出分解表,填好后用 allocate --from 读回`,
  )
    .addOption(yearOption())
    .addOption(jsonOption())
    .addOption(pagerOption())
    .option('--out <文件.xlsx>', '写出目标分解表(可填写后用 targets allocate --from 读回)')
    .option('--force', '--out 的文件已存在时覆盖')
    .addOption(dbOption())
    .action(async (flags: TargetsFlags) => ctx.exit(await runTargets(ctx.io, flags)));
  // targets and its subcommands share --db, --year and --json: an option after a subcommand's
  // name is the subcommand's, not swallowed by targets.
  targets.enablePositionalOptions();

  describe(
    targets.command('allocate'),
    '设置各镇街的分解目标:在终端逐项提问,或用 --set / --from 直接给出',
    `  ${launcher()} targets allocate                                   # 在终端逐项填写\n` +
      `  ${launcher()} targets allocate --set 列东街道:城镇新增就业=400 列西街道:城镇新增就业=350\n` +
      `  ${launcher()} targets allocate --from 目标分解.xlsx`,
  )
    .addOption(variadic(new Option('--set <单位:指标=数值...>', '直接设置,可写多项,如 列东街道:城镇新增就业=400')))
    .option('--from <文件.xlsx>', `从目标分解表读入(格式同 ${launcher()} targets --out 写出的表)`)
    .addOption(yearOption())
    .addOption(dbOption())
    .action(async (flags: AllocateFlags) => ctx.exit(await runAllocate(ctx.io, flags)));

  registerReference(targets, ctx);
}

export async function runTargets(io: Io, flags: TargetsFlags): Promise<number> {
  const { db, plan } = openPlan(io, { db: flags.db, year: parseYear(flags.year), access: 'read', document: flags.out !== undefined, sayYear: true });
  const allocations = readAllocations(db, plan.year);
  // The demo's allocations are made up: the sheet says so on every page.
  const stamps = holdsDemoData(db) ? [DEMO_STAMP] : [];
  db.close();
  if (flags.out !== undefined) {
    const out = outputPath(io, { given: flags.out, name: `${plan.district}${plan.year}年就业目标任务分解表.xlsx`, flag: '--out', force: Boolean(flags.force) });
    if (!/\.xlsx$/i.test(out)) throw new UsageError(`--out 的文件名应以 .xlsx 结尾:${flags.out}`);
    const { writeAllocationWorkbook } = await import('../excel/allocation.js');
    io.stderr.write(`已写出 ${shown(io, await writeAllocationWorkbook(plan, allocations, out, { force: Boolean(flags.force), now: io.now(), stamps }))}\n`);
  }
  const model = targetsModel(plan, allocations);
  if (flags.json) writeJson(io, model);
  else io.stdout.write(renderTargets(io, plan, allocations));
  writeAllocationWarnings(io, model.warnings);
  return 0;
}

export async function runAllocate(io: Io, flags: AllocateFlags): Promise<number> {
  if (flags.set && flags.from) throw new UsageError('--set 与 --from 只能用其中一个');
  const { ws, db, plan } = openPlan(io, { db: flags.db, year: parseYear(flags.year), access: 'write', sayYear: true });
  try {
    refuseFrozen(db, plan.year, '修改分解目标');
    let changes: Allocation[];
    if (flags.set) changes = allocationItems(plan, flags.set, otherYears(io, db).plans);
    else if (flags.from) {
      const { readAllocationWorkbook } = await import('../excel/allocation.js');
      changes = await readAllocationWorkbook(plan, userPath(io, flags.from), otherYears(io, db).plans);
    } else if (io.stdinTty && io.stderrTty && io.prompt) {
      const asked = await askAllocations(io, plan, readAllocations(db, plan.year));
      if (!asked) {
        io.stderr.write('已取消,未做改动\n');
        return 0;
      }
      changes = asked;
    } else {
      throw new UsageError('没有终端可以逐项提问。请用 --set 列东街道:城镇新增就业=400(可写多项)或 --from 目标分解.xlsx 给出分解目标');
    }
    // Allocations already made and now changed are kept in a backup first.
    const before = readAllocations(db, plan.year);
    const overwritten = changes.some((c) => before.some((b) => b.unit === c.unit && b.indicator === c.indicator && b.value !== c.value));
    if (overwritten) io.stderr.write(`修改前已备份数据库:${shown(io, ws.backup(`重新分解${plan.year}年目标前`))}\n`);
    saveAllocations(db, plan.year, changes, io.now());
    const allocations = readAllocations(db, plan.year);
    io.stderr.write(`已保存 ${plan.year} 年的 ${changes.length} 项分解目标\n`);
    io.stdout.write(renderAllocations(paint(io), outputWidth(io), plan, allocations));
    writeAllocationWarnings(io, allocationWarnings(allocationSums(plan, allocations)));
    return 0;
  } finally {
    db.close();
  }
}

/**
 * Asks each area's share of each allocatable target, then shows the sums against the district
 * targets before asking to save; when a sum is off, Enter means "no".
 */
async function askAllocations(io: Io, plan: Plan, current: Allocation[]): Promise<Allocation[] | null> {
  const prompt = io.prompt!;
  const e = paintErr(io);
  const out: Allocation[] = [];
  for (const indicator of allocatableIndicators(plan)) {
    io.stderr.write(`\n${e.bold(indicator.name)}(区目标 ${targetText(indicator)})\n`);
    for (const unit of plan.units.filter((u) => u.kind === 'area')) {
      const existing = current.find((a) => a.unit === unit.code && a.indicator === indicator.code);
      const answer = await prompt.input(`${unit.name} 分解 ${indicator.name}(${indicator.measure})`, {
        default: existing ? String(existing.value) : undefined,
        validate: (v) => {
          const typed = allocationValue(v);
          return typed.ok || `请填写${typed.expected}`;
        },
      });
      const typed = allocationValue(answer);
      if (typed.ok) out.push({ unit: unit.code, indicator: indicator.code, value: typed.value });
    }
    const sum = out.filter((a) => a.indicator === indicator.code).reduce((s, a) => s + a.value, 0);
    const target = indicator.target?.value ?? 0;
    const off = sum === target ? '' : `,${sum > target ? '多' : '少'} ${numberText(Math.abs(sum - target))}`;
    io.stderr.write(`  合计 ${numberText(sum)},区目标 ${numberText(target)}${off ? e.yellow(off) : e.green(',相符')}\n`);
  }
  // What would be saved, merged with the allocations the questions did not touch.
  const merged = [...current.filter((a) => !out.some((o) => o.unit === a.unit && o.indicator === a.indicator)), ...out];
  const sums = allocationSums(plan, merged);
  io.stderr.write(`\n${renderAllocations(e, outputWidth({ ...io, stdoutTty: io.stderrTty }), plan, merged)}`);
  const balanced = sums.every((s) => s.balanced);
  if (!balanced) for (const w of allocationWarnings(sums)) io.stderr.write(e.yellow(`注意:${w}\n`));
  return (await prompt.confirm(balanced ? '保存以上分解目标?' : '分解合计与区目标不一致,仍然保存?', balanced)) ? out : null;
}

function writeAllocationWarnings(io: Io, warnings: string[]): void {
  const c = paintErr(io);
  for (const w of warnings) io.stderr.write(c.yellow(`注意:${w}\n`));
}
