// A full year of returns written as .xlsx files and imported, then jiuye assess: the 预评 while a
// fourth-quarter return is missing, --json, --unit, and the workbook reopened (and its csv/md/json).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import type { Period, Quarter } from '../src/domain/period.js';
import { zipEntryText } from './zip.js';
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
    // Only 列东街道 has its targets allocated: the other areas are listed after the ranking, not in it.
    expect(text.out.replace(/\n\s*/g, '')).toContain('不参加排名:列西街道、徐碧街道、陈大镇、洋溪镇、梅列经济开发区(未分解目标:城镇新增就业、城镇登记失业人员再就业、就业困难人员再就业)');
    expect(text.out).not.toMatch(/│\s+— │ 列西街道/);
    const ranked = JSON.parse(r.out).groups[0].units.map((u: any) => [u.name, u.rank, u.notRanked?.text ?? null]);
    expect(ranked[0]).toEqual(['列东街道', 1, null]);
    expect(ranked.slice(1).every((u: any[]) => u[1] === null && u[2] === '未分解目标')).toBe(true);
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
      // The other areas have no allocation, so they are not ranked: 列东街道 is first of one.
      expect(r.out).toContain('镇街和开发区 · 总分 100.0 · 第 1 名 / 1 · 等级 优秀');
      const liexi = runBin(['assess', '--unit', '列西街道', '--as-of', AS_OF], dir, { COLUMNS: '200' });
      expect(liexi.out).toContain('镇街和开发区 · 不参加排名(未分解目标:城镇新增就业、城镇登记失业人员再就业、就业困难人员再就业)');
      expect(r.out).toMatch(/│ 城镇新增就业\s+│\s+30 │\s+30\.0 │ 新增就业 412 \/ 400 → 100% → 30\.0 分\s+│ 城镇新增就业全年累计 ÷ 分解目标 × 30 分/);
      expect(r.out).toContain('四个季度报表按时报送得 10 分;逾期报送每次扣 1 分');
      const json = JSON.parse(runBin(['assess', '--unit', 'liedong', '--as-of', AS_OF, '--json'], dir).out);
      expect(json.unit).toMatchObject({ unit: 'liedong', total: 100 });
      expect(json.group).toMatchObject({ unitKind: 'area', name: '镇街和开发区', size: 6 });
      expect(json.groups).toBeUndefined();
    });

    it('writes the workbook: a block per kind of unit, one column per item, each unit’s scores on a page of its own, the method', async () => {
      const r = runBin(['assess', '--as-of', AS_OF, '--out', WORKBOOK], dir);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toContain(`已写出 ${WORKBOOK}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, WORKBOOK));
      expect(wb.worksheets.map((w) => w.name)).toEqual(['考核结果', '评分明细', '考核办法']);
      const values = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);
      for (const ws of wb.worksheets) {
        expect(ws.getCell('A1').isMerged, ws.name).toBe(true);
        expect(String(ws.getCell('A2').value), ws.name).toContain('统计截至 2022年1月20日;数据来源:各单位报送的2021年四个季度季度报表(第四季度已收 22 / 应报 22 份);按考核办法(默认,可修改)评分');
        expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, orientation: 'landscape' });
        expect(ws.pageSetup.fitToPage, ws.name).toBeFalsy();
      }
      expect(wb.getWorksheet('考核结果')!.getCell('A1').value).toBe('梅列区2021年度就业工作考核结果');
      expect(wb.getWorksheet('考核办法')!.getCell('A1').value).toBe('梅列区2021年度就业工作考核办法(默认,可修改)');

      // 考核结果: each kind of unit under its heading, with its own header: one column per item, headed with its points.
      const result = wb.getWorksheet('考核结果')!;
      const rows: unknown[][] = [];
      result.eachRow((_row, n) => n > 2 && rows.push(values(result, n)));
      expect(rows[0][0]).toBe('一、镇街和开发区');
      expect(rows[1]).toEqual(['排名', '单位', '类别', '新增就业(30)', '再就业(15)', '困难再就业(15)', '失业率(10)', '零就业(10)', '按时报送(10)', '任务进展(10)', '总分', '等级', '说明']);
      expect(rows[2].slice(0, 12)).toEqual([1, '列东街道', '街道', 30, 15, 15, 10, 10, 10, 10, 100, '优秀']);
      // No column repeats another: no 得分(百分制) beside 总分, and 扣分 only where some unit has one.
      expect(rows[1]).not.toContain('得分(百分制)');
      expect(rows[1]).not.toContain('扣分');
      // The areas without allocated targets follow the ranking, not in it, with the reason.
      const liexi = rows.find((x) => x[1] === '列西街道')!;
      expect([liexi[0], liexi[3], liexi[10], liexi[11]]).toEqual(['不参加排名', '—', '—', '—']);
      expect(String(liexi[12])).toMatch(/^未分解目标:城镇新增就业、城镇登记失业人员再就业、就业困难人员再就业/);
      const departments = rows.findIndex((x) => String(x[0]).startsWith('二、区直部门'));
      expect(rows[departments][0]).toBe('二、区直部门(含群团组织)');
      expect(rows[departments + 1].slice(0, 8)).toEqual(['排名', '单位', '类别', '按时报送(30)', '任务进展(30)', '牵头任务(20)', '数据报送(20)', '总分']);
      // Ties are said: the departments that scored alike share first place, 并列.
      expect(rows.slice(departments + 2).filter((x) => x[0] === '1(并列)').length).toBeGreaterThan(1);
      // 区妇联 and 区总工会 are 群团组织, as everywhere else.
      expect(rows.find((x) => x[1] === '区妇联')![2]).toBe('群团组织');

      // 评分明细: a heading row per unit, its items, a bold 合计; no unit column repeated on every row.
      const detail = wb.getWorksheet('评分明细')!;
      expect(values(detail, 3)).toEqual(['考核项目', '满分', '得分', '计算依据']);
      expect(detail.pageSetup.printTitlesRow).toBe('3:3');
      let heading = 0;
      detail.eachRow((row, n) => void (row.getCell(1).value === '列东街道(街道)' && (heading = n)));
      expect(heading).toBeGreaterThan(3);
      expect(detail.getCell(heading, 1).isMerged).toBe(true);
      const block = Array.from({ length: 8 }, (_, k) => values(detail, heading + 1 + k));
      expect(block).toEqual([
        ['城镇新增就业', 30, 30, '新增就业 412 / 400 → 100% → 30.0 分'],
        ['城镇登记失业人员再就业', 15, 15, '再就业 240 / 240 → 100% → 15.0 分'],
        ['就业困难人员再就业', 15, 15, '困难再就业 65 / 65 → 100% → 15.0 分'],
        ['城镇登记失业率控制在3.5%以内', 10, 10, '失业率 年末 3.00%(目标 ≤3.5%)→ 达标 → 10.0 分'],
        ['零就业家庭动态清零', 10, 10, '零就业 年末 0 户(目标 动态清零)→ 达标 → 10.0 分'],
        ['季度报表按时报送', 10, 10, '四个季度均按时报送 → 10.0 分'],
        ['任务进展按季报告', 10, 10, '已填 16 / 应填 16 项次 → 100% → 10.0 分'],
        ['合计', 100, 100, '各项得分 100.0;镇街和开发区第 1 名,优秀'],
      ]);
      expect(detail.getCell(heading + 8, 1).font.bold).toBe(true);
      // A unit's block is never split by a page break: every break falls just before a unit's heading.
      const xml = zipEntryText(readFileSync(join(dir, WORKBOOK)), 'xl/worksheets/sheet2.xml');
      const breaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
      expect(breaks.length).toBeGreaterThan(0);
      for (const b of breaks) expect(String(detail.getCell(b + 1, 1).value), `after row ${b}`).toMatch(/^[^(]+\((街道|镇|开发区|区直部门|群团组织)\)$/);

      // The office's meeting, in 区人社局's own words, quoted in its 计算依据: text, never a formula.
      let words: ExcelJS.Cell | undefined;
      detail.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && cell.value.includes(MEETING) && (words = cell))));
      expect(words, 'the note is in the workbook').toBeDefined();
      expect(words!.type).toBe(ExcelJS.ValueType.String);
      expect(words!.formula).toBeUndefined();
      expect(words!.value).toBe(`区人社局 2021Q2 报“已完成”;报表原文:“${MEETING}”`);
      expect(String(detail.getRow(Number(words!.row)).getCell(1).value)).toBe('领导小组办公室职责:二(一)-1 领导小组会议每年至少召开一次');

      // The method as printed text, every item with its rule.
      const method: unknown[][] = [];
      const sheet = wb.getWorksheet('考核办法')!;
      sheet.eachRow((_row, n) => n > 3 && method.push(values(sheet, n)));
      expect(method.find((x) => x[1] === '城镇新增就业')).toEqual(['镇街和开发区', '城镇新增就业', 30, '城镇新增就业全年累计 ÷ 分解目标 × 30 分,超过目标的按 100% 计;分解目标为 0 的视为完成;未分解目标的单位不参加排名']);
      expect(method.filter((x) => x[0] === '否决项').map((x) => x[3])).toEqual([
        '第四季度末城镇登记失业率未达标的,等级最高为良好(不得评为优秀),不论得分',
        '第四季度末零就业家庭未达标的,等级最高为良好(不得评为优秀),不论得分',
      ]);
      // Nothing a leader reads names the program or its commands in English.
      for (const ws of wb.worksheets) {
        ws.eachRow((row) => row.eachCell((cell) => {
          if (typeof cell.value === 'string') expect(cell.value.replace(MEETING, ''), `${ws.name}!${cell.address}`).not.toMatch(/[A-Za-z]{3,}/);
        }));
      }
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
      expect(csv.startsWith('\uFEFF考核项目,满分,得分,计算依据\r\n列东街道(街道)\r\n城镇新增就业,30.0,30.0,')).toBe(true);
      expect(csv).toContain(MEETING);
      // Each kind of unit under its heading and its own header, as in the workbook.
      const result = readFileSync(join(folder, '01-考核结果.csv'), 'utf8');
      expect(result.startsWith('\uFEFF一、镇街和开发区\r\n排名,单位,类别,新增就业(30),再就业(15),')).toBe(true);
      expect(result).toContain('\r\n二、区直部门(含群团组织)\r\n排名,单位,类别,按时报送(30),');
      // A cell that opens like a formula stays text.
      const quoted = readFileSync(join(folder, '03-考核办法.csv'), 'utf8');
      expect(quoted).not.toMatch(/(^|,)[=+@]/m);
      expect((await run(['assess', '--as-of', AS_OF, '--format', 'md', '--out', 'a.md'])).code).toBe(0);
      const md = readFileSync(join(dir, 'a.md'), 'utf8');
      expect(md).toContain('## 考核结果');
      expect(md).toContain('### 一、镇街和开发区');
      expect(md).toContain('| 1 | 列东街道 | 街道 | 30.0 |');
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
