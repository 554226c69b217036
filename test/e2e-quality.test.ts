// Data-quality hints end to end: three quarters of real .xlsx returns, a cumulative figure and a
// 零就业 break flagged by import, check, warn and the summary workbook; a consistent history flags nothing.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import type { Quarter } from '../src/domain/period.js';
import { jiuye, tempDir, testIo } from './helpers.js';
import { filledReturn } from './returns.js';

const plan = loadPlanFile(DEFAULT_PLAN);
const AREAS = ['liedong', 'liexi', 'xubi', 'chenda', 'yangxi', 'kaifaqu'];
const RECEIVED: Record<number, string> = { 1: '2021-04-06', 2: '2021-07-05', 3: '2021-10-08' };
let dir: string;
// What is said, not how it fits a screen: a wide terminal keeps each hint on one line.
const at = () => testIo({ cwd: dir, now: new Date(2021, 9, 15, 9), env: { COLUMNS: '1000' } });

beforeEach(async () => {
  dir = tempDir();
  expect((await jiuye(['init'], at())).code).toBe(0);
});

/** Every area's return for a quarter; xinzeng and the 零就业 figures per unit, the rest as filledReturn makes them. */
async function importQuarter(q: Quarter, xinzeng: (unit: string) => number, families: (unit: string) => [number, number, number, number]) {
  const folder = join(dir, `Q${q}`);
  mkdirSync(folder);
  for (const [i, unit] of AREAS.entries()) {
    await filledReturn(plan, unit, { year: 2021, quarter: q }, folder, {
      seed: i + 1,
      edit: (f) => {
        f.value('xinzeng', 'quarter').value = xinzeng(unit);
        ['opening', 'added', 'cleared', 'closing'].forEach((k, n) => (f.value('lingjiuye', k).value = families(unit)[n]));
      },
    });
  }
  return jiuye(['import', `Q${q}`, '--received', RECEIVED[q]], at());
}

const steady = (q: Quarter) => (unit: string) => 100 + 10 * AREAS.indexOf(unit) + 5 * q;
const none = (): [number, number, number, number] => [0, 0, 0, 0];

describe('data-quality hints over three quarters', () => {
  it('a cumulative 本季度 figure and households that vanish are flagged by import, check, warn and the workbook', async () => {
    for (const q of [1, 2] as Quarter[]) {
      const r = await importQuarter(q, steady(q), (u) => (u === 'xubi' ? [3, 0, 0, 3] : none()));
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain('数据质量提示 0 条');
    }
    // Q3: 列东 writes its year to date (105 + 110 + 115 = 330) where 115 belongs; 徐碧's three households vanish.
    const r = await importQuarter(3, (u) => (u === 'liedong' ? 330 : steady(3)(u)), none);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('数据质量提示 2 条');
    expect(r.out).toContain('列东街道 2021Q3 城镇新增就业“本季度城镇新增就业人数”填 330,此前各季度为 2021Q1 105、2021Q2 110(合计 215)');
    expect(r.out).toContain('徐碧街道 2021Q3 零就业家庭“期初零就业家庭户数”为 0,而 2021Q2 期末为 3(少了 3 户)');

    const check = JSON.parse((await jiuye(['check', '--json'], at())).out);
    expect(check.hints.map((h: any) => [h.rule, h.unit, h.period])).toEqual([
      ['cumulative', 'liedong', '2021Q3'],
      ['zeroContinuity', 'xubi', '2021Q3'],
    ]);
    // The cumulative figure is what check adds up: the hint is what tells the clerk why 累计 looks high.
    expect(check.units.find((u: any) => u.unit === 'liedong').indicators.find((i: any) => i.indicator === 'xinzeng').ytd).toBe(545);
    const text = (await jiuye(['check'], at())).out;
    expect(text).toMatch(/需要关注:[\s\S]*数据质量提示\s+疑似填了累计数:列东街道\(城镇新增就业\)/);
    expect(text).toContain('四、数据质量提示');

    const warn = JSON.parse((await jiuye(['warn', '--json'], at())).out);
    expect(warn.hints).toHaveLength(2);
    expect(warn.hints[1]).toMatchObject({ title: '期初与上季期末不符', unitName: '徐碧街道', figures: { opening: 0, previousClosing: 3 }, thresholdText: '期初 = 上季期末' });
    // The vanished households also took the 零就业家庭未清零 warning away: the hint is what is left to see.
    expect(warn.warnings.filter((w: any) => w.rule === 'zeroFamilies')).toEqual([]);

    expect((await jiuye(['report', '--out', '汇总表.xlsx', '--as-of', '2021-10-15'], at())).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, '汇总表.xlsx'));
    const ws = wb.getWorksheet('数据质量提示')!;
    expect(ws.getCell('A1').value).toBe('梅列区2021年第三季度数据质量提示');
    expect([2, 3, 4].map((c) => ws.getRow(3).getCell(c).value)).toEqual(['提示类型', '单位', '情况']);
    expect([2, 3].map((c) => ws.getRow(4).getCell(c).value)).toEqual(['疑似填了累计数', '列东街道']);
    expect(String(ws.getRow(4).getCell(4).value)).toContain('填 330');
    expect([2, 3].map((c) => ws.getRow(5).getCell(c).value)).toEqual(['期初与上季期末不符', '徐碧街道']);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1 });
  });

  it('a consistent history raises no hint anywhere', async () => {
    for (const q of [1, 2, 3] as Quarter[]) {
      const r = await importQuarter(q, steady(q), (u) => (u === 'xubi' ? (q === 1 ? [3, 0, 1, 2] : q === 2 ? [2, 1, 3, 0] : none()) : none()));
      expect(r.out).toContain('数据质量提示 0 条');
    }
    expect(JSON.parse((await jiuye(['check', '--json'], at())).out).hints).toEqual([]);
    expect(JSON.parse((await jiuye(['warn', '--json'], at())).out).hints).toEqual([]);
    expect((await jiuye(['report', '--out', '汇总表.xlsx', '--as-of', '2021-10-15'], at())).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, '汇总表.xlsx'));
    expect(wb.getWorksheet('数据质量提示')!.getRow(4).getCell(2).value).toBe('本季度报表没有数据质量提示');
  });
});
