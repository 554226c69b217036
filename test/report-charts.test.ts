// jiuye report with charts: the 图表 sheet of the workbook, the workbook without a Chinese font, and the
// one-file web page (charts inline, every table, text from returns escaped, nothing loaded from elsewhere).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrintedReport } from '../src/domain/report.js';
import { findChartFonts, fontDirs } from '../src/render/fonts.js';
import { AREA_ALLOCATIONS, dbIn, fill, threeQuarters } from './fill.js';
import { jiuye, tempDir, testIo } from './helpers.js';
import { zipEntryText } from './zip.js';

const TITLE = '梅列区2021年第三季度就业工作目标完成情况汇总表';
const INJECTED = '<script>alert("进展")</script> & <img src=http://example.com/x.png>';
let dir: string;
const at = (env: Record<string, string> = {}) => testIo({ cwd: dir, now: new Date(2021, 9, 15, 9), env });
const report = (args: string[], env?: Record<string, string>) => jiuye(['report', '--quarter', '2021Q3', '--as-of', '2021-10-15', ...args], at(env));

beforeAll(async () => {
  dir = tempDir();
  expect((await jiuye(['init'], at())).code).toBe(0);
  // Three quarters of returns, written straight into the store; 列东街道 writes markup into a progress note.
  const returns = threeQuarters().map((r) =>
    r.unit === 'liedong' && r.period.quarter === 3 ? { ...r, progress: [{ task: '二(一)', status: '推进中' as const, note: INJECTED }] } : r,
  );
  fill(dbIn(dir), returns, { allocations: AREA_ALLOCATIONS });
});

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  return wb;
}

describe('the workbook without a Chinese font', () => {
  it('says so once on stderr and writes every table, without the 图表 sheet', async () => {
    const r = await report(['--out', 'no-font.xlsx'], { JIUYE_FONT_DIRS: tempDir() });
    expect(r.code, r.err).toBe(0);
    expect(r.err.match(/没有找到中文字体/g)).toHaveLength(1);
    expect(r.err).toContain('本次汇总表不含“图表”工作表');
    const wb = await workbook('no-font.xlsx');
    const names = wb.worksheets.map((w) => w.name);
    expect(names).not.toContain('图表');
    expect(names.slice(0, 2)).toEqual(['总体完成情况', '分单位完成情况']);
    expect(names).toContain('任务推进情况');
  });

  it('a file named like a Chinese font that draws no Chinese is no font either', async () => {
    const fonts = tempDir();
    writeFileSync(join(fonts, 'msyh.ttc'), Buffer.concat([Buffer.from('ttcf\0\u0002\0\0', 'latin1'), Buffer.alloc(4096, 7)]));
    const r = await report(['--out', 'bad-font.xlsx'], { JIUYE_FONT_DIRS: fonts });
    expect(r.code, r.err).toBe(0);
    expect(r.err.match(/注意/g)).toHaveLength(1);
    expect(r.err).toContain(`字体文件 ${join(fonts, 'msyh.ttc')} 无法显示汉字`);
    expect((await workbook('bad-font.xlsx')).worksheets.map((w) => w.name)).not.toContain('图表');
  });

  it('--no-charts leaves the sheet out without looking for a font', async () => {
    const r = await report(['--out', 'no-charts.xlsx', '--no-charts'], { JIUYE_FONT_DIRS: tempDir() });
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toContain('字体');
    expect((await workbook('no-charts.xlsx')).worksheets.map((w) => w.name)).not.toContain('图表');
  });
});

