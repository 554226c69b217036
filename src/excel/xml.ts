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
  /** By qualified name (`r`, `r:id`); an unprefixed attribute is in no namespace. */
  attributes: Record<string, string>;
  /** The namespace prefixes in force on the element. */
  scope: Map<string, string>;
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
  let scope = new Map([['xml', XML_NS]]);
  parser.on('opentag', (t: SaxesTagPlain) => {
    const attributes = t.attributes;
    for (const name in attributes) {
      if (name.charCodeAt(0) !== 120 || !(name === 'xmlns' || name.startsWith('xmlns:'))) continue; // x
      if (open.length === 0 || scope === open[open.length - 1].scope) scope = new Map(scope);
      scope.set(name.length === 5 ? '' : name.slice(6), attributes[name]);
    }
    const name = t.name;
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    const uri = scope.get(prefix);
    if (uri === undefined && prefix !== '') throw new PartProblem(`${what}不是有效的 XML(元素 ${name} 的命名空间前缀 ${prefix} 没有声明)`);
    const tag: Tag = { local: colon < 0 ? name : name.slice(colon + 1), uri: uri ?? '', attributes, scope };
    if (open.length === 0 && (tag.local !== root.local || !root.uris.has(tag.uri))) {
      throw new PartProblem(`${what}不是 Excel 工作簿应有的内容(应以 ${root.local} 开始,实为${tag.uri ? `命名空间 ${tag.uri} 中的` : '没有命名空间的'} ${tag.local})`);
    }
    open.push(tag);
    handlers.open(tag);
  });
  parser.on('closetag', () => {
    const tag = open.pop()!;
    scope = open.length > 0 ? open[open.length - 1].scope : tag.scope;
    handlers.close(tag);
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
    const uri = tag.scope.get(name.slice(0, colon));
    if (uri !== undefined && uris.has(uri)) return tag.attributes[name];
  }
  return undefined;
}
