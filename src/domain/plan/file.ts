// The plan file (jiuye-plan/1): its schema check, which builds the Plan and names every problem by its
// place in the file, the defaults an older file gets, and the file written back from a Plan.
import { InputError } from '../../errors.js';
import { readAssessment } from '../assessment-method.js';
import { INDICATOR_KIND_NAMES, UNIT_DEFAULT_CATEGORIES, UNIT_GROUP_NAMES } from '../../format/words.js';
import { FIELD_KEYS, referenceFrom, TARGET_OPS, type DataQualitySettings, type Field, type Indicator, type IndicatorKind, type Plan, type Target, type TargetOp, type Task, type Unit, type UnitKind, type WarningSettings } from './model.js';

export const PLAN_FORMAT = 'jiuye-plan/1';

/** Checks a parsed plan file and builds the Plan; every problem is named by its place in the file. */
export function validatePlan(raw: unknown, origin: string): Plan {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);

  const root = asObject(raw);
  if (!root) throw new InputError(`方案文件 ${origin} 的内容不是一个 JSON 对象`);

  const str = (obj: Record<string, unknown>, key: string, where: string, optional = false): string => {
    const v = obj[key];
    if (v === undefined && optional) return '';
    if (typeof v !== 'string' || v.trim() === '') {
      fail(`${where}.${key}`, v === undefined ? '缺少此字段' : '应为非空文字');
      return '';
    }
    return v;
  };
  const num = (obj: Record<string, unknown>, key: string, where: string, check: (n: number) => boolean, expect: string, fallback?: number): number => {
    const v = obj[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) {
      fail(`${where}.${key}`, v === undefined ? '缺少此字段' : `应为${expect},实为 ${JSON.stringify(v)}`);
      return fallback ?? 0;
    }
    return v;
  };
  const strList = (obj: Record<string, unknown>, key: string, where: string, optional = false): string[] => {
    const v = obj[key];
    if (v === undefined && optional) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
      fail(`${where}.${key}`, v === undefined ? '缺少此字段' : '应为文字列表');
      return [];
    }
    return v as string[];
  };
  const list = (key: string): Record<string, unknown>[] => {
    const v = root[key];
    if (!Array.isArray(v) || v.length === 0) {
      fail(key, v === undefined ? '缺少此字段' : '应为非空列表');
      return [];
    }
    return v.map((item, i) => {
      const o = asObject(item);
      if (!o) fail(`${key}[${i}]`, '应为对象');
      return o ?? {};
    });
  };

  const format = str(root, 'format', '(根)');
  if (format && format !== PLAN_FORMAT) fail('format', `不支持的方案格式 "${format}",应为 "${PLAN_FORMAT}"`);
  const id = str(root, 'id', '(根)');
  const district = str(root, 'district', '(根)');
  const year = num(root, 'year', '(根)', (n) => Number.isInteger(n) && n >= 2000 && n <= 2100, '2000–2100 的年份');
  const title = str(root, 'title', '(根)');
  const source = str(root, 'source', '(根)');
  const office = str(root, 'office', '(根)', true) || '就业工作领导小组办公室';

  const dl = asObject(root.deadline);
  if (!dl) fail('deadline', root.deadline === undefined ? '缺少此字段' : '应为对象');
  const deadline = {
    daysAfterQuarterEnd: dl ? num(dl, 'daysAfterQuarterEnd', 'deadline', (n) => Number.isInteger(n) && n >= 0 && n <= 60, '0–60 的整数') : 5,
    rule: dl ? str(dl, 'rule', 'deadline') : '',
    nearDays: dl ? num(dl, 'nearDays', 'deadline', (n) => Number.isInteger(n) && n >= 0 && n <= 30, '0–30 的整数', 3) : 3,
  };

  // A unit's or an indicator's code: lower-case letters, digits, - and _, and not taken before.
  const newCode = (x: Record<string, unknown>, where: string, taken: Set<string>, what: string): string => {
    const code = str(x, 'code', where);
    if (code && !/^[a-z][a-z0-9_-]*$/.test(code)) fail(`${where}.code`, `"${code}" 应由小写字母、数字、-、_ 组成`);
    if (code && taken.has(code)) fail(`${where}.code`, `${what} "${code}" 重复`);
    taken.add(code);
    return code;
  };

  // Units
  const units: Unit[] = [];
  const unitCodes = new Set<string>();
  const names = new Map<string, string>(); // every name and alias → the unit that owns it
  list('units').forEach((u, i) => {
    const where = `units[${i}]${typeof u.code === 'string' ? `(${u.code})` : ''}`;
    const code = newCode(u, where, unitCodes, '单位代码');
    const kind = str(u, 'kind', where);
    if (kind && kind !== 'area' && kind !== 'department') fail(`${where}.kind`, `"${kind}" 应为 area(${UNIT_GROUP_NAMES.area})或 department(${UNIT_GROUP_NAMES.department})`);
    const unit: Unit = {
      code,
      name: str(u, 'name', where),
      fullName: str(u, 'fullName', where),
      kind: kind as UnitKind,
      category: str(u, 'category', where, true) || UNIT_DEFAULT_CATEGORIES[kind === 'area' ? 'area' : 'department'],
      aliases: strList(u, 'aliases', where, true),
    };
    for (const n of new Set([unit.name, unit.fullName, ...unit.aliases])) {
      if (!n) continue;
      const owner = names.get(n);
      if (owner !== undefined && owner !== code) fail(`${where}`, `名称或别名 "${n}" 与单位 ${owner} 重复,将无法区分`);
      names.set(n, code);
    }
    units.push(unit);
  });
  const areaCodes = units.filter((u) => u.kind === 'area').map((u) => u.code);
  const allCodes = units.map((u) => u.code);
  const expandUnits = (codes: string[], where: string): string[] => {
    const out: string[] = [];
    for (const c of codes) {
      const expanded = c === '@areas' ? areaCodes : c === '@all' ? allCodes : [c];
      for (const e of expanded) {
        if (!unitCodes.has(e)) fail(where, `"${e}" 不是方案中的单位代码`);
        else if (!out.includes(e)) out.push(e);
      }
    }
    return out;
  };

  // Indicators
  const indicators: Indicator[] = [];
  const indicatorCodes = new Set<string>();
  list('indicators').forEach((x, i) => {
    const where = `indicators[${i}]${typeof x.code === 'string' ? `(${x.code})` : ''}`;
    const code = newCode(x, where, indicatorCodes, '指标代码');
    const kindText = str(x, 'kind', where);
    const kind = kindText in FIELD_KEYS ? (kindText as IndicatorKind) : undefined;
    if (kindText && !kind) fail(`${where}.kind`, `"${kindText}" 应为 count、rate、relative、zero 或 monitor`);

    let target: Target | undefined;
    if (x.target !== undefined) {
      const t = asObject(x.target);
      if (!t) fail(`${where}.target`, '应为对象');
      else {
        const op = str(t, 'op', `${where}.target`) as TargetOp;
        if (kind && op && !TARGET_OPS[kind].includes(op)) {
          fail(`${where}.target.op`, kind === 'monitor' ? '监测型指标不设目标' : `"${op}" 不适用于${INDICATOR_KIND_NAMES[kind]}指标(可用 ${TARGET_OPS[kind].join('、')})`);
        }
        if (kind === 'relative') {
          const reference = str(t, 'reference', `${where}.target`);
          let from = referenceFrom(reference);
          if (t.from !== undefined) {
            if (t.from !== 'previousYear' && t.from !== 'entered') fail(`${where}.target.from`, `"${String(t.from)}" 应为 previousYear(上年年末数)或 entered(经办人录入)`);
            else from = t.from;
          }
          target = { op, reference, from };
        } else {
          const value = num(t, 'value', `${where}.target`, (n) => n >= 0 && (kind !== 'rate' || n <= 100), kind === 'rate' ? '0–100 的百分数' : '非负数');
          target = { op, value };
        }
      }
    } else if (kind && kind !== 'monitor') {
      fail(`${where}.target`, `缺少此字段(${INDICATOR_KIND_NAMES[kind]}指标须有目标)`);
    }

    const fieldsObj = asObject(x.fields);
    const fields: Field[] = [];
    if (!fieldsObj) fail(`${where}.fields`, x.fields === undefined ? '缺少此字段' : '应为对象');
    else if (kind) {
      for (const key of FIELD_KEYS[kind]) {
        const label = str(fieldsObj, key, `${where}.fields`);
        fields.push({ key, label });
      }
      for (const key of Object.keys(fieldsObj)) {
        if (!FIELD_KEYS[kind].includes(key)) fail(`${where}.fields.${key}`, `${INDICATOR_KIND_NAMES[kind]}指标没有此项(应为 ${FIELD_KEYS[kind].join('、')})`);
      }
    }
    const reportedBy = expandUnits(strList(x, 'reportedBy', where), `${where}.reportedBy`);
    if (x.reportedBy !== undefined && reportedBy.length === 0) fail(`${where}.reportedBy`, '至少要有一个报送单位');
    indicators.push({
      code,
      name: str(x, 'name', where),
      aliases: strList(x, 'aliases', where, true),
      kind: kind as IndicatorKind,
      measure: str(x, 'measure', where),
      decimals: num(x, 'decimals', where, (n) => Number.isInteger(n) && n >= 0 && n <= 4, '0–4 的整数', 0),
      target,
      fields,
      denominatorAddsNumerator: x.denominatorAddsNumerator === true,
      reportedBy,
      basis: typeof x.basis === 'string' ? x.basis : undefined,
    });
  });
  const indicatorNames = new Map<string, string>();
  for (const ind of indicators) {
    for (const n of [ind.name, ...ind.aliases]) {
      const owner = indicatorNames.get(n);
      if (owner !== undefined && owner !== ind.code) fail(`indicators(${ind.code})`, `名称或别名 "${n}" 与指标 ${owner} 重复`);
      indicatorNames.set(n, ind.code);
    }
  }

  // Tasks
  const tasks: Task[] = [];
  const taskIds = new Set<string>();
  list('tasks').forEach((t, i) => {
    const where = `tasks[${i}]${typeof t.id === 'string' ? `(${t.id})` : ''}`;
    const id = str(t, 'id', where);
    const section = /^([一二三四五六七八九十]+)/.exec(id)?.[1] ?? '';
    if (id && !section) fail(`${where}.id`, `"${id}" 应以文件的章节号开头,如 二(一)`);
    if (id && taskIds.has(id)) fail(`${where}.id`, `任务编号 "${id}" 重复`);
    taskIds.add(id);
    const leadCode = str(t, 'lead', where);
    if (leadCode && !unitCodes.has(leadCode)) fail(`${where}.lead`, `牵头单位 "${leadCode}" 不是方案中的单位代码`);
    const coUnits = expandUnits(strList(t, 'coUnits', where), `${where}.coUnits`).filter((c) => c !== leadCode);
    const taskIndicators = strList(t, 'indicators', where, true);
    for (const c of taskIndicators) if (!indicatorCodes.has(c)) fail(`${where}.indicators`, `"${c}" 不是方案中的指标代码`);
    tasks.push({
      id,
      section,
      title: str(t, 'title', where),
      summary: str(t, 'summary', where),
      lead: leadCode,
      coUnits,
      indicators: [...new Set(taskIndicators)],
      basis: typeof t.basis === 'string' ? t.basis : undefined,
    });
  });

  // Warnings: every rule must be configured, and name indicators that exist.
  const w = asObject(root.warnings);
  if (!w) fail('warnings', root.warnings === undefined ? '缺少此字段' : '应为对象');
  const rule = (key: string): Record<string, unknown> => {
    const r = w ? asObject(w[key]) : undefined;
    if (w && !r) fail(`warnings.${key}`, '缺少此字段');
    return r ?? {};
  };
  const ruleIndicator = (r: Record<string, unknown>, key: string, kinds: IndicatorKind[]): string => {
    const code = str(r, 'indicator', `warnings.${key}`);
    const ind = indicators.find((x) => x.code === code);
    if (code && !ind) fail(`warnings.${key}.indicator`, `"${code}" 不是方案中的指标代码`);
    else if (ind && !kinds.includes(ind.kind)) fail(`warnings.${key}.indicator`, `"${code}" 应为${kinds.map((k) => INDICATOR_KIND_NAMES[k]).join('或')}指标`);
    return code;
  };
  const ed = rule('employmentDecline');
  const us = rule('unemploymentSurge');
  const ml = rule('massLayoff');
  const zf = rule('zeroFamilies');
  const bs = rule('behindSchedule');
  const warnings: WarningSettings = {
    employmentDecline: {
      indicator: ruleIndicator(ed, 'employmentDecline', ['count', 'monitor']),
      quarters: num(ed, 'quarters', 'warnings.employmentDecline', (n) => Number.isInteger(n) && n >= 1 && n <= 8, '1–8 的整数'),
      rule: str(ed, 'rule', 'warnings.employmentDecline'),
    },
    unemploymentSurge: {
      indicator: ruleIndicator(us, 'unemploymentSurge', ['rate']),
      risePoints: num(us, 'risePoints', 'warnings.unemploymentSurge', (n) => n > 0 && n <= 100, '正的百分点数'),
      rule: str(us, 'rule', 'warnings.unemploymentSurge'),
    },
    massLayoff: {
      people: num(ml, 'people', 'warnings.massLayoff', (n) => Number.isInteger(n) && n >= 1, '正整数'),
      staffShare: num(ml, 'staffShare', 'warnings.massLayoff', (n) => n > 0 && n <= 1, '0–1 之间的比例'),
      noticeDays: num(ml, 'noticeDays', 'warnings.massLayoff', (n) => Number.isInteger(n) && n >= 0, '非负整数'),
      rule: str(ml, 'rule', 'warnings.massLayoff'),
    },
    zeroFamilies: {
      indicator: ruleIndicator(zf, 'zeroFamilies', ['zero']),
      rule: str(zf, 'rule', 'warnings.zeroFamilies'),
    },
    behindSchedule: { rule: str(bs, 'rule', 'warnings.behindSchedule') },
  };

  const dataQuality = readDataQuality(root.dataQuality, indicators, fail, num);
  const assessment = readAssessment(root.assessment, { units, indicators, tasks }, fail);

  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((p) => `  - ${p}`);
    if (problems.length > 20) shown.push(`  … 另有 ${problems.length - 20} 处`);
    throw new InputError(`方案文件 ${origin} 有 ${problems.length} 处错误,未载入:\n${shown.join('\n')}`);
  }
  return { format, id, district, year, title, source, office, deadline, warnings, dataQuality, assessment, units, indicators, tasks };
}

