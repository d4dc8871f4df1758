/**
 * A seeded, reproducible generator of tricky manifests for the differential comparison with
 * Kubernetes' own code (conformance/kubernetes). The same seed always yields the same cases, byte
 * for byte, so recorded verdicts stay valid until the generator changes (each case carries a hash of
 * its input, checked by test/kubernetes.test.ts).
 */
import type { Case, CanIQuestions } from './types.js';

/** mulberry32: small, fast, good enough for test input. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: R, p: number): boolean => r() < p;

/** Plain and tagged scalars in every YAML 1.1 / go-yaml v2 form that matters. */
export const SCALARS: readonly string[] = [
  'true', 'false', 'True', 'False', 'TRUE', 'FALSE', 'yes', 'no', 'Yes', 'No', 'YES', 'NO', 'on', 'off', 'On', 'Off', 'ON', 'OFF', 'y', 'n', 'Y', 'N',
  '"false"', "'true'", '!!bool "false"', '!!bool yes', '!!str true', '!!str off', '1', '0', '~', 'null', 'Null', 'NULL', '',
  '0x1F', '0X1f', '0o17', '017', '0b101', '+0b101', '-0x10', '1_000', '1__0', '0_7', '190:20:30', '-1:30', '1:60', '1e3', '1E3', '1.5e+3', '1.0', '.5', '+.5', '-.5e-2', '1.', '+12', '-0', '00',
  '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2002-12-14', '2002-1-4',
  '9007199254740993', '12345678901234567890', '-9223372036854775808', '9223372036854775807', '9223372036854775808', '123456789012345678901234567890.5',
  '!!binary aGVsbG8=', '!!int "3"', '!!float 1', '!!float "1.5"', '!!int 0x10', '!!null ""', '!!timestamp 2001-12-14', '!custom value', '!<tag:yaml.org,2002:str> 5',
  '"\\u00e9\\x41\\t"', "'it''s'", '"a\\\n  b"', '|\n    block\n', '>-\n    folded\n    text\n', '= ', '<<', '"<<"', '0.0.0', '1:2:3:4', '1e', '0x', 'infinity', '-', '?', 'a: b',
];

const CONTROLLERS: readonly { kind: string; apiVersion: string; wrap: (pod: string, indent: string) => string }[] = [
  { kind: 'Pod', apiVersion: 'v1', wrap: (pod) => pod },
  { kind: 'Deployment', apiVersion: 'apps/v1', wrap: tmpl('spec:\n  selector: {matchLabels: {app: x}}\n  template:\n') },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', wrap: tmpl('spec:\n  serviceName: x\n  selector: {matchLabels: {app: x}}\n  template:\n') },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', wrap: tmpl('spec:\n  selector: {matchLabels: {app: x}}\n  template:\n') },
  { kind: 'ReplicaSet', apiVersion: 'apps/v1', wrap: tmpl('spec:\n  selector: {matchLabels: {app: x}}\n  template:\n') },
  { kind: 'ReplicationController', apiVersion: 'v1', wrap: tmpl('spec:\n  selector: {app: x}\n  template:\n') },
  { kind: 'Job', apiVersion: 'batch/v1', wrap: tmpl('spec:\n  template:\n') },
  { kind: 'CronJob', apiVersion: 'batch/v1', wrap: tmpl('spec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n', '        ') },
  { kind: 'PodTemplate', apiVersion: 'v1', wrap: (pod, _i) => 'template:\n' + indent(pod.replace(/^spec:/m, 'spec:'), '  ') },
  { kind: 'Deployment', apiVersion: 'extensions/v1beta1', wrap: tmpl('spec:\n  template:\n') },
  { kind: 'Deployment', apiVersion: 'apps/v1beta2', wrap: tmpl('spec:\n  template:\n') },
];

function tmpl(head: string, ind = '    '): (pod: string) => string {
  return (pod) => head + indent('metadata:\n  labels: {app: x}\n' + pod, ind);
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : by + l))
    .join('\n');
}

const SA_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

interface PodOptions {
  sa?: string;
  automount?: string;
  containers: { name: string; mounts: { name: string; path: string }[] }[];
  initContainers: { name: string; mounts: { name: string; path: string }[] }[];
  volumes: string[];
  annotations?: string[];
  labels?: string[];
  deprecatedSa?: string;
}

function podSpecYaml(p: PodOptions): string {
  const lines: string[] = [];
  if (p.annotations?.length || p.labels?.length) {
    lines.push('metadata:');
    if (p.labels?.length) lines.push('  labels:', ...p.labels.map((l) => '    ' + l));
    if (p.annotations?.length) lines.push('  annotations:', ...p.annotations.map((l) => '    ' + l));
  }
  lines.push('spec:');
  if (p.sa !== undefined) lines.push(`  serviceAccountName: ${p.sa}`);
  if (p.deprecatedSa !== undefined) lines.push(`  serviceAccount: ${p.deprecatedSa}`);
  if (p.automount !== undefined) lines.push(`  automountServiceAccountToken: ${p.automount}`);
  const cs = (key: string, list: PodOptions['containers']): void => {
    if (list.length === 0) return;
    lines.push(`  ${key}:`);
    for (const c of list) {
      lines.push(`  - name: ${c.name}`, '    image: registry.example/app:1');
      if (c.mounts.length) lines.push('    volumeMounts:', ...c.mounts.map((m) => `    - {name: ${m.name}, mountPath: ${m.path}}`));
    }
  };
  cs('initContainers', p.initContainers);
  cs('containers', p.containers);
  if (p.volumes.length) lines.push('  volumes:', ...p.volumes.map((v) => indent(v, '  ')));
  return lines.join('\n') + '\n';
}

