// The year-end assessment method (考核办法) as plan data: scoring items by unit kind, deductions for
// warnings, veto items that cap the grade, the grades, and the leading-group office's duties; its
// schema check (every problem named by its place) and the default for a plan written without one.
import { WARNING_RULES, type WarningRule } from './finding.js';
import { ITEM_KINDS, DUTY_KINDS } from './assessment-items.js';
import type { Indicator, IndicatorKind, Task, Unit, UnitKind } from './plan/model.js';
import { INDICATOR_KIND_NAMES, UNIT_GROUP_NAMES, WARNING_NAMES } from '../format/words.js';

export interface AssessmentItem {
  /** Unique within its group: the key of the item's points in --json. */
  id: string;
  name: string;
  /** The column header on the terminal (the name when absent). */
  short?: string;
  /** One of the item kinds of assessment-items.ts. */
  kind: string;
  points: number;
  /** countTarget, yearEndTarget: the indicator judged. */
  indicator?: string;
  /** onTimeReturns: points lost per late return, and per return not sent by the deadline. */
  perLate?: number;
  perMissing?: number;
}

/** The items of one kind of unit (镇街和开发区, 区直部门), 100 points in all. */
export interface AssessmentGroup {
  unitKind: UnitKind;
  name: string;
  items: AssessmentItem[];
}

/** Points off for each warning of a rule raised against the unit (in the year, or standing at year end). */
export interface AssessmentDeduction {
  id: string;
  name: string;
  warning: WarningRule;
  at: 'year' | 'yearEnd';
  points: number;
  /** The most this deduction takes in all. */
  max: number;
}

/** 否决项: a bottom-line target missed at year end caps the grade, whatever the points. */
export interface AssessmentVeto {
  id: string;
  name: string;
  indicator: string;
  /** The best grade a unit with this veto can get. */
  cap: string;
}

export interface Grade {
  name: string;
  /** The lowest total of the grade. */
  min: number;
}

/** A duty of the leading-group office, shown as met or not met (not scored). */
export interface OfficeDuty {
  task: string;
  kind: string;
  name: string;
}

export interface AssessmentMethod {
  /** 考核办法(默认,可修改) for the embedded default: the label the printed method carries. */
  title: string;
  basis: string;
  groups: AssessmentGroup[];
  deductions: AssessmentDeduction[];
  vetoes: AssessmentVeto[];
  /** Best first; the last one's min is 0. */
  grades: Grade[];
  officeDuties: OfficeDuty[];
}

/** The label of a default method; a clerk who changes the method changes the title too. */
export const DEFAULT_METHOD_TITLE = '考核办法(默认,可修改)';

/** What each kind of unit is scored out of. */
export const GROUP_POINTS = 100;

/** What the schema check needs of the plan. */
export interface PlanParts {
  units: readonly Unit[];
  indicators: readonly Indicator[];
  tasks: readonly Task[];
}

type Fail = (where: string, what: string) => void;

