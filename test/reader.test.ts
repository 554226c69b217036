// jiuye's own reader of returns (src/excel/read.ts) against exceljs, the reader it replaced: both on every
// fixture, on workbooks written here for each shape a cell can take, and on LibreOffice's round trips of
// them, must give the same records. Where exceljs is wrong, the test says how and why, and what jiuye reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import type { Plain } from '../src/excel/cells.js';
import { readWorkbook, resolvePart, type RawRead, type RawSheet } from '../src/excel/read.js';
import { columnName, columnOf, parseRange } from '../src/excel/read-sheet.js';
import { decodeText } from '../src/excel/read-strings.js';
import { isDateFormat, isDateFormatId } from '../src/excel/read-styles.js';
import { sniffWorkbook } from '../src/excel/sniff.js';
import { readWithExceljs } from './exceljs-reader.js';
import { ROOT, tempDir } from './helpers.js';
import { filledReturn, Q3 } from './returns.js';
import { zip, type ZipPart } from './zip.js';

const plan = loadPlanFile(DEFAULT_PLAN);
const FIXTURES = join(ROOT, 'test', 'fixtures');

/** jiuye's reader on a workbook's bytes. */
function read(bytes: Buffer): RawRead {
  const sniff = sniffWorkbook(bytes);
  if (!sniff.ok) return sniff;
  return readWorkbook(sniff.parts);
}

function sheetsOf(bytes: Buffer): RawSheet[] {
  const r = read(bytes);
  if (!r.ok) throw new Error(r.problem);
  return r.sheets;
}

/** The value jiuye reads at an address of the first sheet (or the sheet named). */
function at(sheets: RawSheet[], address: string, sheet = sheets[0].name): Plain | undefined {
  return sheets
    .find((s) => s.name === sheet)!
    .rows.flatMap((r) => r.cells)
    .find((c) => c.address === address)?.value;
}

async function bothReaders(bytes: Buffer): Promise<{ ours: RawRead; theirs: RawRead }> {
  return { ours: read(bytes), theirs: await readWithExceljs(bytes) };
}

