import { describe, expect, it, vi } from 'vitest';
import { parseManifests, locateInDocument, findNode } from './index.js';
import { resourcesOf } from '../model/index.js';
import { yaml } from '../testing/index.js';

function values(text: string): unknown[] {
  return parseManifests(text).documents.map((d) => d.value);
}

function rangeOf(text: string, path: (string | number)[]): { start: { line: number; column: number }; end: { line: number; column: number } } {
  const f = parseManifests(text);
  const doc = f.documents[0]!.ast!;
  const { range } = locateInDocument(doc, path);
  return { start: f.position(range[0]), end: f.position(range[1]) };
}

describe('scalars as Kubernetes decodes them (YAML 1.1)', () => {
  it('reads on/off/yes/no/y/n as booleans', () => {
    expect(values('a: off\nb: on\nc: yes\nd: no\ne: False\nf: TRUE\n')).toEqual([{ a: false, b: true, c: true, d: false, e: false, f: true }]);
  });
  it('keeps quoted "false" a string', () => {
    expect(values('a: "false"\nb: \'off\'\n')).toEqual([{ a: 'false', b: 'off' }]);
  });
  it('reads 0777 as octal and expands << merge keys', () => {
    expect(values('mode: 0644\nbase: &b {x: 1, z: 2}\nm:\n  <<: *b\n  z: 3\n')).toEqual([{ mode: 420, base: { x: 1, z: 2 }, m: { x: 1, z: 3 } }]);
    // go-yaml v2 also reads a bare y as true
    expect(values('y: 1\n')).toEqual([{ true: 1 }]);
  });
});

describe('documents', () => {
  it('skips empty documents and keeps indexes', () => {
    const f = parseManifests('---\n---\na: 1\n---\n# only a comment\n---\nb: 2\n');
    expect(f.documents.filter((d) => d.value !== null).map((d) => [d.index, d.value])).toEqual([
      [1, { a: 1 }],
      [3, { b: 2 }],
    ]);
    const rs = resourcesOf(parseManifests('---\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n'));
    expect(rs.map((r) => r.name)).toEqual(['a']);
  });
  it('reads JSON', () => {
    expect(values('{"apiVersion": "v1", "kind": "Pod", "spec": {"automountServiceAccountToken": false}}')).toEqual([
      { apiVersion: 'v1', kind: 'Pod', spec: { automountServiceAccountToken: false } },
    ]);
  });
  it('flattens a List into its items; a top-level List\'s items get trees of their own', () => {
    const f = parseManifests(yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: ServiceAccount
          metadata: {name: a, namespace: x}
        - apiVersion: v1
          kind: ServiceAccount
          metadata:
            name: b
    `);
    const rs = resourcesOf(f, { defaultNamespace: 'team' });
    expect(rs.map((r) => [r.kind, r.namespace, r.name, r.basePath])).toEqual([
      ['ServiceAccount', 'x', 'a', [0]],
      ['ServiceAccount', 'team', 'b', [0]],
    ]);
    // Each item's tree is built from its own lines, with the offsets of the whole file.
    expect(rs.map((r) => r.document.range)).toEqual([
      [33, 115],
      [115, 187],
    ]);
    expect(rs.map((r) => f.position(locateInDocument(r.document.ast!, [...r.basePath, 'metadata', 'name']).range[0]))).toEqual([
      { line: 6, column: 16 },
      { line: 10, column: 7 },
    ]);
  });
  it('refuses a List inside a List, as kubectl does (FlattenListVisitor cannot extract its items): nothing of the document is sent', () => {
    const f = parseManifests(yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: ServiceAccount
          metadata: {name: a, namespace: x}
        - apiVersion: v1
          kind: ServiceAccountList
          items:
            - apiVersion: v1
              kind: ServiceAccount
              metadata: {name: b}
    `);
    expect(resourcesOf(f)).toEqual([]);
    expect(f.problems.map((p) => [p.severity, p.code, f.position(p.range[0]).line, p.message])).toEqual([['fatal', 'decode', 7, 'kubectl refuses this document (items[1] is a List inside a List, which kubectl does not flatten); it is not linted and vouches for nothing']]);
  });
  it('leaves cluster-scoped kinds without a namespace', () => {
    const rs = resourcesOf(parseManifests('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r, namespace: ignored}\n'));
    expect(rs[0]!.namespace).toBeUndefined();
  });
});

