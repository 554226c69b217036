// jiuye calendar: a year's holidays and the quarterly deadlines they give; `add` and `set` store next year's notice.
import { relative, sep } from 'node:path';
import { Option, type Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { loadCalendarFile } from '../data.js';
import { missingHolidays, STATUTORY_HOLIDAYS, type CalendarKind, type HolidayCalendar } from '../domain/calendar.js';
import { incompleteCalendarWarning } from '../domain/deadline.js';
import { calendarReport, type CalendarReport, type QuarterDeadline } from '../domain/calendar-report.js';
import { localDate, weekdayName } from '../domain/dates.js';
import { readStoredCalendar, saveCalendar, type SaveResult } from '../store/calendars.js';
import type { Db } from '../store/db.js';
import { planYears, readPlan } from '../store/plan.js';
import { renderTable } from '../render/table.js';
import { paint, paintErr, wrapParagraph, writeJson } from '../render/text.js';
import { outputWidth } from '../render/terminal.js';
import { type CommandContext, dbOption, describe, jsonOption, userPath, variadic } from './common.js';
import { calendarsFor, openWorkspace } from '../app/workspace.js';
import { launcher } from '../format/command.js';
import { ROOT } from '../root.js';
import { calendarFromOptions, parseYear } from '../app/options.js';

interface CalendarFlags {
  db?: string;
  year?: string;
  json?: boolean;
}

interface StoreFlags {
  db?: string;
  replace?: boolean;
  incomplete?: boolean;
}

interface SetFlags extends StoreFlags {
  holiday?: string[];
  workday?: string[];
  source?: string;
}

const INCOMPLETE_HELP = `没有列出全部七个法定节日(${STATUTORY_HOLIDAYS.map((h) => h.name).join('、')})时也存入;用到该年截止日期的命令会提示可能不准`;

/** Adds `calendar` and its `add` and `set` to the program. */
export function registerCalendar(program: Command, ctx: CommandContext): void {
  const calendar = describe(
    program.command('calendar'),
    '查看某年的节假日安排(放假、调休上班)和由此算出的四个季度报表截止日期;add / set 把新一年的安排存入数据库',
    `  ${launcher()} calendar                 # 数据库中最新方案年度\n` +
      `  ${launcher()} calendar --year 2026\n` +
      `  ${launcher()} calendar add 2027.json   # 存入新一年的安排(格式同 data/holidays 中的文件)`,
  )
    .option('--year <年份>', '哪一年(默认为数据库中最新的方案年度)')
    .addOption(jsonOption())
    .addOption(dbOption())
    .action((flags: CalendarFlags) => ctx.exit(runCalendar(ctx.io, flags)));
  // calendar and its subcommands share --db: an option after a subcommand's name is the subcommand's.
  calendar.enablePositionalOptions();

  describe(
    calendar.command('add').argument('<文件>'),
    '把一年的节假日安排文件(JSON,格式同 data/holidays/2026.json)存入数据库;它优先于内置的和 holidays/ 文件夹中的同年安排',
    `  ${launcher()} calendar add 2027.json\n  ${launcher()} calendar add 2027.json --replace   # 数据库中已存有 2027 年的安排时替换`,
  )
    .option('--replace', '数据库中已存有该年的安排时替换它')
    .option('--incomplete', INCOMPLETE_HELP)
    .addOption(dbOption())
    .action((file: string, flags: StoreFlags) => ctx.exit(runCalendarAdd(ctx.io, file, flags)));

  describe(
    calendar.command('set').argument('<年份>'),
    '按国务院办公厅通知逐项录入一年的节假日安排并存入数据库:--holiday 起..止=名称,--workday 日期=名称(日期可只写月-日)',
    '  # 日期只是写法示例,请以国务院办公厅的通知为准\n' +
      `  ${launcher()} calendar set 2027 --source "国务院办公厅关于2027年部分节假日安排的通知(国办发明电〔2026〕N号)" \\\n` +
      '      --holiday 01-01..01-03=元旦 02-06..02-14=春节 04-03..04-05=清明节 05-01..05-05=劳动节 \\\n' +
      '                06-09..06-11=端午节 09-15..09-17=中秋节 10-01..10-07=国庆节 --workday 02-20=春节调休\n' +
      `  ${launcher()} calendar set 2027 --holiday 2027-10-01..2027-10-07=国庆节 … --replace`,
  )
    .addOption(variadic(new Option('--holiday <起..止=名称...>', '放假日期:起..止 或单独一天,=名称 可省略;可写多项')))
    .addOption(variadic(new Option('--workday <日期=名称...>', '调休上班日(须为周六或周日),=名称 可省略;可写多项')))
    .option('--source <文字>', '依据的通知名称和文号')
    .option('--replace', '数据库中已存有该年的安排时替换它')
    .option('--incomplete', INCOMPLETE_HELP)
    .addOption(dbOption())
    .action((year: string, flags: SetFlags) => ctx.exit(runCalendarSet(ctx.io, year, flags)));
}

/** jiuye calendar: one year's holidays, make-up working days and quarterly deadlines. */
export function runCalendar(io: Io, flags: CalendarFlags): number {
  const year = parseYear(flags.year);
  const { db } = openWorkspace(io, { db: flags.db, access: 'read' });
  let report: CalendarReport;
  try {
    report = buildReport(db, year);
    if (year === undefined && planYears(db).length > 1) io.stderr.write(paintErr(io).dim(`年度:${report.year}(未指定 --year,取数据库中最新的方案年度)\n`));
  } finally {
    db.close();
  }
  const e = paintErr(io);
  for (const w of report.warnings) io.stderr.write(e.yellow(`注意:${w}\n`));
  if (flags.json) writeJson(io, report);
  else io.stdout.write(renderCalendar(io, report));
  return 0;
}

/** jiuye calendar add FILE: stores a calendar file's year in the database. */
export function runCalendarAdd(io: Io, file: string, flags: StoreFlags): number {
  const path = userPath(io, file);
  // Read and check the file before the database is touched: a bad file leaves nothing behind.
  const calendar = loadCalendarFile(path);
  return store(io, calendar, path, flags, `${launcher()} calendar add ${file}${flags.replace ? ' --replace' : ''}`);
}

/** jiuye calendar set YEAR: stores a year typed from the notice as --holiday and --workday values. */
export function runCalendarSet(io: Io, yearText: string, flags: SetFlags): number {
  const year = parseYear(yearText);
  if (year === undefined) throw new UsageError(`请写出年份,如 ${launcher()} calendar set 2027 …`);
  const holidays = flags.holiday ?? [];
  const workdays = flags.workday ?? [];
  if (holidays.length === 0) throw new UsageError('请用 --holiday 起..止=名称 写出放假日期(可写多项),调休上班日用 --workday 日期=名称');
  const calendar = calendarFromOptions(year, holidays, workdays, flags.source?.trim() ?? '');
  const line = [
    `${launcher()} calendar set ${year}`,
    ...holidays.map((h) => `--holiday ${h}`),
    ...workdays.map((w) => `--workday ${w}`),
  ].join(' ');
  return store(io, calendar, line, flags, `${line}${flags.source ? ` --source "${flags.source}"` : ''}${flags.replace ? ' --replace' : ''}`);
}

function store(io: Io, calendar: HolidayCalendar, loadedFrom: string, flags: StoreFlags, retry: string): number {
  // A notice always sets all seven holidays: one left out would let a deadline fall inside it.
  const missing = missingHolidays(calendar);
  if (missing.length > 0 && !flags.incomplete) {
    throw new InputError(
      `${calendar.year} 年的节假日安排没有列出${missing.join('、')},未存入(一年的通知应有${STATUTORY_HOLIDAYS.map((h) => h.name).join('、')}七个节日;` +
        `合放的写在一起,如“中秋节、国庆节”)。请按国务院办公厅的通知补全;如确要先存入不全的安排,请加 --incomplete:${retry} --incomplete`,
    );
  }
  const { db } = openWorkspace(io, { db: flags.db, access: 'write' });
  let result: SaveResult;
  let report: CalendarReport;
  try {
    const before = calendarsFor(db).get(calendar.year);
    result = saveCalendar(db, calendar, { loadedFrom, at: io.now(), replace: Boolean(flags.replace) });
    report = buildReport(db, calendar.year);
    io.stderr.write(storedMessage(calendar, result, before?.kind));
    if (missing.length > 0 && result.written) io.stderr.write(paintErr(io).yellow(`注意:${incompleteCalendarWarning(calendar.year, missing)}\n`));
  } finally {
    db.close();
  }
  // A missing next year (for Q4) is noted in the table; the long warning is for commands that use the deadline.
  io.stdout.write(renderCalendar(io, report));
  return 0;
}

function storedMessage(calendar: HolidayCalendar, result: SaveResult, before: CalendarKind | undefined): string {
  const y = calendar.year;
  if (!result.written) return `数据库中已存有同样的 ${y} 年节假日安排,未做改动\n`;
  const counts = `放假 ${calendar.holidays.length} 段,调休上班 ${calendar.workdays.length} 天`;
  const lines = [`已把 ${y} 年节假日安排存入数据库(${counts})`];
  if (!calendar.source) lines.push('没有写明依据的通知,可用 --source "国务院办公厅关于…的通知(文号)" 补上(同时加 --replace)');
  if (result.previous) {
    lines.push(`替换了 ${localDate(new Date(result.previous.storedAt))} 存入的安排(来自 ${result.previous.loadedFrom}):`);
    lines.push(...changes(result.previous, calendar).map((c) => `  ${c}`));
  } else if (before === 'bundled') lines.push(`今后计算截止日期用它,不再用内置的 ${y} 年安排`);
  else if (before === 'file') lines.push(`今后计算截止日期用它,不再用 holidays/ 文件夹中的 ${y} 年文件`);
  return `${lines.join('\n')}\n`;
}

/** What a replacement changed, one line per holiday or make-up day removed or added. */
function changes(old: HolidayCalendar, now: HolidayCalendar): string[] {
  const holiday = (h: HolidayCalendar['holidays'][number]) => `放假 ${h.name} ${h.from}..${h.to}`;
  const workday = (w: HolidayCalendar['workdays'][number]) => `调休上班 ${w.name} ${w.date}`;
  const a = [...old.holidays.map(holiday), ...old.workdays.map(workday)];
  const b = [...now.holidays.map(holiday), ...now.workdays.map(workday)];
  const out = [...a.filter((x) => !b.includes(x)).map((x) => `− ${x}`), ...b.filter((x) => !a.includes(x)).map((x) => `+ ${x}`)];
  if (old.source !== now.source) out.push(`来源:${old.source} → ${now.source}`);
  return out.length > 0 ? out : ['日期未变'];
}

/**
 * The report of a year (default: the latest plan year). The deadline rule is that year's plan's;
 * a year without a plan borrows the nearest earlier one (the plan `plan new` would copy).
 */
function buildReport(db: Db, year: number | undefined): CalendarReport {
  const years = planYears(db);
  const y = year ?? years[years.length - 1];
  const planYear = years.includes(y) ? y : ([...years].reverse().find((x) => x < y) ?? years[0]);
  const plan = readPlan(db, planYear);
  const calendars = calendarsFor(db);
  const stored = calendars.get(y)?.kind === 'stored' ? readStoredCalendar(db, y) : null;
  return calendarReport({
    year: y,
    calendars,
    planYear: plan.year,
    deadline: plan.deadline,
    stored: stored ? { loadedFrom: stored.loadedFrom, storedAt: stored.storedAt } : undefined,
  });
}

const KIND_NAMES: Record<CalendarKind, string> = { bundled: '内置', file: 'holidays 文件夹', stored: '数据库' };

/** The calendar of a year for a terminal. */
export function renderCalendar(io: Io, r: CalendarReport): string {
  const c = paint(io);
  const width = outputWidth(io);
  const out: string[] = [];
  const para = (text: string, style: (s: string) => string = (s) => s) => out.push(...wrapParagraph(text, width, '', '  ').map((l) => style(l)));
  const cal = r.calendar;
  if (cal) {
    out.push(c.bold(`${r.year} 年节假日安排`));
    para(`来源:${cal.source || '(未写明)'}`);
    para(`取自:${originText(cal)}`);
    out.push('');
    out.push('放假');
    out.push(
      renderTable(
        [{ header: '节日' }, { header: '起' }, { header: '止' }, { header: '天数', align: 'right' }],
        cal.holidays.map((h) => [h.name, day(h.from), day(h.to), String(h.days)]),
        c,
        { width },
      ).trimEnd(),
    );
    out.push('调休上班(周末上班,算工作日)');
    out.push(
      cal.workdays.length > 0
        ? renderTable([{ header: '日期' }, { header: '说明' }], cal.workdays.map((w) => [day(w.date), w.name]), c, { width }).trimEnd()
        : '  无',
    );
  } else {
    out.push(c.bold(`${r.year} 年节假日安排:没有`));
    para(
      `数据库、内置文件和 holidays/ 文件夹中都没有 ${r.year} 年的安排,下面的截止日期只按周末顺延。` +
        `国务院办公厅公布后,用 ${launcher()} calendar add 文件 或 ${launcher()} calendar set ${r.year} --holiday … --workday … 存入`,
      c.yellow,
    );
  }
  out.push('');
  const rule = r.deadlineRule;
  para(
    `季度报表截止日期:${rule.rule},调休上班日算工作日` +
      `(${rule.planYear} 年方案${rule.planYear !== r.year ? `的规则;数据库中没有 ${r.year} 年方案` : ''})`,
  );
  out.push(
    renderTable(
      [{ header: '季度' }, { header: '季末' }, { header: `季后${rule.daysAfterQuarterEnd}日` }, { header: '截止日期' }, { header: '说明', wrap: 'text', min: 10 }],
      r.deadlines.map((d) => [d.period, d.quarterEnd, day(d.nominal), c.bold(`${d.date} ${d.weekday}`), deadlineNote(r.year, d)]),
      c,
      { width },
    ).trimEnd(),
  );
  para(`已有节假日安排的年份:${yearsText(r.calendars)}`, c.dim);
  return `${out.join('\n')}\n`;
}

function day(date: string): string {
  return `${date} ${weekdayName(date)}`;
}

function originText(cal: NonNullable<CalendarReport['calendar']>): string {
  if (cal.kind === 'stored') {
    return `${cal.origin}(${cal.storedAt ? localDate(new Date(cal.storedAt)) : ''} 存入,来自 ${cal.loadedFrom ?? ''};优先于内置文件和 holidays/ 文件夹)`;
  }
  if (cal.kind === 'file') return `用户文件 ${cal.origin}(优先于内置文件)`;
  // Where jiuye is installed says nothing to the clerk (and differs from PC to PC): the file within it.
  return `内置文件 ${relative(ROOT, cal.origin).split(sep).join('/')}`;
}

function deadlineNote(year: number, d: QuarterDeadline): string {
  const notes: string[] = [];
  if (d.rolled) {
    const reasons = [...new Set(d.skipped.map((s) => s.reason))].join('、');
    const span = d.skipped.length > 1 ? `${d.skipped[0].date.slice(5)} 至 ${d.skipped[d.skipped.length - 1].date.slice(5)}` : d.skipped[0].date.slice(5);
    notes.push(`${span} 逢${reasons},顺延`);
  }
  if (d.makeUpDay) notes.push(`${d.date.slice(5)} 是调休上班日(${d.makeUpDay})`);
  for (const y of d.missingCalendars) notes.push(`缺少 ${y} 年安排,只按周末顺延`);
  for (const y of d.incompleteCalendars) notes.push(`${y} 年安排节日不全,可能不准`);
  if (d.calendarYear !== year && !d.missingCalendars.includes(d.calendarYear)) notes.push(`按 ${d.calendarYear} 年的安排`);
  return notes.join(';');
}

/** 2021–2026 年(内置)、2027 年(数据库): consecutive years of one kind run together. */
function yearsText(calendars: CalendarReport['calendars']): string {
  if (calendars.length === 0) return '无';
  const runs: { first: number; last: number; kind: CalendarKind }[] = [];
  for (const x of calendars) {
    const run = runs[runs.length - 1];
    if (run && run.kind === x.kind && run.last === x.year - 1) run.last = x.year;
    else runs.push({ first: x.year, last: x.year, kind: x.kind });
  }
  return runs.map((r) => `${r.first === r.last ? r.first : `${r.first}–${r.last}`} 年(${KIND_NAMES[r.kind]})`).join('、');
}