/**
 * The data-quality thresholds a plan written before they existed gets: the figures of the 2021
 * plan, and base jumps watched on every rate's denominator.
 */
export function defaultDataQuality(indicators: readonly Indicator[]): DataQualitySettings {
  return {
    cumulative: { low: 0.5, high: 2, farAbove: 3, minValue: 10 },
    baseJump: { fields: indicators.filter((i) => i.kind === 'rate' || i.kind === 'relative').map((i) => `${i.code}.denominator`), share: 0.2 },
    outlier: { times: 3, minQuarters: 2, minValue: 10 },
    wholePeople: { measures: ['人', '人次', '户'] },
  };
}

type NumReader = (obj: Record<string, unknown>, key: string, where: string, check: (n: number) => boolean, expect: string, fallback?: number) => number;

function readDataQuality(raw: unknown, indicators: Indicator[], fail: (where: string, what: string) => void, num: NumReader): DataQualitySettings {
  const defaults = defaultDataQuality(indicators);
  if (raw === undefined) return defaults;
  const root = asObject(raw);
  if (!root) {
    fail('dataQuality', '应为对象');
    return defaults;
  }
  const part = (key: keyof DataQualitySettings): Record<string, unknown> => {
    const v = root[key];
    if (v === undefined) return {};
    const o = asObject(v);
    if (!o) fail(`dataQuality.${key}`, '应为对象');
    return o ?? {};
  };
  const known = Object.keys(defaults);
  for (const k of Object.keys(root)) if (!known.includes(k)) fail(`dataQuality.${k}`, `没有这项规则(应为 ${known.join('、')})`);
  const c = part('cumulative');
  const d = defaults.cumulative;
  const positive = (n: number) => n >= 0;
  const cumulative = {
    low: num(c, 'low', 'dataQuality.cumulative', positive, '非负数', d.low),
    high: num(c, 'high', 'dataQuality.cumulative', positive, '非负数', d.high),
    farAbove: num(c, 'farAbove', 'dataQuality.cumulative', (n) => n > 1, '大于 1 的倍数', d.farAbove),
    minValue: num(c, 'minValue', 'dataQuality.cumulative', positive, '非负数', d.minValue),
  };
  if (cumulative.high < cumulative.low) fail('dataQuality.cumulative', `high(${cumulative.high})不能小于 low(${cumulative.low})`);
  const b = part('baseJump');
  let fields = defaults.baseJump.fields;
  if (b.fields !== undefined) {
    if (!Array.isArray(b.fields) || b.fields.some((f) => typeof f !== 'string')) fail('dataQuality.baseJump.fields', '应为“指标代码.项目”的列表,如 shiyelv.denominator');
    else {
      fields = b.fields as string[];
      for (const f of fields) {
        const [code, key] = f.split('.');
        const ind = indicators.find((i) => i.code === code);
        if (!ind) fail('dataQuality.baseJump.fields', `"${f}":"${code}" 不是方案中的指标代码`);
        else if (!ind.fields.some((x) => x.key === key)) fail('dataQuality.baseJump.fields', `"${f}":指标 ${code} 没有项目 "${key}"(应为 ${ind.fields.map((x) => x.key).join('、')})`);
      }
    }
  }
  const baseJump = { fields, share: num(b, 'share', 'dataQuality.baseJump', (n) => n > 0 && n <= 10, '大于 0 的比例,如 0.2', defaults.baseJump.share) };
  const o = part('outlier');
  const od = defaults.outlier;
  const outlier = {
    times: num(o, 'times', 'dataQuality.outlier', (n) => n > 1, '大于 1 的倍数', od.times),
    minQuarters: num(o, 'minQuarters', 'dataQuality.outlier', (n) => Number.isInteger(n) && n >= 1 && n <= 12, '1–12 的整数', od.minQuarters),
    minValue: num(o, 'minValue', 'dataQuality.outlier', positive, '非负数', od.minValue),
  };
  const w = part('wholePeople');
  let measures = defaults.wholePeople.measures;
  if (w.measures !== undefined) {
    if (!Array.isArray(w.measures) || w.measures.some((m) => typeof m !== 'string' || m.trim() === '')) fail('dataQuality.wholePeople.measures', '应为计量单位的列表,如 ["人", "人次", "户"]');
    else measures = w.measures as string[];
  }
  return { cumulative, baseJump, outlier, wholePeople: { measures } };
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * A plan in the plan file format (what `init --plan` and `plan add` read): validatePlan of the
 * result gives the same plan back. Unit lists are written as codes, "@areas" already expanded.
 */
export function planToFile(plan: Plan): Record<string, unknown> {
  const optional = <T>(key: string, v: T | undefined) => (v === undefined ? {} : { [key]: v });
  return {
    format: plan.format,
    id: plan.id,
    district: plan.district,
    year: plan.year,
    title: plan.title,
    source: plan.source,
    office: plan.office,
    deadline: plan.deadline,
    warnings: plan.warnings,
    dataQuality: plan.dataQuality,
    assessment: plan.assessment,
    units: plan.units.map((u) => ({ code: u.code, name: u.name, fullName: u.fullName, kind: u.kind, category: u.category, aliases: u.aliases })),
    indicators: plan.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      kind: i.kind,
      measure: i.measure,
      aliases: i.aliases,
      decimals: i.decimals,
      ...optional('target', i.target),
      fields: Object.fromEntries(i.fields.map((f) => [f.key, f.label])),
      ...(i.denominatorAddsNumerator ? { denominatorAddsNumerator: true } : {}),
      reportedBy: i.reportedBy,
      ...optional('basis', i.basis),
    })),
    tasks: plan.tasks.map((t) => ({
      id: t.id,
      title: t.title,
      summary: t.summary,
      lead: t.lead,
      coUnits: t.coUnits,
      indicators: t.indicators,
      ...optional('basis', t.basis),
    })),
  };
}
