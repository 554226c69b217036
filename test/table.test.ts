// The table renderer: fitting a width, wrapping text columns only, groups, optional columns and the record layout.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { EVERY_ROW, renderTable, type Column } from '../src/render/table.js';
import { displayWidth, keepWhole, stripAnsi, wrapLines } from '../src/render/text.js';
import { borderColumns } from './helpers.js';

const plain = new Chalk({ level: 0 });
const lines = (text: string) => text.trimEnd().split('\n');
const tableLines = (text: string) => lines(text).filter((l) => /^[│┌├└]/.test(l));

/** Every table line equally wide, and each column border at the same screen column on every line. */
function expectAligned(text: string): void {
  const rows = tableLines(text);
  expect(new Set(rows.map(displayWidth)).size).toBe(1);
  // Rules with a group label have no junction inside the label; compare the others.
  expect(new Set(rows.filter((l) => !/─ \S/.test(l)).map(borderColumns)).size).toBe(1);
}

const columns: Column[] = [
  { header: '单位' },
  { header: '收到日期' },
  { header: '状态' },
  { header: '进展情况', wrap: 'text' },
];
const rows = [
  ['列东街道', '2021-10-08', '按时', '第三季度举办招聘会 3 场,提供岗位 1,200 个,达成就业意向 356 人'],
  ['区退役军人事务局', '—', '未报送·已逾期(7天)', '—'],
];

