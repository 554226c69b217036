// Opening a workbook that passed the sniff, into plain cells a form reader can walk: only the parts a
// return's cells need are expanded (the workbook, its relationships, shared strings, styles, the sheets).
import type { Plain } from './cells.js';
import { readSharedStrings } from './read-strings.js';
import { readSheet } from './read-sheet.js';
import { readDateStyles } from './read-styles.js';
import { LIMITS, type Limits, type Package } from './sniff.js';
import { attr, MAIN_NS, nsAttr, PACKAGE_REL_NS, parseXml, PartProblem, REL_NS, type Tag } from './xml.js';

export interface RawCell {
  col: number;
  address: string;
  value: Plain;
}

export interface RawRow {
  number: number;
  cells: RawCell[];
}

export interface RawSheet {
  name: string;
  hidden: boolean;
  rows: RawRow[];
  /** Set when the sheet had too many cells to be a return: how many. Its rows were not read. */
  setAside?: number;
}

export type RawRead = { ok: true; sheets: RawSheet[] } | { ok: false; problem: string; fix: string };

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

/** Every non-empty cell of every sheet, as plain values with their addresses; a damaged workbook is a problem, never a throw. */
export function readWorkbook(parts: Package, limits: Limits = LIMITS): RawRead {
  try {
    return { ok: true, sheets: readSheets(parts, limits) };
  } catch (e) {
    if (e instanceof PartProblem) return { ok: false, problem: e.message, fix: e.fix };
    // Whatever else breaks on a strange file is still the file's fault, said in one line.
    return { ok: false, problem: `文件已损坏,无法读取(${(e as Error).message})`, fix: '请让报送单位在 Excel 或 WPS 中重新保存为 .xlsx 后发送' };
  }
}

function readSheets(parts: Package, limits: Limits): RawSheet[] {
  const book = readBook(expand(parts, WORKBOOK));
  if (!parts.has(WORKBOOK_RELS)) throw new PartProblem(`工作簿缺少内部文件 ${WORKBOOK_RELS}(文件不完整或已损坏)`);
  const rels = readRelationships(WORKBOOK_RELS, expand(parts, WORKBOOK_RELS));
  // Found by relationship; a workbook whose relationships leave them out has them at the usual place.
  const partOf = (kind: string, usual: string) => {
    const rel = [...rels.values()].find((r) => r.kind === kind);
    return rel ? rel.part : parts.has(usual) ? usual : undefined;
  };
  let strings: string[] | undefined;
  let dateStyles: boolean[] | undefined;
  const sharedStrings = () => {
    if (strings) return strings;
    const part = partOf('sharedStrings', 'xl/sharedStrings.xml');
    if (!part) throw new PartProblem('工作表引用了共享字符串,但工作簿中没有共享字符串表(文件已损坏)');
    return (strings = readSharedStrings(part, expand(parts, part)));
  };
  const styles = () => {
    if (dateStyles) return dateStyles;
    const part = partOf('styles', 'xl/styles.xml');
    return (dateStyles = part ? readDateStyles(part, expand(parts, part)) : []);
  };

  const names = new Set<string>();
  const sheets: RawSheet[] = [];
  for (const s of book.sheets) {
    const rel = rels.get(s.rid);
    if (!rel) throw new PartProblem(`工作簿中的工作表“${s.name}”找不到对应的内部文件(文件已损坏)`);
    // Chart sheets, dialog and macro sheets hold no cells.
    if (rel.kind !== 'worksheet') continue;
    const key = s.name.toLowerCase();
    if (names.has(key)) throw new PartProblem(`工作簿中有两张名为“${s.name}”的工作表(文件已损坏)`);
    names.add(key);
    const scan = readSheet(rel.part, expand(parts, rel.part), {
      name: s.name,
      sharedStrings,
      dateStyles: styles,
      date1904: book.date1904,
      cellLimit: limits.sheetCells,
    });
    const hidden = s.state !== undefined && s.state !== 'visible';
    // A sheet over the cap cannot be a return: it is set aside unread (an attachment, a roster), so a
    // return that carries one is still read.
    sheets.push(scan.rows === null ? { name: s.name, hidden, rows: [], setAside: scan.cells } : { name: s.name, hidden, rows: scan.rows });
  }
  return sheets;
}

function expand(parts: Package, part: string): Buffer {
  const read = parts.read(part);
  if (!read.ok) throw new PartProblem(read.problem, read.fix);
  return read.bytes;
}

interface Book {
  sheets: { name: string; rid: string; state: string | undefined }[];
  date1904: boolean;
}

/** The sheets in the order of their tabs, and the workbook's date system. */
function readBook(bytes: Buffer): Book {
  const book: Book = { sheets: [], date1904: false };
  parseXml(WORKBOOK, bytes, { local: 'workbook', uris: MAIN_NS }, {
    open(tag: Tag) {
      if (!MAIN_NS.has(tag.uri)) return;
      if (tag.local === 'workbookPr') {
        // An xsd:boolean: Excel writes 1, LibreOffice writes true.
        const v = attr(tag, 'date1904')?.trim();
        book.date1904 = v === '1' || v === 'true';
      } else if (tag.local === 'sheet') {
        const name = attr(tag, 'name');
        const rid = nsAttr(tag, 'id', REL_NS);
        if (!name) throw new PartProblem(`${WORKBOOK} 中有一张工作表没有名称(文件已损坏)`);
        if (!rid) throw new PartProblem(`${WORKBOOK} 中的工作表“${name}”没有指向其内容的关系(文件已损坏)`);
        book.sheets.push({ name, rid, state: attr(tag, 'state') });
      }
    },
    close() {},
  });
  return book;
}

interface Relationship {
  /** The last word of the relationship type: worksheet, sharedStrings, styles … */
  kind: string;
  /** The target part's name inside the zip. */
  part: string;
}

/** The workbook's relationships by id (rId1 → worksheet xl/worksheets/sheet1.xml). */
function readRelationships(partName: string, bytes: Buffer): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  parseXml(partName, bytes, { local: 'Relationships', uris: PACKAGE_REL_NS }, {
    open(tag: Tag) {
      if (!PACKAGE_REL_NS.has(tag.uri) || tag.local !== 'Relationship') return;
      const id = attr(tag, 'Id');
      const type = attr(tag, 'Type') ?? '';
      const target = attr(tag, 'Target');
      if (!id || target === undefined || attr(tag, 'TargetMode') === 'External') return;
      rels.set(id, { kind: type.slice(type.lastIndexOf('/') + 1), part: resolvePart('xl/', target) });
    },
    close() {},
  });
  return rels;
}

/** A relationship's target as a part name: relative to the folder of the part that holds it, or absolute with /. */
export function resolvePart(folder: string, target: string): string {
  let t = target.trim();
  try {
    t = decodeURIComponent(t);
  } catch {
    // a target with a stray % is taken as written
  }
  const segments = (t.startsWith('/') ? t.slice(1) : folder + t).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/');
}
