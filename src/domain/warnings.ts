// The risk warnings of document section 三(三), one rule object each: the rule, the unit, the figures that fired it and the threshold.
import { daysBetween } from './dates.js';
import type { Finding, Found, Rule, RuleContext } from './finding.js';
import { formatPeriod, previousPeriod, samePeriod, type Period } from './period.js';
import { indicatorByCode, unitName, type Plan } from './plan/model.js';
import { breaks } from './progress.js';
import { numberText, rateText, shareText } from '../format/number.js';
import { SCHEDULE, WARNING_NAMES } from '../format/words.js';

export type { NotEvaluated, RiskWarning, WarningRule } from './finding.js';

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

/** A warning's common fields. */
function warning(ctx: RuleContext, rule: Rule, fields: Pick<Finding, 'unit' | 'unitName' | 'indicator' | 'figures' | 'threshold' | 'thresholdText' | 'message'>): Finding {
  return { rule: rule.id, severity: 'warning', title: rule.title(ctx.plan), period: formatPeriod(ctx.period), ...fields };
}

/** 新增就业连续下滑: the quarterly figure fell `quarters` quarters running, reaching back into last year when needed. */
export const employmentDecline: Rule = {
  id: 'employmentDecline',
  severity: 'warning',
  title: () => WARNING_NAMES.employmentDecline(),
  explain: (plan) => plan.warnings.employmentDecline.rule,
  evaluate(ctx: RuleContext, out: Found): void {
    const { plan, book } = ctx;
    const s = plan.warnings.employmentDecline;
    const indicator = indicatorByCode(plan, s.indicator);
    const title = this.title(plan);
    const periods: Period[] = [ctx.period];
    for (let k = 0; k < s.quarters; k++) periods.unshift(previousPeriod(periods[0]));
    for (const scope of scopes(plan, indicator.reportedBy)) {
      const sums = periods.map((p) => ({ period: p, ...book.sum(p, scope.units, indicator.code, 'quarter') }));
      // A district total with a unit missing would fall for no reason: judge only complete quarters.
      const gaps = sums.filter((x) => x.missing.length > 0);
      if (gaps.length > 0) {
        const reason = gaps
          .map((g) => (g.missing.length === scope.units.length ? `${formatPeriod(g.period)} 无数据` : `${formatPeriod(g.period)} 有 ${g.missing.length} 个单位未报`))
          .join(',');
        out.notEvaluated.push({ rule: this.id, title, unit: scope.unit, unitName: scope.unitName, reason });
        continue;
      }
      const values = sums.map((x) => x.value as number);
      if (!values.every((v, i) => i === 0 || v < values[i - 1])) continue;
      const m = indicator.measure;
      out.findings.push(
        warning(ctx, this, {
          unit: scope.unit,
          unitName: scope.unitName,
          indicator: indicator.code,
          figures: Object.fromEntries(sums.map((x) => [formatPeriod(x.period), x.value])),
          threshold: { quarters: s.quarters },
          thresholdText: `连续 ${s.quarters} 个季度下降`,
          message: `${indicator.name}季度数连续 ${s.quarters} 个季度下降:${sums.map((x) => `${formatPeriod(x.period)} ${numberText(x.value as number)} ${m}`).join(' → ')}`,
        }),
      );
    }
  },
};

