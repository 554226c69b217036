// jiuye demo: the newcomer's first run — a workspace from the embedded plan, three quarters of
// returns marked 示例数据 written, filled and imported as real .xlsx files, the check and overdue
// tables, and the summary workbook. With --year-end, the same story through the fourth quarter,
// ending with the year's assessment workbook.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { InputError, JiuyeError } from '../errors.js';
import type { Io, Out } from '../io.js';
import { DEFAULT_PLAN, loadPlanFile } from '../data.js';
import type { Quarter } from '../domain/period.js';
import { tasksOf, type Plan, type Unit } from '../domain/plan/model.js';
import type { Filling } from '../excel/fill.js';
import { displayWidth, paintErr } from '../render/text.js';
import { type CommandContext, describe, userPath } from './common.js';
import { buildAssessment, writeAssessment } from '../app/assessment.js';
import { openWorkspace } from '../app/workspace.js';
import { markDemoData } from '../store/demo.js';
import { runAssess } from './assess.js';
import { runCheck } from './check.js';
import { runImport } from './import.js';
import { runInit } from './init.js';
import { runOverdue } from './overdue.js';
import { runReference } from './reference.js';
import { runAllocate } from './targets.js';
import { runTemplate } from './template.js';
import { buildSummary, writeSummary } from '../app/summary.js';
import { launcher, quotePath } from '../format/command.js';
import { quarterName, TASK_STATUS } from '../format/words.js';

const MARKER = '.jiuye-demo';
const AS_OF = '2021-10-15';
/** The year-end demo runs as of the day the assessment is written, after the Q4 deadline (2022-01-05). */
const YEAR_END_AS_OF = '2022-01-20';
/** When each quarter's returns arrive (the Q3 deadline is 2021-10-08, after 国庆). */
const RECEIVED: Record<Quarter, string> = { 1: '2021-04-02', 2: '2021-07-02', 3: '2021-10-08', 4: '2022-01-05' };
/** Returns that arrive after the deadline: 区统计局's third quarter, and (year-end) the 开发区's fourth. */
const LATE: { unit: string; quarter: Quarter; receivedOn: string }[] = [
  { unit: 'tongji', quarter: 3, receivedOn: '2021-10-12' },
  { unit: 'kaifaqu', quarter: 4, receivedOn: '2022-01-10' },
];
const MISSING = { unit: 'yangxi', quarter: 3 as Quarter };
/** The demo's calendar: the day it runs as of, when each quarter's returns arrive, the late one and the missing one. */
export const DEMO_STORY = { asOf: AS_OF, received: RECEIVED, late: LATE, missing: MISSING, references: ['高校毕业生就业率=92', '离校未就业高校毕业生就业率=88'] };

export function registerDemo(program: Command, ctx: CommandContext): void {
  describe(
    program.command('demo'),
    '用示例数据走一遍全流程:建库、生成并填写 2021 年前三季度报表、导入、检查、催报、生成季度汇总表;--year-end 走到年末并生成年度考核结果表',
    `  ${launcher()} demo\n  ${launcher()} demo --year-end      # 四个季度,截至 2022-01-20,最后是年度考核结果表\n  ${launcher()} demo --dir 练习`,
  )
    .option('--dir <文件夹>', '示例工作目录(默认 ./jiuye-demo;由 demo 建立的目录再次运行时会重建)')
    .option('--year-end', '走完全年(含第四季度,截至 2022-01-20),最后写出年度考核结果表')
    .action(async (flags: { dir?: string; yearEnd?: boolean }) => ctx.exit(await runDemo(ctx.io, flags)));
}

