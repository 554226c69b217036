// The last touch to every workbook jiuye writes, on the package exceljs made: the parts where exceljs
// strays from what Excel accepts without a repair prompt, or from what prints the same everywhere, are
// put right, and every other part is copied byte for byte.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

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
  return rewriteParts(zip, (name, bytes) => {
    if (name === 'xl/styles.xml') return Buffer.from(normalFont(bytes.toString('utf8')), 'utf8');
    if (/^xl\/drawings\/drawing\d+\.xml$/.test(name)) {
      // exceljs gives every picture the same creationId: Office expects each shape's own.
      const xml = bytes.toString('utf8').replace(/(<a16:creationId\b[^>]*\bid=")\{[0-9A-Fa-f-]+\}/g, (_, head: string) => `${head}${creationId(++picture)}`);
      return Buffer.from(xml, 'utf8');
    }
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

interface Entry {
  name: string;
  nameBytes: Buffer;
  method: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  data: Buffer;
}

/**
 * A zip with some parts replaced: `edit` returns a part's new bytes, or null to keep it as it is (its
 * compressed bytes copied unread). The package exceljs writes is read through its central directory.
 */
export function rewriteParts(zip: Buffer, edit: (name: string, bytes: Buffer) => Buffer | null): Buffer {
  const entries = readEntries(zip).map((e): Entry => {
    const original = e.method === 8 ? inflateRawSync(e.data) : e.data;
    const changed = edit(e.name, original);
    if (changed === null) return e;
    return { ...e, method: 8, crc: crc32(changed), size: changed.length, data: deflateRawSync(changed) };
  });
  return writeEntries(entries);
}

function readEntries(zip: Buffer): Entry[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('workbook package without a zip directory');
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(p + 28);
    const nameBytes = zip.subarray(p + 46, p + 46 + nameLength);
    const compressed = zip.readUInt32LE(p + 20);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.push({
      name: nameBytes.toString('utf8'),
      nameBytes,
      method: zip.readUInt16LE(p + 10),
      time: zip.readUInt16LE(p + 12),
      date: zip.readUInt16LE(p + 14),
      crc: zip.readUInt32LE(p + 16),
      size: zip.readUInt32LE(p + 24),
      data: zip.subarray(start, start + compressed),
    });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

function writeEntries(entries: Entry[]): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    // Sizes in the local header, no data descriptor: bit 11 says the names are UTF-8.
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.nameBytes.length, 26);
    chunks.push(local, e.nameBytes, e.data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt16LE(e.time, 12);
    dir.writeUInt16LE(e.date, 14);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(e.nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    directory.push(dir, e.nameBytes);
    offset += 30 + e.nameBytes.length + e.data.length;
  }
  const dirBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dirBytes, end]);
}
