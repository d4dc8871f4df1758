import { describe, expect, it } from 'vitest';
import { lint } from '../lint.js';
import { isSuppressionMessage, SUPPRESSION_MESSAGE_IDS } from './report.js';

const sa = (annotations: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  namespace: x\n  annotations:\n${annotations}automountServiceAccountToken: false\n`;
const bookkeeping = (text: string, config = {}) =>
  lint([{ path: 'sa.yaml', text }], { config, now: new Date('2026-06-01T00:00:00Z') })[0]!.messages.filter(isSuppressionMessage).map((m) => [m.messageId, m.line, m.message]);

describe('suppression bookkeeping: one message id per kind of problem', () => {
  it('unused: a comment and an annotation that silence nothing', () => {
    expect(bookkeeping(`# satlint-disable-next-line no-automount-token -- r\n${sa('    ignore.satlint.dev/service-account-automount: "r"\n')}`)).toEqual([
      ['unused-suppression', 1, 'Unused satlint-disable-next-line directive (no problems were reported from "no-automount-token")'],
      ['unused-suppression', 8, 'Unused suppression "ignore.satlint.dev/service-account-automount" (no problems were reported from "service-account-automount")'],
    ]);
  });

  it('expired: an annotation past its date', () => {
    const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  namespace: x\n  annotations:\n    ignore.satlint.dev/service-account-automount: "later; expires 2026-01-31"\n';
    expect(bookkeeping(text)).toEqual([['expired-suppression', 7, 'Suppression "ignore.satlint.dev/service-account-automount" expired on 2026-01-31: its findings are reported again']]);
  });

  it('misspelled: a key that looks like satlint\'s', () => {
    const [m] = bookkeeping(sa('    satlint.dev/ignores: "service-account-automount"\n'));
    expect(m!.slice(0, 2)).toEqual(['misspelled-suppression', 7]);
    expect(m![2]).toMatch(/^Annotation "satlint.dev\/ignores" suppresses nothing: /);
  });

  it('not honoured: in-manifest suppressions under allowInlineSuppressions: false', () => {
    expect(bookkeeping(`# satlint-disable service-account-automount\n${sa('    satlint.dev/ignore: "service-account-automount -- r"\n')}`, { allowInlineSuppressions: false })).toEqual([
      ['suppression-not-honoured', 1, 'satlint-disable comments are not honoured: the configuration sets allowInlineSuppressions: false'],
      ['suppression-not-honoured', 8, 'Annotation "satlint.dev/ignore" is not honoured: the configuration sets allowInlineSuppressions: false'],
    ]);
  });

  it('the ids are distinct and only bookkeeping (ruleId null) counts', () => {
    expect(new Set(Object.values(SUPPRESSION_MESSAGE_IDS)).size).toBe(4);
    expect(isSuppressionMessage({ ruleId: null, messageId: 'unused-suppression' })).toBe(true);
    expect(isSuppressionMessage({ ruleId: 'no-automount-token', messageId: 'unused-suppression' })).toBe(false);
    expect(isSuppressionMessage({ ruleId: null, messageId: 'syntax' })).toBe(false);
  });
});
