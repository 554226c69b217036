// The next year: its plan made from this one, what a replacement plan would leave stored returns
// pointing at, and what to say about a year that has no plan yet.
import { launcher } from '../../format/command.js';
import { unitName, type Indicator, type Plan } from './model.js';

/** The targets a new year is asked for: counts (minimums) and rates with a fixed limit. */
export function settableTargets(plan: Plan): Indicator[] {
  return plan.indicators.filter((i) => (i.kind === 'count' || i.kind === 'rate') && i.target?.value !== undefined);
}

/**
 * Next year's plan from this one (jiuye plan new): the same units, tasks, responsibilities,
 * indicators, thresholds and deadline rule, under the new year, with the targets given (by
 * indicator code; the others kept). A title that names the old year (梅列区2021年度就业工作考核办法) names the new one.
 */
export function nextYearPlan(plan: Plan, year: number, targets: ReadonlyMap<string, number>): Plan {
  const id = plan.id.includes(String(plan.year)) ? plan.id.replace(String(plan.year), String(year)) : `${plan.id}-${year}`;
  return {
    ...structuredClone(plan),
    id,
    year,
    title: moveTitleYear(plan.title, plan.year, year),
    source: `由 ${plan.year} 年方案(${plan.id})复制,目标按 ${year} 年设定;原依据:${plan.source}`,
    assessment: { ...structuredClone(plan.assessment), title: moveTitleYear(plan.assessment.title, plan.year, year) },
    indicators: plan.indicators.map((i) => {
      const copy = structuredClone(i);
      const v = targets.get(i.code);
      if (v !== undefined && copy.target) copy.target = { ...copy.target, value: v };
      return copy;
    }),
  };
}

/** What a year's stored returns refer to: units, figures (indicator.field) and tasks. */
export interface UsedByReturns {
  units: ReadonlySet<string>;
  figures: ReadonlySet<string>;
  tasks: ReadonlySet<string>;
}

/**
 * What a replacement plan would leave stored returns pointing at nothing: a unit that sent returns,
 * an indicator field they carry, a task they reported on; each said in words.
 */
export function orphanedBy(plan: Plan, used: UsedByReturns, old: Plan): string[] {
  const out: string[] = [];
  const units = new Set(plan.units.map((u) => u.code));
  for (const u of used.units) if (!units.has(u)) out.push(`单位 ${unitName(old, u)}(${u})已有报表`);
  for (const f of used.figures) {
    const [code, key] = f.split('.');
    const ind = plan.indicators.find((i) => i.code === code);
    const was = old.indicators.find((i) => i.code === code);
    const label = was?.fields.find((x) => x.key === key)?.label ?? key;
    if (!ind) out.push(`指标 ${was?.name ?? code}(${code})已有报表数字`);
    else if (!ind.fields.some((x) => x.key === key)) out.push(`指标 ${ind.name}的项目“${label}”(${f})已有报表数字`);
  }
  const tasks = new Set(plan.tasks.map((t) => t.id));
  for (const t of used.tasks) if (!tasks.has(t)) out.push(`任务 ${t} 已有报表中的进展`);
  // An indicator reported by several units but dropped in one place only shows once.
  return [...new Set(out)];
}

/**
 * A title carried into another year names that year: 梅列区2021年度就业工作考核办法 becomes …2022年度….
 * Only a year written as a year (2021年, 2021年度) moves; a document number such as 〔2021〕 stays.
 */
export function moveTitleYear(text: string, from: number, to: number): string {
  return text.replace(new RegExp(`${from}(?=\\s*年)`, 'g'), String(to));
}

/**
 * What to do about a year without a plan: the year right after the latest is a new year, made from the
 * last one with plan new; any other is more likely a mistyped year. Empty for a year before the first.
 */
export function missingPlanAdvice(years: readonly number[], year: number, lead = ''): string {
  if (years.length === 0) return '';
  const latest = years[years.length - 1];
  if (year === latest + 1) return `${lead}新年度请先由 ${latest} 年方案建立:${launcher()} plan new ${year}(或用 ${launcher()} plan add 方案文件 载入)`;
  if (year > latest + 1) return `${lead}请核对年份:最新的方案是 ${latest} 年的`;
  return '';
}
