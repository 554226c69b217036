// Rules on the figures of a return: those that refuse it (a negative count, a broken identity) and
// the data-quality hints (数据质量提示) that look across quarters and never refuse.
import type { Finding, Rule, RuleContext } from './finding.js';
import { formatPeriod, previousPeriod, type Period, type Quarter } from './period.js';
import { indicatorsReportedBy, unitName, type Indicator, type Plan } from './plan/model.js';
import { figureItem, type ReturnRecord } from './return.js';
import { numberText, shareText } from '../format/number.js';

const label = (ind: Indicator, field: string) => ind.fields.find((f) => f.key === field)?.label ?? field;

/** The value of one of the record's figures. */
function valueOf(r: ReturnRecord, indicator: string, field: string): number | undefined {
  return r.figures.find((f) => f.indicator === indicator && f.field === field)?.value;
}

/** An error that refuses the return, pointing at the figures (items) involved. */
function refusal(ctx: RuleContext, rule: Rule, r: ReturnRecord, fields: { indicator: string | null; items: string[]; message: string; fix: string; figures?: Finding['figures'] }): Finding {
  return {
    rule: rule.id,
    severity: 'error',
    title: rule.title(ctx.plan),
    unit: r.unit,
    unitName: unitName(ctx.plan, r.unit),
    period: formatPeriod(r.period),
    indicator: fields.indicator,
    figures: fields.figures ?? {},
    threshold: {},
    thresholdText: rule.explain(ctx.plan),
    message: fields.message,
    items: fields.items,
    fix: fields.fix,
  };
}

/** 数值为负: no figure of a return is negative. */
export const negativeFigure: Rule = {
  id: 'negativeFigure',
  severity: 'error',
  title: () => '数值为负',
  explain: () => '填报的数字不能为负数',
  evaluate(ctx, out) {
    for (const r of ctx.subjects) {
      for (const f of r.figures) {
        if (f.value >= 0) continue;
        const ind = ctx.plan.indicators.find((i) => i.code === f.indicator);
        out.findings.push(
          refusal(ctx, this, r, {
            indicator: f.indicator,
            items: [figureItem(f.indicator, f.field)],
            message: `${ind?.name ?? f.indicator}“${ind ? label(ind, f.field) : f.field}”不能为负数(填的是 ${f.value})`,
            fix: '请填写 0 或正数',
            figures: { value: f.value },
          }),
        );
      }
    }
  },
};

/** 比率超过 100%: a numerator above its base, or a base of 0 under a positive numerator. */
export const rateOver100: Rule = {
  id: 'rateOver100',
  severity: 'error',
  title: () => '比率超过 100%',
  explain: () => '比率的分子不能大于分母',
  evaluate(ctx, out) {
    for (const r of ctx.subjects) {
      for (const ind of ctx.plan.indicators) {
        if (ind.kind !== 'rate' && ind.kind !== 'relative') continue;
        const n = valueOf(r, ind.code, 'numerator');
        const d = valueOf(r, ind.code, 'denominator');
        if (n === undefined || d === undefined || n < 0 || d < 0) continue;
        const [numLabel, denLabel] = ind.fields.map((f) => f.label);
        const items = [figureItem(ind.code, 'numerator'), figureItem(ind.code, 'denominator')];
        const base = ind.denominatorAddsNumerator ? d + n : d;
        if (base === 0 && n > 0) {
          out.findings.push(refusal(ctx, this, r, { indicator: ind.code, items, message: `${ind.name}:${denLabel}为 0,无法计算比率`, fix: `请核对${denLabel}` }));
        } else if (n > base) {
          out.findings.push(
            refusal(ctx, this, r, {
              indicator: ind.code,
              items,
              message: `${ind.name}超过 100%(${numLabel} ${n} 大于 ${denLabel} ${d},比率 ${shareText(n / base, 1)})`,
              fix: `请核对两项数字:${numLabel}不能大于${denLabel}`,
              figures: { numerator: n, denominator: d },
            }),
          );
        }
      }
    }
  },
};

