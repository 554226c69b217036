import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { migrate, openDb, schemaVersion, SCHEMA_VERSION, type Db } from '../src/store/db.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import { planYears, readAllocations, readPlan, saveAllocations, savePlan } from '../src/store/plan.js';
import { holdsDemoData, markDemoData } from '../src/store/demo.js';
import { ROOT, tempDir } from './helpers.js';
import { deadlineRule, SCHEDULE, WARNING_NAMES } from '../src/format/words.js';

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

describe('step 7: the government\'s words in stored plans', () => {
  // The texts the embedded plan held before step 7, as stored by every earlier release.
  const OLD = {
    deadline: '季后5日内报送,遇法定节假日顺延至下一个工作日',
    behind: '累计完成率低于时序进度',
    layoff: '规模性裁员未提前30日说明',
  };

  /** A database at step 6 holding the embedded plan for `year`, its settings edited as `edit` says. */
  function storedBefore7(db: Db, year: number, edit: (settings: any) => void): void {
    const plan = { ...loadPlanFile(DEFAULT_PLAN), year };
    savePlan(db, plan, 'test', AT);
    const row = db.prepare('SELECT settings FROM plans WHERE year = ?').get(year) as { settings: string };
    const settings = JSON.parse(row.settings);
    edit(settings);
    db.prepare('UPDATE plans SET settings = ? WHERE year = ?').run(JSON.stringify(settings), year);
  }

  function migrateFrom6(db: Db): void {
    db.pragma('user_version = 6');
    migrate(db, ':memory:');
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
  }

  it('replaces the texts jiuye wrote with the new words', () => {
    const db = openDb(':memory:');
    storedBefore7(db, 2021, (s) => {
      s.deadline.rule = OLD.deadline;
      s.warnings.behindSchedule.rule = OLD.behind;
      s.assessment.deductions[0].name = OLD.layoff;
    });
    migrateFrom6(db);
    const plan = readPlan(db, 2021);
    expect(plan.deadline.rule).toBe(deadlineRule(5));
    expect(plan.warnings.behindSchedule.rule).toBe(`累计完成率低于${SCHEDULE}`);
    expect(plan.assessment.deductions).toEqual([{ id: 'layoffNotice', name: WARNING_NAMES.layoffNotice(30), warning: 'layoffNotice', at: 'year', points: 2, max: 4 }]);
    // Nothing else of the plan moved: it reads back as the embedded plan does today.
    expect(plan).toEqual(loadPlanFile(DEFAULT_PLAN));
    db.close();
  });

  it('leaves a clerk\'s own words alone, and every deduction but the program\'s', () => {
    const db = openDb(':memory:');
    storedBefore7(db, 2021, (s) => {
      s.deadline.rule = '季后7日内报送,遇法定节假日顺延';
      s.warnings.behindSchedule.rule = '累计完成率低于时序进度要求(区里定的)';
      s.assessment.deductions = [
        { id: 'own', name: OLD.layoff, warning: 'massLayoff', at: 'year', points: 1, max: 2 },
        { id: 'layoffNotice', name: '未提前说明裁员', warning: 'layoffNotice', at: 'year', points: 2, max: 4 },
      ];
    });
    // A second year with the old texts is moved in the same step; the first stays as the clerk wrote it.
    storedBefore7(db, 2022, (s) => {
      s.assessment.deductions = [
        { id: 'a', name: '其他扣分', warning: 'zeroFamilies', at: 'year', points: 1, max: 1 },
        { id: 'layoffNotice', name: OLD.layoff, warning: 'layoffNotice', at: 'year', points: 2, max: 4 },
      ];
    });
    const before2021 = (db.prepare('SELECT settings FROM plans WHERE year = 2021').get() as { settings: string }).settings;
    migrateFrom6(db);
    expect((db.prepare('SELECT settings FROM plans WHERE year = 2021').get() as { settings: string }).settings).toBe(before2021);
    expect(readPlan(db, 2022).assessment.deductions.map((d) => d.name)).toEqual(['其他扣分', WARNING_NAMES.layoffNotice(30)]);
    db.close();
  });

  it('moves a database of the first release, found with the old words', () => {
    const path = join(tempDir(), 'release-1.db');
    copyFileSync(join(ROOT, 'test', 'fixtures', 'release-1.db'), path);
    const old = new Database(path, { readonly: true });
    expect((old.prepare('SELECT settings FROM plans').pluck().get() as string)).toContain(OLD.behind);
    old.close();
    const db = openDb(path);
    const plan = readPlan(db, 2021);
    expect(plan.deadline.rule).toBe(deadlineRule(5));
    expect(plan.warnings.behindSchedule.rule).toBe(`累计完成率低于${SCHEDULE}`);
    db.close();
  });
});

describe('step 8: a database of demo figures says so', () => {
  it('holds no mark until the demo makes one; then every reader finds it', () => {
    const db = openDb(':memory:');
    expect(holdsDemoData(db)).toBe(false);
    markDemoData(db, 'jiuye demo', AT);
    expect(holdsDemoData(db)).toBe(true);
    expect(db.prepare('SELECT made_by FROM demo_data').pluck().get()).toBe('jiuye demo');
    db.close();
  });
});

describe('step 9: no English in the embedded method’s basis', () => {
  const OLD_BASIS =
    '文件六(二):“将促进就业工作纳入政府年终考核指标,对各成员单位就促进就业工作落实情况开展考核督查”。文件未规定考核分值,本办法是 jiuye 内置的默认办法:' +
    '镇街和开发区主要考核分解目标和底线指标,区直部门主要考核报送和任务落实;区政府年终考核另有规定的,以规定为准,并相应修改本办法';

  function storedAt8(db: Db, year: number, basis: string): void {
    savePlan(db, { ...loadPlanFile(DEFAULT_PLAN), year }, 'test', AT);
    db.prepare("UPDATE plans SET settings = json_set(settings, '$.assessment.basis', ?) WHERE year = ?").run(basis, year);
  }

  it('replaces the text jiuye wrote, and only that text', () => {
    const db = openDb(':memory:');
    storedAt8(db, 2021, OLD_BASIS);
    storedAt8(db, 2022, `${OLD_BASIS}(区里补充)`);
    db.pragma('user_version = 8');
    migrate(db, ':memory:');
    expect(readPlan(db, 2021).assessment.basis).toBe(loadPlanFile(DEFAULT_PLAN).assessment.basis);
    expect(readPlan(db, 2021).assessment.basis).not.toMatch(/[A-Za-z]/);
    expect(readPlan(db, 2022).assessment.basis).toBe(`${OLD_BASIS}(区里补充)`);
    db.close();
  });
});
