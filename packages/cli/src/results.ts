import type { LintMessage, LintResult } from '@satlint/core';

/** A result with its counts recomputed from its messages (after messages were filtered or moved). */
export function withCounts(r: LintResult): LintResult {
  const m = r.messages;
  const n = (sev: 1 | 2, fixable = false) => m.filter((x) => x.severity === sev && (!fixable || x.fix)).length;
  return { ...r, errorCount: n(2), warningCount: n(1), fatalErrorCount: m.filter((x) => x.fatal).length, fixableErrorCount: n(2, true), fixableWarningCount: n(1, true) };
}

/** A fresh result for `filePath` holding `messages` in position order. */
export function resultOf(filePath: string, messages: LintMessage[], suppressedMessages: LintResult['suppressedMessages'] = []): LintResult {
  messages.sort((a, b) => a.line - b.line || a.column - b.column);
  return withCounts({ filePath, messages, suppressedMessages, errorCount: 0, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 });
}
