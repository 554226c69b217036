// The assessment method as plan data: the embedded default, the schema check naming each place, a
// plan without a method, the file round trip and the database round trip.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { InputError } from '../src/errors.js';
import { DEFAULT_METHOD_TITLE, defaultAssessment, type AssessmentMethod } from '../src/domain/assessment-method.js';
import { ITEM_KINDS } from '../src/domain/assessment-items.js';
import { WARNING_RULES } from '../src/domain/finding.js';
import { nextYearPlan } from '../src/domain/plan/next-year.js';
import { planToFile, validatePlan } from '../src/domain/plan/file.js';
import { rulesOf } from '../src/domain/rules.js';
import { openDb } from '../src/store/db.js';
import { readPlan, savePlan } from '../src/store/plan.js';
import { planRefusal, rawDefaultPlan, ROOT, tempDir } from './helpers.js';

const plan = loadPlanFile(DEFAULT_PLAN);

/** The schema's refusal of the embedded plan with its method changed by `edit`. */
const refusal = (edit: (a: Record<string, any>) => void) => planRefusal((p) => edit(p.assessment));

/** The method without its wording: what decides the scores. */
function scoring(m: AssessmentMethod) {
  return {
    groups: m.groups.map((g) => ({ unitKind: g.unitKind, items: g.items.map(({ name: _n, short: _s, ...rest }) => rest) })),
    deductions: m.deductions.map(({ name: _n, ...rest }) => rest),
    vetoes: m.vetoes.map(({ name: _n, ...rest }) => rest),
    grades: m.grades,
    duties: m.officeDuties.map(({ name: _n, ...rest }) => rest),
  };
}

describe('the embedded default method', () => {
  const m = plan.assessment;

  it('is labelled as a default, cites 六(二), and gives each kind of unit 100 points', () => {
    expect(m.title).toBe('考核办法(默认,可修改)');
    expect(m.basis).toContain('六(二)');
    expect(m.groups.map((g) => [g.unitKind, g.items.reduce((a, i) => a + i.points, 0)])).toEqual([
      ['area', 100],
      ['department', 100],
    ]);
  });

  it('scores areas on their allocations and bottom lines, departments on returns and tasks', () => {
    const items = (kind: string) => m.groups.find((g) => g.unitKind === kind)!.items.map((i) => [i.kind, i.indicator ?? null, i.points]);
    expect(items('area')).toEqual([
      ['countTarget', 'xinzeng', 30],
      ['countTarget', 'zaijiuye', 15],
      ['countTarget', 'kunnan', 15],
      ['yearEndTarget', 'shiyelv', 10],
      ['yearEndTarget', 'lingjiuye', 10],
      ['onTimeReturns', null, 10],
      ['taskReporting', null, 10],
    ]);
    expect(items('department')).toEqual([
      ['onTimeReturns', null, 30],
      ['taskReporting', null, 30],
      ['leadTasksDone', null, 20],
      ['figuresReported', null, 20],
    ]);
  });

  it('has the grades 优秀 ≥90, 良好 ≥80, 合格 ≥60, 不合格, vetoes capping at 良好, a layoff deduction and the two office duties', () => {
    expect(m.grades).toEqual([
      { name: '优秀', min: 90 },
      { name: '良好', min: 80 },
      { name: '合格', min: 60 },
      { name: '不合格', min: 0 },
    ]);
    expect(m.vetoes.map((v) => [v.indicator, v.cap])).toEqual([
      ['shiyelv', '良好'],
      ['lingjiuye', '良好'],
    ]);
    expect(m.deductions).toEqual([{ id: 'layoffNotice', name: '裁员未提前30日说明', warning: 'layoffNotice', at: 'year', points: 2, max: 4 }]);
    expect(m.officeDuties.map((d) => [d.task, d.kind])).toEqual([
      ['二(一)-1', 'taskDone'],
      ['二(一)-2', 'taskEveryQuarter'],
    ]);
  });

  it('scores exactly as the default a plan without a method gets (only the wording differs)', () => {
    const derived = defaultAssessment(plan);
    expect(derived.title).toBe(DEFAULT_METHOD_TITLE);
    expect(scoring(derived)).toEqual(scoring(m));
  });

  it('knows every warning rule by id, as rules.ts has them', () => {
    expect([...WARNING_RULES]).toEqual(rulesOf('warning').map((r) => r.id));
    expect(ITEM_KINDS.map((k) => k.kind)).toEqual(['countTarget', 'yearEndTarget', 'onTimeReturns', 'taskReporting', 'leadTasksDone', 'figuresReported']);
  });
});

describe('a plan file without a method', () => {
  it('gets the default method, labelled as one', () => {
    const raw = rawDefaultPlan();
    delete raw.assessment;
    const p = validatePlan(raw, 'old.json');
    expect(p.assessment.title).toBe('考核办法(默认,可修改)');
    expect(scoring(p.assessment)).toEqual(scoring(plan.assessment));
  });

  it('of another district gets the same rules applied to its own indicators', () => {
    const raw = rawDefaultPlan();
    delete raw.assessment;
    // A district that allocates only one count target and has no 零就业 indicator to watch.
    raw.indicators = raw.indicators.filter((i: any) => !['zaijiuye', 'kunnan'].includes(i.code));
    raw.tasks.forEach((t: any) => (t.indicators = t.indicators.filter((c: string) => !['zaijiuye', 'kunnan'].includes(c))));
    const p = validatePlan(raw, 'other.json');
    const area = p.assessment.groups.find((g) => g.unitKind === 'area')!;
    expect(area.items.map((i) => [i.id, i.points])).toEqual([
      ['xinzeng', 60],
      ['shiyelv', 10],
      ['lingjiuye', 10],
      ['returns', 10],
      ['tasks', 10],
    ]);
  });
});

