// check, overdue and warn over returns that came in as real .xlsx files through jiuye import.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, loadPlanFile } from '../src/data.js';
import type { Quarter } from '../src/domain/period.js';
import { jiuye, tempDir, testIo } from './helpers.js';
import { filledReturn } from './returns.js';

const plan = loadPlanFile(DEFAULT_PLAN);
const areas = plan.units.filter((u) => u.kind === 'area').map((u) => u.code);
const dir = tempDir();
const at = (now: Date) => testIo({ cwd: dir, now });
// 城镇新增就业 per area and quarter: 列东 falls two quarters running; 洋溪 does not report Q3.
const xinzeng: Record<string, number[]> = { liedong: [120, 100, 80], liexi: [90, 95, 100], xubi: [60, 70, 80], chenda: [40, 45, 50], yangxi: [30, 35, 0], kaifaqu: [20, 25, 30] };

beforeAll(async () => {
  await jiuye(['init'], at(new Date(2021, 0, 4)));
  await jiuye(['targets', 'allocate', '--set', ...areas.map((a, i) => `${a}:城镇新增就业=${[400, 350, 300, 200, 150, 100][i]}`)], at(new Date(2021, 0, 4)));
  const received = ['2021-04-06', '2021-07-05', '2021-10-08'];
  for (const q of [1, 2, 3] as Quarter[]) {
    const folder = join(dir, `Q${q}`);
    mkdirSync(folder);
    for (const unit of areas) {
      if (unit === 'yangxi' && q === 3) continue;
      await filledReturn(plan, unit, { year: 2021, quarter: q }, folder, {
        edit: (f) => {
          f.value('xinzeng', 'quarter').value = xinzeng[unit][q - 1];
          if (unit === 'liexi' && q === 3) {
            const row = f.layoff(1);
            row.getCell(2).value = '某电子厂';
            row.getCell(3).value = 300;
            row.getCell(4).value = 25;
            row.getCell(5).value = '2021-08-20';
            row.getCell(6).value = '2021-09-01';
          }
        },
      });
    }
    const r = await jiuye(['import', `Q${q}`, '--received', received[q - 1]], at(new Date(2021, 9, 15)));
    expect(r.code, r.out).toBe(0);
  }
  // 区人社局 sends its Q3 return late.
  const late = join(dir, 'late');
  mkdirSync(late);
  await filledReturn(plan, 'renshe', { year: 2021, quarter: 3 }, late);
  expect((await jiuye(['import', 'late', '--received', '2021-10-12'], at(new Date(2021, 9, 15)))).code).toBe(0);
});

describe('after importing three quarters of .xlsx returns', () => {
  it('check --json sums the imported figures against the targets and allocations', async () => {
    const r = await jiuye(['check', '--quarter', '2021Q3', '--json'], at(new Date(2021, 9, 15)));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    const district = report.overall.indicators.find((i: any) => i.indicator === 'xinzeng');
    const q3 = Object.values(xinzeng).reduce((s, v) => s + v[2], 0);
    const ytd = Object.values(xinzeng).reduce((s, v) => s + v[0] + v[1] + v[2], 0);
    expect(district).toMatchObject({ quarterValue: q3, ytd, schedule: 0.75, status: 'behind' });
    expect(district.completion).toBeCloseTo(ytd / 1500, 10);
    const liedong = report.units.find((u: any) => u.unit === 'liedong').indicators.find((i: any) => i.indicator === 'xinzeng');
    // 300 of 400 at Q3 is exactly on schedule (75%): 进度正常, not 滞后.
    expect(liedong).toMatchObject({ ytd: 300, target: expect.objectContaining({ value: 400 }), status: 'on_schedule' });
    expect(report.returns).toMatchObject({ received: 6, expected: 22 });
  });

  it('overdue --as-of: on time, 人社局 late, 洋溪 overdue, with contacts from the returns', async () => {
    const r = await jiuye(['overdue', '--quarter', '2021Q3', '--as-of', '2021-10-15', '--json'], at(new Date(2021, 9, 15)));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.deadline.date).toBe('2021-10-08');
    const unit = (code: string) => report.units.find((u: any) => u.unit === code);
    expect(unit('liedong')).toMatchObject({ status: 'on_time', receivedOn: '2021-10-08', contact: { filledBy: '张三', phone: '0598-8220001' } });
    expect(unit('renshe')).toMatchObject({ status: 'late', daysLate: 4, statusText: '逾期报送(4天)' });
    expect(unit('yangxi')).toMatchObject({ status: 'overdue', daysOverdue: 7, contact: { filledBy: '张三', period: '2021Q2' } });
  });

  it('warn --json: the decline in 列东, the layoff in 列西 and its late notice', async () => {
    const r = await jiuye(['warn', '--quarter', '2021Q3', '--json'], at(new Date(2021, 9, 15)));
    expect(r.code).toBe(0);
    const warnings = JSON.parse(r.out).warnings;
    const of = (rule: string, unit: string | null) => warnings.filter((w: any) => w.rule === rule && w.unit === unit);
    expect(of('employmentDecline', 'liedong')).toHaveLength(1);
    expect(of('employmentDecline', 'liedong')[0].figures).toMatchObject({ '2021Q1': 120, '2021Q2': 100, '2021Q3': 80 });
    expect(of('employmentDecline', 'liexi')).toHaveLength(0);
    expect(of('massLayoff', 'liexi')).toHaveLength(1);
    expect(of('layoffNotice', 'liexi')).toHaveLength(1);
  });
});
