// What a plan changes against the one before it (a replacement of the same year, or next year's against
// this year's), said per kind so the clerk sees every consequence before the next return arrives.
import { targetText } from '../allocation.js';
import type { AssessmentMethod } from '../assessment-method.js';
import { normalizeName } from '../match.js';
import type { Plan, Unit } from './model.js';
import { ruleList } from '../rules.js';
import { UNIT_KIND_NAMES } from '../../format/words.js';

export type PlanChangeKind = 'title' | 'units' | 'codes' | 'indicators' | 'tasks' | 'targets' | 'deadline' | 'warnings' | 'dataQuality' | 'assessment';

/** One kind of change: its heading, a line per change, and what the clerk must know about it. */
export interface PlanChange {
  kind: PlanChangeKind;
  heading: string;
  lines: string[];
  warning?: string;
}

/** A unit that left the plan under one code and came back under another with the same name. */
export interface CodeChange {
  before: Unit;
  after: Unit;
}

/**
 * Every difference between two plans that the clerk acts on, per kind, in a fixed order; empty when
 * they differ in nothing that counts. Units are tied across plans by code, so a unit whose name comes
 * back under a new code is a code change, never a rename.
 */
export function planChanges(before: Plan, after: Plan): PlanChange[] {
  const out: PlanChange[] = [];
  const add = (kind: PlanChangeKind, heading: string, lines: string[], warning?: string) => {
    if (lines.length > 0) out.push({ kind, heading, lines, ...(warning ? { warning } : {}) });
  };
  const sameYear = before.year === after.year;

  const titles: string[] = [];
  if (before.title !== after.title) titles.push(`方案名称:${before.title} → ${after.title}`);
  if (before.assessment.title !== after.assessment.title) titles.push(`考核办法名称:${before.assessment.title} → ${after.assessment.title}`);
  add('title', '名称', titles);

  const units = unitChanges(before, after);
  add('units', '单位', units.lines);
  add(
    'codes',
    '单位代码改变',
    units.codes.map((c) => `${c.before.name}:代码 ${c.before.code} → ${c.after.code}`),
    units.codes.length > 0
      ? `新代码开始新的历史:${units.codes.map((c) => c.after.name).join('、')} 与代码 ${units.codes.map((c) => c.before.code).join('、')} 下已有的报表、分解目标和上年数不再接续。` +
          '只是改名的单位请保留原代码,只改名称'
      : undefined,
  );

  const listed = <T extends { code?: string; id?: string }>(a: T[], b: T[], key: (x: T) => string, name: (x: T) => string) => {
    const keys = new Set(b.map(key));
    return a.filter((x) => !keys.has(key(x))).map(name);
  };
  const indicatorName = (i: Plan['indicators'][number]) => `${i.name}(${i.code})`;
  add('indicators', '指标', [
    ...listed(after.indicators, before.indicators, (i) => i.code, indicatorName).map((n) => `新增:${n}`),
    ...listed(before.indicators, after.indicators, (i) => i.code, indicatorName).map((n) => `去掉:${n}`),
  ]);
  const taskName = (t: Plan['tasks'][number]) => `${t.id} ${t.title}`;
  add('tasks', '任务', [
    ...listed(after.tasks, before.tasks, (t) => t.id, taskName).map((n) => `新增:${n}`),
    ...listed(before.tasks, after.tasks, (t) => t.id, taskName).map((n) => `去掉:${n}`),
  ]);

  add('targets', '区级目标', targetChanges(before, after));

  const deadline: string[] = [];
  if (before.deadline.daysAfterQuarterEnd !== after.deadline.daysAfterQuarterEnd || before.deadline.rule !== after.deadline.rule) {
    deadline.push(`${before.deadline.rule} → ${after.deadline.rule}`);
  }
  if (before.deadline.nearDays !== after.deadline.nearDays) deadline.push(`“临近”提醒:截止前 ${before.deadline.nearDays} 天 → ${after.deadline.nearDays} 天`);
  add(
    'deadline',
    '报送截止规则',
    deadline,
    deadline.length === 0
      ? undefined
      : sameYear
        ? `${after.year} 年各季度(包括已过的季度)的截止日期和逾期天数都按新规则重算`
        : `${after.year} 年的季度按新规则,${before.year} 年的季度仍按 ${before.year} 年的规则`,
  );

  add('warnings', '风险预警阈值', ruleChanges(before, after, 'warning'));
  add('dataQuality', '数据质量提示阈值', ruleChanges(before, after, 'hint'));
  add('assessment', '考核办法', assessmentChanges(before.assessment, after.assessment));
  return out;
}

