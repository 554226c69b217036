// `jiuye assess` on a terminal: the ranking of each kind of unit with every item's points, and one
// unit's breakdown (each item's rule, the figures it used, the points).
import type { ChalkInstance } from 'chalk';
import type { Io } from '../io.js';
import type { AssessmentReport, GroupAssessment, UnitAssessment } from '../domain/assessment.js';
import { pts } from '../domain/assessment-items.js';
import { unitRemarks } from '../domain/assessment-tables.js';
import { EVERY_ROW, renderTable, type Column } from './table.js';
import { outputWidth } from './terminal.js';
import { keepWhole, paint, wrapParagraph } from './text.js';
import { launcher } from '../format/command.js';
import { quartersSoFar } from '../format/words.js';

const NUMBERS = ['一', '二', '三', '四', '五', '六'];

/** The whole assessment: heading, 预评 line, a ranking per kind of unit, the office's duties. */
export function renderAssessment(io: Io, r: AssessmentReport): string {
  const c = paint(io);
  const width = outputWidth(io);
  const out: string[] = [];
  const para = (text: string, style: (s: string) => string = (s) => s, indent = '', mode: 'text' | 'list' = 'text') =>
    out.push(...wrapParagraph(text, width, indent, `${indent}  `, mode).map((l) => style(l)));
  heading(r, para, c);
  r.groups.forEach((g, i) => {
    out.push('');
    para(`${NUMBERS[i] ?? i + 1}、${g.name}(满分:${g.items.map((x) => `${x.short} ${x.points}`).join('、')})`, c.bold, '', 'list');
    out.push(rankingTable(io, r, g).trimEnd());
    for (const u of g.units) for (const remark of unitRemarks(u, { brief: true })) para(`${u.name} ${remark}`, c.dim, '  ');
    for (const line of notRankedLines(g)) para(line, c.yellow, '  ', 'list');
  });
  out.push('');
  para('领导小组办公室职责(不计分):', c.bold);
  for (const d of r.officeDuties) {
    para(`${d.met ? c.green('✓ 已履行') : c.red('✗ 未履行')} ${d.task} ${d.name}:${d.evidence}${d.words ? `:${d.words}` : ''}`, (s) => s, '  ');
  }
  if (r.gaps.length > 0) {
    out.push('');
    para(`考核前请补齐:${r.gaps.join('、')}(${launcher()} targets 查看,补齐后重新考核)`, c.yellow, '', 'list');
  }
  out.push('');
  para(
    `说明:等级 ${r.grades.map((g, i) => (i === r.grades.length - 1 ? `${g.name} 其余` : `${g.name} ≥${g.min}`)).join('、')};同类单位按总分排名,总分相同的名次相同(并列)。` +
      `“—”为不涉及的项目,总分按适用项目的满分折算为百分制。各项得分的依据:${launcher()} assess --unit 单位;` +
      `考核结果表:${launcher()} assess --out 文件.xlsx;考核办法是方案的一部分(${launcher()} plan export 可导出修改)。`,
    c.dim,
  );
  return `${out.join('\n')}\n`;
}

function heading(r: AssessmentReport, para: (text: string, style?: (s: string) => string, indent?: string, mode?: 'text' | 'list') => void, c: ChalkInstance, unit?: string): void {
  para(`${unit ?? r.district}${r.year}年度就业工作考核${unit ? '' : '结果'}(统计截至 ${r.asOf})${r.stamps.map((x) => ` 【${x}】`).join('')}`, c.bold);
  para(`按${r.method.title}评分;第四季度报表:已收 ${r.returns.received} / 应报 ${r.returns.expected}`);
  if (r.provisional) {
    // Units in the same situation share one bracket: 22 returns not yet due make one line, not 22.
    const byStatus = new Map<string, string[]>();
    for (const p of r.pendingReturns) byStatus.set(p.statusText, [...(byStatus.get(p.statusText) ?? []), p.name]);
    const text =
      r.returns.received === 0 && byStatus.size === 1
        ? `第四季度报表 ${r.pendingReturns.length} 份均未到(${r.pendingReturns[0].statusText}),${dueText(r)}`
        : `第四季度报表未收齐,未到 ${r.pendingReturns.length} 份:${[...byStatus].map(([status, names]) => `${names.join('、')}(${status})`).join('、')}`;
    para(`预评(暂定):${text}。报表到齐后重新运行 ${launcher()} assess。`, c.yellow, '', 'list');
  }
}