async function written(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('pure parts of the reader', () => {
  it('date formats: exceljs’s letters outside quotes and [..], an escaped letter being text', () => {
    for (const code of ['yyyy-mm-dd', 'yyyy\\-mm\\-dd', 'yyyy"年"m"月"d"日"', 'm/d/yy h:mm', '[$-804]yyyy年m月d日', 'h:mm:ss', '[h]:mm:ss', 'mmm-yy', 'YYYY/MM/DD']) {
      expect(isDateFormat(code), code).toBe(true);
    }
    for (const code of ['General', '0', '0.00', '#,##0', '0%', '0.00E+00', '@', '#,##0;[Red]-#,##0', '0"人"', '#,##0" 户"', '0\\h', '[DBNum1]General', '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-']) {
      expect(isDateFormat(code), code).toBe(false);
    }
  });

  it('built-in format ids: 14–22 and 45–47 for every language, 27–36 and 50–58 in Chinese; a workbook’s own code wins', () => {
    const none = new Map<number, string>();
    const dates = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];
    for (let id = 0; id <= 60; id++) expect(isDateFormatId(id, none), String(id)).toBe(dates.includes(id));
    expect(isDateFormatId(164, new Map([[164, 'yyyy/m/d']]))).toBe(true);
    expect(isDateFormatId(31, new Map([[31, '0.00']]))).toBe(false);
  });

  it('text: _xHHHH_ escapes decoded (an escaped underscore stays literal) and line breaks as LF', () => {
    expect(decodeText('第一行_x000D_\n第二行')).toBe('第一行\n第二行');
    expect(decodeText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    expect(decodeText('_x005F_x000D_ is how _x0041_ is written')).toBe('_x000D_ is how A is written');
    expect(decodeText('_x00e9_')).toBe('é');
    expect(decodeText('no_escape_x12_here')).toBe('no_escape_x12_here');
  });

  it('cell references and ranges, and relationship targets', () => {
    expect([columnOf('A1'), columnOf('Z9'), columnOf('AA10'), columnOf('XFD1048576'), columnOf('$B$7'), columnOf('b7')]).toEqual([1, 26, 27, 16384, 2, 2]);
    expect([columnOf('XFE1'), columnOf('7'), columnOf('A0'), columnOf('A1x')]).toEqual([0, 0, 0, 0]);
    expect([1, 26, 27, 52, 703, 16384].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA', 'XFD']);
    expect(parseRange('B2:D5')).toEqual({ top: 2, left: 2, bottom: 5, right: 4 });
    expect(parseRange('D5:B2')).toEqual({ top: 2, left: 2, bottom: 5, right: 4 });
    expect(parseRange('C3')).toEqual({ top: 3, left: 3, bottom: 3, right: 3 });
    for (const bad of ['', 'A1:B2:C3', 'A:B', '1:2', 'A1:XFE2']) expect(parseRange(bad), bad).toBeNull();
    expect(resolvePart('xl/', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePart('xl/', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePart('xl/', './worksheets/../worksheets/sheet%201.xml')).toBe('xl/worksheets/sheet 1.xml');
  });
});

describe('the same records as exceljs', () => {
  it('on every fixture in test/fixtures', async () => {
    const files = readdirSync(FIXTURES).filter((n) => n.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const name of files) {
      const { ours, theirs } = await bothReaders(readFileSync(join(FIXTURES, name)));
      expect(ours.ok, name).toBe(true);
      expect(ours, name).toStrictEqual(theirs);
    }
  });

  it('on a filled return of every unit of the plan', async () => {
    const dir = tempDir();
    for (const [i, unit] of plan.units.entries()) {
      const { path } = await filledReturn(plan, unit.code, Q3, dir, { seed: i });
      const { ours, theirs } = await bothReaders(readFileSync(path));
      expect(ours, unit.name).toStrictEqual(theirs);
    }
  });

  it('on every shape a cell takes when exceljs writes it', async () => {
    const bytes = await written(shapesWorkbook());
    const { ours, theirs } = await bothReaders(bytes);
    expect(ours).toStrictEqual(theirs);
    const sheets = sheetsOf(bytes);
    // The records hold what the shapes are meant to be (so that agreeing is not agreeing on nothing).
    expect(at(sheets, 'A1')).toEqual({ kind: 'text', value: 'A & B <c> "d" \'e\'' });
    expect(at(sheets, 'A2')).toEqual({ kind: 'text', value: '红色加粗 普通' });
    expect(at(sheets, 'A3')).toEqual({ kind: 'text', value: '😀 表情 𠮷' });
    expect(at(sheets, 'A4')).toBeUndefined();
    expect(at(sheets, 'A5')).toEqual({ kind: 'text', value: ' 前后有空格 ' });
    expect(at(sheets, 'A6')).toEqual({ kind: 'text', value: '第一行\n第二行' });
    expect(at(sheets, 'B1')).toEqual({ kind: 'number', value: 0 });
    expect(at(sheets, 'B2')).toEqual({ kind: 'number', value: 12.5 });
    expect(at(sheets, 'B3')).toEqual({ kind: 'text', value: '已完成' });
    expect(at(sheets, 'B4')).toEqual({ kind: 'boolean', value: true });
    expect(at(sheets, 'B5')).toEqual({ kind: 'error', value: '#DIV/0!' });
    expect(at(sheets, 'B6')).toEqual({ kind: 'uncalculated', formula: 'C1+C2' });
    expect([7, 8, 9].map((r) => at(sheets, `B${r}`))).toEqual([1, 2, 3].map((n) => ({ kind: 'number', value: n })));
    expect(at(sheets, 'C1')).toEqual({ kind: 'date', value: '2021-10-08' });
    expect(at(sheets, 'C2')).toEqual({ kind: 'date', value: '2021-10-09' });
    expect(at(sheets, 'C3')).toEqual({ kind: 'date', value: '2021-10-10' });
    expect(at(sheets, 'C4')).toEqual({ kind: 'number', value: 44477 });
    expect(at(sheets, 'C5')).toEqual({ kind: 'number', value: 0.035 });
    expect(at(sheets, 'C6')).toEqual({ kind: 'date', value: '2021-10-11' });
    expect(at(sheets, 'D1')).toEqual({ kind: 'text', value: '合并的标题' });
    expect(at(sheets, 'E1')).toBeUndefined();
    expect(at(sheets, 'D2')).toBeUndefined();
    expect(at(sheets, 'D3')).toEqual({ kind: 'boolean', value: false });
    expect(at(sheets, 'D4')).toEqual({ kind: 'error', value: '#N/A' });
    expect(at(sheets, 'D5')).toEqual({ kind: 'text', value: '张三' });
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['形状', false],
      ['隐藏 & 别名', true],
      ['深度隐藏', true],
      ['空表', false],
    ]);
  });

  it('on a 1904 workbook as exceljs writes it (date1904="1")', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('1904');
    ws.getCell('A1').value = new Date(Date.UTC(2021, 9, 8));
    ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    const { ours, theirs } = await bothReaders(await written(wb));
    expect(ours).toStrictEqual(theirs);
    expect(at(sheetsOf(await written(wb)), 'A1')).toEqual({ kind: 'date', value: '2021-10-08' });
  });
});

/** exceljs's workbook of every cell shape a return meets, with the layout the assertions above expect. */
function shapesWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('形状');
  ws.getCell('A1').value = 'A & B <c> "d" \'e\'';
  ws.getCell('A2').value = { richText: [{ text: '红色加粗', font: { bold: true, color: { argb: 'FFFF0000' } } }, { text: ' 普通' }] };
  ws.getCell('A3').value = '😀 表情 𠮷';
  ws.getCell('A4').value = '   ';
  ws.getCell('A5').value = ' 前后有空格 ';
  ws.getCell('A6').value = '第一行\r\n第二行';
  ws.getCell('B1').value = { formula: 'C7-C7', result: 0 };
  ws.getCell('B2').value = { formula: '25/2', result: 12.5 };
  ws.getCell('B3').value = { formula: '"已"&"完成"', result: '已完成' };
  ws.getCell('B4').value = { formula: '1=1', result: true };
  ws.getCell('B5').value = { formula: '1/0', result: { error: '#DIV/0!' } };
  ws.getCell('B6').value = { formula: 'C1+C2' } as ExcelJS.CellFormulaValue;
  ws.fillFormula('B7:B9', 'ROW()-6', [1, 2, 3]);
  const day = (d: number) => new Date(Date.UTC(2021, 9, d));
  ws.getCell('C1').value = day(8);
  ws.getCell('C1').numFmt = 'yyyy-mm-dd';
  ws.getCell('C2').value = day(9);
  ws.getCell('C2').numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell('C3').value = day(10);
  ws.getCell('C3').numFmt = 'mm-dd-yy'; // exceljs writes this one as built-in id 14
  ws.getCell('C4').value = 44477;
  ws.getCell('C4').numFmt = '#,##0';
  ws.getCell('C5').value = 0.035;
  ws.getCell('C5').numFmt = '0.0%';
  ws.getCell('C6').value = { formula: 'C1+3', result: day(11) };
  ws.getCell('C6').numFmt = 'yyyy-mm-dd';
  ws.mergeCells('D1:E2');
  ws.getCell('D1').value = '合并的标题';
  ws.getCell('D3').value = false;
  ws.getCell('D4').value = { error: '#N/A' };
  ws.getCell('D5').value = { text: '张三', hyperlink: 'mailto:zhangsan@example.cn' };
  wb.addWorksheet('隐藏 & 别名', { state: 'hidden' }).getCell('A1').value = '隐藏的';
  wb.addWorksheet('深度隐藏', { state: 'veryHidden' }).getCell('B2').value = 7;
  wb.addWorksheet('空表');
  return wb;
}

