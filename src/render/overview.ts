// `jiuye` with no command: the figures of the latest quarter with returns, the chasing of the quarter
// being collected (each quarter named once), and the next commands chosen from what the state needs.
import type { Io } from '../io.js';
import type { CheckReport } from '../domain/check.js';
import type { OverdueReport } from '../domain/deadline.js';
import { outputWidth } from './terminal.js';
import { displayWidth, keepCommandsWhole, paint, wrapParagraph } from './text.js';
import { launcher } from '../format/command.js';
import { numberText } from '../format/number.js';

/** Up to this many units, indicators or warnings are named; more are counted. */
export const FEW = 3;

type Counted = { count: number; names: string[]; units: { name: string; count: number }[] };

export interface Overview {
  database: string;
  district: string;
  title: string;
  year: number;
  asOf: string;
  /** The other years the database holds a plan for. */
  otherYears: number[];
  /** The latest quarter with returns and its figures; null before the first return. */
  figures: {
    period: string;
    periodTitle: string;
    why: string;
    /** Indicators behind schedule, each as 列东街道 城镇新增就业(差 15 人), and the units they are in. */
    behind: Counted & { overall: number; areas: number };
    missed: Counted;
    /** Warnings: each as 规模性裁员(列西街道), and how many of each rule. */
    warnings: { count: number; names: string[]; byRule: { title: string; count: number }[] };
  } | null;
  /** The quarter being collected (the one plain `jiuye overdue` chases), or why the day has none. */
  chasing:
    | {
        period: string;
        periodTitle: string;
        why: string;
        expected: number;
        received: number;
        /** Units whose deadline has passed without a return, and those still within it. */
        overdue: string[];
        pending: string[];
        deadline: string;
      }
    | { outside: string; newYear: number | null; instead: string };
  next: { command: string; what: string }[];
}

/** What the overview is built from. */
export interface OverviewInput {
  database: string;
  plan: { year: number; title: string; district: string };
  otherYears: number[];
  asOf: string;
  check: { report: CheckReport; why: string; title: string } | null;
  chasing: { report: OverdueReport; why: string } | { outside: string; newYear: number | null; instead: string };
  /** Some area has no allocation of some target. */
  unallocated: boolean;
}

/** The overview model, its next steps chosen from the state. */
export function overviewModel(input: OverviewInput): Overview {
  const figures = input.check ? figuresOf(input.check.report, input.check.why) : null;
  const chasing =
    'report' in input.chasing
      ? (() => {
          const r = input.chasing.report;
          return {
            period: r.period,
            periodTitle: r.periodTitle,
            why: input.chasing.why,
            expected: r.counts.expected,
            received: r.counts.received,
            overdue: r.units.filter((u) => u.status === 'overdue').map((u) => u.name),
            pending: r.units.filter((u) => u.status === 'pending').map((u) => u.name),
            deadline: r.deadline.date,
          };
        })()
      : input.chasing;
  const next: Overview['next'] = [];
  const add = (command: string, what: string) => next.push({ command: `${launcher()} ${command}`, what });
  if ('outside' in chasing) {
    if (chasing.newYear !== null) add(`plan new ${chasing.newYear}`, `建立 ${chasing.newYear} 年的方案(沿用上年,目标可改)`);
    add(`overdue --quarter ${chasing.instead}`, `${chasing.instead} 的报送情况`);
  } else {
    if (chasing.received === 0) add(`template --quarter ${chasing.period} --all`, '生成各单位的季度报表,发给各单位填写');
    if (chasing.overdue.length > 0) add('overdue --notice', `逾期未报的 ${chasing.overdue.length} 个单位及联系人,并写出催报通知`);
    if (chasing.received < chasing.expected) add('import 文件夹', '导入收回的报表(文件夹换成存放报表的文件夹;先加 --dry-run 看一看)');
  }
  if (input.unallocated) add('targets allocate', '把年度目标分解到镇街(逐项提问,保存前核对合计)');
  if (figures) {
    const attention = figures.behind.overall + figures.behind.areas + figures.missed.count + figures.warnings.count;
    // check and report look at the latest quarter with returns by themselves: the figures' quarter.
    if (attention > 0) add('check --brief', '需要关注的事项:滞后、未达标、预警、未报送');
    add(`report --quarter ${figures.period}`, '给领导小组的季度汇总表');
  } else if (!input.unallocated) add('duty', '打印责任分工表');
  add('--help', '全部命令');
  return {
    database: input.database,
    district: input.plan.district,
    title: input.plan.title,
    year: input.plan.year,
    asOf: input.asOf,
    otherYears: input.otherYears,
    figures,
    chasing,
    next,
  };
}

