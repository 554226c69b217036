// An import batch: read every file, decide what each one is (a return, a copy, something else), then
// write each good return in its own transaction, with the data-quality hints against what is stored.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Io } from '../../io.js';
import { InputError } from '../../errors.js';
import type { Finding } from '../../domain/finding.js';
import { figureBook, type FigureBook } from '../../domain/figures.js';
import { formatPeriod, type Period } from '../../domain/period.js';
import { unitName, type Plan } from '../../domain/plan/model.js';
import { describeItem, type Change, type ReturnRecord } from '../../domain/return.js';
import { qualityHints } from '../../domain/rules.js';
import type { Db } from '../../store/db.js';
import { compareReturn, isLocked, readReturns, saveReturn } from '../../store/returns.js';
import { progressBar } from '../../render/progress-bar.js';
import type { ImportFile, ImportProblem } from './files.js';
import { launcher } from '../../format/command.js';
import { databaseTrouble } from '../trouble.js';

export type ImportAction =
  | 'new'
  | 'unchanged'
  | 'replaced'
  /** A revision not replaced without --replace: the clerk must decide (counts as refused). */
  | 'held'
  /** A revision the clerk answered 否 to at the prompt. */
  | 'kept'
  | 'refused'
  /** Byte for byte the same as another file of the batch: imported once. */
  | 'duplicate'
  /** Not a return (no unit or period), or Excel's lock file. */
  | 'skipped'
  | 'would-add'
  | 'would-change';

export interface FileOutcome {
  file: string;
  unit: string | null;
  unitName: string | null;
  period: string | null;
  action: ImportAction;
  identicalFile?: boolean;
  /** The other file of the batch this one is a copy of. */
  sameAs?: string;
  /** What a skipped file was: not a return, or Excel's lock file. */
  skippedAs?: 'not-a-return' | 'owner-file';
  /** Why a file was skipped. */
  reason?: string;
  /** Figures written (or, in a dry run, that would be written). */
  values: number;
  changes: (Change & { label: string })[];
  /** The changes were already shown at the revision prompt. */
  changesShown?: boolean;
  problems: ImportProblem[];
  warnings: ImportProblem[];
  /** 数据质量提示: figures to confirm with the unit; never a refusal. */
  hints: Finding[];
  /** Sent back as it went out: nothing filled in (its problems are every empty cell). */
  blank?: boolean;
  /** For another quarter than the batch's (its one problem says which). */
  otherPeriod?: boolean;
}

export interface BatchOptions {
  planFor(year: number): Plan | undefined;
  years: number[];
  /** The quarter the batch expects: --quarter, or the one being collected on the receipt date. */
  period: Period;
  /** The quarter came from --quarter. */
  periodGiven: boolean;
  receivedOn: string;
  dryRun: boolean;
  replace: boolean;
  /** Ask about each revision through io.prompt (a terminal on both ends, without --replace). */
  ask: boolean;
  /** Workbooks that are not returns fail the batch. */
  strict: boolean;
  /** Called before the first revision replaces stored figures (the database is backed up there). */
  beforeReplace?: () => void;
}

