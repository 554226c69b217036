// What an import batch says: the files that need attention (every file with --verbose), each on a line
// of its own under its folder with a few of its problems to pass on to the unit, the data-quality
// hints, and the counts last, all wrapped to the terminal's width.
import { basename, dirname, sep } from 'node:path';
import type { Io } from '../io.js';
import type { FileOutcome, ImportAction } from '../app/import/batch.js';
import type { ImportProblem } from '../app/import/files.js';
import { renderTable } from './table.js';
import { outputWidth } from './terminal.js';
import { keepCommandsWhole, keepWhole, paint, wrapParagraph, writeJson } from './text.js';
import { launcher, quotePath } from '../format/command.js';
import { missingPlanAdvice } from '../domain/plan/next-year.js';

/** Problems listed under a refused file; the rest are counted. */
const FEW_PROBLEMS = 3;

const ACTION_TEXT: Record<ImportAction, string> = {
  new: '已导入',
  unchanged: '无变化',
  replaced: '已替换',
  held: '未替换',
  kept: '未替换(已跳过)',
  refused: '拒绝',
  duplicate: '重复文件',
  skipped: '已跳过',
  'would-add': '将导入',
  'would-change': '将修改',
};

export interface ImportSummary {
  files: number;
  imported: number;
  replaced: number;
  unchanged: number;
  refused: number;
  kept: number;
  duplicates: number;
  skipped: number;
  wouldImport: number;
  wouldChange: number;
  values: number;
  warnings: number;
  hints: number;
}

/** The counts of a batch, as printed and as --json gives them. */
export function importSummary(outcomes: FileOutcome[]): ImportSummary {
  const count = (...actions: ImportAction[]) => outcomes.filter((o) => actions.includes(o.action)).length;
  return {
    files: outcomes.length,
    imported: count('new'),
    replaced: count('replaced'),
    unchanged: count('unchanged'),
    refused: count('refused', 'held'),
    kept: count('kept'),
    duplicates: count('duplicate'),
    skipped: count('skipped'),
    wouldImport: count('would-add'),
    wouldChange: count('would-change'),
    values: outcomes.reduce((s, o) => s + (['new', 'replaced'].includes(o.action) ? o.values : 0), 0),
    warnings: outcomes.reduce((s, o) => s + o.warnings.length, 0),
    hints: outcomes.reduce((s, o) => s + o.hints.length, 0),
  };
}

