// Reading a filled-in return: identity from the hidden sheet or the labelled header, then the rows
// of each section found by their headers, so a moved row or a retyped form still reads correctly.
import { formatPeriod, parsePeriod, samePeriod, type Period } from '../domain/period.js';
import { toHalfWidth } from '../format/typed.js';
import { absentUnit, candidateNames, findTask, matchIndicator, matchUnitInYear } from '../domain/match.js';
import { indicatorsReportedBy, tasksOf, type Field, type Indicator, type Plan, type Unit } from '../domain/plan/model.js';
import { decimalsAccepted } from '../domain/quality.js';
import { figureItem, type Figure, type Layoff, type Progress, type ReturnRecord } from '../domain/return.js';
import { TASK_STATUSES, type TaskStatus } from '../format/words.js';
import { cellText, readDate, readNumber, type Plain } from './cells.js';
import { returnLayout, type ReturnLayout } from './layout.js';
import { LIMITS } from './sniff.js';
import { validateReturn } from '../domain/rules.js';
import type { RawCell, RawRow, RawSheet } from './read.js';
import { columnName } from './read-sheet.js';
import { launcher } from '../format/command.js';
import { groupDigits } from '../format/number.js';

/** Something wrong (or worth a warning) in a return, at a sheet and cell when there is one. */
export interface Problem {
  sheet?: string;
  cell?: string;
  message: string;
  fix: string;
  /** The return's year has no plan: the batch names how to make one, once. */
  planMissing?: number;
}

export interface FormRead {
  /** Known once identified, even when other parts have problems (to spot duplicates in a batch). */
  unit?: string;
  period?: Period;
  /** Present only when there are no problems. */
  record?: ReturnRecord;
  problems: Problem[];
  warnings: Problem[];
  /** Identified by the hidden sheet (a jiuye template) rather than by the visible header. */
  fromMeta: boolean;
  /** No hidden sheet and no sheet that looks like a return: some other workbook (a roster, say). */
  notAReturn?: boolean;
  /** A return as it was sent out: not one cell the unit fills in has anything in it. */
  blank?: boolean;
  /** A return for another quarter than the batch's: its one problem says which, and what to do. */
  otherPeriod?: boolean;
}

export interface FormContext {
  planFor(year: number): Plan | undefined;
  years: number[];
  /** The quarter the batch expects (--quarter, or the collection the receipt date belongs to). */
  period?: Period;
  /** period came from --quarter (a return for another quarter is then a plain contradiction). */
  periodGiven?: boolean;
}

type SectionName = 'indicators' | 'tasks' | 'layoffs';
const REQUIRED_HEADERS: Record<SectionName, string[]> = {
  indicators: ['indicator', 'field', 'value'],
  tasks: ['task', 'status'],
  layoffs: ['firm', 'staff', 'laidOff'],
};

interface Section {
  header: RawRow;
  col: Record<string, number>;
  rows: RawRow[];
}

