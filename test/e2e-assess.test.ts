// A full year of returns written as .xlsx files and imported, then jiuye assess: the 预评 while a
// fourth-quarter return is missing, --json, --unit, and the workbook reopened (and its csv/md/json).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import type { Period, Quarter } from '../src/domain/period.js';
import { jiuye, runBin, tempDir, testIo } from './helpers.js';
import { filledReturn } from './returns.js';

const plan = loadPlanFile(DEFAULT_PLAN);
const AS_OF = '2022-01-20';
const WORKBOOK = '梅列区2021年度就业工作考核结果表.xlsx';
const MEETING = '=SUM(A1) 已召开领导小组会议,研究部署全年就业工作';
/** Received on each quarter's deadline; 列西街道's second quarter four days late; 洋溪镇 never sends the third. */
const RECEIVED: Record<Quarter, string> = { 1: '2021-04-06', 2: '2021-07-05', 3: '2021-10-08', 4: '2022-01-05' };

let dir: string;
const at = () => testIo({ cwd: dir, now: new Date(2022, 0, 20, 9) });
const run = async (argv: string[]) => {
  const r = await jiuye(argv, at());
  return r;
};

async function importBatch(folder: string, received: string, quarter: string): Promise<void> {
  const r = await run(['import', folder, '--received', received, '--quarter', quarter]);
  expect(r.code, r.err + r.out).toBe(0);
}

beforeAll(async () => {
  dir = tempDir('jiuye assess ');
  expect((await run(['init'])).code).toBe(0);
  const set = (await run(['targets', 'allocate', '--set', '列东街道:城镇新增就业=400', '列东街道:城镇登记失业人员再就业=240', '列东街道:就业困难人员再就业=65'])).code;
  expect(set).toBe(0);
  for (const quarter of [1, 2, 3, 4] as Quarter[]) {
    const period: Period = { year: 2021, quarter };
    const folder = join(dir, `Q${quarter}`);
    const later = join(dir, `Q${quarter}-later`);
    for (const unit of plan.units) {
      if (unit.code === 'yangxi' && quarter === 3) continue;
      const late = (unit.code === 'liexi' && quarter === 2) || (unit.code === 'tuiyi' && quarter === 4);
      const target = late ? later : folder;
      if (!existsSync(target)) (await import('node:fs')).mkdirSync(target);
      await filledReturn(plan, unit.code, period, target, {
        seed: quarter,
        edit: (f) => {
          if (unit.code === 'liedong') {
            // 412 of its 400, 240 of 240, 65 of 65: over, on and on again.
            f.value('xinzeng', 'quarter').value = quarter === 4 ? 112 : 100;
            f.value('zaijiuye', 'quarter').value = 60;
            f.value('kunnan', 'quarter').value = quarter === 4 ? 5 : 20;
            f.value('shiyelv', 'numerator').value = 30;
            f.value('shiyelv', 'denominator').value = 970;
            for (const field of ['opening', 'added', 'cleared', 'closing']) f.value('lingjiuye', field).value = 0;
          }
          if (unit.code === 'renshe' && quarter === 2) {
            f.status('二(一)-1').value = '已完成';
            f.note('二(一)-1').value = MEETING;
          }
        },
      });
    }
    await importBatch(folder, RECEIVED[quarter], `2021Q${quarter}`);
    // 列西街道's second quarter arrives four days late; 区退役军人事务局's fourth waits for the 预评 below.
    if (quarter === 2) await importBatch(later, '2021-07-09', '2021Q2');
  }
}, 120_000);

