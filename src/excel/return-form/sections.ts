// The tables of a return (indicators, tasks, layoffs), each found by its header row wherever it
// stands, and the label comparison the whole form is read by: full-width, spaces and a colon aside.
import { toHalfWidth } from '../../format/typed.js';
import { cellText } from '../cells.js';
import type { ReturnLayout } from '../layout.js';
import type { RawCell, RawRow, RawSheet } from '../read.js';

export type SectionName = 'indicators' | 'tasks' | 'layoffs';
export const REQUIRED_HEADERS: Record<SectionName, string[]> = {
  indicators: ['indicator', 'field', 'value'],
  tasks: ['task', 'status'],
  layoffs: ['firm', 'staff', 'laidOff'],
};

export interface Section {
  header: RawRow;
  col: Record<string, number>;
  rows: RawRow[];
}

/** Sections found by their header rows; a section runs to the next header or section title. */
export function findSections(sheet: RawSheet, L: ReturnLayout): Partial<Record<SectionName, Section>> {
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

/** Anything typed in these columns of a section's rows (a return as sent out has nothing there). */
export function filledIn(section: Section | undefined, keys: string[]): boolean {
  if (!section) return false;
  const columns = new Set(keys.map((k) => section.col[k]).filter((c) => c !== undefined));
  return section.rows.some((r) => r.cells.some((c) => columns.has(c.col) && cellText(c.value).trim() !== ''));
}

/** A row's cell in a column, when something is written in it. */
export function cellAt(row: RawRow, col: number | undefined): RawCell | undefined {
  if (col === undefined) return undefined;
  const c = row.cells.find((x) => x.col === col);
  return c && c.value.kind !== 'empty' && cellText(c.value) !== '' ? c : undefined;
}

/** A label as it is compared: half-width, without spaces or a closing colon. */
export function normal(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '').replace(/:$/, '');
}

/** Two labels the same once normalised: 填报单位: and 填 报 单 位 alike. */
export function sameText(a: string, b: string): boolean {
  return normal(a) === normal(b);
}