/** Reads one return from the plain cells of its workbook. */
export function readReturnForm(sheets: RawSheet[], ctx: FormContext): FormRead {
  const L = returnLayout();
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const result = (extra: Partial<FormRead>): FormRead => ({ problems, warnings, fromMeta: meta !== undefined, ...extra });

  const meta = readMeta(sheets.find((s) => s.name === L.metaSheet));
  const metaPeriod = meta?.get('period') ? parsePeriod(meta.get('period')!) : null;
  const picked = pickFormSheet(sheets, L, metaPeriod ?? ctx.period ?? null);
  const setAside = sheets.filter((x) => x.setAside !== undefined);
  const asideText = setAside.map((x) => `“${x.name}”(${groupDigits(x.setAside!)} 个单元格)`).join('、');
  if (picked.kind === 'none') {
    problems.push(
      setAside.length > 0
        ? { message: `工作表${asideText}中单元格过多(超过 ${groupDigits(LIMITS.sheetCells)} 个),不像季度报表,未读取;也没有其他像季度报表的工作表`, fix: '请只保留报表本身,删除多余的数据后重新发送' }
        : { message: '工作簿中找不到季度报表(没有哪张工作表有“填报单位”“报送期间”或指标表头)', fix: `请用 ${launcher()} template 生成的报表填写` },
    );
    return result({ notAReturn: meta === undefined });
  }
  if (setAside.length > 0) warnings.push({ message: `工作表${asideText}数据量大,不是报表,未读取`, fix: '无需处理' });
  if (picked.kind === 'ambiguous') {
    const wanted = metaPeriod ?? ctx.period;
    problems.push({
      message:
        `工作簿中有 ${picked.candidates.length} 张工作表像季度报表:${picked.candidates.map(sheetLabel).join('、')}` +
        (wanted ? `,其中${picked.candidates.some((c) => c.period && samePeriod(c.period, wanted)) ? '不止一张' : '没有一张'}是 ${formatPeriod(wanted)} 的` : '') +
        ',无法确定读哪一张',
      fix: '请只保留本季度的一张报表工作表(删除其他工作表)后重新发送',
    });
    return result({});
  }
  const form = picked.sheet;
  for (const other of picked.others) {
    warnings.push({ sheet: other.sheet.name, message: `另有工作表${sheetLabel(other)}像季度报表,未读取(读的是“${form.name}”)`, fix: '如读错了工作表,请删除多余的工作表后重新导入' });
  }
  const at = (cell: string | undefined) => ({ sheet: form.name, cell });
  const header = picked.header;

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
    return result({ period, otherPeriod: true });
  }
  period = period ?? ctx.period;
  if (!period) {
    problems.push({ ...at(header.period?.address), message: '找不到报送期间', fix: '请在表头“报送期间”右侧填写如 2021Q3,或导入时加 --quarter 2021Q3' });
    return result({});
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
    return result({ period });
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
    return result({ period });
  }

  const sections = findSections(form, L);
  const itemCells = new Map<string, string>();
  const figures = readIndicators(plan, unit, sections.indicators, form.name, L, problems, warnings, itemCells);
  const progress = readTasks(plan, unit, sections.tasks, form.name, L, problems, warnings);
  const layoffs = readLayoffs(unit, sections.layoffs, form.name, L, problems, warnings, itemCells);

  const required = (field: { text: string; address: string } | undefined, label: string, what: string): string | null => {
    if (field?.text) return field.text;
    problems.push({ sheet: form.name, cell: field?.address, message: `${label}未填写`, fix: `请填写${what}` });
    return null;
  };
  const filledBy = required(header.filledBy, L.header.filledBy, '填报人姓名');
  const phone = required(header.phone, L.header.phone, '联系电话');
  let filledOn: string | null = null;
  if (header.filledOn?.value) {
    const d = readDate(header.filledOn.value);
    if (d.ok) filledOn = d.value;
    else problems.push({ ...at(header.filledOn.address), message: `${L.header.filledOn}${d.found}不是日期`, fix: '请填写日期,如 2021-10-08' });
  }

  const record: ReturnRecord = {
    unit: unit.code,
    period,
    filledBy,
    phone,
    filledOn,
    templateVersion: meta?.get('templateVersion') ?? null,
    figures,
    progress,
    layoffs,
  };
  for (const issue of validateReturn(plan, record)) {
    const cells = (issue.items ?? []).map((i) => itemCells.get(i)).filter((c): c is string => c !== undefined);
    problems.push({ sheet: form.name, cell: cells.length > 0 ? cells.join('、') : undefined, message: issue.message, fix: issue.fix ?? '' });
  }
  const blank = !filledBy && !phone && !header.filledOn?.value && !filledIn(sections.indicators, ['value']) && !filledIn(sections.tasks, ['status', 'note']) && !filledIn(sections.layoffs, ['firm', 'staff', 'laidOff']);
  return result({ unit: unit.code, period, record: problems.length === 0 ? record : undefined, blank: problems.length > 0 && blank });
}

// Anything typed in these columns of a section's rows.
function filledIn(section: Section | undefined, keys: string[]): boolean {
  if (!section) return false;
  const columns = new Set(keys.map((k) => section.col[k]).filter((c) => c !== undefined));
  return section.rows.some((r) => r.cells.some((c) => columns.has(c.col) && cellText(c.value).trim() !== ''));
}

