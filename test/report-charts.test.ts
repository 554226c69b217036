// jiuye report with charts: the 图表 sheet of the workbook, the workbook without a Chinese font, and the
// one-file web page (charts inline, every table, text from returns escaped, nothing loaded from elsewhere).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findCjkFont, fontDirs } from '../src/render/fonts.js';
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

const font = findCjkFont(fontDirs(process.env));
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
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, printTitlesRow: '1:2' });
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
    // Rows 3 and 5 hold the first page's charts, 6 and 8 the second's; a page break after row 5.
    expect(images.map((i) => i.range.tl.nativeRow)).toEqual([2, 4, 5, 7]);
    expect(ws.getRow(3).height).toBe(210);
    // exceljs does not read page breaks back: the sheet's own XML says where the page ends.
    const xml = zipEntryText(readFileSync(join(dir, 'charts.xlsx')), 'xl/worksheets/sheet2.xml');
    expect([...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => m[1])).toEqual(['5']);
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

  it('is one page with the four charts inline and every table of the report', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<svg\b/g)).toHaveLength(4);
    expect(html).toContain('aria-label="各镇街完成进度(截至2021年第三季度,序时进度 75%)"');
    expect(tables.length).toBeGreaterThanOrEqual(6);
    for (const t of tables) expect(html, t.name).toContain(`<h2>${t.name}</h2>`);
    expect(html.match(/<table>/g)).toHaveLength(tables.length);
    expect(html).toContain('统计截至 2021年10月15日');
    // Charts come after the first table, as in the workbook.
    expect(html.indexOf('<section id="charts">')).toBeGreaterThan(html.indexOf('<h2>总体完成情况</h2>'));
    expect(html.indexOf('<section id="charts">')).toBeLessThan(html.indexOf('<h2>分单位完成情况</h2>'));
    expect(html).toContain('@page { size: A4 landscape;');
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
