// jiuye import: reads returns into the database, each file whole or not at all.
import { readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { formatPeriod, periodOption, type Period } from '../domain/period.js';
import { unitName, type Plan } from '../domain/plan.js';
import { describeItem, type Change, type ReturnRecord } from '../domain/return.js';
import { localDate, parseDate } from '../domain/dates.js';
import { readPlan, planYears } from '../store/plan.js';
import { compareReturn, isLocked, saveReturn } from '../store/returns.js';
import { openDb, type Db } from '../store/db.js';
import { renderTable } from '../render/table.js';
import { progressBar } from '../render/progress-bar.js';
import { paint, writeJson } from '../render/text.js';
import { type CommandContext, dbOption, dbPath, describe, jsonOption, userPath } from './common.js';

interface ImportFlags {
  db?: string;
  dryRun?: boolean;
  received?: string;
  replace?: boolean;
  yes?: boolean;
  json?: boolean;
  quarter?: string;
}

interface Problem {
  sheet?: string;
  cell?: string;
  message: string;
  fix: string;
}

export type ImportAction = 'new' | 'unchanged' | 'replaced' | 'held' | 'refused' | 'would-add' | 'would-change';

export interface FileOutcome {
  file: string;
  unit: string | null;
  unitName: string | null;
  period: string | null;
  action: ImportAction;
  identicalFile?: boolean;
  /** Figures written (or, in a dry run, that would be written). */
  values: number;
  changes: (Change & { label: string })[];
  problems: Problem[];
  warnings: Problem[];
}

const ACCEPTED = new Set(['.xlsx', '.xlsm', '.xls', '.et', '.csv', '.htm', '.html']);

export function registerImport(program: Command, ctx: CommandContext): void {
  describe(
    program.command('import'),
    '导入收回的季度报表(可给多个文件或文件夹);每个文件整体写入或整体拒绝',
    '  jiuye import 收到的报表/\n  jiuye import 列东街道-2021Q3-就业工作季度报表.xlsx --received 2021-10-09\n  jiuye import 收到的报表/ --dry-run        # 只看会改动什么,不写入\n  jiuye import 修订/列东街道.xlsx --replace  # 用修订版替换已导入的数据',
  )
    .argument('<文件或文件夹...>', '报表文件(.xlsx)或存放报表的文件夹')
    .option('--dry-run', '只检查并列出将新增、修改、不变的数值,不写入数据库')
    .option('--received <日期>', '收到报表的日期(默认今天),用于判断是否逾期')
    .option('--quarter <季度>', '只接受该季度的报表,如 2021Q3(报表中的期间须一致)')
    .option('--replace', '已导入过的单位和季度,用新文件替换(旧值保留在历史中)')
    .option('--yes', '对所有询问回答“是”(包括替换修订版)')
    .addOption(jsonOption())
    .addOption(dbOption())
    .action(async (paths: string[], flags: ImportFlags) => ctx.exit(await runImport(ctx.io, paths, flags)));
}

export async function runImport(io: Io, paths: string[], flags: ImportFlags): Promise<number> {
  const today = localDate(io.now());
  let receivedOn = today;
  if (flags.received !== undefined) {
    const d = parseDate(flags.received);
    if (!d) throw new UsageError(`--received 的取值“${flags.received}”不是日期,应写作 2021-10-09`);
    if (d > today) throw new UsageError(`--received ${d} 晚于今天(${today})`);
    receivedOn = d;
  }
  const period = flags.quarter !== undefined ? periodOption(flags.quarter) : undefined;
  const db = openDb(dbPath(io, flags.db), { onUpgrade: (m) => io.stderr.write(m) });
  try {
    const years = planYears(db);
    if (years.length === 0) throw new InputError('数据库中还没有方案。请运行 jiuye init 载入方案');
    const plans = new Map<number, Plan>();
    const planFor = (year: number) => {
      if (!years.includes(year)) return undefined;
      if (!plans.has(year)) plans.set(year, readPlan(db, year));
      return plans.get(year);
    };
    const outcomes = await importFiles(io, db, listFiles(io, paths), { planFor, years, period, receivedOn, ...flags });
    report(io, outcomes, flags);
    return outcomes.some((o) => o.action === 'refused' || o.action === 'held') ? 1 : 0;
  } finally {
    db.close();
  }
}

interface Target {
  path: string;
  display: string;
  problem?: Problem;
}

/** Files as given, and the return-like files inside given folders (not Excel's ~$ lock files). */
function listFiles(io: Io, paths: string[]): Target[] {
  const out: Target[] = [];
  const display = (p: string) => {
    const r = relative(io.cwd, p);
    return r && !r.startsWith('..') ? r : p;
  };
  for (const given of paths) {
    const path = userPath(io, given);
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // a missing path is reported when it is read
    }
    if (!isDir) {
      out.push({ path, display: display(path) });
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(path);
    } catch (e) {
      const denied = ['EACCES', 'EPERM'].includes((e as NodeJS.ErrnoException).code ?? '');
      out.push({ path, display: display(path), problem: { message: denied ? '没有读取这个文件夹的权限' : `无法读取文件夹(${(e as Error).message})`, fix: '请检查文件夹权限,或把报表复制到自己的文件夹后再导入' } });
      continue;
    }
    names = names.filter((n) => !n.startsWith('~$') && !n.startsWith('.') && ACCEPTED.has(extname(n).toLowerCase())).sort((a, b) => a.localeCompare(b, 'zh-CN'));
    if (names.length === 0) {
      // A folder named like a return (an unzipped .xlsx, say) was most likely meant as a file.
      const problem = ACCEPTED.has(extname(path).toLowerCase())
        ? { message: '这是一个文件夹(名字像报表文件),不是报表文件,其中也没有 .xlsx 文件', fix: '请指定报表文件本身;如果这是解压出来的文件夹,请改用原来的 .xlsx 文件' }
        : { message: '文件夹中没有 .xlsx 文件', fix: '请检查文件夹是否正确' };
      out.push({ path, display: display(path), problem });
    }
    for (const n of names) out.push({ path: join(path, n), display: display(join(path, n)) });
  }
  return out;
}

