// The real binary, run as a new user runs it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { OUTSIDE_LAUNCHER, runBin, tempDir } from './helpers.js';

describe('jiuye as a user runs it', () => {
  const dir = tempDir('jiuye e2e 中文 ');

  it('init, then duty prints the full responsibility table', () => {
    const init = runBin(['init'], dir);
    expect(init.code).toBe(0);
    expect(init.err).toContain('已建立数据库');
    const duty = runBin(['duty'], dir);
    expect(duty.code).toBe(0);
    expect(duty.err).toBe('');
    for (const id of ['二(一)', '二(二)', '二(三)', '二(四)', '三(一)', '三(二)', '三(三)', '四', '五(一)', '五(二)', '五(三)', '六(一)', '六(二)', '六(三)']) {
      expect(duty.out).toContain(`│ ${id} `);
    }
  });

  it('duty --unit 区财政局 lists what it leads and assists', () => {
    const r = runBin(['duty', '--unit', '区财政局'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('牵头 1 项,配合 9 项');
    expect(r.out).toMatch(/三\(二\).*牵头.*区财政局/);
  });

  it('a usage error exits 2 with the usage line and no stack trace', () => {
    const r = runBin(['duty', '--quarter', '2021Q1'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('错误:未知选项 --quarter');
    // Run outside the checkout, jiuye names the checkout's own Node and bin (see test/launcher.test.ts).
    expect(r.err).toContain(`用法:${OUTSIDE_LAUNCHER} duty [选项]`);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a command on a missing database exits 1 and says to run init, in a command line that runs as printed', () => {
    const here = tempDir();
    const r = runBin(['units'], here);
    expect(r.code).toBe(1);
    const init = /请先运行 (.+? init) 建立数据库/.exec(r.err)?.[1];
    expect(init).toBe(`${OUTSIDE_LAUNCHER} init`);
    const again = spawnSync('sh', ['-c', init!], { cwd: here, encoding: 'utf8', env: { ...process.env, PATH: '/usr/bin:/bin' } });
    expect(again.stderr).toContain('已建立数据库');
    expect(again.status).toBe(0);
  });
});
