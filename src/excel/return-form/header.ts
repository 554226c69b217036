// The header of a return and whose return it is, for which quarter: the hidden sheet of a jiuye
// template, the labelled header (a label's value beside it or after a colon), the title.
import { absentUnit, candidateNames, matchUnitInYear } from '../../domain/match.js';
import { formatPeriod, parsePeriod, samePeriod, type Period } from '../../domain/period.js';
import type { Plan, Unit } from '../../domain/plan/model.js';
import { launcher } from '../../format/command.js';
import { toHalfWidth } from '../../format/typed.js';
import { cellText, readDate, type Plain } from '../cells.js';
import type { ReturnLayout } from '../layout.js';
import type { RawSheet } from '../read.js';
import { columnName } from '../read-sheet.js';
import type { FormContext, FormRead, Problem } from './result.js';
import { sameText } from './sections.js';

/** The hidden sheet's keys and values, when it is a jiuye template's. */
export function readMeta(sheet: RawSheet | undefined): Map<string, string> | undefined {
  if (!sheet) return undefined;
  const meta = new Map<string, string>();
  for (const row of sheet.rows) {
    const key = row.cells.find((c) => c.col === 1);
    const value = row.cells.find((c) => c.col === 2);
    if (key && value) meta.set(cellText(key.value), cellText(value.value));
  }
  return meta.get('format') === 'jiuye-return' ? meta : undefined;
}

export type Header = ReturnType<typeof readHeader>;

interface HeaderField {
  text: string;
  value?: Plain;
  address: string;
}

/** The labelled header: each label's value is the cell to its right, or written after a colon. */
export function readHeader(sheet: RawSheet, L: ReturnLayout): Partial<Record<keyof ReturnLayout['header'], HeaderField>> {
  const labels = Object.entries(L.header) as [keyof ReturnLayout['header'], string][];
  const inlineForms = labels.map(([, label]) => new RegExp(`^${label}\\s*:\\s*(.+)$`));
  const out: Partial<Record<keyof ReturnLayout['header'], HeaderField>> = {};
  for (const row of sheet.rows.slice(0, 20)) {
    for (const cell of row.cells) {
      const raw = cellText(cell.value);
      const half = toHalfWidth(raw);
      for (const [i, [key, label]] of labels.entries()) {
        if (out[key]) continue;
        const inline = inlineForms[i].exec(half);
        if (inline) {
          out[key] = { text: inline[1].trim(), value: { kind: 'text', value: inline[1].trim() }, address: cell.address };
        } else if (sameText(raw, label)) {
          const next = row.cells.find((c) => c.col === cell.col + 1);
          const isLabel = next && labels.some(([, l]) => sameText(cellText(next.value), l));
          out[key] =
            next && !isLabel
              ? { text: cellText(next.value), value: next.value, address: next.address }
              : { text: '', address: `${columnName(cell.col + 1)}${row.number}` };
        }
      }
    }
  }
  return out;
}

export function titlePeriod(sheet: RawSheet): Period | null {
  for (const row of sheet.rows.slice(0, 5)) {
    for (const c of row.cells) {
      const m = /(\d{4})\s*年\s*第\s*([一二三四1-4])\s*季度/.exec(cellText(c.value));
      if (m) return parsePeriod(m[0]);
    }
  }
  return null;
}

/** Whose return it is and for which quarter, or why it cannot be read on (the parts of its FormRead). */
export type Identity = { kind: 'found'; period: Period; plan: Plan; unit: Unit } | { kind: 'stop'; read: Pick<FormRead, 'period' | 'otherPeriod'> };

/**
 * The return's quarter (it must be the batch's, and have a plan) and its unit, from the hidden sheet
 * and the header; where they disagree, or name a unit of another year, a problem says what to do.
 */
