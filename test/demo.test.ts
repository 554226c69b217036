// jiuye demo from the built binary, as the README's first command runs it: one run, shared by the
// cases below. Its charts need a Chinese font; the run is given a folder without one, so that what it
// does then is what is checked on every machine (drawing with a font: report-charts.test.ts).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { jiuye, runBin, tempDir, testIo } from './helpers.js';
import { commandLines, runsAsPrinted } from './suggestions.js';

describe('jiuye demo', () => {
  const cwd = tempDir('jiuye demo ');
  let r: { code: number | null; out: string; err: string };

  beforeAll(() => {
    // A folder the demo made before (its mark inside), holding a stale file: the demo rebuilds it.
    mkdirSync(join(cwd, 'jiuye-demo'));
    writeFileSync(join(cwd, 'jiuye-demo', '.jiuye-demo'), '');
    writeFileSync(join(cwd, 'jiuye-demo', '旧文件.txt'), '');
    r = runBin(['demo'], cwd, { JIUYE_FONT_DIRS: tempDir('no fonts ') });
  }, 120_000);

  it('runs the whole job and ends with the path of the summary workbook', () => {
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    const path = lines[lines.length - 1];
    expect(path).toBe('jiuye-demo/梅列区2021年第三季度就业工作目标完成情况汇总表.xlsx');
    expect(existsSync(join(cwd, path))).toBe(true);
    // Every step is a real command, on real files.
    for (const step of ['jiuye init', 'jiuye template --quarter 2021Q3 --all', 'jiuye import 收到的报表/2021Q3 --received 2021-10-08']) expect(r.err).toContain(step);
    expect(readdirSync(join(cwd, 'jiuye-demo', '收到的报表', '2021Q3'))).toHaveLength(20); // 22 units, one missing, one late
  });

  it('tells the story: one unit late, one missing, a layoff case, and the warnings they raise', () => {
    expect(r.out).toContain('▶ 检查 2021Q3 进度');
    expect(r.out).toMatch(/区统计局\s*│\s*逾期报送\(4天\)\s*│\s*2021-10-12/);
    expect(r.out).toMatch(/洋溪镇\s*│\s*未报送·已逾期\(7天\)\s*│\s*—/);
    for (const [rule, unit] of [['新增就业连续下滑', '列东街道'], ['失业率急速攀升', '陈大镇'], ['规模性裁员', '列西街道'], ['裁员未提前30日说明', '列西街道'], ['零就业家庭未清零', '徐碧街道']]) {
      expect(r.out).toMatch(new RegExp(`│ ${rule}\\s*│ ${unit}\\s*│`));
    }
    expect(r.out).toContain('进度滞后(差 28 人)');
  });

  it('without a Chinese font: says so, and the workbook has every table but no 图表 sheet', async () => {
    expect(r.err).toContain('没有找到中文字体');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(cwd, 'jiuye-demo', '梅列区2021年第三季度就业工作目标完成情况汇总表.xlsx'));
    expect(String(wb.getWorksheet('总体完成情况')!.getCell('A2').value)).toContain(';示例数据');
    expect(wb.getWorksheet('图表')).toBeUndefined();
    for (const sheet of ['数据质量提示', '责任分工']) expect(wb.worksheets.map((w) => w.name)).toContain(sheet);
  });

  it('rebuilds its own folder when run again (the stale file is gone), and never touches another', () => {
    expect(r.err).toContain('重建示例目录 jiuye-demo');
    expect(existsSync(join(cwd, 'jiuye-demo', '旧文件.txt'))).toBe(false);
    const other = join(cwd, '我的文件');
    mkdirSync(other);
    writeFileSync(join(other, '重要.txt'), '别删');
    const refused = runBin(['demo', '--dir', '我的文件'], cwd);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('已存在且不是 jiuye demo 建立的目录,未做改动');
    expect(readdirSync(other)).toEqual(['重要.txt']);
  });

  it('every command it suggests at the end runs as printed in its folder, and exits 0', async () => {
    const ending = r.out.slice(r.out.indexOf('接下来可以试试'));
    const commands = commandLines(ending);
    expect(commands.length).toBeGreaterThanOrEqual(7);
    for (const argv of commands) {
      const run = await jiuye(argv, testIo({ cwd: join(cwd, 'jiuye-demo'), now: new Date(2021, 9, 15, 10) }));
      expect(runsAsPrinted(run.code, argv), `${argv.join(' ')}\n${run.err}`).toBe(true);
      expect(run.code, `${argv.join(' ')}\n${run.err}`).toBe(0);
    }
  }, 60_000);

  it('--year-end runs the story through 2021Q4 and ends with the path of the assessment workbook', async () => {
    const c = testIo({ cwd, env: { COLUMNS: '120', JIUYE_FONT_DIRS: tempDir('no fonts ') } });
    const y = await jiuye(['demo', '--year-end', '--dir', '年末示例'], c);
    expect(y.code, y.err).toBe(0);
    const lines = y.out.trimEnd().split('\n');
    const path = lines[lines.length - 1];
    expect(path).toBe('年末示例/梅列区2021年度就业工作考核结果表.xlsx');
    expect(existsSync(join(cwd, path))).toBe(true);
    for (const step of ['jiuye template --quarter 2021Q4 --all', 'jiuye import 收到的报表/2021Q4 --received 2022-01-05', 'jiuye import 收到的报表/2021Q4-晚到 --received 2022-01-10']) {
      expect(y.err).toContain(step);
    }
    expect(readdirSync(join(cwd, '年末示例', '收到的报表', '2021Q4'))).toHaveLength(21); // 22 units, the 开发区 late
    // The year's story in the ranking: 列东 over its allocation, two vetoes, a late return, a missing one, a deduction.
    expect(y.out).toContain('▶ 年度考核:截至 2022-01-20');
    expect(y.out).toContain('第四季度报表:已收 22 / 应报 22');
    expect(y.out).not.toContain('预评(暂定)');
    expect(y.out).toMatch(/│\s+1 │ 列东街道\s+│\s+30\.0 │.*│ 100\.0 │ 优秀/);
    expect(y.out).toMatch(/│\s+2 │ 梅列经济开发区 │.*│\s+9\.0 │.*│\s+99\.0 │ 优秀/);
    expect(y.out).toMatch(/│\s+3 │ 徐碧街道\s+│.*│\s+90\.0 │ 良好\(否决\)/);
    expect(y.out).toMatch(/│\s+3 │ 陈大镇\s+│.*│\s+90\.0 │ 良好\(否决\)/);
    expect(y.out).toContain('列西街道 扣分:裁员未提前30日说明 2.0 分');
    expect(y.out).toContain('洋溪镇 缺报表:2021Q3 未报送·已逾期(104天)');
    expect(y.out).toMatch(/│\s+16 │ 区商务局\s+│.*│\s+22\.5 │.*│\s+87\.5 │ 良好/);
    expect(y.out).toContain('✓ 已履行 二(一)-2 每季度督促检查目标任务完成情况:4 / 4 个季度填写了进展');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(cwd, path));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['考核结果', '评分明细', '考核办法']);
    expect(String(wb.getWorksheet('考核结果')!.getCell('A2').value)).toContain(';示例数据');
  }, 60_000);
});
