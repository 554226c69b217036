// What a rule says about the figures: a risk warning, a data-quality hint or an error that refuses a return.
import type { FigureBook } from './figures.js';
import type { Period } from './period.js';
import type { Plan } from './plan/model.js';
import type { UnitCheck } from './progress.js';
import type { ReturnRecord } from './return.js';
import { WARNING_NAMES } from '../format/words.js';

/**
 * error: the return is refused (a negative count, a broken identity); warning: a risk signal of
 * document section 三(三); hint: 数据质量提示, a figure that may be wrong, never a refusal.
 */
export type Severity = 'error' | 'warning' | 'hint';

/** The ids of the warning rules (one per name in format/words.ts), for data that names one (an assessment deduction); rules.ts holds the rules themselves. */
export type WarningRule = keyof typeof WARNING_NAMES;
export const WARNING_RULES = Object.keys(WARNING_NAMES) as readonly WarningRule[];
export type ErrorRule = 'negativeFigure' | 'rateOver100' | 'zeroIdentity' | 'layoffOverStaff';
export type HintRule = 'cumulative' | 'zeroContinuity' | 'baseJump' | 'outlier' | 'wholePeople';
export type RuleId = WarningRule | ErrorRule | HintRule;

export interface Finding {
  rule: RuleId;
  severity: Severity;
  title: string;
  /** The unit, or null for the whole district. */
  unit: string | null;
  unitName: string;
  /** The quarter judged, e.g. 2021Q3. */
  period: string;
  indicator: string | null;
  /**
   * The figures that fired it. employmentDecline: the quarterly figure keyed by quarter (2021Q1 …);
   * unemploymentSurge: rate, previousRate, rise, previousPeriod; massLayoff: firm, staff, laidOff, share;
   * layoffNotice: firm, laidOff, noticeOn, layoffOn, daysAhead; zeroFamilies: opening, added, cleared, closing;
   * behindSchedule: ytd, target, completion, schedule, shortfall; the data-quality rules name theirs.
   */
  figures: Record<string, number | string | null>;
  /** The plan's thresholds for the rule. */
  threshold: Record<string, number | null>;
  /** The threshold as the clerk reads it: 连续 2 个季度下降, ≥20 人或 ≥10% … */
  thresholdText: string;
  /** One sentence with the figures, for tables and the report. */
  message: string;
  /** The return's figures involved (figure:xinzeng.quarter …), so a reader can name their cells. */
  items?: string[];
  /** What to do about it. */
  fix?: string;
}

/** A risk warning of section 三(三). */
export type RiskWarning = Finding;

/** A rule that could not be judged for a unit, and why (missing figures, a missing date). */
export interface NotEvaluated {
  rule: RuleId;
  title: string;
  unit: string | null;
  unitName: string;
  reason: string;
}

/** What a rule is handed. */
export interface RuleContext {
  plan: Plan;
  period: Period;
  /** The returns judged: at import the one coming in; in a check every return of the quarter. */
  subjects: readonly ReturnRecord[];
  /** Every figure known: this year and last, the subjects in place of what was stored for them. */
  book: FigureBook;
  /** The progress checks of the quarter, for the warnings that read them (absent at import). */
  checks?: { overall: UnitCheck; areas: UnitCheck[] };
}

export interface Found {
  findings: Finding[];
  notEvaluated: NotEvaluated[];
}

/** One rule: adding a warning, a data-quality check or a validation is adding one of these to the table in rules.ts. */
export interface Rule {
  id: RuleId;
  severity: Severity;
  title(plan: Plan): string;
  /** The rule and its threshold as the plan sets them, for the rule lists under tables. */
  explain(plan: Plan): string;
  evaluate(ctx: RuleContext, out: Found): void;
}