/** Checks the `assessment` section of a plan file; absent, the plan gets the default method. */
export function readAssessment(raw: unknown, parts: PlanParts, fail: Fail): AssessmentMethod {
  if (raw === undefined) return defaultAssessment(parts);
  const root = asObject(raw);
  if (!root) {
    fail('assessment', '应为对象');
    return defaultAssessment(parts);
  }
  const r = reader(fail);
  known(root, ['title', 'basis', 'groups', 'deductions', 'vetoes', 'grades', 'officeDuties'], 'assessment', fail);
  const title = r.str(root, 'title', 'assessment');
  const basis = r.str(root, 'basis', 'assessment');

  // Grades first: the vetoes name them.
  const grades: Grade[] = r.list(root, 'grades', 'assessment', false).map((g, i) => {
    const where = `assessment.grades[${i}]${typeof g.name === 'string' ? `(${g.name})` : ''}`;
    known(g, ['name', 'min'], where, fail);
    return { name: r.str(g, 'name', where), min: r.num(g, 'min', where, (n) => n >= 0 && n <= GROUP_POINTS, `0–${GROUP_POINTS} 的分数`) };
  });
  grades.forEach((g, i) => {
    if (i > 0 && g.min >= grades[i - 1].min) fail(`assessment.grades[${i}](${g.name}).min`, `应低于上一等级(${grades[i - 1].name} ${grades[i - 1].min} 分),实为 ${g.min}`);
    if (grades.findIndex((x) => x.name === g.name) !== i) fail(`assessment.grades[${i}].name`, `等级 "${g.name}" 重复`);
  });
  if (grades.length > 0 && grades[grades.length - 1].min !== 0) fail(`assessment.grades[${grades.length - 1}].min`, '最低一个等级的 min 应为 0,使每个分数都有等级');
  const gradeNames = grades.map((g) => g.name).join('、');

  const indicator = (code: unknown, where: string, kinds: readonly IndicatorKind[]): string => {
    if (typeof code !== 'string' || code === '') {
      fail(where, code === undefined ? '缺少此字段' : '应为指标代码');
      return '';
    }
    const ind = parts.indicators.find((i) => i.code === code);
    if (!ind) fail(where, `"${code}" 不是方案中的指标代码`);
    else if (!kinds.includes(ind.kind)) fail(where, `"${code}" 是${INDICATOR_KIND_NAMES[ind.kind]}指标,此项只能用于${kinds.map((k) => INDICATOR_KIND_NAMES[k]).join('、')}指标`);
    return code;
  };

  const groups: AssessmentGroup[] = r.list(root, 'groups', 'assessment', false).map((g, gi) => {
    const where = `assessment.groups[${gi}]${typeof g.unitKind === 'string' ? `(${g.unitKind})` : ''}`;
    known(g, ['unitKind', 'name', 'items'], where, fail);
    const unitKind = r.str(g, 'unitKind', where) as UnitKind;
    if (unitKind && unitKind !== 'area' && unitKind !== 'department') fail(`${where}.unitKind`, `"${unitKind}" 应为 area(${UNIT_GROUP_NAMES.area})或 department(${UNIT_GROUP_NAMES.department})`);
    const items = r.list(g, 'items', where, false).map((x, i) => {
      const at = `${where}.items[${i}]${typeof x.id === 'string' ? `(${x.id})` : ''}`;
      const kindText = r.str(x, 'kind', at);
      const kind = ITEM_KINDS.find((k) => k.kind === kindText);
      if (kindText && !kind) fail(`${at}.kind`, `"${kindText}" 不是考核项目类型(应为 ${ITEM_KINDS.map((k) => k.kind).join('、')})`);
      known(x, ['id', 'name', 'short', 'kind', 'points', ...(kind?.indicatorKinds ? ['indicator'] : []), ...(kind?.numbers ?? []).map((n) => n.key)], at, fail, kind ? `${kind.kind} 项目` : undefined);
      const item: AssessmentItem = {
        id: r.str(x, 'id', at),
        name: r.str(x, 'name', at),
        ...(x.short !== undefined ? { short: r.str(x, 'short', at) } : {}),
        kind: kindText,
        points: r.num(x, 'points', at, (n) => n > 0 && n <= GROUP_POINTS, `0–${GROUP_POINTS} 之间的分值`),
      };
      if (kind?.indicatorKinds) item.indicator = indicator(x.indicator, `${at}.indicator`, kind.indicatorKinds);
      for (const n of kind?.numbers ?? []) item[n.key] = r.num(x, n.key, at, (v) => v >= 0 && v <= GROUP_POINTS, n.expect);
      return item;
    });
    items.forEach((item, i) => {
      if (item.id && items.findIndex((x) => x.id === item.id) !== i) fail(`${where}.items[${i}].id`, `项目代码 "${item.id}" 在本组重复`);
    });
    const total = items.reduce((a, x) => a + x.points, 0);
    if (items.length > 0 && Math.abs(total - GROUP_POINTS) > 1e-9) fail(`${where}.items`, `各项分值合计应为 ${GROUP_POINTS},实为 ${round(total)}`);
    return { unitKind, name: r.str(g, 'name', where), items };
  });
  groups.forEach((g, i) => {
    if (g.unitKind && groups.findIndex((x) => x.unitKind === g.unitKind) !== i) fail(`assessment.groups[${i}].unitKind`, `"${g.unitKind}" 已有一组,每类单位只能有一组`);
  });
  for (const kind of new Set(parts.units.map((u) => u.kind))) {
    if (!groups.some((g) => g.unitKind === kind)) fail('assessment.groups', `方案中有${UNIT_GROUP_NAMES[kind]},但考核办法没有 unitKind 为 ${kind} 的一组`);
  }

  const deductions: AssessmentDeduction[] = r.list(root, 'deductions', 'assessment', true).map((d, i) => {
    const where = `assessment.deductions[${i}]${typeof d.id === 'string' ? `(${d.id})` : ''}`;
    known(d, ['id', 'name', 'warning', 'at', 'points', 'max'], where, fail);
    const warning = r.str(d, 'warning', where) as WarningRule;
    if (warning && !WARNING_RULES.includes(warning)) fail(`${where}.warning`, `"${warning}" 不是预警规则(应为 ${WARNING_RULES.join('、')})`);
    const at = r.str(d, 'at', where) as AssessmentDeduction['at'];
    if (at && at !== 'year' && at !== 'yearEnd') fail(`${where}.at`, `"${at}" 应为 year(年内各季度的预警)或 yearEnd(第四季度仍有的预警)`);
    const points = r.num(d, 'points', where, (n) => n > 0 && n <= GROUP_POINTS, `0–${GROUP_POINTS} 之间的分值`);
    const max = r.num(d, 'max', where, (n) => n > 0 && n <= GROUP_POINTS, `0–${GROUP_POINTS} 之间的分值`);
    if (max < points) fail(`${where}.max`, `最多扣分(${max})不能少于每次扣分(${points})`);
    return { id: r.str(d, 'id', where), name: r.str(d, 'name', where), warning, at, points, max };
  });

  const vetoes: AssessmentVeto[] = r.list(root, 'vetoes', 'assessment', true).map((v, i) => {
    const where = `assessment.vetoes[${i}]${typeof v.id === 'string' ? `(${v.id})` : ''}`;
    known(v, ['id', 'name', 'indicator', 'cap'], where, fail);
    const cap = r.str(v, 'cap', where);
    if (cap && grades.length > 0 && !grades.some((g) => g.name === cap)) fail(`${where}.cap`, `"${cap}" 不是考核等级(应为 ${gradeNames})`);
    return { id: r.str(v, 'id', where), name: r.str(v, 'name', where), indicator: indicator(v.indicator, `${where}.indicator`, ['rate', 'relative', 'zero']), cap };
  });

  const officeDuties: OfficeDuty[] = r.list(root, 'officeDuties', 'assessment', true).map((d, i) => {
    const where = `assessment.officeDuties[${i}]${typeof d.task === 'string' ? `(${d.task})` : ''}`;
    known(d, ['task', 'kind', 'name'], where, fail);
    const task = r.str(d, 'task', where);
    if (task && !parts.tasks.some((t) => t.id === task)) fail(`${where}.task`, `"${task}" 不是方案中的任务编号`);
    const kind = r.str(d, 'kind', where);
    if (kind && !DUTY_KINDS.some((k) => k.kind === kind)) fail(`${where}.kind`, `"${kind}" 应为 ${DUTY_KINDS.map((k) => k.kind).join('、')}`);
    return { task, kind, name: r.str(d, 'name', where) };
  });

  for (const [list, name] of [[deductions, 'deductions'], [vetoes, 'vetoes']] as const) {
    list.forEach((x, i) => {
      if (x.id && list.findIndex((y) => y.id === x.id) !== i) fail(`assessment.${name}[${i}].id`, `"${x.id}" 重复`);
    });
  }
  return { title, basis, groups, deductions, vetoes, grades, officeDuties };
}

