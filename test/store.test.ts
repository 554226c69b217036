import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { openDb, schemaVersion, SCHEMA_VERSION } from '../src/store/db.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import { planYears, readAllocations, readPlan, saveAllocations, savePlan } from '../src/store/plan.js';
import { tempDir } from './helpers.js';

const AT = new Date(2021, 0, 4);

describe('openDb', () => {
  it('migrates an empty file to the current schema, once', () => {
    const path = join(tempDir(), 'x.db');
    const db = openDb(path, { create: true });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['plans', 'units', 'indicators', 'targets', 'allocations', 'tasks', 'responsibilities', 'returns', 'figures', 'revisions']) {
      expect(tables).toContain(t);
    }
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000);
    db.close();
    const again = openDb(path);
    expect(schemaVersion(again)).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('applies only the missing steps to an older database', () => {
    const path = join(tempDir(), 'old.db');
    const raw = new Database(path);
    raw.exec(MIGRATIONS[0]);
    raw.pragma('user_version = 1');
    raw.close();
    const db = openDb(path);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'returns'").get()).toEqual({ n: 1 });
    db.close();
  });

  it('works in memory', () => {
    const db = openDb(':memory:');
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });
});

describe('plan in the store', () => {
  it('reads back exactly the plan that was saved', () => {
    const plan = loadPlanFile(DEFAULT_PLAN);
    const db = openDb(':memory:');
    savePlan(db, plan, 'test', AT);
    expect(readPlan(db, 2021)).toEqual(plan);
    expect(readPlan(db)).toEqual(plan);
    expect(planYears(db)).toEqual([2021]);
  });

  it('keys by year: a second year sits beside the first, the same year twice is refused', () => {
    const plan = loadPlanFile(DEFAULT_PLAN);
    const db = openDb(':memory:');
    savePlan(db, plan, 'test', AT);
    savePlan(db, { ...plan, year: 2022, id: 'meilie-2022' }, 'test', AT);
    expect(planYears(db)).toEqual([2021, 2022]);
    expect(readPlan(db).year).toBe(2022);
    expect(() => savePlan(db, plan, 'test', AT)).toThrow('数据库中已有 2021 年的方案');
    expect(() => readPlan(db, 2019)).toThrow('数据库中没有 2019 年的方案(已有:2021、2022 年)');
  });

  it('says to run init when the database holds no plan', () => {
    expect(() => readPlan(openDb(':memory:'))).toThrow('数据库中还没有方案。请运行 jiuye init');
  });

  it('upserts allocations and refuses an allocation for a unit outside the plan', () => {
    const plan = loadPlanFile(DEFAULT_PLAN);
    const db = openDb(':memory:');
    savePlan(db, plan, 'test', AT);
    saveAllocations(db, 2021, [{ unit: 'liedong', indicator: 'xinzeng', value: 400 }], AT);
    saveAllocations(db, 2021, [{ unit: 'liedong', indicator: 'xinzeng', value: 420 }, { unit: 'liexi', indicator: 'xinzeng', value: 300 }], AT);
    expect(readAllocations(db, 2021)).toEqual([
      { indicator: 'xinzeng', unit: 'liedong', value: 420 },
      { indicator: 'xinzeng', unit: 'liexi', value: 300 },
    ]);
    expect(() => saveAllocations(db, 2021, [{ unit: 'nobody', indicator: 'xinzeng', value: 1 }], AT)).toThrow(/FOREIGN KEY/);
    expect(readAllocations(db, 2021)).toHaveLength(2);
  });
});
