import { describe, expect, it } from 'vitest';
import { lint } from '../lint.js';
import { format, formatParts, FORMATS } from './index.js';
import { maskResult } from './mask.js';
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

// formatParts: the same text in parts (the CLI writes the JSON report one result at a time).
const CLEAN = `apiVersion: v1
kind: Pod
metadata: {name: quiet, namespace: apps}
spec:
  automountServiceAccountToken: false
  serviceAccountName: quiet
  containers: [{name: app, image: example/app}]
`;
const BROKEN = 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n';

describe('formatParts', () => {
  const audit: { result?: AuditSummary } = {};
  const results = lint(
    [
      { path: 'pod.yaml', text: POD },
      { path: 'clean.yaml', text: CLEAN },
      { path: 'broken.yaml', text: BROKEN },
    ],
    { audit },
  );
  const options = { cwd: '/', ...(audit.result ? { audit: audit.result } : {}) };

  for (const name of FORMATS) {
    it(`-f ${name}: the parts joined are exactly format()'s text`, () => {
      expect([...formatParts(results, name, options)].join('')).toBe(format(results, name, options));
    });
  }

  it('json comes one result at a time: `[`, a part per file, `]` and a line break', () => {
    const parts = [...formatParts(results, 'json')];
    expect(parts).toHaveLength(results.length + 2);
    expect(parts[0]).toBe('[');
    expect(parts.at(-1)).toBe(']\n');
    expect(JSON.parse(parts[1]!)).toMatchObject({ filePath: 'pod.yaml' });
    expect(JSON.parse(parts[2]!.slice(1))).toMatchObject({ filePath: 'clean.yaml', messages: [] });
    expect(parts[3]!.startsWith(',')).toBe(true);
  });

  it('json is the JSON text of the masked results, the env value never in it', () => {
    const text = [...formatParts(results, 'json')].join('');
    const r = results[0]!;
    expect([...r.messages, ...r.suppressedMessages].some((m) => m.fix?.text.includes('plain-looking-value-7') || (m.suggestions ?? []).some((s) => s.fix.text.includes('plain-looking-value-7')))).toBe(true);
    expect(text).not.toContain('plain-looking-value-7');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(results.map(maskResult).map(({ secrets: _s, ...x }) => x))));
  });

  it('sarif comes a finding at a time, each indented as JSON.stringify indents the whole document', () => {
    const parts = [...formatParts(results, 'sarif', options)];
    const findings = results.reduce((n, r) => n + r.messages.length, 0);
    expect(findings).toBeGreaterThanOrEqual(2);
    expect(parts).toHaveLength(findings + 1);
    const text = parts.join('');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(parts[1]!.startsWith(',\n        {\n          "ruleId": ')).toBe(true);
    expect(parts.at(-1)!.startsWith('\n      ],\n      "columnKind"')).toBe(true);
    // No finding at all: the empty array JSON.stringify writes.
    const none = [...formatParts(lint([{ path: 'clean.yaml', text: CLEAN }]), 'sarif', { cwd: '/' })];
    expect(none).toHaveLength(1);
    expect(none[0]).toBe(`${JSON.stringify(JSON.parse(none[0]!), null, 2)}\n`);
    expect(none[0]).toContain('"results": [],');
  });

  it('an empty run is `[]` and a line break', () => {
    expect([...formatParts([], 'json')]).toEqual(['[', ']\n']);
    expect(format([], 'json')).toBe('[]\n');
  });
});
