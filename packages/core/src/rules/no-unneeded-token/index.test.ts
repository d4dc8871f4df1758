import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

const rbacInNamespace = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata: {name: config-reader, namespace: web}
  rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
`;
const bound = (subject: string, extra = '') => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata: {name: b, namespace: web${extra}}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader}
  subjects: [${subject}]
`;

new RuleTester().run('no-unneeded-token', rule, {
  valid: [
    { name: 'no RBAC for the namespace in the input: nothing to conclude', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: web}
      spec: {serviceAccountName: app, containers: []}
    ` },
    { name: 'the account is bound', context: [rbacInNamespace, bound('{kind: ServiceAccount, name: app, namespace: web}')], code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: web}
      spec: {serviceAccountName: app, containers: []}
    ` },
    { name: 'bound through a namespace group', context: [rbacInNamespace, bound('{kind: Group, name: "system:serviceaccounts:web"}')], code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: web}
      spec: {serviceAccountName: app, containers: []}
    ` },
    { name: 'token already off', context: [rbacInNamespace], code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: web}
      spec: {serviceAccountName: app, automountServiceAccountToken: false, containers: []}
    ` },
  ],
  invalid: [
    {
      name: 'unbound account in a namespace with RBAC: fix inserts the field',
      context: [rbacInNamespace],
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: storefront, namespace: web}
        spec:
          template:
            spec:
              serviceAccountName: storefront
              containers: []
      `,
      errors: [{ messageId: 'unneeded', line: 6, column: 5, endLine: 6, endColumn: 9, path: 'spec.template.spec' }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: storefront, namespace: web}
        spec:
          template:
            spec:
              automountServiceAccountToken: false
              serviceAccountName: storefront
              containers: []
      `,
    },
    {
      name: 'explicit true, only a bootstrapping binding reaches it: fix flips the value (StatefulSet)',
      context: [rbacInNamespace, bound('{kind: Group, name: "system:authenticated"}', ', labels: {kubernetes.io/bootstrapping: rbac-defaults}')],
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: s, namespace: web}
        spec:
          template:
            spec:
              serviceAccountName: db
              automountServiceAccountToken: true  # why?
              containers: []
      `,
      errors: [{ messageId: 'unneeded', line: 8, column: 7, endLine: 8, endColumn: 41 }],
      output: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: s, namespace: web}
        spec:
          template:
            spec:
              serviceAccountName: db
              automountServiceAccountToken: false  # why?
              containers: []
      `,
    },
    {
      name: 'flow-style pod spec, RBAC scope from a ClusterRoleBinding subject in the namespace',
      context: [yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: other}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects: [{kind: ServiceAccount, name: monitor, namespace: web}]
      `],
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: web}
        spec: {serviceAccountName: app, containers: []}
      `,
      errors: [{ messageId: 'unneeded', line: 4, column: 1, endLine: 4, endColumn: 5 }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: web}
        spec: {automountServiceAccountToken: false, serviceAccountName: app, containers: []}
      `,
    },
  ],
});
