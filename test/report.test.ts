// jiuye report: the summary workbook read back, and the same tables as csv, json and markdown.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { jiuye, tempDir, testIo } from './helpers.js';
import { filledReturn, Q3 } from './returns.js';

const plan = loadPlanFile(DEFAULT_PLAN);
const TITLE = '梅列区2021年第三季度就业工作目标完成情况汇总表';
const NOTES = ['=SUM(A1:A3) 这是进展,不是公式', '+86 电话已通知', '-3 人为去年数字', '@所有人:已召开会议'];
let dir: string;
let book: ExcelJS.Workbook;
const at = () => testIo({ cwd: dir, now: new Date(2021, 9, 15, 9) });

beforeAll(async () => {
  dir = tempDir();
  await jiuye(['init'], at());
  await jiuye(['targets', 'allocate', '--set', '列东街道:城镇新增就业=400', '列西街道:城镇新增就业=350'], at());
  await filledReturn(plan, 'liedong', Q3, dir, {
    edit: (f) => {
      f.value('xinzeng', 'quarter').value = 320;
      f.value('shiyelv', 'numerator').value = 35;
      f.value('shiyelv', 'denominator').value = 965;
      f.note('二(一)').value = NOTES[0];
      f.note('六(一)').value = NOTES[1];
      f.note('六(二)').value = NOTES[2];
      f.note('六(三)').value = NOTES[3];
    },
  });
  // 列西街道's unemployment rate, 40 ÷ (960 + 40) = 4.0%, is over the 3.5% ceiling.
  await filledReturn(plan, 'liexi', Q3, dir, {
    edit: (f) => {
      f.value('xinzeng', 'quarter').value = 200;
      f.value('shiyelv', 'numerator').value = 40;
      f.value('shiyelv', 'denominator').value = 960;
    },
  });
  expect((await jiuye(['import', '.', '--received', '2021-10-08'], at())).code).toBe(0);
  // The tables alone: the 图表 sheet and its font are tested in report-charts.test.ts.
  const r = await jiuye(['report', '--quarter', '2021Q3', '--as-of', '2021-10-15', '--no-charts'], at());
  expect(r.code).toBe(0);
  expect(r.err).toContain(`已写出 ${TITLE}.xlsx`);
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(dir, `${TITLE}.xlsx`));
});

const sheet = (name: string) => book.getWorksheet(name)!;
const rowValues = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);
const findRow = (ws: ExcelJS.Worksheet, col: number, value: string) => {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === value) return ws.getRow(r);
  throw new Error(`no row with ${value}`);
};

