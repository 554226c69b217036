// The database in a real office: found from subfolders, read without writing, refused plainly where it
// cannot be written or is in use, damage found before a write or a document, backups before every change
// that cannot be undone, restore, the original of every return, and a locked year that stays as it was.
// Faults that root (and so CI) cannot cause for real are imitated through io.faults; the real media are
// tried by hand (README, 可靠性).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, closeSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import type { Faults } from '../src/io.js';
import { backupsToRemove, type Backup } from '../src/app/backups.js';
import { networkShare, openWorkspace } from '../src/app/workspace.js';
import { BIN, jiuye, ROOT, tempDir, testIo } from './helpers.js';
import { dump, filledReturn, Q3 } from './returns.js';

const plan = loadPlanFile(DEFAULT_PLAN);
const Q2 = { year: 2021, quarter: 2 as const };
let dir = '';
const dbFile = () => join(dir, 'jiuye.db');
const at = (opts: { cwd?: string; faults?: Faults; env?: Record<string, string>; tty?: boolean; answers?: boolean[]; now?: Date } = {}) => {
  const c = testIo({ cwd: opts.cwd ?? dir, env: opts.env, tty: opts.tty, answers: opts.answers, now: opts.now });
  if (opts.faults) c.io.faults = opts.faults;
  return c;
};
const bytes = (f: string) => readFileSync(f);
const backups = () => (existsSync(join(dir, 'jiuye-备份')) ? readdirSync(join(dir, 'jiuye-备份')).sort() : []);

/** A database with the embedded plan and one imported return (列东街道 2021Q3). */
async function withOneReturn(): Promise<void> {
  expect((await jiuye(['init'], at())).code).toBe(0);
  const sent = join(dir, '收到');
  mkdirSync(sent);
  await filledReturn(plan, 'liedong', Q3, sent);
  const r = await jiuye(['import', '收到', '--received', '2021-10-08'], at());
  expect(r.code, r.err).toBe(0);
}

beforeEach(() => {
  dir = tempDir('jiuye 工作 ');
});

describe('found as git finds a repository', () => {
  it('from a subfolder, the database of the folder above, named once on stderr', async () => {
    await withOneReturn();
    const sub = join(dir, '收到的报表', '2021Q3');
    mkdirSync(sub, { recursive: true });
    const r = await jiuye(['check', '--quarter', '2021Q3', '--brief'], at({ cwd: sub }));
    expect(r.code, r.err).toBe(0);
    expect(r.err.match(/数据库:/g)).toHaveLength(1);
    expect(r.err).toContain(`数据库:${dbFile()}(上级文件夹中的)`);
    expect(r.out).toContain('已收 1 / 应报 22');
  });

  it('--db and JIUYE_DB win over the search; with none found, the message names init here', async () => {
    await withOneReturn();
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    const elsewhere = tempDir();
    const viaEnv = await jiuye(['units'], at({ cwd: sub, env: { JIUYE_DB: join(elsewhere, 'x.db') } }));
    expect(viaEnv.code).toBe(1);
    expect(viaEnv.err).toContain(`数据库 ${join(elsewhere, 'x.db')} 不存在。请先运行 jiuye init`);
    const none = await jiuye(['units'], at({ cwd: elsewhere }));
    expect(none.err).toContain('数据库 jiuye.db 不存在。请先运行 jiuye init 建立数据库');
    // --db names a file that is not there: the init that makes that very file.
    const flag = await jiuye(['units', '--db', '新的 库.db'], at({ cwd: elsewhere }));
    expect(flag.err).toContain("数据库 新的 库.db 不存在。请先运行 jiuye init --db '新的 库.db' 建立数据库");
    expect((await jiuye(['init', '--db', '新的 库.db'], at({ cwd: elsewhere }))).code).toBe(0);
    expect((await jiuye(['units', '--db', '新的 库.db'], at({ cwd: elsewhere }))).code).toBe(0);
  });

  it('init in a folder below a database names it and asks first (--yes off a terminal)', async () => {
    await withOneReturn();
    const sub = join(dir, '下级');
    mkdirSync(sub);
    const refused = await jiuye(['init'], at({ cwd: sub }));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`上级文件夹中已有数据库 ${dbFile()},在这里运行的命令都会用它,未另建。确要在这里另建一个,请加 --yes`);
    expect(existsSync(join(sub, 'jiuye.db'))).toBe(false);
    const declined = await jiuye(['init'], at({ cwd: sub, tty: true, answers: [false] }));
    expect(declined.code).toBe(1);
    expect(existsSync(join(sub, 'jiuye.db'))).toBe(false);
    expect((await jiuye(['init', '--yes'], at({ cwd: sub }))).code).toBe(0);
    expect(existsSync(join(sub, 'jiuye.db'))).toBe(true);
  });
});

