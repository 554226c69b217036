// Returns as units really send them: formulas, rows inserted in LibreOffice, last quarter's sheet left
// in the workbook, notes under the tables, retyped labels, attachments, copies, lock files, rosters,
// a wrong quarter, a revision declined at the prompt, and the data-quality hints of an import.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import type { Period } from '../src/domain/period.js';
import { openDb } from '../src/store/db.js';
import { readReturns } from '../src/store/returns.js';
import { jiuye, ROOT, tempDir, testIo } from './helpers.js';
import { dump, filledReturn, Form, Q3 } from './returns.js';

const plan = loadPlanFile(DEFAULT_PLAN);
const Q2: Period = { year: 2021, quarter: 2 };
let dir: string;
let db: string;
// Received on 2021-10-09: the batch is for 2021Q3 unless --quarter says otherwise.
// These tests read what is said, not how it is laid out: a wide terminal keeps each problem on one line.
const at = (opts: { tty?: boolean; answers?: boolean[] } = {}) => testIo({ cwd: dir, now: new Date(2021, 9, 9, 10), env: { COLUMNS: '1000' }, ...opts });
const imp = (...args: string[]) => jiuye(['import', ...args], at());
const stored = (year = 2021) => {
  const d = openDb(db);
  try {
    return readReturns(d, year);
  } finally {
    d.close();
  }
};
const figuresOf = (unit: string, quarter = 3) =>
  Object.fromEntries(stored().find((r) => r.unit === unit && r.period.quarter === quarter)!.figures.map((f) => [`${f.indicator}.${f.field}`, f.value]));

beforeEach(async () => {
  dir = tempDir();
  db = join(dir, 'jiuye.db');
  expect((await jiuye(['init'], at())).code).toBe(0);
});

/** Copies the values of one sheet into a new sheet of another workbook (what a unit's copy-and-paste leaves). */
function copySheet(from: ExcelJS.Worksheet, to: ExcelJS.Workbook, name: string, first: boolean): ExcelJS.Worksheet {
  const ws = to.addWorksheet(name);
  from.eachRow((row, r) => row.eachCell((c, col) => (ws.getCell(r, col).value = c.value)));
  // exceljs orders sheets by orderNo (not in its type declarations): put the copy in front.
  if (first) (ws as unknown as { orderNo: number }).orderNo = -1;
  return ws;
}

