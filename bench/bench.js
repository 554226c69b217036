// npm run bench [-- --units N]: jiuye at the size of a city or a province, measured in one run.
// Ratios are taken against baselines measured in the same run, because this machine is shared.
import { spawnSync, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PLAN } from '../dist/data.js';
import { buildReturnWorkbook, templateFileName } from '../dist/excel/template.js';
import { loadPlanFile } from '../dist/data.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'jiuye.js');
const RUSAGE = join(ROOT, 'bench', 'rusage.cjs');

const args = process.argv.slice(2);
const unitsArg = args.indexOf('--units');
const N = unitsArg >= 0 ? Number(args[unitsArg + 1]) : 1000;
if (!Number.isInteger(N) || N < 20) {
  console.error('用法:npm run bench -- --units N(N 为不小于 20 的整数,默认 1000)');
  process.exit(2);
}
const keep = args.includes('--keep');

const work = mkdtempSync(join(tmpdir(), 'jiuye-bench-'));
const log = (s) => process.stderr.write(`${s}\n`);

// A plan of N units: the document's 16 departments and N − 16 generated areas, tasks as in the document.
const raw = JSON.parse(readFileSync(DEFAULT_PLAN, 'utf8'));
const departments = raw.units.filter((u) => u.kind === 'department');
const areas = Array.from({ length: N - departments.length }, (_, i) => {
  const n = String(i + 1).padStart(4, '0');
  return { code: `area${n}`, name: `测试${n}街道`, fullName: `测试市测试${n}街道办事处`, kind: 'area', category: '街道', aliases: [] };
});
raw.units = [...areas, ...departments];
raw.id = `bench-${N}`;
writeFileSync(join(work, 'plan.json'), JSON.stringify(raw));
const plan = loadPlanFile(join(work, 'plan.json'));

function jiuye(argv, opts = {}) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [...(opts.node ?? []), BIN, ...argv], {
    cwd: work,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
  });
  const ms = performance.now() - t;
  if (r.status !== 0 && !opts.allowFail) {
    log(r.stderr);
    throw new Error(`jiuye ${argv.join(' ')} exited ${r.status}`);
  }
  return { ms, out: r.stdout, err: r.stderr, code: r.status };
}