function doc(apiVersion: string, kind: string, name: string, ns: string | undefined, body: string): string {
  const md = ns === undefined ? `metadata:\n  name: ${name}\n` : `metadata:\n  name: ${name}\n  namespace: ${ns}\n`;
  return `apiVersion: ${apiVersion}\nkind: ${kind}\n${md}${body}`;
}

function workloadDoc(ctl: (typeof CONTROLLERS)[number], name: string, ns: string | undefined, pod: string): string {
  if (ctl.kind === 'Pod') return doc(ctl.apiVersion, ctl.kind, name, ns, pod.replace(/^metadata:\n((?: {2}.*\n)*)/, '')).replace(/^(metadata:\n(?: {2}.*\n)*)/m, (m) => m + metadataExtra(pod));
  return doc(ctl.apiVersion, ctl.kind, name, ns, ctl.wrap(pod, ''));
}

/** A Pod's own labels/annotations (the template metadata block of podSpecYaml), moved under the object's metadata. */
function metadataExtra(pod: string): string {
  const m = /^metadata:\n((?: {2}.*\n)*)/.exec(pod);
  return m ? m[1]! : '';
}

function saDoc(name: string, ns: string | undefined, automount: string | undefined): string {
  return doc('v1', 'ServiceAccount', name, ns, automount === undefined ? '' : `automountServiceAccountToken: ${automount}\n`);
}

const TOKEN_SOURCES: readonly string[] = [
  '- serviceAccountToken: {path: token}',
  '- serviceAccountToken: {path: token, expirationSeconds: 3600, audience: vault}',
  '- serviceAccountToken: {path: token, expirationSeconds: 599}',
  '- serviceAccountToken: {path: token, expirationSeconds: 600}',
  '- serviceAccountToken: {path: token, expirationSeconds: 3607}',
  '- serviceAccountToken: {path: token, expirationSeconds: 4294967296}',
  '- serviceAccountToken: {path: token, expirationSeconds: 4294967297}',
  '- serviceAccountToken: {path: token, expirationSeconds: "600"}',
  '- serviceAccountToken: {path: /abs/token}',
  '- serviceAccountToken: {path: ../token}',
  '- serviceAccountToken: {path: a/../token}',
  '- serviceAccountToken: {path: ..token}',
  '- serviceAccountToken: {path: token/..}',
  '- serviceAccountToken: {path: ""}',
  '- serviceAccountToken: {}',
  '- serviceAccountToken: {path: "a//b"}',
  '- serviceAccountToken: {path: token, audience: ""}',
  '- serviceAccountToken: {path: token}\n  configMap: {name: ca}',
  '- serviceAccountToken: {path: token}\n  secret: {name: s}',
  '- configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}',
  '- configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: token}]}',
  '- downwardAPI: {items: [{path: token, fieldRef: {fieldPath: metadata.name}}]}',
  '- downwardAPI: {items: [{path: namespace, fieldRef: {fieldPath: metadata.namespace}}]}',
  '- secret: {name: other-token-abcde}',
];

function projectedVolume(r: R, name: string): string {
  const n = 1 + Math.floor(r() * 3);
  const sources: string[] = [];
  for (let i = 0; i < n; i++) sources.push(pick(r, TOKEN_SOURCES));
  return `- name: ${name}\n  projected:\n    sources:\n${indent(sources.join('\n'), '    ')}`;
}

function randomPod(r: R, withAccount: boolean): { pod: PodOptions; volumeNames: string[] } {
  const volumes: string[] = [];
  const volumeNames: string[] = [];
  const nv = Math.floor(r() * 3);
  for (let i = 0; i < nv; i++) {
    const kind = pick(r, ['projected', 'projected', 'emptyDir', 'kube-api-access', 'secret']);
    if (kind === 'projected') {
      const name = `tok${i}`;
      volumes.push(projectedVolume(r, name));
      volumeNames.push(name);
    } else if (kind === 'kube-api-access') {
      const name = `kube-api-access-${pick(r, ['abcde', 'x1y2z'])}`;
      volumes.push(`- name: ${name}\n  projected:\n    sources:\n    - serviceAccountToken: {path: token, expirationSeconds: 3607}\n    - configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}`);
      volumeNames.push(name);
    } else if (kind === 'secret') {
      const name = `sec${i}`;
      volumes.push(`- name: ${name}\n  secret: {secretName: ${pick(r, ['app-token-x7k2p', 'creds'])}}`);
      volumeNames.push(name);
    } else {
      const name = `data${i}`;
      volumes.push(`- name: ${name}\n  emptyDir: {}`);
      volumeNames.push(name);
    }
  }
  const container = (name: string): PodOptions['containers'][number] => {
    const mounts: { name: string; path: string }[] = [];
    if (volumeNames.length && chance(r, 0.6)) {
      const v = pick(r, volumeNames);
      mounts.push({ name: v, path: chance(r, 0.5) ? SA_PATH : pick(r, ['/var/run/secrets/tokens', SA_PATH + '/', '/var/run/secrets/kubernetes.io', '/data']) });
    }
    if (chance(r, 0.08)) mounts.push({ name: 'missing', path: '/x' });
    return { name, mounts };
  };
  const containers = [container('app')];
  if (chance(r, 0.4)) containers.push(container('sidecar'));
  const initContainers = chance(r, 0.3) ? [container('init')] : [];
  const pod: PodOptions = { containers, initContainers, volumes };
  if (withAccount || chance(r, 0.5)) pod.sa = pick(r, ['app', 'default', 'ghost', '""']);
  if (chance(r, 0.15)) pod.deprecatedSa = pick(r, ['app', 'other']);
  if (chance(r, 0.6)) pod.automount = pick(r, ['true', 'false', 'off', 'on', 'no', 'yes', '"false"', 'True', 'n', '~', 'FALSE']);
  if (chance(r, 0.1)) pod.annotations = ['kubernetes.io/config.mirror: abc'];
  if (chance(r, 0.1)) pod.labels = ['tier: control-plane', 'component: kube-scheduler'];
  return { pod, volumeNames };
}

