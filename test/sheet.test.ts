// The print-ready sheet laid out page by page (widths, heights, scale, page breaks) and the package
// finished for Excel: what every workbook jiuye writes is built on.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { finishPackage } from '../src/excel/package.js';
import { addTableSheet, newWorkbook, PAGE, textPx, type SheetBlock, type SheetCell } from '../src/excel/sheet.js';
import { zipParts } from './zip.js';

const columns = [{ header: '项目' }, { header: '满分' }, { header: '得分' }, { header: '计算依据', maxWidth: 60 }];
const row = (i: number): SheetCell[] => [`项目${i}`, 10, 9.5, '新增就业 412 / 400 → 100% → 30.0 分'];
const breaksOf = (ws: ExcelJS.Worksheet) => (ws as unknown as { rowBreaks: { id: number }[] }).rowBreaks.map((b) => b.id);

function sheetOf(blocks: SheetBlock[], notes?: string[]): ExcelJS.Worksheet {
  return addTableSheet(newWorkbook(new Date(2022, 0, 20)), { name: '评分明细', title: '评分明细', subtitle: '统计截至 2022年1月20日', columns, rows: [], blocks, notes });
}

describe('a sheet laid out page by page', () => {
  it('never splits a block that fits a page: every break falls just before a heading, and no page holds more than a page', () => {
    const blocks = Array.from({ length: 30 }, (_, k) => ({ heading: `单位${k}`, rows: Array.from({ length: 5 + (k % 4) }, (_, i) => row(i)) }));
    const ws = sheetOf(blocks);
    const breaks = breaksOf(ws);
    expect(breaks.length).toBeGreaterThan(3);
    for (const b of breaks) expect(String(ws.getCell(b + 1, 1).value)).toMatch(/^单位\d+$/);
    // Each page, with the repeated header, stays within the printable height at the sheet's scale.
    const room = (PAGE.heightPt * 100) / ws.pageSetup.scale!;
    const header = ws.getRow(3).height!;
    let from = 4;
    for (const b of [...breaks, ws.rowCount]) {
      let used = from === 4 ? ws.getRow(1).height! + ws.getRow(2).height! : 0;
      for (let r = from; r <= b; r++) used += ws.getRow(r).height!;
      expect(used + header).toBeLessThanOrEqual(room);
      from = b + 1;
    }
  });

  it('the notes never open a page alone: the last rows come with them', () => {
    // 49 one-line rows fill two pages exactly (23 under the title, 26 on the next): ten notes need a third.
    const notes = Array.from({ length: 10 }, (_, i) => `第${i + 1}条注释`);
    const ws = addTableSheet(newWorkbook(new Date(2021, 9, 15)), { name: '表', title: '表', subtitle: '统计截至', columns, rows: Array.from({ length: 49 }, (_, i) => row(i)), notes });
    expect(ws.pageSetup.scale).toBe(100);
    const breaks = breaksOf(ws);
    expect(breaks).toHaveLength(2);
    expect(ws.rowCount - breaks[1]).toBe(13); // two rows of the table, the gap and the notes
    expect(String(ws.getCell(ws.rowCount, 1).value)).toBe('第10条注释');
  });

  it('a last page of a few rows is saved by printing a little smaller', () => {
    // The same two full pages and one note: at 100% the note and two rows would make a third page.
    const ws = addTableSheet(newWorkbook(new Date(2021, 9, 15)), { name: '表', title: '表', subtitle: '统计截至', columns, rows: Array.from({ length: 49 }, (_, i) => row(i)), notes: ['一条注释'] });
    expect(ws.pageSetup.scale).toBeLessThan(100);
    expect(ws.pageSetup.scale).toBeGreaterThanOrEqual(80);
    expect(breaksOf(ws)).toHaveLength(1);
  });

  it('columns as wide as their text, a header wrapped over two lines rather than widen a column of figures', () => {
    const ws = addTableSheet(newWorkbook(new Date(2021, 9, 15)), {
      name: '表',
      title: '表',
      subtitle: '',
      columns: [{ header: '单位' }, { header: '城镇登记失业率' }, { header: '进展情况', maxWidth: 20 }],
      rows: [['区退役军人事务局', { value: 0.036, numFmt: '0.00%' }, '一段很长很长的进展情况,一行写不下,要换行才能写完整'.repeat(3)]],
    });
    const px = (c: number) => ws.getColumn(c).width! * 8;
    expect(px(1)).toBeGreaterThanOrEqual(textPx('区退役军人事务局'));
    // 3.60% is five characters: the header takes two lines rather than seven characters' width.
    expect(px(2)).toBeLessThan(textPx('城镇登记失业率', 11, true));
    expect(ws.getCell('B3').value).toBe('城镇登记失业率'); // the text itself is kept whole
    expect(ws.getRow(3).height).toBeGreaterThan(30);
    // Text past its column's width wraps, and the row is as tall as its lines.
    expect(px(3)).toBeLessThan(textPx('一段很长很长的进展情况,一行写不下,要换行才能写完整'.repeat(3)));
    expect(ws.getRow(4).height).toBeGreaterThan(30);
  });

  it('a lighter repeated label never makes its row taller', () => {
    const long = '坚持就业优先,落实就业政策,就业增量保就业,这是一段足够长的任务名称'.repeat(3);
    const ws = addTableSheet(newWorkbook(new Date(2021, 9, 15)), {
      name: '表',
      title: '表',
      subtitle: '',
      columns: [{ header: '工作内容', maxWidth: 16 }, { header: '单位' }],
      rows: [
        [long, '区人社局'],
        [{ value: long, faint: true }, '区财政局'],
      ],
    });
    expect(ws.getRow(4).height).toBeGreaterThan(30);
    expect(ws.getRow(5).height).toBeLessThan(20);
  });

  it('prints a wide table at the scale that fits the page, and blocks of fewer columns stretch their last one', () => {
    const wide = Array.from({ length: 14 }, (_, i) => ({ header: `第${i}列很宽的表头` }));
    const ws = addTableSheet(newWorkbook(new Date(2021, 9, 15)), {
      name: '考核结果',
      title: '考核结果',
      subtitle: '',
      columns: [],
      rows: [],
      blocks: [
        { heading: '一、镇街', columns: wide, rows: [wide.map(() => 1)] },
        { heading: '二、部门', columns: wide.slice(0, 5), rows: [[1, 2, 3, 4, '说明']] },
      ],
    });
    const total = Array.from({ length: 14 }, (_, i) => ws.getColumn(i + 1).width! * 8).reduce((a, b) => a + b, 0);
    expect(ws.pageSetup.scale).toBe(Math.floor((1026 / (total * 1.02)) * 100));
    expect(ws.pageSetup.fitToPage).toBeFalsy();
    // The second block's last column spans to the sheet's last, in its header and its rows.
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['E7:N7', 'E8:N8']));
  });
});


