// The quarterly summary (季度汇总表): six tables built from the check, overdue and warning models,
// once, for every output form (workbook, csv, json, markdown).
import { allocatableIndicators, targetText } from './allocation.js';
import type { CheckReport } from './check.js';
import { chineseDate } from './dates.js';
import type { OverdueReport } from './deadline.js';
import { unitByCode, type Plan } from './plan/model.js';
import type { IndicatorCheck, ProgressStatus } from './progress.js';
import { ruleList } from './rules.js';
import { numberText, shareText } from '../format/number.js';
import { kindName, NOT_REPORTED, SCHEDULE, scheduleRule, TASK_STATUS, type TaskStatus } from '../format/words.js';

/** How a number is shown: counts, money, shares (0.823 → 82.3%) or dates written as text. */
export type CellFormat = 'int' | 'dec1' | 'dec2' | 'pct0' | 'pct1' | 'pct2' | 'text';
/** How a status cell is coloured. */
export type Tone = 'good' | 'ok' | 'warn' | 'bad' | 'muted';

export interface ReportCell {
  value: string | number | null;
  format?: CellFormat;
  tone?: Tone;
  /**
   * The same label as the row above (a task's name on each of its units' rows): repeated rather than
   * merged, so a page break never leaves rows without it, and printed lighter.
   */
  repeated?: boolean;
  /** A subtotal or total. */
  bold?: boolean;
}

export interface ReportColumn {
  header: string;
  /** A heading over several adjacent columns (e.g. an indicator over 目标/累计/完成率). */
  group?: string;
  /** Widest text expected, in character widths, for the workbook; fitted to the content otherwise. */
  maxWidth?: number;
  /** Short codes (序号, 排名) read best centred. */
  center?: boolean;
}

/** Rows under a heading of their own (a kind of unit, one unit's scores), kept on one printed page where they fit. */
export interface ReportBlock {
  heading: string;
  /** The block's own columns, when they differ from the table's (each kind of unit has its own items). */
  columns?: ReportColumn[];
  rows: ReportCell[][];
}

export interface ReportTable {
  /** Sheet and file name: 总体完成情况 … */
  name: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** Blocks printed after the rows (a table in blocks has no rows of its own). */
  blocks?: ReportBlock[];
  notes: string[];
}

/** A table's rows as blocks: its own blocks, or its rows as one block without a heading. */
export function tableBlocks(t: ReportTable): { heading: string | null; columns: ReportColumn[]; rows: ReportCell[][] }[] {
  return [
    ...(t.rows.length > 0 || !t.blocks ? [{ heading: null, columns: t.columns, rows: t.rows }] : []),
    ...(t.blocks ?? []).map((b) => ({ heading: b.heading, columns: b.columns ?? t.columns, rows: b.rows })),
  ];
}

/** Tables under one title and source line: what the workbook, CSV and Markdown writers print (a quarter's summary, a year's assessment). */
export interface PrintedReport {
  district: string;
  /** 2021年第三季度, 2021年度: what the workbook is about. */
  periodTitle: string;
  title: string;
  subtitle: string;
  /** Marks every page must carry (示例数据, 空表): also at the end of the subtitle. */
  stamps: string[];
  tables: ReportTable[];
}

export interface SummaryReport extends PrintedReport {
  district: string;
  year: number;
  period: string;
  periodTitle: string;
  asOf: string;
  /** 梅列区2021年第三季度就业工作目标完成情况汇总表 */
  title: string;
  /** 统计截至 …;数据来源 …;依据 … */
  subtitle: string;
  tables: ReportTable[];
}

const TONE: Record<ProgressStatus, Tone | undefined> = {
  done: 'good',
  on_schedule: 'ok',
  behind: 'warn',
  missed: 'bad',
  no_data: 'muted',
  unallocated: 'muted',
  monitor: undefined,
};