function readIndicators(
  plan: Plan,
  unit: Unit,
  section: Section | undefined,
  sheet: string,
  L: ReturnLayout,
  problems: Problem[],
  warnings: Problem[],
  itemCells: Map<string, string>,
): Figure[] {
  const expected = indicatorsReportedBy(plan, unit.code);
  const figures: Figure[] = [];
  if (!section) {
    if (expected.length > 0) problems.push({ sheet, message: `找不到“${L.sections.indicators.title}”的表头(${Object.values(L.sections.indicators.columns).join('、')})`, fix: `请用 ${launcher()} template 生成的报表填写,不要修改表头` });
    return figures;
  }
  const loose: string[] = []; // labels read by a tolerant match, said once
  const unknownNames: Problem[] = [];
  const unknownLabels: (() => Problem)[] = [];
  const labelled = new Set<Indicator>(); // indicators with a label that did not match: their missing rows are that one problem
  let current: Indicator | null | undefined; // null: a name that did not match (its rows are skipped)
  for (const row of section.rows) {
    const nameCell = cellAt(row, section.col.indicator);
    const fieldCell = cellAt(row, section.col.field);
    const valueCell = cellAt(row, section.col.value);
    if (nameCell) {
      const name = cellText(nameCell.value);
      const m = tolerantIndicator(plan, name);
      current = m.indicator ?? null;
      if (m.indicator && m.loose) loose.push(`“${name}”→“${m.indicator.name}”`);
      if (!current && (fieldCell || valueCell)) {
        unknownNames.push({
          sheet,
          cell: nameCell.address,
          message: m.ambiguous ? `指标“${name}”可指 ${m.ambiguous.map((i) => i.name).join('、')}` : `指标“${name}”不是方案中的指标`,
          fix: '请写方案中的指标名称(不要修改模板中的指标名称)',
        });
      }
    }
    if (!fieldCell || !current) continue;
    const label = cellText(fieldCell.value);
    const found = tolerantField(current, label);
    if (!found.field) {
      labelled.add(current);
      const ind = current;
      unknownLabels.push(() => {
        // Said once the table is read: which of the indicator's rows are still missing.
        const missing = ind.fields.filter((f) => !itemCells.has(figureItem(ind.code, f.key))).map((f) => f.label);
        return {
          sheet,
          cell: fieldCell.address,
          message: `“${label}”${found.ambiguous ? `可指指标“${ind.name}”的 ${found.ambiguous.map((f) => f.label).join('、')}` : `不是指标“${ind.name}”的填报项目`}(应为:${(missing.length > 0 ? missing : ind.fields.map((f) => f.label)).join('、')})`,
          fix: '请按模板写填报项目名称',
        };
      });
      continue;
    }
    const field = found.field;
    if (found.loose) loose.push(`“${label}”→“${field.label}”`);
    if (!expected.includes(current)) {
      if (valueCell) warnings.push({ sheet, cell: valueCell.address, message: `${unit.name}不报送“${current.name}”,此行已忽略`, fix: '无需处理' });
      continue;
    }
    const item = figureItem(current.code, field.key);
    const address = valueCell?.address ?? `${columnName(section.col.value)}${row.number}`;
    if (itemCells.has(item)) {
      problems.push({ sheet, cell: fieldCell.address, message: `“${current.name} ${field.label}”出现了两次(另见 ${itemCells.get(item)})`, fix: '请删除重复的一行' });
      continue;
    }
    itemCells.set(item, address);
    const v = readNumber(valueCell?.value ?? { kind: 'empty' }, { decimals: decimalsAccepted(plan, current) });
    if (!v.ok) problems.push({ sheet, cell: address, message: `${current.name}“${field.label}”填的是 ${v.found},不是${v.expected}`, fix: v.fix ?? '请只填数字,不要带文字或单位' });
    else if (v.value === null) problems.push({ sheet, cell: address, message: `${current.name}“${field.label}”未填写`, fix: '此项必填;没有请填 0' });
    else figures.push({ indicator: current.code, field: field.key, value: v.value });
  }
  // Rows missing from the table, each said once: a wholly missing indicator joins an unknown name's problem.
  const absent = expected.filter((ind) => !labelled.has(ind) && ind.fields.every((f) => !itemCells.has(figureItem(ind.code, f.key))));
  if (unknownNames.length > 0 && absent.length > 0) {
    unknownNames[0] = { ...unknownNames[0], message: `${unknownNames[0].message};表中没有读到的指标:${absent.map((i) => i.name).join('、')}` };
  }
  problems.push(...unknownNames, ...unknownLabels.map((said) => said()));
  for (const ind of expected) {
    if (labelled.has(ind) || (unknownNames.length > 0 && absent.includes(ind))) continue;
    for (const f of ind.fields) {
      if (!itemCells.has(figureItem(ind.code, f.key))) {
        problems.push({ sheet, message: `表中缺少“${ind.name} ${f.label}”一行`, fix: `请用 ${launcher()} template 生成的报表填写,不要删除行` });
      }
    }
  }
  if (loose.length > 0) warnings.push({ sheet, message: `按相近的名称读取:${loose.join('、')}`, fix: `请核对;以后请用 ${launcher()} template 生成的报表填写` });
  return figures;
}

