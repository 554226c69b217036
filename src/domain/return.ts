// A quarterly return as plain data, and what changes between two versions of one.
import type { Period } from './period.js';
import type { Plan } from './plan/model.js';
import type { TaskStatus } from '../format/words.js';


export interface Figure {
  indicator: string;
  /** A field key of the indicator's kind: quarter, numerator, denominator, opening … */
  field: string;
  value: number;
}

export interface Progress {
  task: string;
  status: TaskStatus | null;
  note: string | null;
}

export interface Layoff {
  firm: string;
  /** 职工总数 */
  staff: number;
  /** 裁减人数 */
  laidOff: number;
  /** 向工会或全体职工说明日期 */
  noticeOn: string | null;
  /** 实施日期 */
  layoffOn: string | null;
}

/** One unit's return for one quarter, as read from its workbook. */
export interface ReturnRecord {
  unit: string;
  period: Period;
  filledBy: string | null;
  phone: string | null;
  filledOn: string | null;
  templateVersion: string | null;
  figures: Figure[];
  progress: Progress[];
  layoffs: Layoff[];
}

/** Where a return came from. */
export interface ReturnSource {
  fileName: string;
  /** sha256 of the file's bytes */
  fileHash: string;
  /** The day the clerk received it (YYYY-MM-DD). */
  receivedOn: string;
}

export interface Change {
  /** e.g. figure:xinzeng.quarter, progress:二(一).note, layoff:1.laidOff, contact:phone */
  item: string;
  old: string | null;
  new: string | null;
}

/** Every value that differs between a stored return and a new one, in a stable order. */
export function returnChanges(before: ReturnRecord | undefined, after: ReturnRecord): Change[] {
  const a = flatten(before);
  const b = flatten(after);
  const items = [...new Set([...a.keys(), ...b.keys()])];
  const changes: Change[] = [];
  for (const item of items) {
    const o = a.get(item) ?? null;
    const n = b.get(item) ?? null;
    if (o !== n) changes.push({ item, old: o, new: n });
  }
  return changes;
}

function flatten(r: ReturnRecord | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!r) return out;
  const put = (k: string, v: string | number | null) => {
    if (v !== null && v !== '') out.set(k, String(v));
  };
  put('contact:filledBy', r.filledBy);
  put('contact:phone', r.phone);
  put('contact:filledOn', r.filledOn);
  for (const f of r.figures) put(`figure:${f.indicator}.${f.field}`, f.value);
  for (const p of r.progress) {
    put(`progress:${p.task}.status`, p.status);
    put(`progress:${p.task}.note`, p.note);
  }
  r.layoffs.forEach((l, i) => {
    const k = `layoff:${i + 1}`;
    put(`${k}.firm`, l.firm);
    put(`${k}.staff`, l.staff);
    put(`${k}.laidOff`, l.laidOff);
    put(`${k}.noticeOn`, l.noticeOn);
    put(`${k}.layoffOn`, l.layoffOn);
  });
  return out;
}

/** The item key of a figure, as used in changes and issues. */
export function figureItem(indicator: string, field: string): string {
  return `figure:${indicator}.${field}`;
}

/** An item key said in words: figure:xinzeng.quarter → 城镇新增就业·本季度城镇新增就业人数. */
export function describeItem(plan: Plan, item: string): string {
  const [kind, rest] = [item.slice(0, item.indexOf(':')), item.slice(item.indexOf(':') + 1)];
  const dot = rest.lastIndexOf('.');
  const [what, field] = [rest.slice(0, dot), rest.slice(dot + 1)];
  if (kind === 'figure') {
    const ind = plan.indicators.find((i) => i.code === what);
    return `${ind?.name ?? what}·${ind?.fields.find((f) => f.key === field)?.label ?? field}`;
  }
  if (kind === 'progress') return `任务${what}·${field === 'status' ? '状态' : '进展情况'}`;
  if (kind === 'layoff') {
    const names: Record<string, string> = { firm: '企业名称', staff: '职工总数', laidOff: '裁减人数', noticeOn: '说明日期', layoffOn: '实施日期' };
    return `规模性裁员第${what}户·${names[field] ?? field}`;
  }
  const contact: Record<string, string> = { filledBy: '填报人', phone: '联系电话', filledOn: '填报日期' };
  return contact[rest] ?? item;
}
