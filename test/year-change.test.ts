// The rules of a changing year: what a plan changes per kind, a unit found through another year's name,
// titles moved to the new year, a missing plan's advice, calendars that miss a holiday, JSON mistakes placed.
import { describe, expect, it } from 'vitest';
import { jsonErrorPlace } from '../src/data.js';
import { missingHolidays } from '../src/domain/calendar.js';
import { deadline } from '../src/domain/deadline.js';
import { matchUnitInYear } from '../src/domain/match.js';
import { planChanges, type PlanChangeKind } from '../src/domain/plan/changes.js';
import { missingPlanAdvice, moveTitleYear, nextYearPlan } from '../src/domain/plan/next-year.js';
import type { Plan } from '../src/domain/plan/model.js';
import { PLAN } from './fill.js';

const next = (edit: (p: Plan) => void = () => {}): Plan => {
  const p = nextYearPlan(PLAN, 2022, new Map());
  edit(p);
  return p;
};
const lines = (after: Plan, kind: PlanChangeKind, before: Plan = PLAN) => planChanges(before, after).find((c) => c.kind === kind);

describe('planChanges: each kind of change said', () => {
  it('an unchanged copy changes nothing', () => {
    expect(planChanges(PLAN, next())).toEqual([]);
  });

  it('units: added, removed (a merged unit), renamed under the same code, and a kind changed', () => {
    const after = next((p) => {
      p.units = p.units.filter((u) => u.code !== 'yangxi');
      p.units.find((u) => u.code === 'chenda')!.name = '陈大街道';
      p.units.find((u) => u.code === 'kaifaqu')!.kind = 'department';
      p.units.push({ code: 'xinqu', name: '新区街道', fullName: '新区街道办事处', kind: 'area', category: '街道', aliases: [] });
    });
    expect(lines(after, 'units')?.lines).toEqual([
      '新增:新区街道(xinqu,镇街)',
      '去掉:洋溪镇(yangxi)——已有的报表留在原年度;如已并入其他单位,今后由合并后的单位报送',
      '改名:陈大镇 → 陈大街道(代码 chenda 不变,历年数字接续)',
      '梅列经济开发区:镇街 → 部门',
    ]);
    expect(lines(after, 'codes')).toBeUndefined();
  });

  it('a code changed: the same name under another code, with the warning that a new code starts a new history', () => {
    const after = next((p) => {
      p.units.find((u) => u.code === 'liexi')!.code = 'liexi-jd';
    });
    const codes = lines(after, 'codes')!;
    expect(codes.lines).toEqual(['列西街道:代码 liexi → liexi-jd']);
    expect(codes.warning).toContain('新代码开始新的历史');
    expect(codes.warning).toContain('只是改名的单位请保留原代码');
    expect(lines(after, 'units')).toBeUndefined();
  });

  it('targets, the deadline rule (for another year: each keeps its own), warning and data-quality thresholds', () => {
    const after = next((p) => {
      p.indicators[0].target = { op: '>=', value: 1600 };
      p.deadline = { ...p.deadline, daysAfterQuarterEnd: 10, rule: '季后10日内报送', nearDays: 5 };
      p.warnings.massLayoff.people = 15;
      p.dataQuality.outlier.times = 4;
    });
    expect(lines(after, 'targets')?.lines).toEqual(['城镇新增就业 ≥1,500 人 → ≥1,600 人']);
    const rule = lines(after, 'deadline')!;
    expect(rule.lines).toEqual([`${PLAN.deadline.rule} → 季后10日内报送`, '“临近”提醒:截止前 3 天 → 5 天']);
    expect(rule.warning).toBe('2022 年的季度按新规则,2021 年的季度仍按 2021 年的规则');
    expect(lines(after, 'warnings')?.lines).toEqual(['规模性裁员:一次裁减20人以上,或占企业职工总数10%以上 → 一次裁减15人以上,或占企业职工总数10%以上']);
    expect(lines(after, 'dataQuality')?.lines).toHaveLength(1);
    expect(lines(after, 'dataQuality')?.lines[0]).toMatch(/^异常值:.*3 倍.* → .*4 倍/);
  });

  it('a deadline rule replaced within its year recomputes the year’s past quarters too, and says so', () => {
    const same = structuredClone(PLAN);
    same.deadline = { ...same.deadline, daysAfterQuarterEnd: 10, rule: '季后10日内报送' };
    expect(lines(same, 'deadline')?.warning).toBe('2021 年各季度(包括已过的季度)的截止日期和逾期天数都按新规则重算');
  });

  it('the assessment method: an item’s points, a veto removed, the grades', () => {
    const after = next((p) => {
      p.assessment.groups[0].items[0].points += 5;
      p.assessment.groups[0].items[1].points -= 5;
      p.assessment.vetoes = p.assessment.vetoes.slice(1);
      p.assessment.grades[0].min = 95;
    });
    const method = lines(after, 'assessment')!.lines;
    const [a, b] = PLAN.assessment.groups[0].items;
    expect(method).toContain(`镇街和开发区:${a.name} ${a.points} 分 → ${a.name} ${a.points + 5} 分`);
    expect(method).toContain(`镇街和开发区:${b.name} ${b.points} 分 → ${b.name} ${b.points - 5} 分`);
    expect(method).toContain(`去掉否决项:${PLAN.assessment.vetoes[0].name}`);
    expect(method.some((l) => l.startsWith('等级:') && l.includes('≥95'))).toBe(true);
  });
});

