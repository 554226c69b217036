import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { InputError } from '../src/errors.js';
import { indicatorsReportedBy, tasksOf } from '../src/domain/plan/model.js';
import { validatePlan } from '../src/domain/plan/file.js';
import { planRefusal, rawDefaultPlan, tempDir } from './helpers.js';

const refusal = planRefusal;

describe('the embedded plan', () => {
  const plan = loadPlanFile(DEFAULT_PLAN);

  it('is 梅列区 2021 with the document targets', () => {
    expect(plan.district).toBe('梅列区');
    expect(plan.year).toBe(2021);
    const target = (code: string) => plan.indicators.find((i) => i.code === code)?.target;
    expect(target('xinzeng')).toEqual({ op: '>=', value: 1500 });
    expect(target('zaijiuye')).toEqual({ op: '>=', value: 900 });
    expect(target('kunnan')).toEqual({ op: '>=', value: 250 });
    expect(target('shiyelv')).toEqual({ op: '<=', value: 3.5 });
    expect(target('gaoxiao')).toEqual({ op: '>=', reference: '上年值', from: 'previousYear' });
    expect(target('lixiao')).toEqual({ op: '>=', reference: '全市平均', from: 'entered' });
    expect(target('lingjiuye')).toEqual({ op: '=', value: 0 });
  });

  it('has the six areas and every department of the 责任单位 lists', () => {
    expect(plan.units.filter((u) => u.kind === 'area').map((u) => u.name)).toEqual(['列东街道', '列西街道', '徐碧街道', '陈大镇', '洋溪镇', '梅列经济开发区']);
    expect(plan.units.filter((u) => u.kind === 'department')).toHaveLength(16);
  });

  it('covers every indicator kind, and every unit reports or carries a task', () => {
    expect(new Set(plan.indicators.map((i) => i.kind))).toEqual(new Set(['count', 'rate', 'relative', 'zero', 'monitor']));
    for (const u of plan.units) expect(indicatorsReportedBy(plan, u.code).length + tasksOf(plan, u.code).length).toBeGreaterThan(0);
  });

  it('expands 各乡镇、街道 to the areas and section 六 to every member unit', () => {
    const t21 = plan.tasks.find((t) => t.id === '二(一)')!;
    for (const a of ['liedong', 'liexi', 'xubi', 'chenda', 'yangxi', 'kaifaqu']) expect(t21.coUnits).toContain(a);
    const t61 = plan.tasks.find((t) => t.id === '六(一)')!;
    expect(t61.coUnits).toHaveLength(plan.units.length - 1);
    expect(t61.coUnits).not.toContain(t61.lead);
  });

  it('gives each unit the tasks that name it, in plan order, with its role (looked up through an index)', () => {
    for (const u of plan.units) {
      const scanned = plan.tasks
        .filter((t) => t.lead === u.code || t.coUnits.includes(u.code))
        .map((t) => [t.id, t.lead === u.code ? 'lead' : 'co']);
      expect(tasksOf(plan, u.code).map((x) => [x.task.id, x.role]), u.code).toEqual(scanned);
    }
    expect(tasksOf(plan, 'renshe').length).toBeGreaterThan(5);
    expect(tasksOf(plan, 'nobody')).toEqual([]);
  });

  it('lists 区财政局 once in 五(一), where the document names it twice', () => {
    const t = plan.tasks.find((x) => x.id === '五(一)')!;
    expect(t.coUnits.filter((c) => c === 'caizheng')).toHaveLength(1);
  });

  it('sets the deadline rule and the warning thresholds', () => {
    expect(plan.deadline.daysAfterQuarterEnd).toBe(5);
    expect(plan.warnings.massLayoff).toMatchObject({ people: 20, staffShare: 0.1, noticeDays: 30 });
    expect(plan.warnings.employmentDecline.indicator).toBe('xinzeng');
  });
});

