// The one table of rules: the risk warnings of section 三(三), what refuses a return, and the
// data-quality hints (数据质量提示); and running them for a check, a warning report and an import.
import type { Finding, Found, NotEvaluated, Rule, RuleContext, Severity } from './finding.js';
import { figureBook, type FigureBook } from './figures.js';
import { formatPeriod, periodTitle, samePeriod } from './period.js';
import type { Plan } from './plan/model.js';
import { progressChecks, yearBook, type ProgressInput, type UnitCheck } from './progress.js';
import { baseJump, cumulative, layoffOverStaff, negativeFigure, outlier, rateOver100, wholePeople, zeroContinuity, zeroIdentity } from './quality.js';
import type { ReturnRecord } from './return.js';
import { behindSchedule, employmentDecline, layoffNotice, massLayoff, unemploymentSurge, zeroFamilies } from './warnings.js';

/** Every rule, in the order its findings are reported. Adding a rule is adding its object here. */
export const RULES: readonly Rule[] = [
  // 风险预警 (warning): document section 三(三), thresholds in the plan's `warnings`.
  employmentDecline,
  unemploymentSurge,
  massLayoff,
  layoffNotice,
  zeroFamilies,
  behindSchedule,
  // Refusals (error): a return that breaks these is not stored.
  negativeFigure,
  rateOver100,
  zeroIdentity,
  layoffOverStaff,
  // 数据质量提示 (hint): thresholds in the plan's `dataQuality`; never a refusal. When two fire on
  // one figure, the earlier one here is kept (a cumulative figure is also an outlier).
  cumulative,
  zeroContinuity,
  baseJump,
  outlier,
  wholePeople,
];

/** The rules of one severity, in table order. */
export function rulesOf(severity: Severity): Rule[] {
  return RULES.filter((r) => r.severity === severity);
}

/** Each rule of a severity with its title and threshold as the plan sets it, for the lists under tables. */
export function ruleList(plan: Plan, severity: Severity): { rule: Rule['id']; title: string; text: string }[] {
  return rulesOf(severity).map((r) => ({ rule: r.id, title: r.title(plan), text: r.explain(plan) }));
}

function run(severity: Severity, ctx: RuleContext): Found {
  const out: Found = { findings: [], notEvaluated: [] };
  for (const rule of rulesOf(severity)) rule.evaluate(ctx, out);
  return out;
}

/** 风险预警 of a quarter: every warning rule for the district and each area. */
export function riskWarnings(
  input: ProgressInput,
  checks: { overall: UnitCheck; areas: UnitCheck[] },
  book: FigureBook = yearBook(input),
): { warnings: Finding[]; notEvaluated: NotEvaluated[] } {
  const subjects = input.returns.filter((r) => samePeriod(r.period, input.period));
  const found = run('warning', { plan: input.plan, period: input.period, subjects, book, checks });
  return { warnings: found.findings, notEvaluated: found.notEvaluated };
}

/** What refuses a return, whatever its layout: negative figures, rates over 100%, broken identities. */
export function validateReturn(plan: Plan, record: ReturnRecord): Finding[] {
  return run('error', { plan, period: record.period, subjects: [record], book: figureBook([record]) }).findings;
}

/**
 * 数据质量提示 on returns (the ones coming in, or a quarter's) against the figures known before
 * them: every rule looks back only, so the same figures give the same hints at import and in a
 * later check. One hint per figure: the first rule in the table wins.
 */
export function qualityHints(plan: Plan, subjects: readonly ReturnRecord[], history: FigureBook): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  // Subjects of several quarters are judged each in its own quarter.
  for (const r of subjects) {
    for (const f of run('hint', { plan, period: r.period, subjects: [r], book: history }).findings) {
      const key = `${f.unit}@${f.period}@${f.items?.[0] ?? f.rule}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  }
  return out;
}

export interface WarnReport {
  year: number;
  period: string;
  periodTitle: string;
  district: string;
  rules: { rule: Rule['id']; title: string; text: string }[];
  warnings: Finding[];
  notEvaluated: NotEvaluated[];
  /** 数据质量提示 on the quarter's returns, and the rules they were judged by. */
  hints: Finding[];
  hintRules: { rule: Rule['id']; title: string; text: string }[];
}

/** 风险预警 for a quarter, with the data-quality hints on its returns. */
export function warnReport(input: ProgressInput): WarnReport {
  const { plan, period } = input;
  const book = yearBook(input);
  const found = riskWarnings(input, progressChecks(input, book), book);
  return {
    year: period.year,
    period: formatPeriod(period),
    periodTitle: periodTitle(period),
    district: plan.district,
    rules: ruleList(plan, 'warning'),
    ...found,
    hints: quarterHints(input, book),
    hintRules: ruleList(plan, 'hint'),
  };
}

/** The data-quality hints on every return of the checked quarter, against the year's and last year's figures. */
export function quarterHints(input: ProgressInput, book: FigureBook = yearBook(input)): Finding[] {
  return qualityHints(input.plan, input.returns.filter((r) => samePeriod(r.period, input.period)), book);
}