/** 失业率急速攀升: the quarter-end rate rose by risePoints or more on the previous quarter end, or is over its ceiling. */
export const unemploymentSurge: Rule = {
  id: 'unemploymentSurge',
  severity: 'warning',
  title: () => WARNING_NAMES.unemploymentSurge(),
  explain: (plan) => plan.warnings.unemploymentSurge.rule,
  evaluate(ctx: RuleContext, out: Found): void {
    const { plan, period, book } = ctx;
    const s = plan.warnings.unemploymentSurge;
    const indicator = indicatorByCode(plan, s.indicator);
    const title = this.title(plan);
    const ceiling = indicator.target?.op === '<=' ? (indicator.target.value ?? null) : null;
    const before = previousPeriod(period);
    for (const scope of scopes(plan, indicator.reportedBy)) {
      const now = book.rate(period, scope.units, indicator);
      if (now.rate === null) {
        out.notEvaluated.push({ rule: this.id, title, unit: scope.unit, unitName: scope.unitName, reason: `${formatPeriod(period)} 无数据` });
        continue;
      }
      const prev = book.rate(before, scope.units, indicator);
      // Compare like with like: a rise is judged only when the same units reported both quarter ends.
      const comparable = prev.rate !== null && prev.missing.length === 0 && now.missing.length === 0;
      if (!comparable) {
        out.notEvaluated.push({
          rule: this.id,
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
      if (rose) reasons.push(`比 ${formatPeriod(before)} 末(${rateText(prev.rate as number)})上升 ${numberText(rise as number, 2)} 个百分点(阈值 ${s.risePoints})`);
      if (over) reasons.push(`超过控制目标 ${ceiling}%`);
      out.findings.push(
        warning(ctx, this, {
          unit: scope.unit,
          unitName: scope.unitName,
          indicator: indicator.code,
          figures: { rate: now.rate, previousRate: comparable ? prev.rate : null, rise, previousPeriod: formatPeriod(before) },
          threshold: { risePoints: s.risePoints, ceiling },
          thresholdText: `升幅 ≥${s.risePoints} 个百分点${ceiling !== null ? `,或 >${ceiling}%` : ''}`,
          message: `${indicator.name} ${formatPeriod(period)} 末为 ${rateText(now.rate)},${reasons.join(',且')}`,
        }),
      );
    }
  },
};

/** The layoff cases reported for the quarter, with their unit. */
function* layoffCases(ctx: RuleContext) {
  for (const r of ctx.subjects) {
    if (!samePeriod(r.period, ctx.period)) continue;
    for (const l of r.layoffs) yield { unit: r.unit, name: unitName(ctx.plan, r.unit), l };
  }
}

/** 规模性裁员: one layoff of `people` or more, or of `staffShare` or more of the firm's staff. */
export const massLayoff: Rule = {
  id: 'massLayoff',
  severity: 'warning',
  title: () => WARNING_NAMES.massLayoff(),
  explain: (plan) => {
    const s = plan.warnings.massLayoff;
    return `一次裁减${s.people}人以上,或占企业职工总数${shareText(s.staffShare, 0)}以上`;
  },
  evaluate(ctx: RuleContext, out: Found): void {
    const s = ctx.plan.warnings.massLayoff;
    for (const { unit, name, l } of layoffCases(ctx)) {
      const share = l.staff > 0 ? l.laidOff / l.staff : null;
      const byPeople = l.laidOff >= s.people;
      const byShare = share !== null && !breaks(share, '>=', s.staffShare); // share ≥ staffShare, within rounding
      if (!byPeople && !byShare) continue;
      const shareWords = share === null ? '' : `,占职工总数 ${shareText(share, 1)}${byShare ? `(${shareText(s.staffShare, 0)}以上)` : ''}`;
      out.findings.push(
        warning(ctx, this, {
          unit,
          unitName: name,
          indicator: null,
          figures: { firm: l.firm, staff: l.staff, laidOff: l.laidOff, share },
          threshold: { people: s.people, staffShare: s.staffShare },
          thresholdText: `≥${s.people} 人,或 ≥${shareText(s.staffShare, 0)}`,
          message: `${l.firm}:职工 ${numberText(l.staff)} 人,裁减 ${numberText(l.laidOff)} 人${byPeople ? `(${s.people} 人以上)` : ''}${shareWords}`,
        }),
      );
    }
  },
};

/** 裁员未提前N日说明: a layoff announced to the union or the staff less than noticeDays ahead, or not at all. */
export const layoffNotice: Rule = {
  id: 'layoffNotice',
  severity: 'warning',
  title: (plan) => WARNING_NAMES.layoffNotice(plan.warnings.massLayoff.noticeDays),
  explain: (plan) => `经济性裁员须提前${plan.warnings.massLayoff.noticeDays}日向工会或全体职工说明情况(文件五(二))`,
  evaluate(ctx: RuleContext, out: Found): void {
    const s = ctx.plan.warnings.massLayoff;
    const title = this.title(ctx.plan);
    for (const { unit, name, l } of layoffCases(ctx)) {
      if (l.noticeOn !== null && l.layoffOn === null) {
        out.notEvaluated.push({ rule: this.id, title, unit, unitName: name, reason: `${l.firm} 未填写裁员实施日期` });
        continue;
      }
      const ahead = l.noticeOn !== null && l.layoffOn !== null ? daysBetween(l.noticeOn, l.layoffOn) : null;
      if (ahead !== null && ahead >= s.noticeDays) continue;
      out.findings.push(
        warning(ctx, this, {
          unit,
          unitName: name,
          indicator: null,
          figures: { firm: l.firm, laidOff: l.laidOff, noticeOn: l.noticeOn, layoffOn: l.layoffOn, daysAhead: ahead },
          threshold: { noticeDays: s.noticeDays },
          thresholdText: `提前 ≥${s.noticeDays} 日说明`,
          message:
            ahead === null
              ? `${l.firm}:裁减 ${numberText(l.laidOff)} 人${l.layoffOn ? `(${l.layoffOn} 实施)` : ''},未填写向工会或全体职工说明的日期(应提前 ${s.noticeDays} 日说明)`
              : `${l.firm}:${l.layoffOn} 裁减 ${numberText(l.laidOff)} 人,${l.noticeOn} 才向工会或全体职工说明,` +
                `${ahead >= 0 ? `只提前 ${ahead} 天` : `晚于实施日 ${-ahead} 天`}(应提前 ${s.noticeDays} 日)`,
        }),
      );
    }
  },
};

/** 零就业家庭未清零: an area's quarter-end stock above 0. */
export const zeroFamilies: Rule = {
  id: 'zeroFamilies',
  severity: 'warning',
  title: () => WARNING_NAMES.zeroFamilies(),
  explain: (plan) => plan.warnings.zeroFamilies.rule,
  evaluate(ctx: RuleContext, out: Found): void {
    const { plan, period, book } = ctx;
    const indicator = indicatorByCode(plan, plan.warnings.zeroFamilies.indicator);
    const title = this.title(plan);
    const reporting = new Set(indicator.reportedBy);
    for (const u of plan.units.filter((x) => x.kind === 'area' && reporting.has(x.code))) {
      const get = (field: string) => book.get(period, u.code, indicator.code, field);
      const closing = get('closing');
      if (closing === null) {
        out.notEvaluated.push({ rule: this.id, title, unit: u.code, unitName: u.name, reason: `${formatPeriod(period)} 未报` });
        continue;
      }
      if (closing <= 0) continue;
      const f = { opening: get('opening'), added: get('added'), cleared: get('cleared'), closing };
      out.findings.push(
        warning(ctx, this, {
          unit: u.code,
          unitName: u.name,
          indicator: indicator.code,
          figures: f,
          threshold: { closing: 0 },
          thresholdText: '季末 0 户',
          message:
            `${formatPeriod(period)} 末仍有${indicator.name} ${numberText(closing)} ${indicator.measure}` +
            (f.opening !== null && f.added !== null && f.cleared !== null ? `(期初 ${numberText(f.opening)},新认定 ${numberText(f.added)},清零 ${numberText(f.cleared)})` : ''),
        }),
      );
    }
  },
};

/** 进度滞后: every count indicator behind schedule, for the district and each area (read from the progress checks). */
export const behindSchedule: Rule = {
  id: 'behindSchedule',
  severity: 'warning',
  title: () => WARNING_NAMES.behindSchedule(),
  explain: (plan) => plan.warnings.behindSchedule.rule,
  evaluate(ctx: RuleContext, out: Found): void {
    if (!ctx.checks) return;
    // An area left out of an allocation the others have (a unit new this year) cannot be behind, nor on
    // schedule: it is said as not judged, so that no one reads its silence as progress.
    const allocated = new Set(ctx.checks.areas.flatMap((u) => u.indicators.filter((c) => c.target?.source === 'allocation').map((c) => c.indicator)));
    for (const unit of ctx.checks.areas) {
      const left = unit.indicators.filter((c) => c.kind === 'count' && c.target === null && allocated.has(c.indicator));
      if (left.length > 0) out.notEvaluated.push({ rule: this.id, title: this.title(ctx.plan), unit: unit.unit, unitName: unit.name, reason: `${left.map((c) => c.name).join('、')}未分解` });
    }
    for (const unit of [ctx.checks.overall, ...ctx.checks.areas]) {
      for (const c of unit.indicators) {
        if (c.kind !== 'count' || c.status !== 'behind') continue;
        out.findings.push(
          warning(ctx, this, {
            unit: unit.unit,
            unitName: unit.name,
            indicator: c.indicator,
            figures: { ytd: c.ytd, target: c.target?.value ?? null, completion: c.completion, schedule: c.schedule, shortfall: c.shortfall },
            threshold: { schedule: c.schedule },
            thresholdText: `${SCHEDULE} ${shareText(c.schedule, 0)}`,
            message:
              `${c.name}累计 ${numberText(c.ytd ?? 0)} / ${numberText(c.target?.value ?? 0)} ${c.measure}(${shareText(c.completion ?? 0, 1)}),` +
              `低于${SCHEDULE} ${shareText(c.schedule, 0)},差 ${numberText(c.shortfall ?? 0)} ${c.measure}`,
          }),
        );
      }
    }
  },
};