describe('the schema check refuses', () => {
  it('a missing top-level field, naming it', () => {
    expect(refusal((p) => delete p.district)).toContain('(根).district: 缺少此字段');
  });

  it('a missing unit field, naming the unit', () => {
    expect(refusal((p) => delete p.units[2].fullName)).toContain('units[2](xubi).fullName: 缺少此字段');
  });

  it('a task whose lead is not a unit', () => {
    expect(refusal((p) => (p.tasks[0].lead = 'nobody'))).toContain('tasks[0](二(一)).lead: 牵头单位 "nobody" 不是方案中的单位代码');
  });

  it('a co-unit that is not a unit', () => {
    expect(refusal((p) => p.tasks[3].coUnits.push('区文旅局'))).toContain('tasks[3](二(二)).coUnits: "区文旅局" 不是方案中的单位代码');
  });

  it('a duplicate unit code', () => {
    expect(refusal((p) => (p.units[1].code = 'liedong'))).toContain('units[1](liedong).code: 单位代码 "liedong" 重复');
  });

  it('a duplicate indicator code', () => {
    expect(refusal((p) => (p.indicators[1].code = 'xinzeng'))).toContain('指标代码 "xinzeng" 重复');
  });

  it('a duplicate task number', () => {
    expect(refusal((p) => (p.tasks[1].id = '二(一)'))).toContain('任务编号 "二(一)" 重复');
  });

  it('an alias shared by two units', () => {
    expect(refusal((p) => p.units[1].aliases.push('列东'))).toContain('名称或别名 "列东" 与单位 liedong 重复');
  });

  it('a task naming an unknown indicator', () => {
    expect(refusal((p) => p.tasks[0].indicators.push('gdp'))).toContain('tasks[0](二(一)).indicators: "gdp" 不是方案中的指标代码');
  });

  it('an unknown indicator kind', () => {
    expect(refusal((p) => (p.indicators[0].kind = 'sum'))).toContain('indicators[0](xinzeng).kind: "sum" 应为 count、rate、relative、zero 或 monitor');
  });

  it('fields that do not fit the kind', () => {
    const msg = refusal((p) => (p.indicators[3].fields = { numerator: '失业人数', total: '总数' }));
    expect(msg).toContain('indicators[3](shiyelv).fields.denominator: 缺少此字段');
    expect(msg).toContain('indicators[3](shiyelv).fields.total: 比率型指标没有此项');
  });

  it('a target that does not fit the kind, and a count without one', () => {
    expect(refusal((p) => (p.indicators[0].target.op = '<='))).toContain('indicators[0](xinzeng).target.op: "<=" 不适用于累计型指标');
    expect(refusal((p) => delete p.indicators[0].target)).toContain('indicators[0](xinzeng).target: 缺少此字段');
    expect(refusal((p) => (p.indicators[3].target.value = 350))).toContain('indicators[3](shiyelv).target.value: 应为0–100 的百分数');
  });

  it('an indicator reported by an unknown unit', () => {
    expect(refusal((p) => (p.indicators[4].reportedBy = ['edu']))).toContain('indicators[4](gaoxiao).reportedBy: "edu" 不是方案中的单位代码');
  });

  it('a warning rule on the wrong kind of indicator, or missing', () => {
    expect(refusal((p) => (p.warnings.unemploymentSurge.indicator = 'xinzeng'))).toContain('warnings.unemploymentSurge.indicator: "xinzeng" 应为比率型指标');
    expect(refusal((p) => delete p.warnings.massLayoff)).toContain('warnings.massLayoff: 缺少此字段');
  });

  it('a bad deadline and an unknown format', () => {
    expect(refusal((p) => (p.deadline.daysAfterQuarterEnd = -1))).toContain('deadline.daysAfterQuarterEnd: 应为0–60 的整数');
    expect(refusal((p) => (p.format = 'other/2'))).toContain('format: 不支持的方案格式 "other/2"');
  });

  it('empty lists and non-objects', () => {
    expect(refusal((p) => (p.units = []))).toContain('units: 应为非空列表');
    expect(() => validatePlan([], 'x.json')).toThrow('方案文件 x.json 的内容不是一个 JSON 对象');
  });

  it('and reports every problem at once, counted', () => {
    const msg = refusal((p) => {
      p.tasks[0].lead = 'nobody';
      delete p.title;
    });
    expect(msg).toMatch(/^方案文件 test\.json 有 2 处错误,未载入/);
  });
});

describe('loading a plan file', () => {
  it('names the line of a JSON syntax error', () => {
    const path = join(tempDir(), 'bad.json');
    writeFileSync(path, '{\n  "id": "x",\n  "year": 2021,,\n}');
    expect(() => loadPlanFile(path)).toThrow(/方案文件 .*bad\.json 不是有效的 JSON:第 3 行/);
  });

  it('says when the file is missing or a folder', () => {
    expect(() => loadPlanFile('/nonexistent/plan.json')).toThrow('方案文件 /nonexistent/plan.json 不存在');
    const dir = tempDir();
    expect(() => loadPlanFile(dir)).toThrow('是一个文件夹,不是文件');
  });
});
