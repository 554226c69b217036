// Looking at a file's bytes before any parser does: what it really is, and whether it is safe to open.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { launcher } from '../format/command.js';

export interface Limits {
  /** Largest file accepted, in bytes. */
  fileBytes: number;
  /** Most a workbook may expand to when unzipped, all parts together. */
  expandedBytes: number;
  /** Most cells in a sheet jiuye reads; a bigger one is an attachment, set aside unread. */
  sheetCells: number;
  /** Most parts in the zip. */
  entries: number;
}

/** A quarterly return is ~20 KB; these leave room for any honest workbook and none for a bomb. */
export const LIMITS: Limits = {
  fileBytes: 20 * 1024 * 1024,
  expandedBytes: 64 * 1024 * 1024,
  sheetCells: 100_000,
  entries: 2_000,
};

/** A sheet too big to be a return, left out of what the parser sees. */
export interface SetAside {
  /** The sheet's name in the workbook (its part name when the workbook does not say). */
  name: string;
  cells: number;
}

/** A sound workbook; `bytes` is the workbook to parse (without the sheets set aside, when there are any). */
export type Sniff = { ok: true; bytes: Buffer; setAside: SetAside[] } | { ok: false; problem: string; fix: string };

const RESAVE = '请在 Excel 或 WPS 中打开,另存为“Excel 工作簿(*.xlsx)”后重新导入';

/**
 * Says whether bytes are a whole, modest .xlsx. Old .xls, encrypted files, HTML or CSV renamed to
 * .xlsx, empty and truncated files each get their own message; a zip bomb or a sheet with a huge
 * number of cells is refused here, before anything is expanded into memory beyond the limits.
 */
export function sniffWorkbook(bytes: Buffer, limits: Limits = LIMITS): Sniff {
  if (bytes.length === 0) return bad('文件是空的(0 字节)', '请让报送单位重新发送文件');
  if (bytes.length > limits.fileBytes) return bad(`文件过大(${mb(bytes.length)}),季度报表通常只有几十 KB`, '请确认是否发错了文件');
  const head = bytes.subarray(0, 8);
  if (head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) {
    if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      return bad('文件设置了打开密码(已加密),无法读取', '请让报送单位取消密码(文件→信息→保护工作簿→用密码进行加密,清空密码)后重新发送');
    }
    return bad('这是旧版 Excel 97-2003 工作簿(.xls)或 WPS 表格(.et),不是 .xlsx', RESAVE);
  }
  if (head.readUInt32BE(0) !== 0x504b0304) {
    if (bytes.length >= 4 && head.readUInt32BE(0) === 0x504b0506) return bad('这是一个空的压缩包,不是 Excel 工作簿', '请让报送单位重新发送文件');
    return textKind(bytes);
  }
  return checkZip(bytes, limits);
}