/** Reads, decides and (unless a dry run) writes a batch; every file gets one outcome, in the order given. */
export async function importBatch(io: Io, db: Db, files: ImportFile[], opts: BatchOptions): Promise<FileOutcome[]> {
  const { readWorkbookFiles } = await import('../../excel/workbook-file.js');
  const { readReturnForm } = await import('../../excel/return-form/index.js');
  const bar = progressBar(io, files.length, opts.dryRun ? '检查' : '读取');

  // 1. Read every file (no database writes yet), one after another in this thread.
  const read = files.map((file) => ({
    file,
    hash: '',
    record: undefined as ReturnRecord | undefined,
    outcome: {
      file: file.display,
      unit: null,
      unitName: null,
      period: null,
      action: file.skip ? 'skipped' : 'refused',
      ...(file.skip ? { reason: file.skip, skippedAs: 'owner-file' } : {}),
      values: 0,
      changes: [],
      problems: file.problem ? [file.problem] : [],
      warnings: [],
      hints: [],
    } as FileOutcome,
  }));
  const readable = read.filter((r) => !r.file.problem && !r.file.skip);
  await readWorkbookFiles(
    readable.map((r) => r.file.path),
    (parsed, i) => {
      const r = readable[i];
      const o = r.outcome;
      r.hash = parsed.hash;
      if (parsed.problem) o.problems.push(parsed.problem);
      else {
        const form = readReturnForm(parsed.sheets!, { planFor: opts.planFor, years: opts.years, period: opts.period, periodGiven: opts.periodGiven });
        if (form.notAReturn) {
          o.reason = form.problems[0]?.message ?? '不是季度报表';
          if (opts.strict) o.problems.push({ message: `不是季度报表:${o.reason}`, fix: '请把不是报表的文件移出文件夹,或去掉 --strict' });
          else {
            o.action = 'skipped';
            o.skippedAs = 'not-a-return';
          }
        } else {
          o.problems.push(...form.problems);
          o.warnings.push(...form.warnings);
          if (form.blank) o.blank = true;
          if (form.otherPeriod) o.otherPeriod = true;
        }
        if (form.unit) {
          o.unit = form.unit;
          o.unitName = unitName(opts.planFor(form.period!.year)!, form.unit);
        }
        if (form.period) o.period = formatPeriod(form.period);
        r.record = form.record;
      }
      bar.tick(r.file.display);
    },
  );
  bar.done();

  // 2. The same file twice (a copy downloaded again): import it once.
  const firstWith = new Map<string, (typeof read)[number]>();
  for (const r of read) {
    if (!r.hash || r.outcome.action === 'skipped') continue;
    const first = firstWith.get(r.hash);
    if (!first) {
      firstWith.set(r.hash, r);
      continue;
    }
    r.outcome.action = 'duplicate';
    r.outcome.sameAs = first.file.display;
    r.outcome.problems = [];
    r.outcome.warnings = [];
    r.record = undefined;
  }

  // 3. Two different files for one unit and quarter: neither can be trusted over the other.
  const byKey = new Map<string, typeof read>();
  for (const r of read) {
    if (!r.outcome.unit || !r.outcome.period || r.outcome.action === 'duplicate') continue;
    const key = `${r.outcome.unit}@${r.outcome.period}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const r of group) {
      const others = group.filter((x) => x !== r).map((x) => x.file.display);
      r.outcome.problems.push({
        message: `同一批中还有 ${others.join('、')} 也是${r.outcome.unitName} ${r.outcome.period} 的报表,内容不同,无法判断以哪份为准`,
        fix: '请只保留正确的一份后重新导入',
      });
      r.record = undefined;
    }
  }

  // 4. Write each good file in its own transaction (or, in a dry run, compare only).
  const history = historyBooks(db);
  for (const r of read) {
    const o = r.outcome;
    if (!r.record || o.problems.length > 0) continue;
    const plan = opts.planFor(r.record.period.year)!;
    if (isLocked(db, r.record.period)) {
      o.problems.push({ message: `${o.period} 已锁定,不再接受导入`, fix: `如确需修改,请先运行 ${launcher()} unlock ${o.period}` });
      continue;
    }
    const label = (c: Change) => ({ ...c, label: describeItem(plan, c.item) });
    const hints = () => qualityHints(plan, [r.record!], history(r.record!.period.year));
    if (opts.dryRun) {
      const { outcome } = compareReturn(db, r.record, r.hash);
      if (outcome.action === 'unchanged') {
        o.action = 'unchanged';
        o.identicalFile = outcome.identicalFile;
      } else {
        o.changes = outcome.changes.map(label);
        o.values = r.record.figures.length;
        o.action = outcome.action === 'new' ? 'would-add' : 'would-change';
        o.hints = hints();
      }
      continue;
    }
    const source = { fileName: r.file.display, fileHash: r.hash, receivedOn: opts.receivedOn, bytes: original(r.file.path, r.hash) };
    const replacing = () => compareReturn(db, r.record!, r.hash).outcome.action === 'revision' && opts.beforeReplace?.();
    try {
      if (opts.replace) replacing();
      let saved = saveReturn(db, r.record, source, { replace: opts.replace }, io.now());
      if (saved.action === 'revision' && !saved.replaced && opts.ask) {
        o.changes = saved.changes.map(label);
        o.changesShown = true;
        io.stderr.write(revisionText(o));
        if (await io.prompt!.confirm('用新文件替换已导入的数据?(旧值保留在历史中)', false)) {
          replacing();
          saved = saveReturn(db, r.record, source, { replace: true }, io.now());
        }
        else {
          o.action = 'kept';
          continue;
        }
      }
      if (saved.action === 'new') {
        o.action = 'new';
        o.values = r.record.figures.length;
        o.hints = hints();
      } else if (saved.action === 'unchanged') {
        o.action = 'unchanged';
        o.identicalFile = saved.identicalFile;
      } else {
        o.changes = saved.changes.map(label);
        o.action = saved.replaced ? 'replaced' : 'held';
        o.values = saved.replaced ? r.record.figures.length : 0;
        if (saved.replaced) o.hints = hints();
        else o.problems.push({ message: `${o.unitName} ${o.period} 已导入过,此文件有 ${saved.changes.length} 处不同,未替换`, fix: '确认新文件是修订版后,加 --replace 重新导入' });
      }
    } catch (e) {
      // The database in trouble (in use too long, disk full, read-only): this file is not written, the batch goes on.
      const trouble = e instanceof InputError ? e : databaseTrouble(e);
      if (!trouble) throw e;
      o.problems.push({ message: trouble.message, fix: '问题解决后重新导入此文件(已导入的不会重复写入)' });
    }
  }
  for (const r of read) {
    const o = r.outcome;
    // A problem is said once, however many ways it was found.
    const seen = new Set<string>();
    o.problems = o.problems.filter((p) => {
      const key = `${p.sheet ?? ''}|${p.cell ?? ''}|${p.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    if (o.problems.length > 0 && o.action !== 'held') o.action = 'refused';
  }
  return read.map((r) => r.outcome);
}

/**
 * The figures stored before a batch, by year: that year's and the year before (the hints look back
 * across the turn of the year). Read once per year for the whole batch.
 */
function historyBooks(db: Db): (year: number) => FigureBook {
  const books = new Map<number, FigureBook>();
  return (year) => {
    let book = books.get(year);
    if (!book) books.set(year, (book = figureBook([...readReturns(db, year - 1), ...readReturns(db, year)])));
    return book;
  };
}

/** The changes of a revision, said once: at the prompt, or in the batch's report. */
export function revisionText(o: FileOutcome): string {
  const lines = o.changes.slice(0, 15).map((c) => `  ${c.label}:${c.old ?? '(空)'} → ${c.new ?? '(空)'}`);
  if (o.changes.length > 15) lines.push(`  … 另有 ${o.changes.length - 15} 处`);
  return `\n${o.unitName} ${o.period} 已导入过,新文件(${o.file})有 ${o.changes.length} 处不同:\n${lines.join('\n')}\n`;
}

/**
 * The file's bytes for the database to keep, read again at the moment it is stored: kept only when they
 * are still the bytes that were read and checked (a file changed in between is not stored as the original).
 */
function original(path: string, hash: string): Buffer | undefined {
  try {
    const bytes = readFileSync(path);
    return createHash('sha256').update(bytes).digest('hex') === hash ? bytes : undefined;
  } catch {
    return undefined;
  }
}