// Prefixes a retyped label may add or drop without changing which figure it names.
const LABEL_PREFIX = /^(本季度|本期|当季|季末|期末|年末)/;

function labelKey(text: string): string {
  return toHalfWidth(text)
    .replace(/[((][^))]*[))]/g, '') // a measure in brackets: (人)
    .replace(/[\s::,,、。.·\-_/]/g, '');
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (i < short.length && ch === short[i]) i++;
  return i === short.length;
}

/**
 * A field of an indicator by its label as typed: the exact label, else the only label the typed
 * text runs through in order (城镇新增就业人数 → 本季度城镇新增就业人数), or that runs through it; then the
 * same once 本季度/期末 prefixes are set aside. Two candidates are ambiguous, never a guess.
 */
export function tolerantField(ind: Indicator, typed: string): { field?: Field; loose: boolean; ambiguous?: Field[] } {
  const exact = ind.fields.find((f) => sameText(f.label, typed));
  if (exact) return { field: exact, loose: false };
  const t = labelKey(typed);
  if (t.length < 2) return { loose: true };
  for (const strip of [false, true]) {
    const key = (x: string) => (strip ? x.replace(LABEL_PREFIX, '') : x);
    const tk = key(t);
    if (tk.length < 2) continue;
    const hits = ind.fields.filter((f) => {
      const fk = key(labelKey(f.label));
      return isSubsequence(tk, fk) || isSubsequence(fk, tk);
    });
    if (hits.length === 1) return { field: hits[0], loose: true };
    if (hits.length > 1) return { loose: true, ambiguous: hits };
  }
  return { loose: true };
}

/** An indicator by its name as typed: exact (or an alias), else a unique part of a name, else the one name it contains. */
export function tolerantIndicator(plan: Plan, typed: string): { indicator?: Indicator; loose: boolean; ambiguous?: Indicator[] } {
  const exact = matchIndicator(plan, typed);
  if (exact.kind === 'found') return { indicator: exact.item, loose: false };
  const part = matchIndicator(plan, typed, { partial: true });
  if (part.kind === 'found') return { indicator: part.item, loose: true };
  if (part.kind === 'ambiguous') return { loose: true, ambiguous: part.candidates };
  const t = labelKey(typed);
  let best: Indicator[] = [];
  let bestLength = 0;
  for (const ind of plan.indicators) {
    for (const n of [ind.name, ...ind.aliases]) {
      const k = labelKey(n);
      if (!t.includes(k) || k.length < bestLength) continue;
      if (k.length > bestLength) best = [];
      bestLength = k.length;
      if (!best.includes(ind)) best.push(ind);
    }
  }
  if (best.length === 1) return { indicator: best[0], loose: true };
  return best.length > 1 ? { loose: true, ambiguous: best } : { loose: true };
}

