// The foundation commands run in-process with captured streams and a fixed clock.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { jiuye, rawDefaultPlan, tempDir, testIo } from './helpers.js';

let dir: string;
const at = () => testIo({ cwd: dir });

beforeEach(async () => {
  dir = tempDir();
  expect((await jiuye(['init'], at())).code).toBe(0);
});

describe('init', () => {
  it('creates jiuye.db in the working directory and says what is in it', async () => {
    dir = tempDir();
    const r = await jiuye(['init'], at());
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'jiuye.db'))).toBe(true);
    expect(r.err).toContain('22 个单位(镇街 6 个、部门 16 个)、11 项指标、16 项任务');
  });

  it('refuses to overwrite an existing database without --force, leaving it untouched', async () => {
    await jiuye(['targets', 'allocate', '--set', '列东街道:城镇新增就业=400'], at());
    const before = readFileSync(join(dir, 'jiuye.db'));
    const r = await jiuye(['init'], at());
    expect(r.code).toBe(1);
    expect(r.err).toContain('已存在,未做改动。如确需重建,请加 --force');
    expect(readFileSync(join(dir, 'jiuye.db')).equals(before)).toBe(true);
    // Allocations are more than the embedded plan: off a terminal, --force alone is not enough.
    const asked = await jiuye(['init', '--force'], at());
    expect(asked.code).toBe(1);
    expect(asked.err).toContain('中有 2021 年的方案、1 项分解目标,--force 会全部删除(原数据库会先备份)。确要重建,请再加 --yes');
    expect(readFileSync(join(dir, 'jiuye.db')).equals(before)).toBe(true);
    const forced = await jiuye(['init', '--force', '--yes'], at());
    expect(forced.code).toBe(0);
    expect(forced.err).toMatch(/原数据库已备份到 jiuye-备份\/jiuye-20211015-090000-重建前\.db/);
    const t = JSON.parse((await jiuye(['targets', '--json'], at())).out);
    expect(t.allocations[0].values.xinzeng).toBeNull();
    // The backup holds what was replaced.
    const restored = await jiuye(['restore', 'jiuye-备份/jiuye-20211015-090000-重建前.db', '--yes'], at());
    expect(restored.code, restored.err).toBe(0);
    const back = JSON.parse((await jiuye(['targets', '--json'], at())).out);
    expect(back.allocations[0].values.xinzeng).toBe(400);
  });

  it('loads a given plan file, and a bad one leaves no database behind', async () => {
    const d = tempDir();
    const good = rawDefaultPlan();
    good.year = 2022;
    writeFileSync(join(d, 'p2022.json'), JSON.stringify(good));
    const r = await jiuye(['init', '--plan', 'p2022.json', '--db', 'b.db'], testIo({ cwd: d }));
    expect(r.code).toBe(0);
    expect(JSON.parse((await jiuye(['units', '--json', '--db', join(d, 'b.db')], testIo({ cwd: d }))).out).year).toBe(2022);

    const bad = rawDefaultPlan();
    bad.tasks[0].lead = 'nobody';
    writeFileSync(join(d, 'bad.json'), JSON.stringify(bad));
    const refused = await jiuye(['init', '--plan', join(d, 'bad.json'), '--db', join(d, 'c.db')], testIo({ cwd: d }));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('tasks[0](二(一)).lead: 牵头单位 "nobody" 不是方案中的单位代码');
    expect(existsSync(join(d, 'c.db'))).toBe(false);
  });

  it('honours JIUYE_DB', async () => {
    const d = tempDir();
    const r = await jiuye(['init'], testIo({ cwd: d, env: { JIUYE_DB: join(d, 'env.db') } }));
    expect(r.code).toBe(0);
    expect(statSync(join(d, 'env.db')).size).toBeGreaterThan(0);
  });
});

describe('a missing database', () => {
  it('is never created by a reading command', async () => {
    const d = tempDir();
    const r = await jiuye(['duty'], testIo({ cwd: d }));
    expect(r.code).toBe(1);
    expect(r.err).toContain('不存在。请先运行 jiuye init');
    expect(existsSync(join(d, 'jiuye.db'))).toBe(false);
  });
});