/** Workloads of every controller kind, with and without their ServiceAccounts, token mounts and volumes. */
function workloadCases(r: R, n: number): Case[] {
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    const ctl = CONTROLLERS[i % CONTROLLERS.length]!;
    const ns = pick(r, ['team', undefined, 'kube-system']);
    const { pod } = randomPod(r, chance(r, 0.5));
    const docs: string[] = [];
    if (chance(r, 0.6)) docs.push(saDoc('app', ns, chance(r, 0.7) ? pick(r, ['false', 'true', 'off', 'no', '"false"', 'on']) : undefined));
    if (chance(r, 0.3)) docs.push(saDoc('default', ns, pick(r, ['false', 'true', undefined as unknown as string])));
    docs.push(workloadDoc(ctl, `w${i}`, ns, podSpecYaml(pod)));
    if (chance(r, 0.2)) docs.push(saDoc('app', ns, pick(r, ['false', 'true'])));
    out.push({ id: `gen/workload/${i}`, files: [{ path: 'workload.yaml', text: docs.join('---\n') }] });
  }
  return out;
}

/** One scalar in every position the comparison reads: a token field, a custom object's value, a label. */
function scalarCases(): Case[] {
  const out: Case[] = [];
  SCALARS.forEach((s, i) => {
    const value = s.startsWith('|') || s.startsWith('>') ? s : s;
    out.push({
      id: `gen/scalar/pod/${i}`,
      files: [{ path: 'pod.yaml', text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  automountServiceAccountToken: ${value}\n  containers:\n  - name: c\n    image: x\n` }],
    });
    out.push({
      id: `gen/scalar/sa/${i}`,
      files: [{ path: 'sa.yaml', text: `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\nautomountServiceAccountToken: ${value}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n` }],
    });
    out.push({ id: `gen/scalar/value/${i}`, files: [{ path: 'w.yaml', text: `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  v: ${value}\n  list: [${s.includes('\n') || s.startsWith('!') || s === '' || s === '-' || s === '?' || s === 'a: b' || s === '= ' ? '1' : s}]\n  ${s.includes('\n') || s === '' || s.startsWith('!') || s.startsWith('"') || s.startsWith("'") || s === '-' || s === '?' || s === 'a: b' || s === '= ' ? 'k' : s}: key\n` }] });
    out.push({ id: `gen/scalar/label/${i}`, files: [{ path: 'cm.yaml', text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels:\n    l: ${value}\ndata:\n  d: ${value}\n` }] });
    out.push({ id: `gen/scalar/name/${i}`, files: [{ path: 'n.yaml', text: `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${value}\n  namespace: team\nautomountServiceAccountToken: false\n` }] });
  });
  return out;
}

const MERGE_SHAPES: readonly string[] = [
  // merge after an explicit key: the merged value does not override it in YAML 1.1, but go-yaml v2 applies merges in order
  'base: &b {automountServiceAccountToken: true}\nspec:\n  automountServiceAccountToken: false\n  <<: *b\n',
  'base: &b {automountServiceAccountToken: true}\nspec:\n  <<: *b\n  automountServiceAccountToken: false\n',
  'a: &a {automountServiceAccountToken: false}\nb: &b {automountServiceAccountToken: true}\nspec:\n  <<: [*a, *b]\n',
  'a: &a {automountServiceAccountToken: false}\nb: &b {automountServiceAccountToken: true}\nspec:\n  <<: [*b, *a]\n',
  'a: &a {automountServiceAccountToken: false}\nb: &b {automountServiceAccountToken: true}\nspec:\n  <<: *a\n  <<: *b\n',
  'a: &a {automountServiceAccountToken: false}\nspec:\n  automountServiceAccountToken: true\n  <<: *a\n  automountServiceAccountToken: true\n',
  'spec:\n  <<: {automountServiceAccountToken: false}\n',
  'spec:\n  <<: 5\n',
  'spec:\n  <<: [1, 2]\n',
  'a: &a {x: &x {automountServiceAccountToken: false}}\nspec:\n  <<: *x\n  <<: {automountServiceAccountToken: true}\n',
  'a: &a {automountServiceAccountToken: false}\nspec:\n  "<<": *a\n',
  'a: &a {automountServiceAccountToken: false}\nspec:\n  !!merge <<: *a\n',
  'a: &a {automountServiceAccountToken: false}\nspec:\n  ? <<\n  : *a\n',
  'a: &a [{automountServiceAccountToken: false}]\nspec:\n  <<: *a\n',
  'a: &a {automountServiceAccountToken: false, <<: {automountServiceAccountToken: true}}\nspec:\n  <<: *a\n',
  'spec: {<<: {automountServiceAccountToken: true}, automountServiceAccountToken: false}\n',
  'spec: {automountServiceAccountToken: false, <<: {automountServiceAccountToken: true}}\n',
  'spec:\n  <<: ~\n  automountServiceAccountToken: false\n',
  'spec:\n  <<:\n  automountServiceAccountToken: false\n',
];

