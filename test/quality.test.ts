// Data-quality hints (数据质量提示) at their thresholds, firing and not firing, and the refusals of one return.
import { describe, expect, it } from 'vitest';
import { figureBook } from '../src/domain/figures.js';
import { validatePlan } from '../src/domain/plan/file.js';
import type { Plan } from '../src/domain/plan/model.js';
import type { ReturnRecord } from '../src/domain/return.js';
import { qualityHints, ruleList, validateReturn } from '../src/domain/rules.js';
import { PLAN, ret } from './fill.js';
import { planRefusal, rawDefaultPlan } from './helpers.js';

/** The hints on the last return given, judged against the ones before it. */
const hintsOn = (returns: ReturnRecord[], plan: Plan = PLAN) => qualityHints(plan, returns.slice(-1), figureBook(returns.slice(0, -1)));
const rules = (returns: ReturnRecord[], plan?: Plan) => hintsOn(returns, plan).map((h) => h.rule);
const xinzeng = (...values: number[]) => values.map((v, i) => ret('liedong', `2021Q${i + 1}`, { figures: { xinzeng: v } }));

function planWith(edit: (raw: Record<string, any>) => void): Plan {
  const raw = rawDefaultPlan();
  edit(raw);
  return validatePlan(raw, 'test.json');
}

describe('疑似累计数 (cumulative: low 0.5, high 2, farAbove 3, minValue 10)', () => {
  it('Q1 120, Q2 140, then 418 (the year to date) is flagged with the figures and the threshold', () => {
    const [h] = hintsOn(xinzeng(120, 140, 418));
    expect(h).toMatchObject({
      rule: 'cumulative',
      severity: 'hint',
      unit: 'liedong',
      unitName: '列东街道',
      period: '2021Q3',
      indicator: 'xinzeng',
      items: ['figure:xinzeng.quarter'],
      figures: { value: 418, earlierSum: 260, excess: 158, '2021Q1': 120, '2021Q2': 140 },
      threshold: { low: 0.5, high: 2, farAbove: 3, minValue: 10 },
    });
    expect(h.message).toBe(
      '列东街道 2021Q3 城镇新增就业“本季度城镇新增就业人数”填 418,此前各季度为 2021Q1 120、2021Q2 140(合计 260),比此前各季度之和多 158,约为一个季度的量;疑为年初至今的累计数',
    );
    expect(h.fix).toContain('本季度数应为 158');
  });

  it('a consistent history raises no hint', () => {
    expect(hintsOn(xinzeng(120, 140, 130))).toEqual([]);
    expect(hintsOn(xinzeng(120, 140, 130, 150))).toEqual([]);
  });

  it('fires when the excess is exactly low × the median, not one below', () => {
    expect(rules(xinzeng(100, 100, 250))).toEqual(['cumulative']);
    expect(rules(xinzeng(100, 100, 249))).toEqual([]);
  });

  it('fires up to high × the median on top of the sum, not one above (farAbove set out of the way)', () => {
    const plan = planWith((p) => {
      p.dataQuality.cumulative.farAbove = 10;
      p.dataQuality.outlier.times = 10;
    });
    expect(rules(xinzeng(100, 100, 400), plan)).toEqual(['cumulative']);
    expect(rules(xinzeng(100, 100, 401), plan)).toEqual([]);
  });

  it('far above every earlier quarter and at least their sum: fires at farAbove × the largest', () => {
    const plan = planWith((p) => (p.dataQuality.cumulative.high = 1));
    expect(rules(xinzeng(100, 300), plan)).toEqual(['cumulative']);
    expect(rules(xinzeng(100, 299), plan)).toEqual([]);
  });

  it('small figures (below minValue), Q1 and a quarter with an earlier one missing are not judged', () => {
    expect(rules(xinzeng(4, 4, 9))).toEqual([]);
    expect(rules(xinzeng(4, 4, 10))).toEqual(['cumulative']);
    expect(rules(xinzeng(500))).toEqual([]);
    expect(rules([ret('liedong', '2021Q1', { figures: { xinzeng: 120 } }), ret('liedong', '2021Q3', { figures: { xinzeng: 418 } })])).toEqual([]);
  });
});

