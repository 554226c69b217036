// import end to end in-process: real .xlsx files written by the tests (and two by LibreOffice).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { openDb } from '../src/store/db.js';
import { readReturns } from '../src/store/returns.js';
import { BIN, jiuye, ROOT, runBin, tempDir, testIo } from './helpers.js';
import { dump, filledReturn, Q3 } from './returns.js';
import { sheetWithCells, xlsxParts, zip } from './zip.js';

const plan = loadPlanFile(DEFAULT_PLAN);
const FIXTURES = join(ROOT, 'test', 'fixtures');
let dir: string;
let db: string;
// These tests read what is said, not how it is laid out: a wide terminal keeps each problem on one line.
const at = () => testIo({ cwd: dir, now: new Date(2021, 9, 9, 10), env: { COLUMNS: '1000' } });
const imp = (...args: string[]) => jiuye(['import', ...args], at());
const stored = () => {
  const d = openDb(db);
  try {
    return readReturns(d, 2021);
  } finally {
    d.close();
  }
};
const figuresOf = (unit: string) =>
  new Map(stored().find((r) => r.unit === unit)!.figures.map((f) => [`${f.indicator}.${f.field}`, f.value]));

beforeEach(async () => {
  dir = tempDir();
  db = join(dir, 'jiuye.db');
  expect((await jiuye(['init'], at())).code).toBe(0);
});

/** Imports a file expected to be refused; checks exit 1, the message, and an untouched database. */
async function refused(path: string, ...expected: (string | RegExp)[]) {
  const before = dump(db);
  // Every problem of the file, not the first few.
  const r = await imp(path, '--verbose');
  expect(r.code).toBe(1);
  for (const e of expected) expect(r.out).toMatch(e);
  expect(r.out).toContain('拒绝 1');
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(dump(db)).toBe(before);
  return r;
}

describe('round trip', () => {
  it('every unit of the plan: the figures filled in are the figures stored', async () => {
    const filled = new Map<string, Map<string, number>>();
    for (const [i, unit] of plan.units.entries()) {
      filled.set(unit.code, (await filledReturn(plan, unit.code, Q3, dir, { seed: i + 1 })).figures);
    }
    const r = await imp('.');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`新导入 ${plan.units.length}`);
    const returns = stored();
    expect(returns).toHaveLength(plan.units.length);
    for (const ret of returns) {
      expect(new Map(ret.figures.map((f) => [`${f.indicator}.${f.field}`, f.value])), ret.unit).toEqual(filled.get(ret.unit));
      expect(ret.progress.every((p) => p.status === '推进中' && p.note?.includes(p.task))).toBe(true);
      expect(ret.progress.map((p) => p.task)).toEqual(plan.tasks.filter((t) => t.lead === ret.unit || t.coUnits.includes(ret.unit)).map((t) => t.id));
      expect({ filledBy: ret.filledBy, phone: ret.phone, filledOn: ret.filledOn, templateVersion: ret.templateVersion }).toEqual({
        filledBy: '张三',
        phone: '0598-8220001',
        filledOn: '2021-10-06',
        templateVersion: '1',
      });
      expect(ret.receivedOn).toBe('2021-10-09');
    }
  });

  it('a return filled in and saved by LibreOffice Calc', async () => {
    copyFileSync(join(FIXTURES, 'libreoffice-liedong-2021Q3.xlsx'), join(dir, 'lo.xlsx'));
    const r = await imp('lo.xlsx');
    expect(r.code).toBe(0);
    expect(Object.fromEntries(figuresOf('liedong'))).toEqual({
      'xinzeng.quarter': 132,
      'zaijiuye.quarter': 71,
      'kunnan.quarter': 19,
      'shiyelv.numerator': 318,
      'shiyelv.denominator': 10240,
      'lingjiuye.opening': 2,
      'lingjiuye.added': 1,
      'lingjiuye.cleared': 3,
      'lingjiuye.closing': 0,
      'zhuanyi.quarter': 45,
    });
    const ret = stored()[0];
    expect(ret.filledOn).toBe('2021-10-07');
    expect(ret.layoffs).toEqual([{ firm: '三明某纺织有限公司', staff: 260, laidOff: 32, noticeOn: '2021-08-20', layoffOn: '2021-09-10' }]);
    expect(ret.progress.find((p) => p.task === '二(一)')).toEqual({ task: '二(一)', status: '推进中', note: '二(一):本季度已按计划推进,举办招聘会2场。' });
  });

  it('a return retyped without the hidden sheet, in a layout of its own', async () => {
    copyFileSync(join(FIXTURES, 'retyped-liexi-2021Q3.xlsx'), join(dir, 'retyped.xlsx'));
    const r = await imp('retyped.xlsx', '--quarter', '2021Q3');
    expect(r.code).toBe(0);
    expect(Object.fromEntries(figuresOf('liexi'))).toMatchObject({ 'xinzeng.quarter': 105, 'zaijiuye.quarter': 64, 'kunnan.quarter': 17, 'shiyelv.denominator': 9850 });
    const ret = stored()[0];
    expect(ret.templateVersion).toBeNull();
    expect(ret.filledOn).toBe('2021-10-08');
    expect(ret.progress.find((p) => p.task === '二(一)')!.note).toBe('=开展就业援助月活动');
    expect(ret.progress.find((p) => p.task === '六(二)')).toEqual({ task: '六(二)', status: '未启动', note: null });
  });
});

