// Allocations: each area's share of a district count target, and whether the shares add up.
import type { Indicator, Plan } from './plan/model.js';
import { limitText, numberText, opWords } from '../format/number.js';

/** An allocation as stored: one area's share of one indicator's annual target. */
export interface Allocation {
  indicator: string;
  unit: string;
  value: number;
}

export interface AllocationSum {
  indicator: Indicator;
  target: number;
  /** Sum of the areas' allocations. */
  allocated: number;
  /** Areas with no allocation for this indicator. */
  missing: string[];
  /** allocated − target: negative when short. */
  difference: number;
  balanced: boolean;
}

/** Indicators whose annual target can be shared among the areas (count targets). */
export function allocatableIndicators(plan: Plan): Indicator[] {
  return plan.indicators.filter((i) => i.kind === 'count' && i.target?.value !== undefined);
}

/** For each allocatable indicator, the areas' total against the district target. */
export function allocationSums(plan: Plan, allocations: Allocation[]): AllocationSum[] {
  const areas = plan.units.filter((u) => u.kind === 'area');
  return allocatableIndicators(plan).map((indicator) => {
    const mine = allocations.filter((a) => a.indicator === indicator.code);
    const allocated = mine.reduce((s, a) => s + a.value, 0);
    const target = indicator.target?.value ?? 0;
    return {
      indicator,
      target,
      allocated,
      missing: areas.filter((u) => !mine.some((a) => a.unit === u.code)).map((u) => u.code),
      difference: allocated - target,
      balanced: allocated === target,
    };
  });
}

/** One line per unbalanced indicator, e.g. 城镇新增就业:各镇街分解合计 1,400 人,比区目标 1,500 人少 100 人。 */
export function allocationWarnings(sums: AllocationSum[]): string[] {
  return sums
    .filter((s) => !s.balanced)
    .map((s) => {
      const m = s.indicator.measure;
      const diff = s.difference < 0 ? `少 ${numberText(-s.difference)} ${m}` : `多 ${numberText(s.difference)} ${m}`;
      const missing = s.missing.length > 0 ? `(${s.missing.length} 个镇街未分解)` : '';
      return `${s.indicator.name}:各镇街分解合计 ${numberText(s.allocated)} ${m},比区目标 ${numberText(s.target)} ${m}${diff}${missing}`;
    });
}

/** 目标 as a person reads it: ≥1,500 人, ≤3.5%, 不低于上年值, 动态清零. */
export function targetText(indicator: Indicator): string {
  const t = indicator.target;
  if (!t) return '—(监测)';
  if (t.reference !== undefined) return `${opWords(t.op)}${t.reference}`;
  const v = t.value ?? 0;
  if (indicator.kind === 'zero') return `动态清零(${v} ${indicator.measure})`;
  return limitText(t.op, v, indicator.measure);
}

/** One area's row of the allocation table: indicator code → its share, or null when not set. */
export interface AreaAllocations {
  unit: string;
  name: string;
  values: Record<string, number | null>;
}

/** The allocation table: every area × every allocatable indicator. */
export function allocationTable(plan: Plan, allocations: Allocation[]): AreaAllocations[] {
  const indicators = allocatableIndicators(plan);
  return plan.units
    .filter((u) => u.kind === 'area')
    .map((u) => ({
      unit: u.code,
      name: u.name,
      values: Object.fromEntries(indicators.map((i) => [i.code, allocations.find((a) => a.unit === u.code && a.indicator === i.code)?.value ?? null])),
    }));
}