export function identify(form: RawSheet, header: Header, meta: Map<string, string> | undefined, metaPeriod: Period | null, ctx: FormContext, L: ReturnLayout, problems: Problem[], warnings: Problem[]): Identity {
  const at = (cell: string | undefined) => ({ sheet: form.name, cell });

  // Period: hidden sheet, labelled header, title; it must be the batch's quarter.
  let headerPeriod: Period | null = null;
  if (header.period?.text) {
    headerPeriod = parsePeriod(header.period.text);
    if (!headerPeriod && !metaPeriod) {
      problems.push({ ...at(header.period.address), message: `报送期间“${header.period.text}”无法识别`, fix: '请写作 2021Q3 或 2021年第三季度' });
    }
  }
  if (metaPeriod && headerPeriod && !samePeriod(metaPeriod, headerPeriod)) {
    problems.push({
      ...at(header.period?.address),
      message: `表头报送期间 ${formatPeriod(headerPeriod)} 与模板隐藏信息中的期间 ${formatPeriod(metaPeriod)} 不一致`,
      fix: `请用 ${launcher()} template --quarter ${formatPeriod(headerPeriod)} 重新生成该单位的报表填写`,
    });
  }
  let period = metaPeriod ?? headerPeriod ?? titlePeriod(form) ?? undefined;
  if (ctx.period && period && !samePeriod(ctx.period, period)) {
    const got = formatPeriod(period);
    const want = formatPeriod(ctx.period);
    problems.push(
      ctx.periodGiven
        ? { ...at(header.period?.address), message: `报表期间为 ${got},而命令行 --quarter 为 ${want}`, fix: `请核对报表是否属于 ${want};如是 ${got} 的报表,请改用 --quarter ${got} 导入` }
        : {
            ...at(header.period?.address),
            message: `报表期间为 ${got},而本批应为 ${want}`,
            // Never a template command for a year without a plan (its plan new is said for the batch).
            fix: ctx.planFor(ctx.period.year)
              ? `请报送单位用 ${want} 的报表重新填报(${launcher()} template --quarter ${want} --unit 单位名称);如确是补报的 ${got} 报表,请单独导入并加 --quarter ${got}`
              : `如确是补报的 ${got} 报表,请单独导入并加 --quarter ${got}`,
          },
    );
    return { kind: 'stop', read: { period, otherPeriod: true } };
  }
  period = period ?? ctx.period;
  if (!period) {
    problems.push({ ...at(header.period?.address), message: '找不到报送期间', fix: '请在表头“报送期间”右侧填写如 2021Q3,或导入时加 --quarter 2021Q3' });
    return { kind: 'stop', read: {} };
  }
  const plan = ctx.planFor(period.year);
  if (!plan) {
    const next = ctx.years.length > 0 && period.year === Math.max(...ctx.years) + 1;
    problems.push({
      ...at(header.period?.address),
      message: `报送期间 ${formatPeriod(period)} 不在数据库的方案中(数据库中有 ${ctx.years.join('、') || '无'} 年的方案)`,
      fix: next ? `请先建立 ${period.year} 年的方案(见文末),再重新导入` : '请核对报送期间',
      planMissing: period.year,
    });
    return { kind: 'stop', read: { period } };
  }
  if (meta) {
    const version = Number(meta.get('templateVersion'));
    if (version > L.version) problems.push({ message: `报表模板版本 ${version} 比本程序支持的版本 ${L.version} 新`, fix: '请升级 jiuye 后再导入' });
    const planId = meta.get('plan');
    if (planId && planId !== plan.id) {
      problems.push({ message: `报表是按方案 ${planId} 生成的,而数据库中 ${plan.year} 年的方案是 ${plan.id}`, fix: `请用当前方案重新生成报表(${launcher()} template)` });
    }
  }

  // Unit: hidden sheet code, or the name in the header (a name, alias or unique beginning of one).
  // Other years' plans, for a unit named as another year names it, or one this year's plan no longer has.
  const others = () => ctx.years.filter((y) => y !== plan.year).map((y) => ctx.planFor(y)).filter((p): p is Plan => p !== undefined);
  const gone = (u: Unit, year: number) =>
    `${absentUnit(u.name, plan.year, year)}。${year < plan.year ? '如该单位已并入其他单位,请由合并后的单位填报;如是' : '如是'}其他年度的报表,请核对报送期间`;
  let metaUnit: Unit | undefined;
  if (meta?.get('unit')) {
    const code = meta.get('unit');
    metaUnit = plan.units.find((u) => u.code === code);
    if (!metaUnit) {
      const elsewhere = others().flatMap((p) => p.units.filter((u) => u.code === code).map((u) => ({ u, year: p.year })))[0];
      problems.push(
        elsewhere
          ? { message: `模板隐藏信息中的单位 ${gone(elsewhere.u, elsewhere.year)}`, fix: `如确属 ${plan.year} 年,请用 ${launcher()} template --quarter ${formatPeriod(period)} 为现在的单位重新生成报表` }
          : { message: `模板隐藏信息中的单位代码“${code}”不在 ${plan.year} 年方案中`, fix: `请用 ${launcher()} template 重新生成该单位的报表` },
      );
    }
  }
  let headerUnit: Unit | undefined;
  if (header.unit?.text) {
    const m = matchUnitInYear(plan, metaUnit ? [] : others, header.unit.text, { prefix: true });
    if (m.kind === 'found') {
      headerUnit = m.item;
      if (m.note) warnings.push({ ...at(header.unit.address), message: `填报单位“${header.unit.text}”:${m.note}`, fix: `已按 ${m.item.name} 导入;今后请用 ${plan.year} 年的名称` });
    } else if (!metaUnit) {
      problems.push(
        m.kind === 'ambiguous'
          ? { ...at(header.unit.address), message: `填报单位“${header.unit.text}”可指多个单位:${candidateNames(m.candidates)}`, fix: '请写单位全称' }
          : m.kind === 'absent'
            ? { ...at(header.unit.address), message: `填报单位“${header.unit.text}”:${gone(m.unit, m.year)}`, fix: `${launcher()} units --year ${plan.year} 可查看该年度的全部单位` }
            : { ...at(header.unit.address), message: `填报单位“${header.unit.text}”不是 ${plan.year} 年方案中的单位`, fix: `请填写单位全称或规范简称(${launcher()} units --year ${plan.year} 可查看全部单位)` },
      );
    }
  }
  if (metaUnit && headerUnit && metaUnit !== headerUnit) {
    problems.push({ ...at(header.unit?.address), message: `表头填报单位“${header.unit!.text}”与模板隐藏信息中的单位“${metaUnit.name}”不一致`, fix: '每个单位请用发给本单位的报表填写' });
  }
  const unit = metaUnit ?? headerUnit;
  if (!unit) {
    if (!header.unit) problems.push({ sheet: form.name, message: '找不到填报单位', fix: '请在表头“填报单位”右侧填写单位名称' });
    return { kind: 'stop', read: { period } };
  }
  return { kind: 'found', period, plan, unit };
}

/** Who filled the return in, their phone and the date: each required but the date. */
export function readSigner(header: Header, sheet: string, L: ReturnLayout, problems: Problem[]): { filledBy: string | null; phone: string | null; filledOn: string | null } {
  const required = (field: { text: string; address: string } | undefined, label: string, what: string): string | null => {
    if (field?.text) return field.text;
    problems.push({ sheet, cell: field?.address, message: `${label}未填写`, fix: `请填写${what}` });
    return null;
  };
  const filledBy = required(header.filledBy, L.header.filledBy, '填报人姓名');
  const phone = required(header.phone, L.header.phone, '联系电话');
  let filledOn: string | null = null;
  if (header.filledOn?.value) {
    const d = readDate(header.filledOn.value);
    if (d.ok) filledOn = d.value;
    else problems.push({ sheet, cell: header.filledOn.address, message: `${L.header.filledOn}${d.found}不是日期`, fix: '请填写日期,如 2021-10-08' });
  }
  return { filledBy, phone, filledOn };
}