describe('the summary workbook', () => {
  it('has the seven sheets, each with a merged title, the 统计截至 line and print setup', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual(['总体完成情况', '分单位完成情况', '报送情况', '风险预警', '数据质量提示', '任务推进情况', '责任分工']);
    for (const ws of book.worksheets) {
      expect(ws.getCell('A1').isMerged, ws.name).toBe(true);
      expect(String(ws.getCell('A1').value)).toMatch(/^梅列区2021年/);
      expect(String(ws.getCell('A2').value)).toContain('统计截至 2021年10月15日;数据来源:各单位报送的2021年第三季度季度报表(已收 2 / 应报 22 份)');
      // A4 landscape at the scale that fits the width (not "fit to page", under which Excel ignores page breaks).
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, orientation: 'landscape' });
      expect(ws.pageSetup.fitToPage, ws.name).toBeFalsy();
      expect(ws.pageSetup.scale, ws.name).toBeGreaterThanOrEqual(60);
      expect(ws.pageSetup.scale, ws.name).toBeLessThanOrEqual(100);
      expect(ws.pageSetup.printTitlesRow, ws.name).toMatch(/^3:[34]$/);
      expect(ws.views[0]).toMatchObject({ state: 'frozen' });
      expect(ws.getCell('A3').font?.bold).toBe(true);
      expect(ws.getCell('A3').border?.top?.style).toBe('thin');
      // Every row's height is set from what it holds: no program is left to guess at a wrapped cell.
      for (let r = 1; r <= ws.rowCount; r++) expect(ws.getRow(r).height, `${ws.name} row ${r}`).toBeGreaterThan(0);
    }
  });

  it('merges no cell down the rows under the repeated header: a page break never separates a label from its rows', () => {
    for (const ws of book.worksheets) {
      const header = Number(/^3:(\d)$/.exec(ws.pageSetup.printTitlesRow!)![1]);
      const merges = (ws.model as unknown as { merges: string[] }).merges;
      for (const range of merges) {
        const [, top, bottom] = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(range)!.map(Number);
        if (top > header) expect(top, `${ws.name} ${range}`).toBe(bottom);
      }
    }
  });

  it('says 未报 where a figure should be and is not, and highlights a value outside its limit as the terminal does', () => {
    const ws = sheet('分单位完成情况');
    const cols = rowValues(ws, 3) as string[];
    const rateCol = cols.indexOf('城镇登记失业率') + 1;
    const xubi = findRow(ws, 1, '徐碧街道');
    expect(xubi.getCell(3).value).toBe('未报');
    expect(xubi.getCell(rateCol).value).toBe('未报');
    expect(xubi.getCell(cols.indexOf('状态') + 1).value).toBe('本季度未报送');
    // 列西街道's 4.0% breaks the ≤3.5% ceiling: red, as 未达标 is in the terminal; 列东街道's 3.5% is within it.
    const liexi = findRow(ws, 1, '列西街道');
    expect(liexi.getCell(rateCol).value).toBeCloseTo(0.04, 12);
    expect(liexi.getCell(rateCol).fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect((findRow(ws, 1, '列东街道').getCell(rateCol).fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();
    // Behind the schedule: the completion in amber, as 进度滞后.
    expect(liexi.getCell(4).fill).toMatchObject({ fgColor: { argb: 'FFFFEB9C' } });
  });

  it('writes no English identifier anywhere a reader sees (the units’ own notes aside)', () => {
    const seen: string[] = [];
    for (const ws of book.worksheets) {
      ws.eachRow((row) => row.eachCell((cell) => {
        if (typeof cell.value === 'string' && !NOTES.includes(cell.value)) seen.push(...(cell.value.match(/[A-Za-z]{3,}/g) ?? []));
      }));
    }
    expect(seen).toEqual([]);
  });

  it('总体完成情况: header, the 城镇新增就业 row with real percentages, a coloured status', () => {
    const ws = sheet('总体完成情况');
    expect(rowValues(ws, 3)).toEqual(['序号', '指标', '类型', '计量单位', '年度目标', '本季度', '累计', '完成率', '序时进度', '状态', '牵头单位', '说明']);
    const row = findRow(ws, 2, '城镇新增就业');
    expect(rowValues(ws, Number(row.number)).slice(0, 11)).toEqual([1, '城镇新增就业', '累计型', '人', '≥1,500 人', 520, 520, 520 / 1500, 0.75, '进度滞后(差 605 人)', '区人社局']);
    expect(row.getCell(8).numFmt).toBe('0.0%');
    expect(row.getCell(9).numFmt).toBe('0%');
    expect(row.getCell(10).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFEB9C' } });
    const rate = findRow(ws, 2, '城镇登记失业率');
    expect(typeof rate.getCell(6).value).toBe('number');
    expect(rate.getCell(6).numFmt).toBe('0.00%');
  });

  it('分单位完成情况: grouped header, each area against its allocation, totals and a rank', () => {
    const ws = sheet('分单位完成情况');
    expect(ws.getCell('B3').value).toBe('城镇新增就业(人)');
    expect(rowValues(ws, 4).slice(1, 4)).toEqual(['分解目标', '累计完成', '完成率']);
    const liedong = findRow(ws, 1, '列东街道');
    expect([liedong.getCell(2).value, liedong.getCell(3).value, liedong.getCell(4).value]).toEqual([400, 320, 0.8]);
    expect(liedong.getCell(4).numFmt).toBe('0.0%');
    const cols = rowValues(ws, 3) as string[];
    expect(liedong.getCell(cols.indexOf('排名') + 1).value).toBe(1);
    expect(findRow(ws, 1, '列西街道').getCell(cols.indexOf('排名') + 1).value).toBe(2);
    // 35 ÷ (965 + 35) is exactly the 3.5% ceiling, stored as a share with a percentage format.
    const rateCol = cols.indexOf('城镇登记失业率') + 1;
    expect(liedong.getCell(rateCol).value).toBeCloseTo(0.035, 12);
    expect(liedong.getCell(rateCol).numFmt).toBe('0.00%');
    const total = findRow(ws, 1, '合计(全区)');
    expect([total.getCell(2).value, total.getCell(3).value]).toEqual([750, 520]);
  });

  it('报送情况: every unit with deadline, received date, status, days late and contact', () => {
    const ws = sheet('报送情况');
    expect(rowValues(ws, 3)).toEqual(['序号', '单位', '类别', '截止日期', '收到日期', '状态', '逾期天数', '填报人', '联系电话']);
    expect(rowValues(ws, Number(findRow(ws, 2, '列东街道').number))).toEqual([1, '列东街道', '街道', '2021-10-08', '2021-10-08', '按时', null, '张三', '0598-8220001'].map((v) => v ?? undefined));
    const renshe = findRow(ws, 2, '区人社局');
    expect([renshe.getCell(6).value, renshe.getCell(7).value]).toEqual(['未报送·已逾期(7天)', 7]);
    expect(ws.rowCount).toBeGreaterThanOrEqual(3 + plan.units.length);
  });

  it('风险预警: the rule, the unit, the figures and the threshold', () => {
    const ws = sheet('风险预警');
    expect(rowValues(ws, 3)).toEqual(['序号', '预警类型', '单位', '情况', '阈值']);
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((row) => {
      if (row.getCell(2).value === '进度滞后') rows.push(row);
    });
    expect(rows.map((r) => r.getCell(3).value)).toEqual(expect.arrayContaining(['梅列区(全区)', '列西街道']));
    const liexi = rows.find((r) => r.getCell(3).value === '列西街道')!;
    expect(String(liexi.getCell(4).value)).toContain('城镇新增就业累计 200 / 350 人');
    expect(liexi.getCell(5).value).toBe('序时进度 75%');
  });

  it('任务推进情况: the task named on every row, lighter and on one line after the first', () => {
    const ws = sheet('任务推进情况');
    const rows = [4, 5, 6].map((r) => ws.getRow(r));
    expect(rows.map((r) => r.getCell(1).value)).toEqual(['二(一)', '二(一)', '二(一)']);
    expect(rows.map((r) => r.getCell(2).value)).toEqual(Array(3).fill(rows[0].getCell(2).value));
    expect(rows[0].getCell(1).font.color).toBeUndefined();
    expect(rows[0].getCell(2).alignment.wrapText).toBe(true);
    for (const r of rows.slice(1)) {
      for (const c of [1, 2, 3]) {
        expect(r.getCell(c).font.color).toEqual({ argb: 'FF808080' });
        expect(r.getCell(c).alignment.wrapText).toBeFalsy();
      }
    }
  });

  it('任务推进情况: one row per responsible unit; a note that looks like a formula is stored as text', async () => {
    const ws = sheet('任务推进情况');
    expect(rowValues(ws, 3)).toEqual(['任务', '工作内容', '牵头单位', '责任单位', '职责', '状态', '进展情况']);
    for (const note of NOTES) {
      let found: ExcelJS.Cell | undefined;
      ws.eachRow((row) => {
        if (row.getCell(7).value === note) found = row.getCell(7);
      });
      expect(found, note).toBeDefined();
      expect(found!.type).toBe(ExcelJS.ValueType.String);
      expect(found!.formula).toBeUndefined();
    }
    // And in the file itself: no formula element anywhere in this sheet's XML.
    const xml = sheetXml(readFileSync(join(dir, `${TITLE}.xlsx`)), 5);
    expect(xml).toContain('<sheetData>');
    expect(xml).not.toMatch(/<f[ >]/);
  });

  it('责任分工: a unit × task matrix of 牵头 and 配合', () => {
    const ws = sheet('责任分工');
    const head = rowValues(ws, 3) as string[];
    expect(head.slice(0, 3)).toEqual(['单位', '二(一)', '二(一)-1']);
    const caizheng = findRow(ws, 1, '区财政局');
    expect(caizheng.getCell(head.indexOf('三(二)') + 1).value).toBe('牵头');
    expect(caizheng.getCell(head.indexOf('二(二)') + 1).value).toBe('配合');
    expect(caizheng.getCell(head.indexOf('四') + 1).value).toBeNull();
    expect([caizheng.getCell(head.indexOf('牵头') + 1).value, caizheng.getCell(head.indexOf('配合') + 1).value]).toEqual([1, 9]);
  });
});

describe('report options', () => {
  it('refuses to overwrite without --force', async () => {
    const r = await jiuye(['report', '--quarter', '2021Q3'], at());
    expect(r.code).toBe(1);
    expect(r.err).toContain('已存在,未覆盖');
    expect((await jiuye(['report', '--quarter', '2021Q3', '--force'], at())).code).toBe(0);
  });

  it('--format csv writes one file per sheet, with text kept as text', async () => {
    const r = await jiuye(['report', '--quarter', '2021Q3', '--format', 'csv', '--out', 'csv', '--as-of', '2021-10-15'], at());
    expect(r.code).toBe(0);
    const files = readdirSync(join(dir, 'csv')).sort();
    expect(files).toEqual(['01-总体完成情况.csv', '02-分单位完成情况.csv', '03-报送情况.csv', '04-风险预警.csv', '05-数据质量提示.csv', '06-任务推进情况.csv', '07-责任分工.csv']);
    const overall = readFileSync(join(dir, 'csv', files[0]), 'utf8');
    expect(overall.startsWith('\uFEFF序号,指标,类型,计量单位,年度目标,本季度,累计,完成率,序时进度,状态,牵头单位,说明\r\n')).toBe(true);
    expect(overall).toContain('1,城镇新增就业,累计型,人,"≥1,500 人",520,520,34.7%,75%,进度滞后(差 605 人),区人社局,');
    const tasks = readFileSync(join(dir, 'csv', '06-任务推进情况.csv'), 'utf8');
    expect(tasks).toContain(`'${NOTES[0]}`);
    expect(tasks).toContain(`'${NOTES[3]}`);
  });

  it('--format json and md carry the same tables', async () => {
    await jiuye(['report', '--quarter', '2021Q3', '--format', 'json', '--out', 'r.json'], at());
    const model = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(model.tables.map((t: any) => t.name)).toEqual(['总体完成情况', '分单位完成情况', '报送情况', '风险预警', '数据质量提示', '任务推进情况', '责任分工']);
    expect(model.tables[0].rows[0][5]).toEqual({ value: 520, format: 'int' });
    await jiuye(['report', '--quarter', '2021Q3', '--format', 'md', '--out', 'r.md'], at());
    const md = readFileSync(join(dir, 'r.md'), 'utf8');
    expect(md).toContain(`# ${TITLE}`);
    expect(md).toContain('| 1 | 城镇新增就业 | 累计型 | 人 | ≥1,500 人 | 520 | 520 | 34.7% | 75% | 进度滞后(差 605 人) | 区人社局 |');
  });

  it('a bad --format is a usage error', async () => {
    const r = await jiuye(['report', '--format', 'pdf'], at());
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format 的取值“pdf”无效');
  });
});

/** The XML of the n-th worksheet in an .xlsx, read straight from the zip. */
function sheetXml(zip: Buffer, n: number): string {
  const name = `xl/worksheets/sheet${n}.xml`;
  for (let p = zip.indexOf('PK\u0003\u0004'); p >= 0; p = zip.indexOf('PK\u0003\u0004', p + 4)) {
    const nameLength = zip.readUInt16LE(p + 26);
    if (zip.subarray(p + 30, p + 30 + nameLength).toString() !== name) continue;
    const start = p + 30 + nameLength + zip.readUInt16LE(p + 28);
    const size = zip.readUInt32LE(p + 18);
    // exceljs writes data descriptors: when the local size is 0, inflate to the end of the stream.
    const data = zip.subarray(start, size > 0 ? start + size : zip.length);
    return inflateRawSync(data, { finishFlush: 2 }).toString('utf8');
  }
  throw new Error(`${name} not found`);
}
