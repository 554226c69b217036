// Which cell styles show a number as a date (xl/styles.xml): a date cell holds a day count, and only its
// style says that it is a date.
import { attr, MAIN_NS, parseXml, type Tag } from './xml.js';

// The formats every language shares, implied by their id and never written out (ECMA-376 §18.8.30).
const BUILT_IN: Record<number, string> = {
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};

/**
 * Ids whose format depends on the language: in Chinese 27–36 and 50–58 are all dates and times
 * (27 yyyy"年"m"月", 31 yyyy"年"m"月"d"日", 32 h"时"mm"分" …). Excel and WPS write a date typed in
 * a Chinese office this way, with no format code beside it.
 */
function chineseBuiltIn(id: number): boolean {
  return (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/**
 * Whether a number format code shows a date or a time, by exceljs's rule (a date letter y m d h s b, or
 * M, outside quoted text and [..] sections), except that a letter escaped with a backslash is
 * literal text, as Excel shows it (`0\h` is a number followed by "h").
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\\./g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

/** Whether the number format id shows a date, given the workbook's own format codes. */
export function isDateFormatId(id: number, codes: Map<number, string>): boolean {
  const code = codes.get(id) ?? BUILT_IN[id];
  if (code !== undefined) return isDateFormat(code);
  return chineseBuiltIn(id);
}

// Thrown to stop reading once the cell styles are known: the rest of styles.xml (cell style names,
// conditional formats, table styles) tells nothing about dates.
const ENOUGH = Symbol('enough');

/** For each cell style (the `s` of a cell, an index into cellXfs): whether it shows numbers as dates. */
export function readDateStyles(part: string, bytes: Buffer): boolean[] {
  const codes = new Map<number, string>();
  const formatOfStyle: number[] = [];
  let inNumFmts = false; // a <dxf> (conditional formatting) has number formats of its own, which cells never use
  let inCellXfs = false;
  let depth = 0; // inside cellXfs: only its own <xf> children are cell styles
  try {
    parseXml(part, bytes, { local: 'styleSheet', uris: MAIN_NS }, {
      open(tag: Tag) {
        if (inCellXfs) depth++;
        if (!MAIN_NS.has(tag.uri)) return;
        if (tag.local === 'numFmts') inNumFmts = true;
        else if (tag.local === 'numFmt' && inNumFmts) {
          const id = Number(attr(tag, 'numFmtId'));
          if (Number.isInteger(id)) codes.set(id, attr(tag, 'formatCode') ?? '');
        } else if (tag.local === 'cellXfs') {
          inCellXfs = true;
          depth = 0;
        } else if (tag.local === 'xf' && inCellXfs && depth === 1) {
          const id = Number(attr(tag, 'numFmtId') ?? 0);
          formatOfStyle.push(Number.isInteger(id) ? id : 0);
        }
      },
      close(tag: Tag) {
        if (tag.local === 'numFmts' && MAIN_NS.has(tag.uri)) inNumFmts = false;
        if (!inCellXfs) return;
        if (depth === 0) throw ENOUGH;
        depth--;
      },
    });
  } catch (e) {
    if (e !== ENOUGH) throw e;
  }
  return formatOfStyle.map((id) => isDateFormatId(id, codes));
}