/** What a 预评 rests on: the quarters due by the day (以下按第一季度计算 in April), or none yet. */
function dueText(r: AssessmentReport): string {
  const due = r.dueQuarters.filter((q) => q < 4);
  // Due quarters run from the first without a gap: a later one is never due before an earlier one.
  return due.length === 0 ? `截至 ${r.asOf} 还没有到期的季度报表,以下各项暂无数据` : `以下按${quartersSoFar(due.length)}计算`;
}

/**
 * One kind of unit ranked: 排名, 单位, each item's points, 扣分, 总分, 等级. On a narrow terminal the
 * item headers wrap and 类别 and 扣分 give way (the table says which); no item score and no total does.
 */
function rankingTable(io: Io, r: AssessmentReport, g: GroupAssessment): string {
  const c = paint(io);
  // When no fourth-quarter return is in, the heading says so once; 暂定 on every row would say nothing more.
  const everyProvisional = r.groups.every((x) => x.units.every((u) => u.provisional));
  const columns: Column[] = [
    { header: '排名', align: 'right' },
    { header: '单位' },
    { header: '类别', optional: 0 },
    // Every item's points stay (they add up to the total): a narrow screen wraps their headers, then
    // drops the vertical rules. 扣分 gives way: the deductions are also listed under the table.
    ...g.items.map((item): Column => ({ header: item.short, align: 'right', wrapHeader: 4 })),
    { header: '扣分', align: 'right', optional: 1 },
    { header: '总分', align: 'right' },
    { header: '等级', wrap: 'text', min: 4 },
  ];
  const rows = g.units.filter((u) => !u.notRanked).map((u) => [
    u.rank === null ? '—' : String(u.rank),
    u.name,
    u.category,
    ...u.items.map((i) => (i.points === null ? c.dim('—') : i.points < i.max ? c.yellow(pts(i.points)) : pts(i.points))),
    u.deducted > 0 ? c.red(`-${pts(u.deducted)}`) : '',
    u.total === null ? '—' : c.bold(pts(u.total)),
    gradeCell(c, r, u, everyProvisional),
  ]);
  return renderTable(columns, rows, c, { width: outputWidth(io) });
}

/** 不参加排名:洋溪镇、梅列经济开发区(未分解目标:城镇新增就业): the units left out of the ranking, by reason. */
export function notRankedLines(g: GroupAssessment): string[] {
  const byReason = new Map<string, string[]>();
  for (const u of g.units) {
    if (!u.notRanked) continue;
    const why = `${u.notRanked.text}:${u.notRanked.detail}`;
    byReason.set(why, [...(byReason.get(why) ?? []), u.name]);
  }
  return [...byReason].map(([why, names]) => `不参加排名:${names.join('、')}(${why})`);
}

/** 良好(否决) when a veto capped it, 优秀(暂定) while the unit's fourth-quarter return is missing. */
function gradeCell(c: ChalkInstance, r: AssessmentReport, u: UnitAssessment, everyProvisional: boolean): string {
  if (u.grade === null) return '—';
  const marks = [u.vetoes.length > 0 && u.grade !== u.pointsGrade ? '否决' : '', u.provisional && !everyProvisional ? '暂定' : ''].filter(Boolean);
  // On a narrow screen the cell breaks before the bracket, never inside (否决).
  const text = `${u.grade}${marks.length > 0 ? keepWhole(`(${marks.join(',')})`) : ''}`;
  const i = r.grades.findIndex((g) => g.name === u.grade);
  return i === 0 ? c.green(text) : i === r.grades.length - 1 ? c.red(text) : i === 1 ? text : c.yellow(text);
}