/** Writes the batch's report to stdout (a table and lines, or --json). */
export function renderImport(io: Io, outcomes: FileOutcome[], opts: { dryRun: boolean; verbose: boolean; json: boolean; expected: { period: string; why: string }; years?: readonly number[] }): void {
  const summary = importSummary(outcomes);
  if (opts.json) {
    writeJson(io, { dryRun: opts.dryRun, expectedPeriod: opts.expected.period, files: outcomes, summary });
    return;
  }
  const c = paint(io);
  const colour = (a: ImportAction, text: string) =>
    a === 'refused' || a === 'held' ? c.red(text) : a === 'new' || a === 'replaced' ? c.green(text) : a === 'unchanged' || a === 'skipped' || a === 'duplicate' ? c.dim(text) : c.cyan(text);
  const detail = (o: FileOutcome) => {
    switch (o.action) {
      case 'unchanged':
        return o.identicalFile ? '与已导入的是同一文件' : '内容与已导入的相同';
      case 'new':
      case 'would-add':
        return `${o.values} 个数值`;
      case 'replaced':
      case 'would-change':
      case 'held':
      case 'kept':
        return `${o.changes.length} 处改动`;
      case 'duplicate':
        return `与 ${o.sameAs} 是同一文件,只导入一次`;
      case 'skipped':
        return o.reason ?? '';
      default:
        return `${o.problems.length} 个问题`;
    }
  };
  const quiet: ImportAction[] = ['new', 'unchanged', 'would-add'];
  // One file is always said; in a batch, only the files that need a look (every one with --verbose).
  const listed = opts.verbose || outcomes.length === 1 ? outcomes : outcomes.filter((o) => !quiet.includes(o.action) || o.hints.length > 0 || o.warnings.length > 0);
  const width = outputWidth(io);
  const out: string[] = [];
  // Each file on a line of its own (wrapped under itself), its problems below it: a few, then a count.
  const place = (p: ImportProblem) => (p.cell ? `${p.sheet}!${p.cell}` : p.sheet);
  const problem = (p: ImportProblem) => [place(p), p.message, p.fix].filter(Boolean).join(' · ');
  if (listed.some((o) => o.problems.length > 0)) out.push(c.bold(c.red('问题(文件 · 工作表!单元格 · 问题 · 如何改正):')));
  // Files of a folder under the folder's name, so that each line starts with what tells them apart.
  let folder = '.';
  let indent = '';
  for (const o of listed) {
    const here = dirname(o.file);
    if (here !== folder) {
      folder = here;
      indent = folder === '.' ? '' : '  ';
      if (folder !== '.') out.push(`${folder}${sep}`);
    }
    const name = folder === '.' ? o.file : basename(o.file);
    const line = (text: string) => out.push(...wrapParagraph(text, width, indent, `${indent}    `));
    const below = (text: string) => out.push(...wrapParagraph(text, width, `${indent}    `, `${indent}      `));
    const result = o.skippedAs === 'not-a-return' ? '非报表,已跳过' : o.skippedAs === 'owner-file' ? '临时文件,已跳过' : ACTION_TEXT[o.action];
    if (o.problems.length === 0) {
      const who = o.unitName && !o.file.includes(o.unitName) ? ` · ${o.unitName}` : '';
      const mark = o.action === 'new' || o.action === 'replaced' ? c.green('✓') : o.action === 'skipped' || o.action === 'unchanged' || o.action === 'duplicate' ? c.dim('-') : c.cyan('•');
      line(`${mark} ${name}${who} · ${colour(o.action, result)} · ${detail(o)}`);
      continue;
    }
    const mark = c.red('✗');
    // A template sent back as it went out is one thing to say, not one problem per empty cell.
    if (o.blank) line(`${mark} ${name} · ${c.red('空白报表,未填写')}`);
    // In a batch, a return for another quarter is its message alone; what to do is said once below.
    else if (o.otherPeriod && o.problems.length === 1 && listed.length > 1) line(`${mark} ${name} · 是 ${o.period} 的报表`);
    else if (o.problems.length === 1) line(`${mark} ${name} · ${problem(o.problems[0])}`);
    else {
      line(`${mark} ${name} · ${colour(o.action, result)}:${o.problems.length} 个问题`);
      const shown = opts.verbose ? o.problems.length : FEW_PROBLEMS;
      for (const p of o.problems.slice(0, shown)) below(problem(p));
      const command = `${launcher()} import ${quotePath(o.file, io.platform ?? process.platform)} --quarter ${opts.expected.period} --dry-run --verbose`;
      if (o.problems.length > shown) {
        below(c.dim(`…另有 ${o.problems.length - shown} 个问题,全部列出:`));
        below(c.dim(keepWhole(command)));
      }
    }
  }
  if (listed.length > 1) {
    for (const fix of new Set(listed.filter((o) => o.otherPeriod && o.problems.length === 1).map((o) => o.problems[0].fix))) out.push(...wrapParagraph(keepCommandsWhole(`不是本批 ${opts.expected.period} 的报表:${fix}`, launcher()), width, '', '  '));
  }
  const blanks = listed.filter((o) => o.blank).length;
  if (blanks > 0) out.push(...wrapParagraph(`空白报表 ${blanks} 份:发出时的样子,一项也未填写。请报送单位填写后重新发送`, width, '', '  '));
  const say = (text: string, indent = '', hanging = '    ') => out.push(...wrapParagraph(text, width, indent, hanging));

  const changed = outcomes.filter((o) => o.changes.length > 0 && o.action !== 'would-add' && !o.changesShown);
  if (changed.length > 0) {
    out.push(c.bold(opts.dryRun ? '将修改的数值:' : '改动:'));
    for (const o of changed) {
      say(`${o.unitName} ${o.period}(${o.file})`, '  ', '    ');
      for (const ch of o.changes) say(`${ch.label}:${ch.old ?? '(空)'} → ${ch.new ?? '(空)'}`, '    ', '      ');
    }
  }
  // A new year's returns before its plan: how to make the plan is said once for the batch, not per file.
  const withProblems = outcomes.filter((o) => o.problems.length > 0);
  const planless = [...new Set(withProblems.flatMap((o) => o.problems.flatMap((p) => (p.planMissing !== undefined ? [p.planMissing] : []))))].sort();
  for (const year of planless) {
    const advice = missingPlanAdvice(opts.years ?? [], year);
    const files = withProblems.filter((o) => o.problems.some((p) => p.planMissing === year)).length;
    if (advice) say(keepCommandsWhole(c.yellow(`${year} 年还没有方案,${files} 个文件未能导入。${advice},再重新导入这些报表`), launcher()));
  }
  const hinted = outcomes.filter((o) => o.hints.length > 0);
  if (hinted.length > 0) {
    out.push(c.bold(c.yellow(`数据质量提示(已${opts.dryRun ? '检查' : '导入'},不影响导入;请向报送单位核实):`)));
    for (const o of hinted) for (const h of o.hints) say(`${c.yellow('?')} ${h.title} · ${h.message} · 阈值:${h.thresholdText}`, '  ', '    ');
  }
  const withWarnings = outcomes.filter((o) => o.warnings.length > 0);
  if (withWarnings.length > 0) {
    out.push(c.bold(c.yellow('提示:')));
    for (const o of withWarnings) for (const p of o.warnings) say(`${c.yellow('!')} ${o.file} · ${problem(p)}`, '  ', '    ');
  }
  const ok = summary.refused === 0;
  if (ok && outcomes.length > 1) {
    // A batch that went through ends with what happened to how many files, and nothing per file.
    const counts: [string, number][] = (
      opts.dryRun
        ? [['将导入', summary.wouldImport], ['将修改', summary.wouldChange], ['无变化', summary.unchanged]]
        : [['新导入', summary.imported], ['替换', summary.replaced], ['无变化', summary.unchanged], ['未替换(已跳过)', summary.kept]]
    ).concat([['重复文件', summary.duplicates], ['已跳过', summary.skipped]]) as [string, number][];
    out.push(renderTable([{ header: '结果' }, { header: '文件数', align: 'right' }], counts.filter(([, n]) => n > 0).map(([t, n]) => [t, String(n)]), c, { width: outputWidth(io) }).trimEnd());
  }
  const parts = opts.dryRun
    ? [`将导入 ${summary.wouldImport}`, `将修改 ${summary.wouldChange}`, `无变化 ${summary.unchanged}`, `有问题 ${summary.refused}`]
    : [`新导入 ${summary.imported}`, `替换 ${summary.replaced}`, `无变化 ${summary.unchanged}`, `拒绝 ${summary.refused}`];
  if (summary.kept > 0) parts.push(`未替换(已跳过) ${summary.kept}`);
  if (summary.duplicates > 0) parts.push(`重复文件 ${summary.duplicates}`);
  if (summary.skipped > 0) parts.push(`已跳过 ${summary.skipped}`);
  say(
    `${opts.dryRun ? '试导入(未写入数据库)' : '导入完成'}(${opts.expected.period},${opts.expected.why}):共 ${summary.files} 个文件,${parts.join(',')}` +
      (opts.dryRun ? '' : `;写入数值 ${summary.values} 个`) +
      `;数据质量提示 ${summary.hints} 条`,
  );
  io.stdout.write(`${out.join('\n')}\n`);
}