function mergeCases(): Case[] {
  const out: Case[] = [];
  MERGE_SHAPES.forEach((shape, i) => {
    // The shape's spec becomes a Pod spec; the anchors live in extra top-level keys.
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${shape.replace(/^spec:\n/m, 'spec:\n  containers: [{name: c, image: x}]\n').replace(/^spec: \{/m, 'spec: {containers: [{name: c, image: x}], ')}`;
    out.push({ id: `gen/merge/pod/${i}`, files: [{ path: 'm.yaml', text }] });
    const sa = `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\n${shape.replace(/^spec:/m, 'x:')}`.replace(/^(x:[\s\S]*)$/m, '$1');
    out.push({ id: `gen/merge/value/${i}`, files: [{ path: 'v.yaml', text: sa }] });
  });
  return out;
}

/** Anchors, aliases, tags, separators, BOMs, directives, line endings, List shapes. */
function structureCases(r: R): Case[] {
  const out: Case[] = [];
  const pod = (name: string, extra = ''): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: x\n${extra}`;
  const sa = (name: string, v = 'false'): string => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\nautomountServiceAccountToken: ${v}\n`;
  const variants: [string, string][] = [
    ['bom', '\ufeff' + pod('a')],
    ['bom-second-doc', pod('a') + '---\n\ufeff' + pod('b')],
    ['crlf', (sa('default') + '---\n' + pod('a')).replace(/\n/g, '\r\n')],
    ['cr-only', (sa('default') + '---\n' + pod('a')).replace(/\n/g, '\r')],
    ['directive', '%YAML 1.1\n---\n' + pod('a')],
    ['directive-1.2', '%YAML 1.2\n---\n' + pod('a')],
    ['tag-directive', '%TAG !e! tag:example.com,2000:\n---\n' + pod('a')],
    ['doc-end', pod('a') + '...\n---\n' + pod('b')],
    ['doc-end-no-sep', pod('a') + '...\n' + pod('b')],
    ['sep-comment', pod('a') + '--- # next\n' + pod('b')],
    ['sep-inline', pod('a') + '--- ' + '{apiVersion: v1, kind: Pod, metadata: {name: b}, spec: {containers: [{name: c, image: x}]}}\n'],
    ['sep-indented', pod('a') + '  ---\n' + pod('b')],
    ['sep-in-block', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata:\n  s: |\n    ---\n    apiVersion: v1\n---\n` + pod('a')],
    ['sep-four-dashes', pod('a') + '----\n' + pod('b')],
    ['sep-trailing-ws', pod('a') + '---   \n' + pod('b')],
    ['empty-docs', '---\n---\n# only a comment\n---\n' + pod('a') + '---\n'],
    ['null-doc', 'null\n---\n' + pod('a')],
    ['tilde-doc', '~\n---\n' + pod('a')],
    ['scalar-doc', 'hello\n---\n' + pod('a')],
    ['seq-doc', '- a\n- b\n---\n' + pod('a')],
    ['json', '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{"name": "c", "image": "x"}]}}\n'],
    ['json-stream', '{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default"}, "automountServiceAccountToken": false}\n{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{"name": "c", "image": "x"}]}}\n'],
    ['json-then-yaml', '{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default"}}\n---\n' + pod('a')],
    ['json-leading-ws', '\n\n   {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{"name": "c", "image": "x"}]}}'],
    ['syntax-error-middle', sa('default') + '---\nkey: [unclosed\n---\n' + pod('a')],
    ['syntax-error-first', 'a: b: c\n---\n' + pod('a')],
    ['tab-indent', pod('a').replace('  name: a', '\tname: a')],
    ['duplicate-key', pod('a', '  automountServiceAccountToken: true\n  automountServiceAccountToken: false\n')],
    ['duplicate-key-rev', pod('a', '  automountServiceAccountToken: false\n  automountServiceAccountToken: true\n')],
    ['anchor-alias', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: &n a\n  labels: {n: *n}\nspec:\n  automountServiceAccountToken: &f false\n  containers: [{name: c, image: x}]\n`],
    ['undefined-alias', pod('a', '  automountServiceAccountToken: *nope\n')],
    ['anchor-redefined', `x: &a true\ny: &a false\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  automountServiceAccountToken: *a\n  containers: [{name: c, image: x}]\n`],
    ['many-aliases', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\nx: &x [1]\ndata:\n  k: v\nlist: [${Array.from({ length: 300 }, () => '*x').join(', ')}]\n`],
    ['alias-bomb', `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n---\n` + pod('a')],
    ['alias-medium', `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n`],
    ['tag-map', `!!map\napiVersion: v1\nkind: Pod\nmetadata: !!map {name: a}\nspec:\n  containers: !!seq [{name: c, image: x}]\n`],
    ['tag-custom-root', `!Pod\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: c, image: x}]\n`],
    ['tag-str-kind', `apiVersion: !!str v1\nkind: !!str Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: c, image: x}]\n`],
    ['tag-set', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ns: !!set {a, b}\n`],
    ['tag-omap', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ns: !!omap [a: 1, b: 2]\n`],
    ['complex-key', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\nx:\n  ? [a, b]\n  : c\n`],
    ['int-key', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\nx:\n  1: a\n  true: b\n  ~: c\n  1.5: d\n  0x10: e\n`],
    ['null-key', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n? \n: v\n`],
    ['name-int', `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: 123\nautomountServiceAccountToken: false\n---\n` + pod('a')],
    ['namespace-bool', `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: no\nautomountServiceAccountToken: false\n`],
    ['labels-list', `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  labels: [a]\nautomountServiceAccountToken: false\n---\n` + pod('a')],
    ['annotation-int', `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  annotations: {a: 1}\nautomountServiceAccountToken: false\n---\n` + pod('a')],
    ['metadata-string', `apiVersion: v1\nkind: ServiceAccount\nmetadata: default\nautomountServiceAccountToken: false\n`],
    ['metadata-null', `apiVersion: v1\nkind: ServiceAccount\nmetadata:\nautomountServiceAccountToken: false\n`],
    ['no-kind', `apiVersion: v1\nmetadata: {name: a}\nspec: {containers: [{name: c, image: x}]}\n---\n` + pod('b')],
    ['no-apiversion', `kind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: x}]}\n---\n` + pod('b')],
    ['kind-int', `apiVersion: v1\nkind: 5\nmetadata: {name: a}\n`],
    ['apiversion-int', `apiVersion: 1\nkind: Pod\nmetadata: {name: a}\n`],
    ['kind-lower', `apiVersion: v1\nkind: pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: x}]}\n`],
    ['generate-name', `apiVersion: v1\nkind: Pod\nmetadata: {generateName: gen-}\nspec: {containers: [{name: c, image: x}]}\n`],
    ['creationTimestamp', `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, creationTimestamp: 2020-01-01}\nautomountServiceAccountToken: false\n---\n` + pod('a')],
    ['creationTimestamp-null', `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, creationTimestamp: null}\nautomountServiceAccountToken: false\n---\n` + pod('a')],
    ['later-sa-replaces', sa('default', 'false') + '---\n' + sa('default', 'true') + '---\n' + pod('a')],
    ['later-sa-replaces-2', sa('default', 'true') + '---\n' + sa('default', 'false') + '---\n' + pod('a')],
    ['indentless-seq', `apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: c\n    image: x\n  automountServiceAccountToken: false\n`],
    ['flow-multiline', `{apiVersion: v1, kind: Pod,\n metadata: {name: a},\n spec: {automountServiceAccountToken: off,\n  containers: [{name: c, image: x}]}}\n`],
    ['quoted-keys', `"apiVersion": "v1"\n'kind': 'Pod'\nmetadata: {"name": a}\nspec:\n  "automountServiceAccountToken": false\n  containers: [{name: c, image: x}]\n`],
    ['long-line', pod('a', `  hostname: ${'h'.repeat(5000)}\n`)],
    ['unicode', pod('a', '  hostname: "h\\u00e9\\U0001F600\\u2028"\n')],
    ['nul-escape', pod('a', '  hostname: "a\\0b"\n')],
    ['trailing-garbage', pod('a') + '...\ngarbage: [\n'],
  ];
  for (const [name, text] of variants) out.push({ id: `gen/structure/${name}`, files: [{ path: `${name}.yaml`, text }] });
  // Field names are matched exactly (sigs.k8s.io/json's case-sensitive Unmarshal), not folded as Go's
  // encoding/json folds them. Kept out of \`variants\`, so that the random streams below stay the same.
  const keyCases: [string, string][] = [
    ['key-case-metadata', `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  LaBeLs: {a: 1}\n  NAMESPACE: 5\n  "\u017felfLink": 5\nautomountServiceAccountToken: false\n---\n` + pod('a')],
    ['key-case-metadata-key', `apiVersion: v1\nkind: ServiceAccount\nMETADATA: {name: 5}\nmetadata: {name: default}\nautomountServiceAccountToken: false\n---\n` + pod('a')],
    ['key-case-owner', `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  ownerReferences: [{KIND: 5, "\u212aind": 6, apiVersion: v1, kind: A, name: o, uid: u}]\nautomountServiceAccountToken: false\n---\n` + pod('a')],
    ['key-case-items', `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\nITEMS: x\nautomountServiceAccountToken: false\n---\n` + pod('a')],
    ['key-case-exact-wins', `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  Name: x\n  name: 5\nautomountServiceAccountToken: false\n---\n` + pod('a')],
  ];
  for (const [name, text] of keyCases) out.push({ id: `gen/structure/${name}`, files: [{ path: `${name}.yaml`, text }] });
  // List shapes
  const item = (n: string, withType = true): string => (withType ? `{apiVersion: v1, kind: ServiceAccount, metadata: {name: ${n}}, automountServiceAccountToken: false}` : `{metadata: {name: ${n}}}`);
  const lists: [string, string][] = [
    ['list', `apiVersion: v1\nkind: List\nitems:\n- ${item('default')}\n- ${item('x')}\n`],
    ['list-empty', `apiVersion: v1\nkind: List\nitems: []\n`],
    ['list-null-items', `apiVersion: v1\nkind: List\nitems:\n`],
    ['list-no-items', `apiVersion: v1\nkind: List\n`],
    ['list-untyped-item', `apiVersion: v1\nkind: List\nitems:\n- ${item('default', false)}\n`],
    ['list-scalar-item', `apiVersion: v1\nkind: List\nitems:\n- 5\n- ${item('default')}\n`],
    ['list-nested', `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n  - ${item('default')}\n`],
    ['servicelist', `apiVersion: v1\nkind: ServiceAccountList\nitems:\n- ${item('default')}\n`],
    ['podlist-untyped', `apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n  spec: {containers: [{name: c, image: x}]}\n`],
    ['list-no-apiversion', `kind: List\nitems:\n- ${item('default')}\n`],
    ['customlist', `apiVersion: example.com/v1\nkind: WidgetList\nitems:\n- ${item('default')}\n`],
    ['notalist-items', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nitems:\n- ${item('default')}\n`],
    ['list-items-map', `apiVersion: v1\nkind: List\nitems: {a: 1}\n`],
    ['list-with-pod', `apiVersion: v1\nkind: List\nitems:\n- ${item('default')}\n- {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: x}]}}\n`],
    ['list-bad-item-metadata', `apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ServiceAccount, metadata: {name: 5}}\n- ${item('default')}\n`],
  ];
  for (const [name, text] of lists) out.push({ id: `gen/list/${name}`, files: [{ path: `${name}.yaml`, text: text + '---\n' + pod('p2') }] });
  // random document streams mixing everything above
  for (let i = 0; i < 150; i++) {
    const parts: string[] = [];
    const k = 1 + Math.floor(r() * 4);
    for (let j = 0; j < k; j++) parts.push(pick(r, variants)[1]);
    out.push({ id: `gen/stream/${i}`, files: [{ path: 's.yaml', text: parts.join(pick(r, ['---\n', '\n---\n', '--- \n'])) }] });
  }
  return out;
}

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'impersonate', 'bind', 'escalate', '*'];
const RULE_RESOURCES: readonly [string, string][] = [
  ['', 'pods'], ['', 'pods/exec'], ['', 'secrets'], ['', 'serviceaccounts'], ['', 'serviceaccounts/token'], ['', 'configmaps'], ['', 'nodes'], ['', 'nodes/proxy'], ['', '*'], ['apps', 'deployments'], ['apps', 'deployments/scale'], ['apps', '*/scale'], ['', '*/*'], ['batch', 'jobs'], ['*', '*'], ['', 'users'], ['', 'groups'], ['rbac.authorization.k8s.io', 'clusterroles'], ['', 'services/status'],
];

