// jiuye warn, in-process on a database filled with returns.
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/store/db.js';
import { savePlan } from '../src/store/plan.js';
import { AREA_ALLOCATIONS, dbIn, everyArea, fill, PLAN, threeQuarters } from './fill.js';
import { initialisedWorkspace, jiuye, tempDir, testIo } from './helpers.js';

const ws = initialisedWorkspace();
const { at, json } = ws;

describe('warn', () => {
  it('--json: the rules with their wording, the warnings and what could not be judged', async () => {
    fill(dbIn(ws.dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const r = await json(['warn']);
    expect(Object.keys(r)).toEqual(['year', 'period', 'periodTitle', 'district', 'rules', 'warnings', 'notEvaluated', 'hints', 'hintRules']);
    const decline = r.warnings.find((w: any) => w.rule === 'employmentDecline');
    expect(decline).toMatchObject({ unit: 'liedong', figures: { '2021Q1': 110, '2021Q2': 95, '2021Q3': 80 }, threshold: { quarters: 2 }, thresholdText: '连续 2 个季度下降' });
    expect(r.warnings.find((w: any) => w.rule === 'massLayoff')).toMatchObject({ unit: 'liedong', figures: { firm: '某纺织公司', laidOff: 35 } });
    expect(r.warnings.find((w: any) => w.rule === 'layoffNotice').figures.daysAhead).toBe(21);
    expect(r.notEvaluated.find((n: any) => n.rule === 'employmentDecline' && n.unit === null).reason).toBe('2021Q3 有 1 个单位未报');
  });

  it('across the turn of the year: last year’s Q4 in the same database', async () => {
    const db = openDb(dbIn(ws.dir));
    savePlan(db, { ...PLAN, year: 2020 }, 'test', new Date(2021, 0, 1));
    db.close();
    fill(dbIn(ws.dir), [...everyArea('2020Q3', { figures: { xinzeng: 100 } }), ...everyArea('2020Q4', { figures: { xinzeng: 90 } }), ...everyArea('2021Q1', { figures: { xinzeng: 80 } })]);
    const r = await json(['warn', '--quarter', '2021Q1']);
    expect(r.warnings.find((w: any) => w.rule === 'employmentDecline' && w.unit === null).figures).toEqual({ '2020Q3': 600, '2020Q4': 540, '2021Q1': 480 });
  });

  it('prints a table, or says there is none', async () => {
    fill(dbIn(ws.dir), threeQuarters());
    const r = await jiuye(['warn'], at());
    expect(r.out).toContain('梅列区2021年第三季度就业风险预警(2021Q3)');
    expect(r.out).toMatch(/│ 零就业家庭未清零 +│ 洋溪镇 +│/);
    expect(r.out).toContain('未判断 新增就业连续下滑:梅列区(全区)(2021Q3 有 1 个单位未报)');
    const d = tempDir();
    await jiuye(['init'], testIo({ cwd: d }));
    fill(dbIn(d), everyArea('2021Q1', { figures: { xinzeng: 63 } }));
    // None is said once, in the heading; no second line under it says so again.
    const none = (await jiuye(['warn', '--quarter', '2021Q1'], testIo({ cwd: d }))).out;
    expect(none).toContain('梅列区2021年第一季度就业风险预警(2021Q1):无\n');
    expect(none).not.toContain('未触发风险预警');
    expect(none).toContain('数据质量提示:无');
    expect(none).not.toContain('没有数据质量提示');
  });
});
