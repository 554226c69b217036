// Completion, schedule and status rules, and the district and area checks built from returns.
import { describe, expect, it } from 'vitest';
import { checkReport } from '../src/domain/check.js';
import { rateOf } from '../src/domain/figures.js';
import { completion, countStatus, districtCheck, progressChecks, rateStatus, referenceValue, schedule, unitCheck, zeroStatus } from '../src/domain/progress.js';
import { unitByCode } from '../src/domain/plan/model.js';
import { everyArea, input, PLAN, ret } from './fill.js';

const ind = (u: { indicators: { indicator: string }[] }, code: string) => u.indicators.find((i) => i.indicator === code)! as any;

describe('schedule and completion', () => {
  it('序时进度 is the elapsed quarters over four', () => {
    expect([1, 2, 3, 4].map((q) => schedule(q as 1))).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it('完成率 is cumulative over target, and undefined without a figure or a positive target', () => {
    expect(completion(1234, 1500)).toBeCloseTo(0.8227, 4);
    expect(completion(null, 1500)).toBeNull();
    expect(completion(10, 0)).toBeNull();
  });
});

describe('countStatus', () => {
  it('exactly on target is 已完成, one short of it is not', () => {
    expect(countStatus(1500, 1500, 2)).toEqual({ status: 'done', shortfall: null });
    expect(countStatus(1499, 1500, 4)).toEqual({ status: 'behind', shortfall: 1 });
  });

  it('exactly on schedule is 进度正常; one person under is 进度滞后 by one', () => {
    expect(countStatus(750, 1500, 2)).toEqual({ status: 'on_schedule', shortfall: null });
    expect(countStatus(749, 1500, 2)).toEqual({ status: 'behind', shortfall: 1 });
    expect(countStatus(1125, 1500, 3).status).toBe('on_schedule');
    expect(countStatus(1124, 1500, 3)).toEqual({ status: 'behind', shortfall: 1 });
  });

  it('a schedule that is not a whole number of people: the shortfall rounds up', () => {
    // 250 × 25% = 62.5: 63 keeps up, 62 is short by one person.
    expect(countStatus(63, 250, 1).status).toBe('on_schedule');
    expect(countStatus(62, 250, 1)).toEqual({ status: 'behind', shortfall: 1 });
    expect(countStatus(0, 250, 1)).toEqual({ status: 'behind', shortfall: 63 });
  });

  it('a zero target is met; no figure at all is 无数据', () => {
    expect(countStatus(0, 0, 1).status).toBe('done');
    expect(countStatus(null, 1500, 3)).toEqual({ status: 'no_data', shortfall: null });
    expect(countStatus(null, 0, 3).status).toBe('no_data');
  });
});

describe('rateStatus and zeroStatus', () => {
  it('a ceiling: exactly at it is kept, above it is 未达标; kept is 已完成 only at Q4', () => {
    expect(rateStatus(3.5, '<=', 3.5, 2).status).toBe('on_schedule');
    expect(rateStatus(3.5, '<=', 3.5, 4).status).toBe('done');
    expect(rateStatus(3.5001, '<=', 3.5, 4).status).toBe('missed');
    expect(rateStatus(null, '<=', 3.5, 4).status).toBe('no_data');
  });

  it('a floor (relative target): exactly at the reference is kept, below is 未达标, no reference is 无数据', () => {
    expect(rateStatus(92.5, '>=', 92.5, 3).status).toBe('on_schedule');
    expect(rateStatus(92.49, '>=', 92.5, 3).status).toBe('missed');
    expect(rateStatus(95, '>=', null, 3).status).toBe('no_data');
  });

  it('a rate computed from people compares exactly at the limit despite rounding', () => {
    // 35 ÷ (965 + 35) = 3.5% exactly; floating point gives 3.5000000000000004.
    const r = rateOf({ denominatorAddsNumerator: true }, 35, 965)!;
    expect(r).toBeCloseTo(3.5, 12);
    expect(rateStatus(r, '<=', 3.5, 4).status).toBe('done');
  });

  it('动态清零: any household at quarter end is 未达标', () => {
    expect(zeroStatus(0, 2).status).toBe('on_schedule');
    expect(zeroStatus(0, 4).status).toBe('done');
    expect(zeroStatus(1, 4).status).toBe('missed');
    expect(zeroStatus(null, 4).status).toBe('no_data');
  });
});

describe('referenceValue', () => {
  const refs = [
    { indicator: 'gaoxiao', quarter: 0 as const, value: 92.5 },
    { indicator: 'gaoxiao', quarter: 3 as const, value: 90 },
  ];
  it('a quarter-specific value wins over the whole-year one', () => {
    expect(referenceValue(refs, 'gaoxiao', 3)).toBe(90);
    expect(referenceValue(refs, 'gaoxiao', 2)).toBe(92.5);
    expect(referenceValue(refs, 'lixiao', 2)).toBeNull();
  });
});

describe('districtCheck', () => {
  it('adds counts over the areas and quarters, and checks them against the district target', () => {
    const returns = [...everyArea('2021Q1', { figures: { xinzeng: 60 } }), ...everyArea('2021Q2', { figures: { xinzeng: 70 } })];
    const c = ind(districtCheck(input('2021Q2', returns)), 'xinzeng');
    expect(c).toMatchObject({ quarterValue: 420, ytd: 780, schedule: 0.5, status: 'on_schedule', shortfall: null });
    expect(c.completion).toBeCloseTo(0.52, 10);
    expect(c.target).toMatchObject({ op: '>=', value: 1500, source: 'plan', text: '≥1,500 人' });
    expect(c.reporters).toEqual({ expected: 6, reported: 6, missing: [] });
    expect(c.note).toBeNull();
  });

  it('aggregates a rate from numerators and denominators, never by averaging the rates', () => {
    // 列东 100 ÷ (4900 + 100) = 2%, 列西 300 ÷ (2700 + 300) = 10%: the average would be 6%, the district is 5%.
    const returns = [
      ret('liedong', '2021Q1', { figures: { shiyelv: { numerator: 100, denominator: 4900 } } }),
      ret('liexi', '2021Q1', { figures: { shiyelv: { numerator: 300, denominator: 2700 } } }),
    ];
    const c = ind(districtCheck(input('2021Q1', returns)), 'shiyelv');
    expect(c.quarterValue).toBeCloseTo(5, 12);
    expect(c.figures).toEqual({ numerator: 400, denominator: 7600 });
    expect(c.status).toBe('missed');
    expect(c.reporters).toMatchObject({ expected: 6, reported: 2 });
    expect(c.note).toBe('4 个单位本季度未报:徐碧街道、陈大镇、洋溪镇、梅列经济开发区');
  });

  it('says 无数据 when no reporting unit gave a figure', () => {
    const c = ind(districtCheck(input('2021Q1', [])), 'xinzeng');
    expect(c).toMatchObject({ status: 'no_data', statusText: '无数据', quarterValue: null, ytd: null, completion: null });
    expect(c.note).toBe('各报送单位均未报送该指标');
  });

  it('zero kind: the sum of quarter-end stocks; monitor: figures with no status', () => {
    const returns = everyArea('2021Q2', (u) => ({
      figures: { lingjiuye: { opening: 1, added: 0, cleared: u === 'yangxi' ? 0 : 1, closing: u === 'yangxi' ? 1 : 0 }, zhuanyi: 10 },
    }));
    const d = districtCheck(input('2021Q2', returns));
    expect(ind(d, 'lingjiuye')).toMatchObject({ quarterValue: 1, status: 'missed', figures: { opening: 6, added: 0, cleared: 5, closing: 1 } });
    expect(ind(d, 'zhuanyi')).toMatchObject({ quarterValue: 60, ytd: 60, status: 'monitor', statusText: '—', target: null });
  });

  it('relative: 无数据 naming the command when the reference is missing; judged once it is entered', () => {
    const returns = [ret('renshe', '2021Q3', { figures: { gaoxiao: { numerator: 930, denominator: 1000 } } })];
    const none = ind(districtCheck(input('2021Q3', returns)), 'gaoxiao');
    expect(none).toMatchObject({ status: 'no_data', quarterValue: 93 });
    expect(none.target.text).toBe('不低于上年值(2020年末无数据,未录入)');
    // The note is what a document may print; the command is for the clerk at the terminal.
    expect(none.note).toContain('尚未录入上年值');
    expect(none.note).not.toContain('jiuye');
    expect(none.fix).toBe('运行 jiuye targets reference 高校毕业生就业率=数值');
    const year = ind(districtCheck(input('2021Q3', returns, { references: [{ indicator: 'gaoxiao', quarter: 0, value: 92.5 }] })), 'gaoxiao');
    expect(year).toMatchObject({ status: 'on_schedule', target: { value: 92.5, text: '≥92.5%(上年值,录入)', source: 'reference', origin: 'entered' } });
    const q3 = ind(
      districtCheck(input('2021Q3', returns, { references: [{ indicator: 'gaoxiao', quarter: 0, value: 92.5 }, { indicator: 'gaoxiao', quarter: 3, value: 93.5 }] })),
      'gaoxiao',
    );
    expect(q3.status).toBe('missed');
  });

  it('不低于上年: last year’s year-end figure in the database is the reference, shown with its origin; an entered value wins and says so', () => {
    const returns = [
      ret('renshe', '2020Q3', { figures: { gaoxiao: { numerator: 900, denominator: 1000 } } }),
      ret('renshe', '2020Q4', { figures: { gaoxiao: { numerator: 9298, denominator: 10000 } } }),
      ret('renshe', '2021Q1', { figures: { gaoxiao: { numerator: 930, denominator: 1000 } } }),
    ];
    const derived = ind(districtCheck(input('2021Q1', returns)), 'gaoxiao');
    expect(derived).toMatchObject({ status: 'on_schedule', target: { value: 92.98, origin: 'previousYear', text: '≥92.98%(2020年末)' } });
    expect(derived.note).toBeNull();
    const below = ind(districtCheck(input('2021Q1', [...returns.slice(0, 2), ret('renshe', '2021Q1', { figures: { gaoxiao: { numerator: 929, denominator: 1000 } } })])), 'gaoxiao');
    expect(below.status).toBe('missed');
    const entered = ind(districtCheck(input('2021Q1', returns, { references: [{ indicator: 'gaoxiao', quarter: 0, value: 94 }] })), 'gaoxiao');
    expect(entered).toMatchObject({ status: 'missed', target: { value: 94, origin: 'entered', text: '≥94%(上年值,录入)' } });
    expect(entered.note).toContain('用录入的上年值 94%,数据库中2020年末为 92.98%');
    // 不低于全市平均 is only ever what the clerk enters: last year's figure is not used for it.
    const lixiao = ind(districtCheck(input('2021Q1', [ret('renshe', '2020Q4', { figures: { lixiao: { numerator: 90, denominator: 100 } } }), ret('renshe', '2021Q1', { figures: { lixiao: { numerator: 80, denominator: 100 } } })])), 'lixiao');
    expect(lixiao).toMatchObject({ status: 'no_data', target: { value: null, text: '不低于全市平均(未录入)' } });
  });
});

describe('unitCheck', () => {
  const returns = [ret('liedong', '2021Q1', { figures: { xinzeng: 80 } }), ret('liedong', '2021Q2', { figures: { xinzeng: 50 } })];

  it('an area is checked against its allocation, with the shortfall in people', () => {
    const a = unitCheck(input('2021Q2', returns, { allocations: [{ unit: 'liedong', indicator: 'xinzeng', value: 400 }] }), unitByCode(PLAN, 'liedong'));
    expect(a).toMatchObject({ unit: 'liedong', name: '列东街道', kind: 'area' });
    expect(a.indicators.map((i) => i.indicator)).toEqual(['xinzeng', 'zaijiuye', 'kunnan', 'shiyelv', 'lingjiuye', 'zhuanyi']);
    expect(ind(a, 'xinzeng')).toMatchObject({ ytd: 130, status: 'behind', shortfall: 70, target: { value: 400, source: 'allocation', text: '分解400 人' } });
  });

  it('an area without an allocation shows its figures as 未分解; a zero allocation is met', () => {
    const a = unitCheck(input('2021Q2', returns, { allocations: [{ unit: 'liedong', indicator: 'zaijiuye', value: 0 }] }), unitByCode(PLAN, 'liedong'));
    expect(ind(a, 'xinzeng')).toMatchObject({ ytd: 130, status: 'unallocated', statusText: '未分解', target: null, completion: null });
    expect(ind(a, 'xinzeng').note).toBeNull();
    expect(ind(a, 'zaijiuye').status).toBe('no_data');
  });

  it('a department: the indicators it reports; the district target when it alone reports one', () => {
    const r = unitCheck(input('2021Q1', [ret('renshe', '2021Q1', { figures: { peixun: 300 } })]), unitByCode(PLAN, 'renshe'));
    expect(r.indicators.map((i) => i.indicator)).toEqual(['gaoxiao', 'lixiao', 'peixun']);
    expect(ind(r, 'peixun')).toMatchObject({ ytd: 300, status: 'monitor' });
  });

  it('rates apply the district ceiling to the area’s own figures', () => {
    const areas = progressChecks(input('2021Q1', [ret('xubi', '2021Q1', { figures: { shiyelv: { numerator: 40, denominator: 960 } } })])).areas;
    expect(ind(areas.find((a) => a.unit === 'xubi')!, 'shiyelv')).toMatchObject({ quarterValue: 4, status: 'missed' });
    expect(ind(areas.find((a) => a.unit === 'liedong')!, 'shiyelv').status).toBe('no_data');
  });
});

describe('checkReport', () => {
  const returns = [
    ...everyArea('2021Q1', { figures: { xinzeng: 60 } }),
    ret('renshe', '2021Q1', {
      progress: [
        { task: '二(一)', status: '推进中', note: '召开镇街就业工作推进会' },
        { task: '二(二)', status: null, note: '   ' },
      ],
    }),
    ret('caizheng', '2021Q1', { progress: [{ task: '三(二)', status: '已完成', note: null }] }),
  ];

  it('counts returns, lists task progress by unit, and names the units that said nothing', () => {
    const r = checkReport(input('2021Q1', returns));
    expect(r.returns).toMatchObject({ expected: 22, received: 8 });
    expect(r.returns.missing).toHaveLength(14);
    const t21 = r.tasks.find((t) => t.id === '二(一)')!;
    expect(t21.units[0]).toEqual({ unit: 'renshe', name: '区人社局', role: 'lead', returned: true, status: '推进中', note: '召开镇街就业工作推进会' });
    expect(t21.silent.map((s) => s.code)).not.toContain('renshe');
    expect(t21.silent.map((s) => s.code)).toContain('liedong'); // returned figures, said nothing on the task
    const t22 = r.tasks.find((t) => t.id === '二(二)')!;
    expect(t22.silent[0]).toEqual({ code: 'renshe', name: '区人社局' }); // a blank note is saying nothing
    const t32 = r.tasks.find((t) => t.id === '三(二)')!;
    expect(t32.units.map((u) => [u.name, u.role, u.status])).toEqual([['区财政局', 'lead', '已完成'], ['区人社局', 'co', null]]);
    expect(t32.silent.map((s) => s.name)).toEqual(['区人社局']);
    expect(r.overall!.indicators[0]).toMatchObject({ ytd: 360, status: 'behind', shortfall: 15 });
    expect(r.behind).toBe(1); // the areas have no allocation: 未分解, not behind
  });

  it('limited to a department: its indicators, only its part in its tasks, and its warnings', () => {
    const r = checkReport(input('2021Q1', returns), { unit: unitByCode(PLAN, 'caizheng') });
    expect(r.overall).toBeNull();
    expect(r.units.map((u) => u.unit)).toEqual(['caizheng']);
    expect(r.units[0].indicators.map((i) => i.indicator)).toEqual(['buzhu']);
    expect(r.returns).toEqual({ expected: 1, received: 1, missing: [] });
    expect(r.tasks.map((t) => t.id)).toEqual(['二(一)', '二(二)', '二(三)', '三(二)', '三(三)', '五(一)', '五(三)', '六(一)', '六(二)', '六(三)']);
    expect(r.tasks.every((t) => t.units.length === 1 && t.units[0].unit === 'caizheng')).toBe(true);
    expect(r.warnings.every((w) => w.unit === 'caizheng')).toBe(true);
  });

  it('counts the indicators behind schedule over the district and the areas', () => {
    const allocations = [{ unit: 'liedong', indicator: 'xinzeng', value: 400 }];
    // 360 of 1500 at Q1 is behind (375 needed); 列东 60 of 400 is behind (100 needed).
    const r = checkReport(input('2021Q1', returns, { allocations }));
    expect(r.overall!.indicators[0]).toMatchObject({ status: 'behind', shortfall: 15 });
    expect(r.units[0].indicators[0]).toMatchObject({ status: 'behind', shortfall: 40 });
    // zaijiuye and kunnan have no data at all: not behind.
    expect(r.behind).toBe(2);
  });
});