const text = (value: string | null, tone?: Tone): ReportCell => ({ value: value === '' ? null : value, ...(tone ? { tone } : {}) });
const num = (value: number | null, format: CellFormat = 'int'): ReportCell => ({ value, format });
/** A figure that should be there and is not: said, never a blank cell. */
const notReported = (): ReportCell => text(NOT_REPORTED, 'muted');
/** A value outside its limit is highlighted as the terminal colours it: a broken target red, behind schedule amber. */
const outside = (cell: ReportCell, status: ProgressStatus): ReportCell =>
  status === 'missed' || status === 'behind' ? { ...cell, tone: TONE[status] } : cell;

/** The quarterly summary tables; `stamps` (示例数据, 空表) are carried by every page and end the source line. */
export function summaryReport(plan: Plan, check: CheckReport, overdue: OverdueReport, opts: { stamps?: string[]; sayCountedTo?: boolean } = {}): SummaryReport {
  const stamps = opts.stamps ?? [];
  const title = `${plan.district}${check.periodTitle}就业工作目标完成情况汇总表`;
  const subtitle =
    `统计截至 ${chineseDate(overdue.asOf)};数据来源:各单位报送的${check.periodTitle}季度报表(已收 ${check.returns.received} / 应报 ${check.returns.expected} 份);` +
    `依据:《${plan.title}》` +
    stamps.map((x) => `;${x}`).join('');
  const sheetTitle = (what: string) => `${plan.district}${check.periodTitle}${what}`;
  return {
    district: plan.district,
    year: check.year,
    period: check.period,
    periodTitle: check.periodTitle,
    asOf: overdue.asOf,
    title,
    subtitle,
    stamps,
    tables: [
      overallTable(plan, check, sheetTitle('就业工作目标总体完成情况')),
      areaTable(plan, check, sheetTitle('各镇街目标完成情况')),
      submissionTable(plan, overdue, sheetTitle('季度报表报送情况'), Boolean(opts.sayCountedTo)),
      warningTable(check, sheetTitle('就业风险预警情况')),
      hintTable(plan, check, sheetTitle('数据质量提示')),
      taskTable(check, sheetTitle('重点任务推进情况')),
      dutyTable(plan, `${plan.district}${plan.year}年就业工作责任分工表`),
    ],
  };
}

/** The figure of a check in its own form: a count, money, or a rate as a share; 未报 when it is missing. */
function figure(i: IndicatorCheck, value: number | null): ReportCell {
  if (value === null) return notReported();
  if (i.kind === 'rate' || i.kind === 'relative') return num(value / 100, 'pct2');
  return num(value, i.decimals > 0 ? 'dec2' : 'int');
}

/** The quarter-end figure of a rate or stock, highlighted when it breaks its target. */
function quarterEndFigure(i: IndicatorCheck): ReportCell {
  const cell = figure(i, i.quarterValue);
  return i.kind === 'count' || i.kind === 'monitor' ? cell : outside(cell, i.status);
}

function statusOf(i: IndicatorCheck): ReportCell {
  if (i.status === 'monitor') return text('监测');
  const shortfall = i.status === 'behind' && i.shortfall !== null ? `(差 ${numberText(i.shortfall)} ${i.measure})` : '';
  return text(`${i.statusText}${shortfall}`, TONE[i.status]);
}

/** The unit that leads an indicator: the lead of the first task it drives, else its only reporter. */
function leadOf(plan: Plan, indicator: string): string {
  const task = plan.tasks.find((t) => t.indicators.includes(indicator));
  if (task) return unitByCode(plan, task.lead).name;
  const reporters = plan.indicators.find((i) => i.code === indicator)?.reportedBy ?? [];
  return reporters.length === 1 ? unitByCode(plan, reporters[0]).name : '';
}

