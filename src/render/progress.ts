// Terminal tables for progress checks and warnings: goal vs actual the way hledger's budget report shows it.
import type { ChalkInstance } from 'chalk';
import type { Io } from '../io.js';
import type { IndicatorCheck, UnitCheck } from '../domain/progress.js';
import type { Finding, NotEvaluated, RiskWarning } from '../domain/finding.js';
import { renderTable, type Column } from './table.js';
import { formatNumber, paint } from './text.js';

/** 12.3% */
export function percentText(share: number, decimals = 1): string {
  return `${(share * 100).toFixed(decimals)}%`;
}

/** A figure in the indicator's measure: 1,234 for people, 3.12% for rates. */
export function figureText(c: IndicatorCheck, value: number | null): string {
  if (value === null) return '—';
  return c.kind === 'rate' || c.kind === 'relative' ? `${value.toFixed(2)}%` : formatNumber(value, c.decimals);
}

/** Goal vs actual: 1,234 / 1,500 (82.3%), 3.12% / ≤3.5%, 1 / 动态清零. */
export function budgetText(c: IndicatorCheck): string {
  switch (c.kind) {
    case 'count':
      if (c.target === null) return `${figureText(c, c.ytd)} / 未分解`;
      return `${figureText(c, c.ytd)} / ${formatNumber(c.target.value ?? 0, c.decimals)}${c.completion !== null ? ` (${percentText(c.completion)})` : ''}`;
    case 'monitor':
      return '—';
    default:
      return `${figureText(c, c.quarterValue)} / ${c.target?.text ?? '—'}`;
  }
}

/** 进度滞后(差 16 人), coloured by how it stands. */
export function statusCell(i: IndicatorCheck, c: ChalkInstance): string {
  const text = i.status === 'behind' && i.shortfall !== null ? `${i.statusText}(差 ${formatNumber(i.shortfall)} ${i.measure})` : i.statusText;
  switch (i.status) {
    case 'done':
      return c.green(text);
    case 'on_schedule':
      return text;
    case 'behind':
    case 'missed':
      return c.red(text);
    case 'unallocated':
      return c.yellow(text);
    default:
      return c.dim(text);
  }
}

const BAR = 10;

/** A ten-cell completion bar: coloured blocks on a colour terminal, # and . otherwise (never ambiguous-width characters). */
export function completionBar(i: IndicatorCheck, c: ChalkInstance): string {
  if (i.completion === null) return '';
  const filled = Math.max(0, Math.min(BAR, Math.round(Math.min(i.completion, 1) * BAR)));
  if (c.level === 0) return `${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}`;
  const on = i.status === 'behind' ? c.bgRed : c.bgGreen;
  return `${on(' '.repeat(filled))}${c.bgGray(' '.repeat(BAR - filled))}`;
}

/** The indicator table for the district, an area, or several units (a 单位 column then leads). */
export function renderIndicatorTable(io: Io, units: UnitCheck[], opts: { unitColumn: boolean }): string {
  const c = paint(io);
  const bar = io.stdoutTty;
  const columns: Column[] = [
    ...(opts.unitColumn ? [{ header: '单位' }] : []),
    { header: '指标' },
    { header: '本季度', align: 'right' as const },
    { header: '累计', align: 'right' as const },
    { header: '完成 / 目标(完成率)', align: 'right' as const },
    ...(bar ? [{ header: '完成进度' }] : []),
    { header: '时序进度', align: 'right' as const },
    { header: '状态' },
  ];
  const rows: string[][] = [];
  for (const u of units) {
    u.indicators.forEach((i, k) => {
      rows.push([
        ...(opts.unitColumn ? [k === 0 ? u.name : ''] : []),
        `${i.name}(${i.measure})`,
        figureText(i, i.quarterValue),
        i.kind === 'count' || i.kind === 'monitor' ? figureText(i, i.ytd) : '—',
        budgetText(i),
        ...(bar ? [completionBar(i, c)] : []),
        // Only a cumulative count is measured against the elapsed share of the year.
        i.kind === 'count' ? percentText(i.schedule, 0) : '—',
        statusCell(i, c),
      ]);
    });
  }
  return renderTable(columns, rows, c);
}

/** Footnotes under an indicator table: why a figure is missing or partial. */
export function indicatorNotes(units: UnitCheck[], withUnit: boolean): string[] {
  const out: string[] = [];
  for (const u of units) {
    const prefix = withUnit ? `${u.name} ` : '';
    // A unit that sent nothing this quarter gets one line, not one per indicator.
    if (u.unit !== null && u.indicators.length > 0 && u.indicators.every((i) => i.reporters.reported === 0)) {
      out.push(`${prefix || `${u.name}`}本季度没有报送数据`.trim());
      continue;
    }
    for (const i of u.indicators) if (i.note) out.push(`${prefix}${i.name}:${i.note}`);
  }
  if (units.some((u) => u.indicators.some((i) => i.status === 'unallocated'))) {
    out.push('未分解:该镇街没有这项指标的分解目标,只列完成数;运行 jiuye targets allocate 设置');
  }
  return out;
}

/** The warnings table, and a line per rule that could not be judged. */
export function renderWarnings(io: Io, warnings: RiskWarning[], notEvaluated: NotEvaluated[]): string {
  const c = paint(io);
  const width = Math.max(80, Math.min(io.columns ?? 120, 160));
  let text = '';
  if (warnings.length === 0) text += c.green('未触发风险预警\n');
  else {
    text += renderTable(
      [{ header: '预警' }, { header: '单位' }, { header: '触发情况', wrap: Math.max(30, width - 62) }, { header: '阈值', wrap: 24 }],
      warnings.map((w) => [c.red(w.title), w.unitName, w.message, w.thresholdText]),
      c,
    );
  }
  const groups = new Map<string, string[]>();
  for (const n of notEvaluated) {
    const key = `${n.title}|${n.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), n.unitName]);
  }
  for (const [key, names] of groups) {
    const [title, reason] = key.split('|');
    text += c.dim(`未判断 ${title}:${names.join('、')}(${reason})\n`);
  }
  return text;
}

/** 数据质量提示: one row per figure to confirm with its unit, with the rule's threshold; never a refusal. */
export function renderHints(io: Io, hints: Finding[]): string {
  const c = paint(io);
  if (hints.length === 0) return c.green('没有数据质量提示\n');
  const width = Math.max(80, Math.min(io.columns ?? 120, 160));
  return renderTable(
    [{ header: '提示' }, { header: '单位' }, { header: '情况', wrap: Math.max(30, width - 66) }, { header: '阈值', wrap: 26 }],
    hints.map((h) => [c.yellow(h.title), h.unitName, h.message.startsWith(`${h.unitName} `) ? h.message.slice(h.unitName.length + 1) : h.message, h.thresholdText]),
    c,
  );
}
