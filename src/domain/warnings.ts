// Risk warnings of document section 三(三), each with the rule, the unit, the figures that fired it and the threshold.
import { daysBetween } from './dates.js';
import { figureBook, groupDigits, type FigureBook } from './figures.js';
import { formatPeriod, periodTitle, previousPeriod, type Period } from './period.js';
import { indicatorByCode, unitName, type Plan } from './plan.js';
import { breaks, progressChecks, type ProgressInput, type UnitCheck } from './progress.js';

export type WarningRule = 'employmentDecline' | 'unemploymentSurge' | 'massLayoff' | 'layoffNotice' | 'zeroFamilies' | 'behindSchedule';

/** The rules in the order they are reported. */
export const WARNING_RULES: readonly WarningRule[] = ['employmentDecline', 'unemploymentSurge', 'massLayoff', 'layoffNotice', 'zeroFamilies', 'behindSchedule'];

/** A rule's name as the document and the clerk say it. */
export function ruleTitle(plan: Plan, rule: WarningRule): string {
  switch (rule) {
    case 'employmentDecline':
      return '新增就业连续下滑';
    case 'unemploymentSurge':
      return '失业率急速攀升';
    case 'massLayoff':
      return '规模性裁员';
    case 'layoffNotice':
      return `裁员未提前${plan.warnings.massLayoff.noticeDays}日说明`;
    case 'zeroFamilies':
      return '零就业家庭未清零';
    case 'behindSchedule':
      return '进度滞后';
  }
}

/** The rule's threshold as the plan words it. */
export function ruleText(plan: Plan, rule: WarningRule): string {
  const w = plan.warnings;
  switch (rule) {
    case 'employmentDecline':
      return w.employmentDecline.rule;
    case 'unemploymentSurge':
      return w.unemploymentSurge.rule;
    case 'massLayoff':
      return `一次裁减${w.massLayoff.people}人以上,或占企业职工总数${percent(w.massLayoff.staffShare * 100, 0)}以上`;
    case 'layoffNotice':
      return `经济性裁员须提前${w.massLayoff.noticeDays}日向工会或全体职工说明情况(文件五(二))`;
    case 'zeroFamilies':
      return w.zeroFamilies.rule;
    case 'behindSchedule':
      return w.behindSchedule.rule;
  }
}

export interface RiskWarning {
  rule: WarningRule;
  title: string;
  /** The unit, or null for the whole district. */
  unit: string | null;
  unitName: string;
  indicator: string | null;
  /**
   * The figures that fired it. employmentDecline: the quarterly figure keyed by quarter (2021Q1 …);
   * unemploymentSurge: rate, previousRate, rise, previousPeriod; massLayoff: firm, staff, laidOff, share;
   * layoffNotice: firm, laidOff, noticeOn, layoffOn, daysAhead; zeroFamilies: opening, added, cleared, closing;
   * behindSchedule: ytd, target, completion, schedule, shortfall.
   */
  figures: Record<string, number | string | null>;
  /** The plan's thresholds for the rule. */
  threshold: Record<string, number | null>;
  /** The threshold as the clerk reads it: 连续 2 个季度下降, ≥20 人或 ≥10% … */
  thresholdText: string;
  /** One sentence with the figures, for tables and the report. */
  message: string;
}

/** A rule that could not be judged for a unit, and why (missing figures, a missing date). */
export interface NotEvaluated {
  rule: WarningRule;
  title: string;
  unit: string | null;
  unitName: string;
  reason: string;
}

export interface WarnReport {
  year: number;
  period: string;
  periodTitle: string;
  district: string;
  rules: { rule: WarningRule; title: string; text: string }[];
  warnings: RiskWarning[];
  notEvaluated: NotEvaluated[];
}

/** 风险预警 for a quarter: every rule for the district and each area. */
export function warnReport(input: ProgressInput): WarnReport {
  const { plan, period } = input;
  const found = riskWarnings(input, progressChecks(input));
  return {
    year: period.year,
    period: formatPeriod(period),
    periodTitle: periodTitle(period),
    district: plan.district,
    rules: WARNING_RULES.map((rule) => ({ rule, title: ruleTitle(plan, rule), text: ruleText(plan, rule) })),
    ...found,
  };
}

