import { describe, expect, it } from 'vitest';
import { slowdown } from '../../../test-support/timing.mjs';
import { lint } from './lint.js';
import { parseManifests, findTemplateExpression } from './parse/index.js';
import { endsWithBlockHeader } from './parse/lenient.js';
import { kustomizeOrigin } from './model/index.js';
import { nameMatches } from './config/index.js';
import { credentialInValue } from './rules/no-static-cloud-credentials/index.js';

/**
 * Inputs that made a pattern super-linear (issue 17; most are recheck's attack strings), each timed
 * against a benign input of the same size in the same process. Before the fix each ratio was in the
 * hundreds or thousands (the AWS credentials pattern took 32 s on 480 KB); a linear scan keeps it
 * near 1. Each benign input has the size and the line structure of its hostile twin, so both take
 * the same path. The bound is loose on purpose: only a change of complexity class can cross it.
 */
const MAX_RATIO = 15;

function expectLinear(name: string, hostile: () => unknown, benign: () => unknown): void {
  const r = slowdown(hostile, benign, { runs: 7, floorMs: 5 });
  expect(r.ratio, `${name}: hostile ${r.hostileMs.toFixed(1)} ms vs benign ${r.benignMs.toFixed(1)} ms`).toBeLessThan(MAX_RATIO);
}

const N = 60_000;