describe('reads write nothing', () => {
  for (const readOnly of ['file', 'folder', 'medium'] as const) {
    it(`check, history and the overview work on a read-only ${readOnly}, and the file stays byte for byte`, async () => {
      await withOneReturn();
      const before = bytes(dbFile());
      for (const argv of [['check', '--quarter', '2021Q3'], ['history'], [], ['plan', 'list']]) {
        const r = await jiuye(argv, at({ faults: { readOnly } }));
        expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(0);
      }
      expect(bytes(dbFile()).equals(before)).toBe(true);
      // A reader may leave SQLite's empty -wal beside a writable file; never a frame of its own.
      expect(existsSync(`${dbFile()}-wal`) ? statSync(`${dbFile()}-wal`).size : 0).toBe(0);
    });
  }

  it('a database kept in WAL from init on: a reader passes another program’s write transaction', async () => {
    await withOneReturn();
    const holder = new Database(dbFile());
    expect(holder.pragma('journal_mode', { simple: true })).toBe('wal');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const t = Date.now();
      const r = await jiuye(['check', '--quarter', '2021Q3', '--json'], at());
      expect(r.code, r.err).toBe(0);
      expect(Date.now() - t).toBeLessThan(3000);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('an older database is upgraded by the first command that can write it, after a backup into the folder', async () => {
    copyFileSync(join(ROOT, 'test', 'fixtures', 'release-1.db'), dbFile());
    const r = await jiuye(['check', '--quarter', '2021Q3', '--json'], at());
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/数据库 jiuye\.db 的结构从版本 2 升级到 \d+,升级前已备份到 jiuye-备份\/jiuye-20211015-090000-升级前-结构版本2\.db/);
    expect(backups()).toEqual(['jiuye-20211015-090000-升级前-结构版本2.db']);
    const old = new Database(join(dir, 'jiuye-备份', backups()[0]), { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(2);
    old.close();
    // Once only.
    expect((await jiuye(['check', '--quarter', '2021Q3', '--json'], at())).err).not.toContain('升级');
  });

  it('on a read-only medium, an older database says where it must first be opened, and is left alone', async () => {
    copyFileSync(join(ROOT, 'test', 'fixtures', 'release-1.db'), dbFile());
    const before = bytes(dbFile());
    const r = await jiuye(['check'], at({ faults: { readOnly: 'medium' } }));
    expect(r.code).toBe(1);
    expect(r.err).toContain('是旧版本 jiuye 建立的(结构版本 2),需要先升级,而它所在的位置是只读的。请把它复制到本机一个可写的文件夹');
    expect(bytes(dbFile()).equals(before)).toBe(true);
  });
});

describe('writes fail plainly and change nothing', () => {
  const writes: [string, string[]][] = [
    ['import', ['import', '收到', '--received', '2021-10-09', '--replace']],
    ['targets reference', ['targets', 'reference', '高校毕业生就业率=92']],
    ['lock', ['lock', '2021Q3']],
    ['targets allocate', ['targets', 'allocate', '--set', '列东街道:城镇新增就业=400']],
    ['calendar set', ['calendar', 'set', '2027', '--holiday', '2027-01-01..2027-01-01=元旦', '--incomplete']],
  ];
  for (const readOnly of ['file', 'folder', 'medium'] as const) {
    it(`on a read-only ${readOnly}: one Chinese line that says 只读 and what to do, exit 1`, async () => {
      await withOneReturn();
      const before = bytes(dbFile());
      for (const [name, argv] of writes) {
        const r = await jiuye(argv, at({ faults: { readOnly } }));
        expect(r.code, name).toBe(1);
        expect(r.err.trim().split('\n'), `${name}: ${r.err}`).toHaveLength(1);
        expect(r.err).toMatch(/^错误:数据库 jiuye\.db (文件是只读的|所在文件夹是只读的|所在的磁盘或 U 盘是只读的),无法写入,未做任何改动。请把它复制到本机一个可写的文件夹后在那里运行/);
        expect(r.err).not.toMatch(/\n\s+at /);
      }
      expect(bytes(dbFile()).equals(before)).toBe(true);
      expect(backups()).toEqual([]);
    });
  }

  it('a write that SQLite itself refuses mid-command (the medium turned read-only) is said the same way', async () => {
    await withOneReturn();
    // The check before writing passes; the connection then refuses every write, as a medium gone read-only would.
    const db = openWorkspace(at().io, { access: 'read' });
    let message = '';
    try {
      db.db.prepare("INSERT INTO locks (year, quarter, locked_at) VALUES (2021, 3, 'x')").run();
    } catch (e) {
      const { databaseTrouble } = await import('../src/app/trouble.js');
      message = databaseTrouble(e)?.message ?? String(e);
    } finally {
      db.close();
    }
    expect(message).toBe('数据库 jiuye.db 是只读的,无法写入,未做任何改动。请把它复制到本机一个可写的文件夹后在那里运行,或去掉它的只读属性(Windows:右键 → 属性 → 取消“只读”)');
  });

  it('another program’s write lock: says it waits, waits, then 数据库正被其他程序使用, exit 1, nothing changed', async () => {
    await withOneReturn();
    const holder = new Database(dbFile());
    holder.exec('BEGIN EXCLUSIVE');
    const before = dump(dbFile());
    try {
      const t = Date.now();
      const r = await jiuye(['lock', '2021Q3'], at({ env: { JIUYE_LOCK_WAIT: '0.3' } }));
      expect(r.code).toBe(1);
      expect(r.err).toContain('数据库正被其他程序使用,等待其完成(最多 0.3 秒)…');
      expect(r.err).toContain('错误:数据库正被其他程序使用(jiuye.db),等待后仍未释放,未做任何改动。请关闭正在使用它的程序');
      expect(Date.now() - t).toBeGreaterThanOrEqual(250);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(dump(dbFile())).toBe(before);
  });

  it('a full disk during an import: the file is not written, the others stay, the summary says 磁盘已满', async () => {
    expect((await jiuye(['init'], at())).code).toBe(0);
    const sent = join(dir, '收到');
    mkdirSync(sent);
    await filledReturn(plan, 'liedong', Q3, sent);
    const before = dump(dbFile());
    const r = await jiuye(['import', '收到', '--received', '2021-10-08'], at({ faults: { diskFullAfterPages: 0 } }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('拒绝');
    expect(r.out).toContain('磁盘已满,无法写入数据库 jiuye.db;正在写入的这一项已撤销');
    expect(r.out + r.err).not.toMatch(/\n\s+at /);
    expect(dump(dbFile())).toBe(before);
  });
});

/** Overwrites bytes in the middle of the page holding a table's root: what a disk crash leaves. */
function damagePage(file: string, table: string): void {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize - 200, 0xa5), 0, pageSize - 200, (rootpage - 1) * pageSize + 100);
  } finally {
    closeSync(fd);
  }
}

describe('damage is caught before a write or a document', () => {
  it('report, import and backup refuse with 数据库已损坏, the newest good backup and the command that restores it', async () => {
    await withOneReturn();
    expect((await jiuye(['backup'], at())).code).toBe(0);
    damagePage(dbFile(), 'figures');
    const before = bytes(dbFile());
    const expected = /错误:数据库已损坏\(jiuye\.db\):.+。最新的完好备份是 jiuye-备份\/jiuye-20211015-090000-手动备份\.db\(2021-10-15 09:00\);恢复:jiuye restore jiuye-备份\/jiuye-20211015-090000-手动备份\.db/;
    for (const argv of [['report', '--quarter', '2021Q3'], ['import', '收到', '--received', '2021-10-09'], ['backup'], ['lock', '2021Q3']]) {
      const r = await jiuye(argv, at());
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err, argv.join(' ')).toMatch(expected);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(bytes(dbFile()).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.xlsx'))).toEqual([]);
    // A read that reaches the damaged page says the same, without a stack trace.
    const check = await jiuye(['check', '--quarter', '2021Q3'], at());
    expect(check.code).toBe(1);
    expect(check.err).toMatch(expected);
    // And the command it names puts the good copy back.
    const restore = await jiuye(['restore', 'jiuye-备份/jiuye-20211015-090000-手动备份.db', '--yes'], at({ now: new Date(2021, 9, 16, 8, 0, 0) }));
    expect(restore.code, restore.err).toBe(0);
    expect(backups()).toContain('jiuye-20211016-080000-恢复前-已损坏.db');
    expect((await jiuye(['check', '--quarter', '2021Q3', '--json'], at())).code).toBe(0);
  });

  it('a file that is not a jiuye database is told apart from a damaged one', async () => {
    writeFileSync(dbFile(), 'this is not sqlite, just some text that is long enough to be more than a header, more than a header');
    expect((await jiuye(['units'], at())).err).toContain('不是 jiuye 的数据库文件(不是 SQLite 数据库)');
    const other = new Database(join(dir, 'other.db'));
    other.pragma('application_id = 42');
    other.exec('CREATE TABLE t (a)');
    other.close();
    expect((await jiuye(['units', '--db', 'other.db'], at())).err).toContain('是其他程序的 SQLite 数据库,不是 jiuye 的数据库');
    writeFileSync(join(dir, 'empty.db'), '');
    expect((await jiuye(['units', '--db', 'empty.db'], at())).err).toContain('是一个空文件,不是 jiuye 的数据库');
    const newer = new Database(join(dir, 'newer.db'));
    newer.pragma(`user_version = 999`);
    newer.close();
    expect((await jiuye(['units', '--db', 'newer.db'], at())).err).toContain('由较新版本的 jiuye 建立(结构版本 999');
  });
});

describe('nothing lost: backups before every change that cannot be undone', () => {
  it('import --replace, targets allocate over an allocation, plan add --replace and unlock each back up first', async () => {
    await withOneReturn();
    const n = () => backups().length;
    // A revision, replaced.
    await filledReturn(plan, 'liedong', Q3, join(dir, '收到'), { seed: 2 });
    const replaced = await jiuye(['import', '收到', '--received', '2021-10-09', '--replace'], at({ now: new Date(2021, 9, 15, 9, 1) }));
    expect(replaced.code, replaced.err).toBe(0);
    expect(replaced.err).toContain('替换前已备份数据库:jiuye-备份/jiuye-20211015-090100-导入替换前.db');
    expect(n()).toBe(1);
    // A first allocation is not a change of one; a second is.
    expect((await jiuye(['targets', 'allocate', '--set', '列东街道:城镇新增就业=400'], at({ now: new Date(2021, 9, 15, 9, 2) }))).code).toBe(0);
    expect(n()).toBe(1);
    const again = await jiuye(['targets', 'allocate', '--set', '列东街道:城镇新增就业=420'], at({ now: new Date(2021, 9, 15, 9, 3) }));
    expect(again.err).toContain('修改前已备份数据库:jiuye-备份/jiuye-20211015-090300-重新分解2021年目标前.db');
    expect(n()).toBe(2);
    // The plan replaced mid-year.
    const exported = await jiuye(['plan', 'export', '--year', '2021', '--out', 'p.json'], at());
    expect(exported.code).toBe(0);
    const add = await jiuye(['plan', 'add', 'p.json', '--replace'], at({ now: new Date(2021, 9, 15, 9, 4) }));
    expect(add.err).toContain('替换前已备份数据库:jiuye-备份/jiuye-20211015-090400-替换2021年方案前.db');
    // Unlock (a lock alone changes nothing worth a copy).
    expect((await jiuye(['lock', '2021Q3'], at())).code).toBe(0);
    const unlock = await jiuye(['unlock', '2021Q3'], at({ now: new Date(2021, 9, 15, 9, 5) }));
    expect(unlock.err).toContain('解锁前已备份数据库:jiuye-备份/jiuye-20211015-090500-解锁2021Q3前.db');
    expect(n()).toBe(4);
    // backup --list shows them, newest first, with the command to restore the newest.
    const list = await jiuye(['backup', '--list'], at());
    expect(list.out.split('\n').slice(1, 5).map((l) => l.trim().split(/\s+/).pop())).toEqual([
      'jiuye-20211015-090500-解锁2021Q3前.db',
      'jiuye-20211015-090400-替换2021年方案前.db',
      'jiuye-20211015-090300-重新分解2021年目标前.db',
      'jiuye-20211015-090100-导入替换前.db',
    ]);
    expect(list.out).toContain('恢复其中一个:jiuye restore jiuye-备份/jiuye-20211015-090500-解锁2021Q3前.db');
  });

  it('keeps the newest 30 and, before them, the newest of each month', () => {
    const b = (month: number, day: number, n: number): Backup => ({ path: `${month}-${day}-${n}`, name: '', at: new Date(2021, month - 1, day, 0, 0, n), reason: '', size: 1 });
    const recent = Array.from({ length: 30 }, (_, i) => b(10, 20, 59 - i));
    const older = [b(10, 2, 2), b(10, 1, 1), b(9, 30, 1), b(9, 1, 1), b(8, 5, 1)];
    const removed = backupsToRemove([...recent, ...older]);
    // October already has its newest among the 30; September and August keep their newest.
    expect(removed.map((r) => r.path)).toEqual(['10-2-2', '10-1-1', '9-1-1']);
    expect(backupsToRemove(recent)).toEqual([]);
  });

  it('earlier copies beside the database (jiuye-backup-…db, upgrade copies) join the folder', async () => {
    await withOneReturn();
    copyFileSync(dbFile(), join(dir, 'jiuye-backup-20210901-120000.db'));
    copyFileSync(dbFile(), join(dir, `jiuye.db.v2-${new Date(2021, 7, 1, 8, 0, 0).getTime()}-123.bak`));
    expect((await jiuye(['backup'], at())).code).toBe(0);
    expect(backups()).toEqual(['jiuye-20210801-080000-升级前-结构版本2.db', 'jiuye-20210901-120000-手动备份.db', 'jiuye-20211015-090000-手动备份.db']);
    expect(readdirSync(dir).filter((f) => f.startsWith('jiuye-backup') || f.endsWith('.bak'))).toEqual([]);
  });
});

describe('restore', () => {
  it('backs up the current state, refuses a damaged backup, asks on a terminal and needs --yes off one', async () => {
    await withOneReturn();
    expect((await jiuye(['backup'], at())).code).toBe(0);
    const good = 'jiuye-备份/jiuye-20211015-090000-手动备份.db';
    expect((await jiuye(['lock', '2021Q3'], at())).code).toBe(0);
    const locked = dump(dbFile());
    const off = await jiuye(['restore', good], at());
    expect(off.code).toBe(1);
    expect(off.err).toContain('不在终端上运行时,请加 --yes 确认');
    const declined = await jiuye(['restore', good], at({ tty: true, answers: [false] }));
    expect(declined.err).toContain('已取消,未做改动');
    expect(dump(dbFile())).toBe(locked);
    // A damaged backup is refused before anything is done.
    copyFileSync(join(dir, good), join(dir, 'bad.db'));
    damagePage(join(dir, 'bad.db'), 'returns');
    const bad = await jiuye(['restore', 'bad.db', '--yes'], at());
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('备份 ');
    expect(bad.err).toContain('已损坏或不是 jiuye 的数据库');
    expect(dump(dbFile())).toBe(locked);
    // The good one, found by its name alone in the backups folder, from a subfolder.
    mkdirSync(join(dir, 'sub'));
    const ok = await jiuye(['restore', 'jiuye-20211015-090000-手动备份.db'], at({ cwd: join(dir, 'sub'), tty: true, answers: [true], now: new Date(2021, 9, 16, 9, 0, 0) }));
    expect(ok.code, ok.err).toBe(0);
    expect(ok.err).toContain('恢复前的数据库已备份到');
    expect((await jiuye(['history', '--json'], at())).out).toContain('liedong');
    expect(dump(dbFile())).not.toBe(locked);
    // What was there before is itself a backup: restoring it gives back the locked state.
    const back = await jiuye(['restore', 'jiuye-20211016-090000-恢复前.db', '--yes'], at({ now: new Date(2021, 9, 16, 9, 1, 0) }));
    expect(back.code, back.err).toBe(0);
    expect(dump(dbFile())).toBe(locked);
    expect(new Database(dbFile(), { readonly: true }).pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('killed at any moment, it leaves the old database or the restored one, whole', async () => {
    await withOneReturn();
    expect((await jiuye(['backup'], at())).code).toBe(0);
    expect((await jiuye(['lock', '2021Q3'], at())).code).toBe(0);
    const old = dump(dbFile());
    const restored = dump(join(dir, 'jiuye-备份', 'jiuye-20211015-090000-手动备份.db'));
    for (const delay of [40, 80, 120, 160, 200, 240, 300, 400]) {
      const child = spawn(process.execPath, [BIN, 'restore', 'jiuye-20211015-090000-手动备份.db', '--yes'], { cwd: dir, stdio: 'ignore' });
      // Listened for at once: a restore that finishes before the kill has closed by then.
      const closed = new Promise((r) => child.on('close', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await closed;
      const db = new Database(dbFile());
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      const now = dump(dbFile());
      expect([old, restored]).toContain(now);
      // Put the locked state back for the next round.
      if (now !== old) expect((await jiuye(['lock', '2021Q3'], at())).code).toBe(0);
    }
    // What a killed restore left beside the database is cleared by the next one.
    expect((await jiuye(['restore', 'jiuye-20211015-090000-手动备份.db', '--yes'], at())).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes('.restore-'))).toEqual([]);
  }, 60_000);
});

describe('the original of every return (原件留存)', () => {
  it('history --original writes out, byte for byte, the file the stored figures came from, and --revision an earlier one', async () => {
    await withOneReturn();
    const first = readFileSync(join(dir, '收到', readdirSync(join(dir, '收到'))[0]));
    const { path } = await filledReturn(plan, 'liedong', Q3, join(dir, '收到'), { seed: 2 });
    const second = readFileSync(path);
    expect((await jiuye(['import', '收到', '--received', '2021-10-09', '--replace'], at())).code).toBe(0);
    const history = await jiuye(['history', '--unit', '列东街道', '--quarter', '2021Q3'], at());
    expect(history.out).toContain('第 2 版');
    expect(history.out).toContain('第 1 版');
    expect(history.out).toMatch(/原件 sha256[\s\S]*已存 [0-9a-f]{12}…/);
    const current = await jiuye(['history', '--unit', '列东街道', '--quarter', '2021Q3', '--original', '原件.xlsx'], at());
    expect(current.code, current.err).toBe(0);
    expect(current.err).toContain('第 2 版,当前数据所依据的一版');
    expect(readFileSync(join(dir, '原件.xlsx')).equals(second)).toBe(true);
    expect((await jiuye(['history', '--unit', '列东', '--quarter', '2021Q3', '--original', '第1版.xlsx', '--revision', '1'], at())).code).toBe(0);
    expect(readFileSync(join(dir, '第1版.xlsx')).equals(first)).toBe(true);
    // The file on disk may be moved or changed since: the database still has it.
    writeFileSync(path, 'changed');
    expect((await jiuye(['history', '--unit', '列东街道', '--quarter', '2021Q3', '--original', '原件.xlsx', '--force'], at())).code).toBe(0);
    expect(readFileSync(join(dir, '原件.xlsx')).equals(second)).toBe(true);
    const json = JSON.parse((await jiuye(['history', '--json'], at())).out);
    expect(json.events.map((e: { revision: number; original: boolean }) => [e.revision, e.original])).toEqual([[2, true], [1, true]]);
  });

  it('refuses what it cannot do: no --unit/--quarter, a revision that does not exist, a return imported before originals were kept', async () => {
    copyFileSync(join(ROOT, 'test', 'fixtures', 'release-1.db'), dbFile());
    const noUnit = await jiuye(['history', '--original', 'x.xlsx'], at());
    expect(noUnit.code).toBe(2);
    expect(noUnit.err).toContain('--original 须同时给出 --unit 和 --quarter');
    const missing = await jiuye(['history', '--unit', '列东街道', '--quarter', '2021Q1', '--original', 'x.xlsx', '--revision', '5'], at());
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--revision 的取值“5”无效:列东街道 2021Q1 共有 1 版(1 至 1)');
    const none = await jiuye(['history', '--unit', '列东街道', '--quarter', '2021Q3', '--original', 'x.xlsx'], at());
    expect(none.code).toBe(1);
    expect(none.err).toContain('列东街道 2021Q3 还没有导入过报表');
    const old = await jiuye(['history', '--unit', '列东街道', '--quarter', '2021Q1', '--original', 'x.xlsx'], at());
    expect(old.code).toBe(1);
    expect(old.err).toContain('导入时 jiuye 还不保存原件,数据库中没有它的原件');
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });
});

describe('a locked fourth quarter freezes what it feeds', () => {
  it('targets, allocations, reference values and the plan cannot change until unlock; other quarters follow their own locks', async () => {
    await withOneReturn();
    expect((await jiuye(['plan', 'export', '--year', '2021', '--out', 'p.json'], at())).code).toBe(0);
    expect((await jiuye(['lock', '2021Q4'], at())).code).toBe(0);
    const before = dump(dbFile());
    for (const argv of [
      ['targets', 'allocate', '--set', '列东街道:城镇新增就业=400'],
      ['targets', 'reference', '高校毕业生就业率=92'],
      ['plan', 'add', 'p.json', '--replace'],
    ]) {
      const r = await jiuye(argv, at());
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err).toContain('2021Q4 已锁定,2021 年的结果已定,不能');
      expect(r.err).toContain('请先运行 jiuye unlock 2021Q4');
    }
    expect(dump(dbFile())).toBe(before);
    // Q2 is not locked: its returns still come in.
    await filledReturn(plan, 'liexi', Q2, join(dir, '收到'));
    const q2 = await jiuye(['import', join(dir, '收到', readdirSync(join(dir, '收到')).find((f) => f.includes('2021Q2'))!), '--quarter', '2021Q2', '--received', '2021-07-05'], at());
    expect(q2.code, q2.err).toBe(0);
    expect((await jiuye(['unlock', '2021Q4'], at())).code).toBe(0);
    expect((await jiuye(['targets', 'allocate', '--set', '列东街道:城镇新增就业=400'], at())).code).toBe(0);
  });
});

describe('network shares', () => {
  const mountinfo = [
    '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
    '40 22 0:35 / /mnt/科室 rw,relatime shared:2 - cifs //server/share rw,vers=3.0',
    '41 22 0:36 / /mnt/nfs rw shared:3 - nfs4 server:/export rw',
    '42 40 8:2 / /mnt/科室/local rw shared:4 - ext4 /dev/sdb1 rw',
  ].join('\n');
  it('tells a database on cifs or nfs (the deepest mount wins), and a Windows UNC path', () => {
    expect(networkShare('/mnt/科室/就业/jiuye.db', 'linux', mountinfo)).toBe('cifs');
    expect(networkShare('/mnt/nfs/jiuye.db', 'linux', mountinfo)).toBe('nfs4');
    expect(networkShare('/mnt/科室/local/jiuye.db', 'linux', mountinfo)).toBeNull();
    expect(networkShare('/home/me/jiuye.db', 'linux', mountinfo)).toBeNull();
    expect(networkShare('\\\\server\\share\\jiuye.db', 'win32')).toBe('UNC 路径');
    expect(networkShare('D:\\jiuye\\jiuye.db', 'win32')).toBeNull();
  });
});

/** The first bytes of a file, to read SQLite's header. */
export function head(file: string, n: number): Buffer {
  const b = Buffer.alloc(n);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, b, 0, n, 0);
  } finally {
    closeSync(fd);
  }
  return b;
}

describe('WAL from init on', () => {
  it('init makes a WAL database; an older one in the rollback journal moves to WAL when next written', async () => {
    expect((await jiuye(['init'], at())).code).toBe(0);
    expect(head(dbFile(), 20)[18]).toBe(2);
    const db = new Database(dbFile());
    db.pragma('journal_mode = DELETE');
    db.close();
    expect(head(dbFile(), 20)[18]).toBe(1);
    expect((await jiuye(['units'], at())).code).toBe(0);
    expect(head(dbFile(), 20)[18]).toBe(1);
    expect((await jiuye(['lock', '2021Q1'], at())).code).toBe(0);
    expect(head(dbFile(), 20)[18]).toBe(2);
  });
});