function overallTable(plan: Plan, check: CheckReport, title: string): ReportTable {
  const indicators = check.overall?.indicators ?? [];
  return {
    name: '总体完成情况',
    title,
    columns: [
      { header: '序号', center: true },
      { header: '指标', maxWidth: 28 },
      { header: '类型' },
      { header: '计量单位' },
      { header: '年度目标', maxWidth: 20 },
      { header: '本季度' },
      { header: '累计' },
      { header: '完成率' },
      { header: SCHEDULE },
      { header: '状态', maxWidth: 18 },
      { header: '牵头单位' },
      { header: '说明', maxWidth: 40 },
    ],
    rows: indicators.map((i, n) => {
      const ind = plan.indicators.find((x) => x.code === i.indicator)!;
      const count = i.kind === 'count';
      return [
        num(n + 1),
        text(i.name),
        text(kindName(i.kind)),
        text(i.measure),
        text(i.target?.text ?? targetText(ind)),
        quarterEndFigure(i),
        // Only a count and a monitored figure add up over the year; a rate is judged at quarter end.
        count || i.kind === 'monitor' ? figure(i, i.ytd) : num(null),
        count ? outside(num(i.completion, 'pct1'), i.status) : num(null, 'pct1'),
        num(count ? i.schedule : null, 'pct0'),
        statusOf(i),
        text(leadOf(plan, i.indicator)),
        text(i.note),
      ];
    }),
    notes: [`${scheduleRule()}。本季度 ${check.period} 的${SCHEDULE}为 ${shareText(check.schedule, 0)}。`],
  };
}

function areaTable(plan: Plan, check: CheckReport, title: string): ReportTable {
  const counts = allocatableIndicators(plan);
  const rate = plan.indicators.find((i) => i.kind === 'rate');
  const zero = plan.indicators.find((i) => i.kind === 'zero');
  const pick = (list: IndicatorCheck[], code: string | undefined) => list.find((x) => x.indicator === code);
  // The quarter-end columns (rate, zero), the same for an area's row and the district's total,
  // highlighted where the target is broken (陈大镇 3.60% over ≤3.5%), 未报 where nothing came.
  const quarterEnd = (list: IndicatorCheck[]): ReportCell[] =>
    [rate, zero].filter((x) => x !== undefined).map((ind) => {
      const i = pick(list, ind!.code);
      return i ? quarterEndFigure(i) : num(null);
    });

  const rows = check.units.map((u) => {
    const shares = counts.map((c) => pick(u.indicators, c.code)).filter((x) => x?.completion !== null && x?.completion !== undefined);
    const overall = shares.length > 0 ? shares.reduce((s, x) => s + x!.completion!, 0) / shares.length : null;
    const behind = u.indicators.filter((x) => x.status === 'behind' || x.status === 'missed').length;
    return { u, overall, behind };
  });
  const ranked = rows.filter((r) => r.overall !== null).map((r) => r.overall!).sort((a, b) => b - a);
  const rank = (v: number | null) => (v === null ? null : ranked.indexOf(v) + 1); // equal shares share a rank

  const body: ReportCell[][] = rows.map(({ u, overall, behind }) => {
    const silent = u.indicators.length > 0 && u.indicators.every((i) => i.reporters.reported === 0);
    const state = [silent ? '本季度未报送' : '', behind > 0 ? `${behind} 项滞后或未达标` : ''].filter(Boolean).join(';');
    return [
      text(u.name),
      ...counts.flatMap((c) => {
        const i = pick(u.indicators, c.code);
        if (!i) return [num(null), num(null), num(null, 'pct1')];
        const target = i.target?.value ?? null;
        return [target === null ? text('未分解', 'muted') : num(target), figure(i, i.ytd), outside(num(i.completion, 'pct1'), i.status)];
      }),
      ...quarterEnd(u.indicators),
      num(overall, 'pct1'),
      num(rank(overall), 'int'),
      state ? text(state, silent ? 'bad' : 'warn') : overall === null ? text('未分解', 'muted') : text('正常', 'good'),
    ];
  });
  const district = check.overall?.indicators ?? [];
  const total: ReportCell[] = [
    { ...text('合计(全区)'), bold: true },
    ...counts.flatMap((c) => {
      const sumOf = (f: (i: IndicatorCheck) => number | null) => {
        const vals = check.units.map((u) => pick(u.indicators, c.code)).map((i) => (i ? f(i) : null)).filter((v): v is number => v !== null);
        return vals.length > 0 ? vals.reduce((s, v) => s + v, 0) : null;
      };
      const target = sumOf((i) => i.target?.value ?? null);
      const ytd = pick(district, c.code)?.ytd ?? sumOf((i) => i.ytd);
      return [num(target), num(ytd), num(target && ytd !== null ? ytd / target : null, 'pct1')];
    }),
    ...quarterEnd(district),
    num(null, 'pct1'),
    num(null),
    text(null),
  ];
  return {
    name: '分单位完成情况',
    title,
    columns: [
      { header: '单位' },
      ...counts.flatMap((c) => [
        { header: '分解目标', group: `${c.name}(${c.measure})` },
        { header: '累计完成', group: `${c.name}(${c.measure})` },
        { header: '完成率', group: `${c.name}(${c.measure})` },
      ]),
      ...(rate ? [{ header: rate.name }] : []),
      ...(zero ? [{ header: `${zero.name}(${zero.measure})` }] : []),
      { header: '综合完成率' },
      { header: '排名', center: true },
      { header: '状态' },
    ],
    rows: [...body, total],
    notes: [
      '综合完成率为各项分解目标完成率的平均数,按其从高到低排名;未分解目标的单位不参加排名。“未报”为本季度未报送的数字;红色为超出控制目标,黄色为低于序时进度。',
      '合计行的累计完成为全区数(含未分解单位的数字),分解目标为各镇街分解数之和。',
    ],
  };
}