describe('duplicate keys', () => {
  it('keeps the last value and records the second key with its line', () => {
    const f = parseManifests('a: 1\nb:\n  c: 1\n  c: 2\n');
    expect(f.documents[0]!.value).toEqual({ a: 1, b: { c: 2 } });
    const dup = f.problems.filter((p) => p.code === 'duplicate-key');
    expect(dup.map((p) => [p.key, p.path, f.position(p.range[0])])).toEqual([['c', ['b'], { line: 4, column: 3 }]]);
  });
});

describe('go-yaml v2 decoding (what kubectl gets)', () => {
  const value = (text: string) => parseManifests(text).documents[0]!.value;
  it('applies merge keys where they stand: a later merge overrides, a later explicit key overrides the merge', () => {
    expect(value('a: 1\n<<: {a: 2}\n')).toEqual({ a: 2 });
    expect(value('<<: {a: 2}\na: 1\n')).toEqual({ a: 1 });
    expect(value('<<: [{a: 1}, {a: 2, b: 2}]\n')).toEqual({ a: 1, b: 2 });
    expect(value('m: &m {a: 1}\nx: {<<: *m, b: 2}\nz: {a: 0, <<: *m}\n')).toEqual({ m: { a: 1 }, x: { a: 1, b: 2 }, z: { a: 1 } });
    // `y` is a YAML 1.1 boolean: the key "true" (go-yaml answers exactly this).
    expect(value('y: {a: 0, <<: {a: 1}}\n')).toEqual({ true: { a: 1 } });
    expect(value('x: &x {<<: {a: 1}, a: 2}\nw:\n  z:\n    <<: *x\n')).toEqual({ x: { a: 2 }, w: { z: { a: 2 } } });
    expect(value('"<<": {a: 1}\n')).toEqual({ '<<': { a: 1 } });
    expect(value('<<: {a: 1}\n<<: {a: 2}\n')).toEqual({ a: 2 });
  });
  it('refuses a merge of something that is not a map', () => {
    for (const t of ['<<: 1\n', '<<: ~\n', '<<: [1]\n', 'a: &s [1]\n<<: *s\n']) {
      const f = parseManifests(t);
      expect(f.problems.map((p) => [p.code, p.message]), t).toEqual([['decode', 'kubectl refuses this document (go-yaml and JSON decoding: map merge requires map or sequence of maps as the value); it is not linted']]);
    }
  });
  it('resolves scalars and keys as go-yaml and sigs.k8s.io/yaml do', () => {
    expect(value('k: [1:20, 0o17, 08, e5, .5, 1e3, 1e400, 0x10, 2001-12-14, +12, 1_000, "yes", yes, !!binary aGVsbG8=, !!str 12]\n')).toEqual({
      k: ['1:20', 15, 8, 'e5', 0.5, 1000, '1e400', 16, '2001-12-14', 12, 1000, 'yes', true, 'hello', '12'],
    });
    expect(value('yes: 1\n1.5: x\n1e6: y\n0x10: z\n')).toEqual({ true: 1, '1.5': 'x', '1e+06': true, '16': 'z' });
  });
  it('refuses documents kubectl cannot decode, at the offending line', () => {
    for (const [t, msg, line] of [
      ['a: 1\nb: !!int abc\n', 'cannot decode !!str `abc` as a !!int', 2],
      ['a:\n  b: .inf\n', 'json: unsupported value: +Inf', 2],
      ['a: 1\n? [x]\n: 1\n', 'invalid map key', 2],
      ['a: 1\n~: 1\n', 'unsupported map key of type: <nil>', 2],
      ['a: !!binary "a b"\n', '!!binary value contains invalid base64 data', 1],
    ] as const) {
      const f = parseManifests(t);
      expect(f.problems.map((p) => [p.severity, p.code, f.position(p.range[0]).line]), t).toEqual([['fatal', 'decode', line]]);
      expect(f.problems[0]!.message).toContain(msg);
      expect(f.documents[0]!.value).toBeUndefined();
    }
  });
});

