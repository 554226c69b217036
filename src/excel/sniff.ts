// Looking at a file's bytes before any parser does: what it really is, and whether it is safe to open.
import { inflateRawSync } from 'node:zlib';
import { groupDigits } from '../domain/figures.js';

export interface Limits {
  /** Largest file accepted, in bytes. */
  fileBytes: number;
  /** Most a workbook may expand to when unzipped, all parts together. */
  expandedBytes: number;
  /** Most cells in one sheet. */
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

export type Sniff = { ok: true } | { ok: false; problem: string; fix: string };

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
  if (/[,\t;]/.test(text)) return bad('这是 CSV/文本文件改了扩展名,不是 Excel 工作簿', '请用 jiuye template 生成的 .xlsx 报表填写,或在 Excel 中打开后另存为 .xlsx');
  return bad('这是文本文件,不是 Excel 工作簿', '请让报送单位重新发送 .xlsx 文件');
}

interface Entry {
  name: string;
  method: number;
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
      method: bytes.readUInt16LE(p + 10),
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
    if (/^\/?xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) {
      const text = xml.toString('latin1');
      if (!/<\/(\w+:)?worksheet>\s*$/.test(text)) return bad(`工作表 ${e.name} 内容不完整(文件被截断或损坏)`, '请让报送单位重新保存后发送');
      const cells = countCells(text, limits.sheetCells);
      if (cells > limits.sheetCells) return bad(`工作表中单元格过多(超过 ${groupDigits(limits.sheetCells)} 个),不像季度报表`, '请只保留报表本身,删除多余的数据后重新发送');
    }
  }
  return { ok: true };
}

function findEndOfDirectory(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

function countCells(xml: string, stopAfter: number): number {
  let n = 0;
  const re = /<(?:\w+:)?c[\s>]/g;
  while (re.exec(xml) !== null) if (++n > stopAfter) break;
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
