// Each warning rule firing exactly at its threshold and not firing just short of it.
import { describe, expect, it } from 'vitest';
import type { ReturnRecord } from '../src/domain/return.js';
import type { WarningRule } from '../src/domain/warnings.js';
import { warnReport } from '../src/domain/rules.js';
import { AREAS, everyArea, input, PLAN, ret } from './fill.js';

const fired = (period: string, returns: ReturnRecord[], rule: WarningRule, extra: Parameters<typeof input>[2] = {}) =>
  warnReport(input(period, returns, extra)).warnings.filter((w) => w.rule === rule);
const skipped = (period: string, returns: ReturnRecord[], rule: WarningRule) => warnReport(input(period, returns)).notEvaluated.filter((w) => w.rule === rule);

const xinzeng = (values: Record<string, number>) => Object.entries(values).flatMap(([p, v]) => everyArea(p, { figures: { xinzeng: v } }));

describe('新增就业连续下滑 (quarters = 2)', () => {
  it('Q1 > Q2 > Q3 fires at Q3, for the district and each area, with the figures', () => {
    const w = fired('2021Q3', xinzeng({ '2021Q1': 100, '2021Q2': 90, '2021Q3': 80 }), 'employmentDecline');
    expect(w.map((x) => x.unit)).toEqual([null, ...AREAS]);
    expect(w[0]).toMatchObject({
      title: '新增就业连续下滑',
      unitName: '梅列区(全区)',
      indicator: 'xinzeng',
      figures: { '2021Q1': 600, '2021Q2': 540, '2021Q3': 480 },
      threshold: { quarters: 2 },
      message: '城镇新增就业季度数连续 2 个季度下降:2021Q1 600 人 → 2021Q2 540 人 → 2021Q3 480 人',
    });
  });

  it('does not fire on one decline, nor when a quarter equals the one before', () => {
    expect(fired('2021Q3', xinzeng({ '2021Q1': 80, '2021Q2': 100, '2021Q3': 90 }), 'employmentDecline')).toEqual([]);
    expect(fired('2021Q3', xinzeng({ '2021Q1': 100, '2021Q2': 90, '2021Q3': 90 }), 'employmentDecline')).toEqual([]);
  });

  it('across the turn of the year, last year’s quarters count', () => {
    const returns = xinzeng({ '2020Q3': 100, '2020Q4': 90, '2021Q1': 80 });
    expect(fired('2021Q1', returns, 'employmentDecline')[0].figures).toEqual({ '2020Q3': 600, '2020Q4': 540, '2021Q1': 480 });
  });

  it('without last year’s data, Q1 is not judged, and says why', () => {
    const s = skipped('2021Q1', xinzeng({ '2021Q1': 80 }), 'employmentDecline');
    expect(s[0]).toMatchObject({ unit: null, reason: '2020Q3 无数据,2020Q4 无数据' });
  });

  it('a district total with a unit missing is not judged; the areas that reported all quarters are', () => {
    const returns = xinzeng({ '2021Q1': 100, '2021Q2': 90, '2021Q3': 80 }).filter((r) => !(r.unit === 'yangxi' && r.period.quarter === 2));
    expect(fired('2021Q3', returns, 'employmentDecline').map((w) => w.unit)).toEqual(['liedong', 'liexi', 'xubi', 'chenda', 'kaifaqu']);
    expect(skipped('2021Q3', returns, 'employmentDecline').map((s) => [s.unitName, s.reason])).toEqual([
      ['梅列区(全区)', '2021Q2 有 1 个单位未报'],
      ['洋溪镇', '2021Q2 无数据'],
    ]);
  });
});

describe('失业率急速攀升 (rise ≥ 0.5 points, or over 3.5%)', () => {
  const rate = (period: string, numerator: number, denominator: number) => everyArea(period, { figures: { shiyelv: { numerator, denominator } } });

  it('a rise of exactly 0.5 points fires (2.5% → 3.0%)', () => {
    const w = fired('2021Q3', [...rate('2021Q2', 25, 975), ...rate('2021Q3', 30, 970)], 'unemploymentSurge');
    expect(w).toHaveLength(7);
    expect(w[0].figures.rise as number).toBeCloseTo(0.5, 9);
    expect(w[0]).toMatchObject({ unit: null, threshold: { risePoints: 0.5, ceiling: 3.5 }, figures: { previousPeriod: '2021Q2' } });
    expect(w[0].message).toBe('城镇登记失业率 2021Q3 末为 3.00%,比 2021Q2 末(2.50%)上升 0.50 个百分点(阈值 0.5)');
  });

  it('a rise of 0.49 points does not (2.51% → 3.00%)', () => {
    expect(fired('2021Q3', [...rate('2021Q2', 251, 9749), ...rate('2021Q3', 300, 9700)], 'unemploymentSurge')).toEqual([]);
  });

  it('exactly at the 3.5% ceiling does not fire; 3.51% does', () => {
    expect(fired('2021Q3', [...rate('2021Q2', 350, 9650), ...rate('2021Q3', 350, 9650)], 'unemploymentSurge')).toEqual([]);
    const w = fired('2021Q3', [...rate('2021Q2', 351, 9649), ...rate('2021Q3', 351, 9649)], 'unemploymentSurge');
    expect(w).toHaveLength(7);
    expect(w[0].message).toBe('城镇登记失业率 2021Q3 末为 3.51%,超过控制目标 3.5%');
  });

  it('Q1 compares with last year’s Q4', () => {
    const w = fired('2021Q1', [...rate('2020Q4', 20, 980), ...rate('2021Q1', 30, 970)], 'unemploymentSurge');
    expect(w[0].figures).toMatchObject({ previousPeriod: '2020Q4', previousRate: 2 });
  });

  it('an area alone: judged on its own figures', () => {
    const returns = [ret('xubi', '2021Q2', { figures: { shiyelv: { numerator: 10, denominator: 990 } } }), ret('xubi', '2021Q3', { figures: { shiyelv: { numerator: 20, denominator: 980 } } })];
    expect(fired('2021Q3', returns, 'unemploymentSurge').map((w) => w.unit)).toEqual(['xubi']);
    // The district has five areas missing: the rise is not compared, and says so.
    expect(skipped('2021Q3', returns, 'unemploymentSurge').find((s) => s.unit === null)!.reason).toBe('两个季度报送单位不全,未比较升幅');
  });
});