/** 期末数不符: a stock's closing figure equals opening + added − cleared. */
export const zeroIdentity: Rule = {
  id: 'zeroIdentity',
  severity: 'error',
  title: () => '期末数与期初、增减不符',
  explain: () => '期末 = 期初 + 本季度新增 − 本季度减少',
  evaluate(ctx, out) {
    for (const r of ctx.subjects) {
      for (const ind of ctx.plan.indicators) {
        if (ind.kind !== 'zero') continue;
        const [opening, added, cleared, closing] = ['opening', 'added', 'cleared', 'closing'].map((k) => valueOf(r, ind.code, k));
        if ([opening, added, cleared, closing].some((v) => v === undefined || v < 0)) continue;
        const expected = opening! + added! - cleared!;
        if (expected === closing) continue;
        const [lo, la, lc, lz] = ind.fields.map((f) => f.label);
        out.findings.push(
          refusal(ctx, this, r, {
            indicator: ind.code,
            items: ['closing', 'opening', 'added', 'cleared'].map((k) => figureItem(ind.code, k)),
            message: `${ind.name}期末数与期初、增减不符:${lo} ${opening} + ${la} ${added} − ${lc} ${cleared} = ${expected},而${lz}填的是 ${closing}`,
            fix: `请核对四项数字,使 ${lz} = ${lo} + ${la} − ${lc}`,
            figures: { opening: opening!, added: added!, cleared: cleared!, closing: closing! },
          }),
        );
      }
    }
  },
};

/** 裁减人数大于职工总数. */
export const layoffOverStaff: Rule = {
  id: 'layoffOverStaff',
  severity: 'error',
  title: () => '裁减人数大于职工总数',
  explain: () => '一户企业的裁减人数不能大于职工总数',
  evaluate(ctx, out) {
    for (const r of ctx.subjects) {
      r.layoffs.forEach((l, i) => {
        if (l.laidOff <= l.staff) return;
        const k = `layoff:${i + 1}`;
        out.findings.push(
          refusal(ctx, this, r, {
            indicator: null,
            items: [`${k}.laidOff`, `${k}.staff`],
            message: `规模性裁员第 ${i + 1} 户“${l.firm}”:裁减人数 ${l.laidOff} 大于职工总数 ${l.staff}`,
            fix: '请核对职工总数和裁减人数',
            figures: { staff: l.staff, laidOff: l.laidOff },
          }),
        );
      });
    }
  },
};

/** A data-quality hint on one figure of a return. */
function hint(
  ctx: RuleContext,
  rule: Rule,
  r: ReturnRecord,
  ind: Indicator,
  field: string,
  fields: { figures: Finding['figures']; threshold: Finding['threshold']; thresholdText: string; message: string; fix: string },
): Finding {
  const unit = unitName(ctx.plan, r.unit);
  return {
    rule: rule.id,
    severity: 'hint',
    title: rule.title(ctx.plan),
    unit: r.unit,
    unitName: unit,
    period: formatPeriod(r.period),
    indicator: ind.code,
    items: [figureItem(ind.code, field)],
    ...fields,
    message: `${unit} ${formatPeriod(r.period)} ${ind.name}“${label(ind, field)}”${fields.message}`,
  };
}

