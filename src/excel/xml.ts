// Reading one XML part of a workbook with a real XML parser (saxes): entities decoded, namespaces
// resolved, and anything that is not well-formed a refusal that names the part.
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** SpreadsheetML's namespace, as Excel and WPS write it and as Excel's "Strict Open XML" writes it. */
export const MAIN_NS = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);
/** The namespace of r:id, transitional and strict. */
export const REL_NS = new Set(['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships']);
/** The package relationships' own namespace (`_rels/*.rels`). */
export const PACKAGE_REL_NS = new Set(['http://schemas.openxmlformats.org/package/2006/relationships']);

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** An element as the handlers see it: its local name and namespace, and its attributes as written. */
export interface Tag {
  local: string;
  uri: string;
  prefix: string;
  /** By qualified name (`r`, `r:id`); an unprefixed attribute is in no namespace. */
  attributes: Record<string, string>;
  /** The element it is in, while it is open (for the namespaces declared there). */
  parent: Tag | null;
}

/** A workbook that cannot be read as it is, with the message for the clerk. */
export class PartProblem extends Error {
  readonly fix: string;
  constructor(problem: string, fix = RESAVE) {
    super(problem);
    this.fix = fix;
  }
}

const RESAVE = '请让报送单位在 Excel 或 WPS 中打开,重新保存为 .xlsx 后发送';

export interface XmlHandlers {
  open(tag: Tag): void;
  close(tag: Tag): void;
  /** Character data (CDATA included), in pieces: one element's text may come in several calls. */
  text?(text: string): void;
}

// Large parts are decoded and parsed a piece at a time: a 60 MB sheet never becomes one 60 MB string.
const CHUNK = 256 * 1024;

/** The element a part must start with, and its namespaces. */
export interface Root {
  local: string;
  uris: Set<string>;
}

/**
 * Parses a part's XML, calling the handlers as elements open and close. The handlers may throw a
 * PartProblem; a part that is not well-formed, cut short, carries a DTD or starts with another
 * element than its root (a sheet without SpreadsheetML's namespace, say) becomes one too.
 */
export function parseXml(part: string, bytes: Buffer, root: Root, handlers: XmlHandlers, name = `工作簿内部文件 ${part}`): void {
  const what = name.endsWith(')') ? name : `${name} `; // no space after 工作表“…”(part)
  // saxes resolves namespaces too, but that doubles its cost on a return; the prefixes are resolved
  // here instead, by the same rules (a declaration holds for its element and everything inside it).
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('error', (e) => {
    throw new PartProblem(`${what}不是有效的 XML(${e.message})`);
  });
  // Open XML parts are UTF-8 or UTF-16; text in another encoding would be read as nonsense, not refused.
  parser.on('xmldecl', (d) => {
    if (d.encoding && !/^utf-?(8|16)$/i.test(d.encoding.trim())) throw new PartProblem(`${what}使用了不支持的编码(${d.encoding})`);
  });
  // The Open XML formats forbid a DTD; refusing it also keeps entity expansion out.
  parser.on('doctype', () => {
    throw new PartProblem(`${what}含有文档类型定义(DTD),不是 Excel 保存的内容`);
  });
  const open: Tag[] = [];
  parser.on('opentag', (t: SaxesTagPlain) => {
    // saxes' own object, given the fields of a Tag: one object less for every element of a sheet.
    const tag = t as unknown as Tag;
    const name = t.name;
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    tag.prefix = prefix;
    tag.local = colon < 0 ? name : name.slice(colon + 1);
    tag.parent = open.length > 0 ? open[open.length - 1] : null;
    const uri = namespaceOf(tag, prefix);
    if (uri === undefined) throw new PartProblem(`${what}不是有效的 XML(元素 ${name} 的命名空间前缀 ${prefix} 没有声明)`);
    tag.uri = uri;
    if (open.length === 0 && (tag.local !== root.local || !root.uris.has(uri))) {
      throw new PartProblem(`${what}不是 Excel 工作簿应有的内容(应以 ${root.local} 开始,实为${uri ? `命名空间 ${uri} 中的` : '没有命名空间的'} ${tag.local})`);
    }
    open.push(tag);
    handlers.open(tag);
  });
  parser.on('closetag', () => {
    const tag = open.pop()!;
    handlers.close(tag);
    tag.parent = null;
  });
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf16le' : 'utf8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) throw new PartProblem(`${what}使用了不支持的编码(UTF-16 BE)`);
  let start = encoding === 'utf16le' ? 2 : bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.length - start <= CHUNK) parser.write(bytes.toString(encoding, start));
  else {
    const decoder = new StringDecoder(encoding);
    for (; start < bytes.length; start += CHUNK) parser.write(decoder.write(bytes.subarray(start, start + CHUNK)));
    parser.write(decoder.end());
  }
  try {
    parser.close();
  } catch (e) {
    // Everything written was well-formed so far: the part ends before its root element closes.
    if (e instanceof PartProblem) throw new PartProblem(`${what}内容不完整(文件被截断或损坏)`);
    throw e;
  }
}

/** An attribute in no namespace (`r`, `t`, `s`: how SpreadsheetML writes its own), or undefined. */
export function attr(tag: Tag, local: string): string | undefined {
  return tag.attributes[local];
}

/** An attribute in one of the namespaces given (`r:id`, whatever prefix the writer chose), or undefined. */
export function nsAttr(tag: Tag, local: string, uris: Set<string>): string | undefined {
  for (const name in tag.attributes) {
    const colon = name.indexOf(':');
    if (colon < 0 || name.slice(colon + 1) !== local) continue;
    const uri = namespaceOf(tag, name.slice(0, colon));
    if (uri !== undefined && uris.has(uri)) return tag.attributes[name];
  }
  return undefined;
}

/**
 * The namespace a prefix ('' for none) stands for on an element: declared on the element itself or on
 * the nearest element around it; undefined for a prefix never declared. An element that declares
 * nothing shares the namespace of a parent with the same prefix, so a sheet's cells cost one look-up.
 */
function namespaceOf(tag: Tag, prefix: string): string | undefined {
  const key = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
  for (let t: Tag | null = tag; t !== null; t = t.parent) {
    const declared = t.attributes[key];
    if (declared !== undefined) return declared;
    if (t.parent !== null && t.parent.prefix === prefix && t.parent.uri !== undefined) return t.parent.uri;
  }
  return prefix === 'xml' ? XML_NS : prefix === '' ? '' : undefined;
}
