import type { LintMessage, LintResult } from '../types.js';
import { relativeTo } from './paths.js';
import { plural, sanitize, shownRuleId, splitMessage } from './text.js';
import { localeOrder } from '../locale-order.js';

/** Options of the stylish formatter. */
export interface StylishOptions {
  color?: boolean;
  /** Paths are printed relative to this directory when given. */
  cwd?: string;
  /**
   * Print rule ids as OSC 8 terminal hyperlinks to their documentation. The caller decides
   * whether the terminal supports them (the CLI: see `hyperlinksSupported`); off by default.
   */
  hyperlinks?: boolean;
  /** Documentation URL of each rule id, for the hyperlinks. */
  docsUrls?: ReadonlyMap<string, string>;
}

const ESC = '\u001b[';
const paint = (on: boolean, code: string, s: string): string => (on ? `${ESC}${code}m${s}${ESC}0m` : s);
/** OSC 8: `ESC ] 8 ; ; URL ST text ESC ] 8 ; ; ST`. The URL is ours (rule metadata), never manifest text. */
const link = (url: string, text: string): string => `\u001b]8;;${url}\u001b\\${text}\u001b]8;;\u001b\\`;

function originNote(m: LintMessage): string | undefined {
  // A finding already moved to its source file needs no pointer; one that could not be moved says where it came from.
  return m.origin && !m.origin.rendered ? `from ${sanitize(m.origin.file)}${m.origin.line ? `:${m.origin.line}` : ''}` : undefined;
}

/**
 * ESLint-style human output: a block per file, a finding per entry (a short first line with the
 * rule id, then the message's detail clauses indented beneath it, one per line), the totals and a
 * line of counts per rule.
 */
export function stylish(results: readonly LintResult[], options: StylishOptions = {}): string {
  const color = options.color === true;
  let out = '';
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  const byRule = new Map<string, { errors: number; warnings: number }>();
  for (const r of results) {
    if (r.messages.length === 0) continue;
    errors += r.errorCount;
    warnings += r.warningCount;
    fixableErrors += r.fixableErrorCount;
    fixableWarnings += r.fixableWarningCount;
    out += `\n${paint(color, '4', sanitize(relativeTo(r.filePath, options.cwd)))}\n`;
    const posW = Math.max(...r.messages.map((m) => `${m.line}:${m.column}`.length));
    const sevW = r.messages.some((m) => m.severity === 1) ? 'warning'.length : 'error'.length;
    const indent = ' '.repeat(2 + posW + 2 + sevW + 2);
    for (const m of r.messages) {
      const id = shownRuleId(m);
      const count = byRule.get(id) ?? { errors: 0, warnings: 0 };
      if (m.severity === 2) count.errors++;
      else count.warnings++;
      byRule.set(id, count);
      const plainSev = m.severity === 2 ? 'error' : 'warning';
      const sev = paint(color, m.severity === 2 ? '31' : '33', plainSev);
      const { head, details } = splitMessage(sanitize(m.message));
      const origin = originNote(m);
      if (origin) details.push(origin);
      const url = options.hyperlinks ? options.docsUrls?.get(id) : undefined;
      const rule = paint(color, '2', url ? link(url, id) : id);
      out += `  ${paint(color, '2', `${m.line}:${m.column}`.padEnd(posW))}  ${sev}${' '.repeat(sevW - plainSev.length)}  ${head}  ${rule}\n`;
      for (const d of details) out += `${indent}${paint(color, '2', d)}\n`;
    }
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `\u2716 ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  const bold = errors > 0 ? '31;1' : '33;1';
  out += `\n${paint(color, bold, summary)}\n`;
  if (fixableErrors + fixableWarnings > 0) {
    out += paint(color, bold, `  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`) + '\n';
  }
  const counts = [...byRule].sort((a, b) => b[1].errors + b[1].warnings - (a[1].errors + a[1].warnings) || localeOrder(a[0], b[0]));
  const describe = (c: { errors: number; warnings: number }) => [c.errors > 0 ? plural(c.errors, 'error') : '', c.warnings > 0 ? plural(c.warnings, 'warning') : ''].filter(Boolean).join(', ');
  // The counts per rule, wrapped at 100 columns.
  let line = '  by rule:';
  for (const [i, [id, c]] of counts.entries()) {
    const item = ` ${id} ${describe(c)}${i < counts.length - 1 ? ' ·' : ''}`;
    if (line.length + item.length > 100 && line.trim() !== 'by rule:') {
      out += `${line}\n`;
      line = '          ';
    }
    line += item;
  }
  out += `${line}\n`;
  return out;
}
