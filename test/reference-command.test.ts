// jiuye targets reference, and check judging relative targets by what it stores.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbIn, fill, ret } from './fill.js';
import { initialisedWorkspace, jiuye, tempDir, testIo } from './helpers.js';

const ws = initialisedWorkspace();
const { at, json } = ws;

describe('targets reference', () => {
  it('its options, like allocate’s, are its own and not swallowed by targets (--db, --json)', async () => {
    const d = tempDir();
    expect((await jiuye(['init', '--db', 'other.db'], testIo({ cwd: d }))).code).toBe(0);
    const alloc = await jiuye(['targets', 'allocate', '--set', '列东街道:城镇新增就业=400', '--db', 'other.db'], testIo({ cwd: d }));
    expect(alloc.code, alloc.err).toBe(0);
    const ref = await jiuye(['targets', 'reference', '高校毕业生就业率=90', '--db', 'other.db', '--json'], testIo({ cwd: d }));
    expect(ref.code, ref.err).toBe(0);
    expect(JSON.parse(ref.out).references[0].year).toBe(90);
    expect(existsSync(join(d, 'jiuye.db'))).toBe(false);
  });

  it('stores the whole-year value and a quarter value that wins over it; check judges by them', async () => {
    fill(dbIn(ws.dir), [ret('renshe', '2021Q3', { figures: { gaoxiao: { numerator: 930, denominator: 1000 } } })]);
    let c = await json(['check', '--unit', '区人社局']);
    expect(c.units[0].indicators[0]).toMatchObject({ status: 'no_data' });
    expect(c.units[0].indicators[0].fix).toContain('jiuye targets reference 高校毕业生就业率=');

    const set = await jiuye(['targets', 'reference', '高校毕业生就业率=92.5'], at());
    expect(set.code, set.err).toBe(0);
    expect(set.err).toContain('已录入 高校毕业生就业率 的上年值 92.5%(2021 年全年)');
    expect(set.out).toMatch(/│ 高校毕业生就业率 +│ 上年值 +│ +无数据 │ +92\.5%\(采用\) │/);
    c = await json(['check', '--unit', '区人社局']);
    expect(c.units[0].indicators[0]).toMatchObject({ status: 'on_schedule', target: { value: 92.5 } });

    expect((await jiuye(['targets', 'reference', '高校毕业生就业率=93.5%', '--quarter', '2021Q3'], at())).code).toBe(0);
    c = await json(['check', '--unit', '区人社局']);
    expect(c.units[0].indicators[0]).toMatchObject({ status: 'missed', target: { value: 93.5 } });
    const listed = await json(['targets', 'reference']);
    expect(listed.references[0]).toEqual({ indicator: 'gaoxiao', name: '高校毕业生就业率', reference: '上年值', from: 'previousYear', year: 92.5, quarters: { Q1: null, Q2: null, Q3: 93.5, Q4: null }, previousYearEnd: null, used: 'entered' });
  });

  it('refuses a non-relative indicator, a value out of range, and saves nothing', async () => {
    const r = await jiuye(['targets', 'reference', '城镇登记失业率=3', '离校未就业高校毕业生就业率=120', '离校=88'], at());
    expect(r.code).toBe(2);
    expect(r.err).toContain('有 2 处问题,未做任何改动');
    expect(r.err).toContain('城镇登记失业率 不是比较型指标');
    expect(r.err).toContain('数值“120”应为 0–100 的百分数');
    expect((await json(['targets', 'reference'])).references.every((x: any) => x.year === null)).toBe(true);
  });
});