/** Every rule applied; checks are the progress checks of the same input (behind-schedule reads them). */
export function riskWarnings(
  input: ProgressInput,
  checks: { overall: UnitCheck; areas: UnitCheck[] },
  book: FigureBook = figureBook([...input.previousYear, ...input.returns]),
): { warnings: RiskWarning[]; notEvaluated: NotEvaluated[] } {
  const out: Found = { warnings: [], notEvaluated: [] };
  employmentDecline(input, book, out);
  unemploymentSurge(input, book, out);
  layoffs(input, out);
  zeroFamilies(input, book, out);
  behindSchedule(input, checks, out);
  return out;
}

interface Found {
  warnings: RiskWarning[];
  notEvaluated: NotEvaluated[];
}

interface Scope {
  unit: string | null;
  unitName: string;
  units: string[];
}

/** The district (all reporting units of the indicator) and each area that reports it. */
function scopes(plan: Plan, reportedBy: string[]): Scope[] {
  const reporting = new Set(reportedBy);
  return [
    { unit: null, unitName: `${plan.district}(全区)`, units: reportedBy },
    ...plan.units.filter((u) => u.kind === 'area' && reporting.has(u.code)).map((u) => ({ unit: u.code, unitName: u.name, units: [u.code] })),
  ];
}

/** 新增就业连续下滑: the quarterly figure fell `quarters` quarters running, reaching back into last year when needed. */
function employmentDecline(input: ProgressInput, book: FigureBook, out: Found): void {
  const { plan } = input;
  const s = plan.warnings.employmentDecline;
  const indicator = indicatorByCode(plan, s.indicator);
  const title = ruleTitle(plan, 'employmentDecline');
  const periods: Period[] = [input.period];
  for (let k = 0; k < s.quarters; k++) periods.unshift(previousPeriod(periods[0]));
  for (const scope of scopes(plan, indicator.reportedBy)) {
    const sums = periods.map((p) => ({ period: p, ...book.sum(p, scope.units, indicator.code, 'quarter') }));
    // A district total with a unit missing would fall for no reason: judge only complete quarters.
    const gaps = sums.filter((x) => x.missing.length > 0);
    if (gaps.length > 0) {
      const reason = gaps
        .map((g) => (g.missing.length === scope.units.length ? `${formatPeriod(g.period)} 无数据` : `${formatPeriod(g.period)} 有 ${g.missing.length} 个单位未报`))
        .join(',');
      out.notEvaluated.push({ rule: 'employmentDecline', title, unit: scope.unit, unitName: scope.unitName, reason });
      continue;
    }
    const values = sums.map((x) => x.value as number);
    if (!values.every((v, i) => i === 0 || v < values[i - 1])) continue;
    const m = indicator.measure;
    out.warnings.push({
      rule: 'employmentDecline',
      title,
      unit: scope.unit,
      unitName: scope.unitName,
      indicator: indicator.code,
      figures: Object.fromEntries(sums.map((x) => [formatPeriod(x.period), x.value])),
      threshold: { quarters: s.quarters },
      thresholdText: `连续 ${s.quarters} 个季度下降`,
      message: `${indicator.name}季度数连续 ${s.quarters} 个季度下降:${sums.map((x) => `${formatPeriod(x.period)} ${count(x.value as number)} ${m}`).join(' → ')}`,
    });
  }
}

