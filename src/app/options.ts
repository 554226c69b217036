// What the clerk types on a command line or at a prompt, read once for every command: quarters,
// years, dates, unit names and name=value items. Full-width digits, = and : and ideographic spaces are
// read as their ASCII forms wherever a number or a name is typed; a bad value is a usage error that
// names the flag, what was found and what was expected.
import { InputError, UsageError } from '../errors.js';
import { validateCalendar, type HolidayCalendar, type PlaceNamer } from '../domain/calendar.js';
import { parseDate } from '../domain/dates.js';
import type { Allocation } from '../domain/allocation.js';
import { allocatableIndicators } from '../domain/allocation.js';
import { candidateNames, matchIndicator, matchUnitInYear, nearestUnit } from '../domain/match.js';
import { parsePeriod, type Period } from '../domain/period.js';
import { settableTargets } from '../domain/plan/next-year.js';
import type { Indicator, Plan, Unit } from '../domain/plan/model.js';
import type { ReferenceValue } from '../domain/progress.js';
import { launcher } from '../format/command.js';
import { parseNumberText, toHalfWidth } from '../format/typed.js';

/** --quarter 2021Q3 (also 2021-Q3, 2021q3, 2021年第三季度, in full-width digits too). */
export function periodOption(text: string, flag = '--quarter'): Period {
  const p = parsePeriod(text);
  if (!p) throw new UsageError(`${flag} 的取值“${text}”不是季度,应写作 2021Q3(也可写 2021-Q3、2021年第三季度)`);
  return p;
}

/** --year (or another option naming a year) as a number, or undefined when not given. */
export function parseYear(text: string | undefined, flag = '--year'): number | undefined {
  if (text === undefined) return undefined;
  const s = toHalfWidth(text).trim().replace(/年$/, '');
  if (!/^\d{4}$/.test(s)) throw new UsageError(`${flag} 的取值“${text}”不是四位年份,应写作 2021`);
  return Number(s);
}

/** --as-of, --received: a day written 2021-10-15, 2021/10/15, 2021年10月15日 or 20211015. */
export function dateOption(text: string, flag: string): string {
  const d = parseDate(text);
  if (!d) throw new UsageError(`${flag} 的取值“${text}”不是有效日期,应写作 2021-10-15(也可写 2021年10月15日)`);
  return d;
}

/** --limit, --revision: a whole number from 1 (５０ too). */
export function countOption(text: string, flag: string): number {
  const n = typedNumber(text);
  if (n === null || !Number.isInteger(n) || n < 1) throw new UsageError(`${flag} 的取值“${text}”应为正整数(1、2、3 …)`);
  return n;
}

/** The other years' plans, to find a unit by the name it has in another year, and where a note about that goes. */
export interface OtherYears {
  plans(): readonly Plan[];
  say(note: string): void;
}

/**
 * A unit named on the command line: code, name, alias or a unique beginning of one, in this year's plan or
 * by its name in another year's (said through years.say); a near miss is suggested.
 */
export function unitOption(plan: Plan, text: string, flag = '--unit', years?: OtherYears): Unit {
  const m = matchUnitInYear(plan, () => years?.plans() ?? [], text, { prefix: true });
  if (m.kind === 'found') {
    if (m.note) years?.say(m.note);
    return m.item;
  }
  if (m.kind === 'ambiguous') {
    throw new UsageError(`${flag} 的取值“${text}”可指多个单位:${candidateNames(m.candidates)}。请写全称或单位代码`);
  }
  if (m.kind === 'absent') throw new UsageError(`${flag} 的取值“${text}”:${m.message}。运行 ${launcher()} units --year ${plan.year} 查看该年度的全部单位`);
  throw new UsageError(`${flag} 的取值“${text}”${notAUnit(plan, text)}`);
}

/** 不是 2021 年方案中的单位, with 是否想用 列西街道? when one unit's name is nearest. */
function notAUnit(plan: Plan, text: string): string {
  const near = nearestUnit(plan, text);
  return `不是 ${plan.year} 年方案中的单位。${near ? `是否想用 ${near.name}?` : `运行 ${launcher()} units 查看全部单位及其代码`}`;
}

/**
 * One typed item split at its separators, in order (':=' for 单位:指标=数值), each half- or full-width,
 * each part trimmed of ASCII, full-width and ideographic spaces; null when a separator is missing.
 */
export function splitItem(text: string, separators: string): string[] | null {
  const parts: string[] = [];
  let rest = text.replace(/[＝：]/g, (c) => (c === '＝' ? '=' : ':'));
  for (const sep of separators) {
    const at = rest.indexOf(sep);
    if (at < 0) return null;
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at + 1);
  }
  return [...parts, rest.trim()];
}