describe('objects no supported API server serves', () => {
  it('warns about RBAC v1beta1/v1alpha1 at their apiVersion, also inside a List', () => {
    for (const text of [
      'apiVersion: rbac.authorization.k8s.io/v1beta1\nkind: ClusterRole\nmetadata: {name: r}\nrules: []\n',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: rbac.authorization.k8s.io/v1alpha1\n  kind: RoleBinding\n  metadata: {name: b}\n',
      'apiVersion: v1\nkind: List\nitems:\n- &x {apiVersion: rbac.authorization.k8s.io/v1beta1, kind: Role, metadata: {name: a}}\n',
    ]) {
      const f = parseManifests(text);
      expect(f.problems.map((p) => [p.severity, p.code, f.position(p.range[0])]), text).toEqual([['warning', 'unserved-api', text.startsWith('apiVersion: rbac') ? { line: 1, column: 1 } : { line: 4, column: text.includes('&x') ? 7 : 3 }]]);
      expect(f.problems[0]!.message).toMatch(/^rbac\.authorization\.k8s\.io\/v1(alpha1|beta1) is not served by any supported Kubernetes version/);
    }
    expect(parseManifests('apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n').problems).toEqual([]);
  });
  it('warns the same in kubectl -o json output (read on the JSON fast path), at the item\'s apiVersion', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "List",\n  "items": [\n    {\n      "apiVersion": "rbac.authorization.k8s.io/v1beta1",\n      "kind": "RoleBinding",\n      "metadata": {"name": "b"}\n    }\n  ]\n}\n';
    const f = parseManifests(text);
    expect(f.problems.map((p) => [p.severity, p.code, f.position(p.range[0])])).toEqual([['warning', 'unserved-api', { line: 6, column: 7 }]]);
    expect(f.problems[0]!.message).toMatch(/^rbac\.authorization\.k8s\.io\/v1beta1 is not served/);
  });
});

