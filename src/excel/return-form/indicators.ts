// The indicator table: each figure a unit reports, found by the indicator's name and the field's
// label as typed (a retyped or reworded label still reads, and says so), every row said once.
import { matchIndicator } from '../../domain/match.js';
import { indicatorsReportedBy, type Field, type Indicator, type Plan, type Unit } from '../../domain/plan/model.js';
import { decimalsAccepted } from '../../domain/quality.js';
import { figureItem, type Figure } from '../../domain/return.js';
import { launcher } from '../../format/command.js';
import { toHalfWidth } from '../../format/typed.js';
import { cellText, readNumber } from '../cells.js';
import type { ReturnLayout } from '../layout.js';
import { columnName } from '../read-sheet.js';
import type { Problem } from './result.js';
import { cellAt, sameText, type Section } from './sections.js';

/** The figures of the unit's indicators; a missing, doubled or unreadable row is a problem at its cell. */
export function readIndicators(
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
