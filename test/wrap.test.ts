// Wrapping Chinese text in table cells.
import { describe, expect, it } from 'vitest';
import { wrapText } from '../src/render/text.js';

describe('wrapText', () => {
  it('never starts a line with closing punctuation: it overhangs the line before', () => {
    expect(wrapText('加强职业技能培训,提升劳动者技能促就业', 16)).toBe('加强职业技能培训,\n提升劳动者技能促\n就业');
    expect(wrapText('规范专项资金使用。强化监督管理', 16)).toBe('规范专项资金使用。\n强化监督管理');
  });

  it('still prefers to break after 、 when a line is full', () => {
    expect(wrapText('区人社局、区发改局、区教育局、区工信局', 20)).toBe('区人社局、区发改局、\n区教育局、区工信局');
  });
});
