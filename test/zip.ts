// A minimal zip writer for hostile test files (bombs, truncated parts) that exceljs would never write.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { directoryEntries, endOfDirectory, storedBytes, writeZip } from '../src/excel/zip.js';

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** Size to write in the headers instead of the real one (a lying bomb). */
  declaredSize?: number;
}

/** A deflated zip of the given parts. */
export function zip(parts: ZipPart[]): Buffer {
  return writeZip(
    parts.map((part) => {
      const data = Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data, 'utf8');
      return { nameBytes: Buffer.from(part.name, 'utf8'), method: 8, time: 0, date: 0, crc: crc32(data), size: part.declaredSize ?? data.length, data: deflateRawSync(data) };
    }),
  );
}

/** Every part of a zip by name, expanded, read through its central directory. */
export function zipParts(zipFile: Buffer): Map<string, Buffer> {
  const entries = directoryEntries(zipFile, endOfDirectory(zipFile));
  if (entries === null) throw new Error('zip directory runs past the file');
  return new Map(
    entries.map((e) => {
      const stored = storedBytes(zipFile, e)!;
      return [e.name, e.method === 8 ? inflateRawSync(stored) : stored];
    }),
  );
}

/** The minimum parts of an .xlsx around one sheet's XML. */
export function xlsxParts(sheetXml: string | Buffer, opts: { declaredSheetSize?: number } = {}): ZipPart[] {
  return [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    },
    { name: '_rels/.rels', data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
    { name: 'xl/workbook.xml', data: '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="季度报表" sheetId="1" r:id="rId1"/></sheets></workbook>' },
    { name: 'xl/_rels/workbook.xml.rels', data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml, declaredSize: opts.declaredSheetSize },
  ];
}

/** A sheet with n numeric cells in column A. */
export function sheetWithCells(n: number): string {
  const rows: string[] = [];
  for (let r = 1; r <= n; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
}

/** One entry of a zip (an .xlsx part) as text. */
export function zipEntryText(zipFile: Buffer, name: string): string {
  const part = zipParts(zipFile).get(name);
  if (part === undefined) throw new Error(`${name} not found in the zip`);
  return part.toString('utf8');
}
