// The demo's database without the demo: the same story (allocations, reference values, three
// quarters of returns with their receipt days, 洋溪镇 missing in Q3, 区统计局 late) written straight
// into a fresh database from the demo's own figures, in a second rather than a whole demo's run.
import { join } from 'node:path';
import { expect } from 'vitest';
import { allocationItems, demoFilling, DEMO_STORY } from '../src/commands/demo.js';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import type { Quarter } from '../src/domain/period.js';
import type { ReturnRecord } from '../src/domain/return.js';
import { openDb } from '../src/store/db.js';
import { markDemoData } from '../src/store/demo.js';
import { saveReturn } from '../src/store/returns.js';
import { jiuye, tempDir, testIo } from './helpers.js';

/** A folder holding jiuye.db with the demo's first three quarters; its clock is the demo's (2021-10-15 10:00). */
export async function demoDatabase(): Promise<string> {
  const dir = tempDir();
  const at = () => testIo({ cwd: dir, now: new Date(`${DEMO_STORY.asOf}T10:00:00`) });
  const plan = loadPlanFile(DEFAULT_PLAN);
  const areas = plan.units.filter((u) => u.kind === 'area');
  for (const argv of [['init'], ['targets', 'allocate', '--set', ...allocationItems(plan, areas)], ['targets', 'reference', ...DEMO_STORY.references]]) {
    const r = await jiuye(argv, at());
    expect(r.code, r.err).toBe(0);
  }
  const db = openDb(join(dir, 'jiuye.db'));
  try {
    // As the demo marks its own: whatever is written from it says 示例数据.
    markDemoData(db, 'jiuye demo', new Date(`${DEMO_STORY.asOf}T10:00:00`));
    for (const quarter of [1, 2, 3] as Quarter[]) {
      for (const unit of plan.units) {
        if (unit.code === DEMO_STORY.missing.unit && quarter === DEMO_STORY.missing.quarter) continue;
        const f = demoFilling(plan, unit, quarter);
        const record: ReturnRecord = {
          unit: unit.code,
          period: { year: 2021, quarter },
          filledBy: f.filledBy,
          phone: f.phone,
          filledOn: f.filledOn,
          templateVersion: null,
          figures: Object.entries(f.figures).flatMap(([indicator, fields]) => Object.entries(fields).map(([field, value]) => ({ indicator, field, value }))),
          progress: Object.entries(f.progress).map(([task, p]) => ({ task, status: p.status, note: p.note || null })),
          layoffs: f.layoffs,
        };
        const late = DEMO_STORY.late.find((l) => l.unit === unit.code && l.quarter === quarter);
        const source = { fileName: `${unit.name}-2021Q${quarter}.xlsx`, fileHash: `demo-${unit.code}-${quarter}`, receivedOn: late?.receivedOn ?? DEMO_STORY.received[quarter] };
        saveReturn(db, record, source, { replace: false }, new Date(`${DEMO_STORY.asOf}T10:00:00`));
      }
    }
  } finally {
    db.close();
  }
  return dir;
}
