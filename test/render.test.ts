// View models and renderers, pure: the 需要关注 block, the urgency order of overdue, the completion bar.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../src/domain/check.js';
import type { UnitSubmission } from '../src/domain/deadline.js';
import type { IndicatorCheck } from '../src/domain/progress.js';
import { checkAttention, renderAttention, type AttentionSection } from '../src/render/attention.js';
import { completionBar } from '../src/render/indicator.js';
import { byUrgency, urgency } from '../src/render/overdue.js';
import { displayWidth } from '../src/render/text.js';
import { AREA_ALLOCATIONS, input, threeQuarters } from './fill.js';

const plain = new Chalk({ level: 0 });

describe('需要关注', () => {
  const report = checkReport(input('2021Q3', threeQuarters(), { allocations: AREA_ALLOCATIONS }));

  it('lists indicators behind with the shortfall, missed targets, warnings by rule and the units missing', () => {
    const sections = checkAttention(report);
    expect(sections.map((s) => s.title)).toEqual(['进度滞后', '未达标', '风险预警', '未报送']);
    expect(sections[0].items).toContain('列东街道:城镇新增就业(差 15 人)');
    expect(sections[1].items.some((i) => i.startsWith('洋溪镇:零就业家庭 1 户(目标 动态清零)'))).toBe(true);
    // The behind-schedule warnings are the indicators above: not listed twice.
    expect(sections[2].items.some((i) => i.startsWith('进度滞后'))).toBe(false);
    expect(sections[2].items).toContain('规模性裁员:列东街道');
    expect(sections[3].items[0]).toMatch(/^陈大镇、区人社局、.*\(2021Q3 共 17 个单位\)$/);
  });

  it('another kind of finding joins as one more section, with no change to the renderer', () => {
    const extra: AttentionSection = { title: '数据质量提示', severity: 'notice', items: ['列东街道 2021Q3:城镇新增就业 418 像是累计数'] };
    const text = renderAttention(plain, [...checkAttention(report), extra], 80);
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('  数据质量提示  列东街道 2021Q3:城镇新增就业 418 像是累计数');
    // Every section's items start in the same column, the widest title setting it.
    const starts = lines.slice(1).filter((l) => /^ {2}\S/.test(l)).map((l) => displayWidth(/^ {2}\S+ +/.exec(l)![0]));
    expect(new Set(starts).size).toBe(1);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(80);
  });

  it('says when nothing needs attention', () => {
    expect(renderAttention(plain, [], 80)).toContain('需要关注:无');
  });
});

describe('overdue by urgency', () => {
  const unit = (name: string, status: UnitSubmission['status'], days: Partial<UnitSubmission> = {}): UnitSubmission => ({
    unit: name,
    name,
    fullName: name,
    kind: 'department',
    status,
    statusText: status,
    receivedOn: null,
    daysLate: null,
    daysOverdue: null,
    daysLeft: null,
    near: false,
    contact: null,
    ...days,
  });

  it('overdue (most days first), late (latest first), near, not yet due (nearest first), on time in plan order', () => {
    const units = [
      unit('甲', 'on_time'),
      unit('乙', 'pending', { daysLeft: 9 }),
      unit('丙', 'late', { daysLate: 2 }),
      unit('丁', 'overdue', { daysOverdue: 3 }),
      unit('戊', 'pending', { daysLeft: 1, near: true }),
      unit('己', 'overdue', { daysOverdue: 8 }),
      unit('庚', 'late', { daysLate: 6 }),
      unit('辛', 'on_time'),
      unit('壬', 'pending', { daysLeft: 4 }),
    ];
    expect(byUrgency(units).map((u) => u.name)).toEqual(['己', '丁', '庚', '丙', '戊', '壬', '乙', '甲', '辛']);
    expect(byUrgency(units).map(urgency)).toEqual([0, 0, 1, 1, 2, 3, 3, 4, 4]);
  });
});

describe('the completion bar', () => {
  const check = (completion: number | null, status: IndicatorCheck['status'] = 'on_schedule') => ({ completion, status }) as IndicatorCheck;

  it('is ten cells of blocks in eighths, as text', () => {
    expect(completionBar(check(0.713), plain)).toBe('███████▏  ');
    expect(completionBar(check(0.5), plain)).toBe('█████     ');
    expect(completionBar(check(1.05), plain)).toBe('██████████');
    expect(completionBar(check(0), plain)).toBe('          ');
    expect(completionBar(check(null), plain)).toBe('');
    for (const share of [0.01, 0.33, 0.666, 0.99]) expect(displayWidth(completionBar(check(share), plain))).toBe(10);
  });

  it('red when behind, green when keeping up; the blocks are the same either way', () => {
    const c = new Chalk({ level: 1 });
    expect(completionBar(check(0.671, 'behind'), c)).toBe('\u001b[31m██████▊\u001b[39m   ');
    expect(completionBar(check(0.838), c)).toBe('\u001b[32m████████▍\u001b[39m ');
  });
});