export async function runDemo(io: Io, flags: { dir?: string; yearEnd?: boolean }): Promise<number> {
  const yearEnd = Boolean(flags.yearEnd);
  const asOf = yearEnd ? YEAR_END_AS_OF : AS_OF;
  const dir = userPath(io, flags.dir ?? 'jiuye-demo');
  const e = paintErr(io);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new InputError(`${relative(io.cwd, dir) || dir} 是文件,不是文件夹,未做改动。请用 --dir 指定一个新文件夹`);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, MARKER))) throw new InputError(`${dir} 已存在且不是 jiuye demo 建立的目录,未做改动。请用 --dir 指定一个新文件夹`);
    rmSync(dir, { recursive: true, force: true });
    io.stderr.write(`重建示例目录 ${relative(io.cwd, dir) || dir}\n`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), 'made by jiuye demo: safe to delete\n');

  // The demo lives in 2021: every step runs as of the day the Q3 summary (or the year's assessment) is due to be written.
  const demoIo = (out: Out, err: Out): Io => ({ ...io, stdout: out, stderr: err, stdinTty: false, cwd: dir, now: () => new Date(`${asOf}T10:00:00`) });
  /**
   * Runs one step through the same function its command runs, and names the command line that does it;
   * shows the step's output only when asked to (or when it fails).
   */
  const step: Step = async (label, shown, action, opts = {}) => {
    const command = `jiuye ${shown}`;
    let said = '';
    const keep: Out = { write: (t: string) => (said += t) };
    if (opts.show) io.stdout.write(`\n${e.bold(`▶ ${label}`)}  ${e.dim(command)}\n`);
    let code: number;
    try {
      code = await action(demoIo(opts.show ? io.stdout : keep, keep));
    } catch (err) {
      if (!(err instanceof JiuyeError)) throw err;
      said += err.message;
      code = err.exitCode;
    }
    if (code !== 0) throw new InputError(`示例步骤“${label}”失败(${command}):\n${said}`);
    if (!opts.show) io.stderr.write(`${e.green('✓')} ${label}  ${e.dim(command)}\n`);
  };
  const db = join(dir, 'jiuye.db');
  const plan = loadPlanFile(DEFAULT_PLAN);
  const areas = plan.units.filter((u) => u.kind === 'area');

  io.stderr.write(`${e.bold(`jiuye 示例:${plan.district} 2021 年${yearEnd ? '(全年,截至 2022-01-20)' : ''},全部数据均为示例数据`)}\n`);
  await step('建立数据库,载入内置方案', 'init', (io) => runInit(io, { db, force: false }));
  // Every document written from this database, now or later and by any command, says 示例数据.
  const marking = openWorkspace(io, { db, access: 'write' });
  try {
    markDemoData(marking.db, `jiuye demo${yearEnd ? ' --year-end' : ''}`, new Date(`${asOf}T10:00:00`));
  } finally {
    marking.close();
  }
  const items = allocationItems(plan, areas);
  await step('把年度目标分解到镇街', `targets allocate --set ${items[0]} …(共 ${items.length} 项)`, (io) => runAllocate(io, { db, set: items }));
  const references = DEMO_STORY.references;
  await step('录入比较型指标的参考值', `targets reference ${references.join(' ')}`, (io) => runReference(io, references, { db }));

  const { templateFileName } = await import('../excel/template.js');
  const { fillReturn } = await import('../excel/fill.js');
  for (const quarter of (yearEnd ? [1, 2, 3, 4] : [1, 2, 3]) as Quarter[]) {
    const period = { year: 2021, quarter };
    const sent = join('发出的报表', `2021Q${quarter}`);
    await step(`生成 2021Q${quarter} 报表`, `template --quarter 2021Q${quarter} --all --out ${sent}`, (io) => runTemplate(io, { db, quarter: `2021Q${quarter}`, all: true, out: sent }));
    // Each unit fills in its own blank return (the real file jiuye template wrote) and sends it back.
    const back = join(dir, '收到的报表', `2021Q${quarter}`);
    const late = join(dir, '收到的报表', `2021Q${quarter}-晚到`);
    mkdirSync(back, { recursive: true });
    for (const unit of plan.units) {
      if (unit.code === MISSING.unit && quarter === MISSING.quarter) continue;
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, sent, templateFileName(unit, period)));
      fillReturn(wb, plan, demoFilling(plan, unit, quarter));
      const folder = lateOf(unit.code, quarter) ? late : back;
      mkdirSync(folder, { recursive: true });
      await wb.xlsx.writeFile(join(folder, templateFileName(unit, period)));
    }
    await step(`导入 2021Q${quarter} 收回的报表`, `import ${relative(dir, back)} --received ${RECEIVED[quarter]}`, (io) => runImport(io, [back], { db, received: RECEIVED[quarter] }));
    const lateOne = LATE.find((l) => l.quarter === quarter);
    if (existsSync(late) && lateOne) {
      await step(`导入晚到的 2021Q${quarter} 报表`, `import ${relative(dir, late)} --received ${lateOne.receivedOn}`, (io) => runImport(io, [late], { db, received: lateOne.receivedOn }));
    }
  }
  if (yearEnd) return yearEndSteps(io, dir, db, step);

  await step('检查 2021Q3 进度', 'check --quarter 2021Q3', (io) => runCheck(io, { db, quarter: '2021Q3' }), { show: true });
  await step(`催报:截至 ${AS_OF} 的报送情况`, `overdue --quarter 2021Q3 --as-of ${AS_OF}`, (io) => runOverdue(io, { db, quarter: '2021Q3', asOf: AS_OF }), { show: true });

  const ws = openWorkspace(io, { db, access: 'read' });
  let out: string;
  try {
    const stored = ws.plan(2021);
    const summary = buildSummary(ws.db, stored, { year: 2021, quarter: 3 }, AS_OF, { charts: true });
    out = await writeSummary(summary, join(dir, `${summary.report.title}.xlsx`), 'xlsx', { force: true, now: new Date(`${AS_OF}T10:00:00`), io });
  } finally {
    ws.close();
  }
  writeEnding(io, dir, [
    [`check --brief`, '最近一个季度需要关注的事项'],
    [`check --unit 列西街道`, '一个镇街的完成情况'],
    [`warn --quarter 2021Q3`, '风险预警和数据质量提示'],
    [`overdue --as-of ${AS_OF} --notice 催报通知.txt`, '写出催报通知'],
    [`history`, '导入记录'],
    [`duty --unit 区财政局`, '一个单位的职责'],
    [`report --as-of ${AS_OF} --format html`, '网页版汇总(图表和各表,可离线打开)'],
  ], ['季度汇总表', out]);
  return 0;
}