/**
 * The method a plan gets when its file has none (a plan written, or stored, before the assessment
 * existed): the embedded plan's default method applied to this plan's own indicators and tasks.
 * Areas: the count targets 60 points (the first, the document's headline 城镇新增就业, half of
 * them), the bottom-line targets at year end 20, returns on time 10, task progress 10. Departments:
 * returns 30, task progress 30, lead tasks done 20, their figures reported 20.
 */
export function defaultAssessment(parts: PlanParts): AssessmentMethod {
  const areas = new Set(parts.units.filter((u) => u.kind === 'area').map((u) => u.code));
  const byAreas = (i: Indicator) => i.target !== undefined && i.reportedBy.some((u) => areas.has(u));
  const counts = parts.indicators.filter((i) => i.kind === 'count' && byAreas(i));
  const bottomLine = parts.indicators.filter((i) => (i.kind === 'rate' || i.kind === 'zero') && byAreas(i));
  const countPoints = counts.length === 1 ? [60] : counts.length > 1 ? [30, ...split(30, counts.length - 1)] : [];
  const linePoints = split(20, bottomLine.length);
  // What a plan has no indicator for goes to task progress, so that the group still makes 100.
  const spare = GROUP_POINTS - 20 - sum(countPoints) - sum(linePoints);
  const short = (i: Indicator) => i.name.replace(/^城镇/, '');
  const areaItems: AssessmentItem[] = [
    ...counts.map((i, k) => ({ id: i.code, name: i.name, short: short(i), kind: 'countTarget', points: countPoints[k], indicator: i.code })),
    ...bottomLine.map((i, k) => ({ id: i.code, name: i.name, short: short(i), kind: 'yearEndTarget', points: linePoints[k], indicator: i.code })),
    { id: 'returns', name: '季度报表按时报送', short: '按时报送', kind: 'onTimeReturns', points: 10, perLate: 1, perMissing: 2.5 },
    { id: 'tasks', name: '任务进展按季报告', short: '任务进展', kind: 'taskReporting', points: 10 + spare },
  ];
  const departmentItems: AssessmentItem[] = [
    { id: 'returns', name: '季度报表按时报送', short: '按时报送', kind: 'onTimeReturns', points: 30, perLate: 3, perMissing: 7.5 },
    { id: 'tasks', name: '任务进展按季报告', short: '任务进展', kind: 'taskReporting', points: 30 },
    { id: 'leadTasks', name: '牵头任务年末完成', short: '牵头任务', kind: 'leadTasksDone', points: 20 },
    { id: 'figures', name: '监测数据按季报送', short: '数据报送', kind: 'figuresReported', points: 20 },
  ];
  const duties: OfficeDuty[] = [
    { task: '二(一)-1', kind: 'taskDone', name: '领导小组会议每年至少召开一次' },
    { task: '二(一)-2', kind: 'taskEveryQuarter', name: '每季度督促检查目标任务完成情况' },
  ];
  return {
    title: DEFAULT_METHOD_TITLE,
    basis:
      '文件六(二):“将促进就业工作纳入政府年终考核指标,对各成员单位就促进就业工作落实情况开展考核督查”。' +
      '文件未规定考核分值,本办法是按方案的指标和任务推出的默认办法,区政府年终考核另有规定的,以规定为准,并相应修改本办法',
    groups: [
      { unitKind: 'area', name: UNIT_GROUP_NAMES.area, items: areaItems },
      { unitKind: 'department', name: UNIT_GROUP_NAMES.department, items: departmentItems },
    ].filter((g) => parts.units.some((u) => u.kind === g.unitKind)) as AssessmentGroup[],
    deductions: [{ id: 'layoffNotice', name: WARNING_NAMES.layoffNotice(30), warning: 'layoffNotice', at: 'year', points: 2, max: 4 }],
    vetoes: bottomLine.map((i) => ({ id: i.code, name: `${i.name}年末未达标`, indicator: i.code, cap: '良好' })),
    grades: [
      { name: '优秀', min: 90 },
      { name: '良好', min: 80 },
      { name: '合格', min: 60 },
      { name: '不合格', min: 0 },
    ],
    officeDuties: duties.filter((d) => parts.tasks.some((t) => t.id === d.task)),
  };
}

