// jiuye template: one workbook per unit, locked except for validated inputs, with a hidden identity sheet.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { jiuye, tempDir, testIo } from './helpers.js';
import { Form } from './returns.js';

const plan = loadPlanFile(DEFAULT_PLAN);
let dir: string;
const at = () => testIo({ cwd: dir, now: new Date(2021, 8, 25, 9) });

beforeEach(async () => {
  dir = tempDir();
  await jiuye(['init'], at());
});

async function open(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

describe('template', () => {
  it('--all writes one return per unit into ./季度报表-2021Q3, with the deadline rolled past 国庆', async () => {
    const r = await jiuye(['template', '--quarter', '2021Q3', '--all'], at());
    expect(r.code).toBe(0);
    expect(r.out).toContain('截止日期 2021-10-08 周五(2021-10-05 逢国庆节,顺延)');
    const files = readdirSync(join(dir, '季度报表-2021Q3')).sort();
    expect(files).toHaveLength(plan.units.length);
    expect(files).toContain('列东街道-2021Q3-就业工作季度报表.xlsx');
  });

  it('holds exactly the indicators the unit reports and the tasks it carries, with its role', async () => {
    await jiuye(['template', '--quarter', '2021Q3', '--unit', '区财政局', '--out', 'out'], at());
    const wb = await open(join(dir, 'out', '区财政局-2021Q3-就业工作季度报表.xlsx'));
    const ws = wb.getWorksheet('季度报表')!;
    const column = (c: number) => ws.getColumn(c).values.map((v) => (v === null || v === undefined ? '' : String(v)));
    expect(ws.getCell('A1').value).toBe('梅列区2021年第三季度就业工作季度报表');
    expect(ws.getCell('C2').value).toBe('区财政局');
    expect(ws.getCell('E2').value).toBe('2021Q3');
    expect(ws.getCell('C4').value).toBe('2021-10-08');
    expect(column(2).filter((v) => plan.indicators.some((i) => i.name === v))).toEqual(['就业补助资金下达']);
    const tasks = column(2).filter((v) => plan.tasks.some((t) => t.id === v));
    expect(tasks).toEqual(['二(一)', '二(二)', '二(三)', '三(二)', '三(三)', '五(一)', '五(三)', '六(一)', '六(二)', '六(三)']);
    const lead = new Form(wb, plan).status('三(二)');
    expect(ws.getRow(Number(lead.row)).getCell(4).value).toBe('牵头');
    expect(column(2)).not.toContain('企业名称'); // layoff cases are for areas
  });

  it('locks everything but the inputs, validates them, and hides the identity sheet', async () => {
    await jiuye(['template', '--quarter', '2021Q3', '--unit', '列东街道', '--out', 'out'], at());
    const wb = await open(join(dir, 'out', '列东街道-2021Q3-就业工作季度报表.xlsx'));
    const ws = wb.getWorksheet('季度报表')!;
    const form = new Form(wb, plan);
    // exceljs keeps the protection at run time but does not declare it.
    expect((ws as unknown as { sheetProtection?: { sheet: boolean } }).sheetProtection?.sheet).toBe(true);
    const value = form.value('xinzeng', 'quarter');
    expect(value.protection?.locked).toBe(false);
    expect(value.dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    const status = form.status('二(一)');
    expect(status.dataValidation).toMatchObject({ type: 'list', formulae: ['"已完成,推进中,未启动"'] });
    expect(form.layoff(1).getCell(5).dataValidation?.type).toBe('date');
    expect(ws.getCell('C2').protection?.locked).not.toBe(false);
    expect(ws.getCell('B9').protection?.locked).not.toBe(false);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    expect(ws.getCell(`F${value.row}`).value).toBe('区年度目标 ≥1,500 人');
    const meta = wb.getWorksheet('_jiuye')!;
    expect(meta.state).toBe('veryHidden');
    const entries = Object.fromEntries(meta.getSheetValues().filter(Boolean).map((row: any) => [row[1], row[2]]));
    expect(entries).toMatchObject({ format: 'jiuye-return', templateVersion: 1, plan: 'meilie-2021', year: 2021, unit: 'liedong', period: '2021Q3', deadline: '2021-10-08' });
  });

  it('shows an area its allocation beside the district target', async () => {
    await jiuye(['targets', 'allocate', '--set', '列东街道:城镇新增就业=400'], at());
    await jiuye(['template', '--quarter', '2021Q3', '--unit', '列东', '--out', 'out'], at());
    const wb = await open(join(dir, 'out', '列东街道-2021Q3-就业工作季度报表.xlsx'));
    const value = new Form(wb, plan).value('xinzeng', 'quarter');
    expect(wb.getWorksheet('季度报表')!.getCell(`F${value.row}`).value).toBe('区年度目标 ≥1,500 人;本单位分解目标 400 人');
  });

  it('refuses to overwrite (writing none) without --force, and needs --unit or --all', async () => {
    await jiuye(['template', '--quarter', '2021Q3', '--unit', '列东街道'], at());
    const r = await jiuye(['template', '--quarter', '2021Q3', '--all'], at());
    expect(r.code).toBe(1);
    expect(r.err).toContain('以下 1 个文件已存在,未生成任何报表');
    expect(readdirSync(join(dir, '季度报表-2021Q3'))).toHaveLength(1);
    expect((await jiuye(['template', '--quarter', '2021Q3', '--all', '--force'], at())).code).toBe(0);
    expect(readdirSync(join(dir, '季度报表-2021Q3'))).toHaveLength(plan.units.length);
    const u = await jiuye(['template', '--quarter', '2021Q3'], at());
    expect(u.code).toBe(2);
    expect(u.err).toContain('请用 --unit 指定一个单位,或用 --all');
    expect((await jiuye(['template', '--all'], at())).code).toBe(2);
    expect((await jiuye(['template', '--quarter', '2022Q1', '--all'], at())).err).toContain('数据库中没有 2022 年的方案');
  });

  it('round trip through the commands: template, fill, import, the same figures', async () => {
    await jiuye(['template', '--quarter', '2021Q1', '--all', '--out', 'sent'], at());
    const wb = await open(join(dir, 'sent', '陈大镇-2021Q1-就业工作季度报表.xlsx'));
    const form = new Form(wb, plan);
    const values: Record<string, number> = { 'xinzeng.quarter': 51, 'zaijiuye.quarter': 22, 'kunnan.quarter': 7, 'shiyelv.numerator': 40, 'shiyelv.denominator': 3100, 'lingjiuye.opening': 1, 'lingjiuye.added': 0, 'lingjiuye.cleared': 1, 'lingjiuye.closing': 0, 'zhuanyi.quarter': 80 };
    for (const [k, v] of Object.entries(values)) form.value(k.split('.')[0], k.split('.')[1]).value = v;
    form.contact('filledBy').value = '李四';
    form.contact('phone').value = '13800000000';
    for (const t of ['二(一)', '六(一)', '六(二)', '六(三)']) form.status(t).value = '已完成';
    await wb.xlsx.writeFile(join(dir, 'back.xlsx'));
    const r = await jiuye(['import', 'back.xlsx', '--json'], testIo({ cwd: dir, now: new Date(2021, 3, 6, 9) }));
    expect(r.code).toBe(0);
    const ret = JSON.parse(r.out).files[0];
    expect(ret).toMatchObject({ unit: 'chenda', period: '2021Q1', action: 'new', values: 10 });
  });
});