interface BatchOptions extends ImportFlags {
  planFor(year: number): Plan | undefined;
  years: number[];
  period?: Period;
  receivedOn: string;
}

async function importFiles(io: Io, db: Db, targets: Target[], opts: BatchOptions): Promise<FileOutcome[]> {
  const { readWorkbookFiles } = await import('../excel/parse-pool.js');
  const { readReturnForm } = await import('../excel/return-form.js');
  const bar = progressBar(io, targets.length, opts.dryRun ? '检查' : '读取');

  // 1. Read every file (no database writes yet); files are parsed on every core.
  const read: { target: Target; hash: string; record?: ReturnRecord; outcome: FileOutcome }[] = targets.map((target) => ({
    target,
    hash: '',
    outcome: { file: target.display, unit: null, unitName: null, period: null, action: 'refused', values: 0, changes: [], problems: target.problem ? [target.problem] : [], warnings: [] },
  }));
  const readable = read.filter((r) => !r.target.problem);
  await readWorkbookFiles(
    readable.map((r) => r.target.path),
    (file, i) => {
      const r = readable[i];
      const outcome = r.outcome;
      r.hash = file.hash;
      if (file.problem) outcome.problems.push(file.problem);
      else {
        const form = readReturnForm(file.sheets!, { planFor: opts.planFor, years: opts.years, period: opts.period });
        outcome.problems.push(...form.problems);
        outcome.warnings.push(...form.warnings);
        if (form.unit) {
          outcome.unit = form.unit;
          outcome.unitName = unitName(opts.planFor(form.period!.year)!, form.unit);
        }
        if (form.period) outcome.period = formatPeriod(form.period);
        r.record = form.record;
      }
      bar.tick(r.target.display);
    },
  );
  bar.done();

  // 2. Two files for one unit and quarter in one batch: neither can be trusted over the other.
  const byKey = new Map<string, typeof read>();
  for (const r of read) {
    if (!r.outcome.unit || !r.outcome.period) continue;
    const key = `${r.outcome.unit}@${r.outcome.period}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const r of group) {
      const others = group.filter((x) => x !== r).map((x) => x.target.display);
      r.outcome.problems.push({
        message: `同一批中还有 ${others.join('、')} 也是${r.outcome.unitName} ${r.outcome.period} 的报表,无法判断以哪份为准`,
        fix: '请只保留正确的一份后重新导入',
      });
      r.record = undefined;
    }
  }

  // 3. Write each good file in its own transaction (or, in a dry run, compare only).
  for (const r of read) {
    const o = r.outcome;
    if (!r.record || o.problems.length > 0) continue;
    const plan = opts.planFor(r.record.period.year)!;
    if (isLocked(db, r.record.period)) {
      o.problems.push({ message: `${o.period} 已锁定,不再接受导入`, fix: `如确需修改,请先运行 jiuye unlock ${o.period}` });
      continue;
    }
    const label = (c: Change) => ({ ...c, label: describeItem(plan, c.item) });
    if (opts.dryRun) {
      const { outcome } = compareReturn(db, r.record, r.hash);
      if (outcome.action === 'unchanged') {
        o.action = 'unchanged';
        o.identicalFile = outcome.identicalFile;
        if (!outcome.identicalFile) o.values = r.record.figures.length;
      } else {
        o.changes = outcome.changes.map(label);
        o.values = r.record.figures.length;
        o.action = outcome.action === 'new' ? 'would-add' : 'would-change';
      }
      continue;
    }
    const source = { fileName: r.target.display, fileHash: r.hash, receivedOn: opts.receivedOn };
    try {
      let saved = saveReturn(db, r.record, source, { replace: Boolean(opts.replace || opts.yes) }, io.now());
      if (saved.action === 'revision' && !saved.replaced && io.stdinTty && io.stderrTty) {
        if (await confirmReplace(io, plan, r.record, saved.changes.map(label))) saved = saveReturn(db, r.record, source, { replace: true }, io.now());
      }
      if (saved.action === 'new') {
        o.action = 'new';
        o.values = r.record.figures.length;
      } else if (saved.action === 'unchanged') {
        o.action = 'unchanged';
        o.identicalFile = saved.identicalFile;
      } else {
        o.changes = saved.changes.map(label);
        o.action = saved.replaced ? 'replaced' : 'held';
        o.values = saved.replaced ? r.record.figures.length : 0;
        if (!saved.replaced) {
          o.problems.push({ message: `${o.unitName} ${o.period} 已导入过,此文件有 ${saved.changes.length} 处不同,未替换`, fix: '确认新文件是修订版后,加 --replace 重新导入' });
        }
      }
    } catch (e) {
      if (!(e instanceof InputError) && (e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
      o.problems.push({ message: e instanceof InputError ? e.message : '数据库正被其他程序长时间占用,未写入', fix: '稍后重新导入此文件' });
    }
  }
  for (const r of read) if (r.outcome.problems.length > 0 && r.outcome.action !== 'held') r.outcome.action = 'refused';
  return read.map((r) => r.outcome);
}

async function confirmReplace(io: Io, plan: Plan, record: ReturnRecord, changes: (Change & { label: string })[]): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  const unit = unitName(plan, record.unit);
  const lines = changes.slice(0, 15).map((c) => `  ${c.label}:${c.old ?? '(空)'} → ${c.new ?? '(空)'}`);
  if (changes.length > 15) lines.push(`  … 另有 ${changes.length - 15} 处`);
  io.stderr.write(`\n${unit} ${formatPeriod(record.period)} 已导入过,新文件有 ${changes.length} 处不同:\n${lines.join('\n')}\n`);
  return confirm({ message: '用新文件替换已导入的数据?(旧值保留在历史中)', default: false }, { input: process.stdin, output: process.stderr });
}

const ACTION_TEXT: Record<ImportAction, string> = {
  new: '已导入',
  unchanged: '无变化',
  replaced: '已替换',
  held: '未替换',
  refused: '拒绝',
  'would-add': '将导入',
  'would-change': '将修改',
};

function report(io: Io, outcomes: FileOutcome[], flags: ImportFlags): void {
  const count = (...actions: ImportAction[]) => outcomes.filter((o) => actions.includes(o.action)).length;
  const summary = {
    files: outcomes.length,
    imported: count('new'),
    replaced: count('replaced'),
    unchanged: count('unchanged'),
    refused: count('refused', 'held'),
    wouldImport: count('would-add'),
    wouldChange: count('would-change'),
    values: outcomes.reduce((s, o) => s + (['new', 'replaced'].includes(o.action) ? o.values : 0), 0),
    warnings: outcomes.reduce((s, o) => s + o.warnings.length, 0),
  };
  if (flags.json) {
    writeJson(io, { dryRun: Boolean(flags.dryRun), files: outcomes, summary });
    return;
  }
  const c = paint(io);
  const colour = (a: ImportAction, text: string) =>
    a === 'refused' || a === 'held' ? c.red(text) : a === 'new' || a === 'replaced' ? c.green(text) : a === 'unchanged' ? c.dim(text) : c.cyan(text);
  const detail = (o: FileOutcome) => {
    if (o.action === 'unchanged') return o.identicalFile ? '与已导入的是同一文件' : '内容与已导入的相同';
    if (o.action === 'new' || o.action === 'would-add') return `${o.values} 个数值`;
    if (o.action === 'replaced' || o.action === 'would-change' || o.action === 'held') return `${o.changes.length} 处改动`;
    return `${o.problems.length} 个问题`;
  };
  const rows = outcomes.map((o, i) => [String(i + 1), o.file, o.unitName ?? '—', o.period ?? '—', colour(o.action, ACTION_TEXT[o.action]), detail(o)]);
  const out: string[] = [renderTable([{ header: '序号', align: 'right' }, { header: '文件', wrap: 44 }, { header: '单位' }, { header: '期间' }, { header: '结果' }, { header: '说明' }], rows, c)];

  const changed = outcomes.filter((o) => o.changes.length > 0 && o.action !== 'would-add');
  if (changed.length > 0) {
    out.push(c.bold(flags.dryRun ? '将修改的数值:' : '改动:'));
    for (const o of changed) {
      out.push(`  ${o.unitName} ${o.period}(${o.file})`);
      for (const ch of o.changes) out.push(`    ${ch.label}:${ch.old ?? '(空)'} → ${ch.new ?? '(空)'}`);
    }
  }
  const line = (o: FileOutcome, p: Problem) => [o.file, p.cell ? `${p.sheet}!${p.cell}` : p.sheet, p.message, p.fix].filter(Boolean).join(' · ');
  const withProblems = outcomes.filter((o) => o.problems.length > 0);
  if (withProblems.length > 0) {
    out.push(c.bold(c.red('问题(文件 · 工作表!单元格 · 问题 · 如何改正):')));
    for (const o of withProblems) for (const p of o.problems) out.push(`  ${c.red('✗')} ${line(o, p)}`);
  }
  const withWarnings = outcomes.filter((o) => o.warnings.length > 0);
  if (withWarnings.length > 0) {
    out.push(c.bold(c.yellow('提示:')));
    for (const o of withWarnings) for (const p of o.warnings) out.push(`  ${c.yellow('!')} ${line(o, p)}`);
  }
  const parts = flags.dryRun
    ? [`将导入 ${summary.wouldImport}`, `将修改 ${summary.wouldChange}`, `无变化 ${summary.unchanged}`, `有问题 ${summary.refused}`]
    : [`新导入 ${summary.imported}`, `替换 ${summary.replaced}`, `无变化 ${summary.unchanged}`, `拒绝 ${summary.refused}`];
  out.push(
    `${flags.dryRun ? '试导入(未写入数据库)' : '导入完成'}:共 ${summary.files} 个文件,${parts.join(',')}` +
      (flags.dryRun ? '' : `;写入数值 ${summary.values} 个`) +
      `;提示 ${summary.warnings} 条`,
  );
  io.stdout.write(`${out.join('\n')}\n`);
}