function figuresOf(report: CheckReport, why: string): NonNullable<Overview['figures']> {
  const scopes = [...(report.overall ? [report.overall] : []), ...report.units];
  const place = (u: CheckReport['units'][number]) => (u.kind === 'district' ? '全区' : u.name);
  const named = (status: string, say: (i: CheckReport['units'][number]['indicators'][number]) => string) =>
    scopes.flatMap((u) => u.indicators.filter((i) => i.status === status).map((i) => `${place(u)} ${say(i)}`));
  const count = (units: CheckReport['units'], status: string) => units.reduce((n, u) => n + u.indicators.filter((i) => i.status === status).length, 0);
  const units = (status: string) => scopes.map((u) => ({ name: place(u), count: u.indicators.filter((i) => i.status === status).length })).filter((u) => u.count > 0);
  const rules = new Map<string, number>();
  for (const w of report.warnings) rules.set(w.title, (rules.get(w.title) ?? 0) + 1);
  const overall = count(report.overall ? [report.overall] : [], 'behind');
  const areas = count(report.units, 'behind');
  return {
    period: report.period,
    periodTitle: report.periodTitle,
    why,
    behind: { count: overall + areas, overall, areas, names: named('behind', (i) => `${i.name}(差 ${numberText(i.shortfall ?? 0)} ${i.measure})`), units: units('behind') },
    missed: { count: count(scopes, 'missed'), names: named('missed', (i) => i.name), units: units('missed') },
    warnings: { count: report.warnings.length, names: report.warnings.map((w) => `${w.title}(${w.unitName})`), byRule: [...rules].map(([title, n]) => ({ title, count: n })) },
  };
}

/** One screen: the quarters (each named once), returns in, indicators behind, warnings, and the next commands. */
export function renderOverview(io: Io, m: Overview): string {
  const c = paint(io);
  const width = outputWidth(io);
  const red = (n: number, unit: string) => (n > 0 ? c.red(`${n} ${unit}`) : `0 ${unit}`);
  const few = (names: unknown[]) => names.length > 0 && names.length <= FEW;
  // A few are named; more, in a few units, are counted by unit; more still, counted.
  const which = (x: Counted, counts: string) => (few(x.names) ? `:${x.names.join('、')}` : few(x.units) ? `:${x.units.map((u) => `${u.name} ${u.count} 项`).join('、')}` : counts);
  const lines: string[] = [];
  // A command named in a sentence never breaks across lines: it is typed as one.
  const say = (text: string, hanging = '  ') => lines.push(...wrapParagraph(keepCommandsWhole(text, launcher()), width, '', hanging));
  // Lines that name units and indicators break only between the names: a name is never split.
  const names = (text: string, hanging: string) => lines.push(...wrapParagraph(text, width, '', hanging, 'list'));
  lines.push(...wrapParagraph(`${c.bold(`${m.district}就业工作督促落实 · ${m.year} 年方案`)}${c.dim(`(数据库 ${m.database})`)}`, width, '', '  ', 'words'));
  if (m.otherYears.length > 0) say(`其他年度:数据库中另有 ${m.otherYears.join('、')} 年的方案(${launcher()} plan list)`);
  const f = m.figures;
  const ch = m.chasing;
  const same = f !== null && 'period' in ch && ch.period === f.period;
  if (same) say(`当前季度:${f.periodTitle}(${f.period},${ch.why})`);
  else {
    say(f ? `数据:${f.periodTitle}(${f.period},${f.why})` : '数据:还没有导入任何报表');
    if ('period' in ch) say(`报送:${ch.periodTitle}(${ch.period},${ch.why})`);
  }
  if ('outside' in ch) say(c.yellow(`报送:${ch.outside}`));
  else {
    const missing = ch.expected - ch.received;
    const late = ch.overdue.length > 0 ? (few(ch.overdue) ? `,逾期未报:${ch.overdue.join('、')}` : `,逾期未报 ${ch.overdue.length} 个单位`) : '';
    const waiting = ch.pending.length > 0 ? `,${ch.pending.length} 个单位未到截止日期(${ch.deadline})` : '';
    names(`报表:已收 ${ch.received} / 应报 ${ch.expected}${missing === 0 ? ',已全部收齐' : `${late}${waiting}`}`, '  ');
  }
  if (f) {
    names(`指标:进度滞后 ${red(f.behind.count, '项')}${which(f.behind, f.behind.count > 0 ? `(全区 ${f.behind.overall},镇街 ${f.behind.areas})` : '')}`, '      ');
    names(`      未达标 ${red(f.missed.count, '项')}${which(f.missed, '')}`, '        ');
    names(
      `风险预警:${f.warnings.count > 0 ? c.red(`${f.warnings.count} 条`) : '无'}` +
        (few(f.warnings.names) ? `:${f.warnings.names.join('、')}` : f.warnings.count > 0 ? `(${f.warnings.byRule.map((r) => `${r.title} ${r.count}`).join('、')})` : ''),
      ' '.repeat(10),
    );
  }
  lines.push('', '接下来可以:');
  const term = Math.max(...m.next.map((n) => displayWidth(n.command)));
  for (const n of m.next) {
    const pad = `  ${n.command}${' '.repeat(term - displayWidth(n.command))}  `;
    // On a narrow screen (a long launcher) the description goes under its command.
    if (width - displayWidth(pad) >= 20) lines.push(...wrapParagraph(n.what, width, pad, ' '.repeat(displayWidth(pad))).map((l, i) => (i === 0 ? `${pad}${c.dim(l.slice(pad.length))}` : c.dim(l))));
    else lines.push(`  ${n.command}`, ...wrapParagraph(n.what, width, '      ').map((l) => c.dim(l)));
  }
  return `${lines.join('\n')}\n`;
}