const TRANSITIONAL_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const TRANSITIONAL_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MAIN = TRANSITIONAL_MAIN;
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

interface HandSheet {
  name: string;
  /** The inside of <sheetData> (or, with `whole`, the whole part). */
  data: string;
  whole?: boolean;
  state?: string;
  /** What follows sheetData, such as <mergeCells>. */
  after?: string;
}

/**
 * A workbook written by hand, part by part, for the shapes no writer at hand produces: a prefix on every
 * element, escapes, phonetic runs, the Chinese built-in formats, LibreOffice's date1904="true".
 */
function handWorkbook(opts: {
  sheets: HandSheet[];
  strings?: string[];
  stringsXml?: string;
  styles?: string;
  workbookPr?: string;
  prefix?: string;
  omit?: string[];
  extra?: ZipPart[];
  /** Excel's "Strict Open XML" namespaces instead of the usual ones. */
  strict?: boolean;
}): Buffer {
  const MAIN = opts.strict ? 'http://purl.oclc.org/ooxml/spreadsheetml/main' : TRANSITIONAL_MAIN;
  const REL = opts.strict ? 'http://purl.oclc.org/ooxml/officeDocument/relationships' : TRANSITIONAL_REL;
  const p = opts.prefix ? `${opts.prefix}:` : '';
  const ns = opts.prefix ? `xmlns:${opts.prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    },
    { name: '_rels/.rels', data: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data: `${XML}<${p}workbook ${ns} xmlns:r="${REL}">${opts.workbookPr ?? ''}<${p}sheets>${opts.sheets
        .map((s, i) => `<${p}sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
        .join('')}</${p}sheets></${p}workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${opts.sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}<Relationship Id="rId90" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId91" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    },
    {
      name: 'xl/sharedStrings.xml',
      data: opts.stringsXml ?? `${XML}<${p}sst ${ns}>${(opts.strings ?? []).map((s) => `<${p}si><${p}t xml:space="preserve">${s}</${p}t></${p}si>`).join('')}</${p}sst>`,
    },
    { name: 'xl/styles.xml', data: opts.styles ?? `${XML}<${p}styleSheet ${ns}><${p}cellXfs count="1"><${p}xf numFmtId="0"/></${p}cellXfs></${p}styleSheet>` },
    ...opts.sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: s.whole ? s.data : `${XML}<${p}worksheet ${ns}><${p}sheetData>${s.data}</${p}sheetData>${s.after ?? ''}</${p}worksheet>`,
    })),
  ];
  return zip([...parts.filter((x) => !opts.omit?.includes(x.name)), ...(opts.extra ?? [])]);
}

/** Styles whose cellXfs are the given number format ids, in order (style i has numFmtIds[i]). */
function stylesWith(numFmtIds: number[], codes: Record<number, string> = {}): string {
  const fmts = Object.entries(codes).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code.replace(/"/g, '&quot;')}"/>`);
  // Fonts, fills and borders only because exceljs needs them to read the styles at all.
  return `${XML}<styleSheet xmlns="${MAIN}">${fmts.length ? `<numFmts count="${fmts.length}">${fmts.join('')}</numFmts>` : ''}<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellXfs count="${numFmtIds.length}">${numFmtIds
    .map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"><alignment horizontal="left"/></xf>`)
    .join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="1"><dxf><numFmt numFmtId="${Object.keys(codes)[0] ?? 200}" formatCode="yyyy-mm-dd"/></dxf></dxfs></styleSheet>`;
}

describe('shapes written by hand', () => {
  it('every element prefixed (<x:c>), as some writers do: read whole; exceljs matches names with their prefixes and fails', async () => {
    const bytes = handWorkbook({
      prefix: 'x',
      strings: ['前缀'],
      sheets: [{ name: '报表', data: '<x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c r="C2"><x:v>42</x:v></x:c></x:row>' }],
    });
    const { ours, theirs } = await bothReaders(bytes);
    expect(ours).toStrictEqual({
      ok: true,
      sheets: [{ name: '报表', hidden: false, rows: [{ number: 2, cells: [{ col: 2, address: 'B2', value: { kind: 'text', value: '前缀' } }, { col: 3, address: 'C2', value: { kind: 'number', value: 42 } }] }] }],
    });
    // exceljs looks for <sheet>, <row> and <c> by their qualified names: it finds no sheets and fails.
    expect(theirs).toMatchObject({ ok: false, problem: expect.stringContaining('文件已损坏,无法读取') });
  });

  it('Excel’s "Strict Open XML" namespaces: the same records as the usual ones', async () => {
    const make = (strict: boolean) =>
      handWorkbook({ strict, strings: ['严格'], sheets: [{ name: 'S', data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>3</v></c></row>' }] });
    expect(sheetsOf(make(true))).toStrictEqual(sheetsOf(make(false)));
    expect(at(sheetsOf(make(true)), 'A1')).toEqual({ kind: 'text', value: '严格' });
  });

  it('namespaces as declared: a prefix bound on an inner element, a default namespace changed inside a cell', () => {
    const bytes = handWorkbook({
      sheets: [
        {
          name: 'S',
          whole: true,
          data:
            `${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1">` +
            `<y:c xmlns:y="${MAIN}" r="A1"><y:v>5</y:v></y:c>` +
            // In another namespace: not SpreadsheetML's cell, and not read.
            '<c xmlns="urn:example:other" r="B1"><v>6</v></c>' +
            // The declarations above held only inside their elements.
            '<c r="C1"><v>7</v></c></row></sheetData></worksheet>',
        },
      ],
    });
    expect(sheetsOf(bytes)[0].rows).toEqual([
      {
        number: 1,
        cells: [
          { col: 1, address: 'A1', value: { kind: 'number', value: 5 } },
          { col: 3, address: 'C1', value: { kind: 'number', value: 7 } },
        ],
      },
    ]);
  });

  it('escapes, entities, CR LF, rich text with phonetic runs, CDATA in shared strings: as exceljs reads them, line breaks as LF', async () => {
    const si = [
      '<si><t>甲_x000D_\n乙</t></si>',
      '<si><t>_x005F_x0041_ &amp; &lt;b&gt; &#x4E2D;</t></si>',
      '<si><r><rPr><b/></rPr><t>東京</t></r><r><t>都</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>',
    ];
    const bytes = handWorkbook({
      stringsXml: `${XML}<sst xmlns="${MAIN}" count="4" uniqueCount="4">${si.join('')}</sst>`,
      sheets: [{ name: 'S', data: [0, 1, 2, 3].map((i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`).join('') }],
    });
    const { ours, theirs } = await bothReaders(bytes);
    const sheets = sheetsOf(bytes);
    expect([1, 2, 3, 4].map((r) => at(sheets, `A${r}`))).toEqual([
      { kind: 'text', value: '甲\n乙' },
      { kind: 'text', value: '_x0041_ & <b> 中' },
      { kind: 'text', value: '東京都' },
      { kind: 'text', value: '漢字' },
    ]);
    // exceljs decodes _x000D_ into a carriage return and keeps it: 甲\r\n乙. jiuye stores one kind of line break.
    expect(at((theirs as { sheets: RawSheet[] }).sheets, 'A1')).toEqual({ kind: 'text', value: '甲\r\n乙' });
    const withoutFirst = (r: RawRead) => (r.ok ? r.sheets[0].rows.slice(1) : r);
    expect(withoutFirst(ours)).toStrictEqual(withoutFirst(theirs));
  });

  it('inline strings: escapes decoded and phonetic runs dropped, which exceljs does for shared strings only', async () => {
    const bytes = handWorkbook({
      sheets: [
        {
          name: 'S',
          data:
            '<row r="1"><c r="A1" t="inlineStr"><is><t>内联</t></is></c>' +
            '<c r="B1" t="inlineStr"><is><t>一_x000D_\n二</t></is></c>' +
            '<c r="C1" t="inlineStr"><is><r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r></is></c>' +
            '<c r="D1" t="inlineStr"><is><t>   </t></is></c>' +
            '<c r="E1" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></is></c></row>',
        },
      ],
    });
    const { ours, theirs } = await bothReaders(bytes);
    const sheets = sheetsOf(bytes);
    expect(['A1', 'B1', 'C1', 'D1', 'E1'].map((a) => at(sheets, a))).toEqual([
      { kind: 'text', value: '内联' },
      { kind: 'text', value: '一\n二' },
      { kind: 'text', value: '富文本' },
      undefined,
      { kind: 'text', value: '漢字' },
    ]);
    const theirSheets = (theirs as { sheets: RawSheet[] }).sheets;
    // exceljs decodes _xHHHH_ only in shared strings and in runs, not in an inline string's plain <t>.
    expect(at(theirSheets, 'B1')).toEqual({ kind: 'text', value: '一_x000D_\n二' });
    // It takes the phonetic run's closing tag for the end of the cell, and loses the cell.
    expect(at(theirSheets, 'E1')).toBeUndefined();
    const others = (r: RawRead) => (r.ok ? r.sheets[0].rows[0].cells.filter((c) => !['B1', 'E1'].includes(c.address)) : r);
    expect(others(ours)).toStrictEqual(others(theirs));
  });

  it('the Chinese built-in date formats 27–36 and 50–58 are dates; exceljs reads them as plain numbers', async () => {
    const ids = [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58];
    const bytes = handWorkbook({
      styles: stylesWith([0, ...ids, 14, 3]),
      sheets: [{ name: 'S', data: `<row r="1">${[...ids, 14, 3].map((_, i) => `<c r="${columnName(i + 1)}1" s="${i + 1}"><v>44477</v></c>`).join('')}</row>` }],
    });
    const { ours, theirs } = await bothReaders(bytes);
    const row = (r: RawRead) => (r.ok ? r.sheets[0].rows[0].cells.map((c) => c.value) : []);
    expect(row(ours)).toEqual([...ids.map(() => ({ kind: 'date', value: '2021-10-08' })), { kind: 'date', value: '2021-10-08' }, { kind: 'number', value: 44477 }]);
    // exceljs's table of built-in formats gives these ids per language and looks up only the shared ones.
    expect(row(theirs)).toEqual([...ids.map(() => ({ kind: 'number', value: 44477 })), { kind: 'date', value: '2021-10-08' }, { kind: 'number', value: 44477 }]);
  });

  it('a workbook’s own number formats, a conditional format’s not, and a letter escaped as text', async () => {
    const bytes = handWorkbook({
      styles: stylesWith([0, 164, 165, 166], { 164: 'yyyy\\-mm\\-dd', 165: '0\\h', 166: '#,##0"人"' }),
      sheets: [{ name: 'S', data: '<row r="1"><c r="A1" s="1"><v>44477</v></c><c r="B1" s="2"><v>8</v></c><c r="C1" s="3"><v>1234</v></c><c r="D1"><v>44477</v></c></row>' }],
    });
    const { ours, theirs } = await bothReaders(bytes);
    const sheets = sheetsOf(bytes);
    expect(['A1', 'B1', 'C1', 'D1'].map((a) => at(sheets, a))).toEqual([
      { kind: 'date', value: '2021-10-08' },
      { kind: 'number', value: 8 },
      { kind: 'number', value: 1234 },
      { kind: 'number', value: 44477 },
    ]);
    // exceljs drops the backslash before testing the code, so 0\h ("8h") looks like hours to it.
    expect(at((theirs as { sheets: RawSheet[] }).sheets, 'B1')).toEqual({ kind: 'date', value: '1900-01-07' });
    const others = (r: RawRead) => (r.ok ? r.sheets[0].rows[0].cells.filter((c) => c.address !== 'B1') : r);
    expect(others(ours)).toStrictEqual(others(theirs));
  });

  it('date1904 as LibreOffice writes it (true): exceljs honours only 1 and reads the dates four years early', async () => {
    const make = (v: string) =>
      handWorkbook({ workbookPr: `<workbookPr date1904="${v}"/>`, styles: stylesWith([0, 14]), sheets: [{ name: 'S', data: '<row r="1"><c r="A1" s="1"><v>43015</v></c></row>' }] });
    for (const v of ['1', 'true']) expect(at(sheetsOf(make(v)), 'A1'), v).toEqual({ kind: 'date', value: '2021-10-08' });
    for (const v of ['0', 'false']) expect(at(sheetsOf(make(v)), 'A1'), v).toEqual({ kind: 'date', value: '2017-10-07' });
    const { ours, theirs } = await bothReaders(make('1'));
    expect(ours).toStrictEqual(theirs);
    // exceljs compares the attribute with "1" only.
    expect(at(((await readWithExceljs(make('true'))) as { sheets: RawSheet[] }).sheets, 'A1')).toEqual({ kind: 'date', value: '2017-10-07' });
  });

  it('formulas: cached results by type, shared formulas, none saved; an empty text result is an empty cell, which exceljs takes for uncalculated', async () => {
    const bytes = handWorkbook({
      styles: stylesWith([0, 14]),
      sheets: [
        {
          name: 'S',
          data:
            '<row r="1"><c r="A1"><f>B1*0</f><v>0</v></c><c r="B1" t="str"><f>"文"&amp;"本"</f><v>文本</v></c><c r="C1" t="b"><f>TRUE()</f><v>1</v></c>' +
            '<c r="D1" t="e"><f>NA()</f><v>#N/A</v></c><c r="E1"><f>1+1</f></c><c r="F1" s="1"><f>TODAY()</f><v>44477</v></c></row>' +
            '<row r="2"><c r="A2"><f t="shared" ref="A2:A4" si="0">ROW()</f><v>2</v></c></row>' +
            '<row r="3"><c r="A3"><f t="shared" si="0"/><v>3</v></c></row>' +
            '<row r="4"><c r="A4"><f t="shared" si="0"/></c><c r="B4"><f t="array" ref="B4">SUM(A2:A3)</f><v>5</v></c></row>' +
            '<row r="5"><c r="A5" t="str"><f>IF(B5="","",B5)</f><v></v></c><c r="B5"><f/><v>9</v></c></row>',
        },
      ],
    });
    const { ours, theirs } = await bothReaders(bytes);
    const sheets = sheetsOf(bytes);
    expect(['A1', 'B1', 'C1', 'D1', 'E1', 'F1', 'A2', 'A3', 'A4', 'B4', 'A5', 'B5'].map((a) => at(sheets, a))).toEqual([
      { kind: 'number', value: 0 },
      { kind: 'text', value: '文本' },
      { kind: 'boolean', value: true },
      { kind: 'error', value: '#N/A' },
      { kind: 'uncalculated', formula: '1+1' },
      { kind: 'date', value: '2021-10-08' },
      { kind: 'number', value: 2 },
      { kind: 'number', value: 3 },
      // A follower of a shared formula saved without its result is known by the group's first cell, as in exceljs.
      { kind: 'uncalculated', formula: 'A2' },
      { kind: 'number', value: 5 },
      undefined,
      { kind: 'number', value: 9 },
    ]);
    // A formula whose text result is "" is saved with an empty <v>: exceljs sees no result in it.
    expect(at((theirs as { sheets: RawSheet[] }).sheets, 'A5')).toEqual({ kind: 'uncalculated', formula: 'IF(B5="","",B5)' });
    const others = (r: RawRead) => (r.ok ? r.sheets[0].rows.map((row) => row.cells.filter((c) => c.address !== 'A5')) : r);
    expect(others(ours)).toStrictEqual(others(theirs));
  });

  it('merged ranges: only the top-left cell is read, whatever the covered cells hold', async () => {
    const bytes = handWorkbook({
      strings: ['标题', '残留'],
      sheets: [
        {
          name: 'S',
          data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1"><v>4</v></c></row><row r="2"><c r="A2"><v>2</v></c><c r="C2"><v>3</v></c></row><row r="3"><c r="C3"><v>5</v></c></row>',
          after: '<mergeCells count="3"><mergeCell ref="A1:B1"/><mergeCell ref="C2:D3"/><mergeCell ref="F9:G9"/></mergeCells>',
        },
      ],
    });
    const { ours, theirs } = await bothReaders(bytes);
    expect(ours).toStrictEqual(theirs);
    expect(sheetsOf(bytes)[0].rows.map((r) => r.cells.map((c) => c.address))).toEqual([['A1', 'D1'], ['A2', 'C2']]);
  });

  it('cells and rows without addresses follow the one before; a date cell written as ISO text (t="d") is a date, which exceljs reads as the number 2021', async () => {
    const bytes = handWorkbook({
      sheets: [{ name: 'S', data: '<row><c><v>1</v></c><c><v>2</v></c></row><row><c r="C2"><v>3</v></c><c><v>4</v></c></row><row r="5"><c r="A5" t="d"><v>2021-10-08T00:00:00Z</v></c></row>' }],
    });
    expect(sheetsOf(bytes)[0].rows.map((r) => r.cells.map((c) => `${c.address}=${c.value.kind === 'number' || c.value.kind === 'date' ? c.value.value : ''}`))).toEqual([
      ['A1=1', 'B1=2'],
      ['C2=3', 'D2=4'],
      ['A5=2021-10-08'],
    ]);
  });
});

describe('damaged workbooks: one Chinese line naming the part, never a crash', () => {
  const refusal = (bytes: Buffer) => {
    const r = read(bytes);
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.problem;
  };
  const sheet = (data: string, extra: Partial<HandSheet> = {}) => handWorkbook({ strings: ['a'], sheets: [{ name: '报表', data, ...extra }] });

  it('XML that is not well-formed, cut short, outside SpreadsheetML’s namespace, in another encoding, or carrying a DTD', () => {
    expect(refusal(sheet('<row r="1"><c r="A1"><v>1</v></row>'))).toMatch(/^工作表“报表”\(xl\/worksheets\/sheet1\.xml\)不是有效的 XML\(.+\)$/);
    const cut = handWorkbook({ sheets: [{ name: 'S', whole: true, data: `${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v>` }] });
    expect(refusal(cut)).toBe('工作表“S”(xl/worksheets/sheet1.xml)内容不完整(文件被截断或损坏)');
    const bare = handWorkbook({ sheets: [{ name: 'S', whole: true, data: `${XML}<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>` }] });
    expect(refusal(bare)).toBe('工作表“S”(xl/worksheets/sheet1.xml)不是 Excel 工作簿应有的内容(应以 worksheet 开始,实为没有命名空间的 worksheet)');
    const unbound = handWorkbook({ sheets: [{ name: 'S', whole: true, data: `${XML}<x:worksheet xmlns="${MAIN}"><sheetData/></x:worksheet>` }] });
    expect(refusal(unbound)).toBe('工作表“S”(xl/worksheets/sheet1.xml)不是有效的 XML(元素 x:worksheet 的命名空间前缀 x 没有声明)');
    const gbk = handWorkbook({ sheets: [{ name: 'S', whole: true, data: `<?xml version="1.0" encoding="GBK"?><worksheet xmlns="${MAIN}"><sheetData/></worksheet>` }] });
    expect(refusal(gbk)).toBe('工作表“S”(xl/worksheets/sheet1.xml)使用了不支持的编码(GBK)');
    const dtd = handWorkbook({
      sheets: [{ name: 'S', whole: true, data: `${XML}<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>` }],
    });
    expect(refusal(dtd)).toBe('工作表“S”(xl/worksheets/sheet1.xml)含有文档类型定义(DTD),不是 Excel 保存的内容');
    expect(refusal(handWorkbook({ stringsXml: `${XML}<sst xmlns="${MAIN}"><si><t>a</si></sst>`, sheets: [{ name: 'S', data: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }] }))).toMatch(
      /^工作簿内部文件 xl\/sharedStrings\.xml 不是有效的 XML/,
    );
  });

  it('a part the workbook names but the zip lacks, and a string that is not in the table', () => {
    expect(refusal(handWorkbook({ sheets: [{ name: 'S', data: '' }], omit: ['xl/worksheets/sheet1.xml'] }))).toBe('工作簿缺少内部文件 xl/worksheets/sheet1.xml(文件不完整或已损坏)');
    expect(refusal(handWorkbook({ sheets: [{ name: 'S', data: '' }], omit: ['xl/_rels/workbook.xml.rels'] }))).toBe('工作簿缺少内部文件 xl/_rels/workbook.xml.rels(文件不完整或已损坏)');
    expect(refusal(sheet('<row r="3"><c r="B3" t="s"><v>7</v></c></row>'))).toBe('工作表“报表”(xl/worksheets/sheet1.xml)的单元格 B3 引用的共享字符串(第 7 项)不存在');
  });

  it('addresses, types, numbers and merged ranges that cannot be', () => {
    expect(refusal(sheet('<row r="1"><c r="XFE1"><v>1</v></c></row>'))).toBe('工作表“报表”(xl/worksheets/sheet1.xml)的单元格地址“XFE1”无效');
    expect(refusal(sheet('<row r="0"><c r="A1"><v>1</v></c></row>'))).toBe('工作表“报表”(xl/worksheets/sheet1.xml)的行号“0”无效');
    expect(refusal(sheet('<row r="2"><c r="A2" t="x"><v>1</v></c></row>'))).toBe('工作表“报表”(xl/worksheets/sheet1.xml)的单元格 A2 的类型“x”无法识别');
    expect(refusal(sheet('<row r="2"><c r="A2"><v>12abc</v></c></row>'))).toBe('工作表“报表”(xl/worksheets/sheet1.xml)的单元格 A2 的数值“12abc”无法识别');
    expect(refusal(sheet('', { after: '<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>' }))).toBe(
      '工作表“报表”(xl/worksheets/sheet1.xml)的合并单元格区域 A1:B2 与 B2:C3 重叠,文件已损坏',
    );
    expect(refusal(sheet('', { after: '<mergeCells><mergeCell ref="A1:"/></mergeCells>' }))).toBe('工作表“报表”(xl/worksheets/sheet1.xml)的合并单元格区域“A1:”无效');
  });

  it('two sheets of one name', () => {
    expect(refusal(handWorkbook({ sheets: [{ name: '报表', data: '' }, { name: '报表', data: '' }] }))).toBe('工作簿中有两张名为“报表”的工作表(文件已损坏)');
  });

  it('a part corrupted on the way (its checksum differs) is refused; a part never read is never expanded', () => {
    const good = sheet('<row r="1"><c r="A1"><v>1</v></c></row>');
    const bad = Buffer.from(good);
    // The sheet's entry in the zip directory (its name's last occurrence): flip a bit of its CRC-32.
    const entry = bad.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 46;
    expect(bad.readUInt32LE(entry)).toBe(0x02014b50);
    bad[entry + 16] ^= 0x01;
    expect(refusal(bad)).toBe('工作簿内部文件 xl/worksheets/sheet1.xml 已损坏(校验和不符)');
    // A theme that lies about its size would be a bomb, but nothing reads a theme.
    const withBomb = handWorkbook({
      strings: ['a'],
      sheets: [{ name: '报表', data: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
      extra: [{ name: 'xl/theme/theme1.xml', data: Buffer.alloc(4 * 1024 * 1024, 0x20), declaredSize: 1000 }],
    });
    expect(read(withBomb)).toMatchObject({ ok: true });
  });
});

/** A part's text, as the sniffer's package expands it. */
function readPart(bytes: Buffer, name: string): string {
  const sniff = sniffWorkbook(bytes);
  if (!sniff.ok) throw new Error(sniff.problem);
  const part = sniff.parts.read(name);
  if (!part.ok) throw new Error(part.problem);
  return part.bytes.toString('utf8');
}

// LibreOffice rewrites every part in its own way (t="n" on every cell, its own styles, shared strings for
// every text, date1904="true"): its round trip of the workbooks above is read the same by both readers.
const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
describe.skipIf(!soffice)('LibreOffice round trips (soffice --headless --convert-to xlsx)', () => {
  let out: string;
  beforeAll(async () => {
    const dir = tempDir();
    const inputs = join(dir, 'in');
    out = join(dir, 'out');
    mkdirSync(inputs);
    await filledReturn(plan, 'liedong', Q3, inputs, { name: 'return.xlsx' });
    await shapesWorkbook().xlsx.writeFile(join(inputs, 'shapes.xlsx'));
    const wb1904 = new ExcelJS.Workbook();
    wb1904.properties.date1904 = true;
    const ws = wb1904.addWorksheet('1904');
    ws.getCell('A1').value = new Date(Date.UTC(2021, 9, 8));
    ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    await wb1904.xlsx.writeFile(join(inputs, 'date1904.xlsx'));
    // A profile of its own: another LibreOffice running on the machine would otherwise take the job.
    const r = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', out, ...['return', 'shapes', 'date1904'].map((n) => join(inputs, `${n}.xlsx`))],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
  }, 150_000);

  it('a filled return and every cell shape: the same records', async () => {
    for (const name of ['return.xlsx', 'shapes.xlsx']) {
      const bytes = readFileSync(join(out, name));
      const { ours, theirs } = await bothReaders(bytes);
      expect(ours.ok, name).toBe(true);
      expect(ours, name).toStrictEqual(theirs);
    }
    const shapes = sheetsOf(readFileSync(join(out, 'shapes.xlsx')));
    expect(at(shapes, 'C2')).toEqual({ kind: 'date', value: '2021-10-09' });
    expect(at(shapes, 'B1')).toEqual({ kind: 'number', value: 0 });
  });

  it('a 1904 workbook, saved by LibreOffice with date1904="true": jiuye reads its date, exceljs one four years early', async () => {
    const bytes = readFileSync(join(out, 'date1904.xlsx'));
    expect(readPart(bytes, 'xl/workbook.xml')).toContain('date1904="true"');
    expect(at(sheetsOf(bytes), 'A1')).toEqual({ kind: 'date', value: '2021-10-08' });
    expect(at(((await readWithExceljs(bytes)) as { sheets: RawSheet[] }).sheets, 'A1')).toEqual({ kind: 'date', value: '2017-10-07' });
  });
});
