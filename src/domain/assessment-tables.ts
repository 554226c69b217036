// The assessment as printed tables (考核结果, 评分明细, 考核办法): built once from the assessment model
// for the workbook, CSV and Markdown alike. No cell is merged down a block: a unit's rows run over a
// page break, and LibreOffice prints a merged name once, so the rows on the next page had none.
import { assessmentSubtitle, type AssessmentReport, type GroupAssessment, type UnitAssessment } from './assessment.js';
import { pts } from './assessment-items.js';
import type { Plan } from './plan.js';
import type { PrintedReport, ReportCell, ReportTable, Tone } from './report.js';
import { launcher } from '../format/command.js';

const text = (value: string | null, tone?: Tone): ReportCell => ({ value: value === '' ? null : value, ...(tone ? { tone } : {}) });
const score = (value: number | null): ReportCell => ({ value, format: 'dec1' });

/** 优秀 green … 不合格 red, as the status cells of the quarterly summary. */
function gradeTone(r: AssessmentReport, grade: string | null): Tone | undefined {
  if (grade === null) return 'muted';
  const i = r.grades.findIndex((g) => g.name === grade);
  if (i === 0) return 'good';
  if (i === r.grades.length - 1) return 'bad';
  return i === 1 ? 'ok' : 'warn';
}

/** The file name the workbook is saved under by default: 梅列区2021年度就业工作考核结果表(预评).xlsx while provisional. */
export function assessmentFileTitle(r: AssessmentReport): string {
  return `${r.district}${r.year}年度就业工作考核结果表${r.provisional ? '(预评)' : ''}`;
}

/** The three sheets of the assessment workbook; `note` is added to the source line (e.g. 示例数据). */
export function assessmentTables(r: AssessmentReport, plan: Plan, opts: { note?: string } = {}): PrintedReport {
  const mark = r.provisional ? '(预评·暂定)' : '';
  return {
    district: r.district,
    periodTitle: `${r.year}年度`,
    title: assessmentFileTitle(r),
    subtitle: assessmentSubtitle(r, plan, opts.note),
    tables: [resultTable(r, `${r.title}${mark}`), detailTable(r, `${r.district}${r.year}年度就业工作考核评分明细${mark}`), methodTable(r, `${r.district}${r.year}年度就业工作${r.method.title}`)],
  };
}

/**
 * What to say beside a unit's total: vetoes, deductions, missing returns, items left out, 暂定. Brief
 * (the terminal, whose heading and legend say the rest): only what is the unit's own doing.
 */
export function unitRemarks(u: UnitAssessment, opts: { brief?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const v of u.vetoes) out.push(`否决:${v.name}(${u.grade !== u.pointsGrade ? `按分数为${u.pointsGrade},评为${u.grade}` : `最高评为${v.cap}`})`);
  for (const d of u.deductions) out.push(`扣分:${d.name} ${pts(d.points)} 分`);
  const missing = u.missingReturns.filter((m) => !opts.brief || m.status !== 'pending');
  if (missing.length > 0) out.push(`缺报表:${missing.map((m) => `${m.period} ${m.statusText}`).join('、')}`);
  if (opts.brief) return out;
  const left = u.items.filter((i) => i.points === null);
  if (left.length > 0 && u.max > 0) out.push(`不涉及${left.map((i) => i.short).join('、')},按 ${u.max} 分折算`);
  if (u.provisional) out.push('第四季度报表未到,结果暂定');
  return out;
}

function resultTable(r: AssessmentReport, title: string): ReportTable {
  const rows: ReportCell[][] = [];
  for (const g of r.groups) {
    for (const u of g.units) {
      rows.push([
        text(g.name),
        { value: u.rank, format: 'int' },
        text(u.name),
        text(u.items.map((i) => `${i.short} ${i.points === null ? '不涉及' : pts(i.points)}`).join(';')),
        score(u.base),
        score(u.deducted > 0 ? u.deducted : null),
        score(u.total),
        text(u.grade, gradeTone(r, u.grade)),
        text(unitRemarks(u).join(';')),
      ]);
    }
  }
  return {
    name: '考核结果',
    title,
    columns: [
      { header: '类别', maxWidth: 14 },
      { header: '排名', center: true },
      { header: '单位' },
      { header: '各项得分', maxWidth: 36 },
      { header: '得分(百分制)' },
      { header: '扣分' },
      { header: '总分' },
      { header: '等级', center: true },
      { header: '说明', maxWidth: 34 },
    ],
    rows,
    notes: resultNotes(r),
  };
}

