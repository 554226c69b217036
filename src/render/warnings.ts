// Risk warnings on a terminal: one table grouped by rule, for `warn` and the warnings section of `check`.
import type { Io } from '../io.js';
import type { Finding, NotEvaluated, RiskWarning } from '../domain/finding.js';
import type { WarnReport } from '../domain/rules.js';
import { renderTable } from './table.js';
import { outputWidth } from './terminal.js';
import { paint, wrapParagraph } from './text.js';

/** The warnings table, a rule between rules, and a line per rule that could not be judged. */
export function renderWarnings(io: Io, warnings: RiskWarning[], notEvaluated: NotEvaluated[], opts: { sayNone?: boolean } = {}): string {
  const c = paint(io);
  const width = outputWidth(io);
  let text = '';
  if (warnings.length === 0) text += opts.sayNone === false ? '' : `${c.green('未触发风险预警')}\n`;
  else {
    text += renderTable(
      [{ header: '预警', oncePerGroup: true }, { header: '单位' }, { header: '触发情况', wrap: 'text', min: 16 }, { header: '阈值', wrap: 'text', min: 10 }],
      warnings.map((w) => [c.red(w.title), w.unitName, w.message, w.thresholdText]),
      c,
      { width, group: (row) => row[0] },
    );
  }
  const groups = new Map<string, string[]>();
  for (const n of notEvaluated) {
    const key = `${n.title}|${n.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), n.unitName]);
  }
  for (const [key, names] of groups) {
    const [title, reason] = key.split('|');
    text += `${wrapParagraph(`未判断 ${title}:${names.join('、')}(${reason})`, width, '', '  ').map((l) => c.dim(l)).join('\n')}\n`;
  }
  return text;
}

/** `jiuye warn`: the warnings, then the rules they were judged by. */
export function renderWarn(io: Io, r: WarnReport): string {
  const c = paint(io);
  const width = outputWidth(io);
  const head = wrapParagraph(`${r.district}${r.periodTitle}就业风险预警(${r.period}):${r.warnings.length > 0 ? `${r.warnings.length} 条` : '无'}`, width).map((l) => c.bold(l));
  const rules = r.rules.flatMap((x) => wrapParagraph(`${x.title}:${x.text}`, width, '  ', '    ')).map((l) => c.dim(l));
  const hintHead = wrapParagraph(`数据质量提示:${r.hints.length > 0 ? `${r.hints.length} 条` : '无'}(不影响导入,请向报送单位核实)`, width).map((l) => c.bold(l));
  const hintRules = r.hintRules.flatMap((x) => wrapParagraph(`${x.title}:${x.text}`, width, '  ', '    ')).map((l) => c.dim(l));
  // The heading already says 无: the body adds no second "none" line under it.
  const warnings = renderWarnings(io, r.warnings, r.notEvaluated, { sayNone: false });
  const hints = r.hints.length > 0 ? renderHints(io, r.hints) : '';
  return (
    `${head.join('\n')}\n${warnings}\n${c.dim('预警规则(文件三(三),阈值见方案):')}\n${rules.join('\n')}\n\n` +
    `${hintHead.join('\n')}\n${hints}\n${c.dim('提示规则(阈值见方案 dataQuality):')}\n${hintRules.join('\n')}\n`
  );
}

/** 数据质量提示: one row per figure to confirm with its unit, grouped by rule, with the threshold; never a refusal. */
export function renderHints(io: Io, hints: Finding[]): string {
  const c = paint(io);
  if (hints.length === 0) return `${c.green('没有数据质量提示')}\n`;
  return renderTable(
    [{ header: '提示', oncePerGroup: true }, { header: '单位' }, { header: '情况', wrap: 'text', min: 16 }, { header: '阈值', wrap: 'text', min: 10 }],
    // The unit heads its own column: the sentence goes on from the quarter.
    hints.map((h) => [c.yellow(h.title), h.unitName, h.message.startsWith(`${h.unitName} `) ? h.message.slice(h.unitName.length + 1) : h.message, h.thresholdText]),
    c,
    { width: outputWidth(io), group: (row) => row[0] },
  );
}
