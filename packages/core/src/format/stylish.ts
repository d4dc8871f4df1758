import type { LintResult } from '../types.js';

/** Options of the stylish formatter. */
export interface StylishOptions {
  color?: boolean;
  /** Paths are printed relative to this directory when given. */
  cwd?: string;
}

const ESC = '\u001b[';
const paint = (on: boolean, code: string, s: string): string => (on ? `${ESC}${code}m${s}${ESC}0m` : s);

function rel(path: string, cwd: string | undefined): string {
  if (!cwd) return path;
  const c = cwd.replace(/\/$/, '');
  return path.startsWith(`${c}/`) ? path.slice(c.length + 1) : path;
}

/** ESLint-style human output: a block per file, a line per finding, a summary. */
export function stylish(results: readonly LintResult[], options: StylishOptions = {}): string {
  const color = options.color === true;
  let out = '';
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const r of results) {
    if (r.messages.length === 0) continue;
    errors += r.errorCount;
    warnings += r.warningCount;
    fixableErrors += r.fixableErrorCount;
    fixableWarnings += r.fixableWarningCount;
    out += `\n${paint(color, '4', rel(r.filePath, options.cwd))}\n`;
    const rows = r.messages.map((m) => {
      const sev = m.severity === 2 ? paint(color, '31', 'error') : paint(color, '33', 'warning');
      // A finding already moved to its source file needs no pointer; one that could not be moved says where it came from.
      const origin = m.origin && !m.origin.rendered ? `  (from ${m.origin.file}${m.origin.line ? `:${m.origin.line}` : ''})` : '';
      return { pos: `${m.line}:${m.column}`, sev, plainSev: m.severity === 2 ? 'error' : 'warning', text: m.message + origin, rule: m.ruleId ?? '' };
    });
    const posW = Math.max(...rows.map((x) => x.pos.length));
    const sevW = Math.max(...rows.map((x) => x.plainSev.length));
    for (const x of rows) {
      out += `  ${paint(color, '2', x.pos.padEnd(posW))}  ${x.sev}${' '.repeat(sevW - x.plainSev.length)}  ${x.text}  ${paint(color, '2', x.rule)}\n`;
    }
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const summary = `\u2716 ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  out += `\n${paint(color, errors > 0 ? '31;1' : '33;1', summary)}\n`;
  if (fixableErrors + fixableWarnings > 0) {
    out += paint(color, errors > 0 ? '31;1' : '33;1', `  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`) + '\n';
  }
  return out;
}