/** A number typed at a prompt or in an item (１,５００, 1500人, with percent also 3.5%); null when it is none. */
export function typedNumber(text: string, opts: { percent?: boolean } = {}): number | null {
  const s = toHalfWidth(text).trim();
  return parseNumberText(opts.percent ? s.replace(/\s*%$/, '') : s);
}

type Typed = { ok: true; value: number } | { ok: false; expected: string };

/** A district target typed for an indicator (plan new): a whole number of people, or a percent 0–100 for a rate. */
export function targetValue(indicator: Indicator, text: string): Typed {
  const rate = indicator.kind === 'rate';
  const n = typedNumber(text, { percent: rate });
  if (rate) return n !== null && n >= 0 && n <= 100 ? { ok: true, value: n } : { ok: false, expected: ' 0–100 的百分数' };
  if (n === null || n < 0) return { ok: false, expected: '非负数' };
  return Number.isInteger(n) || indicator.kind !== 'count' ? { ok: true, value: n } : { ok: false, expected: '整数' };
}

/** An area's share of a count target (targets allocate): a whole number, 0 or more. */
export function allocationValue(text: string): Typed {
  const n = typedNumber(text);
  return n !== null && n >= 0 && Number.isInteger(n) ? { ok: true, value: n } : { ok: false, expected: '非负整数' };
}

/** A reference value (targets reference): a percent 0–100, % optional. */
function referenceValue(text: string): Typed {
  const n = typedNumber(text, { percent: true });
  return n !== null && n >= 0 && n <= 100 ? { ok: true, value: n } : { ok: false, expected: ' 0–100 的百分数,如 92.5' };
}

