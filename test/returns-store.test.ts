import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import type { ReturnRecord } from '../src/domain/return.js';
import { openDb } from '../src/store/db.js';
import { savePlan } from '../src/store/plan.js';
import { importHistory, readReturn, readReturns, saveReturn, setLocked } from '../src/store/returns.js';

const AT = new Date(2021, 3, 6, 10);
const Q1 = { year: 2021, quarter: 1 as const };

function fresh() {
  const db = openDb(':memory:');
  savePlan(db, loadPlanFile(DEFAULT_PLAN), 'test', AT);
  return db;
}

function liedong(xinzeng: number): ReturnRecord {
  return {
    unit: 'liedong',
    period: Q1,
    filledBy: '张三',
    phone: '0598-1234567',
    filledOn: '2021-04-02',
    templateVersion: '1',
    figures: [
      { indicator: 'xinzeng', field: 'quarter', value: xinzeng },
      { indicator: 'shiyelv', field: 'numerator', value: 120 },
      { indicator: 'shiyelv', field: 'denominator', value: 5000 },
    ],
    progress: [{ task: '二(一)', status: '推进中', note: '=SUM(A1) 不是公式' }],
    layoffs: [{ firm: '某纺织公司', staff: 300, laidOff: 35, noticeOn: '2021-02-01', layoffOn: '2021-02-20' }],
  };
}

const file = (hash: string) => ({ fileName: `列东-${hash}.xlsx`, fileHash: hash, receivedOn: '2021-04-06' });

describe('saveReturn', () => {
  it('stores a new return whole and reads back exactly what was given', () => {
    const db = fresh();
    expect(saveReturn(db, liedong(120), file('h1'), { replace: false }, AT).action).toBe('new');
    const stored = readReturn(db, Q1, 'liedong')!;
    const { id, fileName, fileHash, receivedOn, revisedOn, importedAt, ...record } = stored;
    expect(record).toEqual(liedong(120));
    expect({ fileName, fileHash, receivedOn, revisedOn }).toEqual({ ...file('h1'), revisedOn: null });
    expect(id).toBeGreaterThan(0);
    expect(importedAt).toBe(AT.toISOString());
    expect(readReturns(db, 2021)).toHaveLength(1);
  });

  it('the same file again is a no-op; a file with the same values too', () => {
    const db = fresh();
    saveReturn(db, liedong(120), file('h1'), { replace: false }, AT);
    expect(saveReturn(db, liedong(120), file('h1'), { replace: true }, AT)).toEqual({ action: 'unchanged', identicalFile: true });
    expect(saveReturn(db, liedong(120), file('h2'), { replace: false }, AT)).toEqual({ action: 'unchanged', identicalFile: false });
    expect(importHistory(db)).toHaveLength(1);
  });

  it('a different version is held back without replace, and replaces with it, keeping history', () => {
    const db = fresh();
    saveReturn(db, liedong(120), file('h1'), { replace: false }, AT);
    const held = saveReturn(db, liedong(130), file('h2'), { replace: false }, AT);
    expect(held).toEqual({ action: 'revision', replaced: false, changes: [{ item: 'figure:xinzeng.quarter', old: '120', new: '130' }] });
    expect(readReturn(db, Q1, 'liedong')!.figures[0].value).toBe(120);

    const later = { ...file('h2'), receivedOn: '2021-04-09' };
    const done = saveReturn(db, liedong(130), later, { replace: true }, new Date(2021, 3, 9));
    expect(done).toMatchObject({ action: 'revision', replaced: true });
    const stored = readReturn(db, Q1, 'liedong')!;
    expect(stored.figures[0].value).toBe(130);
    expect(stored.receivedOn).toBe('2021-04-06'); // the first receipt decides punctuality
    expect(stored.revisedOn).toBe('2021-04-09');
    const history = importHistory(db, { unit: 'liedong' });
    expect(history.map((h) => h.action)).toEqual(['revision', 'new']);
    expect(history[0]).toMatchObject({ fileName: '列东-h2.xlsx', fileHash: 'h2', changed: 1, revisions: [{ item: 'figure:xinzeng.quarter', old: '120', new: '130' }] });
  });

  it('refuses a locked quarter and writes nothing', () => {
    const db = fresh();
    setLocked(db, Q1, true, AT);
    expect(() => saveReturn(db, liedong(120), file('h1'), { replace: false }, AT)).toThrow('2021Q1 已锁定,不再接受导入。如确需修改,请先运行 jiuye unlock 2021Q1');
    expect(readReturns(db, 2021)).toHaveLength(0);
    expect(importHistory(db)).toHaveLength(0);
  });

  it('rolls back everything when one row fails', () => {
    const db = fresh();
    const bad = liedong(120);
    bad.layoffs[0].staff = -1; // violates the CHECK: the whole return must go
    expect(() => saveReturn(db, bad, file('h1'), { replace: false }, AT)).toThrow(/CHECK/);
    expect(readReturns(db, 2021)).toHaveLength(0);
    expect(db.prepare('SELECT count(*) AS n FROM figures').get()).toEqual({ n: 0 });
    expect(importHistory(db)).toHaveLength(0);
  });
});
