// 需要关注: what the clerk should act on first, a short block at the top of `check` (and all of `check --brief`).
//
// The block is a list of sections, each a title and one line per item. Another kind of finding
// (数据质量提示, say) joins by adding a section to the list; the renderer needs no change.
import type { ChalkInstance } from 'chalk';
import type { CheckReport } from '../domain/check.js';
import type { IndicatorCheck, UnitCheck } from '../domain/progress.js';
import { figureText, statusLabel } from './indicator.js';
import { displayWidth, wrapParagraph } from './text.js';
import { numberText } from '../format/number.js';

export interface AttentionSection {
  /** 进度滞后, 未达标, 风险预警, 未报送 … */
  title: string;
  /** alert: a target or rule broken (red); notice: something to chase (yellow). */
  severity: 'alert' | 'notice';
  /** One line each before wrapping, e.g. 列东街道:城镇新增就业(差 15 人). */
  items: string[];
}

// The behind-schedule warning repeats the indicators listed under 进度滞后; the block names them once.
const LISTED_AS_INDICATORS = new Set(['behindSchedule']);

/** The 需要关注 sections of a check: indicators behind or missed, warnings by rule, units missing this quarter. */
export function checkAttention(r: CheckReport): AttentionSection[] {
  const scopes = [...(r.overall ? [r.overall] : []), ...r.units];
  const who = (u: UnitCheck) => (u.kind === 'district' ? '全区' : u.name);
  const per = (status: IndicatorCheck['status'], say: (i: IndicatorCheck) => string) =>
    scopes
      .map((u) => [u, u.indicators.filter((i) => i.status === status)] as const)
      .filter(([, found]) => found.length > 0)
      .map(([u, found]) => `${who(u)}:${found.map(say).join('、')}`);

  const sections: AttentionSection[] = [
    { title: '进度滞后', severity: 'alert', items: per('behind', (i) => `${i.name}(差 ${numberText(i.shortfall ?? 0)} ${i.measure})`) },
    { title: '未达标', severity: 'alert', items: per('missed', (i) => `${i.name} ${figureWithMeasure(i)}(目标 ${i.target?.text ?? statusLabel(i)})`) },
    { title: '风险预警', severity: 'alert', items: warningsByRule(r) },
    { title: '数据质量提示', severity: 'notice', items: hintsByRule(r) },
    {
      title: '未报送',
      severity: 'notice',
      items: r.returns.missing.length > 0 ? [`${r.returns.missing.map((m) => m.name).join('、')}(${r.period} 共 ${r.returns.missing.length} 个单位)`] : [],
    },
  ];
  return sections.filter((s) => s.items.length > 0);
}

// 3.60% for a rate, 1 户 for households.
function figureWithMeasure(i: IndicatorCheck): string {
  const figure = figureText(i, i.quarterValue);
  return i.kind === 'rate' || i.kind === 'relative' || i.quarterValue === null ? figure : `${figure} ${i.measure}`;
}

// 规模性裁员:列西街道(2 条)、列东街道 — one line per rule, units in the order the warnings came.
function warningsByRule(r: CheckReport): string[] {
  const rules = new Map<string, Map<string, number>>();
  for (const w of r.warnings) {
    if (LISTED_AS_INDICATORS.has(w.rule)) continue;
    const units = rules.get(w.title) ?? new Map<string, number>();
    units.set(w.unitName, (units.get(w.unitName) ?? 0) + 1);
    rules.set(w.title, units);
  }
  return [...rules].map(([title, units]) => `${title}:${[...units].map(([name, n]) => (n > 1 ? `${name}(${n} 条)` : name)).join('、')}`);
}

// 疑似填了累计数:列东街道(城镇新增就业)、陈大镇 — one line per rule: figures to confirm with the unit.
function hintsByRule(r: CheckReport): string[] {
  const names = new Map([...r.units.flatMap((u) => u.indicators), ...(r.overall?.indicators ?? [])].map((i) => [i.indicator, i.name]));
  const rules = new Map<string, Map<string, Set<string>>>();
  for (const h of r.hints) {
    const units = rules.get(h.title) ?? new Map<string, Set<string>>();
    const what = units.get(h.unitName) ?? new Set<string>();
    const indicator = h.indicator ? names.get(h.indicator) : undefined;
    if (indicator) what.add(indicator);
    units.set(h.unitName, what);
    rules.set(h.title, units);
  }
  return [...rules].map(([title, units]) => `${title}:${[...units].map(([name, what]) => (what.size > 0 ? `${name}(${[...what].join('、')})` : name)).join('、')}`);
}

/** The block as text: a heading, then each section's title beside its items, wrapped to width. */
export function renderAttention(c: ChalkInstance, sections: AttentionSection[], width: number): string {
  if (sections.length === 0) return `${c.bold('需要关注:')}${c.green('无')}(没有滞后或未达标的指标,没有风险预警,报表已收齐)\n`;
  const labelWidth = Math.max(...sections.map((s) => displayWidth(s.title)));
  const out = [c.bold('需要关注:')];
  for (const s of sections) {
    const paint = s.severity === 'alert' ? c.red : c.yellow;
    const label = `  ${s.title}${' '.repeat(labelWidth - displayWidth(s.title))}  `;
    const blank = ' '.repeat(displayWidth(label));
    s.items.forEach((item, k) => {
      const lines = wrapParagraph(item, width, blank, `${blank}  `, 'list');
      if (k === 0) lines[0] = `${paint(label.trimEnd())}${' '.repeat(displayWidth(label) - displayWidth(label.trimEnd()))}${lines[0].slice(blank.length)}`;
      out.push(...lines);
    });
  }
  return `${out.join('\n')}\n`;
}