/** The quarterly flows a unit reports (count and monitor figures), with their value in the return. */
function* flows(plan: Plan, r: ReturnRecord) {
  for (const ind of indicatorsReportedBy(plan, r.unit)) {
    if (ind.kind !== 'count' && ind.kind !== 'monitor') continue;
    const v = valueOf(r, ind.code, 'quarter');
    if (v !== undefined) yield { ind, field: 'quarter', value: v };
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * 疑似累计数: from the second quarter, a quarterly figure that is the earlier quarters' sum plus
 * about one more quarter, or at least that sum and far above every earlier quarter, looks like a
 * year-to-date figure typed into the 本季度 cell.
 */
export const cumulative: Rule = {
  id: 'cumulative',
  severity: 'hint',
  title: () => '疑似填了累计数',
  explain: (plan) => {
    const t = plan.dataQuality.cumulative;
    return (
      `“本季度”应填当季发生数。第二季度起,本季度数超过此前各季度之和、且超出部分为此前季度中位数的 ${t.low}–${t.high} 倍` +
      `(像是累计数),或不低于此前各季度之和、且达到此前最大季度的 ${t.farAbove} 倍,即提示;小于 ${t.minValue} 的数不判断`
    );
  },
  evaluate(ctx, out) {
    const t = ctx.plan.dataQuality.cumulative;
    for (const r of ctx.subjects) {
      if (r.period.quarter === 1) continue;
      for (const { ind, field, value } of flows(ctx.plan, r)) {
        if (value < t.minValue) continue;
        const earlier: { period: Period; value: number }[] = [];
        for (let q = 1; q < r.period.quarter; q++) {
          const p = { year: r.period.year, quarter: q as Quarter };
          const v = ctx.book.get(p, r.unit, ind.code, field);
          if (v !== null) earlier.push({ period: p, value: v });
        }
        if (earlier.length < r.period.quarter - 1) continue; // a missing quarter: no sum to compare with
        const values = earlier.map((e) => e.value);
        const sum = values.reduce((a, b) => a + b, 0);
        const mid = median(values);
        const top = Math.max(...values);
        if (mid <= 0) continue;
        const excess = value - sum;
        const onTop = excess >= t.low * mid && excess <= t.high * mid;
        const farAbove = value >= sum && value >= t.farAbove * top;
        if (!onTop && !farAbove) continue;
        const list = earlier.map((e) => `${formatPeriod(e.period)} ${numberText(e.value)}`).join('、');
        const why = onTop ? `比此前各季度之和多 ${numberText(excess)},约为一个季度的量` : `是此前最大季度 ${numberText(top)} 的 ${(value / top).toFixed(1)} 倍`;
        out.findings.push(
          hint(ctx, this, r, ind, field, {
            figures: { value, earlierSum: sum, excess, ...Object.fromEntries(earlier.map((e) => [formatPeriod(e.period), e.value])) },
            threshold: { low: t.low, high: t.high, farAbove: t.farAbove, minValue: t.minValue },
            thresholdText: `超出此前之和 ${t.low}–${t.high} 个季度的量,或 ≥此前最大季度 ${t.farAbove} 倍`,
            message: `填 ${numberText(value)},此前各季度为 ${list}(合计 ${numberText(sum)}),${why};疑为年初至今的累计数`,
            fix: `请向报送单位核实;如确为累计数,本季度数应为 ${numberText(excess)}`,
          }),
        );
      }
    }
  },
};

/** 零就业家庭期初与上季期末不符: households do not vanish or appear between two quarters. */
export const zeroContinuity: Rule = {
  id: 'zeroContinuity',
  severity: 'hint',
  title: () => '期初与上季期末不符',
  explain: () => '零就业家庭本季度期初户数应等于上季度期末户数(跨年时与上年第四季度比较)',
  evaluate(ctx, out) {
    for (const r of ctx.subjects) {
      const before = previousPeriod(r.period);
      for (const ind of indicatorsReportedBy(ctx.plan, r.unit)) {
        if (ind.kind !== 'zero') continue;
        const opening = valueOf(r, ind.code, 'opening');
        const closing = ctx.book.get(before, r.unit, ind.code, 'closing');
        if (opening === undefined || closing === null || opening === closing) continue;
        const gap = opening < closing ? `少了 ${numberText(closing - opening)} ${ind.measure}` : `多了 ${numberText(opening - closing)} ${ind.measure}`;
        out.findings.push(
          hint(ctx, this, r, ind, 'opening', {
            figures: { opening, previousClosing: closing, previousPeriod: formatPeriod(before) },
            threshold: {},
            thresholdText: '期初 = 上季期末',
            message: `为 ${numberText(opening)},而 ${formatPeriod(before)} 期末为 ${numberText(closing)}(${gap})`,
            fix: '请向报送单位核实期初户数;户数确有调整的,请在说明栏写明原因',
          }),
        );
      }
    }
  },
};

/** 基数跳变: a base (城镇从业人员数, 高校毕业生人数) moving by more than `share` from the quarter before, within a year. */
export const baseJump: Rule = {
  id: 'baseJump',
  severity: 'hint',
  title: () => '基数变动过大',
  explain: (plan) => {
    const t = plan.dataQuality.baseJump;
    const names = t.fields.map((f) => {
      const [code, key] = f.split('.');
      const ind = plan.indicators.find((i) => i.code === code);
      return ind ? label(ind, key) : f;
    });
    return `${names.join('、')}与同年上一季度相比变动超过 ${shareText(t.share, 0)} 即提示(新年度重新起算,第一季度不比较)`;
  },
  evaluate(ctx, out) {
    const t = ctx.plan.dataQuality.baseJump;
    for (const r of ctx.subjects) {
      // Bases are re-counted each year (a new graduating class), so Q1 is not compared with last year.
      if (r.period.quarter === 1) continue;
      const before = previousPeriod(r.period);
      for (const f of t.fields) {
        const [code, key] = f.split('.');
        const ind = indicatorsReportedBy(ctx.plan, r.unit).find((i) => i.code === code);
        const value = ind ? valueOf(r, code, key) : undefined;
        const prev = ind ? ctx.book.get(before, r.unit, code, key) : null;
        if (!ind || value === undefined || prev === null || prev <= 0) continue;
        const change = (value - prev) / prev;
        if (Math.abs(change) <= t.share + 1e-9) continue;
        out.findings.push(
          hint(ctx, this, r, ind, key, {
            figures: { value, previous: prev, previousPeriod: formatPeriod(before), change },
            threshold: { share: t.share },
            thresholdText: `变动不超过 ${shareText(t.share, 0)}`,
            message: `为 ${numberText(value)},${formatPeriod(before)} 为 ${numberText(prev)},${change > 0 ? '增加' : '减少'} ${shareText(Math.abs(change), 1)}`,
            fix: '请向报送单位核实;基数口径有调整的,请在说明栏写明',
          }),
        );
      }
    }
  },
};

/** 异常值: a figure more than `times` the median of the unit's earlier quarters (this year and last). */
export const outlier: Rule = {
  id: 'outlier',
  severity: 'hint',
  title: () => '异常值',
  explain: (plan) => {
    const t = plan.dataQuality.outlier;
    return `某项季度数超过该单位此前各季度(本年和上年,至少 ${t.minQuarters} 个季度)中位数的 ${t.times} 倍即提示;小于 ${t.minValue} 的数不判断`;
  },
  evaluate(ctx, out) {
    const t = ctx.plan.dataQuality.outlier;
    for (const r of ctx.subjects) {
      const figures = [...flows(ctx.plan, r)];
      for (const ind of indicatorsReportedBy(ctx.plan, r.unit)) {
        const v = ind.kind === 'rate' || ind.kind === 'relative' ? valueOf(r, ind.code, 'numerator') : undefined;
        if (v !== undefined) figures.push({ ind, field: 'numerator', value: v });
      }
      for (const { ind, field, value } of figures) {
        if (value < t.minValue) continue;
        const earlier = ctx.book.before(r.period, r.unit, ind.code, field).filter((e) => e.period.year >= r.period.year - 1);
        if (earlier.length < t.minQuarters) continue;
        const mid = median(earlier.map((e) => e.value));
        if (mid <= 0 || value <= t.times * mid) continue;
        out.findings.push(
          hint(ctx, this, r, ind, field, {
            figures: { value, median: mid, quarters: earlier.length },
            threshold: { times: t.times, minQuarters: t.minQuarters, minValue: t.minValue },
            thresholdText: `≤此前中位数的 ${t.times} 倍`,
            message: `填 ${numberText(value)},是此前 ${earlier.length} 个季度中位数 ${numberText(mid)} 的 ${(value / mid).toFixed(1)} 倍(${earlier.map((e) => `${formatPeriod(e.period)} ${numberText(e.value)}`).join('、')})`,
            fix: '请向报送单位核实是否多写了一位或填错了行',
          }),
        );
      }
    }
  },
};

/** 人数不是整数: a monitor figure counted in people (人, 人次, 户) with a fraction. */
export const wholePeople: Rule = {
  id: 'wholePeople',
  severity: 'hint',
  title: () => '人数不是整数',
  explain: (plan) => `以${plan.dataQuality.wholePeople.measures.join('、')}计的监测数应为整数`,
  evaluate(ctx, out) {
    const measures = ctx.plan.dataQuality.wholePeople.measures;
    for (const r of ctx.subjects) {
      for (const { ind, field, value } of flows(ctx.plan, r)) {
        if (ind.kind !== 'monitor' || !measures.includes(ind.measure) || Number.isInteger(value)) continue;
        out.findings.push(
          hint(ctx, this, r, ind, field, {
            figures: { value },
            threshold: {},
            thresholdText: `整数(${ind.measure})`,
            message: `填 ${value} ${ind.measure},不是整数`,
            fix: '请向报送单位核实;人数、人次、户数应为整数',
          }),
        );
      }
    }
  },
};

/** How many decimals a reader accepts for an indicator: monitors in people get two, for wholePeople to flag rather than refuse. */
export function decimalsAccepted(plan: Plan, ind: Indicator): number {
  return ind.kind === 'monitor' && plan.dataQuality.wholePeople.measures.includes(ind.measure) ? Math.max(ind.decimals, 2) : ind.decimals;
}

