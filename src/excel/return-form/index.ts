// Reading a filled-in return: identity from the hidden sheet or the labelled header, then the rows
// of each section found by their headers, so a moved row or a retyped form still reads correctly.
// A file a job: sheet.ts chooses the sheet, header.ts says whose return it is and for which quarter,
// sections.ts finds the tables that indicators.ts, tasks.ts and layoffs.ts read.
import { parsePeriod } from '../../domain/period.js';
import type { ReturnRecord } from '../../domain/return.js';
import { validateReturn } from '../../domain/rules.js';
import { returnLayout } from '../layout.js';
import type { RawSheet } from '../read.js';
import { identify, readMeta, readSigner } from './header.js';
import { readIndicators } from './indicators.js';
import { readLayoffs } from './layoffs.js';
import type { FormContext, FormRead, Problem } from './result.js';
import { filledIn, findSections } from './sections.js';
import { chooseFormSheet } from './sheet.js';
import { readTasks } from './tasks.js';

/** Reads one return from the plain cells of its workbook. */
export function readReturnForm(sheets: RawSheet[], ctx: FormContext): FormRead {
  const L = returnLayout();
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const result = (extra: Partial<FormRead>): FormRead => ({ problems, warnings, fromMeta: meta !== undefined, ...extra });

  const meta = readMeta(sheets.find((s) => s.name === L.metaSheet));
  const metaPeriod = meta?.get('period') ? parsePeriod(meta.get('period')!) : null;
  const chosen = chooseFormSheet(sheets, L, metaPeriod ?? ctx.period ?? null, problems, warnings);
  if (chosen === 'none') return result({ notAReturn: meta === undefined });
  if (chosen === 'ambiguous') return result({});
  const { sheet: form, header } = chosen;

  const who = identify(form, header, meta, metaPeriod, ctx, L, problems, warnings);
  if (who.kind === 'stop') return result(who.read);
  const { period, plan, unit } = who;

  const sections = findSections(form, L);
  const itemCells = new Map<string, string>();
  const figures = readIndicators(plan, unit, sections.indicators, form.name, L, problems, warnings, itemCells);
  const progress = readTasks(plan, unit, sections.tasks, form.name, L, problems, warnings);
  const layoffs = readLayoffs(unit, sections.layoffs, form.name, L, problems, warnings, itemCells);
  const { filledBy, phone, filledOn } = readSigner(header, form.name, L, problems);

  const record: ReturnRecord = {
    unit: unit.code,
    period,
    filledBy,
    phone,
    filledOn,
    templateVersion: meta?.get('templateVersion') ?? null,
    figures,
    progress,
    layoffs,
  };
  for (const issue of validateReturn(plan, record)) {
    const cells = (issue.items ?? []).map((i) => itemCells.get(i)).filter((c): c is string => c !== undefined);
    problems.push({ sheet: form.name, cell: cells.length > 0 ? cells.join('、') : undefined, message: issue.message, fix: issue.fix ?? '' });
  }
  const blank = !filledBy && !phone && !header.filledOn?.value && !filledIn(sections.indicators, ['value']) && !filledIn(sections.tasks, ['status', 'note']) && !filledIn(sections.layoffs, ['firm', 'staff', 'laidOff']);
  return result({ unit: unit.code, period, record: problems.length === 0 ? record : undefined, blank: problems.length > 0 && blank });
}
