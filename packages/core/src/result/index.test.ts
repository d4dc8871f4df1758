import { describe, expect, it } from 'vitest';
import type { LintMessage } from '../types.js';
import { asPatchResult, countMessages, errorsOnly, fatalResult, fileResult, withCounts } from './index.js';

const fix = { range: [0, 1] as [number, number], text: '' };
const msg = (ruleId: string | null, severity: 1 | 2, line: number, extra: Partial<LintMessage> = {}): LintMessage => ({ ruleId, severity, message: `${ruleId}`, line, column: 1, ...extra });

describe('the result stage', () => {
  it('counts errors, warnings, fatal and fixable messages in one place', () => {
    expect(countMessages([msg('a', 2, 1, { fix }), msg('b', 1, 2, { fix }), msg(null, 2, 3, { fatal: true }), msg('c', 1, 4)])).toEqual({ errorCount: 2, warningCount: 2, fatalErrorCount: 1, fixableErrorCount: 1, fixableWarningCount: 1 });
  });

  it('sorts a file\'s messages by line, column, then rule id', () => {
    const r = fileResult('f.yaml', [msg('z', 1, 2), msg('b', 2, 1), msg('a', 2, 1)], []);
    expect(r.messages.map((m) => m.ruleId)).toEqual(['a', 'b', 'z']);
    expect(r).not.toHaveProperty('secrets');
  });

  it('a fatal result, errors only, and recounting after a filter', () => {
    expect(fatalResult('x.yaml', 'not UTF-8', 3, 4)).toEqual({ filePath: 'x.yaml', messages: [{ ruleId: null, severity: 2, fatal: true, message: 'not UTF-8', line: 3, column: 4 }], suppressedMessages: [], errorCount: 1, warningCount: 0, fatalErrorCount: 1, fixableErrorCount: 0, fixableWarningCount: 0 });
    const r = fileResult('f.yaml', [msg('a', 1, 1, { fix }), msg('b', 2, 2)], []);
    expect(errorsOnly(r)).toMatchObject({ messages: [{ ruleId: 'b' }], errorCount: 1, warningCount: 0, fixableWarningCount: 0 });
    expect(withCounts({ ...r, messages: [] })).toMatchObject({ errorCount: 0, warningCount: 0 });
  });

  it('a patch file keeps its text rules, parse errors and bookkeeping, without fixes', () => {
    const r = fileResult('p.yaml', [msg('no-duplicate-keys', 2, 1, { fix, suggestions: [] }), msg('no-automount-token', 2, 2), msg(null, 1, 3, { messageId: 'unused-suppression' })], []);
    const p = asPatchResult(r);
    expect(p.messages).toEqual([msg('no-duplicate-keys', 2, 1), msg(null, 1, 3, { messageId: 'unused-suppression' })]);
    expect(p).toMatchObject({ errorCount: 1, warningCount: 1, fixableErrorCount: 0 });
  });
});