describe('patterns on manifest data stay linear (timed against a benign input of the same size)', () => {
  it('AWS credentials file: a Secret value of many [a] lines', () => {
    // Same size and the same number of lines, with a '[' so both are read line by line.
    const hostile = '[a]\n'.repeat(N);
    const benign = 'a[a\n'.repeat(N);
    expect(credentialInValue(hostile)).toBeNull();
    expect(credentialInValue('[default]\naws_access_key_id = x\naws_secret_access_key = y\n')).toEqual({ provider: 'aws', what: 'an AWS credentials file' });
    expectLinear('aws', () => credentialInValue(hostile), () => credentialInValue(benign));
  });

  it('Azure client secret line: many blank lines', () => {
    const hostile = `_${'\n\t'.repeat(N)}=\nAZURE_CLIENT_SECRET=p`;
    const benign = `_${'\na'.repeat(N)}=\nAZURE_CLIENT_SECRET=p`;
    expect(credentialInValue(hostile)).toEqual({ provider: 'azure', what: 'an Azure client secret' });
    expect(credentialInValue('AZURE_CLIENT_SECRET=\n')).toBeNull();
    expectLinear('azure', () => credentialInValue(hostile), () => credentialInValue(benign));
  });

  it('kustomize origin annotation: a value padded with tabs', () => {
    const ann = (text: string) => ({ annotations: { 'config.kubernetes.io/origin': text } });
    const hostile = ann(`path:t${'\t'.repeat(N)}a\npath:a`);
    const benign = ann(`path:t${'x'.repeat(N)}a\npath:a`);
    expect(kustomizeOrigin(ann('path: "base/sa.yaml"\nconfiguredIn: k.yaml\n'))).toEqual({ file: 'base/sa.yaml', via: 'kustomize' });
    expect(kustomizeOrigin(ann('repo: https://x\npath: a.yaml'))).toBeUndefined();
    expect(kustomizeOrigin(ann('configuredIn: kustomization.yaml'))).toEqual({ file: 'kustomization.yaml', via: 'kustomize' });
    expectLinear('origin', () => kustomizeOrigin(hostile), () => kustomizeOrigin(benign));
  });

  it('helm # Source: comments padded with tabs', () => {
    const doc = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n';
    const hostile = `# Source:c${'\t'.repeat(N)}\v\n# Source: chart/templates/sa.yaml\n${doc}`;
    const benign = `# Source:c${'x'.repeat(N)}\v\n# Source: chart/templates/sa.yaml\n${doc}`;
    expect(parseManifests(`---\n# Source: chart/templates/sa.yaml  \n${doc}`).documents[0]!.origin).toEqual({ file: 'chart/templates/sa.yaml', via: 'helm' });
    expectLinear('source', () => parseManifests(hostile), () => parseManifests(benign));
  });

  it('unrendered template detection: {{{{{{…', () => {
    const hostile = '{{'.repeat(N);
    const benign = 'ab'.repeat(N);
    expect(findTemplateExpression('a: {{ .Values.x }}')).toEqual([3, 18]);
    expect(findTemplateExpression('{{{ x }} y')).toEqual([0, 8]);
    expect(findTemplateExpression('{{ a } }} {{ b }}')).toEqual([10, 17]);
    expect(findTemplateExpression(hostile)).toBeNull();
    expectLinear('template', () => findTemplateExpression(hostile), () => findTemplateExpression(benign));
  });

  it('block scalar headers in the lenient-quote repair: `:\\t>#` repeated', () => {
    // recheck's attack string for the pattern this replaced.
    const hostile = `#${':\t>#'.repeat(N / 2)}-\r>`;
    const benign = `#${'abcd'.repeat(N / 2)}-\r>`;
    expect(['key: |', '- >-', '  |2 # c', 'a: >+\r', '|', 'a:|', 'x |', 'a: | b'].map(endsWithBlockHeader)).toEqual([true, true, true, true, true, false, false, false]);
    expectLinear('block header', () => endsWithBlockHeader(hostile), () => endsWithBlockHeader(benign));
  });

  it('trailing blanks of a folded quoted scalar', () => {
    const hostile = `a: "x${' \t'.repeat(N)}b\n  c"\n`;
    const benign = `a: "x${'yz'.repeat(N)}b\n  c"\n`;
    expect(parseManifests('a: "x  \n  c"\n').documents[0]!.value).toEqual({ a: 'x c' });
    expectLinear('fold', () => parseManifests(hostile), () => parseManifests(benign));
  });

  it('a control-plane binary in a long shell argument', () => {
    const pod = (script: string) => [{ path: 'p.yaml', text: `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: kube-system}\nspec:\n  automountServiceAccountToken: false\n  containers:\n  - name: c\n    command: [sh, -c, ${JSON.stringify(script)}]\n` }];
    const hostile = pod(`${'"s'.repeat(N)} x`);
    const benign = pod(`${'ss'.repeat(N)} x`);
    const found = lint(pod('exec /usr/local/bin/kube-apiserver --service-account-lookup=false'))[0]!.messages.filter((m) => m.ruleId === 'apiserver-token-flags');
    expect(found.length).toBeGreaterThan(0);
    expectLinear('binary', () => lint(hostile), () => lint(benign));
  });

  it('a mount path of many slashes', () => {
    const pod = (mountPath: string) => [{ path: 'p.yaml', text: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  automountServiceAccountToken: false\n  volumes: [{name: k, secret: {secretName: k}}]\n  containers:\n  - name: c\n    env: [{name: GOOGLE_APPLICATION_CREDENTIALS, value: /var/k/key.json}]\n    volumeMounts: [{name: k, mountPath: ${JSON.stringify(mountPath)}}]\n` }];
    const hostile = pod(`${'/'.repeat(N)}x`);
    const benign = pod(`/${'x'.repeat(N)}`);
    expect(lint(pod('/var/k//'))[0]!.messages.filter((m) => m.ruleId === 'no-static-cloud-credentials').map((m) => m.line)).toEqual([9]);
    expectLinear('mount path', () => lint(hostile), () => lint(benign));
  });

  it('config ignores match long resource names without a pattern', () => {
    expect(['kube-*', 'kube-?roxy', '*', 'a*b*c', 'exact'].map((g) => nameMatches(g, 'kube-proxy'))).toEqual([true, true, true, false, false]);
    expect(nameMatches('a*b*c', 'axxbyyc')).toBe(true);
    const name = 'a'.repeat(3000);
    const config = { ignores: [{ rule: '*', name: '*a*a*a*a*b', reason: 'r' }] };
    const doc = (n: string) => [{ path: 's.yaml', text: `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${n}, namespace: x}\n` }];
    expectLinear('ignores', () => lint(doc(name), { config }), () => lint(doc('b'.repeat(3000)), { config }));
  });
});

describe('suppressions that name many rules', () => {
  it('an ignore annotation of 20 unknown names warns about 10 by name and counts the rest; repeats count once', () => {
    const names = Array.from({ length: 20 }, (_, i) => `bogus-${i}`);
    const text = `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  namespace: x\n  annotations:\n    satlint.dev/ignore: "${[...names, ...names].join(',')} -- r"\nautomountServiceAccountToken: false\n`;
    const [r] = lint([{ path: 'sa.yaml', text }]);
    const warnings = r!.messages.filter((m) => m.messageId === 'misspelled-suppression').map((m) => m.message);
    expect(warnings).toHaveLength(11);
    expect(warnings[0]).toBe('Annotation "satlint.dev/ignore" suppresses nothing: "bogus-0" is not a satlint rule');
    expect(warnings[10]).toBe('Annotation "satlint.dev/ignore" suppresses nothing: 10 more names are not satlint rules');
  });

  it('an annotation of many bogus names lints in time proportional to its length', () => {
    const doc = (v: string) => [{ path: 'sa.yaml', text: `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  annotations:\n    satlint.dev/ignore: ${JSON.stringify(v)}\n` }];
    // 32 s at 1.1 MB before the names were deduplicated and capped (an edit distance and a
    // warning each); the benign twin is one long word.
    const hostile = doc('aws_secret_access_key=\n'.repeat(4000));
    const benign = doc('x'.repeat('aws_secret_access_key=\n'.length * 4000));
    expectLinear('bogus names', () => lint(hostile), () => lint(benign));
  });
});
