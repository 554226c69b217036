// The year-end assessment from the database, and writing it in a format: shared by assess and demo,
// so that neither command imports the other.
import { assessmentReport, type AssessmentReport } from '../domain/assessment.js';
import { assessmentTables } from '../domain/assessment-tables.js';
import type { Plan } from '../domain/plan/model.js';
import type { Db } from '../store/db.js';
import type { StoredReturn } from '../store/returns.js';
import { reportCsvFiles, reportMarkdown } from '../render/report.js';
import { refuseExisting, writeOutput } from './output.js';
import { readProgressInput } from './quarter.js';
import { calendarsFor } from './workspace.js';
import { InputError } from '../errors.js';
import { holdsDemoData } from '../store/demo.js';
import { launcher } from '../format/command.js';
import { DEMO_STAMP, emptyStamp } from '../format/words.js';

export type AssessmentFormat = 'xlsx' | 'csv' | 'json' | 'md';
/** The formats --format takes. */
export const ASSESSMENT_FORMATS: AssessmentFormat[] = ['xlsx', 'csv', 'json', 'md'];

/**
 * A year's assessment as of a day, from the same inputs check and overdue read. A year without a single
 * return is refused (every unit would score 0, all tied first), unless allowEmpty: then it is marked
 * 空表. A database of demo figures marks it 示例数据.
 */
export function buildAssessment(db: Db, plan: Plan, asOf: string, opts: { allowEmpty?: boolean } = {}): AssessmentReport {
  const input = readProgressInput(db, plan, { year: plan.year, quarter: 4 });
  const report = assessmentReport({ input, calendars: calendarsFor(db), asOf });
  if (holdsDemoData(db)) report.stamps.push(DEMO_STAMP);
  const received: readonly StoredReturn[] = input.returns;
  if (!received.some((r) => r.receivedOn <= asOf)) {
    if (!opts.allowEmpty) {
      throw new InputError(
        `${plan.year}年度截至 ${asOf} 还没有收到任何季度报表,各单位都会是 0 分,未考核。` +
          `请先导入收到的报表(${launcher()} import 文件夹),或用 --year 选有报表的年度;确需输出空表时加 --allow-empty`,
      );
    }
    report.stamps.push(emptyStamp(`${plan.year}年度`));
  }
  return report;
}

/**
 * Writes the assessment: the workbook (考核结果, 评分明细, 考核办法), one CSV per sheet in a folder, the
 * same tables in Markdown, or the model itself as JSON (what assess --json prints).
 */
export async function writeAssessment(
  report: AssessmentReport,
  plan: Plan,
  out: string,
  format: AssessmentFormat,
  opts: { force: boolean; now: Date },
): Promise<string> {
  refuseExisting(out, opts.force);
  if (format === 'json') return writeOutput(out, `${JSON.stringify(report, null, 2)}\n`);
  const tables = assessmentTables(report, plan);
  if (format === 'xlsx') {
    const { writeReportWorkbook } = await import('../excel/report.js');
    return writeReportWorkbook(tables, out, { force: opts.force, now: opts.now });
  }
  return writeOutput(out, format === 'md' ? reportMarkdown(tables) : reportCsvFiles(tables));
}
