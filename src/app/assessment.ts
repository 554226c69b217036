// The year-end assessment from the database, and writing it in a format: shared by assess and demo,
// so that neither command imports the other.
import { assessmentReport, type AssessmentReport } from '../domain/assessment.js';
import { assessmentTables } from '../domain/assessment-tables.js';
import type { Plan } from '../domain/plan.js';
import type { Db } from '../store/db.js';
import { reportCsvFiles, reportMarkdown } from '../render/report.js';
import { refuseExisting, writeOutput } from './output.js';
import { readProgressInput } from './quarter.js';
import { calendarsFor } from './workspace.js';

export type AssessmentFormat = 'xlsx' | 'csv' | 'json' | 'md';
/** The formats --format takes. */
export const ASSESSMENT_FORMATS: AssessmentFormat[] = ['xlsx', 'csv', 'json', 'md'];

/** A year's assessment as of a day, from the same inputs check and overdue read. */
export function buildAssessment(db: Db, plan: Plan, asOf: string): AssessmentReport {
  const input = readProgressInput(db, plan, { year: plan.year, quarter: 4 });
  return assessmentReport({ input, calendars: calendarsFor(db), asOf });
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
  opts: { force: boolean; now: Date; note?: string },
): Promise<string> {
  refuseExisting(out, opts.force);
  if (format === 'json') return writeOutput(out, `${JSON.stringify(report, null, 2)}\n`);
  const tables = assessmentTables(report, plan, { note: opts.note });
  if (format === 'xlsx') {
    const { writeReportWorkbook } = await import('../excel/report.js');
    return writeReportWorkbook(tables, out, { force: opts.force, now: opts.now });
  }
  return writeOutput(out, format === 'md' ? reportMarkdown(tables) : reportCsvFiles(tables));
}