/** Every problem of a list of items at once, and nothing taken: one usage error. */
function refuseItems(head: string, problems: string[]): void {
  if (problems.length > 0) throw new UsageError(`${head}有 ${problems.length} 处问题,未做任何改动:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

/** plan new --set 城镇新增就业=1600 → a new district target by indicator code. */
export function targetItems(plan: Plan, items: readonly string[]): Map<string, number> {
  const settable = settableTargets(plan);
  const problems: string[] = [];
  const out = new Map<string, number>();
  for (const item of items) {
    const parts = splitItem(item, '=');
    if (!parts || parts.includes('')) {
      problems.push(`“${item}”应写作 指标=目标,如 城镇新增就业=1600`);
      continue;
    }
    const [name, text] = parts;
    const found = matchIndicator(plan, name, { partial: true });
    if (found.kind === 'ambiguous') problems.push(`“${item}”:“${name}”可指 ${candidateNames(found.candidates)},请写全称`);
    else if (found.kind === 'none') problems.push(`“${item}”:“${name}”不是方案中的指标`);
    else if (!settable.includes(found.item)) problems.push(`“${item}”:${found.item.name} 没有可设定的数值目标(可设定:${settable.map((i) => i.name).join('、')})`);
    else {
      const v = targetValue(found.item, text);
      if (v.ok) out.set(found.item.code, v.value);
      else problems.push(`“${item}”:目标“${text}”应为${v.expected}`);
    }
  }
  refuseItems('--set ', problems);
  return out;
}

/** targets allocate --set 列东街道:城镇新增就业=400 → an allocation. */
export function allocationItems(plan: Plan, items: readonly string[], others: readonly Plan[] | (() => readonly Plan[]) = []): Allocation[] {
  const problems: string[] = [];
  const out: Allocation[] = [];
  const allocatable = allocatableIndicators(plan);
  for (const item of items) {
    const parts = splitItem(item, ':=');
    if (!parts || parts.includes('')) {
      problems.push(`“${item}”应写作 单位:指标=数值,如 列东街道:城镇新增就业=400`);
      continue;
    }
    const [unitText, indicatorText, text] = parts;
    const unit = matchUnitInYear(plan, others, unitText, { prefix: true });
    const indicator = matchIndicator(plan, indicatorText, { partial: true });
    const value = allocationValue(text);
    if (unit.kind === 'ambiguous') problems.push(`“${item}”:单位“${unitText}”可指 ${candidateNames(unit.candidates)},请写全称`);
    else if (unit.kind === 'none') problems.push(`“${item}”:“${unitText}”${notAUnit(plan, unitText)}`);
    else if (unit.kind === 'absent') problems.push(`“${item}”:${unit.message}`);
    else if (unit.item.kind !== 'area') problems.push(`“${item}”:${unit.item.name} 是部门,目标只分解到镇街`);
    if (indicator.kind === 'ambiguous') problems.push(`“${item}”:指标“${indicatorText}”可指 ${candidateNames(indicator.candidates)},请写全称`);
    else if (indicator.kind === 'none') problems.push(`“${item}”:“${indicatorText}”不是方案中的指标`);
    else if (!allocatable.includes(indicator.item)) {
      problems.push(`“${item}”:${indicator.item.name} 不能分解(可分解:${allocatable.map((i) => i.name).join('、')})`);
    }
    if (!value.ok) problems.push(`“${item}”:数值“${text}”应为${value.expected}`);
    if (unit.kind === 'found' && indicator.kind === 'found' && value.ok) out.push({ unit: unit.item.code, indicator: indicator.item.code, value: value.value });
  }
  refuseItems('--set ', problems);
  return out;
}

/** targets reference 高校毕业生就业率=92.5 (or 92.5%) → a reference value for the quarter (0: the whole year). */
export function referenceItems(plan: Plan, items: readonly string[], quarter: ReferenceValue['quarter']): ReferenceValue[] {
  const relative = plan.indicators.filter((i) => i.kind === 'relative');
  const problems: string[] = [];
  const out: ReferenceValue[] = [];
  for (const item of items) {
    const parts = splitItem(item, '=');
    if (!parts || parts.includes('')) {
      problems.push(`“${item}”应写作 指标=数值,如 高校毕业生就业率=92.5`);
      continue;
    }
    const [name, text] = parts;
    const found = matchIndicator(plan, name, { partial: true });
    const value = referenceValue(text);
    if (found.kind === 'ambiguous') problems.push(`“${item}”:指标“${name}”可指 ${candidateNames(found.candidates)},请写全称`);
    else if (found.kind === 'none') problems.push(`“${item}”:“${name}”不是方案中的指标`);
    else if (found.item.kind !== 'relative') {
      problems.push(`“${item}”:${found.item.name} 不是比较型指标,不需要参考值(比较型:${relative.map((i) => i.name).join('、')})`);
    }
    if (!value.ok) problems.push(`“${item}”:数值“${text}”应为${value.expected}`);
    if (found.kind === 'found' && found.item.kind === 'relative' && value.ok) out.push({ indicator: found.item.code, quarter, value: value.value });
  }
  refuseItems('', problems);
  return out;
}

/**
 * A year's calendar from `calendar set`'s options, checked like a file: --holiday 起..止[=名称] and
 * --workday 日期[=名称], each date in full (2027-02-06) or as 月-日 of the year (02-06, 2月6日).
 * A problem names the option and the value typed, since the clerk has no file to look in.
 */
export function calendarFromOptions(year: number, holidayTexts: readonly string[], workdayTexts: readonly string[], source: string): HolidayCalendar {
  const named = (text: string, fallback: string) => {
    const parts = splitItem(text, '=');
    return parts ? { value: parts[0], name: parts[1] } : { value: text.trim(), name: fallback };
  };
  const holidays = holidayTexts.map((text) => {
    const { value, name } = named(text, '法定节假日');
    const parts = value.split(/\.\.|~|～|至/);
    // Anything but one or two dates is passed on as typed, for the check to name it.
    const [from, to] = parts.length === 1 ? [parts[0], parts[0]] : parts.length === 2 ? parts : [value, value];
    return { name, from: dayOf(year, from), to: dayOf(year, to) };
  });
  const workdays = workdayTexts.map((text) => {
    const { value, name } = named(text, '调休上班');
    return { name, date: dayOf(year, value) };
  });
  const place: PlaceNamer = (list, i, field) => {
    const [flag, texts] = list === 'holidays' ? ['--holiday', holidayTexts] : ['--workday', workdayTexts];
    const part = field === 'from' ? '的起始日' : field === 'to' ? '的结束日' : field === 'name' ? '的名称' : '';
    return `第 ${i + 1} 个 ${flag}“${texts[i]}”${part}`;
  };
  const origin = `${launcher()} calendar set ${year}`;
  try {
    return validateCalendar({ year, source, holidays, workdays }, origin, { kind: 'stored', place, subject: `${origin} 的参数` });
  } catch (e) {
    // The values were typed on this command line: a usage error, shown with the usage line.
    if (e instanceof InputError) throw new UsageError(`${e.message}\n未存入任何内容`);
    throw e;
  }
}

/** A typed date as YYYY-MM-DD: in full, or month and day of the year; otherwise as typed, for the check to name. */
function dayOf(year: number, text: string): string {
  const full = parseDate(text);
  if (full) return full;
  const m = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(toHalfWidth(text).replace(/\s+/g, ''));
  return m ? `${year}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}` : text.trim();
}