function readTasks(plan: Plan, unit: Unit, section: Section | undefined, sheet: string, L: ReturnLayout, problems: Problem[], warnings: Problem[]): Progress[] {
  const expected = tasksOf(plan, unit.code).map((t) => t.task.id);
  const out: Progress[] = [];
  if (!section) {
    if (expected.length > 0) problems.push({ sheet, message: `找不到“${L.sections.tasks.title}”的表头(${Object.values(L.sections.tasks.columns).join('、')})`, fix: `请用 ${launcher()} template 生成的报表填写,不要修改表头` });
    return out;
  }
  for (const row of section.rows) {
    const taskCell = cellAt(row, section.col.task);
    if (!taskCell) continue;
    const id = cellText(taskCell.value);
    const task = findTask(plan, id);
    if (!task) {
      problems.push({ sheet, cell: taskCell.address, message: `任务编号“${id}”不是方案中的任务`, fix: '请不要修改任务编号' });
      continue;
    }
    const statusCell = cellAt(row, section.col.status);
    const noteCell = section.col.note ? cellAt(row, section.col.note) : undefined;
    if (!expected.includes(task.id)) {
      if (statusCell || noteCell) warnings.push({ sheet, cell: taskCell.address, message: `${unit.name}不承担任务 ${task.id},此行已忽略`, fix: '无需处理' });
      continue;
    }
    if (out.some((p) => p.task === task.id)) {
      problems.push({ sheet, cell: taskCell.address, message: `任务 ${task.id} 出现了两次`, fix: '请删除重复的一行' });
      continue;
    }
    const statusText = statusCell ? cellText(statusCell.value).replace(/\s/g, '') : '';
    const statusAddress = statusCell?.address ?? `${columnName(section.col.status)}${row.number}`;
    let status: TaskStatus | null = null;
    if (!statusText) problems.push({ sheet, cell: statusAddress, message: `任务 ${task.id} 的状态未填写`, fix: `请从下拉列表中选择:${TASK_STATUSES.join('、')}` });
    else if (!(TASK_STATUSES as readonly string[]).includes(statusText)) {
      problems.push({ sheet, cell: statusAddress, message: `任务 ${task.id} 的状态“${statusText}”无法识别`, fix: `只能是:${TASK_STATUSES.join('、')}` });
    } else status = statusText as TaskStatus;
    out.push({ task: task.id, status, note: noteCell ? cellText(noteCell.value) || null : null });
  }
  for (const id of expected) {
    if (!out.some((p) => p.task === id)) problems.push({ sheet, message: `表中缺少任务 ${id} 一行`, fix: `请用 ${launcher()} template 生成的报表填写,不要删除行` });
  }
  return out;
}

