import { describe, expect, it } from 'vitest';
import { lint } from './lint.js';
import { defineRule } from './rule.js';
import { parseManifests } from './parse/index.js';
import { resourcesOf } from './model/index.js';
import { RbacIndex, canI } from './rbac/index.js';
import { resolveResource } from './rbac/resources.js';
import { parseGoDuration } from './model/command.js';

/**
 * Names that are members of Object.prototype (or of every function): a table looked up with one of
 * them as a plain object finds something that is not in the table. Issue 17: `kind: toString` ended
 * the whole run with "path is not iterable", and a Secret key `constructor` was reported as a cloud
 * key ("stores undefined in key constructor").
 */
const BUILTIN_NAMES = ['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];

const POD = `apiVersion: v1
kind: Pod
metadata: {name: app, namespace: web}
spec:
  containers: [{name: c, image: x}]
`;

describe('JavaScript built-in property names in manifests', () => {
  it.each(BUILTIN_NAMES)('kind %s lints (no internal error) and the other file of the run is still reported', (name) => {
    const odd = `apiVersion: v1\nkind: ${name}\nmetadata:\n  name: ${name}\n  namespace: ${name}\n  labels: {${name}: ${name}}\nspec:\n  ${name}: ${name}\n`;
    const results = lint([
      { path: 'odd.yaml', text: odd },
      { path: 'pod.yaml', text: POD },
    ]);
    expect(results.map((r) => r.filePath)).toEqual(['odd.yaml', 'pod.yaml']);
    expect(results[0]!.messages).toEqual([]);
    expect(results[1]!.messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['no-automount-token', 4],
      ['no-default-service-account', 4],
    ]);
  });

  it.each(BUILTIN_NAMES)('a Secret key %s (data and stringData) is not a cloud credential', (name) => {
    const secret = `apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: web}\ndata:\n  "${name}": eA==\nstringData:\n  "${name}x": x\n`;
    const stringOnly = `apiVersion: v1\nkind: Secret\nmetadata: {name: t, namespace: web}\nstringData:\n  "${name}": plain\n`;
    const [a, b] = lint([
      { path: 'a.yaml', text: secret },
      { path: 'b.yaml', text: stringOnly },
    ]);
    expect(a!.messages.filter((m) => m.ruleId === 'no-static-cloud-credentials')).toEqual([]);
    expect(b!.messages.filter((m) => m.ruleId === 'no-static-cloud-credentials')).toEqual([]);
  });

  it.each(BUILTIN_NAMES)('an environment variable %s is not a cloud credential', (name) => {
    const pod = POD.replace('containers: [{name: c, image: x}]', `containers: [{name: c, image: x, env: [{name: "${name}", value: v}]}]`);
    const [r] = lint([{ path: 'pod.yaml', text: pod }]);
    expect(r!.messages.filter((m) => m.ruleId === 'no-static-cloud-credentials')).toEqual([]);
  });

  it('a real credential key next to built-in names is still found, with its own message', () => {
    const secret = `apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: web}\nstringData:\n  constructor: x\n  aws_secret_access_key: x\n  toString: x\n`;
    const [r] = lint([{ path: 's.yaml', text: secret }]);
    expect(r!.messages.filter((m) => m.ruleId === 'no-static-cloud-credentials').map((m) => [m.line, m.message])).toEqual([
      [
        6,
        'Secret web/s stores an AWS secret access key in key aws_secret_access_key; a static cloud key works from anywhere until someone rotates it, so delete it and use EKS IRSA (eks.amazonaws.com/role-arn on the ServiceAccount) or EKS Pod Identity',
      ],
    ]);
  });

  it('a label named __proto__ is an ordinary label for ClusterRole aggregation', () => {
    const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: aggregated}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {__proto__: "yes"}}]
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: picked, labels: {__proto__: "yes"}}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: other, labels: {__proto__: "no"}}
rules: [{apiGroups: [""], resources: [pods/exec], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: aggregated}
subjects: [{kind: ServiceAccount, name: worker, namespace: apps}]
`;
    const rbac = new RbacIndex(resourcesOf(parseManifests(text, 'rbac.yaml')));
    const sa = 'system:serviceaccount:apps:worker';
    expect(canI(rbac, sa, 'get', 'configmaps', 'apps').allowed).toBe(true);
    expect(canI(rbac, sa, 'create', 'pods/exec', 'apps').allowed).toBe(false);
  });

  it.each(BUILTIN_NAMES)('resource name %s resolves to itself, not to an Object.prototype member', (name) => {
    const r = resolveResource(name);
    expect(r).toEqual({ resource: name.toLowerCase(), subresource: undefined, apiGroup: '', clusterScoped: false, known: false });
    expect(resolveResource(`${name}.example.com`).resource).toBe(name.toLowerCase());
  });

  it('a duration unit cannot name a built-in', () => {
    expect(parseGoDuration('1constructor')).toBeNull();
    expect(parseGoDuration('90m')).toBe(5400);
  });

  it('a plugin rule named like a built-in keeps its severity under overrides, and messages keep unknown placeholders', () => {
    const rule = defineRule({
      meta: {
        id: 'constructor',
        description: 'Disallow nothing',
        category: 'soundness',
        severity: 'error',
        recommended: true,
        fixable: false,
        messages: { hit: '{{resource}} {{toString}} {{constructor}}' },
        remediation: 'Nothing.',
        schema: { type: 'object' },
        defaultOptions: {},
        securitySeverity: 1,
      },
      check(ctx) {
        for (const resource of ctx.resources) ctx.report({ messageId: 'hit', resource });
      },
    });
    const [r] = lint([{ path: 'pod.yaml', text: POD }], {
      plugins: [rule],
      config: { rules: { 'no-automount-token': 'off', 'no-default-service-account': 'off' }, overrides: [{ files: ['*.yaml'], rules: { 'service-account-exists': 'off' } }] },
    });
    expect(r!.messages.map((m) => [m.ruleId, m.severity, m.message])).toEqual([['constructor', 2, 'Pod web/app {{toString}} {{constructor}}']]);
  });
});