/** The grade of a total: the best grade whose minimum it reaches. */
export function gradeOf(total: number, grades: readonly Grade[]): Grade {
  // Totals are tenths: 89.99999 from a division is 90.
  return grades.find((g) => total + 1e-9 >= g.min) ?? grades[grades.length - 1];
}

/** Whole points summing to total, the first ones taking the remainder. */
function split(total: number, n: number): number[] {
  if (n === 0) return [];
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => base + (i < total - base * n ? 1 : 0));
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A key that is not part of the method is a typing mistake worth naming (perlate for perLate). */
function known(obj: Record<string, unknown>, keys: string[], where: string, fail: Fail, what?: string): void {
  for (const k of Object.keys(obj)) if (!keys.includes(k)) fail(`${where}.${k}`, `${what ?? ''}没有此字段(可用:${keys.join('、')})`);
}

function reader(fail: Fail) {
  return {
    str(obj: Record<string, unknown>, key: string, where: string): string {
      const v = obj[key];
      if (typeof v !== 'string' || v.trim() === '') {
        fail(`${where}.${key}`, v === undefined ? '缺少此字段' : '应为非空文字');
        return '';
      }
      return v;
    },
    num(obj: Record<string, unknown>, key: string, where: string, check: (n: number) => boolean, expect: string): number {
      const v = obj[key];
      if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) {
        fail(`${where}.${key}`, v === undefined ? '缺少此字段' : `应为${expect},实为 ${JSON.stringify(v)}`);
        return 0;
      }
      return v;
    },
    list(obj: Record<string, unknown>, key: string, where: string, mayBeEmpty: boolean): Record<string, unknown>[] {
      const v = obj[key];
      if (!Array.isArray(v) || (!mayBeEmpty && v.length === 0)) {
        fail(`${where}.${key}`, v === undefined ? '缺少此字段' : mayBeEmpty ? '应为列表' : '应为非空列表');
        return [];
      }
      return v.map((item, i) => {
        const o = asObject(item);
        if (!o) fail(`${where}.${key}[${i}]`, '应为对象');
        return o ?? {};
      });
    },
  };
}
