// The layoff table (规模性裁员): a row per firm, from the units that report layoffs.
import { toHalfWidth } from '../../format/typed.js';
import type { Unit } from '../../domain/plan/model.js';
import type { Layoff } from '../../domain/return.js';
import { cellText, readDate, readNumber } from '../cells.js';
import type { ReturnLayout } from '../layout.js';
import type { RawCell } from '../read.js';
import { columnName } from '../read-sheet.js';
import type { Problem } from './result.js';
import { cellAt, type Section } from './sections.js';

// What a unit writes in the layoff table to say there was none.
const NONE = /^(无|没有|暂无|无裁员|无此情况|本季度无.*|本期无.*|无规模性裁员.*|\/|-|—+|0)$/;

/** The firms of the layoff table; an empty row or one that says 无 is no layoff. */
export function readLayoffs(unit: Unit, section: Section | undefined, sheet: string, L: ReturnLayout, problems: Problem[], warnings: Problem[], itemCells: Map<string, string>): Layoff[] {
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