const SUBMISSION_TONE: Record<string, Tone> = { on_time: 'good', late: 'warn', overdue: 'bad' };

/** With sayCountedTo, each count of days says the day it runs to (a quarter long past, counted to today). */
function submissionTable(plan: Plan, r: OverdueReport, title: string, sayCountedTo: boolean): ReportTable {
  const status = (u: OverdueReport['units'][number]) => (sayCountedTo && u.status === 'overdue' ? u.statusText.replace(/天\)$/, `天,计至 ${r.asOf})`) : u.statusText);
  return {
    name: '报送情况',
    title,
    columns: [
      { header: '序号', center: true },
      { header: '单位' },
      { header: '类别' },
      { header: '截止日期' },
      { header: '收到日期' },
      { header: '状态', maxWidth: 24 },
      { header: '逾期天数' },
      { header: '填报人' },
      { header: '联系电话' },
    ],
    rows: r.units.map((u, n) => [
      num(n + 1),
      text(u.name),
      text(unitByCode(plan, u.unit).category),
      text(r.deadline.date),
      text(u.receivedOn),
      text(status(u), SUBMISSION_TONE[u.status] ?? (u.near ? 'warn' : 'muted')),
      num(u.daysLate || u.daysOverdue || null),
      text(u.contact?.filledBy ?? null),
      text(u.contact?.phone ?? null),
    ]),
    notes: [
      `截止日期:${r.deadline.rule}${r.deadline.rolled ? `(${r.deadline.nominal} 逢节假日,顺延至 ${r.deadline.date})` : ''};天数按自然日计算,统计截至 ${r.asOf}。`,
      ...r.warnings,
    ],
  };
}

function warningTable(check: CheckReport, title: string): ReportTable {
  return {
    name: '风险预警',
    title,
    columns: [{ header: '序号', center: true }, { header: '预警类型' }, { header: '单位' }, { header: '情况', maxWidth: 60 }, { header: '阈值', maxWidth: 36 }],
    rows:
      check.warnings.length > 0
        ? check.warnings.map((w, n) => [num(n + 1), text(w.title, 'bad'), text(w.unitName), text(w.message), text(w.thresholdText)])
        : [[num(null), text('本季度未触发风险预警', 'good'), text(null), text(null), text(null)]],
    notes: check.notEvaluated.map((x) => `未判断:${x.title} · ${x.unitName} · ${x.reason}`),
  };
}

