// Which sheet of a workbook holds the return: never simply the first, and never a guess between two.
import { formatPeriod, parsePeriod, samePeriod, type Period } from '../../domain/period.js';
import { launcher } from '../../format/command.js';
import { groupDigits } from '../../format/number.js';
import { toHalfWidth } from '../../format/typed.js';
import { cellText } from '../cells.js';
import type { ReturnLayout } from '../layout.js';
import type { RawSheet } from '../read.js';
import { LIMITS } from '../sniff.js';
import { readHeader, titlePeriod, type Header } from './header.js';
import type { Problem } from './result.js';
import { normal, REQUIRED_HEADERS, sameText } from './sections.js';

/**
 * The sheet to read and its header, or why there is none ('none': nothing like a return; 'ambiguous':
 * several, none of them the wanted quarter's), said in problems. Sheets set aside for their size and
 * the candidates not read are warnings.
 */
export function chooseFormSheet(sheets: RawSheet[], L: ReturnLayout, wanted: Period | null, problems: Problem[], warnings: Problem[]): { sheet: RawSheet; header: Header } | 'none' | 'ambiguous' {
  const picked = pickFormSheet(sheets, L, wanted);
  const setAside = sheets.filter((x) => x.setAside !== undefined);
  const asideText = setAside.map((x) => `“${x.name}”(${groupDigits(x.setAside!)} 个单元格)`).join('、');
  if (picked.kind === 'none') {
    problems.push(
      setAside.length > 0
        ? { message: `工作表${asideText}中单元格过多(超过 ${groupDigits(LIMITS.sheetCells)} 个),不像季度报表,未读取;也没有其他像季度报表的工作表`, fix: '请只保留报表本身,删除多余的数据后重新发送' }
        : { message: '工作簿中找不到季度报表(没有哪张工作表有“填报单位”“报送期间”或指标表头)', fix: `请用 ${launcher()} template 生成的报表填写` },
    );
    return 'none';
  }
  if (setAside.length > 0) warnings.push({ message: `工作表${asideText}数据量大,不是报表,未读取`, fix: '无需处理' });
  if (picked.kind === 'ambiguous') {
    problems.push({
      message:
        `工作簿中有 ${picked.candidates.length} 张工作表像季度报表:${picked.candidates.map(sheetLabel).join('、')}` +
        (wanted ? `,其中${picked.candidates.some((c) => c.period && samePeriod(c.period, wanted)) ? '不止一张' : '没有一张'}是 ${formatPeriod(wanted)} 的` : '') +
        ',无法确定读哪一张',
      fix: '请只保留本季度的一张报表工作表(删除其他工作表)后重新发送',
    });
    return 'ambiguous';
  }
  const form = picked.sheet;
  for (const other of picked.others) {
    warnings.push({ sheet: other.sheet.name, message: `另有工作表${sheetLabel(other)}像季度报表,未读取(读的是“${form.name}”)`, fix: '如读错了工作表,请删除多余的工作表后重新导入' });
  }
  return { sheet: form, header: picked.header };
}

interface Candidate {
  sheet: RawSheet;
  /** Its labelled header, read once: the chosen sheet's is the return's. */
  header: Header;
  period: Period | null;
}

type Picked = { kind: 'none' } | { kind: 'ambiguous'; candidates: Candidate[] } | { kind: 'one'; sheet: RawSheet; header: Header; others: Candidate[] };

/**
 * The sheet that holds the return. Sheets that look like one (a 填报单位 label, the indicator table's
 * header, or a title naming 季度报表) are candidates; with several, the one whose period is the
 * wanted one (the hidden sheet's, else the batch's) is read, and never simply the first.
 */
function pickFormSheet(sheets: RawSheet[], L: ReturnLayout, wanted: Period | null): Picked {
  const candidates: Candidate[] = sheets
    .filter((s) => !s.hidden && s.name !== L.metaSheet && s.setAside === undefined && looksLikeReturn(s, L))
    .map((sheet) => {
      const header = readHeader(sheet, L);
      return { sheet, header, period: (header.period?.text ? parsePeriod(header.period.text) : null) ?? titlePeriod(sheet) };
    });
  if (candidates.length === 0) return { kind: 'none' };
  if (candidates.length === 1) return { kind: 'one', sheet: candidates[0].sheet, header: candidates[0].header, others: [] };
  const matching = wanted ? candidates.filter((c) => c.period && samePeriod(c.period, wanted)) : [];
  if (matching.length !== 1) return { kind: 'ambiguous', candidates };
  return { kind: 'one', sheet: matching[0].sheet, header: matching[0].header, others: candidates.filter((c) => c !== matching[0]) };
}

function looksLikeReturn(sheet: RawSheet, L: ReturnLayout): boolean {
  const indicatorHeader = REQUIRED_HEADERS.indicators.map((k) => normal((L.sections.indicators.columns as Record<string, string>)[k]));
  return sheet.rows.slice(0, 60).some((r) => {
    const texts = r.cells.map((c) => cellText(c.value));
    if (texts.some((t) => sameText(t, L.header.unit) || sameText(t, L.header.period) || toHalfWidth(t).startsWith(`${L.header.unit}:`))) return true;
    if (texts.some((t) => /季度报表/.test(t))) return true;
    const normalized = new Set(texts.map(normal));
    return indicatorHeader.every((h) => normalized.has(h));
  });
}

/** “二季度”(2021Q2), for messages. */
function sheetLabel(c: Candidate): string {
  return `“${c.sheet.name}”${c.period ? `(${formatPeriod(c.period)})` : '(期间不明)'}`;
}
