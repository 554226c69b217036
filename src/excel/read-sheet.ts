// One worksheet part (xl/worksheets/sheetN.xml) into rows of plain cells, counting its cells as it goes.
import type { Plain } from './cells.js';
import type { RawCell, RawRow } from './read.js';
import { decodeText, lineBreaks, unescapeX } from './read-strings.js';
import { attr, MAIN_NS, parseXml, PartProblem, type Tag } from './xml.js';

/** What a sheet's cells need from the rest of the workbook, each read only when a cell first asks. */
export interface SheetContext {
  /** The sheet's name, for messages. */
  name: string;
  sharedStrings(): string[];
  /** For each cell style: whether it shows a number as a date. */
  dateStyles(): boolean[];
  /** Day numbers count from 1904-01-01 instead of 1899-12-30 (old Mac workbooks, and a LibreOffice option). */
  date1904: boolean;
  /** More cells than this and the sheet is not a return: its cells are counted, not kept. */
  cellLimit: number;
}

/** A sheet's rows, or (over the limit) only how many cells it has. */
export interface SheetScan {
  rows: RawRow[] | null;
  cells: number;
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/**
 * Reads a sheet's cells: each non-empty one as the plain value a person sees, with its address. A cell
 * covered by a merged range, other than the range's top-left one, is left out (Excel shows only the
 * top-left one's value across the range). Merged ranges count towards the cell limit with the cells,
 * so that applying them stays cheap on every sheet that is read.
 */
export function readSheet(part: string, bytes: Buffer, ctx: SheetContext): SheetScan {
  const sheet = `工作表“${ctx.name}”(${part})`;
  let cells = 0;
  let rows: RawRow[] | null = [];
  let rowsInOrder = true;
  let inSheetData = false;
  let inRow = false;
  let rowNumber = 0;
  let rowCells: RawCell[] = [];
  let cellsInOrder = true;
  // The cell being read.
  let inCell = false;
  let col = 0;
  let type = 'n';
  let style = 0;
  let formula: string | null = null; // the text of <f>, when there is one
  let formulaType: string | undefined;
  let sharedGroup: string | undefined;
  let value: string | null = null; // the text of <v>, when there is one
  let inline: string | null = null; // the text of <is>, phonetic runs left out
  let piece = '';
  let target: 'f' | 'v' | 't' | null = null;
  let inInline = false;
  let phonetic = 0;
  // A shared formula's followers name only their group; like exceljs, they are known by the group's first cell.
  const sharedFirst = new Map<string, string>();
  const merges: Range[] = [];

  const address = () => `${columnName(col)}${rowNumber}`;
  const refuse = (what: string) => new PartProblem(`${sheet}的单元格 ${address()} ${what}`);

  const number = (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw refuse(`的数值“${v}”无法识别`);
    return n;
  };

  const typed = (v: string): Plain => {
    switch (type) {
      case 'n': {
        const n = number(v);
        return ctx.dateStyles()[style] === true ? serialDate(n, ctx.date1904) : { kind: 'number', value: n };
      }
      case 's': {
        const strings = ctx.sharedStrings();
        const i = /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
        if (!(i < strings.length)) throw refuse(`引用的共享字符串(第 ${v.trim()} 项)不存在`);
        return text(strings[i]);
      }
      case 'str':
      case 'inlineStr':
        return text(decodeText(v));
      case 'b':
        return { kind: 'boolean', value: parseInt(v, 10) !== 0 };
      case 'e':
        return { kind: 'error', value: v };
      case 'd': {
        // An ISO 8601 date, which some programs write instead of a day number.
        const m = /^\s*(\d{4}-\d{2}-\d{2})/.exec(v);
        if (!m) throw refuse(`的日期“${v}”无法识别`);
        return { kind: 'date', value: m[1] };
      }
      default:
        throw refuse(`的类型“${type}”无法识别`);
    }
  };

  const cellValue = (): Plain => {
    // <f/> alone (no text, no type) is no formula, as in exceljs.
    if (formula !== null && (formula !== '' || formulaType !== undefined)) {
      if (formulaType === 'shared' && sharedGroup !== undefined) {
        if (formula !== '') sharedFirst.set(sharedGroup, address());
        else formula = sharedFirst.get(sharedGroup) ?? '';
      }
      // A text result may be empty (=IF(A1="","",A1)); any other result needs a value to be one.
      if (value === null || (value === '' && type !== 'str')) return { kind: 'uncalculated', formula };
      return typed(value);
    }
    if (type === 'inlineStr' && inline !== null) return text(lineBreaks(inline));
    if (value === null || value === '') return { kind: 'empty' };
    return typed(value);
  };

  parseXml(
    part,
    bytes,
    { local: 'worksheet', uris: MAIN_NS },
    {
      open(tag: Tag) {
        if (!MAIN_NS.has(tag.uri)) return;
        switch (tag.local) {
          case 'sheetData':
            inSheetData = true;
            return;
          case 'row': {
            if (!inSheetData) return;
            const r = attr(tag, 'r');
            const n = r === undefined ? rowNumber + 1 : Number(r);
            if (!Number.isInteger(n) || n < 1 || n > MAX_ROW) throw new PartProblem(`${sheet}的行号“${r}”无效`);
            if (n <= rowNumber) rowsInOrder = false;
            rowNumber = n;
            inRow = true;
            rowCells = [];
            cellsInOrder = true;
            col = 0;
            return;
          }
          case 'c': {
            if (!inRow) return;
            cells++;
            inCell = true;
            const r = attr(tag, 'r');
            col = r === undefined ? col + 1 : columnOf(r);
            if (col < 1 || col > MAX_COL) throw new PartProblem(`${sheet}的单元格地址“${r}”无效`);
            type = attr(tag, 't') ?? 'n';
            const s = attr(tag, 's');
            style = s === undefined ? 0 : Number(s);
            formula = null;
            formulaType = undefined;
            sharedGroup = undefined;
            value = null;
            inline = null;
            return;
          }
          case 'f':
            if (!inCell) return;
            formula = '';
            formulaType = attr(tag, 't');
            sharedGroup = attr(tag, 'si');
            target = 'f';
            return;
          case 'v':
            if (!inCell) return;
            value = '';
            target = 'v';
            return;
          case 'is':
            if (!inCell) return;
            inInline = true;
            inline = '';
            return;
          case 'rPh':
            if (inInline) phonetic++;
            return;
          case 't':
            if (inInline && phonetic === 0) {
              piece = '';
              target = 't';
            }
            return;
          case 'mergeCell': {
            cells++;
            const ref = attr(tag, 'ref');
            const range = ref === undefined ? null : parseRange(ref);
            if (!range) throw new PartProblem(`${sheet}的合并单元格区域“${ref ?? ''}”无效`);
            merges.push(range);
            return;
          }
        }
      },
      text(t: string) {
        if (target === 'v') value += t;
        else if (target === 't') piece += t;
        else if (target === 'f') formula += t;
      },
      close(tag: Tag) {
        if (!MAIN_NS.has(tag.uri)) return;
        switch (tag.local) {
          case 'f':
          case 'v':
            target = null;
            return;
          case 't':
            if (target === 't') {
              // Each piece is unescaped alone, as in shared strings.
              inline += unescapeX(piece);
              target = null;
            }
            return;
          case 'rPh':
            if (inInline) phonetic--;
            return;
          case 'is':
            inInline = false;
            return;
          case 'c': {
            if (!inCell) return;
            inCell = false;
            if (cells > ctx.cellLimit) rows = null;
            if (rows === null) return;
            const plain = cellValue();
            if (plain.kind === 'empty') return;
            if (rowCells.length > 0 && rowCells[rowCells.length - 1].col >= col) cellsInOrder = false;
            rowCells.push({ col, address: address(), value: plain });
            return;
          }
          case 'row':
            if (!inRow) return;
            inRow = false;
            if (rows !== null && rowCells.length > 0) rows.push({ number: rowNumber, cells: cellsInOrder ? rowCells : inColumnOrder(rowCells) });
            return;
          case 'sheetData':
            inSheetData = false;
            return;
        }
      },
    },
    sheet,
  );
  if (cells > ctx.cellLimit) rows = null;
  if (rows === null) return { rows: null, cells };
  if (!rowsInOrder) rows = inRowOrder(rows);
  return { rows: merges.length > 0 ? withoutMergedFollowers(rows, merges, sheet) : rows, cells };
}

/** Text as a cell shows it: text that is all spaces shows nothing. */
function text(s: string): Plain {
  return s.trim() === '' ? { kind: 'empty' } : { kind: 'text', value: s };
}

/** A day number in a date-formatted cell as the date it shows (times of day dropped), as exceljs computes it. */
function serialDate(serial: number, date1904: boolean): Plain {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return Number.isNaN(d.getTime()) ? { kind: 'error', value: '无效日期' } : { kind: 'date', value: d.toISOString().slice(0, 10) };
}

/** The column number of a cell reference (B7, $B$7 → 2), or 0 when it is not a valid reference. */
export function columnOf(ref: string): number {
  let i = ref.charCodeAt(0) === 36 ? 1 : 0; // $
  let n = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
    if (n > MAX_COL) return 0;
  }
  if (n === 0) return 0;
  if (ref.charCodeAt(i) === 36) i++;
  // The row may be left out (a column reference); when given it has no leading zero and at most seven digits.
  if (i === ref.length) return n;
  const first = ref.charCodeAt(i);
  if (first < 49 || first > 57 || ref.length - i > 7) return 0;
  for (let j = i + 1; j < ref.length; j++) {
    const d = ref.charCodeAt(j);
    if (d < 48 || d > 57) return 0;
  }
  return n;
}

