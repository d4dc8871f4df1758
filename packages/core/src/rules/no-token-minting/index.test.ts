import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

const issuer = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: issuer}
  rules:
    - {apiGroups: [""], resources: [configmaps], verbs: [get]}
    - {apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}
`;

new RuleTester().run('no-token-minting', rule, {
  valid: [
    { name: 'control-plane users and groups', context: [issuer], code: yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: b}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: issuer}
      subjects: [{kind: User, name: "system:kube-controller-manager"}, {kind: Group, name: "system:nodes"}]
    ` },
    { name: 'Kubernetes\' own binding', code: yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: system:kube-controller-manager, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:kube-controller-manager}
      subjects: [{kind: User, name: someone}]
    ` },
    { name: 'impersonating something else, view role', code: yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: r, namespace: x}
      rules: [{apiGroups: [authentication.k8s.io], resources: [userextras/scopes], verbs: [impersonate]}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: b, namespace: x}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      subjects: [{kind: User, name: jane}]
    ` },
  ],
  invalid: [
    {
      name: 'second rule of a ClusterRole, through a RoleBinding',
      context: [issuer],
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: ci, namespace: deploy}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: issuer}
        subjects: [{kind: ServiceAccount, name: ci}, {kind: User, name: "system:kube-scheduler"}]
      `,
      errors: [{ messageId: 'minting', line: 4, column: 1, endLine: 4, endColumn: 8, path: 'roleRef' }],
      output: null,
    },
    {
      name: 'wildcards and impersonation; built-in edit (aggregated)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: all, namespace: kube-system}
        rules:
          - apiGroups: ["*"]
            resources: [rolebindings, deployments, pods, serviceaccounts/token]
            verbs: ["*", watch, create, update]
          - {apiGroups: [""], resources: [users, groups], verbs: [impersonate]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: pod, namespace: kube-system}
        subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
        roleRef: {kind: Role, name: all, apiGroup: rbac.authorization.k8s.io}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: devs-edit, namespace: team}
        subjects: [{kind: Group, name: devs}]
        roleRef: {kind: ClusterRole, name: edit, apiGroup: rbac.authorization.k8s.io}
      `,
      errors: [
        { messageId: 'minting', line: 14, column: 1, endLine: 14, endColumn: 8 },
        { messageId: 'minting', line: 14, column: 1, endLine: 14, endColumn: 8 },
        { messageId: 'minting', line: 20, column: 1, endLine: 20, endColumn: 8 },
        { messageId: 'minting', line: 20, column: 1, endLine: 20, endColumn: 8 },
      ],
      output: null,
    },
  ],
});
