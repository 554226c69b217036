import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import { jiuye, tempDir, testIo } from './helpers.js';
import { filledReturn, Q3 } from './returns.js';

const plan = loadPlanFile(DEFAULT_PLAN);

describe('backup', () => {
  it('writes a consistent, checked copy into the backups folder (or --out), and never overwrites one', async () => {
    const dir = tempDir();
    const at = () => testIo({ cwd: dir, now: new Date(2021, 9, 9, 16, 30, 5) });
    await jiuye(['init'], at());
    await filledReturn(plan, 'liedong', Q3, dir);
    await jiuye(['import', '.'], at());
    const r = await jiuye(['backup'], at());
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^已备份到 jiuye-备份\/jiuye-20211009-163005-手动备份\.db\(\d+ KB,完整性检查通过\)\n$/);
    const copy = new Database(join(dir, 'jiuye-备份', 'jiuye-20211009-163005-手动备份.db'), { readonly: true });
    expect(copy.prepare('SELECT unit FROM returns').all()).toEqual([{ unit: 'liedong' }]);
    expect(copy.prepare('SELECT count(*) AS n FROM originals').get()).toEqual({ n: 1 });
    copy.close();
    // The same second again: a second file beside it, not an overwrite.
    expect((await jiuye(['backup'], at())).code).toBe(0);
    expect(readdirSync(join(dir, 'jiuye-备份')).sort()).toEqual(['jiuye-20211009-163005-手动备份-2.db', 'jiuye-20211009-163005-手动备份.db']);
    expect((await jiuye(['backup', '--out', 'b.db'], at())).code).toBe(0);
    expect(existsSync(join(dir, 'b.db'))).toBe(true);
    const again = await jiuye(['backup', '--out', 'b.db'], at());
    expect(again.code).toBe(1);
    expect(again.err).toContain('已存在,未覆盖');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('works from a read-only medium with --out, and says what to do without it', async () => {
    const dir = tempDir();
    const out = tempDir();
    await jiuye(['init'], testIo({ cwd: dir }));
    const at = () => {
      const c = testIo({ cwd: dir });
      c.io.faults = { readOnly: 'medium' };
      return c;
    };
    const there = await jiuye(['backup', '--out', join(out, 'copy.db')], at());
    expect(there.code, there.err).toBe(0);
    expect(existsSync(join(out, 'copy.db'))).toBe(true);
    const here = await jiuye(['backup'], at());
    expect(here.code).toBe(1);
    expect(here.err).toContain('错误:数据库 jiuye.db 所在的磁盘或 U 盘是只读的,备份文件夹 jiuye-备份 无法建在它旁边,未做改动。请用 --out 备份到别处');
    const list = await jiuye(['backup', '--list'], at());
    expect(list.out).toContain('jiuye-备份 中还没有备份');
  });
});