/** The letters of a column number (2 → B). */
export function columnName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A range like A1:C2 (or a single cell), or null when it is not one. */
export function parseRange(ref: string): Range | null {
  const [a, b = a, extra] = ref.split(':');
  if (extra !== undefined) return null;
  const one = (s: string) => {
    const m = /^\$?([A-Za-z]{1,3})\$?([1-9]\d{0,6})$/.exec(s.trim());
    if (!m) return null;
    const col = columnOf(m[1]);
    const row = Number(m[2]);
    return col >= 1 && row <= MAX_ROW ? { col, row } : null;
  };
  const p = one(a);
  const q = one(b);
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

// Writers list cells and rows in order; a file that does not is read as exceljs reads it, the last
// of two cells at one address winning.
function inColumnOrder(cells: RawCell[]): RawCell[] {
  const byCol = new Map<number, RawCell>();
  for (const c of cells) byCol.set(c.col, c);
  return [...byCol.values()].sort((a, b) => a.col - b.col);
}

function inRowOrder(rows: RawRow[]): RawRow[] {
  const byNumber = new Map<number, RawRow>();
  for (const r of rows) byNumber.set(r.number, r);
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}

/**
 * The rows without the cells that merged ranges cover, other than each range's top-left cell.
 * Rows are swept top to bottom with the ranges open at each row kept sorted by column; two ranges
 * that overlap are a damaged sheet (Excel repairs such a file when it opens it).
 */
function withoutMergedFollowers(rows: RawRow[], merges: Range[], sheet: string): RawRow[] {
  const byTop = [...merges].sort((a, b) => a.top - b.top || a.left - b.left);
  let open: Range[] = []; // the ranges covering the current row, sorted by left; never overlapping
  let firstEnd = Infinity; // the lowest bottom row among them
  let next = 0;
  // Closes the ranges that end above the row; scans only when one does.
  const closeAbove = (row: number) => {
    if (firstEnd >= row) return;
    open = open.filter((m) => m.bottom >= row);
    firstEnd = open.reduce((low, m) => Math.min(low, m.bottom), Infinity);
  };
  // Opens the ranges that start on or above the row, in the order of their top rows, so that two ranges
  // meet only if they share a row.
  const openUpTo = (row: number) => {
    while (next < byTop.length && byTop[next].top <= row) {
      const m = byTop[next++];
      closeAbove(m.top);
      let lo = 0;
      let hi = open.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (open[mid].left < m.left) lo = mid + 1;
        else hi = mid;
      }
      const before = open[lo - 1];
      const after = open[lo];
      const clash = before && before.right >= m.left ? before : after && after.left <= m.right ? after : undefined;
      if (clash) throw new PartProblem(`${sheet}的合并单元格区域 ${rangeName(clash)} 与 ${rangeName(m)} 重叠,文件已损坏`);
      open.splice(lo, 0, m);
      firstEnd = Math.min(firstEnd, m.bottom);
    }
    closeAbove(row);
  };
  const out: RawRow[] = [];
  for (const row of rows) {
    openUpTo(row.number);
    if (open.length === 0) {
      out.push(row);
      continue;
    }
    const kept = row.cells.filter((c) => {
      const m = coveringRange(open, c.col);
      return !m || (m.top === row.number && m.left === c.col);
    });
    if (kept.length > 0) out.push(kept.length === row.cells.length ? row : { number: row.number, cells: kept });
  }
  // Ranges below the last row with cells cover nothing, but must not overlap either.
  openUpTo(MAX_ROW);
  return out;
}

function coveringRange(open: Range[], col: number): Range | undefined {
  let lo = 0;
  let hi = open.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = open[mid];
    if (col < m.left) hi = mid - 1;
    else if (col > m.right) lo = mid + 1;
    else return m;
  }
  return undefined;
}

function rangeName(m: Range): string {
  const tl = `${columnName(m.left)}${m.top}`;
  return m.top === m.bottom && m.left === m.right ? tl : `${tl}:${columnName(m.right)}${m.bottom}`;
}
