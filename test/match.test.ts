import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { findTask, matchIndicator, matchUnit, normalizeTaskId } from '../src/domain/match.js';
import { formatPeriod, parsePeriod, periodTitle, previousPeriod, quarterEnd } from '../src/domain/period.js';

const plan = loadPlanFile(DEFAULT_PLAN);
const code = (text: string, prefix = false) => {
  const m = matchUnit(plan, text, { prefix });
  return m.kind === 'found' ? m.item.code : m.kind;
};

describe('unit names', () => {
  it('match by code, name, full name and alias', () => {
    expect(code('caizheng')).toBe('caizheng');
    expect(code('区财政局')).toBe('caizheng');
    expect(code('梅列区财政局')).toBe('caizheng');
    expect(code('财政局')).toBe('caizheng');
    expect(code('列东街道办事处')).toBe('liedong');
    expect(code('列东')).toBe('liedong');
    expect(code('三明市梅列区列东街道办事处')).toBe('liedong');
    expect(code('梅列经济开发区管委会')).toBe('kaifaqu');
    expect(code('区人力资源和社会保障局')).toBe('renshe');
  });

  it('ignore spaces, full-width spaces and the district prefix', () => {
    expect(code(' 列 东 街 道 ')).toBe('liedong');
    expect(code('列东\u3000街道')).toBe('liedong');
    expect(code('梅列区陈大镇人民政府')).toBe('chenda');
  });

  it('match a unique beginning only when asked (the command line), not in a return', () => {
    expect(code('区退役', true)).toBe('tuiyi');
    expect(code('区退役')).toBe('none');
  });

  it('refuse an ambiguous beginning, naming the candidates', () => {
    const m = matchUnit(plan, '列', { prefix: true });
    expect(m.kind).toBe('ambiguous');
    if (m.kind === 'ambiguous') expect(m.candidates.map((u) => u.name)).toEqual(['列东街道', '列西街道']);
  });

  it('find nothing for an unknown name', () => {
    expect(code('区文旅局', true)).toBe('none');
    expect(code('')).toBe('none');
  });
});

describe('indicator names', () => {
  it('match by name, alias and, when asked, a unique part', () => {
    const m = (t: string, partial = false) => {
      const r = matchIndicator(plan, t, { partial });
      return r.kind === 'found' ? r.item.code : r.kind;
    };
    expect(m('城镇新增就业')).toBe('xinzeng');
    expect(m('城镇就业困难对象再就业')).toBe('kunnan');
    expect(m('新增就业', true)).toBe('xinzeng');
    expect(m('再就业', true)).toBe('ambiguous');
    expect(m('新增就业')).toBe('none');
  });
});

describe('task numbers', () => {
  it('accept the document form, full-width brackets and 2.1', () => {
    expect(normalizeTaskId('二(一)')).toBe('二(一)');
    expect(normalizeTaskId('二（一）')).toBe('二(一)');
    expect(normalizeTaskId('2.1')).toBe('二(一)');
    expect(normalizeTaskId('2-1')).toBe('二(一)');
    expect(normalizeTaskId('2.1-1')).toBe('二(一)-1');
    expect(normalizeTaskId('4')).toBe('四');
    expect(normalizeTaskId('6.3')).toBe('六(三)');
    expect(findTask(plan, '3.2')?.lead).toBe('caizheng');
    expect(findTask(plan, '9.9')).toBeUndefined();
  });
});

describe('periods', () => {
  it('read every accepted spelling and write 2021Q3', () => {
    for (const s of ['2021Q3', '2021-Q3', '2021q3', '2021年第三季度', '2021年第3季度', '２０２１Ｑ３', ' 2021 Q3 ']) {
      expect(parsePeriod(s), s).toEqual({ year: 2021, quarter: 3 });
    }
    for (const s of ['2021Q5', '2021', 'Q3', '21Q3', '2021年第五季度', '']) expect(parsePeriod(s), s).toBeNull();
    expect(formatPeriod({ year: 2021, quarter: 3 })).toBe('2021Q3');
    expect(periodTitle({ year: 2021, quarter: 3 })).toBe('2021年第三季度');
  });

  it('know quarter ends and the quarter before, across the year', () => {
    expect([1, 2, 3, 4].map((q) => quarterEnd({ year: 2021, quarter: q as 1 }))).toEqual(['2021-03-31', '2021-06-30', '2021-09-30', '2021-12-31']);
    expect(previousPeriod({ year: 2021, quarter: 1 })).toEqual({ year: 2020, quarter: 4 });
    expect(previousPeriod({ year: 2021, quarter: 3 })).toEqual({ year: 2021, quarter: 2 });
  });
});