function readLayoffs(unit: Unit, section: Section | undefined, sheet: string, L: ReturnLayout, problems: Problem[], warnings: Problem[], itemCells: Map<string, string>): Layoff[] {
  const out: Layoff[] = [];
  if (!section) return out;
  const S = L.sections.layoffs.columns;
  for (const row of section.rows) {
    const cell = (key: string) => cellAt(row, section.col[key]);
    const keys = ['firm', 'staff', 'laidOff', 'noticeOn', 'layoffOn'];
    const filled = keys.map(cell).filter((c): c is RawCell => c !== undefined);
    // An empty row, or 无 / 没有 / 0 written across it: no layoff this quarter.
    if (filled.every((c) => NONE.test(toHalfWidth(cellText(c.value)).replace(/\s/g, '')))) continue;
    if (!L.sections.layoffs.forKinds.includes(unit.kind)) {
      warnings.push({ sheet, cell: row.cells[0].address, message: `${unit.name}不报送规模性裁员情况,此行已忽略`, fix: '无需处理' });
      continue;
    }
    const n = out.length + 1;
    const address = (key: string) => cell(key)?.address ?? `${columnName(section.col[key])}${row.number}`;
    const need = (key: keyof typeof S) => problems.push({ sheet, cell: address(key), message: `规模性裁员第 ${n} 户:“${S[key]}”未填写`, fix: '一户企业的各项都要填写(说明日期没有说明的可留空)' });
    const firm = cell('firm') ? cellText(cell('firm')!.value) : '';
    if (!firm) need('firm');
    const num = (key: 'staff' | 'laidOff'): number | null => {
      const r = readNumber(cell(key)?.value ?? { kind: 'empty' });
      if (!r.ok) problems.push({ sheet, cell: address(key), message: `规模性裁员第 ${n} 户:“${S[key]}”填的是 ${r.found},不是${r.expected}`, fix: r.fix ?? '请只填数字' });
      else if (r.value === null) need(key);
      else if (r.value < 0) problems.push({ sheet, cell: address(key), message: `规模性裁员第 ${n} 户:“${S[key]}”不能为负数`, fix: '请填写正整数' });
      else return r.value;
      return null;
    };
    const date = (key: 'noticeOn' | 'layoffOn', optional: boolean): string | null => {
      const r = readDate(cell(key)?.value ?? { kind: 'empty' });
      if (!r.ok) problems.push({ sheet, cell: address(key), message: `规模性裁员第 ${n} 户:“${S[key]}”填的是 ${r.found},不是${r.expected}`, fix: r.fix ?? '请填写日期,如 2021-10-08' });
      else if (r.value === null && !optional) need(key);
      return r.ok ? r.value : null;
    };
    const staff = num('staff');
    const laidOff = num('laidOff');
    const noticeOn = date('noticeOn', true);
    const layoffOn = date('layoffOn', false);
    for (const k of keys) itemCells.set(`layoff:${n}.${k}`, address(k));
    out.push({ firm, staff: staff ?? 0, laidOff: laidOff ?? 0, noticeOn, layoffOn });
  }
  return out;
}

function readMeta(sheet: RawSheet | undefined): Map<string, string> | undefined {
  if (!sheet) return undefined;
  const meta = new Map<string, string>();
  for (const row of sheet.rows) {
    const key = row.cells.find((c) => c.col === 1);
    const value = row.cells.find((c) => c.col === 2);
    if (key && value) meta.set(cellText(key.value), cellText(value.value));
  }
  return meta.get('format') === 'jiuye-return' ? meta : undefined;
}

interface Candidate {
  sheet: RawSheet;
  /** Its labelled header, read once: the chosen sheet's is the return's. */
  header: Header;
  period: Period | null;
}

type Header = ReturnType<typeof readHeader>;

type Picked = { kind: 'none' } | { kind: 'ambiguous'; candidates: Candidate[] } | { kind: 'one'; sheet: RawSheet; header: Header; others: Candidate[] };

/**
 * The sheet that holds the return. Sheets that look like one (a 填报单位 label, the indicator table's
 * header, or a title naming 季度报表) are candidates; with several, the one whose period is the
 * wanted one (the hidden sheet's, else the batch's) is read, and never simply the first.
 */
function pickFormSheet(sheets: RawSheet[], L: ReturnLayout, wanted: Period | null): Picked {
  const candidates: Candidate[] = sheets
    .filter((s) => !s.hidden && s.name !== L.metaSheet && s.setAside === undefined && looksLikeReturn(s, L))
    .map((sheet) => {
      const header = readHeader(sheet, L);
      return { sheet, header, period: (header.period?.text ? parsePeriod(header.period.text) : null) ?? titlePeriod(sheet) };
    });
  if (candidates.length === 0) return { kind: 'none' };
  if (candidates.length === 1) return { kind: 'one', sheet: candidates[0].sheet, header: candidates[0].header, others: [] };
  const matching = wanted ? candidates.filter((c) => c.period && samePeriod(c.period, wanted)) : [];
  if (matching.length !== 1) return { kind: 'ambiguous', candidates };
  return { kind: 'one', sheet: matching[0].sheet, header: matching[0].header, others: candidates.filter((c) => c !== matching[0]) };
}

