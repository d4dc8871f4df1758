import { describe, expect, it } from 'vitest';
import { lint } from '../../lint.js';
import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

new RuleTester().run('no-default-sa-binding', rule, {
  valid: [
    { name: 'dedicated account', code: yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: b, namespace: shop}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
      subjects: [{kind: ServiceAccount, name: catalog, namespace: shop}, {kind: User, name: "system:serviceaccount:shop:catalog"}]
    ` },
    { name: 'Kubernetes\' own bootstrapping binding', code: yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata:
        name: system:discovery
        labels: {kubernetes.io/bootstrapping: rbac-defaults}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:discovery}
      subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:authenticated"}]
    ` },
    { name: 'a user or group that merely looks similar', code: yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: b}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      subjects:
        - {kind: User, name: default}
        - {kind: Group, name: "system:serviceaccounts-admins"}
        - {kind: User, name: "system:serviceaccount:shop:default:extra"}
    ` },
    { name: 'not an RBAC object', code: yaml`
      apiVersion: example.com/v1
      kind: RoleBinding
      metadata: {name: b}
      subjects: [{kind: ServiceAccount, name: default}]
    ` },
  ],
  invalid: [
    {
      name: 'ServiceAccount default, namespace from the binding, workload named',
      context: [yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            spec:
              containers: []
      `],
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: read-config, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: configmap-reader}
        subjects:
          - kind: ServiceAccount
            name: default
      `,
      errors: [{ messageId: 'defaultAccount', line: 7, column: 5, endLine: 7, endColumn: 18, path: 'subjects[0].name' }],
      output: null,
    },
    {
      name: 'every spelling in one ClusterRoleBinding',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: wide}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects:
          - {kind: ServiceAccount, name: default, namespace: kube-system}
          - {kind: User, name: "system:serviceaccount:apps:default", apiGroup: rbac.authorization.k8s.io}
          - {kind: Group, name: system:serviceaccounts, apiGroup: rbac.authorization.k8s.io}
          - {kind: Group, name: 'system:serviceaccounts:apps', apiGroup: rbac.authorization.k8s.io}
          - {kind: Group, name: system:authenticated, apiGroup: rbac.authorization.k8s.io}
      `,
      errors: [
        { messageId: 'defaultAccount', line: 6, column: 28, endLine: 6, endColumn: 41 },
        { messageId: 'defaultAccount', line: 7, column: 18, endLine: 7, endColumn: 60 },
        { messageId: 'allServiceAccounts', line: 8, column: 19, endLine: 8, endColumn: 47 },
        { messageId: 'namespaceServiceAccounts', line: 9, column: 19, endLine: 9, endColumn: 54 },
        { messageId: 'allAuthenticated', line: 10, column: 19, endLine: 10, endColumn: 45 },
      ],
      output: null,
    },
  ],
});

describe('no-default-sa-binding names the workloads that hold the grant', () => {
  const binding = yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: b, namespace: shop}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
    subjects: [{kind: ServiceAccount, name: default}]
  `;
  const workloads = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: shop}
    spec: {template: {spec: {containers: []}}}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: quiet, namespace: shop}
    spec: {template: {spec: {automountServiceAccountToken: false, containers: []}}}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: elsewhere, namespace: other}
    spec: {template: {spec: {containers: []}}}
  `;
  const run = (files: string[]) =>
    lint(files.map((text, i) => ({ path: `f${i}.yaml`, text })), { config: { rules: { 'no-default-sa-binding': 'error' }, extends: undefined } })
      .flatMap((r) => r.messages)
      .filter((m) => m.ruleId === 'no-default-sa-binding');
  it('names only token-holding default workloads of the subject\'s namespace', () => {
    const [m] = run([binding, workloads]);
    expect(m?.message).toContain('Deployment shop/web runs as default with a token');
    expect(m?.message).not.toContain('quiet');
    expect(m?.message).not.toContain('elsewhere');
  });
  it('says nothing about workloads when none runs as default', () => {
    const [m] = run([binding]);
    expect(m?.message).toBe('RoleBinding shop/b grants Role r to ServiceAccount shop/default, which every pod in the namespace that names no service account runs as; bind the role to a dedicated ServiceAccount instead');
  });
});
