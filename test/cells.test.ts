import { describe, expect, it } from 'vitest';
import { parseDate } from '../src/domain/dates.js';
import { readDate, readNumber } from '../src/excel/cells.js';
import { parseNumberText } from '../src/format/typed.js';

describe('numbers typed by people', () => {
  it('read commas, full-width digits and a trailing measure', () => {
    expect(parseNumberText('1,234')).toBe(1234);
    expect(parseNumberText('1,234,567')).toBe(1234567);
    expect(parseNumberText('１２３４')).toBe(1234);
    expect(parseNumberText('１,２３４')).toBe(1234);
    expect(parseNumberText('1，234')).toBe(1234);
    expect(parseNumberText(' 56 人')).toBe(56);
    expect(parseNumberText('3户')).toBe(3);
    expect(parseNumberText('120人次')).toBe(120);
    expect(parseNumberText('12.50万元')).toBe(12.5);
    expect(parseNumberText('-5')).toBe(-5);
    expect(parseNumberText('1 234')).toBe(1234);
  });

  it('refuse what is not a number rather than guess', () => {
    for (const s of ['12,34', '一百', '约300', '1.2.3', '—', '3%', '', '12 34']) expect(parseNumberText(s), s).toBeNull();
  });

  it('readNumber: integers unless decimals are allowed; empty is null, not 0', () => {
    expect(readNumber({ kind: 'text', value: '1,234人' })).toEqual({ ok: true, value: 1234 });
    expect(readNumber({ kind: 'empty' })).toEqual({ ok: true, value: null });
    expect(readNumber({ kind: 'number', value: 2.5 })).toEqual({ ok: false, found: '2.5', expected: '整数' });
    expect(readNumber({ kind: 'number', value: 2.5 }, { decimals: 2 })).toEqual({ ok: true, value: 2.5 });
    expect(readNumber({ kind: 'text', value: '很多' })).toEqual({ ok: false, found: '“很多”', expected: '整数' });
    expect(readNumber({ kind: 'error', value: '#REF!' })).toEqual({ ok: false, found: '错误值 #REF!', expected: '整数' });
    expect(readNumber({ kind: 'date', value: '2021-01-01' }).ok).toBe(false);
  });
});

describe('dates', () => {
  it('read serials, date cells and the usual written forms', () => {
    expect(readDate({ kind: 'number', value: 44477 })).toEqual({ ok: true, value: '2021-10-08' });
    expect(readDate({ kind: 'date', value: '2021-10-08' })).toEqual({ ok: true, value: '2021-10-08' });
    for (const s of ['2021-10-08', '2021/10/8', '2021.10.8', '2021年10月8日', '20211008', '２０２１－１０－０８']) {
      expect(parseDate(s), s).toBe('2021-10-08');
    }
  });

  it('refuse impossible dates and stray numbers', () => {
    expect(parseDate('2021-02-30')).toBeNull();
    expect(parseDate('10月8日')).toBeNull();
    expect(readDate({ kind: 'number', value: 12 }).ok).toBe(false);
    expect(readDate({ kind: 'text', value: '下周' })).toEqual({ ok: false, found: '“下周”', expected: '日期,如 2021-10-08' });
  });
});