type Step = (label: string, shown: string, action: (io: Io) => number | Promise<number>, opts?: { show?: boolean }) => Promise<void>;

function lateOf(unit: string, quarter: Quarter) {
  return LATE.find((l) => l.unit === unit && l.quarter === quarter);
}

/** The end of the year-end story: the fourth quarter checked, the assessment shown and written. */
async function yearEndSteps(io: Io, dir: string, db: string, step: Step): Promise<number> {
  await step('检查 2021Q4 进度(只看需要关注的事项)', 'check --quarter 2021Q4 --brief', (io) => runCheck(io, { db, quarter: '2021Q4', brief: true }), { show: true });
  await step(`年度考核:截至 ${YEAR_END_AS_OF}`, `assess --year 2021 --as-of ${YEAR_END_AS_OF}`, (io) => runAssess(io, { db, year: '2021', asOf: YEAR_END_AS_OF }), { show: true });
  const ws = openWorkspace(io, { db, access: 'read' });
  let out: string;
  try {
    const stored = ws.plan(2021);
    const report = buildAssessment(ws.db, stored, YEAR_END_AS_OF);
    const { assessmentFileTitle } = await import('../domain/assessment-tables.js');
    out = await writeAssessment(report, stored, join(dir, `${assessmentFileTitle(report)}.xlsx`), 'xlsx', {
      force: true,
      now: new Date(`${YEAR_END_AS_OF}T10:00:00`),
    });
  } finally {
    ws.close();
  }
  writeEnding(io, dir, [
    [`assess --as-of ${YEAR_END_AS_OF} --unit 徐碧街道`, '一个单位的各项得分、规则和所用数字(否决项)'],
    [`assess --as-of ${YEAR_END_AS_OF} --unit 洋溪镇`, '缺报的季度如何计分'],
    [`assess --as-of 2022-01-04`, '第四季度报表截止前的预评'],
    [`assess --as-of ${YEAR_END_AS_OF} --format md`, '考核结果、评分明细、考核办法写成一个文件'],
    [`check --quarter 2021Q4`, '第四季度进度检查全文'],
  ], ['年度考核结果表', out]);
  return 0;
}

/**
 * How a demo ends: the commands to try next (their explanations in one column, by display width:
 * 列西街道 takes eight), where the returns are, and last the path of the workbook it wrote.
 */
function writeEnding(io: Io, dir: string, tries: [string, string][], [what, out]: [string, string]): void {
  const shown = relative(io.cwd, dir) || '.';
  const next = tries.map(([args, why]) => [`${launcher(dir)} ${args}`, why]);
  const width = Math.max(...next.map(([command]) => displayWidth(command)));
  io.stdout.write(
    `\n接下来可以试试(先 cd ${quotePath(shown, io.platform ?? process.platform)}):\n` +
      next.map(([command, why]) => `  ${command}${' '.repeat(width - displayWidth(command))}  ${why}\n`).join('') +
      `收回的报表在 ${join(shown, '收到的报表')},发出的空白报表在 ${join(shown, '发出的报表')}。\n` +
      `${what}:\n${relative(io.cwd, out) || out}\n`,
  );
}

/** The demo's allocation of the three count targets to the areas, as `targets allocate --set` items. */
export function allocationItems(plan: Plan, areas: Unit[]): string[] {
  const shares: Record<string, number[]> = { xinzeng: [400, 350, 300, 200, 150, 100], zaijiuye: [240, 210, 180, 120, 90, 60], kunnan: [65, 60, 50, 35, 25, 15] };
  return Object.entries(shares).flatMap(([code, values]) => {
    const name = plan.indicators.find((i) => i.code === code)!.name;
    return areas.map((a, i) => `${a.name}:${name}=${values[i]}`);
  });
}

