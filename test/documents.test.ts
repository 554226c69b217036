// What every document says about the data it is written from: no blank summary or assessment unless
// asked for (and then marked 空表), and 示例数据 on anything written from the demo's database, whichever
// command writes it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/store/db.js';
import { markDemoData } from '../src/store/demo.js';
import { AREA_ALLOCATIONS, dbIn, fill, threeQuarters } from './fill.js';
import { initialisedWorkspace, jiuye } from './helpers.js';

const ws = initialisedWorkspace();
const at = () => ws.at({ now: new Date(2021, 9, 15, 9) });

describe('no blank documents', () => {
  it('report for a quarter without any return refuses (exit 1), naming the quarter and what to do; nothing is written', async () => {
    const r = await jiuye(['report', '--quarter', '2021Q3', '--as-of', '2021-10-15', '--no-charts', '--out', 'q3.xlsx'], at());
    expect(r.code).toBe(1);
    expect(r.err).toContain('2021年第三季度(2021Q3)截至 2021-10-15 还没有收到任何季度报表,汇总表会是一张空表,未写出');
    expect(r.err).toContain('jiuye import 文件夹');
    expect(r.err).toContain('--allow-empty');
    expect(existsSync(join(ws.dir, 'q3.xlsx'))).toBe(false);
  });

  it('--allow-empty writes it anyway, marked 空表 on every page and in the source line', async () => {
    const r = await jiuye(['report', '--quarter', '2021Q3', '--as-of', '2021-10-15', '--no-charts', '--out', 'q3.xlsx', '--allow-empty'], at());
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('注意:本表标明“空表(2021年第三季度未收到任何季度报表)”');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(ws.dir, 'q3.xlsx'));
    for (const sheet of wb.worksheets) {
      expect(String(sheet.getCell('A2').value), sheet.name).toMatch(/;空表\(2021年第三季度未收到任何季度报表\)$/);
      expect(sheet.headerFooter.oddHeader, sheet.name).toContain('空表(2021年第三季度未收到任何季度报表)');
    }
  });

  it('assess for a year without any return refuses (exit 1) in every form, and --allow-empty marks it', async () => {
    for (const argv of [[], ['--json'], ['--out', 'a.xlsx']]) {
      const r = await jiuye(['assess', '--year', '2021', '--as-of', '2022-01-20', ...argv], at());
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err).toContain('2021年度截至 2022-01-20 还没有收到任何季度报表,各单位都会是 0 分,未考核');
      expect(r.err).toContain('--allow-empty');
    }
    expect(existsSync(join(ws.dir, 'a.xlsx'))).toBe(false);
    const json = JSON.parse((await jiuye(['assess', '--year', '2021', '--as-of', '2022-01-20', '--json', '--allow-empty'], at())).out);
    expect(json.stamps).toEqual(['空表(2021年度未收到任何季度报表)']);
    const text = await jiuye(['assess', '--year', '2021', '--as-of', '2022-01-20', '--allow-empty'], at());
    expect(text.out.split('\n')[0]).toBe('梅列区2021年度就业工作考核结果(统计截至 2022-01-20) 【空表(2021年度未收到任何季度报表)】');
  });
});

describe('示例数据 on demo data, whichever command writes the document', () => {
  it('a summary written by hand from the demo’s database is marked on the page, in print and in the workbook', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const db = openDb(dbIn(ws.dir));
    markDemoData(db, 'jiuye demo', new Date(2021, 9, 15));
    db.close();
    const page = await jiuye(['report', '--quarter', '2021Q3', '--as-of', '2021-10-15', '--no-charts', '--format', 'html', '--out', 'p.html'], at());
    expect(page.code, page.err).toBe(0);
    const html = readFileSync(join(ws.dir, 'p.html'), 'utf8');
    expect(html).toContain('<p class="stamp">示例数据</p>');
    expect(html).toContain('<title>【示例数据】梅列区2021年第三季度就业工作目标完成情况汇总表</title>');
    expect(html).toMatch(/@top-right \{ content: "示例数据";/);
    const book = await jiuye(['report', '--quarter', '2021Q3', '--as-of', '2021-10-15', '--no-charts', '--out', 'b.xlsx'], at());
    expect(book.code, book.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(ws.dir, 'b.xlsx'));
    expect(wb.worksheets[0].headerFooter.oddHeader).toContain('示例数据');
    // And the model, for scripts.
    const model = await jiuye(['report', '--quarter', '2021Q3', '--as-of', '2021-10-15', '--no-charts', '--format', 'json', '--out', 'r.json'], at());
    expect(JSON.parse(readFileSync(join(ws.dir, 'r.json'), 'utf8')).stamps, model.err).toEqual(['示例数据']);
  });

  it('a database of real returns carries no mark', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const r = await jiuye(['report', '--quarter', '2021Q3', '--as-of', '2021-10-15', '--no-charts', '--format', 'html', '--out', 'p.html'], at());
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(join(ws.dir, 'p.html'), 'utf8');
    expect(html).not.toContain('示例数据');
    expect(html).not.toContain('@top-right');
  });
});