describe('规模性裁员 (≥ 20 people, or ≥ 10% of the staff)', () => {
  const layoff = (staff: number, laidOff: number, noticeOn: string | null = '2021-06-01', layoffOn: string | null = '2021-07-01') =>
    [ret('chenda', '2021Q3', { layoffs: [{ firm: '某机械厂', staff, laidOff, noticeOn, layoffOn }] })];

  it('20 people fires, 19 of 1000 does not', () => {
    expect(fired('2021Q3', layoff(1000, 20), 'massLayoff')).toMatchObject([
      { unit: 'chenda', unitName: '陈大镇', figures: { firm: '某机械厂', staff: 1000, laidOff: 20 }, threshold: { people: 20, staffShare: 0.1 } },
    ]);
    expect(fired('2021Q3', layoff(1000, 19), 'massLayoff')).toEqual([]);
  });

  it('exactly 10% of the staff fires (3 of 30), just under does not (3 of 31)', () => {
    const w = fired('2021Q3', layoff(30, 3), 'massLayoff');
    expect(w).toHaveLength(1);
    expect(w[0].message).toBe('某机械厂:职工 30 人,裁减 3 人,占职工总数 10.0%(10%以上)');
    expect(fired('2021Q3', layoff(31, 3), 'massLayoff')).toEqual([]);
  });

  it('only this quarter’s cases count', () => {
    expect(fired('2021Q3', [ret('chenda', '2021Q2', { layoffs: [{ firm: '旧案', staff: 100, laidOff: 50, noticeOn: null, layoffOn: null }] })], 'massLayoff')).toEqual([]);
  });

  describe('裁员未提前30日说明', () => {
    it('announced exactly 30 days ahead does not fire; 29 days does', () => {
      expect(fired('2021Q3', layoff(1000, 5, '2021-06-01', '2021-07-01'), 'layoffNotice')).toEqual([]);
      const w = fired('2021Q3', layoff(1000, 5, '2021-06-02', '2021-07-01'), 'layoffNotice');
      expect(w).toMatchObject([{ title: '裁员未提前30日说明', figures: { daysAhead: 29 }, threshold: { noticeDays: 30 } }]);
      expect(w[0].message).toBe('某机械厂:2021-07-01 裁减 5 人,2021-06-02 才向工会或全体职工说明,只提前 29 天(应提前 30 日)');
    });

    it('no notice date fires; a notice with no layoff date cannot be judged', () => {
      expect(fired('2021Q3', layoff(1000, 5, null), 'layoffNotice')[0].message).toContain('未填写向工会或全体职工说明的日期');
      expect(fired('2021Q3', layoff(1000, 5, '2021-06-01', null), 'layoffNotice')).toEqual([]);
      expect(skipped('2021Q3', layoff(1000, 5, '2021-06-01', null), 'layoffNotice')[0].reason).toBe('某机械厂 未填写裁员实施日期');
    });
  });
});

describe('零就业家庭未清零', () => {
  const families = (closing: number) => [ret('yangxi', '2021Q2', { figures: { lingjiuye: { opening: 2, added: 1, cleared: 3 - closing, closing } } })];

  it('one household left at quarter end fires; none does not', () => {
    expect(fired('2021Q2', families(1), 'zeroFamilies')).toMatchObject([
      { unit: 'yangxi', figures: { opening: 2, added: 1, cleared: 2, closing: 1 }, threshold: { closing: 0 }, message: '2021Q2 末仍有零就业家庭 1 户(期初 2,新认定 1,清零 2)' },
    ]);
    expect(fired('2021Q2', families(0), 'zeroFamilies')).toEqual([]);
  });
});

describe('进度滞后', () => {
  it('exactly on schedule does not fire; one person short does, for the district and an area', () => {
    // 1500 × 50% = 750: 125 × 6 = 750 keeps up.
    expect(fired('2021Q2', xinzeng({ '2021Q1': 60, '2021Q2': 65 }), 'behindSchedule')).toEqual([]);
    const returns = xinzeng({ '2021Q1': 60, '2021Q2': 65 }).map((r) => (r.unit === 'liedong' && r.period.quarter === 2 ? ret('liedong', '2021Q2', { figures: { xinzeng: 64 } }) : r));
    const w = fired('2021Q2', returns, 'behindSchedule', { allocations: [{ unit: 'liedong', indicator: 'xinzeng', value: 250 }] });
    expect(w.map((x) => [x.unitName, x.figures.shortfall])).toEqual([['梅列区(全区)', 1], ['列东街道', 1]]);
    expect(w[0].message).toBe('城镇新增就业累计 749 / 1,500 人(49.9%),低于序时进度 50%,差 1 人');
  });
});

describe('warnReport', () => {
  it('lists every rule with the plan’s wording', () => {
    const r = warnReport(input('2021Q1', []));
    expect(r.rules.map((x) => x.title)).toEqual(['新增就业连续下滑', '失业率急速攀升', '规模性裁员', '裁员未提前30日说明', '零就业家庭未清零', '进度滞后']);
    expect(r.rules[0].text).toBe(PLAN.warnings.employmentDecline.rule);
    expect(r.warnings).toEqual([]);
  });
});