describe('the schema check of the method names the place', () => {
  it('an unknown item kind, and a setting the kind does not take', () => {
    expect(refusal((a) => (a.groups[0].items[0].kind = 'bonus'))).toContain('assessment.groups[0](area).items[0](xinzeng).kind: "bonus" 不是考核项目类型(应为 countTarget、yearEndTarget');
    expect(refusal((a) => (a.groups[0].items[5].perlate = 1))).toContain('assessment.groups[0](area).items[5](returns).perlate: onTimeReturns 项目没有此字段(可用:id、name、short、kind、points、perLate、perMissing)');
  });

  it('an item on an indicator of the wrong kind, or one not in the plan', () => {
    expect(refusal((a) => (a.groups[0].items[0].indicator = 'shiyelv'))).toContain('assessment.groups[0](area).items[0](xinzeng).indicator: "shiyelv" 是比率型指标,此项只能用于累计型指标');
    expect(refusal((a) => (a.groups[0].items[3].indicator = 'gdp'))).toContain('assessment.groups[0](area).items[3](shiyelv).indicator: "gdp" 不是方案中的指标代码');
  });

  it('points that do not add up to 100, and a missing setting', () => {
    expect(refusal((a) => (a.groups[0].items[0].points = 25))).toContain('assessment.groups[0](area).items: 各项分值合计应为 100,实为 95');
    expect(refusal((a) => delete a.groups[1].items[0].perMissing)).toContain('assessment.groups[1](department).items[0](returns).perMissing: 缺少此字段');
  });

  it('a kind of unit without a group, and a group twice', () => {
    expect(refusal((a) => a.groups.pop())).toContain('assessment.groups: 方案中有区直部门,但考核办法没有 unitKind 为 department 的一组');
    expect(refusal((a) => (a.groups[1].unitKind = 'area'))).toContain('assessment.groups[1].unitKind: "area" 已有一组');
  });

  it('grades out of order, and no grade for the lowest scores', () => {
    expect(refusal((a) => (a.grades[1].min = 95))).toContain('assessment.grades[1](良好).min: 应低于上一等级(优秀 90 分),实为 95');
    expect(refusal((a) => (a.grades[3].min = 10))).toContain('assessment.grades[3].min: 最低一个等级的 min 应为 0');
  });

  it('a veto capping at a grade that does not exist, and a deduction on an unknown warning', () => {
    expect(refusal((a) => (a.vetoes[0].cap = '较好'))).toContain('assessment.vetoes[0](shiyelv).cap: "较好" 不是考核等级(应为 优秀、良好、合格、不合格)');
    expect(refusal((a) => (a.deductions[0].warning = 'layoff'))).toContain('assessment.deductions[0](layoffNotice).warning: "layoff" 不是预警规则');
    expect(refusal((a) => (a.deductions[0].max = 1))).toContain('assessment.deductions[0](layoffNotice).max: 最多扣分(1)不能少于每次扣分(2)');
  });

  it('an office duty on a task the plan does not have', () => {
    expect(refusal((a) => (a.officeDuties[0].task = '七(一)'))).toContain('assessment.officeDuties[0](七(一)).task: "七(一)" 不是方案中的任务编号');
  });
});

describe('the method travels with the plan', () => {
  it('plan file → plan → file → plan gives the same plan, method included', () => {
    expect(validatePlan(JSON.parse(JSON.stringify(planToFile(plan))), 'export.json')).toEqual(plan);
    // An edited method (other weights, a stricter cap) comes back as edited.
    const raw = rawDefaultPlan();
    raw.assessment.title = '梅列区2021年度就业工作考核办法';
    raw.assessment.groups[0].items[0].points = 25;
    raw.assessment.groups[0].items[6].points = 15;
    raw.assessment.vetoes[1].cap = '合格';
    const edited = validatePlan(raw, 'edited.json');
    const again = validatePlan(JSON.parse(JSON.stringify(planToFile(edited))), 'again.json');
    expect(again).toEqual(edited);
    expect(again.assessment.vetoes[1].cap).toBe('合格');
  });

  it('is stored with the plan and read back whole', () => {
    const db = openDb(':memory:');
    const raw = rawDefaultPlan();
    raw.assessment.groups[0].items[0].points = 25;
    raw.assessment.groups[0].items[6].points = 15;
    const edited = validatePlan(raw, 'edited.json');
    savePlan(db, edited, 'edited.json', new Date(2021, 0, 4));
    expect(readPlan(db, 2021).assessment).toEqual(edited.assessment);
    db.close();
  });

  it('a plan stored before the method existed reads back with the default method', () => {
    const db = openDb(':memory:');
    savePlan(db, plan, 'embedded', new Date(2021, 0, 4));
    db.prepare("UPDATE plans SET settings = json_remove(settings, '$.assessment')").run();
    const read = readPlan(db, 2021);
    expect(read.assessment.title).toBe('考核办法(默认,可修改)');
    expect(scoring(read.assessment)).toEqual(scoring(plan.assessment));
    db.close();
  });

  it('a database of the first release gets the default method too', () => {
    const path = join(tempDir(), 'release-1.db');
    copyFileSync(join(ROOT, 'test', 'fixtures', 'release-1.db'), path);
    const db = openDb(path);
    expect(readPlan(db).assessment.groups.map((g) => g.unitKind)).toEqual(['area', 'department']);
    db.close();
  });

  it('next year copies the method', () => {
    expect(nextYearPlan(plan, 2022, new Map()).assessment).toEqual(plan.assessment);
  });
});
