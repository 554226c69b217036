// The last touch to every workbook jiuye writes, on the package exceljs made: the parts where exceljs
// strays from what Excel accepts without a repair prompt, or from what prints the same everywhere, are
// put right, and every other part is copied byte for byte.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { directoryEntries, endOfDirectory, storedBytes, writeZip, type ZipPartOut } from './zip.js';

/**
 * The workbook's default font (the Normal style), which is also the unit of every column width: Arial,
 * which LibreOffice replaces by the metric-compatible Liberation Sans, so a column is as wide in
 * LibreOffice as in Excel and WPS. exceljs's Calibri is missing wherever LibreOffice runs without
 * Microsoft's fonts, and its substitute's wider digits widened every column by a third: the charts then
 * covered 70% of the page and text meant for one line sat in a double-height row. Every cell jiuye
 * writes names its own font (宋体); only the width unit and empty cells use this one.
 */
export const NORMAL_FONT = '<font><sz val="11"/><name val="Arial"/><family val="2"/></font>';

/**
 * The width of a digit of NORMAL_FONT in pixels at 96 dpi (Arial 11 pt): one unit of a column width
 * in Excel. LibreOffice draws a unit 1.6% wider (8.13 px, measured): WIDTH_SLACK allows for it.
 */
export const DIGIT_PX = 8;
export const WIDTH_SLACK = 1.02;

/** The package with its styles and drawings put right. */
export function finishPackage(zip: Buffer): Buffer {
  let picture = 0;
  return rewriteParts(zip, (name) => {
    if (name === 'xl/styles.xml') return (xml) => normalFont(xml);
    // exceljs gives every picture the same creationId: Office expects each shape's own.
    if (/^xl\/drawings\/drawing\d+\.xml$/.test(name)) return (xml) => xml.replace(/(<a16:creationId\b[^>]*\bid=")\{[0-9A-Fa-f-]+\}/g, (_, head: string) => `${head}${creationId(++picture)}`);
    return null;
  });
}

/** The first font of the stylesheet (the Normal style's) replaced by NORMAL_FONT. */
function normalFont(xml: string): string {
  return xml.replace(/(<fonts\b[^>]*>)\s*<font>[\s\S]*?<\/font>/, (_, open: string) => `${open}${NORMAL_FONT}`);
}

/** A GUID of its own for the n-th picture of the workbook, in the shape Excel writes. */
function creationId(n: number): string {
  return `{00000000-0008-0000-0000-${n.toString(16).toUpperCase().padStart(12, '0')}}`;
}

/**
 * A zip with some parts' XML rewritten: `edit` names, by the part's name, how to change its text, or
 * null to keep the part as it is (its compressed bytes copied unread: the pictures are never inflated).
 * The package exceljs writes is read through its central directory.
 */
function rewriteParts(zip: Buffer, edit: (name: string) => ((xml: string) => string) | null): Buffer {
  const eocd = endOfDirectory(zip);
  const entries = eocd < 0 ? null : directoryEntries(zip, eocd);
  if (entries === null) throw new Error('workbook package without a whole zip directory');
  return writeZip(
    entries.map((e): ZipPartOut => {
      const stored = storedBytes(zip, e);
      if (stored === null) throw new Error(`workbook package cut short in ${e.name}`);
      const change = edit(e.name);
      if (change === null) return { ...e, data: stored };
      const changed = Buffer.from(change((e.method === 8 ? inflateRawSync(stored) : stored).toString('utf8')), 'utf8');
      return { ...e, method: 8, crc: crc32(changed), size: changed.length, data: deflateRawSync(changed) };
    }),
  );
}
