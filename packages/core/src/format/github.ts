import type { LintResult } from '../types.js';
import { sanitize, shownRuleId } from './text.js';

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands, one per finding (annotations on the pull request). */
export function github(results: readonly LintResult[], cwd?: string): string {
  let out = '';
  for (const r of results) {
    const file = sanitize(cwd && r.filePath.startsWith(`${cwd.replace(/\/$/, '')}/`) ? r.filePath.slice(cwd.replace(/\/$/, '').length + 1) : r.filePath);
    for (const m of r.messages) {
      const level = m.severity === 2 ? 'error' : 'warning';
      const props = [`file=${escapeProperty(file)}`, `line=${m.line}`, `col=${m.column}`];
      if (m.endLine !== undefined) props.push(`endLine=${m.endLine}`);
      if (m.endColumn !== undefined) props.push(`endColumn=${m.endColumn}`);
      props.push(`title=${escapeProperty(`satlint(${shownRuleId(m)})`)}`);
      out += `::${level} ${props.join(',')}::${escapeData(sanitize(m.message))}\n`;
    }
  }
  return out;
}