describe('what the file holds is what is read', () => {
  it('a return saved by LibreOffice with rows inserted, 期末 as a formula Calc worked out to 0, 无 and notes in the layoff table', async () => {
    // Made by test/fixtures/make-fixtures.py (see test/fixtures/README.md).
    copyFileSync(join(ROOT, 'test', 'fixtures', 'libreoffice-xubi-2021Q3-rows.xlsx'), join(dir, 'xubi.xlsx'));
    const r = await imp('xubi.xlsx');
    expect(r.out).not.toContain('✗');
    expect(r.code).toBe(0);
    expect(figuresOf('xubi')).toEqual({
      'xinzeng.quarter': 88,
      'zaijiuye.quarter': 52,
      'kunnan.quarter': 15,
      'shiyelv.numerator': 290,
      'shiyelv.denominator': 9600,
      'lingjiuye.opening': 2,
      'lingjiuye.added': 1,
      'lingjiuye.cleared': 3,
      'lingjiuye.closing': 0,
      'zhuanyi.quarter': 41,
    });
    const ret = stored()[0];
    expect(ret.layoffs).toEqual([]);
    expect(ret.progress.find((p) => p.task === '二(一)')).toEqual({ task: '二(一)', status: '推进中', note: '二(一):徐碧街道本季度按计划推进。' });
  });

  it('a formula whose cached result is 0 (the households cleared) is read as 0', async () => {
    await filledReturn(plan, 'liedong', Q3, dir, {
      edit: (f) => {
        const [o, a, c] = ['opening', 'added', 'cleared'].map((k) => f.value('lingjiuye', k));
        o.value = 2;
        a.value = 1;
        c.value = 3;
        f.value('lingjiuye', 'closing').value = { formula: `${o.address}+${a.address}-${c.address}`, result: 0 };
      },
    });
    const r = await imp('.');
    expect(r.code, r.out).toBe(0);
    expect(figuresOf('liedong')['lingjiuye.closing']).toBe(0);
  });

  it('a formula saved without a result says to open and save the file in Excel or WPS', async () => {
    const { form } = await filledReturn(plan, 'liedong', Q3, dir, { edit: (f) => (f.value('xinzeng', 'quarter').value = { formula: 'E20*2' } as ExcelJS.CellFormulaValue) });
    const r = await imp('.');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`季度报表!${form.value('xinzeng', 'quarter').address} · 城镇新增就业“本季度城镇新增就业人数”填的是 公式 =E20*2(没有计算结果),不是整数 · 文件里的公式没有保存计算结果`);
    expect(r.out).toContain('请在 Excel 或 WPS 中打开该文件并保存,再重新导入');
  });

  it('5,000 lines of notes under the layoff table are notes, not 15,000 problems; 无 in the table is no layoff', async () => {
    await filledReturn(plan, 'liexi', Q3, dir, {
      edit: (f) => {
        f.layoff(1).getCell(2).value = '无';
        f.layoff(1).getCell(3).value = '无';
        const last = Number(f.layoff(5).number);
        f.ws.getCell(last + 2, 1).value = '注:规模性裁员指一次裁减20人以上,或不足20人但占企业职工总数10%以上。';
        for (let i = 0; i < 5000; i++) f.ws.getCell(last + 3 + i, 2).value = `第${i + 1}条说明:各单位请如实填报`;
      },
    });
    const r = await imp('.');
    expect(r.out).not.toContain('✗');
    expect(r.code).toBe(0);
    expect(stored()[0].layoffs).toEqual([]);
  });

  it('a real layoff row above the notes is still read', async () => {
    await filledReturn(plan, 'liexi', Q3, dir, {
      edit: (f) => {
        const row = f.layoff(1);
        [row.getCell(2).value, row.getCell(3).value, row.getCell(4).value, row.getCell(6).value] = ['某纺织厂', 300, 40, '2021-09-01'];
        f.ws.getCell(Number(f.layoff(5).number) + 1, 1).value = '备注:该企业已报人社部门备案';
      },
    });
    expect((await imp('.')).code).toBe(0);
    expect(stored()[0].layoffs).toEqual([{ firm: '某纺织厂', staff: 300, laidOff: 40, noticeOn: null, layoffOn: '2021-09-01' }]);
  });

  it('a return carrying a large attachment sheet is read; the attachment is set aside and named', async () => {
    await filledReturn(plan, 'chenda', Q3, dir, {
      edit: (f) => {
        const ws = f.wb.addWorksheet('附件-花名册');
        for (let r = 1; r <= 100_001; r++) ws.getCell(r, 1).value = r;
      },
    });
    const r = await imp('.');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('工作表“附件-花名册”(100,001 个单元格)数据量大,不是报表,未读取');
    expect(figuresOf('chenda')['xinzeng.quarter']).toBeGreaterThan(0);
  });
});