function resultNotes(r: AssessmentReport): string[] {
  const notes = [
    `等级:${r.grades.map((g, i) => (i === r.grades.length - 1 ? `${g.name}(${r.grades[i - 1]?.min ?? 0} 分以下)` : `${g.name}(${g.min} 分及以上)`)).join('、')};` +
      '排名在同类单位中按总分排列,总分相同的名次相同;否决项限定等级,不改变分数。',
    `领导小组办公室职责(不计分):${r.officeDuties.map((d) => `${d.task} ${d.name}:${d.met ? '已履行' : '未履行'}`).join(';')}。依据见“评分明细”。`,
  ];
  if (r.provisional) notes.push(`预评(暂定):截至${r.asOf},第四季度报表未收齐(${r.pendingReturns.map((p) => `${p.name} ${p.statusText}`).join('、')}),报表到齐后重新考核。`);
  if (r.gaps.length > 0) notes.push(`考核前请补齐:${r.gaps.join('、')}。`);
  notes.push(`各项得分的计算依据见“评分明细”,评分规则见“考核办法”(${r.method.title})。`);
  return notes;
}

function detailTable(r: AssessmentReport, title: string): ReportTable {
  const rows: ReportCell[][] = [];
  const row = (u: UnitAssessment, what: string, full: ReportCell, got: ReportCell, evidence: string, words: string | null = null) =>
    rows.push([text(u.name), text(what), full, got, text(evidence), text(words)]);
  for (const g of r.groups) {
    for (const u of g.units) {
      for (const i of u.items) row(u, i.name, score(i.max), i.points === null ? text('不涉及') : score(i.points), i.evidence);
      for (const d of u.deductions) row(u, `扣分:${d.name}`, text(null), score(-d.points), d.evidence);
      for (const v of u.vetoes) row(u, `否决:${v.name}`, text(null), text(`最高${v.cap}`), v.evidence);
      for (const d of r.officeDuties.filter((x) => x.lead === u.unit)) {
        row(u, `领导小组办公室职责:${d.task} ${d.name}`, text(null), text(d.met ? '已履行' : '未履行', d.met ? 'good' : 'bad'), d.evidence, d.words);
      }
      rows.push([text(u.name), text('合计'), score(100), score(u.total), text(totalText(g, u)), text(null)]);
    }
  }
  return {
    name: '评分明细',
    title,
    columns: [{ header: '单位' }, { header: '考核项目', maxWidth: 22 }, { header: '满分' }, { header: '得分' }, { header: '计算依据', maxWidth: 60 }, { header: '报表原文', maxWidth: 24 }],
    rows,
    notes: [`计算依据中的数字与 ${launcher()} check、overdue、warn 用同一套计算结果;“报表原文”是牵头单位在季度报表中填写的进展,照录。`],
  };
}

/** 得分 85.0 − 扣分 2.0 = 83.0,良好 (with the scaling and the veto when there are). */
function totalText(g: GroupAssessment, u: UnitAssessment): string {
  if (u.total === null) return '没有适用的考核项目';
  const scaled = u.max !== 100 ? `适用项目得分 ${pts(u.earned)} / ${u.max} × 100 = ${pts(u.base ?? 0)}` : `各项得分 ${pts(u.earned)}`;
  const off = u.deducted > 0 ? ` − 扣分 ${pts(u.deducted)} = ${pts(u.total)}` : '';
  const veto = u.vetoes.length > 0 ? `;按分数为${u.pointsGrade},因否决项评为${u.grade}` : '';
  return `${scaled}${off};${g.name}第 ${u.rank} 名,${u.grade}${veto}`;
}

function methodTable(r: AssessmentReport, title: string): ReportTable {
  const rows: ReportCell[][] = [];
  for (const g of r.groups) for (const i of g.items) rows.push([text(g.name), text(i.name), score(i.points), text(i.rule)]);
  for (const d of r.deductionRules) rows.push([text('扣分项'), text(d.name), text(null), text(d.rule)]);
  for (const v of r.vetoRules) rows.push([text('否决项'), text(v.name), text(null), text(v.rule)]);
  r.grades.forEach((g, i) => rows.push([text('等级'), text(g.name), text(null), text(i === r.grades.length - 1 ? `总分低于 ${r.grades[i - 1]?.min ?? 0} 分` : `总分 ${g.min} 分及以上`)]));
  for (const d of r.officeDuties) rows.push([text('领导小组办公室职责'), text(`${d.task} ${d.name}`), text(null), text(`${d.rule};只列已履行或未履行,不计分`)]);
  return {
    name: '考核办法',
    title,
    columns: [{ header: '类别', maxWidth: 12 }, { header: '项目', maxWidth: 24 }, { header: '分值' }, { header: '评分规则', maxWidth: 80 }],
    rows,
    notes: [
      r.method.basis,
      `数据:各单位报送的四个季度报表,以统计截至日期前收到的为准;各项数字与 ${launcher()} check、overdue、warn 用同一套计算结果。` +
        '不涉及的项目(如不牵头任务、不报送指标数据的单位)不计分,总分按适用项目的满分折算为百分制。' +
        '第四季度报表未收齐时,结果为“预评(暂定)”,并列出未到的报表。',
      `修改考核办法:${launcher()} plan export 导出方案,修改其中的 assessment 部分,再用 ${launcher()} plan add 文件 --replace 载入;考核办法是方案的一部分,不在程序中。`,
    ],
  };
}
