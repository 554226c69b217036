// Finding a unit, indicator or task from what a person typed or a return says.
import { toHalfWidth } from '../format/typed.js';
import type { Indicator, Plan, Task, Unit } from './plan/model.js';

export type Match<T> =
  | { kind: 'found'; item: T }
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'none' };

/** Spaces, full-width forms and the district prefix do not distinguish names. */
export function normalizeName(text: string, district = ''): string {
  let s = toHalfWidth(text).replace(/\s+/g, '').trim();
  for (const prefix of ['三明市', district]) {
    if (prefix && s.startsWith(prefix) && s.length > prefix.length + 1) s = s.slice(prefix.length);
  }
  return s;
}

/**
 * A unit by code, name, full name or alias. With prefix, a unique beginning of a name also
 * matches (for what the clerk types); a return's header must match exactly.
 */
export function matchUnit(plan: Plan, text: string, opts: { prefix?: boolean } = {}): Match<Unit> {
  return matchNamed(plan.units, text, plan.district, (u) => [u.code, u.name, u.fullName, ...u.aliases], opts.prefix ? 'prefix' : 'exact');
}

/** A unit looked up in one year's plan through every year's names. */
export type UnitInYear =
  | { kind: 'found'; item: Unit; note?: string }
  | { kind: 'ambiguous'; candidates: Unit[] }
  /** The name is another year's unit that this year's plan does not have: message says which and why. */
  | { kind: 'absent'; unit: Unit; year: number; message: string }
  | { kind: 'none' };

/**
 * A unit of one year's plan by any name it has in any year (units are the same unit across years by
 * code): 陈大镇 typed for 2022 finds 陈大街道 with the note “陈大镇 是 2022 年方案中的 陈大街道”; a unit the
 * year's plan does not have is named as such (洋溪镇 不在 2022 年方案中(2022 年方案已去掉该单位)). The
 * year's own names win; other years are tried nearest first.
 */
export function matchUnitInYear(plan: Plan, others: readonly Plan[] | (() => readonly Plan[]), text: string, opts: { prefix?: boolean } = {}): UnitInYear {
  const own = matchUnit(plan, text, opts);
  const wanted = normalizeName(text, plan.district);
  // Other years are read only when this year's own name does not answer.
  const nearest = () =>
    [...(typeof others === 'function' ? others() : others)].filter((p) => p.year !== plan.year).sort((a, b) => Math.abs(a.year - plan.year) - Math.abs(b.year - plan.year) || b.year - a.year);
  if (own.kind === 'found') {
    if ([own.item.code, own.item.name, own.item.fullName].some((n) => normalizeName(n, plan.district) === wanted)) return own;
    // Found through an alias kept from the old name (陈大镇 among 陈大街道's aliases): still say the year's name.
    const was = nearest().flatMap((p) => p.units.filter((u) => u.code === own.item.code && u.name !== own.item.name && normalizeName(u.name, p.district) === wanted))[0];
    return was ? { ...own, note: `${was.name} 是 ${plan.year} 年方案中的 ${own.item.name}` } : own;
  }
  if (own.kind !== 'none') return own;
  for (const other of nearest()) {
    const m = matchUnit(other, text, opts);
    if (m.kind !== 'found') continue;
    const same = plan.units.find((u) => u.code === m.item.code);
    if (same) return { kind: 'found', item: same, note: `${m.item.name} 是 ${plan.year} 年方案中的 ${same.name}` };
    return { kind: 'absent', unit: m.item, year: other.year, message: absentUnit(m.item.name, plan.year, other.year) };
  }
  return { kind: 'none' };
}

/** 洋溪镇 不在 2022 年方案中(2022 年方案已去掉该单位), or (2022 年方案起才有该单位) for a unit added later. */
export function absentUnit(name: string, year: number, knownIn: number): string {
  return `${name} 不在 ${year} 年方案中(${knownIn < year ? `${year} 年方案已去掉该单位` : `${knownIn} 年方案起才有该单位`})`;
}

/** An indicator by code, name or alias; with partial, any unique part of a name (新增就业). */
export function matchIndicator(plan: Plan, text: string, opts: { partial?: boolean } = {}): Match<Indicator> {
  return matchNamed(plan.indicators, text, plan.district, (i) => [i.code, i.name, ...i.aliases], opts.partial ? 'part' : 'exact');
}

// Normalized names per item, and the items by each exact name, computed once per list: matching
// runs for every row of every return, and a plan may have a thousand units.
interface NameIndex<T> {
  names: Map<T, string[]>;
  byName: Map<string, T[]>;
}
const nameIndexes = new WeakMap<object, NameIndex<unknown>>();

