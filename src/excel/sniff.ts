// Looking at a file's bytes before any parser does: what it really is, and whether it is safe to open.
import { crc32, inflateRawSync } from 'node:zlib';
import { launcher } from '../format/command.js';
import { directoryEntries, endOfDirectory, storedBytes, type ZipEntry } from './zip.js';

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

/** Why a file (or one of its parts) cannot be read, and what the clerk can do about it. */
export type Refusal = { ok: false; problem: string; fix: string };

/** A sound workbook: its parts, to be read one by one. */
export type Sniff = { ok: true; parts: Package } | Refusal;

const RESAVE = '请在 Excel 或 WPS 中打开,另存为“Excel 工作簿(*.xlsx)”后重新导入';

/**
 * Says whether bytes are a whole, modest .xlsx, walking the zip directory once. Old .xls, encrypted
 * files, HTML or CSV renamed to .xlsx, empty and truncated files each get their own message; a zip
 * that declares more than the limits is refused before anything is expanded, and each part read
 * later through the package is held to them as it expands.
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

/** A part expanded, or why it cannot be. */
export type PartRead = { ok: true; bytes: Buffer } | Refusal;

/**
 * The parts of a sound zip, found by one walk of its directory. A part is expanded only when it is
 * read, each under the caps, so a part nobody reads (a theme, a picture, a bomb hidden as docProps)
 * is never inflated at all.
 */
export class Package {
  // OPC part names are case-insensitive; a writer may spell a relationship's target differently.
  readonly #entries = new Map<string, ZipEntry>();
  readonly #bytes: Buffer;
  readonly #limits: Limits;
  #expanded = 0;

  constructor(bytes: Buffer, entries: ZipEntry[], limits: Limits) {
    this.#bytes = bytes;
    this.#limits = limits;
    for (const e of entries) this.#entries.set(partKey(e.name), e);
  }

  /** Whether the zip holds the part (`xl/workbook.xml`, without a leading slash). */
  has(name: string): boolean {
    return this.#entries.has(partKey(name));
  }

  /** The part's bytes, expanded with a hard cap: a part that claims little and expands to much is a bomb. */
  read(name: string): PartRead {
    const e = this.#entries.get(partKey(name));
    if (!e) return bad(`工作簿缺少内部文件 ${name}(文件不完整或已损坏)`, '请让报送单位在 Excel 或 WPS 中重新保存为 .xlsx 后发送');
    const bytes = this.#bytes;
    const limits = this.#limits;
    const truncated = bad('文件不完整(可能下载、复制或保存时中断)', '请让报送单位重新保存后发送');
    const data = storedBytes(bytes, e);
    if (data === null) return truncated;
    let out: Buffer;
    if (e.method === 0) out = data;
    else if (e.method === 8) {
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.min(e.size, limits.expandedBytes - this.#expanded) + 1 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return bomb(this.#expanded + e.size + 1, limits);
        return truncated;
      }
    } else return bad(`工作簿使用了不支持的压缩方式(${e.method})`, RESAVE);
    if (out.length !== e.size) return out.length > e.size ? bomb(this.#expanded + out.length, limits) : truncated;
    // A part whose bytes changed on the way (a bad disk, a broken transfer) inflates without complaint.
    if (crc32(out) !== e.crc) return bad(`工作簿内部文件 ${name} 已损坏(校验和不符)`, '请让报送单位重新保存后发送');
    this.#expanded += out.length;
    return { ok: true, bytes: out };
  }
}

function partKey(name: string): string {
  return name.replace(/^\//, '').toLowerCase();
}

function checkZip(bytes: Buffer, limits: Limits): Sniff {
  const truncated = bad('文件不完整(可能下载、复制或保存时中断)', '请让报送单位重新保存后发送');
  const eocd = endOfDirectory(bytes);
  if (eocd < 0) return truncated;
  const count = bytes.readUInt16LE(eocd + 10);
  const dirSize = bytes.readUInt32LE(eocd + 12);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) return bad('文件过大或格式异常(ZIP64),不像季度报表', '请确认是否发错了文件');
  if (dirOffset + dirSize > eocd) return truncated;
  if (count > limits.entries) return bad(`工作簿内部文件过多(${count} 个)`, '请确认是否发错了文件');

  const entries = directoryEntries(bytes, eocd);
  if (entries === null) return truncated;
  const names = new Set(entries.map((e) => e.name.replace(/^\//, '')));
  if (!names.has('xl/workbook.xml')) {
    if (names.has('word/document.xml')) return bad('这是 Word 文档,不是 Excel 工作簿', '请让报送单位发送 .xlsx 报表');
    return bad('这是压缩包,不是 Excel 工作簿(缺少 xl/workbook.xml)', '请让报送单位发送 .xlsx 报表');
  }
  // Zip's own encryption (not Office's): nothing inside can be read.
  if (entries.some((e) => e.flags & 0x01)) return bad('文件设置了密码(已加密),无法读取', '请让报送单位取消密码后重新发送');
  const declared = entries.reduce((s, e) => s + e.size, 0);
  if (declared > limits.expandedBytes) return bomb(declared, limits);
  return { ok: true, parts: new Package(bytes, entries, limits) };
}

function bomb(bytes: number, limits: Limits): Refusal {
  return bad(`文件解压后超过 ${mb(limits.expandedBytes)}(至少 ${mb(bytes)}),疑似压缩炸弹,未读取`, '请确认文件来源;季度报表解压后通常不到 1 MB');
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function bad(problem: string, fix: string): Refusal {
  return { ok: false, problem, fix };
}
