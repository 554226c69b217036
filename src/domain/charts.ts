// The pictures of the quarterly summary as plain figures: taken from the check and overdue models of
// each quarter of the year so far, the same models the tables are built from (no arithmetic of its own
// beyond adding a year's quarters together).
import { allocatableIndicators } from './allocation.js';
import type { CheckReport } from './check.js';
import type { OverdueReport } from './deadline.js';
import { parsePeriod } from './period.js';
import type { TargetOp, Plan } from './plan/model.js';
import type { IndicatorCheck, UnitCheck } from './progress.js';
import { shareText } from '../format/number.js';
import { quarterName, SCHEDULE } from '../format/words.js';

/** The check and the submissions of one quarter, as the tables of that quarter would show them. */
export interface QuarterModels {
  check: CheckReport;
  overdue: OverdueReport;
}

export interface AreaBar {
  unit: string;
  name: string;
  ytd: number | null;
  /** The area's allocation; null when the indicator is not allocated to it (未分解). */
  target: number | null;
  /** ytd ÷ allocation, 0.823 for 82.3%. */
  completion: number | null;
  /** 进度滞后: below the time schedule (the same verdict as the tables). */
  behind: boolean;
}

/** 各镇街完成进度: for each count indicator, every area's completion against its allocation and the schedule. */
export interface AreaProgressChart {
  title: string;
  /** 序时进度 of the quarter, 0.75 for Q3. */
  schedule: number;
  indicators: { indicator: string; name: string; measure: string; areas: AreaBar[] }[];
}

/** 全区季度走势: the district's quarterly and cumulative figures of each count target, the four quarters of the year. */
export interface DistrictTrendChart {
  title: string;
  /** 一季度 … 四季度: the whole year, so the way to the annual target shows. */
  quarters: string[];
  indicators: {
    indicator: string;
    name: string;
    measure: string;
    /** The annual target. */
    target: number;
    /** Each quarter's own figure; null for quarters not yet reported or not yet reached. */
    quarterly: (number | null)[];
    /** Year to date at each quarter end, as the check of that quarter has it. */
    cumulative: (number | null)[];
    /** What the schedule asks by each quarter end: target × quarter ÷ 4. */
    scheduled: number[];
  }[];
}

/** 城镇登记失业率走势: the quarter-end rate of the district and of each area, against its limit. */
export interface RateTrendChart {
  title: string;
  indicator: string;
  name: string;
  /** 3.5 for ≤3.5%; null when the plan sets none. */
  limit: number | null;
  op: TargetOp;
  /** The quarters of the year so far. */
  quarters: string[];
  /** The district first, then each area; rates in percent (3.15 for 3.15%). */
  lines: { unit: string | null; name: string; rates: (number | null)[] }[];
}

/** 报送及时率: how many units sent their return on time, late, or not at all, each quarter so far. */
export interface SubmissionChart {
  title: string;
  quarters: string[];
  onTime: number[];
  late: number[];
  /** Not received as of the report's day (overdue, or not yet due). */
  missing: number[];
  expected: number[];
  /** on time ÷ expected; null when no unit was expected. */
  timeliness: (number | null)[];
}

export interface ChartModel {
  district: string;
  year: number;
  period: string;
  periodTitle: string;
  asOf: string;
  areaProgress: AreaProgressChart;
  districtTrend: DistrictTrendChart;
  /** null when the plan has no rate indicator. */
  rateTrend: RateTrendChart | null;
  submissions: SubmissionChart;
}

const QUARTER_NAMES = [1, 2, 3, 4].map((q) => quarterName(q, true));

const pick = (u: UnitCheck | null | undefined, code: string): IndicatorCheck | undefined => u?.indicators.find((i) => i.indicator === code);

/**
 * The four charts of the summary from the quarters of the year so far (Q1 first, the report's quarter
 * last), each quarter's models built exactly as the tables of that quarter are.
 */
export function chartModel(plan: Plan, quarters: readonly QuarterModels[]): ChartModel {
  if (quarters.length === 0) throw new Error('chartModel needs at least the report quarter');
  const last = quarters[quarters.length - 1];
  const { check } = last;
  const so = `(${check.year}年)`;
  const counts = allocatableIndicators(plan);
  const quarterOf = (m: QuarterModels) => parsePeriod(m.check.period)!.quarter;
  // The trend runs over the whole year: each of its four points is looked up by quarter.
  const byQuarter = new Map<number, QuarterModels>(quarters.map((m) => [quarterOf(m), m]));
  const upTo = quarters.map((m) => QUARTER_NAMES[quarterOf(m) - 1]);
  const rate = plan.indicators.find((i) => i.kind === 'rate');

  return {
    district: plan.district,
    year: check.year,
    period: check.period,
    periodTitle: check.periodTitle,
    asOf: last.overdue.asOf,
    areaProgress: {
      title: `各镇街完成进度(截至${check.periodTitle},${SCHEDULE} ${shareText(check.schedule, 0)})`,
      schedule: check.schedule,
      indicators: counts.map((c) => ({
        indicator: c.code,
        name: c.name,
        measure: c.measure,
        areas: check.units.map((u) => {
          const i = pick(u, c.code);
          return {
            unit: u.unit ?? '',
            name: u.name,
            ytd: i?.ytd ?? null,
            target: i?.target?.value ?? null,
            completion: i?.completion ?? null,
            behind: i?.status === 'behind',
          };
        }),
      })),
    },
    districtTrend: {
      title: `全区季度走势${so}`,
      quarters: QUARTER_NAMES,
      indicators: counts.map((c) => {
        const target = c.target?.value ?? 0;
        const at = (q: number) => pick(byQuarter.get(q)?.check.overall, c.code);
        return {
          indicator: c.code,
          name: c.name,
          measure: c.measure,
          target,
          quarterly: [1, 2, 3, 4].map((q) => at(q)?.quarterValue ?? null),
          cumulative: [1, 2, 3, 4].map((q) => at(q)?.ytd ?? null),
          scheduled: [1, 2, 3, 4].map((q) => (target * q) / 4),
        };
      }),
    },
    rateTrend: rate
      ? {
          title: `${rate.name}走势${so}`,
          indicator: rate.code,
          name: rate.name,
          limit: rate.target?.value ?? null,
          op: rate.target?.op ?? '<=',
          quarters: upTo,
          lines: [
            { unit: null, name: check.overall?.name ?? `${plan.district}(全区)`, rates: quarters.map((m) => pick(m.check.overall, rate.code)?.quarterValue ?? null) },
            ...check.units.map((u) => ({
              unit: u.unit,
              name: u.name,
              rates: quarters.map((m) => pick(m.check.units.find((x) => x.unit === u.unit), rate.code)?.quarterValue ?? null),
            })),
          ],
        }
      : null,
    submissions: {
      title: `季度报表报送及时率${so}`,
      quarters: upTo,
      onTime: quarters.map((m) => m.overdue.counts.onTime),
      late: quarters.map((m) => m.overdue.counts.late),
      missing: quarters.map((m) => m.overdue.counts.overdue + m.overdue.counts.pending),
      expected: quarters.map((m) => m.overdue.counts.expected),
      timeliness: quarters.map((m) => (m.overdue.counts.expected > 0 ? m.overdue.counts.onTime / m.overdue.counts.expected : null)),
    },
  };
}