describe('hostile input', () => {
  it('JSON with brackets closing what they did not open is a syntax error at the bracket, not a crash of the -o json reader (found by pnpm fuzz, seed 617553133)', () => {
    for (const [text, column] of [['{"a": [{] "k": 1}', 9], ['{"a": {"b": 1]}', 14], ['{]', 2]] as const) {
      const f = parseManifests(text);
      expect(f.problems.map((p) => [p.severity, p.code, f.position(p.range[0]).column]), text).toEqual([['fatal', 'syntax', column]]);
    }
  });
  it('rejects a billion-laughs alias bomb fast', () => {
    let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    const letters = 'bcdefghi';
    for (let i = 0; i < letters.length; i++) {
      const prev = i === 0 ? 'a' : letters[i - 1];
      text += `${letters[i]}: &${letters[i]} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    }
    const t0 = performance.now();
    const f = parseManifests(text, 'bomb.yaml');
    const elapsed = performance.now() - t0;
    expect(f.problems.map((p) => [p.severity, p.code])).toEqual([['fatal', 'alias-limit']]);
    expect(elapsed).toBeLessThan(1000);
  });
  it('accepts what go-yaml accepts: many aliases of one small anchor (a ratio below its limit)', () => {
    const f = parseManifests(`a: &a x\nb: [${Array(5000).fill('*a').join(', ')}]\n`);
    expect(f.problems).toEqual([]);
    expect((f.documents[0]!.value as { b: string[] }).b).toHaveLength(5000);
  });
  it('refuses what go-yaml refuses: more than 100 alias-driven decodes that are over 99 % of the work', () => {
    // 60 aliases of a 200-item anchor: about 12,000 of 12,260 decodes come from aliases (97.9 %) → accepted;
    // 600 aliases of it: about 120,000 of 120,260 (99.8 %) → "document contains excessive aliasing" (both as go-yaml answers).
    const anchor = `a: &a [${Array(200).fill('x').join(', ')}]\n`;
    const ok = parseManifests(`${anchor}b: [${Array(60).fill('*a').join(', ')}]\n`);
    expect(ok.problems).toEqual([]);
    const bad = parseManifests(`${anchor}b: [${Array(600).fill('*a').join(', ')}]\n`);
    expect(bad.problems.map((p) => [p.severity, p.code, bad.position(p.range[0]).line])).toEqual([['fatal', 'alias-limit', 2]]);
    expect(bad.documents[0]!.value).toBeUndefined();
  });
  it('refuses an alias inside its own anchor and an unknown anchor', () => {
    const self = parseManifests('a: &x [1, *x]\n');
    expect(self.problems.map((p) => [p.severity, p.code])).toEqual([['fatal', 'decode']]);
    expect(self.problems[0]!.message).toContain("anchor 'x' value contains itself");
  });
  it('reports binary content instead of parsing it', () => {
    const f = parseManifests('a: 1\n\0\0\0');
    expect(f.problems.map((p) => [p.code, f.position(p.range[0]).line])).toEqual([['syntax', 2]]);
  });
});

describe('positions', () => {
  it('maps a path to key..value for scalars', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  automountServiceAccountToken: true\n';
    expect(rangeOf(text, ['spec', 'automountServiceAccountToken'])).toEqual({ start: { line: 4, column: 3 }, end: { line: 4, column: 37 } });
  });
  it('finds positions inside flow mappings and sequences', () => {
    const text = 'spec: {volumes: [{name: a}, {name: b, projected: {sources: []}}]}\n';
    expect(rangeOf(text, ['spec', 'volumes', 1, 'projected'])).toEqual({ start: { line: 1, column: 39 }, end: { line: 1, column: 48 } });
    expect(rangeOf(text, ['spec', 'volumes', 1, 'name'])).toEqual({ start: { line: 1, column: 30 }, end: { line: 1, column: 37 } });
  });
  it('falls back to the nearest existing parent', () => {
    const text = 'spec:\n  template:\n    spec:\n      containers: []\n';
    const f = parseManifests(text);
    const loc = locateInDocument(f.documents[0]!.ast!, ['spec', 'template', 'spec', 'automountServiceAccountToken']);
    expect(loc.depth).toBe(3);
    expect(f.position(loc.range[0])).toEqual({ line: 3, column: 5 });
  });
  it('counts columns after a BOM and across CRLF line ends', () => {
    const text = '\ufeffapiVersion: v1\r\nkind: Pod\r\nspec:\r\n  automountServiceAccountToken: true\r\n';
    const f = parseManifests(text);
    expect(f.documents[0]!.value).toEqual({ apiVersion: 'v1', kind: 'Pod', spec: { automountServiceAccountToken: true } });
    expect(f.eol).toBe('\r\n');
    expect(rangeOf(text, ['spec', 'automountServiceAccountToken'])).toEqual({ start: { line: 4, column: 3 }, end: { line: 4, column: 37 } });
    expect(rangeOf(text, ['apiVersion']).start).toEqual({ line: 1, column: 2 });
  });
  it('uses the last occurrence of a duplicated key, like the value', () => {
    const f = parseManifests('a: 1\na: 2\n');
    expect(f.position(findNode(f.documents[0]!.ast!, ['a']).keyNode!.range![0]).line).toBe(2);
  });
});

describe('helm', () => {
  it('takes the # Source: comment before a document as its origin', () => {
    const f = parseManifests(yaml`
      ---
      # Source: shop/templates/serviceaccount.yaml
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: a}
      ---
      # Source: shop/charts/redis/templates/deployment.yaml
      # another comment
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: b}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: c}
    `);
    expect(f.documents.map((d) => d.origin?.file)).toEqual(['shop/templates/serviceaccount.yaml', 'shop/charts/redis/templates/deployment.yaml', undefined]);
  });
  it('says "render the chart" for an unrendered template instead of a parse error', () => {
    const f = parseManifests('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ include "x.fullname" . }}\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n');
    expect(f.problems.map((p) => [p.severity, p.code])).toEqual([['fatal', 'helm-template']]);
    expect(f.problems[0]!.message).toMatch(/unrendered Helm template.*helm template/);
  });
  it('reports template syntax in a document that parses as YAML but that kubectl refuses (a mapping as a key), and lints none of it', () => {
    // go-yaml: "invalid map key: map[interface {}]interface {}{".Values.name":interface {}(nil)}"
    const f = parseManifests('metadata:\n  name: {{ .Values.name }}\n');
    expect(f.problems.map((p) => [p.severity, p.code, f.position(p.range[0])])).toEqual([['fatal', 'helm-template', { line: 2, column: 9 }]]);
    expect(f.documents[0]!.value).toBeUndefined();
  });
  it('treats {{ … }} inside quoted strings as data (Argo Workflows)', () => {
    const f = parseManifests('args: ["{{inputs.parameters.message}}"]\nvalue: "{{workflow.name}}"\n');
    expect(f.problems).toEqual([]);
    expect(f.documents[0]!.value).toEqual({ args: ['{{inputs.parameters.message}}'], value: '{{workflow.name}}' });
  });
});

describe('lenient indentation, as go-yaml accepts it', () => {
  it('reads a quoted string whose closing line is under-indented and keeps original positions', () => {
    const text = 'spec:\n  containers:\n  - name: a\n    args: ["echo hi &&\n      echo there\n    "]\n    image: busybox\n';
    const f = parseManifests(text);
    expect(f.documents[0]!.value).toEqual({ spec: { containers: [{ name: 'a', args: ['echo hi && echo there '], image: 'busybox' }] } });
    expect(f.problems.map((p) => [p.severity, p.code, f.position(p.range[0]).line])).toEqual([['warning', 'lenient-indent', 6]]);
    const loc = locateInDocument(f.documents[0]!.ast!, ['spec', 'containers', 0, 'image']);
    expect(f.position(f.toSourceOffset(loc.range[0]))).toEqual({ line: 7, column: 5 });
  });
  it('reports a genuine syntax error with its line and column', () => {
    const f = parseManifests('a: 1\nb: [1, 2\nc: 3\n');
    expect(f.problems[0]!.severity).toBe('fatal');
    expect(f.problems[0]!.code).toBe('syntax');
    expect(f.position(f.problems[0]!.range[0]).line).toBeGreaterThanOrEqual(2);
  });
});

describe('a library stays quiet', () => {
  it('emits no process warning for a mapping used as a key', () => {
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  ? {config_data: 1}\n  : x\n', 't.yaml');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});

describe('CRD syntax trees are rebuilt on demand', () => {
  // The first stream is read by the fast scanner; the anchor in the second sends it through the full parse.
  it.each([
    ['scanned', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n'],
    ['fully parsed', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: &n c}\n---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n'],
  ])('still locates a path inside a CRD (for plugin rules, fixes and suppressions): %s', async (_how, crd) => {
    const { lint } = await import('../lint.js');
    const { defineRule } = await import('../rule.js');
    const rule = defineRule({
      meta: { id: 'crd-group', description: 'Require nothing', category: 'soundness', severity: 'warn', recommended: true, fixable: false, messages: { g: 'group' }, remediation: 'None.', schema: {}, defaultOptions: {}, securitySeverity: 1 },
      check(ctx) {
        for (const r of ctx.resources) if (r.kind === 'CustomResourceDefinition') ctx.report({ messageId: 'g', resource: r, path: ['spec', 'group'] });
      },
    });
    const [r] = lint([{ path: 'c.yaml', text: crd }], { plugins: [rule], config: { rules: { 'crd-group': 'error' } } });
    expect(r!.messages.filter((m) => m.ruleId === 'crd-group').map((m) => [m.line, m.column, m.endColumn])).toEqual([[10, 3, 21]]);
    const file = parseManifests(crd, 'c.yaml');
    expect(file.documents[1]!.ast).not.toBeNull();
    expect(file.documents[1]!.ast).toBe(file.documents[1]!.ast);
  });
});

describe('quoted strings continued after an escaped line break', () => {
  it('reads `"a\\` + an under-indented `b"` as go-yaml does ("ab"), with the lenient-indent warning', () => {
    const f = parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  x: "a\\\n  b"\n  containers: []\n');
    expect(f.documents.map((d) => (d.value as { spec?: unknown } | undefined)?.spec)).toEqual([{ x: 'ab', containers: [] }]);
    expect(f.problems.map((p) => [p.code, f.position(p.range[0]).line])).toEqual([['lenient-indent', 7]]);
  });
});