describe('the package finished for Excel', () => {
  it('changes the default font and the pictures’ ids, and copies every other part as exceljs wrote it', async () => {
    const wb = newWorkbook(new Date(2021, 9, 15));
    const ws = wb.addWorksheet('图表');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    for (const row of [0, 2]) {
      const image = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
      ws.addImage(image, { tl: { nativeCol: 0, nativeColOff: 0, nativeRow: row, nativeRowOff: 0 } as ExcelJS.Anchor, br: { nativeCol: 4, nativeColOff: 0, nativeRow: row + 1, nativeRowOff: 0 } as ExcelJS.Anchor });
    }
    const raw = Buffer.from(await wb.xlsx.writeBuffer());
    const before = zipParts(raw);
    const after = zipParts(finishPackage(raw));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) {
      if (name === 'xl/styles.xml' || name === 'xl/drawings/drawing1.xml') continue;
      expect(after.get(name)!.equals(bytes), name).toBe(true);
    }
    expect(before.get('xl/styles.xml')!.toString()).toContain('<name val="Calibri"/>');
    expect(after.get('xl/styles.xml')!.toString()).toMatch(/<fonts[^>]*><font><sz val="11"\/><name val="Arial"\/><family val="2"\/><\/font>/);
    const ids = (xml: string) => [...xml.matchAll(/creationId[^>]*id="(\{[^}]+\})"/g)].map((m) => m[1]);
    expect(new Set(ids(before.get('xl/drawings/drawing1.xml')!.toString())).size).toBe(1);
    expect(new Set(ids(after.get('xl/drawings/drawing1.xml')!.toString())).size).toBe(2);
    // And exceljs reads it back: a sound zip.
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(finishPackage(raw) as unknown as ExcelJS.Buffer);
    expect(back.getWorksheet('图表')!.getImages()).toHaveLength(2);
  });
});