describe('a retyped form: labels matched when the match is unambiguous, and a problem said once', () => {
  const retyped = (edit: (f: Form) => void) =>
    filledReturn(plan, 'liedong', Q3, dir, {
      edit: (f) => {
        f.wb.removeWorksheet(f.wb.getWorksheet('_jiuye')!.id);
        edit(f);
      },
    });
  const labelCell = (f: Form, indicator: string, field: string) => f.ws.getCell(Number(f.value(indicator, field).row), 3);

  it('城镇新增就业人数 for 本季度城镇新增就业人数, 期末户数 for 期末零就业家庭户数, 失业人数 for 期末城镇登记失业人数', async () => {
    await retyped((f) => {
      labelCell(f, 'xinzeng', 'quarter').value = '城镇新增就业人数';
      labelCell(f, 'lingjiuye', 'closing').value = '期末户数';
      labelCell(f, 'shiyelv', 'numerator').value = '登记失业人数(人)';
      f.ws.getCell(Number(f.value('kunnan', 'quarter').row), 2).value = '就业困难人员再就业情况';
    });
    const r = await imp('.');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(
      '按相近的名称读取:“城镇新增就业人数”→“本季度城镇新增就业人数”、“就业困难人员再就业情况”→“就业困难人员再就业”、“登记失业人数(人)”→“期末城镇登记失业人数”、“期末户数”→“期末零就业家庭户数”',
    );
    expect(Object.keys(figuresOf('liedong'))).toHaveLength(10);
  });

  it('an ambiguous label (户数 could be any of four) is one problem at its cell, not one more for the missing row', async () => {
    let address = '';
    await retyped((f) => {
      const cell = labelCell(f, 'lingjiuye', 'opening');
      cell.value = '户数';
      address = cell.address;
    });
    const r = await imp('.');
    expect(r.code).toBe(1);
    const lines = r.out.split('\n').filter((l) => l.includes('✗'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`季度报表!${address} · “户数”可指指标“零就业家庭”的 期初零就业家庭户数、本季度新认定户数、本季度帮扶清零户数、期末零就业家庭户数(应为:期初零就业家庭户数)`);
  });
});

describe('the right quarter, or a question', () => {
  it('last quarter’s template filled with this quarter’s figures is refused, saying both quarters and what to do', async () => {
    await filledReturn(plan, 'liedong', Q2, dir, { name: '列东.xlsx' });
    const before = dump(db);
    const r = await imp('列东.xlsx');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      '列东.xlsx · 季度报表!E2 · 报表期间为 2021Q2,而本批应为 2021Q3 · 请报送单位用 2021Q3 的报表重新填报(jiuye template --quarter 2021Q3 --unit 单位名称);如确是补报的 2021Q2 报表,请单独导入并加 --quarter 2021Q2',
    );
    expect(r.out).toContain('导入完成(2021Q3,按收到日期 2021-10-09 推算');
    expect(dump(db)).toBe(before);
    // The clerk decides it really is a late Q2 return.
    const late = await imp('列东.xlsx', '--quarter', '2021Q2');
    expect(late.code).toBe(0);
    expect(stored().map((x) => [x.unit, x.period.quarter, x.receivedOn])).toEqual([['liedong', 2, '2021-10-09']]);
  });

  it('where that quarter is already stored, it is still a period question, never a revision to --replace', async () => {
    await filledReturn(plan, 'liedong', Q2, join(dir), { name: 'q2.xlsx' });
    expect((await imp('q2.xlsx', '--quarter', '2021Q2')).code).toBe(0);
    const before = dump(db);
    await filledReturn(plan, 'liedong', Q2, dir, { name: 'q2-again.xlsx', seed: 9 });
    const r = await imp('q2-again.xlsx');
    expect(r.code).toBe(1);
    expect(r.out).toContain('报表期间为 2021Q2,而本批应为 2021Q3');
    expect(r.out).not.toContain('--replace');
    expect(dump(db)).toBe(before);
  });

  describe('a workbook with last quarter’s sheet in front', () => {
    async function twoSheets(opts: { keepMeta: boolean; second: Period }) {
      const scratch = tempDir();
      const { form: old } = await filledReturn(plan, 'liedong', Q2, scratch, { seed: 5 });
      return filledReturn(plan, 'liedong', opts.second, dir, {
        seed: 7,
        edit: (f) => {
          if (!opts.keepMeta) f.wb.removeWorksheet(f.wb.getWorksheet('_jiuye')!.id);
          copySheet(old.ws, f.wb, '二季度', true);
        },
      });
    }

    it('with the template’s hidden sheet: the sheet of its quarter is read, the other named', async () => {
      const { figures } = await twoSheets({ keepMeta: true, second: Q3 });
      const r = await imp('.');
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain('另有工作表“二季度”(2021Q2)像季度报表,未读取(读的是“季度报表”)');
      expect(figuresOf('liedong')['xinzeng.quarter']).toBe(figures.get('xinzeng.quarter'));
    });

    it('retyped, without it: the sheet of the batch’s quarter is read', async () => {
      const { figures } = await twoSheets({ keepMeta: false, second: Q3 });
      const r = await imp('.');
      expect(r.code, r.out).toBe(0);
      expect(figuresOf('liedong')['xinzeng.quarter']).toBe(figures.get('xinzeng.quarter'));
      expect(stored().map((x) => x.period.quarter)).toEqual([3]);
    });

    it('two sheets of the same quarter: refused, naming both, never the first taken', async () => {
      await twoSheets({ keepMeta: false, second: Q2 });
      const r = await imp('.', '--quarter', '2021Q2');
      expect(r.code).toBe(1);
      expect(r.out).toContain('工作簿中有 2 张工作表像季度报表:“二季度”(2021Q2)、“季度报表”(2021Q2),其中不止一张是 2021Q2 的,无法确定读哪一张');
      expect(stored()).toEqual([]);
    });
  });
});