/** Random RBAC worlds: roles with aggregation labels, bindings in every subject spelling, resourceNames, nonResourceURLs. */
function rbacCases(r: R, n: number): Case[] {
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    const docs: string[] = [];
    const nsA = 'team';
    const ruleYaml = (): string => {
      const [g, res] = pick(r, RULE_RESOURCES);
      const verbs = [...new Set([pick(r, VERBS), pick(r, VERBS)])];
      const parts = [`verbs: [${verbs.map((v) => (v === '*' ? '"*"' : v)).join(', ')}]`, `apiGroups: ["${g}"]`, `resources: ["${res}"]`];
      if (chance(r, 0.2)) parts.push(`resourceNames: [${pick(r, ['""', 'app', '"", app', 'ghost'])}]`);
      if (chance(r, 0.05)) return `- {nonResourceURLs: ["/healthz", "*"], verbs: [get]}`;
      return `- {${parts.join(', ')}}`;
    };
    const nRoles = 1 + Math.floor(r() * 3);
    const roleNames: string[] = [];
    for (let k = 0; k < nRoles; k++) {
      const cluster = chance(r, 0.5);
      const name = `r${k}`;
      roleNames.push(`${cluster ? 'ClusterRole' : 'Role'}:${name}`);
      const labels = cluster && chance(r, 0.4) ? `  labels: {${pick(r, ['rbac.authorization.k8s.io/aggregate-to-view: "true"', 'rbac.authorization.k8s.io/aggregate-to-edit: "true"', 'agg: a', 'agg: b'])}}\n` : '';
      const agg = cluster && chance(r, 0.25) ? `aggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {agg: ${pick(r, ['a', 'b'])}}\n${chance(r, 0.3) ? '  - matchExpressions: [{key: agg, operator: In, values: [a, b]}]\n' : ''}` : '';
      const rules = Array.from({ length: 1 + Math.floor(r() * 3) }, ruleYaml).join('\n');
      const apiVersion = chance(r, 0.05) ? 'rbac.authorization.k8s.io/v1beta1' : 'rbac.authorization.k8s.io/v1';
      docs.push(`apiVersion: ${apiVersion}\nkind: ${cluster ? 'ClusterRole' : 'Role'}\nmetadata:\n  name: ${name}\n${cluster ? '' : `  namespace: ${nsA}\n`}${labels}${agg}${agg && chance(r, 0.5) ? 'rules: []\n' : 'rules:\n' + rules + '\n'}`);
    }
    const subjects = [
      `{kind: ServiceAccount, name: app, namespace: ${nsA}}`,
      '{kind: ServiceAccount, name: app}',
      '{kind: ServiceAccount, name: default, namespace: other}',
      `{kind: User, name: "system:serviceaccount:${nsA}:app", apiGroup: rbac.authorization.k8s.io}`,
      `{kind: User, name: "system:serviceaccount:${nsA}:app"}`,
      '{kind: Group, name: system:serviceaccounts, apiGroup: rbac.authorization.k8s.io}',
      `{kind: Group, name: "system:serviceaccounts:${nsA}", apiGroup: rbac.authorization.k8s.io}`,
      '{kind: Group, name: system:authenticated, apiGroup: rbac.authorization.k8s.io}',
      '{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}',
      '{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}',
      '{kind: serviceaccount, name: app, namespace: team}',
    ];
    const nBind = 1 + Math.floor(r() * 3);
    for (let k = 0; k < nBind; k++) {
      const cluster = chance(r, 0.35);
      const target = chance(r, 0.7) && roleNames.length ? pick(r, roleNames) : `ClusterRole:${pick(r, ['view', 'edit', 'admin', 'cluster-admin', 'system:node', 'system:kubelet-api-admin', 'system:controller:replicaset-controller', 'system:auth-delegator', 'missing'])}`;
      const [rk, rn] = target.split(':', 2) as [string, string];
      const roleName = target.slice(rk.length + 1);
      void rn;
      const subs = [...new Set([pick(r, subjects), pick(r, subjects)])];
      docs.push(
        `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${cluster ? 'ClusterRoleBinding' : 'RoleBinding'}\nmetadata:\n  name: b${chance(r, 0.2) ? 0 : k}\n${cluster ? '' : `  namespace: ${pick(r, [nsA, nsA, 'other'])}\n`}roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${rk}, name: "${roleName}"}\nsubjects:\n${subs.map((s) => '- ' + s).join('\n')}\n`,
      );
    }
    out.push({ id: `gen/rbac/${i}`, files: [{ path: 'rbac.yaml', text: docs.join('---\n') }], canI: GENERATED_QUESTIONS });
  }
  return out;
}

