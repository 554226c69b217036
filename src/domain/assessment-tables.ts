// The assessment as printed tables (考核结果, 评分明细, 考核办法): built once from the assessment model
// for the workbook, CSV and Markdown alike. Each kind of unit is a block of its own in 考核结果, each
// unit a block of its own in 评分明细 (under a heading row, kept on one page): no cell is merged down,
// since a page break would leave the rows on the next page without it.
import { assessmentSubtitle, type AssessmentReport, type GroupAssessment, type UnitAssessment } from './assessment.js';
import { pts } from './assessment-items.js';
import type { Plan } from './plan/model.js';
import type { PrintedReport, ReportBlock, ReportCell, ReportColumn, ReportTable, Tone } from './report.js';
import { numberText } from '../format/number.js';
import { NOT_RANKED_REASONS } from '../format/words.js';

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

/** The three sheets of the assessment workbook, under the subtitle that ends with the report's stamps (示例数据, 空表). */
export function assessmentTables(r: AssessmentReport, plan: Plan): PrintedReport {
  const mark = r.provisional ? '(预评·暂定)' : '';
  return {
    district: r.district,
    periodTitle: `${r.year}年度`,
    title: assessmentFileTitle(r),
    subtitle: assessmentSubtitle(r, plan),
    stamps: r.stamps,
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
  if (left.length > 0 && u.max > 0 && !u.notRanked) out.push(`不涉及${left.map((i) => i.short).join('、')},按 ${u.max} 分折算`);
  if (u.provisional && !u.notRanked) out.push('第四季度报表未到,结果暂定');
  return out;
}

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一、镇街和开发区; 二、区直部门(含群团组织) when the block holds units of other categories. */
function groupHeading(g: GroupAssessment, i: number): string {
  const others = [...new Set(g.units.map((u) => u.category))].filter((c) => c !== g.name);
  return `${CHINESE_NUMBERS[i] ?? i + 1}、${g.name}${others.length > 0 && g.units.some((u) => u.category === g.name) ? `(含${others.join('、')})` : ''}`;
}

/** 1, or 1(并列) when another unit shares the rank; 不参加排名 for a unit left out. */
function rankCell(u: UnitAssessment): ReportCell {
  if (u.notRanked) return text('不参加排名', 'muted');
  if (u.rank === null) return text('—');
  return u.tied ? text(`${u.rank}(并列)`) : { value: u.rank, format: 'int' };
}

/**
 * 考核结果: a block for each kind of unit (its own items, its own ranking), one column per item headed
 * with its points; 扣分 and 说明 only where some unit has them. Units that cannot be scored fairly
 * follow the ranked ones, as 不参加排名 with the reason.
 */
function resultTable(r: AssessmentReport, title: string): ReportTable {
  const blocks: ReportBlock[] = r.groups.map((g, gi) => {
    const deductions = g.units.some((u) => u.deducted > 0);
    const remarks = new Map(g.units.map((u) => [u.unit, [...(u.notRanked ? [`${u.notRanked.text}:${u.notRanked.detail}`] : []), ...unitRemarks(u)]]));
    const said = [...remarks.values()].some((x) => x.length > 0);
    const columns: ReportColumn[] = [
      { header: '排名', center: true },
      { header: '单位' },
      { header: '类别' },
      ...g.items.map((i) => ({ header: `${i.short}(${numberText(i.points)})` })),
      ...(deductions ? [{ header: '扣分' }] : []),
      { header: '总分' },
      { header: '等级', center: true },
      ...(said ? [{ header: '说明', maxWidth: 40 }] : []),
    ];
    const rows = g.units.map((u): ReportCell[] => [
      rankCell(u),
      text(u.name),
      text(u.category),
      ...u.items.map((i) => (i.points === null ? text('—', 'muted') : { ...score(i.points), ...(i.points < i.max ? { tone: 'warn' as const } : {}) })),
      ...(deductions ? [u.deducted > 0 ? { ...score(-u.deducted), tone: 'bad' as const } : score(null)] : []),
      u.total === null ? text('—') : { ...score(u.total), bold: true },
      u.grade === null ? text('—') : text(u.grade, gradeTone(r, u.grade)),
      ...(said ? [text(remarks.get(u.unit)!.join(';'))] : []),
    ]);
    return { heading: groupHeading(g, gi), columns, rows };
  });
  return { name: '考核结果', title, columns: [], rows: [], blocks, notes: resultNotes(r) };
}

function resultNotes(r: AssessmentReport): string[] {
  const notes = [
    `等级:${r.grades.map((g, i) => (i === r.grades.length - 1 ? `${g.name}(${r.grades[i - 1]?.min ?? 0} 分以下)` : `${g.name}(${g.min} 分及以上)`)).join('、')};` +
      '各类单位分别排名,按总分从高到低,总分相同的名次相同(并列);否决项限定等级,不改变分数。' +
      '项目名称后的数字为该项满分;“—”为不涉及的项目,总分按适用项目的满分折算为百分制;黄色为失分的项目。',
    `不参加排名:${NOT_RANKED_REASONS.unallocated}(有分解目标未分解到本单位,得分只能按其余项目计算,与其他单位不可比)或${NOT_RANKED_REASONS.noReturnDue}(本年度还没有到期的季度报表)的单位,列在排名之后,不评等级。`,
    `领导小组办公室职责(不计分):${r.officeDuties.map((d) => `${d.task} ${d.name}:${d.met ? '已履行' : '未履行'}`).join(';')}。依据见“评分明细”。`,
  ];
  if (r.provisional) notes.push(`预评(暂定):截至${r.asOf},第四季度报表未收齐(${r.pendingReturns.map((p) => `${p.name} ${p.statusText}`).join('、')}),报表到齐后重新考核。`);
  if (r.gaps.length > 0) notes.push(`考核前请补齐:${r.gaps.join('、')}。`);
  notes.push(`各项得分的计算依据见“评分明细”,评分规则见“考核办法”(${r.method.title})。`);
  return notes;
}

/**
 * 评分明细: a block for each unit (its heading names the unit and its category): each item with its
 * points and the figures they came from, deductions, vetoes, the office's duties, and a bold 合计. The
 * lead's own words behind a duty are quoted in its 计算依据: a column of their own was a fifth of the
 * page for one entry.
 */
function detailTable(r: AssessmentReport, title: string): ReportTable {
  const blocks: ReportBlock[] = [];
  for (const g of r.groups) {
    for (const u of g.units) {
      const rows: ReportCell[][] = [];
      const row = (what: string, full: ReportCell, got: ReportCell, evidence: string, words: string | null = null) =>
        rows.push([text(what), full, got, text(words ? `${evidence};报表原文:“${words}”` : evidence)]);
      for (const i of u.items) row(i.name, score(i.max), i.points === null ? text('不涉及', 'muted') : { ...score(i.points), ...(i.points < i.max ? { tone: 'warn' as const } : {}) }, i.evidence);
      for (const d of u.deductions) row(`扣分:${d.name}`, text(null), { ...score(-d.points), tone: 'bad' }, d.evidence);
      for (const v of u.vetoes) row(`否决:${v.name}`, text(null), text(`最高${v.cap}`, 'bad'), v.evidence);
      for (const d of r.officeDuties.filter((x) => x.lead === u.unit)) {
        row(`领导小组办公室职责:${d.task} ${d.name}`, text(null), text(d.met ? '已履行' : '未履行', d.met ? 'good' : 'bad'), d.evidence, d.words);
      }
      rows.push([
        { ...text('合计'), bold: true },
        { ...score(100), bold: true },
        u.total === null ? { ...text('—'), bold: true } : { ...score(u.total), bold: true },
        { ...text(totalText(g, u)), bold: true },
      ]);
      blocks.push({ heading: `${u.name}(${u.category})`, rows });
    }
  }
  return {
    name: '评分明细',
    title,
    columns: [
      { header: '考核项目', maxWidth: 30 },
      { header: '满分' },
      { header: '得分' },
      { header: '计算依据', maxWidth: 80 },
    ],
    rows: [],
    blocks,
    notes: ['计算依据中的数字与季度进度检查、报送情况、风险预警用同一套计算结果;“报表原文”是牵头单位在季度报表中填写的进展,照录。'],
  };
}

/** 得分 85.0 − 扣分 2.0 = 83.0;镇街和开发区第 1 名(并列),良好 (with the scaling and the veto when there are). */
function totalText(g: GroupAssessment, u: UnitAssessment): string {
  if (u.notRanked) return `不参加排名:${u.notRanked.text}(${u.notRanked.detail})`;
  if (u.total === null) return '没有适用的考核项目';
  const scaled = u.max !== 100 ? `适用项目得分 ${pts(u.earned)} / ${u.max} × 100 = ${pts(u.base ?? 0)}` : `各项得分 ${pts(u.earned)}`;
  const off = u.deducted > 0 ? ` − 扣分 ${pts(u.deducted)} = ${pts(u.total)}` : '';
  const veto = u.vetoes.length > 0 ? `;按分数为${u.pointsGrade},因否决项评为${u.grade}` : '';
  return `${scaled}${off};${g.name}第 ${u.rank} 名${u.tied ? '(并列)' : ''},${u.grade}${veto}`;
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
      '数据:各单位报送的四个季度报表,以统计截至日期前收到的为准;各项数字与季度进度检查、报送情况、风险预警用同一套计算结果。' +
        '不涉及的项目(如不牵头任务、不报送指标数据的单位)不计分,总分按适用项目的满分折算为百分制。' +
        `${NOT_RANKED_REASONS.unallocated}或${NOT_RANKED_REASONS.noReturnDue}的单位不参加排名。` +
        '第四季度报表未收齐时,结果为“预评(暂定)”,并列出未到的报表。',
      '考核办法是方案的一部分,可按区政府年终考核的规定修改后重新考核。',
    ],
  };
}