describe('cell shapes a real workbook has', () => {
  it('formulas, rich text, hyperlinks, text numbers with commas, full-width digits, 人, date serials and text dates', async () => {
    await filledReturn(plan, 'liedong', Q3, dir, {
      edit: (f) => {
        f.value('xinzeng', 'quarter').value = { formula: 'SUM(100,32)', result: 132 };
        f.value('zaijiuye', 'quarter').value = { richText: [{ text: '7', font: { bold: true } }, { text: '1' }] };
        f.value('kunnan', 'quarter').value = '１９';
        f.value('shiyelv', 'numerator').value = '318人';
        f.value('shiyelv', 'denominator').value = '10,240';
        f.value('zhuanyi', 'quarter').value = ' 45 ';
        f.contact('phone').value = { text: '0598-8221234', hyperlink: 'tel:05988221234' };
        f.contact('filledOn').value = 44475; // 2021-10-06 as a serial in a cell without date format
        const row = f.layoff(1);
        row.getCell(2).value = '某机械厂';
        row.getCell(3).value = '1,200';
        row.getCell(4).value = { formula: 'C1*0', result: 25 };
        row.getCell(5).value = '2021年8月1日';
        row.getCell(6).value = '2021/9/1';
      },
    });
    const r = await imp('.');
    expect(r.code).toBe(0);
    expect(Object.fromEntries(figuresOf('liedong'))).toMatchObject({
      'xinzeng.quarter': 132,
      'zaijiuye.quarter': 71,
      'kunnan.quarter': 19,
      'shiyelv.numerator': 318,
      'shiyelv.denominator': 10240,
      'zhuanyi.quarter': 45,
    });
    const ret = stored()[0];
    expect(ret.phone).toBe('0598-8221234');
    expect(ret.filledOn).toBe('2021-10-06');
    expect(ret.layoffs).toEqual([{ firm: '某机械厂', staff: 1200, laidOff: 25, noticeOn: '2021-08-01', layoffOn: '2021-09-01' }]);
  });

  it('an error value, an uncalculated formula and unreadable text are errors at their cells, never 0', async () => {
    const { form } = await filledReturn(plan, 'liedong', Q3, dir, {
      edit: (f) => {
        f.value('xinzeng', 'quarter').value = { formula: 'A1/0', result: { error: '#DIV/0!' } };
        f.value('zaijiuye', 'quarter').value = { formula: 'B7+1' } as ExcelJS.CellFormulaValue;
        f.value('kunnan', 'quarter').value = '约二十';
        f.value('zhuanyi', 'quarter').value = '12,34';
      },
    });
    const cell = (ind: string, field: string) => `季度报表!${form.value(ind, field).address}`;
    await refused(
      '.',
      `${cell('xinzeng', 'quarter')} · 城镇新增就业“本季度城镇新增就业人数”填的是 错误值 #DIV/0!,不是整数`,
      `${cell('zaijiuye', 'quarter')} · 城镇登记失业人员再就业“本季度城镇登记失业人员再就业人数”填的是 公式 =B7+1(没有计算结果),不是整数 · 文件里的公式没有保存计算结果(常见于由其他程序生成的表格):请在 Excel 或 WPS 中打开该文件并保存,再重新导入`,
      `${cell('kunnan', 'quarter')} · 就业困难人员再就业“本季度就业困难人员再就业人数”填的是 “约二十”,不是整数 · 请只填数字`,
      `${cell('zhuanyi', 'quarter')} · 农村劳动力转移就业“本季度农村劳动力转移就业人数”填的是 “12,34”`,
    );
  });

  it('a whole-column data validation does not make the file slow or refused', async () => {
    await filledReturn(plan, 'liedong', Q3, dir, {
      edit: (f) => {
        // exceljs has this at run time but not in its type declarations.
        const validations = (f.ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
        validations.add('E1:E1048576', { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
        validations.add('A1:D1048576', { type: 'list', formulae: ['"是,否"'] });
      },
    });
    const r = await imp('.');
    expect(r.code).toBe(0);
    expect(r.out).toContain('新导入 1');
  });
});

describe('refusals', () => {
  const write = (name: string, data: Buffer | string) => {
    writeFileSync(join(dir, name), data);
    return name;
  };
  const ole2 = (stream: string) =>
    Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(512)]);

  it('an old .xls', async () => {
    await refused(write('old.xlsx', ole2('Workbook')), 'old.xlsx · 这是旧版 Excel 97-2003 工作簿(.xls)或 WPS 表格(.et),不是 .xlsx · 请在 Excel 或 WPS 中打开,另存为');
  });

  it('an encrypted workbook', async () => {
    await refused(write('secret.xlsx', ole2('EncryptedPackage')), 'secret.xlsx · 文件设置了打开密码(已加密),无法读取 · 请让报送单位取消密码');
  });

  it('a CSV renamed to .xlsx', async () => {
    await refused(write('renamed.xlsx', '单位,城镇新增就业\n列东街道,132\n'), 'renamed.xlsx · 这是 CSV/文本文件改了扩展名');
  });

  it('an HTML table saved as .xls by a business system', async () => {
    await refused(write('export.xls', '<html><head><meta charset="utf-8"></head><body><table><tr><td>列东街道</td></tr></table></body></html>'), 'export.xls · 这是网页(HTML)文件改了扩展名');
  });

  it('an empty file and random bytes', async () => {
    await refused(write('empty.xlsx', ''), 'empty.xlsx · 文件是空的(0 字节)');
    const noise = Buffer.alloc(3000);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) % 256;
    await refused(write('noise.xlsx', noise), 'noise.xlsx · 文件内容无法识别,不是 Excel 工作簿');
  });

  it('a truncated file, and a whole zip whose sheet XML is cut off', async () => {
    const { path } = await filledReturn(plan, 'liedong', Q3, dir, { name: 'full.xlsx' });
    const bytes = readFileSync(path);
    write('full.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    await refused('full.xlsx', 'full.xlsx · 文件不完整(可能下载、复制或保存时中断)');
    const cut = sheetWithCells(50).slice(0, -40);
    await refused(write('cut.xlsx', zip(xlsxParts(cut))), 'cut.xlsx · 工作表“季度报表”(xl/worksheets/sheet1.xml)内容不完整');
  });

  it('a zip bomb, honest or lying about its size, is refused before expanding', async () => {
    const huge = Buffer.alloc(80 * 1024 * 1024, 0x20);
    const sheet = Buffer.concat([Buffer.from(sheetWithCells(1).replace('</worksheet>', '')), huge, Buffer.from('</worksheet>')]);
    await refused(write('bomb.xlsx', zip(xlsxParts(sheet))), 'bomb.xlsx · 文件解压后超过 64.0 MB', '疑似压缩炸弹');
    await refused(write('liar.xlsx', zip(xlsxParts(sheet, { declaredSheetSize: 2048 }))), 'liar.xlsx · 文件解压后超过 64.0 MB');
  });

  it('a workbook that is only a sheet with a huge number of cells: not a return, skipped (refused with --strict)', async () => {
    const path = write('cells.xlsx', zip(xlsxParts(sheetWithCells(150_000))));
    const before = dump(db);
    const r = await imp(path);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/cells\.xlsx .*非报表,已跳过 .* 工作表“季度报表”\(150,000 个单元格\)/);
    expect(dump(db)).toBe(before);
    const strict = await imp(path, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('cells.xlsx · 不是季度报表:工作表“季度报表”(150,000 个单元格)中单元格过多(超过 100,000 个),不像季度报表,未读取');
    expect(dump(db)).toBe(before);
  });

  it('a file that does not exist, and a folder with no returns', async () => {
    await refused('missing.xlsx', 'missing.xlsx · 文件不存在 · 请检查文件名和路径');
    mkdirSync(join(dir, 'empty folder'));
    await refused('empty folder', 'empty folder · 文件夹中没有 .xlsx 文件');
  });

  it('an unknown unit and an ambiguous one, named at the header cell', async () => {
    const retyped = async (unit: string, name: string) => {
      await filledReturn(plan, 'liedong', Q3, dir, {
        name,
        edit: (f) => {
          f.wb.removeWorksheet(f.wb.getWorksheet('_jiuye')!.id);
          f.ws.getCell('C2').value = unit;
        },
      });
      return name;
    };
    await refused(await retyped('区文旅局', 'a.xlsx'), 'a.xlsx · 季度报表!C2 · 填报单位“区文旅局”不是 2021 年方案中的单位 · 请填写单位全称或规范简称');
    await refused(await retyped('列', 'b.xlsx'), 'b.xlsx · 季度报表!C2 · 填报单位“列”可指多个单位:列东街道、列西街道 · 请写单位全称');
  });

  it('a unit that does not match the hidden sheet (a copied return)', async () => {
    await filledReturn(plan, 'liedong', Q3, dir, { edit: (f) => (f.ws.getCell('C2').value = '列西街道') });
    await refused('.', '季度报表!C2 · 表头填报单位“列西街道”与模板隐藏信息中的单位“列东街道”不一致');
  });

  it('a period outside the plan, and one that disagrees with --quarter', async () => {
    await filledReturn(plan, 'liedong', { year: 2022, quarter: 1 }, dir, { name: 'y2022.xlsx' });
    const outside = await imp('y2022.xlsx', '--quarter', '2022Q1');
    expect(outside.code).toBe(1);
    expect(outside.out).toContain('y2022.xlsx · 季度报表!E2 · 报送期间 2022Q1 不在数据库的方案中(数据库中有 2021 年的方案)');
    await filledReturn(plan, 'liedong', Q3, dir, { name: 'q3.xlsx' });
    const before = dump(db);
    const r = await imp('q3.xlsx', '--quarter', '2021Q2');
    expect(r.code).toBe(1);
    expect(r.out).toContain('q3.xlsx · 季度报表!E2 · 报表期间为 2021Q3,而命令行 --quarter 为 2021Q2 · 请核对报表是否属于 2021Q2;如是 2021Q3 的报表,请改用 --quarter 2021Q3 导入');
    expect(dump(db)).toBe(before);
  });

  it('a negative count', async () => {
    const { form } = await filledReturn(plan, 'liedong', Q3, dir, { edit: (f) => (f.value('xinzeng', 'quarter').value = -5) });
    await refused('.', `季度报表!${form.value('xinzeng', 'quarter').address} · 城镇新增就业“本季度城镇新增就业人数”不能为负数(填的是 -5) · 请填写 0 或正数`);
  });

  it('a rate above 100%', async () => {
    const { form } = await filledReturn(plan, 'renshe', Q3, dir, {
      edit: (f) => {
        f.value('gaoxiao', 'numerator').value = 520;
        f.value('gaoxiao', 'denominator').value = 500;
      },
    });
    const cells = `${form.value('gaoxiao', 'numerator').address}、${form.value('gaoxiao', 'denominator').address}`;
    await refused('.', `季度报表!${cells} · 高校毕业生就业率超过 100%(期末已就业高校毕业生人数 520 大于 期末高校毕业生人数 500,比率 104.0%)`);
  });

  it('required fields left empty', async () => {
    const { form } = await filledReturn(plan, 'liedong', Q3, dir, {
      edit: (f) => {
        f.value('kunnan', 'quarter').value = null;
        f.contact('filledBy').value = null;
        f.status('二(一)').value = null;
        f.status('六(一)').value = '进行中';
      },
    });
    await refused(
      '.',
      `季度报表!${form.value('kunnan', 'quarter').address} · 就业困难人员再就业“本季度就业困难人员再就业人数”未填写 · 此项必填;没有请填 0`,
      '季度报表!C3 · 填报人未填写 · 请填写填报人姓名',
      `季度报表!${form.status('二(一)').address} · 任务 二(一) 的状态未填写 · 请从下拉列表中选择:已完成、推进中、未启动`,
      `季度报表!${form.status('六(一)').address} · 任务 六(一) 的状态“进行中”无法识别 · 只能是:已完成、推进中、未启动`,
    );
  });

  it('a stock that breaks the quarter-end identity', async () => {
    const { form } = await filledReturn(plan, 'liedong', Q3, dir, {
      edit: (f) => {
        f.value('lingjiuye', 'opening').value = 3;
        f.value('lingjiuye', 'added').value = 1;
        f.value('lingjiuye', 'cleared').value = 2;
        f.value('lingjiuye', 'closing').value = 1;
      },
    });
    await refused('.', `季度报表!${form.value('lingjiuye', 'closing').address}`, '零就业家庭期末数与期初、增减不符:期初零就业家庭户数 3 + 本季度新认定户数 1 − 本季度帮扶清零户数 2 = 2,而期末零就业家庭户数填的是 1');
  });

  it('a layoff case with more laid off than employed, or half filled in', async () => {
    const { form } = await filledReturn(plan, 'liedong', Q3, dir, {
      edit: (f) => {
        f.layoff(1).getCell(2).value = '甲公司';
        f.layoff(1).getCell(3).value = 30;
        f.layoff(1).getCell(4).value = 40;
        f.layoff(1).getCell(6).value = new Date(Date.UTC(2021, 8, 1));
        f.layoff(2).getCell(2).value = '乙公司';
      },
    });
    const r = await refused('.', '规模性裁员第 1 户“甲公司”:裁减人数 40 大于职工总数 30', '规模性裁员第 2 户:“职工总数”未填写');
    expect(r.out).toContain(`季度报表!${form.layoff(2).getCell(3).address} · 规模性裁员第 2 户:“职工总数”未填写`);
    expect(r.out).toContain(`季度报表!${form.layoff(2).getCell(6).address} · 规模性裁员第 2 户:“实施日期”未填写`);
  });

  it('a locked quarter, saying how to unlock', async () => {
    expect((await jiuye(['lock', '2021Q3'], at())).code).toBe(0);
    await filledReturn(plan, 'liedong', Q3, dir);
    await refused('.', '2021Q3 已锁定,不再接受导入 · 如确需修改,请先运行 jiuye unlock 2021Q3');
    expect((await jiuye(['unlock', '2021Q3'], at())).code).toBe(0);
    expect((await imp('.')).code).toBe(0);
  });

  it('two files for one unit and quarter in one batch: both, naming each other', async () => {
    await filledReturn(plan, 'liedong', Q3, dir, { name: '列东-第一版.xlsx' });
    await filledReturn(plan, 'liedong', Q3, dir, { name: '列东-第二版.xlsx', seed: 2 });
    await filledReturn(plan, 'liexi', Q3, dir);
    const before = dump(db);
    const r = await imp('.');
    expect(r.code).toBe(1);
    expect(r.out).toContain('列东-第一版.xlsx · 同一批中还有 列东-第二版.xlsx 也是列东街道 2021Q3 的报表,内容不同,无法判断以哪份为准');
    expect(r.out).toContain('列东-第二版.xlsx · 同一批中还有 列东-第一版.xlsx');
    expect(r.out).toContain('新导入 1');
    expect(stored().map((x) => x.unit)).toEqual(['liexi']);
    expect(dump(db)).not.toBe(before);
  });
});

describe('re-importing', () => {
  it('the same file again changes nothing and says so', async () => {
    await filledReturn(plan, 'liedong', Q3, dir);
    expect((await imp('.')).code).toBe(0);
    const before = dump(db);
    const r = await imp('.');
    expect(r.code).toBe(0);
    expect(r.out).toContain('与已导入的是同一文件');
    expect(r.out).toContain('无变化 1');
    expect(dump(db)).toBe(before);
  });

  it('a revision is held back without --replace (exit 1, nothing written) and replaces with it, kept in history', async () => {
    const first = await filledReturn(plan, 'liedong', Q3, dir, { name: 'v1.xlsx' });
    expect((await imp('v1.xlsx')).code).toBe(0);
    await filledReturn(plan, 'liedong', Q3, dir, { name: 'v2.xlsx', edit: (f) => (f.value('xinzeng', 'quarter').value = 999) });
    const before = dump(db);
    const held = await imp('v2.xlsx');
    expect(held.code).toBe(1);
    expect(held.out).toContain('v2.xlsx · 列东街道 2021Q3 已导入过,此文件有 1 处不同,未替换 · 确认新文件是修订版后,加 --replace 重新导入');
    expect(held.out).toContain(`城镇新增就业·本季度城镇新增就业人数:${first.figures.get('xinzeng.quarter')} → 999`);
    expect(dump(db)).toBe(before);

    const replaced = await jiuye(['import', 'v2.xlsx', '--replace', '--received', '2021-10-12'], testIo({ cwd: dir, now: new Date(2021, 9, 13, 9) }));
    expect(replaced.code).toBe(0);
    expect(replaced.out).toContain('已替换');
    expect(figuresOf('liedong').get('xinzeng.quarter')).toBe(999);
    expect(stored()[0].receivedOn).toBe('2021-10-09');
    expect(stored()[0].revisedOn).toBe('2021-10-12');

    const history = JSON.parse((await jiuye(['history', '--json'], at())).out);
    expect(history.events.map((e: any) => [e.action, e.fileName])).toEqual([
      ['revision', 'v2.xlsx'],
      ['new', 'v1.xlsx'],
    ]);
    expect(history.events[0]).toMatchObject({
      period: '2021Q3',
      unit: 'liedong',
      unitName: '列东街道',
      receivedOn: '2021-10-12',
      changed: 1,
      fileHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      revisions: [{ item: 'figure:xinzeng.quarter', old: String(first.figures.get('xinzeng.quarter')), new: '999', label: '城镇新增就业·本季度城镇新增就业人数' }],
    });
    const text = await jiuye(['history', '--unit', '列东', '--quarter', '2021Q3'], at());
    expect(text.out).toContain('修订替换');
    expect(text.out).toContain(`城镇新增就业·本季度城镇新增就业人数:${first.figures.get('xinzeng.quarter')} → 999`);
    expect((await jiuye(['history', '--unit', '列西街道'], at())).out).toContain('还没有导入记录');
  });

  it('--yes also replaces', async () => {
    await filledReturn(plan, 'liedong', Q3, dir, { name: 'v1.xlsx' });
    await imp('v1.xlsx');
    await filledReturn(plan, 'liedong', Q3, dir, { name: 'v2.xlsx', edit: (f) => (f.note('二(一)').value = '改写后的进展') });
    const r = await imp('v2.xlsx', '--yes');
    expect(r.code).toBe(0);
    expect(stored()[0].progress.find((p) => p.task === '二(一)')!.note).toBe('改写后的进展');
  });
});

describe('--dry-run', () => {
  it('reports what would be added, changed and left alone, and writes nothing', async () => {
    await filledReturn(plan, 'liedong', Q3, dir, { name: 'a.xlsx' });
    const before = dump(db);
    const fresh = await imp('a.xlsx', '--dry-run', '--json');
    expect(fresh.code).toBe(0);
    expect(JSON.parse(fresh.out).files[0]).toMatchObject({ action: 'would-add', values: 10 });
    expect(dump(db)).toBe(before);

    await imp('a.xlsx');
    await filledReturn(plan, 'liedong', Q3, dir, { name: 'b.xlsx', edit: (f) => (f.value('zhuanyi', 'quarter').value = 777) });
    await filledReturn(plan, 'liexi', Q3, dir, { name: 'c.xlsx' });
    const after = dump(db);
    const r = await imp('a.xlsx', 'b.xlsx', 'c.xlsx', '--dry-run');
    expect(r.code).toBe(1); // a.xlsx and b.xlsx are one unit and quarter in one batch
    const r2 = await imp('b.xlsx', 'c.xlsx', '--dry-run', '--json');
    const files = JSON.parse(r2.out).files;
    expect(files.map((f: any) => f.action)).toEqual(['would-change', 'would-add']);
    expect(files[0].changes).toEqual([expect.objectContaining({ item: 'figure:zhuanyi.quarter', new: '777', label: '农村劳动力转移就业·本季度农村劳动力转移就业人数' })]);
    const text = await imp('a.xlsx', '--dry-run');
    expect(text.out).toContain('与已导入的是同一文件');
    expect(text.out).toContain('试导入(未写入数据库)');
    expect(dump(db)).toBe(after);
  });
});

describe('a batch', () => {
  it('one bad file does not stop the good ones; the exit code says something was refused', async () => {
    await filledReturn(plan, 'liedong', Q3, dir);
    await filledReturn(plan, 'liexi', Q3, dir, { edit: (f) => (f.value('xinzeng', 'quarter').value = 'abc') });
    await filledReturn(plan, 'caizheng', Q3, dir);
    writeFileSync(join(dir, '~$列东街道-2021Q3-就业工作季度报表.xlsx'), 'excel lock file');
    const r = await jiuye(['import', '.', '--json'], at());
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(out.summary).toMatchObject({ files: 3, imported: 2, refused: 1, values: 11 });
    expect(out.files.find((f: any) => f.unit === 'liexi')).toMatchObject({ action: 'refused', problems: [expect.objectContaining({ sheet: '季度报表', message: expect.stringContaining('“abc”') })] });
    expect(stored().map((x) => x.unit).sort()).toEqual(['caizheng', 'liedong']);
  });

  it('--received must be a date, not in the future', async () => {
    expect((await imp('.', '--received', '10月9日')).code).toBe(2);
    const r = await imp('.', '--received', '2021-12-01');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--received 的取值“2021-12-01”晚于今天(2021-10-09)');
  });
});

describe('the real binary', () => {
  it('imports a folder whose path has spaces and Chinese characters', async () => {
    const folder = join(dir, '收到的 报表');
    mkdirSync(folder);
    await filledReturn(plan, 'xubi', Q3, folder);
    const r = runBin(['import', '收到的 报表', '--received', '2021-10-08'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('徐碧街道');
    expect(r.out).toContain('新导入 1');
    expect(stored()[0]).toMatchObject({ unit: 'xubi', receivedOn: '2021-10-08', fileName: join('收到的 报表', '徐碧街道-2021Q3-就业工作季度报表.xlsx') });
  });
});

describe('paths that are not plain files', () => {
  /** The built binary, stopped after a minute: a regression that blocks on a pipe fails instead of hanging the run. */
  const bin = (args: string[], opts: { uid?: number; gid?: number } = {}) => {
    // The real binary runs on today's date: the returns are for 2021Q3, received in October 2021.
    const dated = args[0] === 'import' ? [...args, '--received', '2021-10-09'] : args;
    const r = spawnSync(process.execPath, [BIN, ...dated], { cwd: dir, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' }, ...opts });
    expect(r.signal, `jiuye ${args.join(' ')} did not finish`).toBeNull();
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('a folder named like a return, given as a file or found in a folder, is refused as a folder', async () => {
    mkdirSync(join(dir, '列东街道.xlsx'));
    const before = dump(db);
    const given = await imp('列东街道.xlsx');
    expect(given.code).toBe(1);
    expect(given.out).toContain('列东街道.xlsx · 这是一个文件夹(名字像报表文件),不是报表文件,其中也没有 .xlsx 文件 · 请指定报表文件本身');
    expect(dump(db)).toBe(before);
    mkdirSync(join(dir, '收到的报表'));
    mkdirSync(join(dir, '收到的报表', '列西街道.xlsx'));
    await filledReturn(plan, 'xubi', Q3, join(dir, '收到的报表'));
    const inFolder = await imp('收到的报表');
    expect(inFolder.code).toBe(1);
    // Files in a folder are listed under its name.
    expect(inFolder.out).toContain(`收到的报表${sep}\n  ✗ 列西街道.xlsx · 这是一个文件夹,不是文件`);
    expect(inFolder.out).toContain('新导入 1,替换 0,无变化 0,拒绝 1');
    expect(stored().map((r) => r.unit)).toEqual(['xubi']);
  });

  it.skipIf(process.platform === 'win32')('a named pipe (FIFO) called .xlsx, given or in a folder, is refused without blocking the import', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.xlsx')]);
    const before = dump(db);
    const given = bin(['import', 'pipe.xlsx']);
    expect(given.code).toBe(1);
    expect(given.out).toContain('pipe.xlsx · 这是命名管道(FIFO),不是普通文件,不能作为报表读取 · 请确认路径指向报表文件本身(.xlsx)');
    expect(dump(db)).toBe(before);
    // In a folder with returns: the pipe is refused, the returns go in.
    const folder = join(dir, '收到的报表');
    mkdirSync(folder);
    for (const unit of ['liedong', 'liexi', 'xubi', 'chenda', 'yangxi', 'kaifaqu', 'caizheng', 'fagai']) await filledReturn(plan, unit, Q3, folder);
    execFileSync('mkfifo', [join(folder, '管道.xlsx')]);
    const batch = bin(['import', '收到的报表', '--json']);
    expect(batch.code).toBe(1);
    const out = JSON.parse(batch.out);
    expect(out.summary).toMatchObject({ files: 9, imported: 8, refused: 1 });
    expect(out.files.find((f: any) => f.action === 'refused')).toMatchObject({ file: join('收到的报表', '管道.xlsx'), problems: [{ message: '这是命名管道(FIFO),不是普通文件,不能作为报表读取' }] });
    expect(stored()).toHaveLength(8);
  });

  // chmod 000 stops nobody when the tests run as root (as they do in CI): there the binary runs as
  // user nobody, for whom the file really is unreadable.
  it.skipIf(process.platform === 'win32')('an unreadable file and an unreadable folder are refused, naming the missing permission', async () => {
    const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    chmodSync(dir, 0o777);
    rmSync(db);
    expect(bin(['init'], asOther).code).toBe(0);
    const { path } = await filledReturn(plan, 'liedong', Q3, dir, { name: '锁住的.xlsx' });
    chmodSync(path, 0o000);
    mkdirSync(join(dir, '锁住的文件夹'));
    await filledReturn(plan, 'liexi', Q3, join(dir, '锁住的文件夹'));
    chmodSync(join(dir, '锁住的文件夹'), 0o000);
    const before = dump(db);
    const r = bin(['import', '锁住的.xlsx', '锁住的文件夹'], asOther);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toContain('锁住的.xlsx · 没有读取权限 · 请检查文件权限,或复制到自己的文件夹后再导入');
    expect(r.out).toContain('锁住的文件夹 · 没有读取这个文件夹的权限 · 请检查文件夹权限');
    expect(r.out).toContain('拒绝 2');
    expect(dump(db)).toBe(before);
  });
});