describe('零就业家庭期初与上季期末不符 (zeroContinuity)', () => {
  const families = (period: string, opening: number, closing: number) =>
    ret('xubi', period, { figures: { lingjiuye: { opening, added: 0, cleared: opening - closing, closing } } });

  it('three households vanish between Q2 and Q3', () => {
    const [h] = hintsOn([families('2021Q2', 3, 3), families('2021Q3', 0, 0)]);
    expect(h).toMatchObject({ rule: 'zeroContinuity', unitName: '徐碧街道', period: '2021Q3', items: ['figure:lingjiuye.opening'], figures: { opening: 0, previousClosing: 3, previousPeriod: '2021Q2' } });
    expect(h.message).toBe('徐碧街道 2021Q3 零就业家庭“期初零就业家庭户数”为 0,而 2021Q2 期末为 3(少了 3 户)');
  });

  it('continuity kept raises nothing; across the turn of the year last year’s Q4 is the reference', () => {
    expect(hintsOn([families('2021Q2', 3, 1), families('2021Q3', 1, 0)])).toEqual([]);
    expect(rules([families('2020Q4', 2, 2), families('2021Q1', 2, 0)])).toEqual([]);
    expect(rules([families('2020Q4', 2, 2), families('2021Q1', 5, 0)])).toEqual(['zeroContinuity']);
  });

  it('no previous quarter: nothing to compare', () => {
    expect(rules([families('2021Q2', 4, 0)])).toEqual([]);
  });
});

describe('基数变动过大 (baseJump: share 0.2 on 城镇从业人员数 and 高校毕业生人数)', () => {
  const employed = (period: string, denominator: number) => ret('chenda', period, { figures: { shiyelv: { numerator: 100, denominator } } });

  it('exactly 20% either way is not flagged; beyond it is', () => {
    expect(rules([employed('2021Q2', 10000), employed('2021Q3', 12000)])).toEqual([]);
    expect(rules([employed('2021Q2', 10000), employed('2021Q3', 8000)])).toEqual([]);
    const [up] = hintsOn([employed('2021Q2', 10000), employed('2021Q3', 12001)]);
    expect(up).toMatchObject({ rule: 'baseJump', items: ['figure:shiyelv.denominator'], threshold: { share: 0.2 } });
    expect(up.message).toContain('增加 20.0%');
    expect(rules([employed('2021Q2', 10000), employed('2021Q3', 7999)])).toEqual(['baseJump']);
  });

  it('a new year re-counts its bases: Q1 is not compared with last year’s Q4', () => {
    expect(rules([employed('2020Q4', 10000), employed('2021Q1', 20000)])).toEqual([]);
  });

  it('the graduates’ base of 区人社局 is watched too, and the share comes from the plan', () => {
    const grads = (period: string, denominator: number) => ret('renshe', period, { figures: { gaoxiao: { numerator: 100, denominator } } });
    expect(rules([grads('2021Q1', 1000), grads('2021Q2', 1300)])).toEqual(['baseJump']);
    const plan = planWith((p) => (p.dataQuality.baseJump.share = 0.5));
    expect(rules([grads('2021Q1', 1000), grads('2021Q2', 1300)], plan)).toEqual([]);
  });
});

describe('异常值 (outlier: times 3, minQuarters 2, minValue 10)', () => {
  const monitor = (period: string, v: number) => ret('liedong', period, { figures: { zhuanyi: v } });

  it('more than 3 × the median of the earlier quarters fires; exactly 3 × does not', () => {
    const history = [monitor('2020Q3', 100), monitor('2020Q4', 110)];
    expect(rules([...history, monitor('2021Q1', 315)])).toEqual([]);
    const [h] = hintsOn([...history, monitor('2021Q1', 316)]);
    expect(h).toMatchObject({ rule: 'outlier', figures: { value: 316, median: 105, quarters: 2 } });
    expect(h.message).toContain('是此前 2 个季度中位数 105 的 3.0 倍');
  });

  it('needs minQuarters earlier quarters', () => {
    expect(rules([monitor('2020Q4', 100), monitor('2021Q1', 900)])).toEqual([]);
  });

  it('a figure that looks cumulative gets that one hint, not an outlier as well', () => {
    expect(rules([...xinzeng(100, 110), ...[ret('liedong', '2021Q3', { figures: { xinzeng: 418 } })]])).toEqual(['cumulative']);
  });

  it('the unemployed count (a rate’s numerator) is watched: a digit too many', () => {
    const unemployed = (period: string, numerator: number) => ret('liedong', period, { figures: { shiyelv: { numerator, denominator: 12000 } } });
    expect(rules([unemployed('2021Q1', 318), unemployed('2021Q2', 320), unemployed('2021Q3', 3180)])).toEqual(['outlier']);
  });
});

