// `jiuye` with no command: where things stand this quarter on one screen, and what to run next.
import { existsSync } from 'node:fs';
import type { Io } from '../io.js';
import { checkReport, type CheckReport } from '../domain/check.js';
import { localDate } from '../domain/dates.js';
import type { Period, Quarter } from '../domain/period.js';
import { planYears } from '../store/plan.js';
import { displayWidth, paint } from '../render/text.js';
import { dbPath, openStore } from './common.js';
import { readProgressInput } from './quarter.js';
import { latestQuarter } from '../store/returns.js';

export interface Overview {
  database: string;
  district: string;
  title: string;
  year: number;
  period: string;
  periodTitle: string;
  /** latest_returns: the latest quarter with returns; as_of: no returns yet, the quarter today falls in. */
  picked: 'latest_returns' | 'as_of';
  asOf: string;
  returns: { expected: number; received: number };
  behind: { overall: number; areas: number };
  missed: number;
  warnings: number;
  next: { command: string; what: string }[];
}

/** The overview model from a check of the current quarter. */
export function overviewModel(report: CheckReport, meta: { database: string; title: string; picked: Overview['picked']; asOf: string }): Overview {
  const count = (units: CheckReport['units'], status: string) => units.reduce((n, u) => n + u.indicators.filter((i) => i.status === status).length, 0);
  const overall = report.overall ? [report.overall] : [];
  const p = report.period;
  const next =
    report.returns.received === 0
      ? [
          { command: `jiuye template --quarter ${p} --all`, what: '生成各单位的季度报表' },
          { command: 'jiuye import 收到的报表/', what: '导入收回的报表' },
          { command: 'jiuye targets allocate', what: '把年度目标分解到镇街' },
          { command: 'jiuye duty', what: '打印责任分工表' },
        ]
      : [
          { command: 'jiuye check', what: '各指标完成情况、任务推进情况' },
          { command: 'jiuye overdue', what: '未报、逾期单位及联系人(--notice 生成催报通知)' },
          { command: 'jiuye warn', what: '风险预警明细' },
          { command: 'jiuye duty', what: '责任分工表' },
        ];
  return {
    database: meta.database,
    district: report.district,
    title: meta.title,
    year: report.year,
    period: p,
    periodTitle: report.periodTitle,
    picked: meta.picked,
    asOf: meta.asOf,
    returns: { expected: report.returns.expected, received: report.returns.received },
    behind: { overall: count(overall, 'behind'), areas: count(report.units, 'behind') },
    missed: count([...overall, ...report.units], 'missed'),
    warnings: report.warnings.length,
    next: [...next, { command: 'jiuye --help', what: '全部命令' }],
  };
}

/** Prints the overview, or without a database a hint to run init and the help. */
export function runOverview(io: Io, help: string): number {
  const path = dbPath(io, undefined);
  if (path !== ':memory:' && !existsSync(path)) {
    io.stdout.write(`还没有数据库(${path})。先运行 jiuye init 建立数据库,或运行 jiuye demo 用示例数据走一遍全流程。\n\n${help}`);
    return 0;
  }
  const asOf = localDate(io.now());
  const { db, plan } = openStore(io, {});
  let model: Overview;
  try {
    const q = latestQuarter(db, plan.year);
    const period: Period = q !== null ? { year: plan.year, quarter: q } : quarterOf(asOf, planYears(db));
    // quarterOf stays within the latest plan year, the plan openStore read.
    const input = readProgressInput(db, plan, period);
    model = overviewModel(checkReport(input), { database: path, title: plan.title, picked: q !== null ? 'latest_returns' : 'as_of', asOf });
  } finally {
    db.close();
  }
  io.stdout.write(renderOverview(io, model));
  return 0;
}

/** The quarter a day falls in, kept within the years that have a plan. */
function quarterOf(asOf: string, years: number[]): Period {
  const year = Number(asOf.slice(0, 4));
  const quarter = (Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) + 1) as Quarter;
  const last = years[years.length - 1];
  if (year > last) return { year: last, quarter: 4 };
  if (year < last) return { year: last, quarter: 1 };
  return { year, quarter };
}

/** One screen: the quarter, returns in, indicators behind, warnings, and the next commands. */
export function renderOverview(io: Io, m: Overview): string {
  const c = paint(io);
  const why =
    m.picked === 'latest_returns'
      ? '已有报表的最近一个季度'
      : Number(m.asOf.slice(0, 4)) === m.year
        ? `还没有报表,按今天 ${m.asOf} 所在季度`
        : `还没有报表;今天 ${m.asOf} 不在 ${m.year} 年内,取该年${m.period.endsWith('Q1') ? '第一' : '第四'}季度`;
  const behind = m.behind.overall + m.behind.areas;
  const width = Math.max(...m.next.map((n) => displayWidth(n.command)));
  const lines = [
    c.bold(`${m.district}就业工作督促落实 · ${m.year} 年方案`) + c.dim(`(数据库 ${m.database})`),
    `当前季度:${m.periodTitle}(${m.period},${why})`,
    `报表:已收 ${m.returns.received} / 应报 ${m.returns.expected}${m.returns.received < m.returns.expected ? `,未报 ${m.returns.expected - m.returns.received} 个单位` : ',已全部收齐'}`,
    `指标:进度滞后 ${behind > 0 ? c.red(String(behind)) : '0'} 项(全区 ${m.behind.overall},镇街 ${m.behind.areas});未达标 ${m.missed > 0 ? c.red(String(m.missed)) : '0'} 项`,
    `风险预警:${m.warnings > 0 ? c.red(`${m.warnings} 条`) : '无'}`,
    '',
    '接下来可以:',
    ...m.next.map((n) => `  ${n.command}${' '.repeat(width - displayWidth(n.command))}  ${c.dim(n.what)}`),
  ];
  return `${lines.join('\n')}\n`;
}