function looksLikeReturn(sheet: RawSheet, L: ReturnLayout): boolean {
  const indicatorHeader = REQUIRED_HEADERS.indicators.map((k) => normal((L.sections.indicators.columns as Record<string, string>)[k]));
  return sheet.rows.slice(0, 60).some((r) => {
    const texts = r.cells.map((c) => cellText(c.value));
    if (texts.some((t) => sameText(t, L.header.unit) || sameText(t, L.header.period) || toHalfWidth(t).startsWith(`${L.header.unit}:`))) return true;
    if (texts.some((t) => /季度报表/.test(t))) return true;
    const normalized = new Set(texts.map(normal));
    return indicatorHeader.every((h) => normalized.has(h));
  });
}

/** “二季度”(2021Q2), for messages. */
function sheetLabel(c: Candidate): string {
  return `“${c.sheet.name}”${c.period ? `(${formatPeriod(c.period)})` : '(期间不明)'}`;
}

interface HeaderField {
  text: string;
  value?: Plain;
  address: string;
}

/** The labelled header: each label's value is the cell to its right, or written after a colon. */
function readHeader(sheet: RawSheet, L: ReturnLayout): Partial<Record<keyof ReturnLayout['header'], HeaderField>> {
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

function titlePeriod(sheet: RawSheet): Period | null {
  for (const row of sheet.rows.slice(0, 5)) {
    for (const c of row.cells) {
      const m = /(\d{4})\s*年\s*第\s*([一二三四1-4])\s*季度/.exec(cellText(c.value));
      if (m) return parsePeriod(m[0]);
    }
  }
  return null;
}

/** Sections found by their header rows; a section runs to the next header or section title. */
function findSections(sheet: RawSheet, L: ReturnLayout): Partial<Record<SectionName, Section>> {
  const out: Partial<Record<SectionName, Section>> = {};
  let current: Section | undefined;
  for (const row of sheet.rows) {
    const texts = new Map(row.cells.map((c) => [normal(cellText(c.value)), c.col]));
    let started = false;
    for (const name of Object.keys(REQUIRED_HEADERS) as SectionName[]) {
      const columns = L.sections[name].columns as Record<string, string>;
      if (REQUIRED_HEADERS[name].every((k) => texts.has(normal(columns[k])))) {
        const col: Record<string, number> = {};
        for (const [k, label] of Object.entries(columns)) {
          const c = texts.get(normal(label));
          if (c !== undefined) col[k] = c;
        }
        current = { header: row, col, rows: [] };
        if (!out[name]) out[name] = current;
        started = true;
        break;
      }
    }
    if (started) continue;
    const onlyText = row.cells.length === 1 ? cellText(row.cells[0].value) : '';
    if (/^[一二三四五六七八九十]+、/.test(onlyText) || isNoteRow(row)) {
      current = undefined; // a section title, or notes under a table: the table has ended
      continue;
    }
    current?.rows.push(row);
  }
  return out;
}

// How notes under a table begin: 注:…, 说明:…, 备注, 填表说明, ※ or * …, or a numbered sentence on its own.
const NOTE_START = /^(注|说明|备注|附注|填表说明|填报说明|※|\*)/;
const NUMBERED_SENTENCE = /^[0-9一二三四五六七八九十]+[、.．)]\s*\S{6,}/;

/** A row of notes under a table rather than a row of it. */
function isNoteRow(row: RawRow): boolean {
  const first = cellText(row.cells[0].value);
  return NOTE_START.test(first) || (row.cells.length === 1 && NUMBERED_SENTENCE.test(toHalfWidth(first)));
}

// What a unit writes in the layoff table to say there was none.
const NONE = /^(无|没有|暂无|无裁员|无此情况|本季度无.*|本期无.*|无规模性裁员.*|\/|-|—+|0)$/;

function cellAt(row: RawRow, col: number | undefined): RawCell | undefined {
  if (col === undefined) return undefined;
  const c = row.cells.find((x) => x.col === col);
  return c && c.value.kind !== 'empty' && cellText(c.value) !== '' ? c : undefined;
}

function normal(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '').replace(/:$/, '');
}

function sameText(a: string, b: string): boolean {
  return normal(a) === normal(b);
}
