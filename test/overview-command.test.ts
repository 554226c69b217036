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

  it('with returns: the latest quarter, returns in, indicators behind, warnings and what to run next', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const r = await jiuye([], at());
    expect(r.code).toBe(0);
    expect(r.out).toContain('当前季度:2021年第三季度(2021Q3,截至 2021-10-15 报送截止日期(2021-10-08)已过的最近一个季度)');
    expect(r.out).toContain('报表:已收 5 / 应报 22,未报 17 个单位');
    const check = JSON.parse((await jiuye(['check', '--json'], at())).out);
    expect(r.out).toContain(`进度滞后 ${check.behind} 项`);
    expect(r.out).toContain(`风险预警:${check.warnings.length} 条`);
    expect(r.out).toMatch(/jiuye overdue +未报、逾期单位/);
    // Many warnings: counted by rule rather than named one by one.
    expect(r.out).toMatch(/风险预警:\d+ 条\(新增就业连续下滑 1、/);
    expect(r.out.split('\n').length).toBeLessThan(25);
  });

  it('names the units, indicators and warnings when there are only a few, and counts them when there are many', async () => {
    fill(dbIn(ws.dir), everyArea('2021Q1', (u) => ({ figures: { xinzeng: u === 'liedong' ? 10 : 100 } })), { allocations: AREA_ALLOCATIONS });
    const few = (await jiuye([], at({ now: new Date(2021, 3, 20) }))).out;
    expect(few).toContain('指标:进度滞后 1 项:列东街道 城镇新增就业(差 90 人)');
    expect(few).toContain('风险预警:1 条:进度滞后(列东街道)');
    expect(few).toContain('报表:已收 6 / 应报 22,未报 16 个单位'); // sixteen departments: counted, not named
  });

  it('with no returns: the quarter being collected, and how to start', async () => {
    const r = await jiuye([], at({ now: new Date(2021, 4, 20) }));
    expect(r.out).toContain('当前季度:2021年第一季度(2021Q1,截至 2021-05-20 报送截止日期(2021-04-06)已过的最近一个季度)');
    expect(r.out).toContain('报表:已收 0 / 应报 22');
    expect(r.out).toContain('jiuye template --quarter 2021Q1 --all');
  });
});