function indexFor<T>(items: T[], district: string, namesOf: (item: T) => string[]): NameIndex<T> {
  let index = nameIndexes.get(items) as NameIndex<T> | undefined;
  if (!index) {
    index = { names: new Map(), byName: new Map() };
    for (const item of items) {
      const names = namesOf(item).map((n) => normalizeName(n, district));
      index.names.set(item, names);
      for (const n of new Set(names)) index.byName.set(n, [...(index.byName.get(n) ?? []), item]);
    }
    nameIndexes.set(items, index as NameIndex<unknown>);
  }
  return index;
}

function matchNamed<T>(items: T[], text: string, district: string, namesOf: (item: T) => string[], loose: 'exact' | 'prefix' | 'part'): Match<T> {
  const wanted = normalizeName(text, district);
  if (!wanted) return { kind: 'none' };
  const { names, byName } = indexFor(items, district, namesOf);
  const exact = byName.get(wanted) ?? [];
  if (exact.length === 1) return { kind: 'found', item: exact[0] };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: [...exact] };
  if (loose === 'exact') return { kind: 'none' };
  const fits = (n: string) => (loose === 'prefix' ? n.startsWith(wanted) : n.includes(wanted));
  const partial = items.filter((item) => names.get(item)!.some(fits));
  if (partial.length === 1) return { kind: 'found', item: partial[0] };
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial };
  return { kind: 'none' };
}

/**
 * The unit a mistyped name most likely meant (列熙街道 → 列西街道): the one whose code, name, full name
 * or alias is fewest edits away, within one edit in four characters; null when none is that near or
 * two units are equally near, since a guess between them would be a coin toss. A character that sounds
 * like the one meant counts half an edit: an input method offers every character of a syllable, and
 * 列熙 is one character from both 列西 and 列东 but sounds like only one of them.
 */
export function nearestUnit(plan: Plan, text: string): Unit | null {
  const wanted = [...normalizeName(text, plan.district)];
  if (wanted.length === 0) return null;
  const limit = Math.max(1, Math.floor(wanted.length / 4));
  const { names } = indexFor(plan.units, plan.district, (u) => [u.code, u.name, u.fullName, ...u.aliases]);
  let best: Unit[] = [];
  let bestDistance = Infinity;
  for (const u of plan.units) {
    const d = Math.min(...names.get(u)!.map((n) => editDistance(wanted, [...n], limit)));
    if (d > limit) continue;
    if (d < bestDistance) [best, bestDistance] = [[u], d];
    else if (d === bestDistance) best.push(u);
  }
  return best.length === 1 ? best[0] : null;
}

/** Edits (insert, delete, replace; a replacement that sounds alike counts half) to turn a into b; anything past limit counts as limit + 1. */
function editDistance(a: string[], b: string[], limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = a[i - 1] === b[j - 1] ? 0 : soundsAlike(a[i - 1], b[j - 1]) ? 0.5 : 1;
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + replace);
    }
    row = next;
  }
  return Math.min(row[b.length], limit + 1);
}

// Each Chinese character's place in pinyin order (ICU's zh collation), made on the first near miss:
// 51 ms for the 20,992 characters of the main CJK block, and only a mistyped name needs it.
let pinyinRank: Map<string, number> | undefined;

/**
 * Two Chinese characters of one syllable, in any tone (熙 and 西): fewer than 200 characters apart in
 * pinyin order. A syllable's block with its four tones is about that size (西 … 戏 spans 187); the next
 * syllable starts past it (西 to 夏 is 298).
 */
function soundsAlike(a: string, b: string): boolean {
  if (!pinyinRank) {
    const chars = Array.from({ length: 0x9fff - 0x4e00 + 1 }, (_, i) => String.fromCharCode(0x4e00 + i));
    chars.sort(new Intl.Collator('zh-u-co-pinyin').compare);
    pinyinRank = new Map(chars.map((c, i) => [c, i]));
  }
  const x = pinyinRank.get(a);
  const y = pinyinRank.get(b);
  return x !== undefined && y !== undefined && Math.abs(x - y) < 200;
}

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 二(一), 二（一）, 2.1, 2-1 and 2(1) all name task 二(一); 2.1-1 names 二(一)-1. */
export function normalizeTaskId(text: string): string {
  const s = toHalfWidth(text).replace(/\s+/g, '');
  const m = /^(\d{1,2})(?:[.\-(](\d{1,2})\)?)?(-\d+)?$/.exec(s);
  if (m) {
    const section = NUMERALS[Number(m[1])] ?? m[1];
    const item = m[2] ? `(${NUMERALS[Number(m[2])] ?? m[2]})` : '';
    return `${section}${item}${m[3] ?? ''}`;
  }
  return s;
}

/** A task by its number in any of the accepted spellings. */
export function findTask(plan: Plan, text: string): Task | undefined {
  const id = normalizeTaskId(text);
  return plan.tasks.find((t) => t.id === id);
}

/** "列东街道、列西街道" for the candidates of an ambiguous name. */
export function candidateNames(candidates: { name: string }[]): string {
  return candidates.map((c) => c.name).join('、');
}
