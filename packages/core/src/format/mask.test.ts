import { describe, expect, it } from 'vitest';
import { lint } from '../lint.js';
import { format, FORMATS } from './index.js';
import type { AuditSummary } from '../audit/index.js';

// A pod whose token findings carry edits spanning the container's env (the migration rewrites the
// pod spec), one of them suppressed: reports print suppressed findings too.
const POD = `apiVersion: v1
kind: Pod
metadata: {name: op, namespace: apps}
# satlint-disable-next-line no-default-service-account -- reviewed
spec:
  containers:
    - name: operator
      image: example/operator
      env:
        - name: UPSTREAM_URL
          value: plain-looking-value-7
`;

describe('maskResult through format()', () => {
  const audit: { result?: AuditSummary } = {};
  const results = lint([{ path: 'pod.yaml', text: POD }], { audit });
  it('the fixture has a suppressed finding whose edit contains the env value (or this test proves nothing)', () => {
    const r = results[0]!;
    const edits = [...r.messages, ...r.suppressedMessages].flatMap((m) => [m.fix?.text ?? '', ...(m.suggestions ?? []).map((s) => s.fix.text)]);
    expect(r.suppressedMessages.length).toBeGreaterThan(0);
    expect(r.suppressedMessages.some((m) => (m.suggestions ?? []).some((s) => s.fix.text.includes('plain-looking-value-7')) || m.fix?.text.includes('plain-looking-value-7'))).toBe(true);
    expect(edits.some((t) => t.includes('plain-looking-value-7'))).toBe(true);
  });
  for (const name of FORMATS) {
    it(`-f ${name} prints no env value, suppressed findings included`, () => {
      expect(format(results, name, { cwd: '/', ...(audit.result ? { audit: audit.result } : {}) })).not.toContain('plain-looking-value-7');
    });
  }
});