describe('plan new moves year-bearing titles', () => {
  it('梅列区2021年度就业工作考核办法 becomes …2022年度…, a document number stays', () => {
    expect(moveTitleYear('梅列区2021年度就业工作考核办法(三人社〔2021〕5号)', 2021, 2022)).toBe('梅列区2022年度就业工作考核办法(三人社〔2021〕5号)');
    const titled = structuredClone(PLAN);
    titled.assessment.title = '梅列区2021年度就业工作考核办法';
    const p = nextYearPlan(titled, 2022, new Map());
    expect(p.assessment.title).toBe('梅列区2022年度就业工作考核办法');
    expect(lines(p, 'title', titled)?.lines).toEqual(['考核办法名称:梅列区2021年度就业工作考核办法 → 梅列区2022年度就业工作考核办法']);
  });
});

describe('a unit across years', () => {
  const renamed = next((p) => {
    const u = p.units.find((x) => x.code === 'chenda')!;
    Object.assign(u, { name: '陈大街道', fullName: '陈大街道办事处', aliases: [] });
    p.units = p.units.filter((x) => x.code !== 'yangxi');
    p.units.push({ code: 'xinqu', name: '新区街道', fullName: '新区街道办事处', kind: 'area', category: '街道', aliases: [] });
  });

  it('an old name finds the renamed unit with a note, both ways', () => {
    expect(matchUnitInYear(renamed, [PLAN], '陈大镇')).toMatchObject({ kind: 'found', item: { code: 'chenda' }, note: '陈大镇 是 2022 年方案中的 陈大街道' });
    expect(matchUnitInYear(PLAN, [renamed], '陈大街道')).toMatchObject({ kind: 'found', item: { name: '陈大镇' }, note: '陈大街道 是 2021 年方案中的 陈大镇' });
    expect(matchUnitInYear(renamed, [PLAN], '陈大街道')).toEqual({ kind: 'found', item: renamed.units.find((u) => u.code === 'chenda') });
  });

  it('a unit the year lacks is named as removed, or as added later', () => {
    expect(matchUnitInYear(renamed, [PLAN], '洋溪镇')).toMatchObject({ kind: 'absent', message: '洋溪镇 不在 2022 年方案中(2022 年方案已去掉该单位)' });
    expect(matchUnitInYear(PLAN, [renamed], '新区街道')).toMatchObject({ kind: 'absent', message: '新区街道 不在 2021 年方案中(2022 年方案起才有该单位)' });
    expect(matchUnitInYear(PLAN, [renamed], '不存在的单位')).toEqual({ kind: 'none' });
  });
});

describe('a year without a plan', () => {
  it('the year after the latest names plan new; a later one asks to check the year; an earlier one says nothing more', () => {
    expect(missingPlanAdvice([2021], 2022)).toBe('新年度请先由 2021 年方案建立:jiuye plan new 2022(或用 jiuye plan add 方案文件 载入)');
    expect(missingPlanAdvice([2021], 2024)).toBe('请核对年份:最新的方案是 2021 年的');
    expect(missingPlanAdvice([2021], 2020)).toBe('');
  });
});

describe('calendars that miss a statutory holiday', () => {
  const only = (...names: string[]) => ({ holidays: names.map((name) => ({ name, from: '2027-01-01', to: '2027-01-01' })) });

  it('a combined 中秋节、国庆节 covers both; 元旦 and 春节 alone miss five', () => {
    expect(missingHolidays(only('元旦', '春节', '清明节', '劳动节', '端午节', '中秋节、国庆节'))).toEqual([]);
    expect(missingHolidays(only('元旦', '春节'))).toEqual(['清明节', '劳动节', '端午节', '中秋节', '国庆节']);
  });

  it('a deadline decided by an incomplete calendar says so', () => {
    const cal = { year: 2027, source: '', origin: 'x', kind: 'stored' as const, workdays: [], holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }] };
    const d = deadline({ year: 2027, quarter: 3 }, 5, new Map([[2027, cal]]));
    expect(d).toMatchObject({ date: '2027-10-05', incompleteCalendars: [2027], missingCalendars: [] });
  });
});

describe('a JSON mistake placed by line and column, in Chinese', () => {
  const place = (text: string) => {
    try {
      JSON.parse(text);
    } catch (e) {
      return jsonErrorPlace(text, e as Error);
    }
    throw new Error('parsed');
  };

  it('a missing comma, a trailing comma, a value cut short, a file cut short', () => {
    expect(place('{\n  "year": 2027\n  "holidays": []\n}')).toBe('第 3 行第 3 列:上一项之后应为逗号或 }(两项之间缺少逗号?)');
    expect(place('{"holidays": [1,]}')).toBe('第 1 行第 17 列:此处不应有“]”(文字须用英文双引号括起,最后一项之后不能有逗号)');
    expect(place('{"a": tru }')).toBe('第 1 行第 10 列:此前的值不完整(true、false、null 拼错了,或文字缺少双引号?)');
    expect(place('{"year": 2027,')).toMatch(/^第 1 行第 15 列:/);
  });
});