describe('jiuye assess on a year of imported returns', () => {
  it('is a 预评 while a fourth-quarter return is missing, and names it', async () => {
    const r = await run(['assess', '--json', '--as-of', AS_OF]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('年度:2021(未指定 --year,取截至 2022-01-20 最近一个已结束的年度)');
    const report = JSON.parse(r.out);
    expect(report.provisional).toBe(true);
    expect(report.pendingReturns).toEqual([{ unit: 'tuiyi', name: '区退役军人事务局', status: 'overdue', statusText: '未报送·已逾期(15天)' }]);
    const tuiyi = report.groups[1].units.find((u: any) => u.unit === 'tuiyi');
    expect(tuiyi.provisional).toBe(true);
    const text = await run(['assess', '--as-of', AS_OF]);
    expect(text.out).toContain('预评(暂定):第四季度报表未收齐,未到 1 份:区退役军人事务局(未报送·已逾期(15天))');
  });

  describe('with every return in', () => {
    beforeAll(async () => {
      await importBatch(join(dir, 'Q4-later'), '2022-01-12', '2021Q4');
    });

    it('--json scores 列东街道 item by item from the imported figures', async () => {
      const r = await run(['assess', '--json', '--as-of', AS_OF, '--year', '2021']);
      expect(r.code, r.err).toBe(0);
      const report = JSON.parse(r.out);
      expect(report).toMatchObject({ year: 2021, district: '梅列区', asOf: AS_OF, provisional: false, pendingReturns: [], returns: { expected: 22, received: 22 } });
      expect(report.method.title).toBe('考核办法(默认,可修改)');
      expect(report.groups.map((g: any) => [g.unitKind, g.units.length])).toEqual([
        ['area', 6],
        ['department', 16],
      ]);
      const liedong = report.groups[0].units.find((u: any) => u.unit === 'liedong');
      expect(liedong.items.map((i: any) => [i.id, i.points, i.evidence])).toEqual([
        ['xinzeng', 30, '新增就业 412 / 400 → 100% → 30.0 分'],
        ['zaijiuye', 15, '再就业 240 / 240 → 100% → 15.0 分'],
        ['kunnan', 15, '困难再就业 65 / 65 → 100% → 15.0 分'],
        ['shiyelv', 10, '失业率 年末 3.00%(目标 ≤3.5%)→ 达标 → 10.0 分'],
        ['lingjiuye', 10, '零就业 年末 0 户(目标 动态清零)→ 达标 → 10.0 分'],
        ['returns', 10, '四个季度均按时报送 → 10.0 分'],
        ['tasks', 10, '已填 16 / 应填 16 项次 → 100% → 10.0 分'],
      ]);
      expect(liedong).toMatchObject({ total: 100, grade: '优秀', rank: 1, provisional: false });
      // The other areas have no allocation: their count items do not concern them, and the gap is named.
      expect(report.gaps).toContain('列西街道城镇新增就业未分解目标');
      const liexi = report.groups[0].units.find((u: any) => u.unit === 'liexi');
      expect(liexi.items.find((i: any) => i.id === 'returns').evidence).toBe('按时 3 次;2021Q2 逾期报送 4 天 扣 1.0 → 9.0 分');
      const yangxi = report.groups[0].units.find((u: any) => u.unit === 'yangxi');
      expect(yangxi.missingReturns).toEqual([{ period: '2021Q3', status: 'overdue', statusText: '未报送·已逾期(104天)' }]);
      expect(yangxi.items.find((i: any) => i.id === 'returns').points).toBe(7.5);
      expect(report.officeDuties[0]).toMatchObject({ task: '二(一)-1', met: true, evidence: '区人社局 2021Q2 报“已完成”', words: MEETING });
      const tuiyi = report.groups[1].units.find((u: any) => u.unit === 'tuiyi');
      expect(tuiyi.items.find((i: any) => i.id === 'returns').evidence).toBe('按时 3 次;2021Q4 逾期报送 7 天 扣 3.0 → 27.0 分');
    });

    it('--unit shows every item with its rule, the figures it used and the points (the real binary)', () => {
      const r = runBin(['assess', '--unit', '列东街道', '--as-of', AS_OF], dir, { COLUMNS: '200' });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('镇街和开发区 · 总分 100.0 · 第 1 名 / 6 · 等级 优秀');
      expect(r.out).toMatch(/│ 城镇新增就业\s+│\s+30 │\s+30\.0 │ 新增就业 412 \/ 400 → 100% → 30\.0 分\s+│ 城镇新增就业全年累计 ÷ 分解目标 × 30 分/);
      expect(r.out).toContain('四个季度报表按时报送得 10 分;逾期报送每次扣 1 分');
      const json = JSON.parse(runBin(['assess', '--unit', 'liedong', '--as-of', AS_OF, '--json'], dir).out);
      expect(json.unit).toMatchObject({ unit: 'liedong', total: 100 });
      expect(json.group).toMatchObject({ unitKind: 'area', name: '镇街和开发区', size: 6 });
      expect(json.groups).toBeUndefined();
    });

    it('writes the workbook: three sheets, header rows, 列东街道’s items and total, the print setup, a formula-looking note kept as text', async () => {
      const r = runBin(['assess', '--as-of', AS_OF, '--out', WORKBOOK], dir);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toContain(`已写出 ${WORKBOOK}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, WORKBOOK));
      expect(wb.worksheets.map((w) => w.name)).toEqual(['考核结果', '评分明细', '考核办法']);
      const header = (ws: ExcelJS.Worksheet) => (ws.getRow(3).values as unknown[]).slice(1);
      expect(header(wb.getWorksheet('考核结果')!)).toEqual(['类别', '排名', '单位', '各项得分', '得分(百分制)', '扣分', '总分', '等级', '说明']);
      expect(header(wb.getWorksheet('评分明细')!)).toEqual(['单位', '考核项目', '满分', '得分', '计算依据', '报表原文']);
      expect(header(wb.getWorksheet('考核办法')!)).toEqual(['类别', '项目', '分值', '评分规则']);
      for (const ws of wb.worksheets) {
        expect(ws.getCell('A1').isMerged, ws.name).toBe(true);
        expect(String(ws.getCell('A2').value), ws.name).toContain('统计截至 2022年1月20日;数据来源:各单位报送的2021年四个季度季度报表(第四季度已收 22 / 应报 22 份);按考核办法(默认,可修改)评分');
        expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
        expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 3 });
        expect(ws.getCell('A3').font?.bold, ws.name).toBe(true);
      }
      expect(wb.getWorksheet('考核结果')!.getCell('A1').value).toBe('梅列区2021年度就业工作考核结果');
      expect(wb.getWorksheet('考核办法')!.getCell('A1').value).toBe('梅列区2021年度就业工作考核办法(默认,可修改)');

      const rows = (ws: ExcelJS.Worksheet) => {
        const out: unknown[][] = [];
        ws.eachRow((row, n) => n > 3 && out.push((row.values as unknown[]).slice(1)));
        return out;
      };
      const result = rows(wb.getWorksheet('考核结果')!).find((r) => r[2] === '列东街道')!;
      expect(result.slice(0, 8)).toEqual(['镇街和开发区', 1, '列东街道', '新增就业 30.0;再就业 15.0;困难再就业 15.0;失业率 10.0;零就业 10.0;按时报送 10.0;任务进展 10.0', 100, undefined, 100, '优秀']);
      expect(wb.getWorksheet('考核结果')!.getRow(4).getCell(7).numFmt).toBe('0.0');

      // 评分明细: the unit's name on each of its rows (a block may run over a page break).
      const detail = rows(wb.getWorksheet('评分明细')!);
      const first = detail.findIndex((r) => r[0] === '列东街道');
      const block = detail.slice(first, first + 8);
      expect(block.every((r) => r[0] === '列东街道')).toBe(true);
      expect(block.map((r) => [r[1], r[2], r[3], r[4]])).toEqual([
        ['城镇新增就业', 30, 30, '新增就业 412 / 400 → 100% → 30.0 分'],
        ['城镇登记失业人员再就业', 15, 15, '再就业 240 / 240 → 100% → 15.0 分'],
        ['就业困难人员再就业', 15, 15, '困难再就业 65 / 65 → 100% → 15.0 分'],
        ['城镇登记失业率控制在3.5%以内', 10, 10, '失业率 年末 3.00%(目标 ≤3.5%)→ 达标 → 10.0 分'],
        ['零就业家庭动态清零', 10, 10, '零就业 年末 0 户(目标 动态清零)→ 达标 → 10.0 分'],
        ['季度报表按时报送', 10, 10, '四个季度均按时报送 → 10.0 分'],
        ['任务进展按季报告', 10, 10, '已填 16 / 应填 16 项次 → 100% → 10.0 分'],
        ['合计', 100, 100, '各项得分 100.0;镇街和开发区第 1 名,优秀'],
      ]);

      // The office's meeting, in 区人社局's own words: text, never a formula.
      const ws = wb.getWorksheet('评分明细')!;
      let words: ExcelJS.Cell | undefined;
      ws.eachRow((row) => row.eachCell((cell) => void (cell.value === MEETING && (words = cell))));
      expect(words, 'the note is in the workbook').toBeDefined();
      expect(words!.type).toBe(ExcelJS.ValueType.String);
      expect(words!.formula).toBeUndefined();
      expect(String(ws.getRow(Number(words!.row)).getCell(2).value)).toBe('领导小组办公室职责:二(一)-1 领导小组会议每年至少召开一次');

      // The method as printed text, every item with its rule.
      const method = rows(wb.getWorksheet('考核办法')!);
      expect(method.find((r) => r[1] === '城镇新增就业')).toEqual(['镇街和开发区', '城镇新增就业', 30, '城镇新增就业全年累计 ÷ 分解目标 × 30 分,超过目标的按 100% 计;分解目标为 0 的视为完成,未分解的不涉及']);
      expect(method.filter((r) => r[0] === '否决项').map((r) => r[3])).toEqual([
        '第四季度末城镇登记失业率未达标的,等级最高为良好(不得评为优秀),不论得分',
        '第四季度末零就业家庭未达标的,等级最高为良好(不得评为优秀),不论得分',
      ]);
    });

    it('refuses to overwrite the workbook without --force, and writes nothing half-done', async () => {
      const before = statSync(join(dir, WORKBOOK)).mtimeMs;
      const r = await run(['assess', '--as-of', AS_OF, '--out', WORKBOOK]);
      expect(r.code).toBe(1);
      expect(r.err).toContain('已存在,未覆盖。如需覆盖请加 --force');
      expect(statSync(join(dir, WORKBOOK)).mtimeMs).toBe(before);
      expect((await run(['assess', '--as-of', AS_OF, '--out', WORKBOOK, '--force'])).code).toBe(0);
      expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    });

    it('--format csv, md and json write the same tables (and the model), text from returns guarded in csv', async () => {
      expect((await run(['assess', '--as-of', AS_OF, '--format', 'csv'])).code).toBe(0);
      const folder = join(dir, '梅列区2021年度就业工作考核结果表');
      expect(readdirSync(folder)).toEqual(['01-考核结果.csv', '02-评分明细.csv', '03-考核办法.csv']);
      const csv = readFileSync(join(folder, '02-评分明细.csv'), 'utf8');
      expect(csv.startsWith('\uFEFF单位,考核项目,满分,得分,计算依据,报表原文\r\n')).toBe(true);
      expect(csv).toContain(`'${MEETING}`);
      expect((await run(['assess', '--as-of', AS_OF, '--format', 'md', '--out', 'a.md'])).code).toBe(0);
      const md = readFileSync(join(dir, 'a.md'), 'utf8');
      expect(md).toContain('## 考核结果');
      expect(md).toContain('| 镇街和开发区 | 1 | 列东街道 |');
      expect((await run(['assess', '--as-of', AS_OF, '--format', 'json', '--out', 'a.json'])).code).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')).groups[0].units[0].unit).toBe('liedong');
    });
  });
});

describe('jiuye assess refuses', () => {
  it('wrong usage with exit 2 and the usage line, nothing written', async () => {
    const cases: [string[], string][] = [
      [['--format', 'pdf'], '--format 的取值“pdf”无效,可用:xlsx、csv、json、md'],
      [['--unit', '列东街道', '--out', 'x.xlsx'], '--unit 只用于在终端上或以 --json 查看一个单位'],
      [['--json', '--format', 'csv'], '--json 输出到屏幕,--out/--format 写出文件,请只用其一'],
      [['--as-of', '2022-13-01'], '--as-of 的取值“2022-13-01”不是有效日期'],
      [['--unit', '列'], '--unit 的取值“列”可指多个单位'],
      [['--year', '21'], '--year 的取值“21”不是四位年份'],
    ];
    for (const [argv, message] of cases) {
      const r = await run(['assess', '--as-of', AS_OF, ...argv]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err).toContain('用法:jiuye assess [选项]');
    }
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });

  it('a year without a plan, and a missing database, with exit 1', async () => {
    const r = await run(['assess', '--year', '2030']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('数据库中没有 2030 年的方案(已有:2021 年)');
    const none = await jiuye(['assess'], testIo({ cwd: tempDir() }));
    expect(none.code).toBe(1);
    expect(none.err).toContain('请先运行 jiuye init');
  });
});
