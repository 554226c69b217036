import { describe, expect, it } from 'vitest';
import {
  allocationItems,
  allocationValue,
  dateOption,
  parseYear,
  periodOption,
  referenceItems,
  splitItem,
  targetItems,
  targetValue,
  typedNumber,
  unitOption,
} from '../src/app/options.js';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { nearestUnit } from '../src/domain/match.js';
import { UsageError } from '../src/errors.js';

const plan = loadPlanFile(DEFAULT_PLAN);
const indicator = (code: string) => plan.indicators.find((i) => i.code === code)!;

/** The usage error a call throws (a call that returns fails the test). */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('accepted');
}

describe('quarters, years and dates', () => {
  it('reads a quarter in every accepted spelling, full-width digits too', () => {
    for (const t of ['2021Q3', '2021-Q3', '2021q3', '2021年第三季度', '２０２１Ｑ３', '２０２１年第３季度', ' 2021Q3\u3000']) {
      expect(periodOption(t), t).toEqual({ year: 2021, quarter: 3 });
    }
  });

  it('refuses a bad quarter, naming the flag, the value and the form expected', () => {
    expect(refusal(() => periodOption('2021Q5'))).toBe('--quarter 的取值“2021Q5”不是季度,应写作 2021Q3(也可写 2021-Q3、2021年第三季度)');
    expect(refusal(() => periodOption('三季度', 'lock 的季度'))).toContain('lock 的季度 的取值“三季度”');
  });

  it('reads a year in half- or full-width digits, with or without 年', () => {
    expect(parseYear('2022')).toBe(2022);
    expect(parseYear('２０２２')).toBe(2022);
    expect(parseYear('2022年')).toBe(2022);
    expect(parseYear(undefined)).toBeUndefined();
    expect(refusal(() => parseYear('22', '--from'))).toBe('--from 的取值“22”不是四位年份,应写作 2021');
  });

  it('reads a date written the ways a clerk writes one, and refuses the rest by flag', () => {
    for (const t of ['2021-10-15', '2021/10/15', '2021年10月15日', '20211015', '２０２１－１０－１５', '２０２１年１０月１５日']) {
      expect(dateOption(t, '--as-of'), t).toBe('2021-10-15');
    }
    expect(refusal(() => dateOption('2021-02-30', '--received'))).toBe('--received 的取值“2021-02-30”不是有效日期,应写作 2021-10-15(也可写 2021年10月15日)');
  });
});

describe('unit names typed', () => {
  it('finds a unit by name, short name, code or unique beginning, full-width spaces ignored', () => {
    expect(unitOption(plan, '列东').code).toBe('liedong');
    expect(unitOption(plan, '列西街道\u3000').code).toBe('liexi');
    expect(unitOption(plan, 'ｘｕｂｉ').code).toBe('xubi');
  });

  it('suggests the unit a near miss meant', () => {
    expect(refusal(() => unitOption(plan, '列熙街道'))).toBe('--unit 的取值“列熙街道”不是 2021 年方案中的单位。是否想用 列西街道?');
    expect(nearestUnit(plan, '徐壁街道')?.name).toBe('徐碧街道');
    expect(nearestUnit(plan, 'liexii')?.name).toBe('列西街道');
    expect(nearestUnit(plan, '区财正局')?.name).toBe('区财政局');
  });

  it('never guesses between two units equally near, nor at a name far from every unit', () => {
    // 列北 is one character from 列东 and from 列西.
    expect(nearestUnit(plan, '列北街道')).toBeNull();
    expect(nearestUnit(plan, '区文旅局')).toBeNull();
    expect(refusal(() => unitOption(plan, '区文旅局'))).toBe('--unit 的取值“区文旅局”不是 2021 年方案中的单位。运行 jiuye units 查看全部单位及其代码');
  });

  it('refuses an ambiguous beginning, naming the candidates', () => {
    expect(refusal(() => unitOption(plan, '列'))).toBe('--unit 的取值“列”可指多个单位:列东街道、列西街道。请写全称或单位代码');
  });
});

