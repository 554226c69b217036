import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { jiuye, tempDir, testIo } from './helpers.js';
import { filledReturn, Q3 } from './returns.js';

const plan = loadPlanFile(DEFAULT_PLAN);

describe('backup', () => {
  it('writes a consistent, checked copy beside the database, and never overwrites one', async () => {
    const dir = tempDir();
    const at = () => testIo({ cwd: dir, now: new Date(2021, 9, 9, 16, 30, 5) });
    await jiuye(['init'], at());
    await filledReturn(plan, 'liedong', Q3, dir);
    await jiuye(['import', '.'], at());
    const r = await jiuye(['backup'], at());
    expect(r.code).toBe(0);
    expect(r.err).toContain('已备份到 jiuye-backup-20211009-163005.db');
    expect(r.err).toContain('含 1 份季度报表,完整性检查通过');
    const copy = new Database(join(dir, 'jiuye-backup-20211009-163005.db'), { readonly: true });
    expect(copy.prepare('SELECT unit FROM returns').all()).toEqual([{ unit: 'liedong' }]);
    copy.close();
    const again = await jiuye(['backup'], at());
    expect(again.code).toBe(1);
    expect(again.err).toContain('已存在,未覆盖');
    expect((await jiuye(['backup', '--out', 'b.db'], at())).code).toBe(0);
    expect(existsSync(join(dir, 'b.db'))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
