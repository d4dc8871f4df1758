import { describe, expect, it } from 'vitest';
import { RuleTester } from '../../testing/index.js';
import { lint } from '../../lint.js';
import rule from './index.js';

new RuleTester().run('no-conflicting-definitions', rule, {
  valid: [
    { name: 'one definition', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: apps}\n' },
    { name: 'two identical definitions', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: apps}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {namespace: apps, name: web}\n' },
  ],
  invalid: [
    {
      name: 'two different definitions in one file: both reported',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: apps}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: apps}\nautomountServiceAccountToken: false\n',
      errors: [
        { messageId: 'conflict', line: 3, column: 12, endLine: 3, endColumn: 21, path: 'metadata.name' },
        { messageId: 'conflict', line: 7, column: 12, endLine: 7, endColumn: 21, path: 'metadata.name' },
      ],
      output: null,
    },
  ],
});

const SA = (extra = '') => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: apps\n${extra}`;
const run = (files: Record<string, string>) =>
  lint(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    { config: { rules: { 'no-conflicting-definitions': 'warn' } } },
  ).flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-conflicting-definitions').map((m) => [r.filePath, m.line, m.column, m.message]));

describe('no-conflicting-definitions', () => {
  it('reports both of two different definitions, each naming the other with its line', () => {
    expect(run({ 'repo/a/sa.yaml': SA('automountServiceAccountToken: false\n'), 'repo/b/sa.yaml': `# b\n${SA()}` })).toEqual([
      ['repo/a/sa.yaml', 4, 3, 'ServiceAccount apps/web is defined 2 times with different content (here and in repo/b/sa.yaml:2); the cluster gets whichever is applied last, which satlint cannot know, so verdicts that depend on this object may rest on the wrong definition: keep one, or lint unrelated applications as separate inventories (--inventory-scope)'],
      ['repo/b/sa.yaml', 5, 3, 'ServiceAccount apps/web is defined 2 times with different content (here and in repo/a/sa.yaml:1); the cluster gets whichever is applied last, which satlint cannot know, so verdicts that depend on this object may rest on the wrong definition: keep one, or lint unrelated applications as separate inventories (--inventory-scope)'],
    ]);
  });
  it('identical copies, key order and renderer annotations are not conflicts', () => {
    expect(run({ 'a.yaml': SA('automountServiceAccountToken: false\n'), 'b.yaml': 'kind: ServiceAccount\napiVersion: v1\nautomountServiceAccountToken: false\nmetadata: {namespace: apps, name: web, annotations: {config.kubernetes.io/origin: "path: x.yaml"}}\n' })).toEqual([]);
  });
  it('different namespaces, kinds or API groups are different objects', () => {
    expect(run({ 'a.yaml': SA(), 'b.yaml': SA().replace('namespace: apps', 'namespace: web') + 'automountServiceAccountToken: false\n', 'c.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: web, namespace: apps}\n' })).toEqual([]);
  });
  it('counts distinct definitions among many copies, same text or not, and List items', () => {
    const list = (extra: string) => `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata: {name: web, namespace: apps}\n${extra}`;
    const found = run({
      'a.yaml': SA(),
      'b.yaml': SA(),
      'c.yaml': SA('automountServiceAccountToken: false\n'),
      'd.yaml': SA('automountServiceAccountToken: false\n'),
      'e.yaml': list('  automountServiceAccountToken: true\n'),
      'f.yaml': list(''),
    });
    expect(found.map((f) => f[0])).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', 'e.yaml', 'f.yaml']);
    expect(new Set(found.map((f) => /defined (\d+) times/.exec(String(f[3]))![1]))).toEqual(new Set(['3']));
  });
  it('two documents of one file count too', () => {
    expect(run({ 'all.yaml': `${SA()}---\n${SA('automountServiceAccountToken: true\n')}` }).map((f) => f.slice(0, 2))).toEqual([
      ['all.yaml', 4],
      ['all.yaml', 10],
    ]);
  });
  it('compares nested content in any key order, item by item, and names where the other definition starts, past markers, comments and blank lines (CRLF too)', () => {
    const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: apps}\nrules:\n${rules}`;
    const a = role('- {apiGroups: [""], resources: [pods], verbs: [get, list]}\n');
    // The same rule, keys in another order: the same definition.
    const b = role('- verbs: [get, list]\n  resources: [pods]\n  apiGroups: [""]\n');
    // Items in another order: another definition (a sequence is ordered).
    const c = `---\r\n# c\r\n\r\n${role('- {apiGroups: [""], resources: [pods], verbs: [list, get]}\n').replace(/\n/g, '\r\n')}`;
    const found = run({ 'a.yaml': a, 'b.yaml': b, 'c.yaml': c });
    expect(found.map((f) => [f[0], f[1], /defined (\d+) times/.exec(String(f[3]))![1], /\(here and in ([^)]*)\)/.exec(String(f[3]))![1]])).toEqual([
      ['a.yaml', 3, '2', 'c.yaml:4'],
      ['b.yaml', 3, '2', 'c.yaml:4'],
      ['c.yaml', 6, '2', 'a.yaml:1, b.yaml:1'],
    ]);
  });
});