/** Resources asked about, as satlint's `canI` names them and as the authorizer sees them. */
export const CANI_RESOURCES: readonly { spec: string; group: string; resource: string; subresource?: string; name?: string; cluster?: boolean }[] = [
  { spec: 'pods', group: '', resource: 'pods' },
  { spec: 'pods/exec', group: '', resource: 'pods', subresource: 'exec' },
  { spec: 'pods/attach', group: '', resource: 'pods', subresource: 'attach' },
  { spec: 'pods/portforward', group: '', resource: 'pods', subresource: 'portforward' },
  { spec: 'pods/log', group: '', resource: 'pods', subresource: 'log' },
  { spec: 'secrets', group: '', resource: 'secrets' },
  { spec: 'secrets#app', group: '', resource: 'secrets', name: 'app' },
  { spec: 'configmaps', group: '', resource: 'configmaps' },
  { spec: 'serviceaccounts', group: '', resource: 'serviceaccounts' },
  { spec: 'serviceaccounts/token', group: '', resource: 'serviceaccounts', subresource: 'token' },
  { spec: 'serviceaccounts/token#app', group: '', resource: 'serviceaccounts', subresource: 'token', name: 'app' },
  { spec: 'services', group: '', resource: 'services' },
  { spec: 'services/status', group: '', resource: 'services', subresource: 'status' },
  { spec: 'events', group: '', resource: 'events' },
  { spec: 'endpoints', group: '', resource: 'endpoints' },
  { spec: 'persistentvolumeclaims', group: '', resource: 'persistentvolumeclaims' },
  { spec: 'nodes', group: '', resource: 'nodes', cluster: true },
  { spec: 'nodes/proxy', group: '', resource: 'nodes', subresource: 'proxy', cluster: true },
  { spec: 'namespaces', group: '', resource: 'namespaces', cluster: true },
  { spec: 'persistentvolumes', group: '', resource: 'persistentvolumes', cluster: true },
  { spec: 'users', group: '', resource: 'users', cluster: true },
  { spec: 'groups', group: '', resource: 'groups', cluster: true },
  { spec: 'deployments.apps', group: 'apps', resource: 'deployments' },
  { spec: 'deployments.apps/scale', group: 'apps', resource: 'deployments', subresource: 'scale' },
  { spec: 'daemonsets.apps', group: 'apps', resource: 'daemonsets' },
  { spec: 'statefulsets.apps', group: 'apps', resource: 'statefulsets' },
  { spec: 'jobs.batch', group: 'batch', resource: 'jobs' },
  { spec: 'cronjobs.batch', group: 'batch', resource: 'cronjobs' },
  { spec: 'roles.rbac.authorization.k8s.io', group: 'rbac.authorization.k8s.io', resource: 'roles' },
  { spec: 'rolebindings.rbac.authorization.k8s.io', group: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
  { spec: 'clusterroles.rbac.authorization.k8s.io', group: 'rbac.authorization.k8s.io', resource: 'clusterroles', cluster: true },
  { spec: 'clusterrolebindings.rbac.authorization.k8s.io', group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', cluster: true },
  { spec: 'mutatingwebhookconfigurations.admissionregistration.k8s.io', group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations', cluster: true },
  { spec: 'certificatesigningrequests.certificates.k8s.io/approval', group: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval', cluster: true },
  { spec: 'leases.coordination.k8s.io', group: 'coordination.k8s.io', resource: 'leases' },
  { spec: 'customresourcedefinitions.apiextensions.k8s.io', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', cluster: true },
];

export const CANI_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate', 'bind', 'escalate', 'approve'];

const GENERATED_QUESTIONS: CanIQuestions = {
  subjects: ['system:serviceaccount:team:app', 'system:serviceaccount:team:default', 'system:serviceaccount:other:default', 'alice|devs', 'bob'],
  verbs: CANI_VERBS,
  resources: CANI_RESOURCES.map(({ spec: _s, ...rest }) => rest),
  namespaces: ['team', 'other'],
};

/** Static pods and kubeadm configurations with every flag spelling. */
function flagCases(r: R, n: number): Case[] {
  const out: Case[] = [];
  const boolSpell = ['true', 'false', 'True', 'False', 'TRUE', 'FALSE', '1', '0', 't', 'f', 'T', 'F', 'yes', 'no', ''];
  const flagsFor: Record<string, readonly string[]> = {
    'kube-apiserver': ['service-account-issuer', 'service-account-jwks-uri', 'service-account-signing-key-file', 'service-account-key-file', 'service-account-lookup', 'disable-admission-plugins', 'enable-admission-plugins', 'service-account-extend-token-expiration', 'service-account-max-token-expiration', 'api-audiences'],
    'kube-controller-manager': ['use-service-account-credentials', 'service-account-private-key-file', 'root-ca-file', 'controllers'],
  };
  const bools = new Set(['service-account-lookup', 'service-account-extend-token-expiration', 'use-service-account-credentials']);
  const valueFor = (f: string): string =>
    bools.has(f)
      ? pick(r, boolSpell)
      : f === 'service-account-max-token-expiration'
        ? pick(r, ['1h', '86400s', '48h', '3600', '1h30m', 'x'])
        : f.includes('plugins')
          ? pick(r, ['ServiceAccount', 'NodeRestriction,ServiceAccount', 'A,B', ''])
          : f === 'controllers'
            ? pick(r, ['*', '*,-serviceaccount-token', 'serviceaccount-token'])
            : pick(r, ['https://kubernetes.default.svc', 'http://x', '/etc/kubernetes/pki/sa.pub', 'sa.key', '', 'https://a,https://b']);
  for (let i = 0; i < n; i++) {
    const binary = pick(r, ['kube-apiserver', 'kube-controller-manager']);
    const names = flagsFor[binary]!;
    const argv: string[] = [];
    const k = 1 + Math.floor(r() * 6);
    for (let j = 0; j < k; j++) {
      const f = pick(r, names);
      const spelled = chance(r, 0.1) ? f.replace(/-/g, '_') : f;
      const dash = chance(r, 0.08) ? '-' : '--';
      const v = valueFor(f);
      const form = r();
      if (bools.has(f) && form < 0.25) argv.push(`${dash}${spelled}`);
      else if (form < 0.7) argv.push(`${dash}${spelled}=${v}`);
      else argv.push(`${dash}${spelled}`, v);
    }
    if (chance(r, 0.05)) argv.push(pick(r, ['-v=2', '-v3', '-v']));
    if (chance(r, 0.05)) argv.push('--');
    if (chance(r, 0.05)) argv.push('--unknown-flag=1');
    const q = (s: string): string => JSON.stringify(s);
    if (chance(r, 0.25)) {
      // kubeadm ClusterConfiguration, v1beta3 (map) or v1beta4 (list)
      const section = binary === 'kube-apiserver' ? 'apiServer' : 'controllerManager';
      const pairs: [string, string][] = [];
      for (let j = 0; j < argv.length; j++) {
        const a = argv[j]!;
        if (!a.startsWith('-') || a === '--') continue;
        // (now and then a name written with its dashes, which kubeadm prefixes with two more)
        const body = chance(r, 0.06) ? a : a.replace(/^--?/, '');
        const eq = body.indexOf('=');
        if (eq >= 0) pairs.push([body.slice(0, eq), body.slice(eq + 1)]);
        else pairs.push([body, 'true']);
      }
      const v4 = chance(r, 0.5);
      const extra = v4 ? `    extraArgs:\n${pairs.map(([name, value]) => `    - name: ${q(name)}\n      value: ${q(value)}`).join('\n')}\n` : `    extraArgs:\n${pairs.map(([name, value]) => `      ${q(name)}: ${q(value)}`).join('\n')}\n`;
      out.push({ id: `gen/flags/kubeadm/${i}`, files: [{ path: 'kubeadm.yaml', text: `apiVersion: kubeadm.k8s.io/${v4 ? 'v1beta4' : 'v1beta3'}\nkind: ClusterConfiguration\n${section}:\n${extra.replace(/^ {4}/gm, '  ')}` }] });
      continue;
    }
    const split = Math.floor(r() * (argv.length + 1));
    const command = [pick(r, [binary, `/usr/local/bin/${binary}`]), ...argv.slice(0, split)];
    const args = argv.slice(split);
    out.push({
      id: `gen/flags/pod/${i}`,
      files: [
        {
          path: 'static.yaml',
          text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${binary}\n  namespace: kube-system\n  labels: {component: ${binary}, tier: control-plane}\nspec:\n  containers:\n  - name: ${binary}\n    image: registry.k8s.io/${binary}:v1.31.0\n    command: [${command.map(q).join(', ')}]\n${args.length ? `    args: [${args.map(q).join(', ')}]\n` : ''}`,
        },
      ],
    });
  }
  return out;
}

/** Every generated case for one seed. */
export function generateCases(seed = 15): Case[] {
  const r = rng(seed);
  return [...scalarCases(), ...mergeCases(), ...structureCases(r), ...workloadCases(r, 1200), ...rbacCases(r, 400), ...flagCases(r, 400)];
}
