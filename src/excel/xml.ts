// Reading one XML part of a workbook with a real XML parser (saxes): namespaces resolved, entities
// decoded, and anything that is not well-formed a refusal that names the part.
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagNS } from 'saxes';

/** SpreadsheetML's namespace, as Excel and WPS write it and as Excel's "Strict Open XML" writes it. */
export const MAIN_NS = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);
/** The namespace of r:id, transitional and strict. */
export const REL_NS = new Set(['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships']);
/** The package relationships' own namespace (`_rels/*.rels`). */
export const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export type Tag = SaxesTagNS;

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

/**
 * Parses a part's XML, calling the handlers as elements open and close. The handlers may throw a
 * PartProblem; a part that is not well-formed, cut short, or carries a DTD becomes one too.
 */
export function parseXml(part: string, bytes: Buffer, handlers: XmlHandlers, what = `工作簿内部文件 ${part}`): void {
  const parser = new SaxesParser({ xmlns: true, position: false });
  parser.on('error', (e) => {
    throw new PartProblem(`${what} 不是有效的 XML(${e.message})`);
  });
  // The Open XML formats forbid a DTD; refusing it also keeps entity expansion out.
  parser.on('doctype', () => {
    throw new PartProblem(`${what} 含有文档类型定义(DTD),不是 Excel 保存的内容`);
  });
  parser.on('opentag', handlers.open);
  parser.on('closetag', handlers.close);
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf16le' : 'utf8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) throw new PartProblem(`${what} 使用了不支持的编码(UTF-16 BE)`);
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
    if (e instanceof PartProblem) throw new PartProblem(`${what} 内容不完整(文件被截断或损坏)`);
    throw e;
  }
}

/** An attribute in no namespace (`r`, `t`, `s`: how SpreadsheetML writes its own), or undefined. */
export function attr(tag: Tag, local: string): string | undefined {
  const a = tag.attributes[local];
  return a && a.uri === '' ? a.value : undefined;
}

/** An attribute in one of the namespaces given (`r:id`, whatever prefix the writer chose), or undefined. */
export function nsAttr(tag: Tag, local: string, uris: Set<string>): string | undefined {
  for (const name in tag.attributes) {
    const a = tag.attributes[name];
    if (a.local === local && uris.has(a.uri)) return a.value;
  }
  return undefined;
}