const font = findChartFonts(fontDirs(process.env)).cjk;
describe.skipIf(font === null)('the 图表 sheet (with this machine’s Chinese font)', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    const r = await report(['--out', 'charts.xlsx'], { ...(process.env as Record<string, string>) });
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toContain('字体');
    wb = await workbook('charts.xlsx');
  });

  it('comes right after 总体完成情况, with the title and the 统计截至 line repeated on each printed page', () => {
    expect(wb.worksheets.map((w) => w.name).slice(0, 3)).toEqual(['总体完成情况', '图表', '分单位完成情况']);
    const ws = wb.getWorksheet('图表')!;
    expect(ws.getCell('A1').value).toBe('梅列区2021年第三季度就业工作主要指标图表');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(String(ws.getCell('A2').value)).toContain('统计截至 2021年10月15日');
    // At 100%, not fitted to the page: Excel ignores the page breaks of a sheet fitted to pages.
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', scale: 100, printTitlesRow: '1:2' });
    expect(ws.pageSetup.fitToPage).toBeFalsy();
  });

  it('holds the four charts as PNG images of plausible size, two to a page', () => {
    const ws = wb.getWorksheet('图表')!;
    const images = ws.getImages();
    expect(images).toHaveLength(4);
    for (const image of images) {
      const media = wb.getImage(Number(image.imageId));
      const png = Buffer.from(media.buffer as unknown as Uint8Array);
      expect(media.extension).toBe('png');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2000, 560]);
      expect(png.length).toBeGreaterThan(20_000);
      expect(png.length).toBeLessThan(1_000_000);
    }
    // Rows 3 and 5 hold the first page's charts, 7 and 9 the second's; a page break after row 6. Each
    // picture fills its row across the ten columns, the title's width.
    expect(images.map((i) => [i.range.tl.nativeRow, i.range.tl.nativeCol, i.range.br.nativeRow, i.range.br.nativeCol])).toEqual([
      [2, 0, 3, 10],
      [4, 0, 5, 10],
      [6, 0, 7, 10],
      [8, 0, 9, 10],
    ]);
    expect(ws.getRow(3).height).toBe(210);
    // The columns add up to the charts' 1,000 px in digits of the workbook's font (8 px each).
    expect([...Array(10).keys()].reduce((sum, c) => sum + ws.getColumn(c + 1).width!, 0)).toBeCloseTo(125, 1);
    // exceljs does not read page breaks back: the sheet's own XML says where the page ends.
    const xml = zipEntryText(readFileSync(join(dir, 'charts.xlsx')), 'xl/worksheets/sheet2.xml');
    expect([...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => m[1])).toEqual(['6']);
  });

  it('writes a drawing Excel opens without repair: two-cell anchors, an id of its own for every picture', () => {
    const bytes = readFileSync(join(dir, 'charts.xlsx'));
    const drawing = zipEntryText(bytes, 'xl/drawings/drawing1.xml');
    // The schema gives oneCellAnchor no editAs: Excel repairs such a file by dropping the drawing.
    expect(drawing).not.toContain('oneCellAnchor');
    const anchors = [...drawing.matchAll(/<xdr:twoCellAnchor editAs="(\w+)">([\s\S]*?)<\/xdr:twoCellAnchor>/g)];
    expect(anchors).toHaveLength(4);
    for (const [, editAs, body] of anchors) {
      expect(['twoCell', 'oneCell', 'absolute']).toContain(editAs);
      expect(body).toMatch(/^<xdr:from><xdr:col>0<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>\d+<\/xdr:row><xdr:rowOff>0<\/xdr:rowOff><\/xdr:from><xdr:to><xdr:col>10<\/xdr:col><xdr:colOff>0<\/xdr:colOff>/);
      expect(body).toContain('<xdr:pic>');
    }
    const ids = [...drawing.matchAll(/<xdr:cNvPr id="(\d+)"/g)].map((m) => m[1]);
    const creationIds = [...drawing.matchAll(/<a16:creationId [^>]*id="(\{[^}]+\})"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(4);
    expect(new Set(creationIds).size).toBe(4);
    // The width unit of every column is Arial's digit, which LibreOffice draws as wide as Excel does.
    expect(zipEntryText(bytes, 'xl/styles.xml')).toMatch(/<fonts[^>]*><font><sz val="11"\/><name val="Arial"\/><family val="2"\/><\/font>/);
  });
});

