// Terminal tables with Chinese headers, wrapped to the terminal and aligned by display width.
import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import { displayWidth, wrapText } from './text.js';

export interface Column {
  header: string;
  /** Wrap this column's text at this display width. */
  wrap?: number;
  align?: 'left' | 'right';
}

/** A table as text; cells are already-formatted strings (colour allowed). */
export function renderTable(columns: Column[], rows: string[][], c: ChalkInstance): string {
  const table = new Table({
    head: columns.map((col) => c.bold(col.header)),
    colAligns: columns.map((col) => col.align ?? 'left'),
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  for (const row of rows) {
    table.push(row.map((cell, i) => {
      const w = columns[i]?.wrap;
      return w && displayWidth(cell) > w ? wrapText(cell, w) : cell;
    }));
  }
  return `${table.toString()}\n`;
}
