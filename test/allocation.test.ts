import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { allocatableIndicators, allocationSums, allocationWarnings, targetText, type Allocation } from '../src/domain/allocation.js';

const plan = loadPlanFile(DEFAULT_PLAN);
const areas = plan.units.filter((u) => u.kind === 'area').map((u) => u.code);
const even = (indicator: string, values: number[]): Allocation[] => areas.map((unit, i) => ({ unit, indicator, value: values[i] }));

describe('allocation sums', () => {
  it('only count targets are allocated', () => {
    expect(allocatableIndicators(plan).map((i) => i.code)).toEqual(['xinzeng', 'zaijiuye', 'kunnan']);
  });

  it('balanced when the areas add up to the district target: no warning', () => {
    const sums = allocationSums(plan, even('xinzeng', [400, 350, 300, 200, 150, 100]));
    const x = sums.find((s) => s.indicator.code === 'xinzeng')!;
    expect(x).toMatchObject({ target: 1500, allocated: 1500, difference: 0, balanced: true, missing: [] });
    expect(allocationWarnings(sums).some((w) => w.startsWith('城镇新增就业'))).toBe(false);
  });

  it('warns when short, by how much, and how many areas are missing', () => {
    const sums = allocationSums(plan, even('xinzeng', [400, 350, 300, 200, 150, 99]).slice(0, 5));
    const w = allocationWarnings(sums).find((s) => s.startsWith('城镇新增就业'));
    expect(w).toBe('城镇新增就业:各镇街分解合计 1,400 人,比区目标 1,500 人少 100 人(1 个镇街未分解)');
  });

  it('warns when over', () => {
    const sums = allocationSums(plan, even('kunnan', [50, 50, 50, 50, 50, 51]));
    expect(allocationWarnings(sums)).toContain('就业困难人员再就业:各镇街分解合计 301 人,比区目标 250 人多 51 人');
  });
});

describe('target text', () => {
  it('reads as a clerk writes it', () => {
    const t = (code: string) => targetText(plan.indicators.find((i) => i.code === code)!);
    expect(t('xinzeng')).toBe('≥1,500 人');
    expect(t('shiyelv')).toBe('≤3.5%');
    expect(t('gaoxiao')).toBe('不低于上年值');
    expect(t('lingjiuye')).toBe('动态清零(0 户)');
    expect(t('zhuanyi')).toBe('—(监测)');
  });
});
