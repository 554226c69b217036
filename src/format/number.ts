// Numbers as every document of jiuye writes them: the terminal, the workbooks, the web page, the
// charts and the notices take them from here, so a figure reads the same wherever it is printed.

/**
 * A figure with thousands separators: 1,234 or 1,234.50 (fixed decimals), or 3.5 with trim (at
 * most that many decimals). Written by hand because the first toLocaleString call loads ICU, a
 * third of `jiuye check`'s start-up.
 */
export function groupDigits(n: number, decimals = 0, trim = false): string {
  const text = trim ? String(Math.round(n * 10 ** decimals) / 10 ** decimals) : n.toFixed(decimals);
  const [whole, fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A figure: 1,500 or 3.5 (as the clerk wrote it, at most two decimals); with decimals, exactly that many (1,234.50). */
export function numberText(n: number, decimals?: number): string {
  return decimals === undefined ? groupDigits(n, 2, true) : groupDigits(n, decimals);
}

/** A share of a whole as a percent: 0.823 → 82.3%; with trim, no trailing zeros (0.75 → 75%). */
export function shareText(share: number, decimals = 1, trim = false): string {
  return trim ? `${groupDigits(share * 100, decimals, true)}%` : `${(share * 100).toFixed(decimals)}%`;
}

/** A figure already in percent, such as a rate: 3.12 → 3.12%. */
export function rateText(percent: number, decimals = 2): string {
  return `${percent.toFixed(decimals)}%`;
}

/** How a target compares: at least, at most, exactly. */
export type LimitOp = '>=' | '<=' | '=';

/** ≥, ≤ or =, as a target is written. */
export function opSign(op: LimitOp): string {
  return op === '>=' ? '≥' : op === '<=' ? '≤' : '=';
}

/** 不低于, 不超过 or 等于, as a rule is written in words. */
export function opWords(op: LimitOp): string {
  return op === '>=' ? '不低于' : op === '<=' ? '不超过' : '等于';
}

/** A target with its limit: ≥1,500 人, ≤3.5% (a percent written as the plan has it, without padding). */
export function limitText(op: LimitOp, value: number, measure: string): string {
  return `${opSign(op)}${measureText(value, measure)}`;
}

/** A figure in its measure: 1,500 人, 3.5%. */
export function measureText(value: number, measure: string): string {
  return measure === '%' ? `${numberText(value)}%` : `${numberText(value)} ${measure}`;
}