describe('report --format html', () => {
  let html: string;
  let tables: { name: string }[];
  beforeAll(async () => {
    const r = await report(['--format', 'html']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`已写出 ${TITLE}.html`);
    html = readFileSync(join(dir, `${TITLE}.html`), 'utf8');
    expect((await report(['--format', 'json', '--out', 'model.json'])).code).toBe(0);
    tables = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).tables;
  });

  const plain = (fragment: string) => fragment.replace(/<[^>]+>/g, '');

  it('is one page with the four charts inline and every table of the report, each under one heading', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<svg\b/g)).toHaveLength(4);
    expect(html).toContain('aria-label="各镇街完成进度(截至2021年第三季度,序时进度 75%)"');
    expect(tables.length).toBeGreaterThanOrEqual(6);
    // One heading per table, its title (a table's name is only its link), and one for the charts.
    const headings = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => plain(m[1]));
    expect(headings).toEqual([tables[0], { title: '主要指标图表' }, ...tables.slice(1)].map((t: any) => t.title));
    expect(html).not.toContain('table-title');
    expect(html.match(/<table>/g)).toHaveLength(tables.length);
    expect(plain(html)).toContain('统计截至 2021年10月15日');
    // Charts come after the first table, as in the workbook.
    expect(html.indexOf('<section id="charts">')).toBeGreaterThan(html.indexOf('<section id="table-1"'));
    expect(html.indexOf('<section id="charts">')).toBeLessThan(html.indexOf('<section id="table-2"'));
  });

  it('keeps names whole at any width: tables and charts scroll in their own box, text breaks only between words', () => {
    // Chinese text breaks where a <wbr> allows (between words), never anywhere: overflow-wrap:anywhere cut 列东/街道.
    expect(html).toMatch(/body \{[^}]*word-break: keep-all;/);
    expect(html).not.toContain('anywhere');
    expect(html.match(/<div class="scroll"><table>/g)).toHaveLength(tables.length);
    expect(html.match(/<div class="scroll"><svg/g)).toHaveLength(4);
    // Every unit name is kept whole, wherever it stands.
    for (const name of ['列东街道', '梅列经济开发区', '区退役军人事务局', '区人社局']) {
      expect(html, name).toContain(`<span class="nw">${name}</span>`);
      expect(html, name).not.toContain(`${name.slice(0, 2)}<wbr>${name.slice(2)}`);
    }
    expect(html).toMatch(/\.nw \{ white-space: nowrap; \}/);
    // Long text has its breaks between words: 情况 of a warning.
    expect(html).toMatch(/低于<wbr>/);
  });

  it('never draws chart text below 10 px: the smallest is 12 px of 1,000, and a chart is never narrower than 860 px', () => {
    const sizes = [...html.matchAll(/font-size:(\d+(?:\.\d+)?)px/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBe(12);
    const min = Number(/figure svg \{[^}]*min-width: (\d+)px/.exec(html)![1]);
    expect((12 * min) / 1000).toBeGreaterThanOrEqual(10);
  });

  it('prints like a document: the title at the head of every page, 第 n 页 共 m 页 at its foot', () => {
    expect(html).toContain('@page { size: A4 landscape;');
    expect(html).toContain(`@top-center { content: "${TITLE}";`);
    expect(html).toContain('@bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页";');
    // The table's notes never open a page alone; a section starts a page of its own.
    expect(html).toMatch(/div\.notes \{ break-inside: avoid; \}/);
    expect(html).toMatch(/section \{ break-before: page; \}/);
  });

  it('shows a note with markup as text', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;进展&quot;)&lt;/script&gt; &amp; &lt;img src=http://example.com/x.png&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
  });

  it('loads nothing from elsewhere: no script, link, image, frame or font, and a policy that forbids them', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<(script|link|iframe|object|embed|img)\b/i);
    // Only real tags are read: the escaped note above mentions a src= in its text.
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(100);
    expect(tags.filter((t) => /\b(src|href)\s*=\s*["']?(https?:|\/\/)/i.test(t))).toEqual([]);
    expect(tags.filter((t) => /\bhref=/.test(t)).every((t) => /href="#/.test(t))).toBe(true);
    // The charts clip by url(#id), a reference inside the page; nothing else is fetched by CSS.
    expect(html).toContain('url(#');
    expect(html).not.toMatch(/url\((?!#)|@import|@font-face/i);
  });

  it('--no-charts gives the tables alone', async () => {
    const r = await report(['--format', 'html', '--no-charts', '--out', 'tables.html']);
    expect(r.code, r.err).toBe(0);
    const page = readFileSync(join(dir, 'tables.html'), 'utf8');
    expect(page).not.toContain('<svg');
    expect(page.match(/<table>/g)).toHaveLength(tables.length);
  });
});

describe('the workbook writer and the pictures still being drawn', () => {
  // A 1 × 1 white PNG.
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC', 'base64');
  const printed = (): PrintedReport => ({
    district: '梅列区',
    periodTitle: '2021年第三季度',
    title: '汇总表',
    subtitle: '统计截至 2021年10月15日',
    stamps: [],
    tables: ['总体完成情况', '分单位完成情况'].map((name) => ({ name, title: name, columns: [{ header: '单位' }], rows: [[{ value: '列东街道' }]], notes: [] })),
  });
  const frames = [
    { title: '甲', width: 1000, height: 280 },
    { title: '乙', width: 1000, height: 280 },
  ];

  it('puts each picture in its frame once drawn, the sheet in its place', async () => {
    const { writeReportWorkbook } = await import('../src/excel/report.js');
    const out = join(tempDir(), 'drawn.xlsx');
    let draw!: (pngs: Buffer[]) => void;
    const pngs = new Promise<Buffer[] | null>((resolve) => (draw = resolve));
    const written = writeReportWorkbook(printed(), out, { force: false, now: new Date(2021, 9, 15), charts: { frames, pngs } });
    draw([PNG, PNG]);
    await written;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总体完成情况', '图表', '分单位完成情况']);
    expect(wb.getWorksheet('图表')!.getImages().map((i) => i.range.tl.nativeRow)).toEqual([2, 4]);
  });

  it('leaves the sheet of charts out when the pictures could not be drawn; the other sheets keep their print titles', async () => {
    const { writeReportWorkbook } = await import('../src/excel/report.js');
    const out = join(tempDir(), 'undrawn.xlsx');
    await writeReportWorkbook(printed(), out, { force: false, now: new Date(2021, 9, 15), charts: { frames, pngs: Promise.resolve(null) } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总体完成情况', '分单位完成情况']);
    expect(wb.worksheets.map((w) => w.pageSetup.printTitlesRow)).toEqual(['3:3', '3:3']);
    expect(zipEntryText(readFileSync(out), '[Content_Types].xml')).not.toContain('drawing');
  });
});
