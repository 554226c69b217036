import { describe, expect, it } from 'vitest';
import { groupDigits, limitText, measureText, numberText, opSign, opWords, rateText, shareText } from '../src/format/number.js';
import { parseNumberText, toHalfWidth } from '../src/format/typed.js';
import { deadlineRule, INDICATOR_KIND_NAMES, kindName, quarterName, SCHEDULE, scheduleRule, TASK_STATUS, TASK_STATUSES, warningName, WARNING_NAMES } from '../src/format/words.js';
import { WARNING_RULES } from '../src/domain/finding.js';
import { rawDefaultPlan } from './helpers.js';

describe('numbers', () => {
  it('groups digits by three, with fixed or trimmed decimals', () => {
    expect(groupDigits(1234567)).toBe('1,234,567');
    expect(groupDigits(1234.5, 2)).toBe('1,234.50');
    expect(groupDigits(3.5, 2, true)).toBe('3.5');
    expect(groupDigits(-1500)).toBe('-1,500');
  });

  it('writes a figure as the clerk wrote it, or with exactly the decimals asked for', () => {
    expect(numberText(1500)).toBe('1,500');
    expect(numberText(2.25)).toBe('2.25');
    expect(numberText(2.256)).toBe('2.26');
    expect(numberText(85.5, 2)).toBe('85.50');
    expect(numberText(412, 0)).toBe('412');
  });

  it('writes a share and a rate as percents', () => {
    expect(shareText(0.823)).toBe('82.3%');
    expect(shareText(0.75, 0)).toBe('75%');
    expect(shareText(0.75, 1, true)).toBe('75%');
    expect(shareText(0.8333, 1, true)).toBe('83.3%');
    expect(rateText(3.1234)).toBe('3.12%');
    expect(rateText(3.5, 1)).toBe('3.5%');
  });

  it('writes a target with its sign, in its measure', () => {
    expect(limitText('>=', 1500, '人')).toBe('≥1,500 人');
    expect(limitText('<=', 3.5, '%')).toBe('≤3.5%');
    expect(limitText('=', 0, '户')).toBe('=0 户');
    expect(measureText(92.5, '%')).toBe('92.5%');
    expect([opSign('>='), opSign('<='), opSign('=')]).toEqual(['≥', '≤', '=']);
    expect([opWords('>='), opWords('<='), opWords('=')]).toEqual(['不低于', '不超过', '等于']);
  });
});

describe('what a person types', () => {
  it('turns full-width digits, letters, = and : and the ideographic space into ASCII', () => {
    expect(toHalfWidth('３５０')).toBe('350');
    expect(toHalfWidth('列东街道：城镇新增就业＝４００')).toBe('列东街道:城镇新增就业=400');
    expect(toHalfWidth('２０２１Ｑ３')).toBe('2021Q3');
    expect(toHalfWidth('a\u3000b')).toBe('a b');
  });

  it('reads a number typed any common way, and nothing else', () => {
    expect(parseNumberText('１,５００')).toBe(1500);
    expect(parseNumberText('1 500')).toBe(1500);
    expect(parseNumberText('400人')).toBe(400);
    expect(parseNumberText('+5')).toBe(5);
    for (const s of ['4,00', '约300', '3%', '']) expect(parseNumberText(s), s).toBeNull();
  });
});

describe('words', () => {
  it('says 序时进度, never 时序进度, and gives its rule for every quarter', () => {
    expect(SCHEDULE).toBe('序时进度');
    expect(scheduleRule()).toBe('序时进度:第一季度 25%、第二季度 50%、第三季度 75%、第四季度 100%');
  });

  it('names quarters in full and short', () => {
    expect([1, 2, 3, 4].map((q) => quarterName(q))).toEqual(['第一季度', '第二季度', '第三季度', '第四季度']);
    expect(quarterName(3, true)).toBe('三季度');
  });

  it('has the three task statuses in the order of the drop-down', () => {
    expect(TASK_STATUSES).toEqual([TASK_STATUS.done, TASK_STATUS.underway, TASK_STATUS.notStarted]);
    expect(TASK_STATUSES).toEqual(['已完成', '推进中', '未启动']);
  });

  it('writes the deadline rule in one sentence, the embedded plan’s own', () => {
    expect(deadlineRule(5)).toBe('季后5日内报送,遇周末和法定节假日顺延至下一个工作日');
    const plan = rawDefaultPlan();
    expect(plan.deadline.rule).toBe(deadlineRule(plan.deadline.daysAfterQuarterEnd));
  });

  it('gives each warning one name, and the embedded plan’s deduction for the layoff notice the same', () => {
    expect(WARNING_RULES).toEqual(Object.keys(WARNING_NAMES));
    const names = WARNING_RULES.map((r) => warningName(r, 30));
    expect(new Set(names).size).toBe(names.length);
    expect(warningName('layoffNotice', 15)).toBe('裁员未提前15日说明');
    const plan = rawDefaultPlan();
    const deduction = plan.assessment.deductions.find((d: { warning: string }) => d.warning === 'layoffNotice');
    expect(deduction.name).toBe(warningName('layoffNotice', plan.warnings.massLayoff.noticeDays));
    expect(JSON.stringify(plan)).not.toContain('时序进度');
  });

  it('names the kinds of indicator once, for the plan and the assessment alike', () => {
    expect(kindName('count')).toBe(INDICATOR_KIND_NAMES.count);
    expect(Object.values(INDICATOR_KIND_NAMES)).toEqual(['累计型', '比率型', '比较型', '清零型', '监测型']);
  });
});
