import type { LintMessage, LintResult, Resource, SuppressedMessage } from '../types.js';
import { secretValuesOf } from '../format/mask.js';
import { PATCH_RULE_IDS } from '../kustomize-patches.js';
import { localeOrder } from '../locale-order.js';

/** The counts of a result, from its messages: the one place satlint counts. */
export function countMessages(messages: readonly LintMessage[]): Pick<LintResult, 'errorCount' | 'warningCount' | 'fatalErrorCount' | 'fixableErrorCount' | 'fixableWarningCount'> {
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const m of messages) {
    if (m.severity === 2) {
      errorCount++;
      if (m.fatal) fatalErrorCount++;
      if (m.fix) fixableErrorCount++;
    } else {
      warningCount++;
      if (m.fix) fixableWarningCount++;
    }
  }
  return { errorCount, warningCount, fatalErrorCount, fixableErrorCount, fixableWarningCount };
}

/** A result with its counts recomputed from its messages (after messages were filtered or moved). */
export function withCounts(r: LintResult): LintResult {
  return { ...r, ...countMessages(r.messages) };
}

/** Messages in the order reports show them: by position, then rule id. */
export function sortMessages(messages: LintMessage[]): LintMessage[] {
  return messages.sort((a, b) => a.line - b.line || a.column - b.column || localeOrder(a.ruleId ?? '', b.ruleId ?? ''));
}

/**
 * The result stage: a file's messages (sorted here) and suppressed messages with their counts; the
 * Secret values of its resources ride along, never printed, so that formatters can mask them.
 */
export function fileResult(filePath: string, messages: LintMessage[], suppressedMessages: SuppressedMessage[] = [], resources?: readonly Resource[]): LintResult {
  sortMessages(messages);
  return { filePath, messages, suppressedMessages, ...countMessages(messages), ...(resources ? { secrets: secretValuesOf(resources) } : {}) };
}

/** A result for a file that could not be read or decoded at all: one fatal message at `line`:`column`. */
export function fatalResult(filePath: string, message: string, line = 1, column = 1): LintResult {
  return fileResult(filePath, [{ ruleId: null, severity: 2, fatal: true, message, line, column }], []);
}

/** Only the errors of a result (`--quiet`). */
export function errorsOnly(r: LintResult): LintResult {
  return withCounts({ ...r, messages: r.messages.filter((m) => m.severity === 2) });
}

const PATCH_RULES: ReadonlySet<string | null> = new Set([null, ...PATCH_RULE_IDS]);

/**
 * A Kustomize patch file's result: only the rules that judge its text ({@link PATCH_RULE_IDS}),
 * parse problems and suppression bookkeeping, and no fixes or suggestions (a patch is never fixed).
 */
export function asPatchResult(r: LintResult): LintResult {
  const messages = r.messages.filter((m) => PATCH_RULES.has(m.ruleId)).map(({ fix: _fix, suggestions: _suggestions, ...m }) => m);
  return withCounts({ ...r, messages, suppressedMessages: r.suppressedMessages.filter((m) => PATCH_RULES.has(m.ruleId)) });
}