/** Units added, removed (a merged unit is a removal), renamed or of another kind, and codes changed. */
function unitChanges(before: Plan, after: Plan): { lines: string[]; codes: CodeChange[] } {
  const was = new Map(before.units.map((u) => [u.code, u]));
  const now = new Map(after.units.map((u) => [u.code, u]));
  const removed = before.units.filter((u) => !now.has(u.code));
  const added = after.units.filter((u) => !was.has(u.code));
  const names = (u: Unit) => new Set([u.name, u.fullName].map((n) => normalizeName(n, after.district)));
  const codes: CodeChange[] = [];
  for (const r of removed) {
    const mine = names(r);
    const a = added.find((x) => !codes.some((c) => c.after === x) && [...names(x)].some((n) => mine.has(n)));
    if (a) codes.push({ before: r, after: a });
  }
  const lines: string[] = [];
  for (const u of added) if (!codes.some((c) => c.after === u)) lines.push(`新增:${u.name}(${u.code},${UNIT_KIND_NAMES[u.kind]})`);
  for (const u of removed) {
    if (!codes.some((c) => c.before === u)) lines.push(`去掉:${u.name}(${u.code})——已有的报表留在原年度;如已并入其他单位,今后由合并后的单位报送`);
  }
  for (const u of after.units) {
    const old = was.get(u.code);
    if (!old) continue;
    if (old.name !== u.name) lines.push(`改名:${old.name} → ${u.name}(代码 ${u.code} 不变,历年数字接续)`);
    else if (old.fullName !== u.fullName) lines.push(`全称:${old.fullName} → ${u.fullName}`);
    if (old.kind !== u.kind) lines.push(`${u.name}:${UNIT_KIND_NAMES[old.kind]} → ${UNIT_KIND_NAMES[u.kind]}`);
  }
  return { lines, codes };
}

/** The district targets that differ between two plans: 城镇新增就业 ≥1,500 人 → ≥1,600 人. */
function targetChanges(before: Plan, after: Plan): string[] {
  const text = (i: Plan['indicators'][number] | undefined) => (i?.target ? targetText(i) : '无目标');
  const out: string[] = [];
  for (const i of after.indicators) {
    const was = before.indicators.find((x) => x.code === i.code);
    if (was && text(was) !== text(i)) out.push(`${i.name} ${text(was)} → ${text(i)}`);
  }
  return out;
}

function ruleChanges(before: Plan, after: Plan, severity: 'warning' | 'hint'): string[] {
  const old = new Map(ruleList(before, severity).map((r) => [r.rule, r]));
  return ruleList(after, severity)
    .filter((r) => old.get(r.rule)?.text !== r.text)
    .map((r) => `${r.title}:${old.get(r.rule)?.text ?? '无'} → ${r.text}`);
}

/** The method's items, deductions, vetoes and grades that differ; a change elsewhere is said in one line. */
function assessmentChanges(a: AssessmentMethod, b: AssessmentMethod): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const out: string[] = [];
  if (a.basis !== b.basis) out.push(`依据:${a.basis} → ${b.basis}`);
  for (const g of b.groups) {
    const was = a.groups.find((x) => x.unitKind === g.unitKind);
    const items = new Map((was?.items ?? []).map((i) => [i.id, i]));
    for (const i of g.items) {
      const o = items.get(i.id);
      if (!o) out.push(`${g.name}:新增评分项 ${i.name} ${i.points} 分`);
      else if (o.points !== i.points || o.name !== i.name) out.push(`${g.name}:${o.name} ${o.points} 分 → ${i.name} ${i.points} 分`);
      else if (JSON.stringify(o) !== JSON.stringify(i)) out.push(`${g.name}:${i.name} 的评分规则有改动`);
    }
    for (const o of was?.items ?? []) if (!g.items.some((i) => i.id === o.id)) out.push(`${g.name}:去掉评分项 ${o.name}`);
  }
  const deductions = new Map(a.deductions.map((d) => [d.id, d]));
  for (const d of b.deductions) {
    const o = deductions.get(d.id);
    const text = (x: typeof d) => `每条 −${x.points},最多 −${x.max}`;
    if (!o) out.push(`新增扣分:${d.name} ${text(d)}`);
    else if (text(o) !== text(d) || o.warning !== d.warning || o.at !== d.at) out.push(`扣分 ${d.name}:${text(o)} → ${text(d)}`);
  }
  for (const o of a.deductions) if (!b.deductions.some((d) => d.id === o.id)) out.push(`去掉扣分:${o.name}`);
  const vetoes = new Map(a.vetoes.map((v) => [v.id, v]));
  for (const v of b.vetoes) {
    const o = vetoes.get(v.id);
    if (!o) out.push(`新增否决项:${v.name}(最高${v.cap})`);
    else if (o.cap !== v.cap || o.indicator !== v.indicator) out.push(`否决项 ${v.name}:最高${o.cap} → 最高${v.cap}`);
  }
  for (const o of a.vetoes) if (!b.vetoes.some((v) => v.id === o.id)) out.push(`去掉否决项:${o.name}`);
  const grades = (m: AssessmentMethod) => m.grades.map((g) => (g.min > 0 ? `${g.name} ≥${g.min}` : g.name)).join(',');
  if (grades(a) !== grades(b)) out.push(`等级:${grades(a)} → ${grades(b)}`);
  if (JSON.stringify(a.officeDuties) !== JSON.stringify(b.officeDuties)) out.push('领导小组办公室职责有改动');
  // The title is said under 名称; anything else that moved is still worth a line.
  if (out.length === 0 && JSON.stringify({ ...a, title: '' }) !== JSON.stringify({ ...b, title: '' })) out.push('考核办法的其他内容有改动');
  return out;
}

