import type { LintResult } from '../types.js';
import { relativeTo } from './paths.js';
import { sanitize, shownRuleId } from './text.js';

function xml(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the five specials are escaped.
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML: a test suite per file, a test case per file and rule with findings (failing, one
 * `<failure>` listing each finding with its position), and one passing case for a clean file.
 */
export function junit(results: readonly LintResult[], cwd?: string): string {
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const r of results) {
    const file = sanitize(relativeTo(r.filePath, cwd));
    const byRule = new Map<string, typeof r.messages>();
    for (const m of r.messages) {
      const id = shownRuleId(m);
      byRule.set(id, [...(byRule.get(id) ?? []), m]);
    }
    const cases: string[] = [];
    if (byRule.size === 0) cases.push(`    <testcase classname="${xml(file)}" name="satlint" time="0"/>`);
    for (const [id, ms] of byRule) {
      const errors = ms.filter((m) => m.severity === 2).length;
      const body = ms.map((m) => `${m.severity === 2 ? 'error' : 'warning'} ${file}:${m.line}:${m.column} ${sanitize(m.message)}`).join('\n');
      cases.push(
        `    <testcase classname="${xml(file)}" name="${xml(id)}" time="0">\n` +
          `      <failure type="${errors > 0 ? 'error' : 'warning'}" message="${xml(`${ms.length} finding${ms.length === 1 ? '' : 's'} of ${id}`)}">${xml(body)}</failure>\n` +
          '    </testcase>',
      );
    }
    tests += cases.length;
    failures += byRule.size;
    suites.push(`  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${byRule.size}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="satlint" tests="${tests}" failures="${failures}" errors="0" time="0">\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}