function hintTable(plan: Plan, check: CheckReport, title: string): ReportTable {
  return {
    name: '数据质量提示',
    title,
    columns: [{ header: '序号', center: true }, { header: '提示类型' }, { header: '单位' }, { header: '情况', maxWidth: 60 }, { header: '阈值', maxWidth: 30 }, { header: '核实', maxWidth: 36 }],
    rows:
      check.hints.length > 0
        ? check.hints.map((h, n) => [num(n + 1), text(h.title, 'warn'), text(h.unitName), text(h.message), text(h.thresholdText), text(h.fix ?? null)])
        : [[num(null), text('本季度报表没有数据质量提示', 'good'), text(null), text(null), text(null), text(null)]],
    notes: [
      '数据质量提示不影响报表导入,只是提请向报送单位核实的数字;判断规则和阈值取自方案中的数据质量规则:',
      ...ruleList(plan, 'hint').map((r) => `${r.title}:${r.text}`),
    ],
  };
}

const TASK_TONE: Record<TaskStatus, Tone> = { [TASK_STATUS.done]: 'good', [TASK_STATUS.underway]: 'ok', [TASK_STATUS.notStarted]: 'warn' };

function taskTable(check: CheckReport, title: string): ReportTable {
  const rows: ReportCell[][] = [];
  for (const t of check.tasks) {
    for (const [k, u] of t.units.entries()) {
      // The task is named on every row of its units, lighter after the first: a page break can fall anywhere.
      const label = (value: string): ReportCell => ({ ...text(value), ...(k > 0 ? { repeated: true } : {}) });
      rows.push([
        label(t.id),
        label(t.title),
        label(t.lead.name),
        text(u.name),
        text(u.role === 'lead' ? '牵头' : '配合'),
        text(u.status ?? (u.returned ? '未填' : '未报送'), u.status ? TASK_TONE[u.status] : 'muted'),
        // A unit's own words, kept as text: a note such as "=100%完成" must never become a formula.
        text(u.note),
      ]);
    }
  }
  const silent = check.tasks.reduce((n, t) => n + t.silent.length, 0);
  return {
    name: '任务推进情况',
    title,
    columns: [
      { header: '任务' },
      { header: '工作内容', maxWidth: 26 },
      { header: '牵头单位' },
      { header: '责任单位' },
      { header: '职责' },
      { header: '状态' },
      { header: '进展情况', maxWidth: 60 },
    ],
    rows,
    notes: [`本季度有 ${silent} 个“任务—责任单位”既未填状态也未写进展(含未报送的单位)。`],
  };
}

function dutyTable(plan: Plan, title: string): ReportTable {
  const coUnits = plan.tasks.map((t) => new Set(t.coUnits));
  return {
    name: '责任分工',
    title,
    columns: [{ header: '单位' }, ...plan.tasks.map((t) => ({ header: t.id })), { header: '牵头' }, { header: '配合' }],
    rows: plan.units.map((u) => {
      const roles = plan.tasks.map((t, i) => (t.lead === u.code ? '牵头' : coUnits[i].has(u.code) ? '配合' : ''));
      return [
        text(u.name),
        ...roles.map((r) => text(r || null, r === '牵头' ? 'ok' : undefined)),
        num(roles.filter((r) => r === '牵头').length),
        num(roles.filter((r) => r === '配合').length),
      ];
    }),
    // The tasks named by their numbers above, in one paragraph: a line each took a page of its own.
    notes: [`依据:《${plan.title}》各项任务的责任单位,列在第一位的为牵头单位;第六部分约束领导小组全体成员单位。`, `${plan.tasks.map((t) => `${t.id} ${t.title}`).join(';')}。`],
  };
}
