// `jiuye` with no command: where things stand this quarter on one screen, and what to run next.
import type { Io } from '../io.js';
import type { CheckReport } from '../domain/check.js';
import { outputWidth } from './terminal.js';
import { displayWidth, paint, wrapParagraph } from './text.js';
import { launcher } from '../format/command.js';
import { numberText } from '../format/number.js';

/** Up to this many units, indicators or warnings are named; more are counted. */
export const FEW = 3;

export interface Overview {
  database: string;
  district: string;
  title: string;
  year: number;
  period: string;
  periodTitle: string;
  /** Why this quarter: the same quarter and reason as plain `jiuye overdue`. */
  why: string;
  asOf: string;
  /** The other years the database holds a plan for. */
  otherYears: number[];
  returns: { expected: number; received: number; missing: string[] };
  /** Indicators behind schedule: counts, each as 列东街道 城镇新增就业(差 15 人), and the units they are in. */
  behind: { overall: number; areas: number; names: string[]; units: { name: string; count: number }[] };
  missed: { count: number; names: string[]; units: { name: string; count: number }[] };
  /** Warnings: each as 规模性裁员(列西街道), and how many of each rule. */
  warnings: { count: number; names: string[]; byRule: { title: string; count: number }[] };
  next: { command: string; what: string }[];
}

/** The overview model from a check of the current quarter. */
export function overviewModel(report: CheckReport, meta: { database: string; title: string; why: string; asOf: string; otherYears: number[] }): Overview {
  const scopes = [...(report.overall ? [report.overall] : []), ...report.units];
  const named = (status: string, say: (i: CheckReport['units'][number]['indicators'][number]) => string) =>
    scopes.flatMap((u) => u.indicators.filter((i) => i.status === status).map((i) => `${u.kind === 'district' ? '全区' : u.name} ${say(i)}`));
  const count = (units: CheckReport['units'], status: string) => units.reduce((n, u) => n + u.indicators.filter((i) => i.status === status).length, 0);
  const units = (status: string) =>
    scopes
      .map((u) => ({ name: u.kind === 'district' ? '全区' : u.name, count: u.indicators.filter((i) => i.status === status).length }))
      .filter((u) => u.count > 0);
  const rules = new Map<string, number>();
  for (const w of report.warnings) rules.set(w.title, (rules.get(w.title) ?? 0) + 1);
  const p = report.period;
  const next =
    report.returns.received === 0
      ? [
          { command: `${launcher()} template --quarter ${p} --all`, what: '生成各单位的季度报表' },
          { command: `${launcher()} import 收到的报表/`, what: '导入收回的报表' },
          { command: `${launcher()} targets allocate`, what: '把年度目标分解到镇街' },
          { command: `${launcher()} duty`, what: '打印责任分工表' },
        ]
      : [
          { command: `${launcher()} check --brief`, what: '需要关注的事项:滞后、未达标、预警、未报送' },
          { command: `${launcher()} check`, what: '各指标完成情况、任务推进情况' },
          { command: `${launcher()} overdue`, what: '未报、逾期单位及联系人(--notice 生成催报通知)' },
          { command: `${launcher()} warn`, what: '风险预警明细' },
        ];
  return {
    database: meta.database,
    district: report.district,
    title: meta.title,
    year: report.year,
    period: p,
    periodTitle: report.periodTitle,
    why: meta.why,
    asOf: meta.asOf,
    otherYears: meta.otherYears,
    returns: { expected: report.returns.expected, received: report.returns.received, missing: report.returns.missing.map((m) => m.name) },
    behind: {
      overall: count(report.overall ? [report.overall] : [], 'behind'),
      areas: count(report.units, 'behind'),
      names: named('behind', (i) => `${i.name}(差 ${numberText(i.shortfall ?? 0)} ${i.measure})`),
      units: units('behind'),
    },
    missed: { count: count(scopes, 'missed'), names: named('missed', (i) => i.name), units: units('missed') },
    warnings: {
      count: report.warnings.length,
      names: report.warnings.map((w) => `${w.title}(${w.unitName})`),
      byRule: [...rules].map(([title, n]) => ({ title, count: n })),
    },
    next: [...next, { command: `${launcher()} --help`, what: '全部命令' }],
  };
}

/** One screen: the quarter, returns in, indicators behind, warnings (named when few), and the next commands. */
export function renderOverview(io: Io, m: Overview): string {
  const c = paint(io);
  const width = outputWidth(io);
  const behind = m.behind.overall + m.behind.areas;
  const red = (n: number, unit: string) => (n > 0 ? c.red(`${n} ${unit}`) : `0 ${unit}`);
  const few = (names: unknown[]) => names.length > 0 && names.length <= FEW;
  // A few indicators are named; more, in a few units, are counted by unit; more still, counted.
  const which = (names: string[], units: { name: string; count: number }[], counts: string) =>
    few(names) ? `:${names.join('、')}` : few(units) ? `:${units.map((u) => `${u.name} ${u.count} 项`).join('、')}` : counts;
  const missing = m.returns.expected - m.returns.received;
  const lines: string[] = [];
  const say = (text: string, hanging = '      ') => lines.push(...wrapParagraph(text, width, '', hanging, 'list'));
  lines.push(...wrapParagraph(`${c.bold(`${m.district}就业工作督促落实 · ${m.year} 年方案`)}${c.dim(`(数据库 ${m.database})`)}`, width, '', '  ', 'words'));
  say(`当前季度:${m.periodTitle}(${m.period},${m.why})`);
  if (m.otherYears.length > 0) say(`其他年度:数据库中另有 ${m.otherYears.join('、')} 年的方案(${launcher()} plan list;看其他季度加 --quarter,如 ${launcher()} check --quarter ${m.otherYears[m.otherYears.length - 1]}Q1)`);
  say(
    `报表:已收 ${m.returns.received} / 应报 ${m.returns.expected}` +
      (missing === 0 ? ',已全部收齐' : few(m.returns.missing) ? `,未报:${m.returns.missing.join('、')}` : `,未报 ${missing} 个单位`),
  );
  say(`指标:进度滞后 ${red(behind, '项')}${which(m.behind.names, m.behind.units, behind > 0 ? `(全区 ${m.behind.overall},镇街 ${m.behind.areas})` : '')}`);
  say(`      未达标 ${red(m.missed.count, '项')}${which(m.missed.names, m.missed.units, '')}`, '        ');
  say(
    `风险预警:${m.warnings.count > 0 ? c.red(`${m.warnings.count} 条`) : '无'}` +
      (few(m.warnings.names) ? `:${m.warnings.names.join('、')}` : m.warnings.count > 0 ? `(${m.warnings.byRule.map((r) => `${r.title} ${r.count}`).join('、')})` : ''),
    ' '.repeat(10),
  );
  lines.push('', '接下来可以:');
  const term = Math.max(...m.next.map((n) => displayWidth(n.command)));
  for (const n of m.next) {
    const pad = `  ${n.command}${' '.repeat(term - displayWidth(n.command))}  `;
    lines.push(...wrapParagraph(n.what, width, pad, ' '.repeat(displayWidth(pad))).map((l, i) => (i === 0 ? `${pad}${c.dim(l.slice(pad.length))}` : c.dim(l))));
  }
  return `${lines.join('\n')}\n`;
}