describe('人数不是整数 (wholePeople)', () => {
  it('a monitor counted in people with a fraction is flagged; money is not', () => {
    expect(rules([ret('liedong', '2021Q1', { figures: { zhuanyi: 12.5 } })])).toEqual(['wholePeople']);
    expect(rules([ret('liedong', '2021Q1', { figures: { zhuanyi: 12 } })])).toEqual([]);
    expect(rules([ret('caizheng', '2021Q1', { figures: { buzhu: 12.5 } })])).toEqual([]);
  });
});

describe('refusals of one return (severity error)', () => {
  it('a negative count, a rate over 100%, a broken 零就业 identity and a layoff above the staff', () => {
    const bad = ret('liedong', '2021Q3', {
      figures: { xinzeng: -1, gaoxiao: { numerator: 500, denominator: 400 }, lingjiuye: { opening: 2, added: 1, cleared: 0, closing: 0 } },
      layoffs: [{ firm: '某厂', staff: 10, laidOff: 11, noticeOn: null, layoffOn: '2021-09-01' }],
    });
    const found = validateReturn(PLAN, bad);
    expect(found.map((f) => [f.rule, f.severity])).toEqual([
      ['negativeFigure', 'error'],
      ['rateOver100', 'error'],
      ['zeroIdentity', 'error'],
      ['layoffOverStaff', 'error'],
    ]);
    expect(found[2].items).toEqual(['figure:lingjiuye.closing', 'figure:lingjiuye.opening', 'figure:lingjiuye.added', 'figure:lingjiuye.cleared']);
    expect(found.every((f) => f.fix)).toBe(true);
  });

  it('a return that keeps them has none', () => {
    expect(validateReturn(PLAN, ret('liedong', '2021Q3', { figures: { xinzeng: 0, lingjiuye: { opening: 2, added: 1, cleared: 3, closing: 0 } } }))).toEqual([]);
  });
});

describe('thresholds live in the plan', () => {
  it('each hint rule explains itself with the plan’s figures', () => {
    const list = ruleList(PLAN, 'hint');
    expect(list.map((r) => r.rule)).toEqual(['cumulative', 'zeroContinuity', 'baseJump', 'outlier', 'wholePeople']);
    expect(list.find((r) => r.rule === 'baseJump')!.text).toBe('期末城镇从业人员数、期末高校毕业生人数与同年上一季度相比变动超过 20% 即提示(新年度重新起算,第一季度不比较)');
    expect(list.find((r) => r.rule === 'outlier')!.text).toContain('中位数的 3 倍');
  });

  it('the schema refuses bad thresholds by place, and a plan without them gets the defaults', () => {
    const refused = planRefusal;
    expect(refused((p) => (p.dataQuality.outlier.times = 1))).toContain('dataQuality.outlier.times: 应为大于 1 的倍数,实为 1');
    expect(refused((p) => (p.dataQuality.baseJump.fields = ['shiyelv.nosuch']))).toContain('指标 shiyelv 没有项目 "nosuch"');
    expect(refused((p) => (p.dataQuality.cumulative = { low: 2, high: 1 }))).toContain('high(1)不能小于 low(2)');
    expect(refused((p) => (p.dataQuality.nosuch = {}))).toContain('dataQuality.nosuch: 没有这项规则');
    const plain = planWith((p) => delete p.dataQuality);
    expect(plain.dataQuality.baseJump.fields).toEqual(['shiyelv.denominator', 'gaoxiao.denominator', 'lixiao.denominator']);
    expect(plain.dataQuality.outlier).toEqual({ times: 3, minQuarters: 2, minValue: 10 });
  });
});