/** One unit: its total, rank and grade, then each item with its rule, the figures used and the points. */
export function renderUnitAssessment(io: Io, r: AssessmentReport, g: GroupAssessment, u: UnitAssessment): string {
  const c = paint(io);
  const width = outputWidth(io);
  const out: string[] = [];
  const para = (text: string, style: (s: string) => string = (s) => s, indent = '', mode: 'text' | 'list' = 'text') =>
    out.push(...wrapParagraph(text, width, indent, `${indent}  `, mode).map((l) => style(l)));
  heading(r, para, c, u.name);
  const veto = u.vetoes.length > 0 && u.grade !== u.pointsGrade ? `(按分数为${u.pointsGrade},因否决项评为${u.grade})` : '';
  const place = u.notRanked
    ? `不参加排名(${u.notRanked.text}:${u.notRanked.detail})`
    : `总分 ${u.total === null ? '—' : pts(u.total)} · 第 ${u.rank ?? '—'} 名${u.tied ? '(并列)' : ''} / ${g.units.filter((x) => !x.notRanked).length} · 等级 ${u.grade ?? '—'}`;
  para(`${g.name} · ${place}${veto}${u.provisional ? ' · 暂定' : ''}`, c.bold);
  out.push('');
  const rule = new Map(g.items.map((i) => [i.id, i.rule]));
  const rows: string[][] = u.items.map((i) => [i.name, String(i.max), i.points === null ? '不涉及' : pts(i.points), i.evidence, rule.get(i.id) ?? '']);
  for (const d of u.deductions) rows.push([`扣分:${d.name}`, '', c.red(`-${pts(d.points)}`), d.evidence, r.deductionRules.find((x) => x.id === d.id)?.rule ?? '']);
  for (const v of u.vetoes) rows.push([`否决:${v.name}`, '', `最高${v.cap}`, v.evidence, r.vetoRules.find((x) => x.id === v.id)?.rule ?? '']);
  out.push(
    renderTable(
      [
        { header: '项目', wrap: 'text', min: 8 },
        { header: '满分', align: 'right' },
        { header: '得分', align: 'right' },
        { header: '依据(所用数字 → 得分)', wrap: 'text', min: 18 },
        { header: '规则', wrap: 'text', min: 14 },
      ],
      rows,
      c,
      { width, group: EVERY_ROW },
    ).trimEnd(),
  );
  if (u.total !== null) {
    const scaled = u.max !== 100 ? `适用项目得分 ${pts(u.earned)} / ${u.max} × 100 = ${pts(u.base ?? 0)}` : `各项得分合计 ${pts(u.earned)}`;
    para(`${scaled}${u.deducted > 0 ? `,扣分 ${pts(u.deducted)},总分 ${pts(u.total)}` : ''}`, (s) => s, '  ');
  }
  for (const m of u.missingReturns) {
    const effect = m.status === 'pending' ? '暂不计,报表到后重新考核' : '按时报送按规则扣分,该季的数字和任务进展未计入(见各项依据)';
    para(`缺报表:${m.period} ${m.statusText}:${effect}`, c.yellow, '  ');
  }
  const duties = r.officeDuties.filter((d) => d.lead === u.unit);
  if (duties.length > 0) {
    out.push('');
    para('领导小组办公室职责(不计分):', c.bold);
    for (const d of duties) para(`${d.met ? c.green('✓ 已履行') : c.red('✗ 未履行')} ${d.task} ${d.name}:${d.evidence}${d.words ? `:${d.words}` : ''}`, (s) => s, '  ');
  }
  return `${out.join('\n')}\n`;
}
