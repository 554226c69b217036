// npm run bench [-- --units N] [--rounds R] [--baseline REF] [--keep]: jiuye at the size of a city or a
// province, measured in one run. Every ratio is taken against a baseline measured in the same run, with
// runs alternating, because this machine is shared and noisy.
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PLAN, loadPlanFile } from '../dist/data.js';
import { buildReturnWorkbook, templateFileName } from '../dist/excel/template.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'jiuye.js');
const RUSAGE = join(ROOT, 'bench', 'rusage.cjs');
const PERIOD = { year: 2021, quarter: 3 };

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const N = option('--units', 1000);
const ROUNDS = option('--rounds', 3);
// The last commit that read returns with exceljs (in worker threads): the 22-file import is timed
// against it, built from git in a folder of its own. --baseline none leaves the comparison out.
const baselineAt = args.indexOf('--baseline');
const BASELINE = baselineAt >= 0 ? args[baselineAt + 1] : 'e746d4c';
if (!Number.isInteger(N) || N < 20 || !Number.isInteger(ROUNDS) || ROUNDS < 1 || !BASELINE) {
  console.error(
    '用法:npm run bench -- [--units N] [--rounds R] [--baseline 提交] [--keep]\n' +
      '  N:单位数,不小于 20 的整数(默认 1000);R:导入与纯解析交替测量的轮数(默认 3);\n' +
      '  提交:22 份报表的导入与哪个版本交替比较(默认 e746d4c,即改用自己的读取器之前的最后一个提交;none 为不比较)',
  );
  process.exit(2);
}
const keep = args.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'jiuye-bench-'));
const log = (s) => process.stderr.write(`${s}\n`);

/**
 * Runs the built jiuye (or, with opts.bin, another build of it) as the checkout's users do, through the
 * bin's own first line, which sets Node's flags (npm run puts the project's Node first on PATH). A
 * failure stops the bench unless allowed.
 */
function jiuye(argv, opts = {}) {
  const t = performance.now();
  const nodeOptions = [process.env.NODE_OPTIONS, ...(opts.node ?? [])].filter(Boolean).join(' ');
  const r = spawnSync(opts.bin ?? BIN, argv, {
    cwd: opts.cwd ?? work,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}), ...opts.env },
  });
  const ms = performance.now() - t;
  if (r.status !== 0 && !opts.allowFail) {
    log(r.stderr);
    throw new Error(`jiuye ${argv.join(' ')} 退出码 ${r.status}`);
  }
  return { ms, out: r.stdout, err: r.stderr, code: r.status };
}

/** Wall time of a plain node process. */
function node(argv) {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd: work, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')}: ${r.stderr}`);
  return performance.now() - t;
}

