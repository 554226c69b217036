// The built binary on a database filled with returns: check, overdue and the overview as a user runs them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREA_ALLOCATIONS, dbIn, fill, threeQuarters } from './fill.js';
import { runBin, tempDir } from './helpers.js';

describe('check, overdue and the overview from the binary', () => {
  const dir = tempDir('jiuye e2e 检查 ');

  it('before any return: check says so with exit 1 and no stack trace; the overview still works', () => {
    expect(runBin(['init'], dir).code).toBe(0);
    const check = runBin(['check'], dir);
    expect(check.code).toBe(1);
    expect(check.err).toContain('还没有导入任何季度报表');
    expect(check.err).not.toMatch(/\n\s+at /);
    const overview = runBin([], dir);
    expect(overview.code).toBe(0);
    // Whatever today is (the binary runs on the real clock), the figures say there are none yet.
    expect(overview.out).toContain('数据:还没有导入任何报表');
  });

  it('with three quarters of returns: the check table, --fail-on-behind, overdue and its notice', () => {
    fill(dbIn(dir), threeQuarters(), { allocations: AREA_ALLOCATIONS });
    const check = runBin(['check', '--fail-on-behind'], dir);
    expect(check.code).toBe(1);
    expect(check.out).toContain('1,175 / 1,500 (78.3%)');
    expect(check.err).toMatch(/有 \d+ 项指标进度滞后/);
    const json = JSON.parse(runBin(['warn', '--json'], dir).out);
    expect(json.warnings.length).toBeGreaterThan(0);
    const overdue = runBin(['overdue', '--as-of', '2021-10-15', '--notice', '催报通知.txt'], dir);
    expect(overdue.code).toBe(0);
    expect(overdue.out).toContain('截止日期:2021-10-08 周五');
    expect(readFileSync(join(dir, '催报通知.txt'), 'utf8')).toContain('三明市梅列区陈大镇人民政府');
  });
});
