// The workbook's shared strings (xl/sharedStrings.xml), and the text escapes every string cell may carry.
import { MAIN_NS, parseXml, type Tag } from './xml.js';

/**
 * Text as a person typed it: `_xHHHH_` is how SpreadsheetML writes a character XML cannot carry
 * (`_x000D_` for a carriage return, `_x005F_` for an underscore that would look like an escape), and a
 * line break is LF whether it was saved as CR LF, CR or LF.
 */
export function decodeText(raw: string): string {
  return lineBreaks(unescapeX(raw));
}

/** `_xHHHH_` escapes decoded; one piece of text (a <t>) at a time. */
export function unescapeX(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

/** CR LF and CR as LF, once a cell's text is whole. */
export function lineBreaks(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

/**
 * Every shared string in order. A string of rich-text runs is the runs joined; phonetic runs
 * (`<rPh>`, the reading of East Asian text) are not part of what the cell shows and are left out.
 */
export function readSharedStrings(part: string, bytes: Buffer): string[] {
  const strings: string[] = [];
  let current: string | null = null; // the <si> being read
  let piece: string | null = null; // the <t> being read
  let phonetic = 0;
  parseXml(part, bytes, { local: 'sst', uris: MAIN_NS }, {
    open(tag: Tag) {
      if (!MAIN_NS.has(tag.uri)) return;
      switch (tag.local) {
        case 'si':
          current = '';
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (current !== null && phonetic === 0) piece = '';
          break;
      }
    },
    text(text: string) {
      if (piece !== null) piece += text;
    },
    close(tag: Tag) {
      if (!MAIN_NS.has(tag.uri)) return;
      switch (tag.local) {
        case 't':
          // Each <t> is unescaped alone, so an escape never runs across two runs.
          if (piece !== null) current += unescapeX(piece);
          piece = null;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'si':
          strings.push(lineBreaks(current ?? ''));
          current = null;
          break;
      }
    },
  });
  return strings;
}