function wall(argv) {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd: work, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
  return performance.now() - t;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

log(`jiuye 基准测试:${N} 个单位,工作目录 ${work}`);
jiuye(['init', '--plan', join(work, 'plan.json')]);

// The returns: jiuye's own template for every unit, filled in as a unit would.
const returns = join(work, 'returns');
mkdirSync(returns);
let t = performance.now();
const period = { year: 2021, quarter: 3 };
for (const [i, unit] of plan.units.entries()) {
  const wb = buildReturnWorkbook(plan, unit, period, { deadline: '2021-10-08', allocations: [], now: new Date('2021-09-25T00:00:00Z') });
  const ws = wb.getWorksheet('季度报表');
  ws.getCell('C3').value = '张三';
  ws.getCell('E3').value = '0598-8220001';
  ws.eachRow((row) => {
    const label = String(row.getCell(3).value ?? '');
    const input = row.getCell(5);
    if (input.protection?.locked !== false) return;
    if (label.includes('户数')) input.value = 0;
    else if (/^(本季度|期末)/.test(label)) input.value = label.includes('从业人员') ? 5000 + i : 10 + (i % 90);
    else if (/^[一二三四五六]/.test(String(row.getCell(2).value ?? ''))) {
      input.value = '推进中';
      row.getCell(6).value = `${unit.name}本季度推进情况`;
    }
  });
  await wb.xlsx.writeFile(join(returns, templateFileName(unit, period)));
}
const files = readdirSync(returns).length;
log(`已生成并填写 ${files} 份报表(${((performance.now() - t) / 1000).toFixed(1)} s)`);

// Baseline: exceljs parsing the same files, nothing else, in a process of its own.
const bareMs = wall([join(ROOT, 'bench', 'bare-load.js'), returns]);

// jiuye's import of the same files, with its peak memory.
const usage = join(work, 'rusage.json');
const imp = jiuye(['import', 'returns', '--received', '2021-10-08', '--json'], { node: ['--require', RUSAGE], env: { JIUYE_BENCH_RUSAGE: usage } });
const summary = JSON.parse(imp.out).summary;
if (summary.imported !== files) throw new Error(`只导入了 ${summary.imported} / ${files} 份`);
const importRss = JSON.parse(readFileSync(usage, 'utf8')).maxRssKb / 1024;

// check and report on that database.
const timed = (argv) => (jiuye(argv, { allowFail: true }).code === undefined ? NaN : jiuye(argv, { allowFail: true }).ms);
const hasCommand = (name) => jiuye(['help', name], { allowFail: true }).code === 0 && !jiuye(['help', name], { allowFail: true }).err.includes('未知');
const checkMs = hasCommand('check') ? jiuye(['check', '--quarter', '2021Q3', '--json'], { allowFail: true }).ms : NaN;
const reportMs = hasCommand('report') ? jiuye(['report', '--quarter', '2021Q3', '--out', join(work, `report-${Date.now()}.xlsx`)], { allowFail: true }).ms : NaN;

// Cold start: `jiuye check` against `node -e 0`, medians of alternating runs; and what check loads.
const startArgs = hasCommand('check') ? ['check', '--quarter', '2021Q3'] : ['units'];
const nodeRuns = [];
const jiuyeRuns = [];
for (let i = 0; i < 9; i++) {
  nodeRuns.push(wall(['-e', '0']));
  jiuyeRuns.push(jiuye(startArgs, { allowFail: true }).ms);
}
const loaded = join(work, 'loaded.json');
jiuye(startArgs, { node: ['--require', RUSAGE], env: { JIUYE_BENCH_RUSAGE: loaded }, allowFail: true });
const exceljsLoaded = JSON.parse(readFileSync(loaded, 'utf8')).modules.some((m) => m.includes('exceljs'));
const nodeMs = median(nodeRuns);
const startMs = median(jiuyeRuns);

const ok = (good) => (good ? '达标' : '未达标');
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const rows = [
  ['项目', '实测', '目标', '结论'],
  [`导入 ${files} 份报表`, `${s(imp.ms)}(${(files / (imp.ms / 1000)).toFixed(0)} 份/秒)`, '< 10 s', ok(imp.ms < 10_000)],
  ['纯解析(exceljs load 同样的文件)', s(bareMs), '—', '基准'],
  ['导入 ÷ 纯解析', (imp.ms / bareMs).toFixed(2), '≤ 1.3', ok(imp.ms / bareMs <= 1.3)],
  ['导入峰值内存', `${importRss.toFixed(0)} MB`, '< 300 MB', ok(importRss < 300)],
  [`check --json(${N} 个单位)`, Number.isNaN(checkMs) ? '(尚无此命令)' : s(checkMs), '< 0.5 s', Number.isNaN(checkMs) ? '—' : ok(checkMs < 500)],
  [`report(${N} 个单位)`, Number.isNaN(reportMs) ? '(尚无此命令)' : s(reportMs), '< 5 s', Number.isNaN(reportMs) ? '—' : ok(reportMs < 5000)],
  [`启动:jiuye ${startArgs.join(' ')}`, `${startMs.toFixed(0)} ms`, '—', '—'],
  ['启动:node -e 0', `${nodeMs.toFixed(0)} ms`, '—', '基准'],
  ['启动差值(jiuye − node)', `+${(startMs - nodeMs).toFixed(0)} ms(${(startMs / nodeMs).toFixed(2)} 倍)`, '< +150 ms', ok(startMs - nodeMs < 150)],
  ['check 是否加载 exceljs', exceljsLoaded ? '是' : '否', '否', ok(!exceljsLoaded)],
];
const width = (x) => [...x].reduce((w, ch) => w + (/[\u2e80-\ufe4f\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
const cols = rows[0].map((_, c) => Math.max(...rows.map((r) => width(r[c]))));
const line = (r) => `| ${r.map((x, c) => x + ' '.repeat(cols[c] - width(x))).join(' | ')} |`;
console.log(`\njiuye 基准测试:${N} 个单位,${cpus().length} 核,Node ${process.version}`);
console.log(line(rows[0]));
console.log(`|${cols.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
if (!keep) rmSync(work, { recursive: true, force: true });
else log(`保留工作目录 ${work}`);