describe('renderTable', () => {
  it('natural widths when they fit: one rule under the header and none between rows', () => {
    const t = renderTable(columns, rows, plain, { width: 160 });
    expect(tableLines(t)).toHaveLength(6); // top, header, rule, two rows, bottom
    expect(t).toContain('│ 列东街道         │ 2021-10-08 │ 按时');
    expectAligned(t);
  });

  it('fits a narrower width by wrapping only the text column; names, dates and statuses stay whole', () => {
    const t = renderTable(columns, rows, plain, { width: 80 });
    for (const l of lines(t)) expect(displayWidth(l)).toBeLessThanOrEqual(80);
    expectAligned(t);
    expect(t).toContain('区退役军人事务局');
    expect(t).toContain('未报送·已逾期(7天)');
    expect(t).toContain('1,200');
    expect(tableLines(t).length).toBeGreaterThan(6);
  });

  it('groups: a rule between groups only, the group column on its first row, the label in the rule', () => {
    const cols: Column[] = [{ header: '指标', wrap: 'text' }, { header: '累计', align: 'right' }, { header: '单位', oncePerGroup: true }];
    const data = [
      ['城镇新增就业', '285', '列东街道'],
      ['就业困难人员再就业', '47', '列东街道'],
      ['城镇新增就业', '235', '列西街道'],
    ];
    const t = renderTable(cols, data, plain, { width: 80, group: (r) => r[2], groupLabel: (r) => r[2] });
    const body = tableLines(t);
    expect(body.filter((l) => l.startsWith('├'))).toHaveLength(2);
    expect(body[2]).toMatch(/^├─ 列东街道 ─+┼─+┼─+┤$/);
    expect(body[5]).toMatch(/^├─ 列西街道 ─+┼/);
    expect(t.match(/列东街道/g)).toHaveLength(2); // the label and the first row; not the second row
    expectAligned(t);
  });

  it('EVERY_ROW draws a rule between all rows, for rows of several lines', () => {
    const t = renderTable([{ header: '任务' }, { header: '内容' }], [['一', 'a\nb'], ['二', 'c']], plain, { group: EVERY_ROW });
    expect(tableLines(t).filter((l) => l.startsWith('├'))).toHaveLength(2);
  });

  it('leaves out optional columns, least useful first, and says so under the table', () => {
    const cols: Column[] = [
      { header: '指标', wrap: 'text', min: 16 },
      { header: '完成 / 目标(完成率)', align: 'right' },
      { header: '完成进度', optional: 1 },
      { header: '序时进度', align: 'right', optional: 2 },
      { header: '状态' },
    ];
    const data = [['城镇登记失业人员再就业(人)', '1,175 / 1,500 (78.3%)', '███████▊  ', '75%', '进度滞后(差 10 人)']];
    const wide = renderTable(cols, data, plain, { width: 120 });
    expect(wide).toContain('完成进度');
    expect(wide).not.toContain('注:');
    // All five need 91 columns with 指标 at its minimum of 16.
    const narrow = renderTable(cols, data, plain, { width: 82 });
    expect(tableLines(narrow).join('\n')).not.toContain('完成进度');
    expect(narrow).toContain('序时进度');
    expect(lines(narrow).at(-1)).toBe('  注:为适应 82 列的宽度,未显示 “完成进度” 列');
    const narrower = renderTable(cols, data, plain, { width: 70 });
    expect(tableLines(narrower).join('\n')).not.toContain('序时进度');
    expect(narrower).toContain('进度滞后(差 10 人)');
    expect(narrower).toContain('1,175 / 1,500 (78.3%)');
    for (const t of [wide, narrow, narrower]) expectAligned(t);
    for (const l of lines(narrower)) expect(displayWidth(l)).toBeLessThanOrEqual(70);
  });

  it('keepWhole: optional columns give way before such a column wraps, and it wraps only when that is not enough', () => {
    const cols: Column[] = [
      { header: '指标', wrap: 'text', min: 14, keepWhole: true },
      { header: '序时进度', optional: 1 },
      { header: '状态' },
    ];
    const data = [['城镇登记失业人员再就业(人)', '75%', '进度滞后(差 10 人)']];
    const headers = (t: string) => tableLines(t)[1].split('│').map((x) => x.trim()).filter(Boolean);
    expect(headers(renderTable(cols, data, plain, { width: 70 }))).toEqual(['指标', '序时进度', '状态']); // 28 + 8 + 20 + 10 borders
    const mid = renderTable(cols, data, plain, { width: 60 });
    expect(headers(mid)).toEqual(['指标', '状态']);
    expect(mid).toContain('城镇登记失业人员再就业(人)'); // whole: 序时进度 gave way
    const narrow = renderTable(cols, data, plain, { width: 44 });
    expect(headers(narrow)).toEqual(['指标', '状态']);
    expect(narrow).not.toContain('城镇登记失业人员再就业(人)'); // too narrow even without 序时进度: the name wraps
    expect(narrow).toContain('进度滞后(差 10 人)');
    for (const t of [mid, narrow]) expectAligned(t);
  });

  it('a compact layout without vertical rules where no boxed one fits, before records', () => {
    // Seven number columns: boxed they need 7 × 8 + 22 = 78 columns, compact 7 × 8 + 12 = 68.
    const cols: Column[] = ['单位名称', '新增就业', '再就业', '困难就业', '失业率', '零就业', '总分'].map((h, k) => ({ header: h, align: k > 0 ? 'right' : 'left' }));
    const data = [['列东街道', '25.1', '12.6', '13.2', '10.0', '10.0', '85.9'], ['梅列经济开发区', '30.0', '15.0', '15.0', '10.0', '10.0', '95.0']];
    const boxed = renderTable(cols, data, plain, { width: 100 });
    expect(boxed).toContain('┌');
    const t = renderTable(cols, data, plain, { width: 72 });
    expect(t).not.toMatch(/[│┌└]/);
    const out = lines(t);
    expect(out[0]).toBe('单位名称        新增就业  再就业  困难就业  失业率  零就业  总分');
    expect(out[1]).toMatch(/^─{14}  ─{8}  ─{6}  /);
    expect(out[3]).toBe('梅列经济开发区      30.0    15.0      15.0    10.0    10.0  95.0');
    for (const l of out) expect(displayWidth(l)).toBeLessThanOrEqual(72);
    // Every column is there: none was left out.
    expect(t).not.toContain('注:');
  });

  it('a grade with its mark (良好(否决)) breaks before the bracket on a narrow screen, never inside the mark, rather than the table turning into records', () => {
    const cols: Column[] = [
      { header: '单位' },
      ...['新增就业', '再就业', '困难就业', '失业率', '零就业', '总分'].map((h): Column => ({ header: h, align: 'right' })),
      { header: '等级', wrap: 'text', min: 4 },
    ];
    const data = [
      ['徐碧街道', '30.0', '15.0', '15.0', '10.0', '0.0', '90.0', `良好${keepWhole('(否决)')}`],
      ['列西街道', '25.3', '12.6', '12.5', '10.0', '10.0', '88.4', '良好'],
    ];
    const wide = lines(renderTable(cols, data, plain, { width: 100 }));
    expect(wide.some((l) => l.includes('│ 良好(否决) │'))).toBe(true);
    const t = renderTable(cols, data, plain, { width: 66 });
    expect(t).not.toContain('─[');
    const out = lines(t);
    const xubi = out.findIndex((l) => l.startsWith('徐碧街道'));
    expect(out[xubi]).toMatch(/90\.0  良好$/);
    expect(out[xubi + 1].trim()).toBe('(否决)');
    for (const l of out) expect(displayWidth(l)).toBeLessThanOrEqual(66);
  });

  it('wrapHeader: a long header over short numbers wraps onto two lines rather than the column being left out', () => {
    const cols: Column[] = [{ header: '单位' }, ...['新增就业', '困难再就业', '按时报送'].map((h): Column => ({ header: h, align: 'right', wrapHeader: 4 }))];
    const data = [['列东街道', '25.1', '13.2', '10.0']];
    // Whole headers when they fit.
    expect(tableLines(renderTable(cols, data, plain, { width: 60 }))[1]).toBe('│ 单位     │ 新增就业 │ 困难再就业 │ 按时报送 │');
    const t = renderTable(cols, data, plain, { width: 36 });
    expect(tableLines(t).slice(1, 3)).toEqual(['│ 单位     │ 新增 │ 困难再 │ 按时 │', '│          │ 就业 │   就业 │ 报送 │']);
    expect(t).not.toContain('注:');
    expectAligned(t);
  });

  it('a compact grouped table names each group in a rule of its own', () => {
    const cols: Column[] = [{ header: '指标', wrap: 'text', min: 8 }, { header: '完成 / 目标(完成率)', align: 'right' }];
    const data = [
      ['城镇新增就业', '335 / 400 (83.8%)', '列东街道'],
      ['城镇新增就业', '235 / 350 (67.1%)', '列西街道'],
    ];
    const out = lines(renderTable(cols, data, plain, { width: 33, group: (r) => r[2], groupLabel: (r) => r[2] }));
    expect(out.filter((l) => l.startsWith('─ '))).toEqual([expect.stringMatching(/^─ 列东街道 ─+$/), expect.stringMatching(/^─ 列西街道 ─+$/)]);
    for (const l of out) expect(displayWidth(l)).toBeLessThanOrEqual(33);
  });

  it('turns into vertical records when even that cannot fit (psql \\x)', () => {
    const t = renderTable(columns, rows, plain, { width: 40 });
    expect(t).not.toContain('┌');
    const out = lines(t);
    expect(out[0]).toMatch(/^─\[ 1 \]─+$/);
    expect(out).toContain('单位     │ 列东街道');
    expect(out).toContain('状态     │ 未报送·已逾期(7天)');
    for (const l of out) expect(displayWidth(l)).toBeLessThanOrEqual(40);
    // The text column wraps under its value column.
    expect(out.filter((l) => l.startsWith('         │ ')).length).toBeGreaterThan(0);
  });

  it('records of a grouped table are numbered within their group, the group named in each', () => {
    const cols: Column[] = [{ header: '指标' }, { header: '完成 / 目标(完成率)' }];
    const data = [
      ['城镇新增就业', '335 / 400 (83.8%)', '列东街道'],
      ['就业困难人员再就业', '57 / 65 (87.7%)', '列东街道'],
      ['城镇新增就业', '235 / 350 (67.1%)', '列西街道'],
    ];
    const out = lines(renderTable(cols, data, plain, { width: 30, group: (r) => r[2], groupLabel: (r) => r[2] }));
    expect(out.filter((l) => l.startsWith('─['))).toEqual([
      expect.stringMatching(/^─\[ 列东街道 · 1 \]─+$/),
      expect.stringMatching(/^─\[ 列东街道 · 2 \]─+$/),
      expect.stringMatching(/^─\[ 列西街道 · 1 \]─+$/),
    ]);
  });

  it('never below a text column\'s longest unbreakable run: a list of names keeps each name whole', () => {
    const t = renderTable([{ header: '任务' }, { header: '配合单位', wrap: 'words' }], [['二(一)', '区发改局、区退役军人事务局、区教育局']], plain, { width: 32 });
    expect(t).toContain('区退役军人事务局');
    expect(tableLines(t).length).toBeGreaterThan(4);
    expectAligned(t);
  });

  it('colour does not count toward width and survives a wrap', () => {
    const red = new Chalk({ level: 1 }).red;
    const t = renderTable([{ header: '说明', wrap: 'text' }], [[red('第三季度举办招聘会三场,提供岗位一千二百个')]], new Chalk({ level: 1 }), { width: 24 });
    const body = lines(t).filter((l) => /^[│┌├└]/.test(stripAnsi(l)));
    expect(body.length).toBeGreaterThan(4);
    expect(new Set(body.map(displayWidth))).toEqual(new Set([24]));
    expect(body.filter((l) => l.includes('\u001b[31m')).length).toBeGreaterThan(1);
  });

  it('without a width: natural widths, a number wrap as the column\'s most (older callers)', () => {
    const t = renderTable([{ header: '文件', wrap: 10 }], [['一二三四五六七八九十']], plain);
    expect(tableLines(t).filter((l) => l.startsWith('│'))).toHaveLength(3);
    expect(wrapLines('一二三四五六七八九十', 10)).toHaveLength(2);
  });
});
