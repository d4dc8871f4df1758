import { describe, expect, it } from 'vitest';
import { lint } from '../lint.js';
import { yaml } from '../testing/index.js';
import type { SatlintConfig } from '../config/index.js';

const now = new Date('2026-11-28T12:00:00Z');
const pod = (extra = '', annotations = '') => yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: p
    namespace: apps${annotations}
  spec:${extra}
    serviceAccountName: web
    containers: [{name: c, image: i}]
`;

function run(text: string, config: SatlintConfig = {}) {
  const [r] = lint([{ path: '/repo/k8s/pod.yaml', text }], { config, now, basePath: '/repo' });
  return {
    messages: r!.messages.map((m) => [m.ruleId, m.line, m.message.slice(0, 30)]),
    suppressed: r!.suppressedMessages.map((m) => [m.ruleId, m.suppressions[0]!.kind, m.suppressions[0]!.justification]),
  };
}

describe('comment suppressions', () => {
  it('disable-next-line silences exactly that rule on the next line, with its reason', () => {
    const text = pod().replace('spec:', '# satlint-disable-next-line no-automount-token -- talks to the API for leader election\nspec:');
    expect(run(text)).toEqual({ messages: [], suppressed: [['no-automount-token', 'comment', 'talks to the API for leader election']] });
  });
  it('a disable-next-line for another rule does not apply, and is reported unused', () => {
    const text = pod().replace('spec:', '# satlint-disable-next-line service-account-automount\nspec:');
    expect(run(text).messages).toEqual([
      [null, 6, 'Unused satlint-disable-next-li'],
      ['no-automount-token', 7, 'Pod apps/p mounts an API token'],
    ]);
  });
  it('disable … enable covers a region', () => {
    const text = `# satlint-disable no-automount-token -- legacy batch\n${pod()}---\n# satlint-enable no-automount-token\n${pod().replace('name: p', 'name: q')}`;
    const r = run(text);
    expect(r.suppressed.map((s) => s[0])).toEqual(['no-automount-token']);
    expect(r.messages.map((m) => [m[0], m[1]])).toEqual([['no-automount-token', 17]]);
  });
});

describe('which comments are directives', () => {
  it('a directive right after `#`, or after tabs and spaces, still silences', () => {
    for (const lead of ['#', '#\t ', '#   ']) {
      const text = pod().replace('spec:', `${lead}satlint-disable-next-line no-automount-token -- leader election\nspec:`);
      expect(run(text)).toEqual({ messages: [], suppressed: [['no-automount-token', 'comment', 'leader election']] });
    }
  });
  it('`satlint-disable` after other text in a comment, or outside a comment, is not a directive', () => {
    const inComment = pod().replace('spec:', '# see satlint-disable-next-line no-automount-token\nspec:');
    const inData = pod('', '\n    annotations:\n      note: "satlint-disable-next-line no-automount-token"');
    for (const text of [inComment, inData]) expect(run(text)).toEqual({ messages: [['no-automount-token', expect.any(Number), 'Pod apps/p mounts an API token']], suppressed: [] });
  });
});

describe('annotation suppressions', () => {
  it('satlint.dev/ignore lists rules', () => {
    const r = run(pod('', '\n    annotations:\n      satlint.dev/ignore: "no-automount-token -- operator"'));
    expect(r).toEqual({ messages: [], suppressed: [['no-automount-token', 'annotation', 'operator']] });
  });
  it('ignore.satlint.dev/<rule> with a future expiry suppresses', () => {
    const r = run(pod('', '\n    annotations:\n      ignore.satlint.dev/no-automount-token: "needs the API; expires 2027-03-31"'));
    expect(r.suppressed).toEqual([['no-automount-token', 'annotation', 'needs the API; expires 2027-03-31']]);
  });
  it('an expired one stops suppressing and says so', () => {
    const r = run(pod('', '\n    annotations:\n      ignore.satlint.dev/no-automount-token: "needs the API; expires 2026-01-31"'));
    expect(r.suppressed).toEqual([]);
    expect(r.messages).toEqual([
      [null, 7, 'Suppression "ignore.satlint.de'],
      ['no-automount-token', 8, 'Pod apps/p mounts an API token'],
    ]);
  });
  it('works on a pod template', () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          metadata:
            annotations:
              ignore.satlint.dev/no-automount-token: "kube-state-metrics reads the API"
          spec:
            containers: []
    `;
    expect(run(text).suppressed).toEqual([['no-automount-token', 'annotation', 'kube-state-metrics reads the API']]);
  });
  it('reports misspelled keys and unknown rule ids', () => {
    const r = run(pod('\n    automountServiceAccountToken: false', '\n    annotations:\n      satlint.dev/ignroe: x\n      ignore.satlint.dev/no-automount-tokens: w\n      satlnt.dev/ignore: z'));
    expect(r.messages.map((m) => [m[0], m[1]])).toEqual([
      [null, 7],
      [null, 8],
      [null, 9],
    ]);
  });
  it('reports an unused annotation', () => {
    const r = run(pod('\n    automountServiceAccountToken: false', '\n    annotations:\n      satlint.dev/ignore: no-automount-token'));
    expect(r.messages.map((m) => m[2])).toEqual(['Unused suppression "satlint.de']);
  });
});

describe('configuration', () => {
  it('ignores by rule, kind, namespace and name, with a reason', () => {
    const r = run(pod(), { ignores: [{ rule: 'no-automount-token', kind: 'Pod', namespace: 'apps', name: 'p*', reason: 'vendor chart' }] });
    expect(r).toEqual({ messages: [], suppressed: [['no-automount-token', 'config', 'vendor chart']] });
  });
  it('overrides by file glob (relative to the config directory) and by namespace', () => {
    expect(run(pod(), { overrides: [{ files: ['k8s/**'], rules: { 'no-automount-token': 'warn' } }] }).messages.map((m) => m[0])).toEqual(['no-automount-token']);
    const [byNs] = lint([{ path: '/repo/k8s/pod.yaml', text: pod() }], { config: { overrides: [{ namespaces: ['apps'], rules: { 'no-automount-token': 'off' } }] }, now, basePath: '/repo' });
    expect(byNs!.messages).toEqual([]);
    const [warn] = lint([{ path: '/repo/k8s/pod.yaml', text: pod() }], { config: { overrides: [{ files: ['**/pod.yaml'], rules: { 'no-automount-token': 'warn' } }] }, now, basePath: '/repo' });
    expect(warn!.messages.map((m) => m.severity)).toEqual([1]);
  });
  it('can refuse in-manifest suppressions', () => {
    const text = pod().replace('spec:', '# satlint-disable-next-line no-automount-token -- because\nspec:');
    const r = run(text, { allowInlineSuppressions: false });
    expect(r.messages.map((m) => [m[0], m[1]])).toEqual([
      [null, 6],
      ['no-automount-token', 7],
    ]);
  });
  it('strict turns warnings into errors', () => {
    const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n';
    expect(lint([{ path: 'a.yaml', text: sa }])[0]!.messages.map((m) => m.severity)).toEqual([1]);
    expect(lint([{ path: 'a.yaml', text: sa }], { config: { extends: 'strict' } })[0]!.messages.map((m) => m.severity)).toEqual([2]);
  });
});