describe('batches that behave', () => {
  it('the same file downloaded twice is imported once, and the copy is named as the same file', async () => {
    const { path } = await filledReturn(plan, 'liedong', Q3, dir, { name: '列东街道.xlsx' });
    copyFileSync(path, join(dir, '列东街道(1).xlsx'));
    const r = await imp('.');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/列东街道\(1\)\.xlsx .* 重复文件 .* 与 列东街道\.xlsx 是同一文件,只导入一次/);
    expect(r.out).toContain('新导入 1,替换 0,无变化 0,拒绝 0,重复文件 1');
    expect(stored()).toHaveLength(1);
  });

  it('Excel’s ~$ lock file is skipped whether a glob names it or it sits in the folder', async () => {
    await filledReturn(plan, 'liedong', Q3, dir, { name: '列东街道.xlsx' });
    writeFileSync(join(dir, '~$列东街道.xlsx'), Buffer.from([0x0d, 0x4c, 0x69, 0x00, 0x00]));
    const folder = await imp('.');
    expect(folder.code).toBe(0);
    expect(folder.out).not.toContain('~$');
    const glob = await imp('列东街道.xlsx', '~$列东街道.xlsx');
    expect(glob.code).toBe(0);
    expect(glob.out).toMatch(/~\$列东街道\.xlsx .* 临时文件,已跳过 .* Excel 或 WPS/);
    expect(glob.out).not.toContain('损坏');
  });

  it('a roster workbook in the folder is listed once as 非报表,已跳过; --strict makes it fail the batch', async () => {
    await filledReturn(plan, 'liedong', Q3, dir);
    const roster = new ExcelJS.Workbook();
    const ws = roster.addWorksheet('花名册');
    ws.addRow(['姓名', '身份证号', '就业单位']);
    ws.addRow(['张三', '350400199001010000', '某公司']);
    await roster.xlsx.writeFile(join(dir, '就业困难人员花名册.xlsx'));
    const r = await imp('.');
    expect(r.code).toBe(0);
    expect(r.out.match(/花名册\.xlsx/g)).toHaveLength(1);
    expect(r.out).toMatch(/就业困难人员花名册\.xlsx .* 非报表,已跳过/);
    expect(r.out).not.toContain('--quarter 2021Q3');
    expect(stored()).toHaveLength(1);
    const strict = await imp('就业困难人员花名册.xlsx', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('就业困难人员花名册.xlsx · 不是季度报表:工作簿中找不到季度报表');
  });

  it('a batch that all went in prints a short count table and no line per file', async () => {
    for (const unit of ['liedong', 'liexi', 'xubi']) await filledReturn(plan, unit, Q3, dir);
    const r = await imp('.');
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('列东街道-2021Q3');
    expect(r.out).toMatch(/│ 新导入\s+│\s+3 │/);
    const verbose = await imp('.', '--verbose');
    expect(verbose.out).toContain('列东街道-2021Q3-就业工作季度报表.xlsx');
    expect(verbose.out).toMatch(/│ 无变化\s+│\s+3 │/);
  });

  it('a revision declined at the prompt: the change is shown once, and it is 未替换(已跳过), not a refusal', async () => {
    await filledReturn(plan, 'liedong', Q3, dir, { name: 'v1.xlsx' });
    expect((await imp('v1.xlsx')).code).toBe(0);
    await filledReturn(plan, 'liedong', Q3, dir, { name: 'v2.xlsx', edit: (f) => (f.value('xinzeng', 'quarter').value = 999) });
    const before = dump(db);
    const r = await jiuye(['import', 'v2.xlsx'], at({ tty: true, answers: [false] }));
    expect(r.code).toBe(0);
    const said = `${r.out}${r.err}`;
    expect(said.match(/城镇新增就业·本季度城镇新增就业人数:\d+ → 999/g)).toHaveLength(1);
    expect(r.err).toContain('用新文件替换已导入的数据?');
    expect(r.out).toContain('未替换(已跳过)');
    expect(r.out).not.toContain('拒绝 1');
    expect(dump(db)).toBe(before);
    // Yes replaces it.
    const yes = await jiuye(['import', 'v2.xlsx'], at({ tty: true, answers: [true] }));
    expect(yes.code).toBe(0);
    expect(figuresOf('liedong')['xinzeng.quarter']).toBe(999);
  });
});

describe('data-quality hints at import', () => {
  it('a cumulative 本季度 figure is imported, counted and explained; a consistent one is not', async () => {
    const quarter = async (q: 1 | 2 | 3, xinzeng: number, received: string) => {
      const sub = join(dir, `Q${q}`);
      mkdirSync(sub);
      await filledReturn(plan, 'liedong', { year: 2021, quarter: q }, sub, {
        edit: (f) => {
          f.value('xinzeng', 'quarter').value = xinzeng;
          for (const k of ['opening', 'added', 'cleared', 'closing']) f.value('lingjiuye', k).value = 0;
        },
      });
      return jiuye(['import', `Q${q}`, '--received', received], at());
    };
    expect((await quarter(1, 120, '2021-04-06')).out).toContain('数据质量提示 0 条');
    expect((await quarter(2, 140, '2021-07-05')).out).toContain('数据质量提示 0 条');
    const r = await quarter(3, 418, '2021-10-08');
    expect(r.code).toBe(0);
    expect(r.out).toContain('数据质量提示 1 条');
    expect(r.out).toContain(
      '疑似填了累计数 · 列东街道 2021Q3 城镇新增就业“本季度城镇新增就业人数”填 418,此前各季度为 2021Q1 120、2021Q2 140(合计 260),比此前各季度之和多 158,约为一个季度的量;疑为年初至今的累计数 · 阈值:',
    );
    expect(figuresOf('liedong')['xinzeng.quarter']).toBe(418);
  });
});
