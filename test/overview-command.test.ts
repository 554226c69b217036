// jiuye with no command: the one-screen overview, or the hint to run init.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREA_ALLOCATIONS, dbIn, everyArea, fill, threeQuarters } from './fill.js';
import { initialisedWorkspace, jiuye, tempDir, testIo } from './helpers.js';

const ws = initialisedWorkspace();
const { at } = ws;

describe('jiuye with no command', () => {
  it('without a database: a hint to run init, and the help; exit 0', async () => {
    const d = tempDir();
    const r = await jiuye([], testIo({ cwd: d }));
    expect(r.code).toBe(0);
    expect(r.out).toContain('还没有数据库');
    expect(r.out).toContain('先运行 jiuye init');
    expect(r.out).toContain('用法: jiuye [选项] [命令]');
    expect(existsSync(join(d, 'jiuye.db'))).toBe(false);
  });

  it('with returns: the quarter named once, returns in, indicators behind, warnings, and next steps from the state', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const r = await jiuye([], at());
    expect(r.code).toBe(0);
    expect(r.out).toContain('当前季度:2021年第三季度(2021Q3,截至 2021-10-15 报送截止日期(2021-10-08)已过的最近一个季度)');
    expect(r.out.match(/2021Q3/g)?.length).toBe(2); // the heading, and report --quarter below
    expect(r.out).toContain('报表:已收 5 / 应报 22,逾期未报 17 个单位');
    const check = JSON.parse((await jiuye(['check', '--json'], at())).out);
    expect(r.out).toContain(`进度滞后 ${check.behind} 项`);
    expect(r.out).toContain(`风险预警:${check.warnings.length} 条`);
    // Overdue units lead to the notice; targets only allocated for one indicator lead to allocate.
    expect(r.out).toMatch(/jiuye overdue --notice +逾期未报的 17 个单位/);
    expect(r.out).toMatch(/jiuye targets allocate +把年度目标分解到镇街/);
    expect(r.out).not.toContain('template');
    // Many warnings: counted by rule rather than named one by one.
    expect(r.out).toMatch(/风险预警:\d+ 条\(新增就业连续下滑 1、/);
    expect(r.out.split('\n').length).toBeLessThan(25);
  });

  it('figures for the quarter with data, chasing for the quarter being collected, each named once', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const r = await jiuye([], at({ now: new Date(2022, 0, 20) }));
    expect(r.out).toContain('数据:2021年第三季度(2021Q3,已有报表的最近一个季度)');
    expect(r.out).toContain('报送:2021年第四季度(2021Q4,截至 2022-01-20 报送截止日期(2022-01-05)已过的最近一个季度)');
    expect(r.out).toContain('报表:已收 0 / 应报 22,逾期未报 22 个单位');
    // Behind as of Q3's schedule (75%), not Q4's: no quarter without returns is judged.
    expect(r.out).toContain(`进度滞后 ${JSON.parse((await jiuye(['check', '--json', '--quarter', '2021Q3'], at())).out).behind} 项`);
    expect(r.out).toContain('jiuye template --quarter 2021Q4 --all');
  });

  it('a day in the year after the plan leads to plan new; a day further on to a quarter within the plan', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const next = (await jiuye([], at({ now: new Date(2022, 3, 20) }))).out;
    expect(next).toMatch(/^  jiuye plan new 2022 +建立 2022 年的方案/m);
    expect(next).not.toMatch(/2022Q1 --all|overdue --notice/);
    const later = (await jiuye([], at({ now: new Date(2026, 10, 28) }))).out;
    expect(later).toContain('但数据库中只有 2021 年的方案。请用');
    expect(later).toContain('如 --quarter 2021Q4');
    expect(later).toMatch(/^  jiuye overdue --quarter 2021Q4 /m);
    expect(later).not.toContain('plan new');
    // The plain overdue would refuse here: it is not suggested.
    expect(later).not.toMatch(/jiuye overdue {2,}[^ -]/);
  });

  it('names the units, indicators and warnings when there are only a few, and counts them when there are many', async () => {
    fill(dbIn(ws.dir), everyArea('2021Q1', (u) => ({ figures: { xinzeng: u === 'liedong' ? 10 : 100 } })), { allocations: AREA_ALLOCATIONS });
    const few = (await jiuye([], at({ now: new Date(2021, 3, 20) }))).out;
    expect(few).toContain('指标:进度滞后 1 项:列东街道 城镇新增就业(差 90 人)');
    expect(few).toContain('风险预警:1 条:进度滞后(列东街道)');
    expect(few).toContain('报表:已收 6 / 应报 22,逾期未报 16 个单位'); // sixteen departments: counted, not named
  });

  it('with no returns: the quarter being collected, and how to start', async () => {
    const r = await jiuye([], at({ now: new Date(2021, 4, 20) }));
    expect(r.out).toContain('数据:还没有导入任何报表');
    expect(r.out).toContain('报送:2021年第一季度(2021Q1,截至 2021-05-20 报送截止日期(2021-04-06)已过的最近一个季度)');
    expect(r.out).toContain('报表:已收 0 / 应报 22');
    expect(r.out).toContain('jiuye template --quarter 2021Q1 --all');
    expect(r.out).toContain('jiuye import 文件夹');
    const before = await jiuye([], at({ now: new Date(2021, 3, 2) }));
    expect(before.out).toContain('报送:2021年第一季度');
    expect(before.out).toMatch(/未到截止日期\(2021-04-06\)/);
  });
});
