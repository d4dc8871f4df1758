import { describe, expect, it } from 'vitest';
import { RuleTester, yaml } from '../../testing/index.js';
import rule, { pointerToPath } from './index.js';

new RuleTester().run('valid-token-fields', rule, {
  valid: [
    { name: 'well-typed fields, YAML 1.1 booleans', code: yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          spec:
            serviceAccountName: web-app.v2
            automountServiceAccountToken: off
            containers: [{name: c}]
            volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t, audience: vault, expirationSeconds: 600}}]}}]
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: web-app}
      automountServiceAccountToken: No
    ` },
    { name: 'complete bindings', code: yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: b}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      subjects: [{kind: ServiceAccount, name: a, namespace: x}, {kind: Group, name: g, apiGroup: rbac.authorization.k8s.io}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: b, namespace: x}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
      subjects: [{kind: ServiceAccount, name: a}]
    ` },
    { name: 'empty and null mean unset', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        serviceAccountName: ""
        serviceAccount:
        automountServiceAccountToken:
        containers: []
    ` },
    { name: 'TokenRequest', code: yaml`
      apiVersion: authentication.k8s.io/v1
      kind: TokenRequest
      metadata: {name: t}
      spec: {audiences: [vault], expirationSeconds: 600}
    ` },
  ],
  invalid: [
    {
      name: 'wrong types in a pod spec (quoted boolean, quoted number, bad name)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          automountServiceAccountToken: "false"
          serviceAccountName: Web_App
          containers: []
          volumes:
            - name: t
              projected:
                sources:
                  - serviceAccountToken: {path: t, expirationSeconds: "3600", audience: [a]}
      `,
      errors: [
        { messageId: 'wrongType', line: 5, column: 3, endLine: 5, endColumn: 40, path: 'spec.automountServiceAccountToken' },
        { messageId: 'invalidName', line: 6, column: 3, endLine: 6, endColumn: 30 },
        { messageId: 'wrongType', line: 12, column: 44, endLine: 12, endColumn: 69 },
        { messageId: 'wrongType', line: 12, column: 71, endLine: 12, endColumn: 79 },
      ],
      output: null,
    },
    {
      name: 'misplaced: controller spec, CronJob job spec, container, metadata',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: c
          automountServiceAccountToken: false
        spec:
          serviceAccountName: worker
          jobTemplate:
            spec:
              automountServiceAccountToken: false
              template:
                metadata: {serviceAccount: worker}
                spec:
                  containers:
                    - name: c
                      automountServiceAccountToken: false
                  initContainers: [{name: i, serviceAccountName: worker}]
      `,
      errors: [
        { messageId: 'misplaced', line: 5, column: 3, endLine: 5, endColumn: 38 },
        { messageId: 'misplaced', line: 7, column: 3, endLine: 7, endColumn: 29 },
        { messageId: 'misplaced', line: 10, column: 7, endLine: 10, endColumn: 42 },
        { messageId: 'misplaced', line: 12, column: 20, endLine: 12, endColumn: 42 },
        { messageId: 'misplaced', line: 16, column: 15, endLine: 16, endColumn: 50 },
        { messageId: 'misplaced', line: 17, column: 38, endLine: 17, endColumn: 64 },
      ],
      output: null,
    },
    {
      name: 'ServiceAccount: string boolean, and the field under metadata',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: web
          automountServiceAccountToken: false
        automountServiceAccountToken: 'no'
      `,
      errors: [
        { messageId: 'misplaced', line: 5, column: 3, endLine: 5, endColumn: 38 },
        { messageId: 'wrongType', line: 6, column: 1, endLine: 6, endColumn: 35 },
      ],
      output: null,
    },
    {
      name: 'bindings: bad subject kind, missing name, incomplete roleRef, CRB subject without namespace',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: b}
        roleRef: {kind: Role, name: r}
        subjects:
          - {kind: serviceaccount, name: a}
          - {kind: ServiceAccount, name: b}
          - {kind: User}
      `,
      errors: [
        { messageId: 'missingField', line: 4, column: 1, endLine: 4, endColumn: 8 },
        { messageId: 'notOneOf', line: 4, column: 11, endLine: 4, endColumn: 21 },
        { messageId: 'notOneOf', line: 6, column: 6, endLine: 6, endColumn: 26 },
        { messageId: 'missingField', line: 7, column: 6, endLine: 7, endColumn: 26 },
        { messageId: 'missingField', line: 8, column: 6, endLine: 8, endColumn: 16 },
      ],
      output: null,
    },
    {
      name: 'Secret type and TokenRequest fields',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: {name: s}
        type: 42
        ---
        apiVersion: authentication.k8s.io/v1
        kind: TokenRequest
        metadata: {name: t}
        spec: {audiences: vault, expirationSeconds: 600.5}
      `,
      errors: [
        { messageId: 'wrongType', line: 4, column: 1, endLine: 4, endColumn: 9 },
        { messageId: 'wrongType', line: 9, column: 8, endLine: 9, endColumn: 24 },
        { messageId: 'wrongType', line: 9, column: 26, endLine: 9, endColumn: 50 },
      ],
      output: null,
    },
  ],
});

describe('pointerToPath', () => {
  it('turns JSON pointers into paths, indexes into numbers and escapes back', () => {
    expect(pointerToPath('')).toEqual([]);
    expect(pointerToPath('/volumes/0/projected')).toEqual(['volumes', 0, 'projected']);
    expect(pointerToPath('/metadata/annotations/a~1b~0c')).toEqual(['metadata', 'annotations', 'a/b~c']);
  });
});
