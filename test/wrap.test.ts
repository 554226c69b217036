// Breaking Chinese text into lines for table cells: at word and punctuation boundaries, never wider than asked.
import { describe, expect, it } from 'vitest';
import { displayWidth, longestUnbreakable, stripAnsi, wrapLines, wrapText } from '../src/render/text.js';

const widest = (lines: string[]) => Math.max(...lines.map(displayWidth));

describe('wrapLines', () => {
  it('leaves text that fits alone, and keeps explicit line breaks', () => {
    expect(wrapLines('城镇新增就业', 12)).toEqual(['城镇新增就业']);
    expect(wrapLines('二(一)\n加强组织领导', 12)).toEqual(['二(一)', '加强组织领导']);
  });

  it('never starts a line with closing punctuation, and never lets it overhang the width', () => {
    // 加强职业技能培训 fills 16 columns; the comma may not start the next line, so 训 goes with it.
    expect(wrapText('加强职业技能培训,提升劳动者技能促就业', 16)).toBe('加强职业技能培\n训,提升劳动者技\n能促就业');
    const lines = wrapLines('规范专项资金使用。强化监督管理,确保资金安全有效', 16);
    expect(widest(lines)).toBeLessThanOrEqual(16);
    expect(lines.every((l) => !/^[,。、;:)]/.test(l))).toBe(true);
  });

  it('prefers to break after punctuation when the line stays well filled', () => {
    expect(wrapText('区人社局、区发改局、区教育局、区工信局', 20)).toBe('区人社局、区发改局、\n区教育局、区工信局');
    expect(wrapText('第三季度举办招聘会,共有企业参加', 20)).toBe('第三季度举办招聘会,\n共有企业参加');
  });

  it('keeps numbers, dates, phone numbers and Latin words whole', () => {
    const lines = wrapLines('裁减 1,234 人,实施日期 2021-09-20,联系电话 0598-8231234,文件 returns-2021Q3.xlsx', 14);
    expect(lines).toContain('2021-09-20,');
    expect(lines[0]).toBe('裁减 1,234 人,');
    expect(lines.some((l) => l.includes('0598-8231234'))).toBe(true);
    // A file name wider than the line is the one thing cut; a table makes its column wide enough instead.
    expect(lines.slice(-2)).toEqual(['returns-2021Q3', '.xlsx']);
    expect(widest(lines)).toBeLessThanOrEqual(14);
  });

  it('words mode breaks a list only after a separator: a unit name is never cut', () => {
    const list = '区发改局、区教育局、区退役军人事务局、区生态环境局';
    expect(wrapLines(list, 20, 'words')).toEqual(['区发改局、区教育局、', '区退役军人事务局、', '区生态环境局']);
    expect(wrapLines(list, 18, 'words')).toEqual(['区发改局、', '区教育局、', '区退役军人事务局、', '区生态环境局']);
    // In text mode the same list fills each line, breaking inside a name.
    expect(wrapLines(list, 18, 'text')).toEqual(['区发改局、区教育', '局、区退役军人事务', '局、区生态环境局']);
  });

  it('cuts a run only when it is wider than the line itself', () => {
    expect(wrapLines('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapLines('区退役军人事务局', 6, 'words')).toEqual(['区退役', '军人事', '务局']);
  });

  it('carries colour over a break: each line closes what it opened', () => {
    const red = (s: string) => `\u001b[31m${s}\u001b[39m`;
    const lines = wrapLines(`未报进展:${red('区发改局、区教育局、区工信局')}`, 20, 'words');
    expect(lines.map(stripAnsi)).toEqual(['未报进展:区发改局、', '区教育局、区工信局']);
    expect(lines[0]).toMatch(/\u001b\[31m区发改局、\u001b\[0m$/);
    expect(lines[1]).toMatch(/^\u001b\[31m区教育局、区工信局\u001b\[0m$/);
  });

  it('keeps a number with the measure word after it', () => {
    expect(wrapLines('就业困难人员再就业累计 40 / 60 人(66.7%),差 5 人', 20)).toEqual(['就业困难人员再就业累', '计 40 / 60 人', '(66.7%),差 5 人']);
  });

  it('drops the spaces a break falls on', () => {
    expect(wrapLines('示例数据 0598-0000000 (2021Q2)', 14, 'words')).toEqual(['示例数据', '0598-0000000', '(2021Q2)']);
  });
});

describe('longestUnbreakable', () => {
  it('is the widest name in a list, or the widest number or word in prose', () => {
    expect(longestUnbreakable('区发改局、区退役军人事务局', 'words')).toBe(16);
    expect(longestUnbreakable('区发改局、区退役军人事务局', 'text')).toBe(4); // 局、 stays together: a comma never starts a line
    expect(longestUnbreakable('裁减 1,234 人', 'text')).toBe(8); // a number keeps its measure word: 1,234 人
  });
});