/** 失业率急速攀升: the quarter-end rate rose by risePoints or more on the previous quarter end, or is over its ceiling. */
function unemploymentSurge(input: ProgressInput, book: FigureBook, out: Found): void {
  const { plan, period } = input;
  const s = plan.warnings.unemploymentSurge;
  const indicator = indicatorByCode(plan, s.indicator);
  const title = ruleTitle(plan, 'unemploymentSurge');
  const ceiling = indicator.target?.op === '<=' ? (indicator.target.value ?? null) : null;
  const before = previousPeriod(period);
  for (const scope of scopes(plan, indicator.reportedBy)) {
    const now = book.rate(period, scope.units, indicator);
    if (now.rate === null) {
      out.notEvaluated.push({ rule: 'unemploymentSurge', title, unit: scope.unit, unitName: scope.unitName, reason: `${formatPeriod(period)} 无数据` });
      continue;
    }
    const prev = book.rate(before, scope.units, indicator);
    // Compare like with like: a rise is judged only when the same units reported both quarter ends.
    const comparable = prev.rate !== null && prev.missing.length === 0 && now.missing.length === 0;
    if (!comparable) {
      out.notEvaluated.push({
        rule: 'unemploymentSurge',
        title,
        unit: scope.unit,
        unitName: scope.unitName,
        reason: prev.rate === null ? `${formatPeriod(before)} 无数据,未比较升幅` : '两个季度报送单位不全,未比较升幅',
      });
    }
    const rise = comparable ? now.rate - (prev.rate as number) : null;
    const rose = rise !== null && !breaks(rise, '>=', s.risePoints); // rise ≥ risePoints, within rounding
    const over = ceiling !== null && breaks(now.rate, '<=', ceiling);
    if (!rose && !over) continue;
    const reasons: string[] = [];
    if (rose) reasons.push(`比 ${formatPeriod(before)} 末(${percent(prev.rate as number)})上升 ${points(rise as number)} 个百分点(阈值 ${s.risePoints})`);
    if (over) reasons.push(`超过控制目标 ${ceiling}%`);
    out.warnings.push({
      rule: 'unemploymentSurge',
      title,
      unit: scope.unit,
      unitName: scope.unitName,
      indicator: indicator.code,
      figures: { rate: now.rate, previousRate: comparable ? prev.rate : null, rise, previousPeriod: formatPeriod(before) },
      threshold: { risePoints: s.risePoints, ceiling },
      thresholdText: `升幅 ≥${s.risePoints} 个百分点${ceiling !== null ? `,或 >${ceiling}%` : ''}`,
      message: `${indicator.name} ${formatPeriod(period)} 末为 ${percent(now.rate)},${reasons.join(',且')}`,
    });
  }
}

/** 规模性裁员 (≥ people, or ≥ staffShare of the firm) and, separately, a layoff announced less than noticeDays ahead. */
function layoffs(input: ProgressInput, out: Found): void {
  const { plan, period } = input;
  const s = plan.warnings.massLayoff;
  for (const r of input.returns) {
    if (r.period.year !== period.year || r.period.quarter !== period.quarter) continue;
    const name = unitName(plan, r.unit);
    for (const l of r.layoffs) {
      const share = l.staff > 0 ? l.laidOff / l.staff : null;
      const byPeople = l.laidOff >= s.people;
      const byShare = share !== null && !breaks(share, '>=', s.staffShare); // share ≥ staffShare, within rounding
      if (byPeople || byShare) {
        const shareText = share === null ? '' : `,占职工总数 ${percent(share * 100, 1)}${byShare ? `(${percent(s.staffShare * 100, 0)}以上)` : ''}`;
        out.warnings.push({
          rule: 'massLayoff',
          title: ruleTitle(plan, 'massLayoff'),
          unit: r.unit,
          unitName: name,
          indicator: null,
          figures: { firm: l.firm, staff: l.staff, laidOff: l.laidOff, share },
          threshold: { people: s.people, staffShare: s.staffShare },
          thresholdText: `≥${s.people} 人,或 ≥${percent(s.staffShare * 100, 0)}`,
          message: `${l.firm}:职工 ${count(l.staff)} 人,裁减 ${count(l.laidOff)} 人${byPeople ? `(${s.people} 人以上)` : ''}${shareText}`,
        });
      }
      const title = ruleTitle(plan, 'layoffNotice');
      if (l.noticeOn !== null && l.layoffOn === null) {
        out.notEvaluated.push({ rule: 'layoffNotice', title, unit: r.unit, unitName: name, reason: `${l.firm} 未填写裁员实施日期` });
        continue;
      }
      const ahead = l.noticeOn !== null && l.layoffOn !== null ? daysBetween(l.noticeOn, l.layoffOn) : null;
      if (ahead !== null && ahead >= s.noticeDays) continue;
      out.warnings.push({
        rule: 'layoffNotice',
        title,
        unit: r.unit,
        unitName: name,
        indicator: null,
        figures: { firm: l.firm, laidOff: l.laidOff, noticeOn: l.noticeOn, layoffOn: l.layoffOn, daysAhead: ahead },
        threshold: { noticeDays: s.noticeDays },
        thresholdText: `提前 ≥${s.noticeDays} 日说明`,
        message:
          ahead === null
            ? `${l.firm}:裁减 ${count(l.laidOff)} 人${l.layoffOn ? `(${l.layoffOn} 实施)` : ''},未填写向工会或全体职工说明的日期(应提前 ${s.noticeDays} 日说明)`
            : `${l.firm}:${l.layoffOn} 裁减 ${count(l.laidOff)} 人,${l.noticeOn} 才向工会或全体职工说明,` +
              `${ahead >= 0 ? `只提前 ${ahead} 天` : `晚于实施日 ${-ahead} 天`}(应提前 ${s.noticeDays} 日)`,
      });
    }
  }
}

