// jiuye plan: the plans a database holds, one per year — list, show, export, add (or replace), and next year's from this one.
import { Option, type Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { loadPlanFile } from '../data.js';
import type { Quarter } from '../domain/period.js';
import { nextYearPlan, orphanedBy, settableTargets } from '../domain/plan/next-year.js';
import { planToFile } from '../domain/plan/file.js';
import { unitName, type Plan } from '../domain/plan/model.js';
import { planChanges, type PlanChange } from '../domain/plan/changes.js';
import type { Allocation } from '../domain/allocation.js';
import { districtCheck } from '../domain/progress.js';
import type { Db } from '../store/db.js';
import { planSummaries, planYears, readPlan, removePlan, replacePlan, savePlan, usedByReturns } from '../store/plan.js';
import { latestQuarter } from '../store/returns.js';
import { planShowModel, renderPlanList, renderPlanShow } from '../render/plan.js';
import { paintErr, writeJson } from '../render/text.js';
import { type CommandContext, dbOption, describe, jsonOption, pagerOption, userPath, variadic, yearOption } from './common.js';
import { openPlan, readProgressInput, refuseFrozen } from '../app/quarter.js';
import { openWorkspace, shown as shownPath } from '../app/workspace.js';
import { launcher, quotePath } from '../format/command.js';
import { outputPath, writeOutput } from '../app/output.js';
import { parseYear, targetItems, targetValue } from '../app/options.js';
import { limitText, measureText, rateText } from '../format/number.js';
import { quarterName } from '../format/words.js';

export function registerPlan(program: Command, ctx: CommandContext): void {
  const plan = describe(
    program.command('plan'),
    '数据库中各年度的方案:列出、查看、导出、载入(或替换),以及由上一年方案建立新一年的方案',
    `  ${launcher()} plan list\n` +
      `  ${launcher()} plan new 2022 --set 城镇新增就业=1600 城镇登记失业人员再就业=950 就业困难人员再就业=260\n` +
      `  ${launcher()} plan export --year 2022 --out 2022方案.json   # 修改后:\n` +
      `  ${launcher()} plan add 2022方案.json --replace`,
  ).enablePositionalOptions();

  describe(plan.command('list'), '列出数据库中每个年度的方案:来源,单位、指标、任务数,已有报表数')
    .addOption(jsonOption())
    .addOption(dbOption())
    .action((flags: { db?: string; json?: boolean }) => ctx.exit(runPlanList(ctx.io, flags)));

  describe(plan.command('show'), '一个年度方案的区级目标、报送截止规则、预警阈值和数据质量提示阈值', `  ${launcher()} plan show --year 2022`)
    .addOption(yearOption())
    .addOption(jsonOption())
    .addOption(pagerOption())
    .addOption(dbOption())
    .action((flags: { db?: string; year?: string; json?: boolean }) => ctx.exit(runPlanShow(ctx.io, flags)));

  describe(plan.command('export'), `把一个年度的方案写成方案文件(JSON,格式同 ${launcher()} init --plan 读入的文件),可修改后用 plan add 读回`, `  ${launcher()} plan export --year 2021 --out 2021方案.json`)
    .addOption(yearOption())
    .option('--out <文件.json>', '写到这个文件(不写则输出到屏幕)')
    .option('--force', '--out 的文件已存在时覆盖')
    .addOption(dbOption())
    .action((flags: { db?: string; year?: string; out?: string; force?: boolean }) => ctx.exit(runPlanExport(ctx.io, flags)));

  describe(
    plan.command('add').argument('<方案文件>'),
    '载入一个年度的方案(先做与 init 相同的结构检查);该年度已有方案时加 --replace 替换',
    `  ${launcher()} plan add 三元区2022.json\n  ${launcher()} plan add 2021方案-改.json --replace   # 年中修改目标、阈值或考核办法`,
  )
    .option('--replace', '替换该年度已有的方案:该年度没有报表时,或新方案保留了已有报表用到的全部单位、指标项目和任务时才允许;原方案存入历史')
    .option('--yes', '载入的年度与已有年度不相连(如已有 2021 年,载入 2023 年)时不询问(不在终端上运行时必须加)')
    .addOption(dbOption())
    .action(async (file: string, flags: AddFlags) => ctx.exit(await runPlanAdd(ctx.io, file, flags)));

  describe(
    plan.command('new').argument('<年份>'),
    '由上一年的方案建立新一年的方案:复制单位、任务、责任分工、指标、阈值和截止规则,设定新的区级目标',
    `  ${launcher()} plan new 2022                          # 在终端逐项填写目标(显示上年目标和上年年末完成数)\n` +
      `  ${launcher()} plan new 2022 --set 城镇新增就业=1600 城镇登记失业人员再就业=950 就业困难人员再就业=260\n` +
      `  ${launcher()} plan new 2022 --keep                   # 沿用上年目标`,
  )
    .option('--from <年份>', '复制哪一年的方案(默认为新年度之前最近的一年)')
    .addOption(variadic(new Option('--set <指标=目标...>', '新的区级目标,可写多项,如 城镇新增就业=1600、城镇登记失业率=3.5')))
    .option('--keep', '没有给出的目标沿用上年的(不在终端提问)')
    .option('--yes', '新年度与已有年度不相连(如已有 2021 年,建立 2023 年)时不询问(不在终端上运行时必须加)')
    .addOption(dbOption())
    .action(async (year: string, flags: NewFlags) => ctx.exit(await runPlanNew(ctx.io, year, flags)));

  describe(
    plan.command('remove').argument('<年份>'),
    '删除一个还没有报表的年度的方案(连同它的分解目标和参考值;节假日安排不动),用于撤销建错的年度;删除前自动备份',
    `  ${launcher()} plan remove 2023   # 把 2022 年误建成了 2023 年时`,
  )
    .addOption(dbOption())
    .action((year: string, flags: { db?: string }) => ctx.exit(runPlanRemove(ctx.io, year, flags)));
}

export function runPlanList(io: Io, flags: { db?: string; json?: boolean }): number {
  const { db } = openWorkspace(io, { db: flags.db, access: 'read' });
  try {
    const plans = planSummaries(db);
    if (plans.length === 0) throw new InputError(`数据库中还没有方案。请运行 ${launcher()} init 载入方案`);
    if (flags.json) writeJson(io, { plans });
    else io.stdout.write(renderPlanList(io, plans));
    return 0;
  } finally {
    db.close();
  }
}

export function runPlanShow(io: Io, flags: { db?: string; year?: string; json?: boolean }): number {
  const { db, plan } = openPlan(io, { db: flags.db, year: parseYear(flags.year), access: 'read', sayYear: true });
  db.close();
  const model = planShowModel(plan);
  if (flags.json) writeJson(io, model);
  else io.stdout.write(renderPlanShow(io, model));
  return 0;
}

export function runPlanExport(io: Io, flags: { db?: string; year?: string; out?: string; force?: boolean }): number {
  const { db, plan } = openPlan(io, { db: flags.db, year: parseYear(flags.year), access: 'read', document: flags.out !== undefined, sayYear: true });
  db.close();
  const text = `${JSON.stringify(planToFile(plan), null, 2)}\n`;
  if (flags.out === undefined) {
    io.stdout.write(text);
    return 0;
  }
  const path = outputPath(io, { given: flags.out, name: `${plan.district}${plan.year}年方案.json`, flag: '--out', force: Boolean(flags.force) });
  // Written beside and renamed into place: never a half-written plan file.
  writeOutput(path, text);
  const typed = quotePath(shownPath(io, path), io.platform ?? process.platform);
  io.stderr.write(`已写出 ${plan.year} 年方案 ${shownPath(io, path)}。修改后用 ${launcher()} plan add ${typed} --replace 读回\n`);
  return 0;
}

interface AddFlags {
  db?: string;
  replace?: boolean;
  yes?: boolean;
}

export async function runPlanAdd(io: Io, file: string, flags: AddFlags): Promise<number> {
  const path = userPath(io, file);
  const plan = loadPlanFile(path);
  const ws = openWorkspace(io, { db: flags.db, access: 'write' });
  const db = ws.db;
  const e = paintErr(io);
  try {
    const years = planYears(db);
    if (years.length === 0) throw new InputError(`数据库中还没有方案。请先运行 ${launcher()} init(或 ${launcher()} init --plan 方案文件)`);
    if (!years.includes(plan.year)) {
      await confirmGap(io, years, plan.year, Boolean(flags.yes), `${launcher()} plan add ${file}`);
      savePlan(db, plan, path, io.now());
      io.stderr.write(`已载入 ${plan.year} 年方案:${plan.title}(${plan.district}),${counts(plan)}\n`);
      const before = [...years].reverse().find((y) => y < plan.year);
      if (before !== undefined) io.stderr.write(changesText(io, planChanges(readPlan(db, before), plan), `与 ${before} 年方案相比`));
      io.stderr.write(nextSteps(plan.year));
      return 0;
    }
    if (!flags.replace) {
      throw new InputError(`数据库中已有 ${plan.year} 年的方案,未做改动。如要替换,请加 --replace(该年度已有报表时,新方案须保留报表用到的全部单位、指标项目和任务)`);
    }
    refuseFrozen(db, plan.year, '替换方案');
    const old = readPlan(db, plan.year);
    const orphans = orphanedBy(plan, usedByReturns(db, plan.year), old);
    if (orphans.length > 0) {
      const shown = orphans.slice(0, 20).map((o) => `  - ${o}`);
      if (orphans.length > 20) shown.push(`  … 另有 ${orphans.length - 20} 处`);
      throw new InputError(`新方案去掉了 ${plan.year} 年已有报表用到的内容,替换后这些数字将无所归属,未做改动:\n${shown.join('\n')}\n请在新方案中保留它们(可以改名称、目标和阈值,不要删除或改代码)`);
    }
    const saved = ws.backup(`替换${plan.year}年方案前`);
    const dropped = replacePlan(db, plan, path, io.now());
    io.stderr.write(`替换前已备份数据库:${shownPath(io, saved)}\n`);
    io.stderr.write(`已替换 ${plan.year} 年方案(原方案已存入历史):${counts(plan)}\n`);
    io.stderr.write(changesText(io, planChanges(old, plan), '与原方案相比'));
    if (dropped.droppedAllocations.length > 0) io.stderr.write(e.yellow(`注意:新方案中已没有的单位或指标的分解目标已删除:${droppedText(old, dropped.droppedAllocations)}\n`));
    if (dropped.droppedReferences > 0) io.stderr.write(e.yellow(`注意:新方案中已不是比较型的指标的 ${dropped.droppedReferences} 项参考值已删除\n`));
    return 0;
  } finally {
    db.close();
  }
}

/** What changed, per kind, with the warning each kind needs; one line when nothing did. */
function changesText(io: Io, changes: PlanChange[], against: string): string {
  if (changes.length === 0) return `${against}没有变化\n`;
  const e = paintErr(io);
  const out = [`${against}的变化:`];
  for (const c of changes) {
    out.push(`  ${c.heading}:`);
    out.push(...c.lines.map((l) => `    ${l}`));
    if (c.warning) out.push(e.yellow(`    注意:${c.warning}`));
  }
  return `${out.join('\n')}\n`;
}

/** 洋溪镇(城镇新增就业 200 人、就业困难人员再就业 30 人): the allocations a replacement dropped, by unit. */
function droppedText(old: Plan, dropped: Allocation[]): string {
  const units = [...new Set(dropped.map((a) => a.unit))];
  return units
    .map((u) => {
      const items = dropped.filter((a) => a.unit === u).map((a) => {
        const i = old.indicators.find((x) => x.code === a.indicator);
        return i ? `${i.name} ${measureText(a.value, i.measure)}` : `${a.indicator} ${a.value}`;
      });
      return `${unitName(old, u)}(${items.join('、')})`;
    })
    .join(';');
}

/**
 * A year that leaves a gap (2023 beside 2021, with no 2022) is most often a typo: asked on a terminal,
 * and off one it needs --yes. A year next to an existing one, or filling a gap, goes ahead.
 */
async function confirmGap(io: Io, years: number[], year: number, yes: boolean, again: string): Promise<void> {
  const before = [...years].reverse().find((y) => y < year);
  const after = years.find((y) => y > year);
  const gap = before !== undefined ? (year - before > 1 ? before : undefined) : after !== undefined && after - year > 1 ? after : undefined;
  if (gap === undefined || yes) return;
  const missing = gap < year ? `${gap + 1}${year - gap > 2 ? `–${year - 1}` : ''}` : `${year + 1}${gap - year > 2 ? `–${gap - 1}` : ''}`;
  const question = `数据库中有 ${years.join('、')} 年的方案,没有 ${missing} 年的;确要${gap < year ? '跳过' : '空出'} ${missing} 年,建立 ${year} 年的方案吗?`;
  const hint = gap < year && year - gap === 2 ? `如是要建立 ${gap + 1} 年的方案,请改用 ${gap + 1}` : '';
  if (io.stdinTty && io.stderrTty && io.prompt) {
    if (await io.prompt.confirm(question, false)) return;
    throw new InputError(`已取消,未做改动${hint ? `。${hint}` : ''}`);
  }
  throw new InputError(`${question.slice(0, -2)}:不在终端上运行时,请确认后加 --yes(${again} --yes)${hint ? `。${hint}` : ''}`);
}

/** jiuye plan remove YEAR: undoes a year made by mistake, while it holds no returns. */
export function runPlanRemove(io: Io, yearText: string, flags: { db?: string }): number {
  const year = parseYear(yearText, '年份')!;
  const ws = openWorkspace(io, { db: flags.db, access: 'write' });
  const db = ws.db;
  try {
    const years = planYears(db);
    if (!years.includes(year)) throw new InputError(`数据库中没有 ${year} 年的方案(已有:${years.join('、') || '无'} 年),未做改动`);
    if (years.length === 1) throw new InputError(`${year} 年是数据库中唯一的方案,不能删除。如要换一个方案,请用 ${launcher()} plan add 方案文件 --replace`);
    refuseFrozen(db, year, '删除该年度的方案');
    const returns = planSummaries(db).find((p) => p.year === year)?.returns ?? 0;
    if (returns > 0) throw new InputError(`${year} 年已有 ${returns} 份报表,不能删除该年度的方案,未做改动。如是方案有误,请改好后用 ${launcher()} plan add 方案文件 --replace 替换`);
    const saved = ws.backup(`删除${year}年方案前`);
    const removed = removePlan(db, year);
    io.stderr.write(`删除前已备份数据库:${shownPath(io, saved)}\n`);
    const also = [removed.allocations > 0 ? `${removed.allocations} 项分解目标` : '', removed.references > 0 ? `${removed.references} 项参考值` : '', removed.replaced > 0 ? `${removed.replaced} 个被替换过的旧版本` : '']
      .filter(Boolean)
      .join('、');
    io.stderr.write(`已删除 ${year} 年方案${also ? `(连同${also})` : ''};节假日安排未动\n`);
    io.stderr.write(`数据库中现有 ${years.filter((y) => y !== year).join('、')} 年的方案。如删错了,可用 ${launcher()} restore ${shownPath(io, saved)} 恢复\n`);
    return 0;
  } finally {
    db.close();
  }
}

interface NewFlags {
  db?: string;
  from?: string;
  set?: string[];
  keep?: boolean;
  yes?: boolean;
}

export async function runPlanNew(io: Io, yearText: string, flags: NewFlags): Promise<number> {
  const year = parseYear(yearText, '年份')!;
  const from = parseYear(flags.from, '--from');
  const { db } = openWorkspace(io, { db: flags.db, access: 'write' });
  try {
    const years = planYears(db);
    if (years.length === 0) throw new InputError(`数据库中还没有方案。请先运行 ${launcher()} init`);
    if (years.includes(year)) throw new InputError(`数据库中已有 ${year} 年的方案(${launcher()} plan show --year ${year} 查看)`);
    const source = from ?? [...years].reverse().find((y) => y < year);
    if (source === undefined) throw new UsageError(`数据库中没有 ${year} 年之前的方案可以复制(已有:${years.join('、')} 年)。请用 --from 指定`);
    if (!years.includes(source)) throw new UsageError(`--from ${source}:数据库中没有该年度的方案(已有:${years.join('、')} 年)`);
    await confirmGap(io, years, year, Boolean(flags.yes), `${launcher()} plan new ${year}`);
    const old = readPlan(db, source);
    const given = flags.set ? targetItems(old, flags.set) : new Map<string, number>();
    const counted = settableTargets(old).filter((i) => i.kind === 'count');
    let targets = given;
    if (!flags.keep && io.stdinTty && io.stderrTty && io.prompt) {
      targets = await askTargets(io, db, old, given);
    } else if (!flags.keep) {
      const missing = counted.filter((i) => !given.has(i.code));
      if (missing.length > 0) {
        throw new UsageError(
          `没有终端可以逐项提问。请用 --set 给出每项累计型目标(还缺:${missing.map((i) => i.name).join('、')}),如 --set ${missing.map((i) => `${i.name}=${i.target?.value}`).join(' ')};或加 --keep 沿用 ${source} 年的目标`,
        );
      }
    }
    const plan = nextYearPlan(old, year, targets);
    savePlan(db, plan, `jiuye plan new ${year} --from ${source}`, io.now());
    const changes = planChanges(old, plan);
    io.stderr.write(
      `已由 ${source} 年方案建立 ${year} 年方案(${plan.id}):复制了 ${counts(plan)}、责任分工、预警阈值、数据质量提示阈值、考核办法和报送截止规则` +
        `(${plan.deadline.rule})\n`,
    );
    if (!changes.some((c) => c.kind === 'targets')) io.stderr.write(`区级目标沿用 ${source} 年的\n`);
    if (changes.length > 0) io.stderr.write(changesText(io, changes, `与 ${source} 年方案相比`));
    if (changes.some((c) => c.kind === 'title')) io.stderr.write(`名称中的年份已改为 ${year} 年;如名称另有改动,请用 ${launcher()} plan export --year ${year} 导出修改后 plan add --replace\n`);
    const entered = plan.indicators.filter((i) => i.target?.from === 'entered');
    if (entered.length > 0) io.stderr.write(`${entered.map((i) => `${i.name}(不低于${i.target?.reference})`).join('、')}的参考值每年由经办人录入:${launcher()} targets reference --year ${year} …\n`);
    io.stderr.write(nextSteps(year));
    return 0;
  } finally {
    db.close();
  }
}

/** Asks each count and rate target on the terminal, showing last year's target and year-end figure. */
async function askTargets(io: Io, db: Db, old: Plan, given: Map<string, number>): Promise<Map<string, number>> {
  const prompt = io.prompt!;
  const e = paintErr(io);
  const actual = yearEndFigures(db, old);
  const out = new Map(given);
  io.stderr.write(`${e.bold(`设定新一年的区级目标`)}(直接回车沿用 ${old.year} 年的目标)\n`);
  for (const i of settableTargets(old)) {
    if (given.has(i.code)) continue;
    const was = i.target!.value!;
    const a = actual.get(i.code);
    const shown = a ? `,${old.year} 年${a.label} ${i.kind === 'rate' ? rateText(a.value) : measureText(a.value, i.measure)}` : `,${old.year} 年没有完成数`;
    io.stderr.write(`  ${i.name}:${old.year} 年目标 ${i.kind === 'rate' ? limitText(i.target!.op, was, '%') : measureText(was, i.measure)}${shown}\n`);
    const answer = await prompt.input(`${i.name}的新目标${i.kind === 'rate' ? '(%)' : `(${i.measure})`}`, {
      default: String(was),
      validate: (v) => {
        const typed = targetValue(i, v);
        return typed.ok || `请填写${typed.expected.trim()}`;
      },
    });
    const typed = targetValue(i, answer);
    if (typed.ok) out.set(i.code, typed.value);
  }
  return out;
}

/** Last year's district figures at its latest quarter with data (the year end when Q4 is in), from the same check as `jiuye check`. */
function yearEndFigures(db: Db, plan: Plan): Map<string, { value: number; label: string }> {
  const q = latestQuarter(db, plan.year);
  const out = new Map<string, { value: number; label: string }>();
  if (q === null) return out;
  const label = q === 4 ? '年末完成' : `至${quarterName(q)}完成`;
  for (const i of districtCheck(readProgressInput(db, plan, { year: plan.year, quarter: q as Quarter })).indicators) {
    const v = i.kind === 'count' ? i.ytd : i.kind === 'rate' ? i.quarterValue : null;
    if (v !== null) out.set(i.indicator, { value: v, label });
  }
  return out;
}

function counts(plan: Plan): string {
  const areas = plan.units.filter((u) => u.kind === 'area').length;
  return `${plan.units.length} 个单位(镇街 ${areas} 个、部门 ${plan.units.length - areas} 个)、${plan.indicators.length} 项指标、${plan.tasks.length} 项任务`;
}

function nextSteps(year: number): string {
  return (
    `下一步:\n` +
    `  ${launcher()} targets allocate --year ${year}          把目标分解到镇街\n` +
    `  ${launcher()} calendar --year ${year}                  核对该年的节假日和报送截止日期(新的安排用 ${launcher()} calendar add 存入)\n` +
    `  ${launcher()} template --quarter ${year}Q1 --all       生成第一季度的报表\n`
  );
}

