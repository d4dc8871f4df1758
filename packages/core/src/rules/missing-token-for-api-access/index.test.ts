import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

const roleAndBinding = (subject: string) => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata: {name: leases, namespace: sys}
  rules: [{apiGroups: [coordination.k8s.io], resources: [leases], verbs: [get, update]}]
  ---
  apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata: {name: b, namespace: sys}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: leases}
  subjects: [${subject}]
`;

new RuleTester().run('missing-token-for-api-access', rule, {
  valid: [
    { name: 'bound and holds a projected API token', context: [roleAndBinding('{kind: ServiceAccount, name: ctl, namespace: sys}')], code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: sys}
      spec:
        serviceAccountName: ctl
        automountServiceAccountToken: false
        containers: [{name: c, volumeMounts: [{name: t, mountPath: /t, readOnly: true}]}]
        volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t, audience: "https://kubernetes.default.svc"}}]}}]
    ` },
    { name: 'no token and nothing bound', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: sys}
      spec: {serviceAccountName: ctl, automountServiceAccountToken: false, containers: []}
    ` },
    { name: 'only a group binding reaches it: says nothing about this workload', context: [roleAndBinding('{kind: Group, name: "system:serviceaccounts:sys"}')], code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: sys}
      spec: {serviceAccountName: ctl, automountServiceAccountToken: false, containers: []}
    ` },
    { name: 'binding to a role the input lacks and Kubernetes does not ship', context: [yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: b, namespace: sys}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: missing}
      subjects: [{kind: ServiceAccount, name: ctl}]
    `], code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: sys}
      spec: {serviceAccountName: ctl, automountServiceAccountToken: false, containers: []}
    ` },
  ],
  invalid: [
    {
      name: 'pod turns the token off, account bound (Deployment)',
      context: [roleAndBinding('{kind: ServiceAccount, name: ctl, namespace: sys}')],
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d, namespace: sys}
        spec:
          template:
            spec:
              serviceAccountName: ctl
              automountServiceAccountToken: false
              containers: []
      `,
      errors: [{ messageId: 'noToken', line: 8, column: 7, endLine: 8, endColumn: 42, path: 'spec.template.spec.automountServiceAccountToken' }],
      output: null,
    },
    {
      name: 'the account turns it off, bound by its User name; token only for another audience (Job)',
      context: [roleAndBinding('{kind: User, name: "system:serviceaccount:sys:ctl"}'), yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: ctl, namespace: sys}
        automountServiceAccountToken: false
      `],
      code: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j, namespace: sys}
        spec:
          template:
            spec:
              serviceAccountName: ctl
              containers: []
              volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t, audience: vault}}]}}]
      `,
      errors: [{ messageId: 'noToken', line: 6, column: 5, endLine: 6, endColumn: 9 }],
      output: null,
    },
  ],
});
