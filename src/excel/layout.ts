// The quarterly return form as data (templates/return.json): what template writes and import reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../root.js';

export interface SectionLayout<K extends string> {
  title: string;
  /** Column key → header text, in column order A, B, C … */
  columns: Record<K, string>;
}

export interface ReturnLayout {
  format: string;
  version: number;
  sheet: string;
  metaSheet: string;
  fileName: string;
  title: string;
  columns: number[];
  header: Record<'unit' | 'period' | 'filledBy' | 'phone' | 'deadline' | 'filledOn', string>;
  instructionsLabel: string;
  instructions: string[];
  sections: {
    indicators: SectionLayout<'seq' | 'indicator' | 'field' | 'measure' | 'value' | 'note'>;
    tasks: SectionLayout<'seq' | 'task' | 'title' | 'role' | 'status' | 'note'>;
    layoffs: SectionLayout<'seq' | 'firm' | 'staff' | 'laidOff' | 'noticeOn' | 'layoffOn'> & { forKinds: string[]; rows: number };
  };
  inputFill: string;
  headerFill: string;
  font: string;
}

export const LAYOUT_FILE = join(ROOT, 'templates', 'return.json');

let cached: ReturnLayout | undefined;

/** The form layout shipped in templates/ (read once per process). */
export function returnLayout(): ReturnLayout {
  if (!cached) {
    const layout = JSON.parse(readFileSync(LAYOUT_FILE, 'utf8')) as ReturnLayout;
    if (layout.format !== 'jiuye-return-layout/1') throw new Error(`${LAYOUT_FILE}: unknown layout format ${layout.format}`);
    for (const [name, section] of Object.entries(layout.sections)) {
      if (Object.keys(section.columns).length !== layout.columns.length) {
        throw new Error(`${LAYOUT_FILE}: section ${name} must have ${layout.columns.length} columns`);
      }
    }
    cached = layout;
  }
  return cached;
}

/** Fills {name} placeholders of a layout text. */
export function fillText(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