/** 零就业家庭未清零: an area's quarter-end stock above 0. */
function zeroFamilies(input: ProgressInput, book: FigureBook, out: Found): void {
  const { plan, period } = input;
  const s = plan.warnings.zeroFamilies;
  const indicator = indicatorByCode(plan, s.indicator);
  const title = ruleTitle(plan, 'zeroFamilies');
  const reporting = new Set(indicator.reportedBy);
  for (const u of plan.units.filter((x) => x.kind === 'area' && reporting.has(x.code))) {
    const get = (field: string) => book.get(period, u.code, indicator.code, field);
    const closing = get('closing');
    if (closing === null) {
      out.notEvaluated.push({ rule: 'zeroFamilies', title, unit: u.code, unitName: u.name, reason: `${formatPeriod(period)} 未报` });
      continue;
    }
    if (closing <= 0) continue;
    const f = { opening: get('opening'), added: get('added'), cleared: get('cleared'), closing };
    const m = indicator.measure;
    out.warnings.push({
      rule: 'zeroFamilies',
      title,
      unit: u.code,
      unitName: u.name,
      indicator: indicator.code,
      figures: f,
      threshold: { closing: 0 },
      thresholdText: '季末 0 户',
      message:
        `${formatPeriod(period)} 末仍有${indicator.name} ${count(closing)} ${m}` +
        (f.opening !== null && f.added !== null && f.cleared !== null ? `(期初 ${count(f.opening)},新认定 ${count(f.added)},清零 ${count(f.cleared)})` : ''),
    });
  }
}

/** 进度滞后: every count indicator behind schedule, for the district and each area. */
function behindSchedule(input: ProgressInput, checks: { overall: UnitCheck; areas: UnitCheck[] }, out: Found): void {
  const { plan } = input;
  for (const unit of [checks.overall, ...checks.areas]) {
    for (const c of unit.indicators) {
      if (c.kind !== 'count' || c.status !== 'behind') continue;
      out.warnings.push({
        rule: 'behindSchedule',
        title: ruleTitle(plan, 'behindSchedule'),
        unit: unit.unit,
        unitName: unit.name,
        indicator: c.indicator,
        figures: { ytd: c.ytd, target: c.target?.value ?? null, completion: c.completion, schedule: c.schedule, shortfall: c.shortfall },
        threshold: { schedule: c.schedule },
        thresholdText: `时序进度 ${percent(c.schedule * 100, 0)}`,
        message:
          `${c.name}累计 ${count(c.ytd ?? 0)} / ${count(c.target?.value ?? 0)} ${c.measure}(${percent((c.completion ?? 0) * 100, 1)}),` +
          `低于时序进度 ${percent(c.schedule * 100, 0)},差 ${count(c.shortfall ?? 0)} ${c.measure}`,
      });
    }
  }
}

function count(n: number): string {
  return groupDigits(n, 2, true);
}

function percent(n: number, decimals = 2): string {
  return `${n.toFixed(decimals)}%`;
}

function points(n: number): string {
  return n.toFixed(2);
}