/** What a preloaded rusage.cjs recorded about a jiuye run: peak memory and loaded packages. */
function measured(argv, opts = {}) {
  const file = join(work, `rusage-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  // ES modules (ECharts) are recorded only when asked: the hook that sees them slows loading.
  const esm = opts.esm ? { JIUYE_BENCH_ESM: `${file}.esm` } : {};
  const run = jiuye(argv, { ...opts, node: [`--require=${RUSAGE}`], env: { JIUYE_BENCH_RUSAGE: file, ...esm } });
  return { ...run, ...JSON.parse(readFileSync(file, 'utf8')) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Writes a unit's return from jiuye's own template and fills it in as the unit would. */
async function writeReturn(plan, unit, i, dir) {
  const wb = buildReturnWorkbook(plan, unit, PERIOD, { deadline: '2021-10-08', allocations: [], now: new Date('2021-09-25T00:00:00Z') });
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
  await wb.xlsx.writeFile(join(dir, templateFileName(unit, PERIOD)));
}

/**
 * The baseline's jiuye, built in a folder of its own from the commit (git archive, then tsc), with this
 * checkout's node_modules: its package.json asks for the same packages. The bench's own numbers never
 * come from it; only the 22-file import is timed against it.
 */
function baselineBuild(ref) {
  const dir = join(work, `baseline-${ref}`);
  mkdirSync(dir);
  const archive = spawnSync('git', ['-C', ROOT, 'archive', '--format=tar', ref], { maxBuffer: 512 * 1024 * 1024 });
  if (archive.status !== 0) throw new Error(`git archive ${ref} 失败:${archive.stderr}`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`解开 ${ref} 失败:${untar.stderr}`);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`编译 ${ref} 失败:${tsc.stdout}${tsc.stderr}`);
  log(`已在 ${dir} 编译基线 ${ref}`);
  return { bin: join(dir, 'bin', 'jiuye.js') };
}

/** The commands this build has, from `jiuye --help` (report arrives with another branch). */
function commandNames() {
  const lines = jiuye(['--help']).out.split('\n');
  const start = lines.findIndex((l) => l.trim() === '命令:');
  const names = new Set();
  for (const l of lines.slice(start + 1)) {
    if (!l.trim()) break;
    names.add(l.trim().split(/\s+/)[0]);
  }
  return names;
}

log(`jiuye 基准测试:${N} 个单位,工作目录 ${work}`);
const commands = commandNames();
if (!commands.has('import') || !commands.has('check')) throw new Error(`从 jiuye --help 中没有读到命令列表:${[...commands].join(' ')}`);

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

const returns = join(work, 'returns');
mkdirSync(returns);
let t = performance.now();
for (const [i, unit] of plan.units.entries()) await writeReturn(plan, unit, i, returns);
const files = readdirSync(returns).length;
log(`已生成并填写 ${files} 份报表(${((performance.now() - t) / 1000).toFixed(1)} s)`);

// Import and bare parsing, alternating: a bare exceljs load of the same files in a process of its own,
// then jiuye's import of them into a fresh database (the last one is kept for check and report).
const bare = [];
const imports = [];
let db = '';
for (let round = 1; round <= ROUNDS; round++) {
  bare.push(node([join(ROOT, 'bench', 'bare-load.js'), returns]));
  db = join(work, `jiuye-${round}.db`);
  jiuye(['init', '--plan', 'plan.json', '--db', db]);
  const run = measured(['import', 'returns', '--received', '2021-10-08', '--json', '--db', db]);
  const summary = JSON.parse(run.out).summary;
  if (summary.imported !== files) throw new Error(`第 ${round} 轮只导入了 ${summary.imported} / ${files} 份`);
  imports.push({ ms: run.ms, rssMb: run.maxRssKb / 1024 });
  log(`第 ${round} 轮:纯解析 ${(bare[round - 1] / 1000).toFixed(2)} s,导入 ${(run.ms / 1000).toFixed(2)} s`);
}
const importMs = median(imports.map((r) => r.ms));
const bareMs = median(bare);
// Each round's import is divided by the bare load just before it: the machine's load changes from one
// minute to the next, and the two runs of a round see the same.
const ratios = imports.map((r, i) => r.ms / bare[i]);
const ratio = median(ratios);
const peakMb = Math.max(...imports.map((r) => r.rssMb));

// check --json and report on the N-unit database.
const checkMs = median(Array.from({ length: 5 }, () => jiuye(['check', '--quarter', '2021Q3', '--json', '--db', db]).ms));
// report with its charts and without, alternating: the difference is what drawing the charts costs.
const hasReport = commands.has('report');
const hasCharts = hasReport && jiuye(['report', '--help']).out.includes('--no-charts');
const reportRuns = [];
const plainRuns = [];
for (let i = 0; hasReport && i < 3; i++) {
  reportRuns.push(jiuye(['report', '--quarter', '2021Q3', '--db', db, '--out', join(work, `report-${i}.xlsx`)]).ms);
  if (hasCharts) plainRuns.push(jiuye(['report', '--quarter', '2021Q3', '--no-charts', '--db', db, '--out', join(work, `report-plain-${i}.xlsx`)]).ms);
}
const reportMs = hasReport ? median(reportRuns) : NaN;
const plainMs = hasCharts ? median(plainRuns) : NaN;

// Start-up on a realistic small database: the embedded plan, one quarter of returns from all 22 units.
const small = join(work, 'small');
mkdirSync(join(small, 'returns'), { recursive: true });
jiuye(['init'], { cwd: small });
const embedded = loadPlanFile(DEFAULT_PLAN);
for (const [i, unit] of embedded.units.entries()) await writeReturn(embedded, unit, i, join(small, 'returns'));
// The district's 22 returns imported by this build and by the baseline's, alternating, each into a
// fresh database; the same files, the same Node, the same flags.
const baseline = BASELINE === 'none' ? null : baselineBuild(BASELINE);
const districtRuns = [];
const baselineRuns = [];
for (let i = 0; i < 7; i++) {
  for (const [bin, runs] of [[BIN, districtRuns], ...(baseline ? [[baseline.bin, baselineRuns]] : [])]) {
    const db = join(small, `district-${runs === districtRuns ? 'now' : 'base'}-${i}.db`);
    jiuye(['init', '--db', db], { cwd: small, bin });
    const run = jiuye(['import', 'returns', '--received', '2021-10-08', '--json', '--db', db], { cwd: small, bin });
    if (JSON.parse(run.out).summary.imported !== embedded.units.length) throw new Error(`22 份报表的导入未全部成功:${run.out.slice(0, 300)}`);
    // The first round of each warms the file cache and the compile cache.
    if (i > 0) runs.push(run.ms);
  }
}
const districtMs = median(districtRuns);
const baselineMs = baseline ? median(baselineRuns) : NaN;
jiuye(['import', 'returns', '--received', '2021-10-08'], { cwd: small });
jiuye(['check'], { cwd: small }); // warm the file cache before timing
const nodeRuns = [];
const startRuns = [];
for (let i = 0; i < 11; i++) {
  nodeRuns.push(node(['-e', '0']));
  startRuns.push(jiuye(['check'], { cwd: small }).ms);
}
const nodeMs = median(nodeRuns);
const startMs = median(startRuns);

// Does check load exceljs, ECharts or resvg? Checked against template and report, which must (or the
// detection itself is broken).
const loads = (run, name) => run.modules.some((m) => new RegExp(`[\\\\/]node_modules[\\\\/]${name}[\\\\/]`).test(m));
const checkRun = measured(['check'], { cwd: small, esm: true });
const templateRun = measured(['template', '--quarter', '2021Q3', '--unit', '列东街道', '--out', join(small, 'blank')], { cwd: small });
const reportRun = hasCharts ? measured(['report', '--quarter', '2021Q3', '--out', join(small, 'charts.xlsx')], { cwd: small, esm: true }) : null;
const checkLoads = loads(checkRun, 'exceljs');
const templateLoads = loads(templateRun, 'exceljs');
// The return reader is jiuye's own (dist/excel/read.js, over saxes): an import must load it.
const loadsReader = (run) => run.modules.some((m) => /[\\/]dist[\\/]excel[\\/]read\.js$/.test(m)) || loads(run, 'saxes');
const importRun = measured(['import', 'returns', '--received', '2021-10-08', '--dry-run'], { cwd: small, esm: true, allowFail: true });
const checkLoadsReader = loadsReader(checkRun);
const importLoadsReader = loadsReader(importRun);
const chartLibs = (run) => loads(run, 'echarts') || loads(run, '@resvg[\\\\/]resvg-js');
const checkLoadsCharts = chartLibs(checkRun);
const reportLoadsCharts = reportRun !== null && loads(reportRun, 'echarts') && loads(reportRun, '@resvg[\\\\/]resvg-js');

const at1000 = N === 1000;
const verdict = (good, onlyAt1000 = true) => (onlyAt1000 && !at1000 ? '—' : good ? '达标' : '未达标');
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const rows = [
  ['项目', '实测', '目标(1000 个单位)', '结论'],
  [`导入 ${files} 份报表`, `${s(importMs)}(${(files / (importMs / 1000)).toFixed(0)} 份/秒)`, '< 10 s', verdict(importMs < 10_000)],
  ['纯解析(exceljs 逐个 load 同样的文件)', s(bareMs), '—', '基准'],
  ['导入 ÷ 纯解析(各轮之比的中位数)', ratio.toFixed(2), '≤ 0.7', verdict(ratio <= 0.7)],
  ['导入峰值内存(进程最大 RSS)', `${peakMb.toFixed(0)} MB`, '< 300 MB', verdict(peakMb < 300)],
  [`check --json(${N} 个单位)`, s(checkMs), '< 0.5 s', verdict(checkMs < 500)],
  [`report(${N} 个单位${hasCharts ? ',含图表' : ''})`, Number.isNaN(reportMs) ? '(尚无此命令)' : s(reportMs), '< 5 s', Number.isNaN(reportMs) ? '—' : verdict(reportMs < 5000)],
  ['report --no-charts(基准)', Number.isNaN(plainMs) ? '(尚无图表)' : s(plainMs), '—', '基准'],
  ['图表使 report 增加', Number.isNaN(plainMs) ? '—' : `+${s(reportMs - plainMs)}`, '—', '—'],
  ['导入 22 份报表(一个区,这一版)', `${districtMs.toFixed(0)} ms`, '—', '—'],
  [
    `导入 22 份报表(基线 ${BASELINE})`,
    baseline ? `${baselineMs.toFixed(0)} ms` : '(未比较)',
    '—',
    baseline ? `这一版为基线的 ${((districtMs / baselineMs) * 100).toFixed(0)}%` : '—',
  ],
  ['启动:jiuye check(22 个单位、一个季度)', `${startMs.toFixed(0)} ms`, '—', '—'],
  ['启动:node -e 0', `${nodeMs.toFixed(0)} ms`, '—', '基准'],
  ['启动差值(jiuye check − node)', `+${(startMs - nodeMs).toFixed(0)} ms`, '< +150 ms', verdict(startMs - nodeMs < 150, false)],
  ['check 是否加载 exceljs', !templateLoads ? '无法判断' : checkLoads ? '是' : '否', '否', !templateLoads ? '—' : verdict(!checkLoads, false)],
  ['check 是否加载报表读取器', !importLoadsReader ? '无法判断' : checkLoadsReader ? '是' : '否', '否', !importLoadsReader ? '—' : verdict(!checkLoadsReader, false)],
  ['check 是否加载 echarts、resvg', !reportLoadsCharts ? '无法判断' : checkLoadsCharts ? '是' : '否', '否', !reportLoadsCharts ? '—' : verdict(!checkLoadsCharts, false)],
];
const width = (x) => [...x].reduce((w, ch) => w + (/[\u2e80-\ufe4f\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
const cols = rows[0].map((_, c) => Math.max(...rows.map((r) => width(r[c]))));
const line = (r) => `| ${r.map((x, c) => x + ' '.repeat(cols[c] - width(x))).join(' | ')} |`;
const today = new Date().toISOString().slice(0, 10);
console.log(`\njiuye 基准测试:${N} 个单位,${cpus().length} 核(可用 ${availableParallelism()}),Node ${process.version},${today}`);
console.log(line(rows[0]));
console.log(`|${cols.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
console.log(
  `各轮(导入与纯解析交替):导入 ${imports.map((r) => s(r.ms)).join(' / ')};纯解析 ${bare.map(s).join(' / ')};` +
    `导入 ÷ 纯解析 ${ratios.map((x) => x.toFixed(2)).join(' / ')};` +
    `check --json 5 次取中位数;report 含图表与 --no-charts 交替各 3 次取中位数;` +
    `22 份报表的导入与基线交替各 7 次、去掉各自第 1 次后取中位数(各轮:这一版 ${districtRuns.map((x) => x.toFixed(0)).join(' / ')} ms` +
    (baseline ? `;基线 ${baselineRuns.map((x) => x.toFixed(0)).join(' / ')} ms` : '') +
    `);启动为交替 11 次的中位数`,
);
if (!at1000) console.log('注:目标按 1000 个单位给出,其他规模只作参考,只判定与规模无关的启动两项。');
if (!keep) rmSync(work, { recursive: true, force: true });
else log(`保留工作目录 ${work}`);
