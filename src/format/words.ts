// The government's words, each written once: every renderer (terminal, workbooks, web page, charts,
// notices) and the domain take them from here, so one screen never says a thing two ways.

/** The standard term for the elapsed share of the year: 序时进度, in the government's word order. */
export const SCHEDULE = '序时进度';

/** 第三季度, or 三季度 short (chart axes, where the quarters stand side by side). */
export function quarterName(quarter: number, short = false): string {
  return `${short ? '' : '第'}${'一二三四'[quarter - 1]}季度`;
}

/** The quarters of a year so far, as the government says them: 第一季度, 上半年, 前三季度, 全年. */
export function quartersSoFar(quarters: number): string {
  return ['', quarterName(1), '上半年', '前三季度', '全年'][quarters] ?? '';
}

/** 序时进度:第一季度 25%、第二季度 50%、第三季度 75%、第四季度 100%. */
export function scheduleRule(): string {
  return `${SCHEDULE}:${[1, 2, 3, 4].map((q) => `${quarterName(q)} ${q * 25}%`).join('、')}`;
}

/** The three statuses a unit gives a task in its return, by what they mean. */
export const TASK_STATUS = { done: '已完成', underway: '推进中', notStarted: '未启动' } as const;
export type TaskStatus = (typeof TASK_STATUS)[keyof typeof TASK_STATUS];
/** In the order the return's drop-down offers them. */
export const TASK_STATUSES: readonly TaskStatus[] = [TASK_STATUS.done, TASK_STATUS.underway, TASK_STATUS.notStarted];

/** 镇街 or 部门: a unit's kind in a table column. */
export const UNIT_KIND_NAMES = { area: '镇街', department: '部门' } as const;
/** The category a plan gives a unit that names none. */
export const UNIT_DEFAULT_CATEGORIES = { area: '镇街', department: '区直部门' } as const;
/** Each kind of unit as a group of the assessment: 镇街和开发区, 区直部门. */
export const UNIT_GROUP_NAMES = { area: '镇街和开发区', department: '区直部门' } as const;

/** 累计型, 比率型 …: the kinds of indicator. */
export const INDICATOR_KIND_NAMES = { count: '累计型', rate: '比率型', relative: '比较型', zero: '清零型', monitor: '监测型' } as const;

/** 累计型, 比率型 … for tables. */
export function kindName(kind: keyof typeof INDICATOR_KIND_NAMES): string {
  return INDICATOR_KIND_NAMES[kind];
}

/** The deadline rule in one sentence (季后N日, 遇节假日顺延): what the embedded plan says, and every document that explains it. */
export function deadlineRule(daysAfterQuarterEnd: number): string {
  return `季后${daysAfterQuarterEnd}日内报送,遇周末和法定节假日顺延至下一个工作日`;
}

/**
 * The risk warnings of document section 三(三), one name each, by rule id (the domain takes its list
 * of warning rules from these keys); the layoff notice names its number of days.
 */
export const WARNING_NAMES = {
  employmentDecline: () => '新增就业连续下滑',
  unemploymentSurge: () => '失业率急速攀升',
  massLayoff: () => '规模性裁员',
  layoffNotice: (noticeDays: number) => `裁员未提前${noticeDays}日说明`,
  zeroFamilies: () => '零就业家庭未清零',
  behindSchedule: () => '进度滞后',
} as const;

/** The name of any warning rule; the layoff notice's with the plan's number of days. */
export function warningName(rule: keyof typeof WARNING_NAMES, noticeDays: number): string {
  return rule === 'layoffNotice' ? WARNING_NAMES.layoffNotice(noticeDays) : WARNING_NAMES[rule]();
}

/** The mark on every document written from a database that holds the demo's figures. */
export const DEMO_STAMP = '示例数据';
/** The mark on a document written (with --allow-empty) for a quarter or year without any return: 空表(2021年第三季度未收到任何季度报表). */
export function emptyStamp(periodTitle: string): string {
  return `空表(${periodTitle}未收到任何季度报表)`;
}

/** What a document says where a figure should be and is not (never a blank cell). */
export const NOT_REPORTED = '未报';

/** Why a unit is left out of its group's ranking (不参加排名), by reason. */
export const NOT_RANKED_REASONS = { unallocated: '未分解目标', noReturnDue: '尚无应报报表' } as const;