// The demo's story: 列东 falls two quarters running, 列西 lags and has a layoff announced too late,
// 徐碧 still has a 零就业家庭, 陈大's unemployment rate jumps above 3.5%, 洋溪 never sends Q3,
// 区统计局 sends Q3 late, 离校未就业 employment is below the city average. At year end (Q4): 列东
// reaches 412 of its 400, 徐碧's household is still not cleared and 陈大 stays above 3.5% (both
// capped at 良好 however many points), the 开发区 sends Q4 late, 区商务局 leaves its Q4 task progress
// blank, and 区人社局 reports every lead task 已完成 but 五(三) (the household not cleared).
const XINZENG: Record<string, number[]> = { liedong: [130, 110, 95, 77], liexi: [80, 85, 70, 60], xubi: [75, 80, 90, 60], chenda: [50, 55, 60, 40], yangxi: [40, 42, 45, 50], kaifaqu: [30, 35, 40, 25] };
const EMPLOYED: Record<string, number> = { liedong: 12400, liexi: 10800, xubi: 9600, chenda: 6100, yangxi: 5200, kaifaqu: 3900 };
const UNEMPLOYED: Record<string, number[]> = { liedong: [390, 385, 380, 375], liexi: [350, 352, 348, 345], xubi: [300, 296, 290, 288], chenda: [170, 178, 228, 230], yangxi: [160, 158, 155, 152], kaifaqu: [110, 108, 105, 102] };

/** What a unit types into its return for a quarter of the demo's story (tests build the demo's database from it). */
export function demoFilling(plan: Plan, unit: Unit, quarter: Quarter): Filling {
  const q = quarter - 1;
  const figures: Filling['figures'] = {};
  if (unit.kind === 'area') {
    const x = XINZENG[unit.code][q];
    figures.xinzeng = { quarter: x };
    figures.zaijiuye = { quarter: Math.round(x * 0.6) };
    figures.kunnan = { quarter: Math.round(x * 0.17) };
    figures.shiyelv = { numerator: UNEMPLOYED[unit.code][q], denominator: EMPLOYED[unit.code] };
    const left = unit.code === 'xubi' && quarter >= 3 ? 1 : 0;
    // The fourth quarter opens with the third's closing count (徐碧's one household).
    const opening = quarter === 4 ? left : 0;
    figures.lingjiuye = { opening, added: left - opening + (quarter === 2 ? 1 : 0), cleared: quarter === 2 ? 1 : 0, closing: left };
    figures.zhuanyi = { quarter: 40 + 5 * quarter };
  }
  if (unit.code === 'renshe') {
    figures.gaoxiao = { numerator: 1100 + 150 * quarter, denominator: Math.round((1100 + 150 * quarter) / 0.93) };
    figures.lixiao = { numerator: 140 + 10 * quarter, denominator: 200 };
    figures.peixun = { quarter: 1200 + 100 * quarter };
  }
  if (unit.code === 'tuiyi') figures.tuiyijiuye = { quarter: 10 + quarter };
  if (unit.code === 'caizheng') figures.buzhu = { quarter: 85.5 + quarter * 10 };
  const progress: Filling['progress'] = {};
  for (const { task, role } of tasksOf(plan, unit.code)) {
    // At year end the year's work is done, but for 五(三): 徐碧街道's 零就业家庭 is not cleared.
    const done = (task.id === '二(一)-1' && quarter >= 2) || (quarter === 4 && task.id !== '五(三)');
    progress[task.id] = {
      status: done ? TASK_STATUS.done : quarter === 1 && role === 'co' && task.section === '六' ? TASK_STATUS.notStarted : TASK_STATUS.underway,
      // 区商务局 ticks its statuses in Q4 but writes no progress.
      note:
        unit.code === 'shangwu' && quarter === 4
          ? ''
          : `【示例数据】${role === 'lead' ? '牵头' : '配合'}推进,${quarterName(quarter)}工作按计划开展${role === 'lead' ? `,召开调度会 ${quarter} 次` : ''}。`,
    };
  }
  const layoffs =
    unit.code === 'liexi' && quarter === 3 ? [{ firm: '三明某纺织有限公司(示例)', staff: 320, laidOff: 45, noticeOn: '2021-08-20', layoffOn: '2021-09-06' }] : [];
  return { figures, filledBy: '示例数据', phone: '0598-0000000', filledOn: RECEIVED[quarter], progress, layoffs };
}
