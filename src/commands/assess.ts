// jiuye assess: the year-end assessment of every member unit (document 六(二)), by the plan's method.
import { relative } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { assessmentYear, type AssessmentReport } from '../domain/assessment.js';
import { assessmentFileTitle } from '../domain/assessment-tables.js';
import { localDate } from '../domain/dates.js';
import type { Plan } from '../domain/plan/model.js';
import { planYears, readPlan } from '../store/plan.js';
import { renderAssessment, renderUnitAssessment } from '../render/assess.js';
import { paintErr, writeJson } from '../render/text.js';
import { type CommandContext, dbOption, describe, jsonOption, pagerOption } from './common.js';
import { outputPath } from '../app/output.js';
import { openWorkspace } from '../app/workspace.js';
import { ASSESSMENT_FORMATS, buildAssessment, writeAssessment, type AssessmentFormat } from '../app/assessment.js';
import { launcher } from '../format/command.js';
import { dateOption, parseYear, unitOption, type OtherYears } from '../app/options.js';
import { otherYears } from '../app/quarter.js';

interface AssessFlags {
  db?: string;
  year?: string;
  unit?: string;
  asOf?: string;
  json?: boolean;
  out?: string;
  format?: string;
  force?: boolean;
  allowEmpty?: boolean;
}

/** Adds `jiuye assess` to the program. */
export function registerAssess(program: Command, ctx: CommandContext): void {
  describe(
    program.command('assess'),
    '年度考核(文件六(二)):按方案中的考核办法给每个成员单位打分、排名、定等级,逐项说明依据;第四季度报表未收齐时为预评',
    `  ${launcher()} assess                          # 截至今天最近一个已结束的年度\n` +
      `  ${launcher()} assess --year 2021 --as-of 2022-01-20\n` +
      `  ${launcher()} assess --unit 列东街道           # 一个单位的各项得分、规则和所用数字\n` +
      `  ${launcher()} assess --out 考核结果.xlsx       # 考核结果表:考核结果、评分明细、考核办法\n` +
      `  ${launcher()} assess --format csv             # 每张表一个 CSV 文件`,
  )
    .option('--year <年份>', '考核年度(默认为截至 --as-of 最近一个已结束的方案年度)')
    .option('--unit <单位>', '只看一个单位的评分明细(单位名称、简称或代码)')
    .option('--as-of <日期>', '统计截至哪一天,如 2022-01-20(默认今天);此后收到的报表不计')
    .addOption(jsonOption())
    .option('--out <文件>', '写出考核结果表(默认文件名:梅列区2021年度就业工作考核结果表.xlsx;csv 为同名文件夹)')
    .option('--format <格式>', '写出文件的格式:xlsx(默认)、csv、json 或 md')
    .option('--force', '输出文件已存在时覆盖')
    .option('--allow-empty', '年度内还没有收到任何报表时也考核并输出(标明“空表”);默认不考核')
    .addOption(pagerOption())
    .addOption(dbOption())
    .action(async (flags: AssessFlags) => ctx.exit(await runAssess(ctx.io, flags)));
}

/** The year's assessment on the terminal, as JSON, or written to a file; returns the exit code. */
export async function runAssess(io: Io, flags: AssessFlags): Promise<number> {
  const writing = flags.out !== undefined || flags.format !== undefined;
  const format = (flags.format ?? 'xlsx') as AssessmentFormat;
  if (!ASSESSMENT_FORMATS.includes(format)) throw new UsageError(`--format 的取值“${flags.format}”无效,可用:${ASSESSMENT_FORMATS.join('、')}`);
  if (writing && flags.unit !== undefined) throw new UsageError('--unit 只用于在终端上或以 --json 查看一个单位;考核结果表总是包含全部单位,请去掉 --unit');
  if (writing && flags.json) throw new UsageError('--json 输出到屏幕,--out/--format 写出文件,请只用其一(JSON 文件用 --format json)');
  const asOf = flags.asOf !== undefined ? dateOption(flags.asOf, '--as-of') : localDate(io.now());
  const wanted = parseYear(flags.year);

  const ws = openWorkspace(io, { db: flags.db, access: 'read', document: writing });
  const db = ws.db;
  let plan: Plan;
  let report: AssessmentReport;
  let years: OtherYears | undefined;
  try {
    let year = wanted;
    if (year === undefined) {
      const choice = assessmentYear(planYears(db), asOf);
      if (!choice) throw new InputError(`数据库中还没有方案。请运行 ${launcher()} init 载入方案`);
      year = choice.year;
      io.stderr.write(paintErr(io).dim(`年度:${year}(未指定 --year,取${choice.why})\n`));
    }
    plan = readPlan(db, year);
    // A bad --unit is a usage error, said before the work.
    years = otherYears(io, db);
    if (flags.unit !== undefined) unitOption(plan, flags.unit, '--unit', years);
    report = buildAssessment(db, plan, asOf, { allowEmpty: Boolean(flags.allowEmpty) });
  } finally {
    db.close();
  }

  const e = paintErr(io);
  for (const w of report.warnings) io.stderr.write(e.yellow(`注意:${w}\n`));
  for (const stamp of report.stamps) io.stderr.write(e.yellow(`注意:本次考核标明“${stamp}”\n`));
  if (writing) {
    const name = format === 'csv' ? assessmentFileTitle(report) : `${assessmentFileTitle(report)}.${format}`;
    const out = outputPath(io, { given: flags.out, name, flag: '--out', force: Boolean(flags.force), folder: format === 'csv' });
    const written = await writeAssessment(report, plan, out, format, { force: Boolean(flags.force), now: io.now() });
    if (report.provisional) io.stderr.write(e.yellow(`注意:第四季度报表未收齐(未到 ${report.pendingReturns.length} 份),本表为预评(暂定)\n`));
    io.stderr.write(`已写出 ${relative(io.cwd, written) || written}\n`);
    return 0;
  }
  if (flags.unit !== undefined) {
    const unit = unitOption(plan, flags.unit, '--unit', years);
    const group = report.groups.find((g) => g.units.some((u) => u.unit === unit.code));
    const own = group?.units.find((u) => u.unit === unit.code);
    if (!group || !own) throw new InputError(`${unit.name}不在考核办法的任何一组中,没有考核结果`);
    if (flags.json) {
      const { groups: _groups, ...head } = report;
      writeJson(io, { ...head, group: { unitKind: group.unitKind, name: group.name, items: group.items, size: group.units.length }, unit: own });
    } else io.stdout.write(renderUnitAssessment(io, report, group, own));
    return 0;
  }
  if (flags.json) writeJson(io, report);
  else io.stdout.write(renderAssessment(io, report));
  return 0;
}
