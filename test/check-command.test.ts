// jiuye check, in-process on a database filled with returns.
import { describe, expect, it } from 'vitest';
import { AREA_ALLOCATIONS, dbIn, everyArea, fill, threeQuarters } from './fill.js';
import { displayWidth } from '../src/render/text.js';
import { initialisedWorkspace, jiuye, tempDir, testIo } from './helpers.js';

const ws = initialisedWorkspace();
const { at, json } = ws;

describe('check', () => {
  it('--json: the latest quarter with returns, the district and each area against its allocation', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const r = await json(['check']);
    expect(Object.keys(r)).toEqual(['year', 'period', 'periodTitle', 'district', 'schedule', 'unit', 'returns', 'overall', 'units', 'tasks', 'warnings', 'notEvaluated', 'hints', 'behind']);
    expect(r).toMatchObject({ year: 2021, period: '2021Q3', periodTitle: '2021年第三季度', schedule: 0.75, unit: null });
    expect(r.returns).toMatchObject({ expected: 22, received: 5 });
    const xinzeng = r.overall.indicators.find((i: any) => i.indicator === 'xinzeng');
    // 595 + 630 - 50 (陈大镇 Q3 missing) … every quarter added up over the areas that reported.
    expect(xinzeng).toMatchObject({ quarterValue: 345, ytd: 1175, status: 'on_schedule', statusText: '进度正常', reporters: { expected: 6, reported: 5, missing: ['chenda'] } });
    const rate = r.overall.indicators.find((i: any) => i.indicator === 'shiyelv');
    expect(rate.figures).toEqual({ numerator: 575, denominator: 20000 });
    expect(rate.quarterValue).toBeCloseTo((575 / 20575) * 100, 10);
    const liedong = r.units.find((u: any) => u.unit === 'liedong');
    expect(liedong.indicators[0]).toMatchObject({ ytd: 285, target: { value: 400, source: 'allocation' }, status: 'behind', shortfall: 15 });
    expect(r.units.find((u: any) => u.unit === 'kaifaqu').indicators[0].status).toBe('done');
    expect(r.tasks.find((t: any) => t.id === '二(一)').units.find((u: any) => u.unit === 'liedong')).toMatchObject({ status: '推进中', note: '第3季度举办招聘会 3 场' });
    expect(r.warnings.map((w: any) => `${w.rule}:${w.unit ?? '全区'}`)).toEqual(
      expect.arrayContaining(['employmentDecline:liedong', 'massLayoff:liedong', 'layoffNotice:liedong', 'zeroFamilies:yangxi', 'behindSchedule:liedong']),
    );
    expect(r.behind).toBe(r.warnings.filter((w: any) => w.rule === 'behindSchedule').length);
  });

  it('prints goal vs actual like a budget report, aligned, without colour when piped', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const r = await jiuye(['check', '--quarter', '2021Q3'], at());
    expect(r.code).toBe(0);
    expect(r.out).toContain('梅列区2021年第三季度就业工作进度检查(2021Q3,序时进度 75%)');
    expect(r.out).toMatch(/│ 城镇新增就业\(人\) +│ +345 │ +1,175 \/ 1,500 \(78\.3%\) │ +75% │ 进度正常 +│/);
    // Each area is a group whose name is written in the rule that opens it.
    expect(r.out).toMatch(/├─ 列东街道 ─+┼[^\n]*\n│ 城镇新增就业\(人\) +│ +80 │ +285 \/ 400 \(71\.3%\) │ +75% │ 进度滞后\(差 15 人\) +│/);
    expect(r.out).toContain('未报进展');
    expect(r.out).not.toMatch(/\u001b\[/);
    expect(r.out).not.toContain('完成进度'); // the bar is for a terminal
    // What needs action comes first: the first 进度滞后 is in the 需要关注 block, before any table.
    expect(r.out.indexOf('需要关注')).toBeLessThan(r.out.indexOf('┌'));
    expect(r.out.indexOf('进度滞后')).toBeLessThan(r.out.indexOf('┌'));
    expect(r.out).toMatch(/进度滞后 +列东街道:城镇新增就业\(差 15 人\)/);
    // Every line fits the 120 columns of a pipe.
    for (const line of r.out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(120);
  });

  it('on a terminal: colour and a completion bar', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const r = await jiuye(['check', '--no-pager'], at({ tty: true }));
    expect(r.out).toContain('完成进度');
    expect(r.out).toContain('\u001b[31m███████▏\u001b[39m  '); // 列东街道 71.3%: seven cells and an eighth, red (behind)
    const plain = await jiuye(['check', '--no-pager'], at({ tty: true, env: { NO_COLOR: '1' } }));
    expect(plain.out).toMatch(/│ ███████▏   │/); // the bar is text: it reads and copies without colour
    expect(plain.out).not.toMatch(/\u001b\[/);
  });

  it('--unit: one area, or a department with its indicators and its tasks', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const a = await json(['check', '--unit', '列东']);
    expect(a.unit).toEqual({ code: 'liedong', name: '列东街道', kind: 'area' });
    expect(a.overall).toBeNull();
    expect(a.units.map((u: any) => u.unit)).toEqual(['liedong']);
    expect(a.warnings.every((w: any) => w.unit === 'liedong')).toBe(true);
    expect(a.warnings.length).toBeGreaterThan(0);
    const d = await json(['check', '--unit', '区人社局']);
    expect(d.units[0].indicators.map((i: any) => i.indicator)).toEqual(['gaoxiao', 'lixiao', 'peixun']);
    expect(d.tasks).toHaveLength(16);
    expect(d.tasks[0].silent).toEqual([{ code: 'renshe', name: '区人社局' }]);
  });

  it('--fail-on-behind exits 1 when an indicator is behind, 0 when none is', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const behind = await jiuye(['check', '--fail-on-behind'], at());
    expect(behind.code).toBe(1);
    expect(behind.err).toMatch(/有 \d+ 项指标进度滞后/);
    expect(behind.out).toContain('进度检查'); // the table is still printed

    const d2 = tempDir();
    expect((await jiuye(['init'], testIo({ cwd: d2 }))).code).toBe(0);
    // Exactly on schedule everywhere at Q1: 1500/4 = 375 = 62.5 × 6 → 63 each keeps up; 900/4 = 225; 250/4 = 62.5.
    fill(dbIn(d2), everyArea('2021Q1', { figures: { xinzeng: 63, zaijiuye: 38, kunnan: 11 } }));
    const ok = await jiuye(['check', '--fail-on-behind', '--json'], testIo({ cwd: d2 }));
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out).behind).toBe(0);
  });

  it('with no returns yet says so; a bad or unknown quarter is refused', async () => {
    const none = await jiuye(['check'], at());
    expect(none.code).toBe(1);
    expect(none.err).toContain('数据库中还没有导入任何季度报表,无法确定要检查哪个季度');
    expect(none.err).toContain('--quarter 2021Q1');
    const explicit = await json(['check', '--quarter', '2021Q1']);
    expect(explicit.overall.indicators[0].status).toBe('no_data');
    const bad = await jiuye(['check', '--quarter', '2021Q5'], at());
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--quarter 的取值“2021Q5”不是季度');
    const year = await jiuye(['check', '--quarter', '2019Q1'], at());
    expect(year.code).toBe(1);
    expect(year.err).toContain('数据库中没有 2019 年的方案');
    const unit = await jiuye(['check', '--unit', '列'], at()); // the flag is judged before the data
    expect(unit.code).toBe(2);
    expect(unit.err).toContain('--unit 的取值“列”可指多个单位');
    const near = await jiuye(['check', '--unit', '列熙街道'], at());
    expect(near.code).toBe(2);
    expect(near.err).toContain('--unit 的取值“列熙街道”不是 2021 年方案中的单位。是否想用 列西街道?');
    expect(near.err).not.toContain('    at '); // no stack trace for a typing slip
    // Full-width digits in a quarter are read as typed on a Chinese input method.
    expect((await jiuye(['check', '--quarter', '２０２１Ｑ１', '--json'], at())).code).toBe(0);
  });
});