describe('duty', () => {
  it('prints the whole responsibility table', async () => {
    const r = await jiuye(['duty'], at());
    expect(r.code).toBe(0);
    expect(r.out).toContain('共 16 项任务');
    for (const id of ['二(一)', '二(一)-1', '二(四)', '三(三)', '四', '五(二)', '六(三)']) expect(r.out).toContain(id);
    expect(r.out).toContain('领导小组全体成员单位(21个)');
    expect(r.out).not.toMatch(/\u001b\[/); // no colour when not on a terminal
  });

  it('for 区财政局: every task it leads or assists', async () => {
    const r = await jiuye(['duty', '--unit', '区财政局', '--json'], at());
    const model = JSON.parse(r.out);
    expect(model.unit).toEqual({ code: 'caizheng', name: '区财政局' });
    expect(model.tasks.map((t: any) => `${t.id}:${t.role}`)).toEqual([
      '二(一):co', '二(二):co', '二(三):co', '三(二):lead', '三(三):co', '五(一):co', '五(三):co', '六(一):co', '六(二):co', '六(三):co',
    ]);
    expect(model.reports).toEqual([{ code: 'buzhu', name: '就业补助资金下达' }]);
    const text = await jiuye(['duty', '--unit', '财政局'], at());
    expect(text.out).toContain('区财政局(梅列区财政局)2021 年就业工作职责:牵头 1 项,配合 9 项');
  });

  it('--json has a stable shape', async () => {
    const model = JSON.parse((await jiuye(['duty', '--json'], at())).out);
    expect(Object.keys(model)).toEqual(['year', 'district', 'tasks']);
    expect(model.tasks).toHaveLength(16);
    expect(model.tasks[0]).toEqual({
      id: '二(一)',
      title: '发挥政府主导,凝聚合力抓就业',
      summary: expect.any(String),
      lead: { code: 'renshe', name: '区人社局' },
      coUnits: expect.arrayContaining([{ code: 'caizheng', name: '区财政局' }, { code: 'kaifaqu', name: '梅列经济开发区' }]),
      indicators: [
        { code: 'xinzeng', name: '城镇新增就业' },
        { code: 'zaijiuye', name: '城镇登记失业人员再就业' },
        { code: 'kunnan', name: '就业困难人员再就业' },
        { code: 'shiyelv', name: '城镇登记失业率' },
      ],
    });
  });

  it('--task takes 2.1 for 二(一)', async () => {
    const model = JSON.parse((await jiuye(['duty', '--task', '3.2', '--json'], at())).out);
    expect(model.tasks.map((t: any) => t.id)).toEqual(['三(二)']);
    expect(model.tasks[0].lead.name).toBe('区财政局');
  });

  it('refuses an ambiguous or unknown unit with exit 2 and the usage line', async () => {
    const r = await jiuye(['duty', '--unit', '列'], at());
    expect(r.code).toBe(2);
    expect(r.err).toContain('--unit 的取值“列”可指多个单位:列东街道、列西街道');
    expect(r.err).toContain('用法:jiuye duty [选项]');
    const u = await jiuye(['duty', '--unit', '区文旅局'], at());
    expect(u.code).toBe(2);
    expect(u.err).toContain('不是 2021 年方案中的单位');
  });

  it('--out writes a workbook with the table, and will not overwrite without --force', async () => {
    const out = join(dir, '责任分工.xlsx');
    expect((await jiuye(['duty', '--out', out], at())).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('责任分工')!;
    expect(ws.getCell('A1').value).toBe('梅列区2021年就业工作责任分工表');
    expect(ws.getRow(3).values).toEqual([undefined, '序号', '任务', '工作内容', '主要要求', '牵头单位', '配合单位', '相关指标']);
    expect(ws.getCell('B4').value).toBe('二(一)');
    expect(ws.getCell('E4').value).toBe('区人社局');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.rowCount).toBe(3 + 16);
    const again = await jiuye(['duty', '--out', out], at());
    expect(again.code).toBe(1);
    expect(again.err).toContain('已存在,未覆盖');
    expect((await jiuye(['duty', '--out', out, '--force'], at())).code).toBe(0);
  });
});

describe('units', () => {
  it('--json lists every unit with kind, reports and task counts', async () => {
    const model = JSON.parse((await jiuye(['units', '--json'], at())).out);
    expect(model.units).toHaveLength(22);
    const ld = model.units.find((u: any) => u.code === 'liedong');
    expect(ld).toMatchObject({ name: '列东街道', kind: 'area', category: '街道', reports: ['xinzeng', 'zaijiuye', 'kunnan', 'shiyelv', 'lingjiuye', 'zhuanyi'] });
    expect(ld.assists).toEqual(['二(一)', '六(一)', '六(二)', '六(三)']);
    const rs = model.units.find((u: any) => u.code === 'renshe');
    expect(rs.leads).toHaveLength(15);
  });

  it('prints a table', async () => {
    const r = await jiuye(['units'], at());
    expect(r.out).toContain('共 22 个(镇街 6 个,部门 16 个)');
    expect(r.out).toContain('国家税务总局三明市梅列区税务局');
  });
});

describe('targets', () => {
  it('--json: targets, allocations and the sum check', async () => {
    await jiuye(['targets', 'allocate', '--set', '列东街道:城镇新增就业=400', '列西:新增就业=350'], at());
    const r = await jiuye(['targets', '--json'], at());
    const model = JSON.parse(r.out);
    expect(Object.keys(model)).toEqual(['year', 'district', 'targets', 'allocations', 'sums', 'warnings']);
    expect(model.targets.find((t: any) => t.indicator === 'shiyelv')).toMatchObject({ op: '<=', value: 3.5, text: '≤3.5%' });
    expect(model.allocations[0]).toEqual({ unit: 'liedong', name: '列东街道', values: { xinzeng: 400, zaijiuye: null, kunnan: null } });
    expect(model.sums[0]).toEqual({ indicator: 'xinzeng', target: 1500, allocated: 750, difference: -750, balanced: false, missing: ['xubi', 'chenda', 'yangxi', 'kaifaqu'] });
    expect(r.err).toContain('注意:城镇新增就业:各镇街分解合计 750 人,比区目标 1,500 人少 750 人(4 个镇街未分解)');
  });

  it('allocate --set warns when the areas do not add up, and is silent when they do', async () => {
    const set = (v: number[]) => ['列东街道', '列西街道', '徐碧街道', '陈大镇', '洋溪镇', '梅列经济开发区'].map((u, i) => `${u}:城镇新增就业=${v[i]}`);
    const short = await jiuye(['targets', 'allocate', '--set', ...set([400, 350, 300, 200, 150, 50])], at());
    expect(short.code).toBe(0);
    expect(short.err).toContain('城镇新增就业:各镇街分解合计 1,450 人,比区目标 1,500 人少 50 人');
    const exact = await jiuye(['targets', 'allocate', '--set', ...set([400, 350, 300, 200, 150, 100])], at());
    expect(exact.err).not.toContain('城镇新增就业:各镇街分解合计');
    expect(exact.out).toContain('1,500');
  });

  it('allocate refuses bad items as a usage error and writes none of them', async () => {
    const r = await jiuye(['targets', 'allocate', '--set', '列东街道:城镇新增就业=400', '区财政局:城镇新增就业=5', '列东街道:城镇登记失业率=3', '列东街道:城镇新增就业=-1'], at());
    expect(r.code).toBe(2);
    expect(r.err).toContain('--set 有 3 处问题,未做任何改动');
    expect(r.err).toContain('区财政局 是部门,目标只分解到镇街');
    expect(r.err).toContain('城镇登记失业率 不能分解');
    expect(r.err).toContain('数值“-1”应为非负整数');
    expect(JSON.parse((await jiuye(['targets', '--json'], at())).out).sums[0].allocated).toBe(0);
  });

  it('options after a subcommand belong to it (--db of targets allocate)', async () => {
    const other = join(tempDir(), 'other.db');
    expect((await jiuye(['init', '--db', other], at())).code).toBe(0);
    expect((await jiuye(['targets', 'allocate', '--db', other, '--set', '列东街道:城镇新增就业=400'], at())).code).toBe(0);
    expect(JSON.parse((await jiuye(['targets', '--json', '--db', other], at())).out).sums[0].allocated).toBe(400);
    expect(JSON.parse((await jiuye(['targets', '--json'], at())).out).sums[0].allocated).toBe(0);
  });

  it('allocate without a terminal and without --set/--from names the flags to pass', async () => {
    const r = await jiuye(['targets', 'allocate'], at());
    expect(r.code).toBe(2);
    expect(r.err).toContain('没有终端可以逐项提问。请用 --set');
    expect(r.err).toContain('--from');
  });

  it('--out writes the allocation sheet; allocate --from reads it back after the clerk fills it', async () => {
    const file = join(dir, '目标分解.xlsx');
    expect((await jiuye(['targets', '--out', file], at())).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('目标分解')!;
    expect(ws.getCell('A3').value).toBe('单位');
    expect(ws.getCell('B3').value).toBe('城镇新增就业(人)');
    // The clerk types figures the way people do: text with a comma, full-width digits, a trailing 人.
    ws.getCell('B4').value = '400';
    ws.getCell('B5').value = '３５０';
    ws.getCell('B6').value = '300人';
    ws.getCell('C4').value = 240;
    ws.getCell('D9').value = { formula: '20+20', result: 40 };
    await wb.xlsx.writeFile(file);
    const r = await jiuye(['targets', 'allocate', '--from', file], at());
    expect(r.code).toBe(0);
    const t = JSON.parse((await jiuye(['targets', '--json'], at())).out);
    expect(t.allocations.map((a: any) => a.values.xinzeng)).toEqual([400, 350, 300, null, null, null]);
    expect(t.allocations[0].values.zaijiuye).toBe(240);
    expect(t.allocations[5].values.kunnan).toBe(40);
  });

  it('allocate --from reads the file as safely as a return: not a workbook is a clear refusal', async () => {
    writeFileSync(join(dir, 'fake.xlsx'), '单位,城镇新增就业\n列东街道,400\n');
    const r = await jiuye(['targets', 'allocate', '--from', 'fake.xlsx'], at());
    expect(r.code).toBe(1);
    expect(r.err).toContain('无法读取 fake.xlsx:这是 CSV/文本文件改了扩展名,不是 Excel 工作簿');
  });

  it('allocate --from names the cell of a bad value and changes nothing', async () => {
    const file = join(dir, 'alloc.xlsx');
    await jiuye(['targets', '--out', file], at());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('目标分解')!;
    ws.getCell('B4').value = '400';
    ws.getCell('B5').value = '约三百';
    ws.getCell('A7').value = '区财政局';
    await wb.xlsx.writeFile(file);
    const r = await jiuye(['targets', 'allocate', '--from', file], at());
    expect(r.code).toBe(1);
    expect(r.err).toContain('alloc.xlsx · 目标分解!B5:“约三百” 不是整数');
    expect(r.err).toContain('alloc.xlsx · 目标分解!A7:“区财政局”不是 2021 年方案中的镇街(部门不分解目标)');
    expect(JSON.parse((await jiuye(['targets', '--json'], at())).out).sums[0].allocated).toBe(0);
  });
});

describe('usage errors', () => {
  it('exit 2 with a Chinese message and the usage line, never a stack trace', async () => {
    for (const argv of [['duty', '--bogus'], ['nosuch'], ['duty', '--unit'], ['units', 'extra'], ['duty', '--year', '21'], ['duty', '--out', 'x.pdf']]) {
      const r = await jiuye(argv, at());
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(/^错误:/);
      expect(r.err, argv.join(' ')).toContain('用法:jiuye');
      expect(r.err, argv.join(' ')).not.toMatch(/\n\s+at /);
    }
    expect((await jiuye(['dutt'], at())).err).toContain('未知命令 dutt(是否想用 duty?)');
    const help = await jiuye(['help', 'nosuch'], at());
    expect(help.code).toBe(2);
    expect(help.err).toContain('未知命令 nosuch');
    expect((await jiuye(['help', 'duty'], at())).out).toContain('用法: jiuye duty [选项]');
  });

  it('help is Chinese and exits 0', async () => {
    const r = await jiuye(['duty', '--help'], at());
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法: jiuye duty [选项]');
    expect(r.out).toContain('选项:');
    expect(r.out).toContain('示例:');
  });
});