describe('name=value items', () => {
  it('splits at half- and full-width separators, trimming every kind of space', () => {
    expect(splitItem('列东街道：城镇新增就业＝４００', ':=')).toEqual(['列东街道', '城镇新增就业', '４００']);
    expect(splitItem(' 城镇新增就业\u3000= 1600 ', '=')).toEqual(['城镇新增就业', '1600']);
    expect(splitItem('01-01..01-03=元旦', '=')).toEqual(['01-01..01-03', '元旦']);
    expect(splitItem('城镇新增就业 1600', '=')).toBeNull();
  });

  it('reads numbers with full-width digits, grouping, a measure or (for percents) %', () => {
    expect(typedNumber('３５０')).toBe(350);
    expect(typedNumber('１，６００人')).toBe(1600);
    expect(typedNumber('3.5%')).toBeNull();
    expect(typedNumber('３.５％', { percent: true })).toBe(3.5);
  });

  it('takes plan new --set targets: a whole number of people, a rate as a percent', () => {
    const t = targetItems(plan, ['城镇新增就业＝１６００', '城镇登记失业率=3.2%', '就业困难人员再就业 = 2６0人']);
    expect(Object.fromEntries(t)).toEqual({ xinzeng: 1600, shiyelv: 3.2, kunnan: 260 });
    const message = refusal(() => targetItems(plan, ['城镇新增就业=1600.5', '城镇登记失业率=120', '新增就业', '零就业家庭=0']));
    expect(message).toContain('--set 有 4 处问题,未做任何改动');
    expect(message).toContain('“城镇新增就业=1600.5”:目标“1600.5”应为整数');
    expect(message).toContain('“城镇登记失业率=120”:目标“120”应为 0–100 的百分数');
    expect(message).toContain('“新增就业”应写作 指标=目标');
    expect(message).toContain('没有可设定的数值目标');
  });

  it('takes targets allocate --set items with full-width digits, colon and equals', () => {
    expect(allocationItems(plan, ['列东街道：城镇新增就业＝４００', '列西:新增就业=350'])).toEqual([
      { unit: 'liedong', indicator: 'xinzeng', value: 400 },
      { unit: 'liexi', indicator: 'xinzeng', value: 350 },
    ]);
    const message = refusal(() => allocationItems(plan, ['列熙街道:城镇新增就业=400', '区财政局:城镇新增就业=1', '列东街道:城镇新增就业=-1']));
    expect(message).toContain('--set 有 3 处问题');
    expect(message).toContain('“列熙街道:城镇新增就业=400”:“列熙街道”不是 2021 年方案中的单位。是否想用 列西街道?');
    expect(message).toContain('区财政局 是部门,目标只分解到镇街');
    expect(message).toContain('数值“-1”应为非负整数');
  });

  it('takes targets reference values as percents, full-width digits too', () => {
    expect(referenceItems(plan, ['高校毕业生就业率＝９２.５％'], 0)).toEqual([{ indicator: 'gaoxiao', quarter: 0, value: 92.5 }]);
    expect(refusal(() => referenceItems(plan, ['高校毕业生就业率=101'], 3))).toContain('数值“101”应为 0–100 的百分数');
  });

  it('checks a value typed at a prompt the same way as on the command line', () => {
    expect(allocationValue('４００')).toEqual({ ok: true, value: 400 });
    expect(allocationValue(' 1,200 ')).toEqual({ ok: true, value: 1200 });
    expect(allocationValue('四百')).toEqual({ ok: false, expected: '非负整数' });
    expect(targetValue(indicator('xinzeng'), '１６００')).toEqual({ ok: true, value: 1600 });
    expect(targetValue(indicator('shiyelv'), '３.５%')).toEqual({ ok: true, value: 3.5 });
    expect(targetValue(indicator('xinzeng'), '1600.5').ok).toBe(false);
  });
});