function textKind(bytes: Buffer): Sniff {
  const sample = bytes.subarray(0, 4096);
  if (sample.includes(0)) return bad('文件内容无法识别,不是 Excel 工作簿(可能已损坏)', '请让报送单位重新发送 .xlsx 文件');
  const text = sample.toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (text.startsWith('<?xml') && text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return bad('这是 Excel 2003 XML 表格,不是 .xlsx', RESAVE);
  }
  if (text.startsWith('<') && /<(html|table|!doctype html|meta|head|body)/.test(text)) {
    return bad('这是网页(HTML)文件改了扩展名,不是真正的 Excel 工作簿(常见于从业务系统导出的“表格”)', RESAVE);
  }
  if (/[,\t;]/.test(text)) return bad('这是 CSV/文本文件改了扩展名,不是 Excel 工作簿', `请用 ${launcher()} template 生成的 .xlsx 报表填写,或在 Excel 中打开后另存为 .xlsx`);
  return bad('这是文本文件,不是 Excel 工作簿', '请让报送单位重新发送 .xlsx 文件');
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function checkZip(bytes: Buffer, limits: Limits): Sniff {
  const truncated = bad('文件不完整(可能下载、复制或保存时中断)', '请让报送单位重新保存后发送');
  const eocd = findEndOfDirectory(bytes);
  if (eocd < 0) return truncated;
  const count = bytes.readUInt16LE(eocd + 10);
  const dirSize = bytes.readUInt32LE(eocd + 12);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) return bad('文件过大或格式异常(ZIP64),不像季度报表', '请确认是否发错了文件');
  if (dirOffset + dirSize > eocd) return truncated;
  if (count > limits.entries) return bad(`工作簿内部文件过多(${count} 个)`, '请确认是否发错了文件');

  const entries: Entry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) return truncated;
    const nameLength = bytes.readUInt16LE(p + 28);
    entries.push({
      flags: bytes.readUInt16LE(p + 8),
      method: bytes.readUInt16LE(p + 10),
      crc: bytes.readUInt32LE(p + 16),
      compressed: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      offset: bytes.readUInt32LE(p + 42),
      name: bytes.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
    });
    p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
  }
  const names = new Set(entries.map((e) => e.name.replace(/^\//, '')));
  if (!names.has('xl/workbook.xml')) {
    if (names.has('word/document.xml')) return bad('这是 Word 文档,不是 Excel 工作簿', '请让报送单位发送 .xlsx 报表');
    return bad('这是压缩包,不是 Excel 工作簿(缺少 xl/workbook.xml)', '请让报送单位发送 .xlsx 报表');
  }
  const declared = entries.reduce((s, e) => s + e.size, 0);
  if (declared > limits.expandedBytes) return bomb(declared, limits);

  // Expand every XML part with a hard cap: a part that claims little and expands to much is a bomb.
  let expanded = 0;
  const big: { entry: Entry; cells: number }[] = [];
  const xmlOf = new Map<string, string>();
  for (const e of entries) {
    if (!/\.(xml|rels)$/i.test(e.name)) continue;
    const local = e.offset;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) return truncated;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + e.compressed > bytes.length) return truncated;
    const data = bytes.subarray(start, start + e.compressed);
    let xml: Buffer;
    if (e.method === 0) xml = data;
    else if (e.method === 8) {
      try {
        xml = inflateRawSync(data, { maxOutputLength: Math.min(e.size, limits.expandedBytes - expanded) + 1 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return bomb(expanded + e.size + 1, limits);
        return truncated;
      }
    } else return bad(`工作簿使用了不支持的压缩方式(${e.method})`, RESAVE);
    if (xml.length !== e.size) return xml.length > e.size ? bomb(expanded + xml.length, limits) : truncated;
    expanded += xml.length;
    const name = e.name.replace(/^\//, '');
    if (name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels') xmlOf.set(name, xml.toString('utf8'));
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) {
      const text = xml.toString('latin1');
      if (!/<\/(\w+:)?worksheet>\s*$/.test(text)) return bad(`工作表 ${e.name} 内容不完整(文件被截断或损坏)`, '请让报送单位重新保存后发送');
      // A sheet over the cap cannot be a return: it is set aside unread (an attachment, a roster),
      // so a return that carries one is still read; the byte caps above keep bombs out.
      const cells = countCells(text);
      if (cells > limits.sheetCells) big.push({ entry: e, cells });
    }
  }
  if (big.length === 0) return { ok: true, bytes, setAside: [] };
  const sheetName = sheetNames(xmlOf.get('xl/workbook.xml') ?? '', xmlOf.get('xl/_rels/workbook.xml.rels') ?? '');
  const empty = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>');
  return {
    ok: true,
    bytes: rebuildZip(bytes, entries, new Map(big.map((b) => [b.entry.name, empty]))),
    setAside: big.map((b) => ({ name: sheetName.get(b.entry.name.replace(/^\//, '')) ?? b.entry.name, cells: b.cells })),
  };
}

/** Sheet part (xl/worksheets/sheet2.xml) → the sheet's name, from the workbook and its relationships. */
function sheetNames(workbook: string, rels: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    const part = id ? targets.get(id) : undefined;
    if (name !== undefined && part) out.set(part, unescapeXml(name));
  }
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The same zip with some parts' contents replaced; other parts are copied compressed, as they were. */
function rebuildZip(bytes: Buffer, entries: Entry[], replace: Map<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const fresh = replace.get(e.name);
    let data: Buffer;
    let method = e.method;
    let crc = e.crc;
    let size = e.size;
    if (fresh) {
      data = deflateRawSync(fresh);
      method = 8;
      crc = crc32(fresh);
      size = fresh.length;
    } else {
      const start = e.offset + 30 + bytes.readUInt16LE(e.offset + 26) + bytes.readUInt16LE(e.offset + 28);
      data = bytes.subarray(start, start + e.compressed);
    }
    const flags = e.flags & ~0x08; // sizes are written in the header: no data descriptor follows
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(flags, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(dir, name);
    offset += 30 + name.length + data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

// CRC-32 of the zip format; zlib.crc32 exists only from Node 20.15.
const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

function crc32(buf: Buffer): number {
  let c = -1;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function findEndOfDirectory(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

function countCells(xml: string): number {
  let n = 0;
  const re = /<(?:\w+:)?c[\s>]/g;
  while (re.exec(xml) !== null) n++;
  return n;
}

function bomb(bytes: number, limits: Limits): Sniff {
  return bad(`文件解压后超过 ${mb(limits.expandedBytes)}(至少 ${mb(bytes)}),疑似压缩炸弹,未读取`, '请确认文件来源;季度报表解压后通常不到 1 MB');
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function bad(problem: string, fix: string): Sniff {
  return { ok: false, problem, fix };
}
