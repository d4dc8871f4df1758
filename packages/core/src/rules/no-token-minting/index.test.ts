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
    { name: 'impersonating users and groups through a RoleBinding grants nothing (Kubernetes checks it without a namespace)', code: yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: imp}
      rules: [{apiGroups: [""], resources: [users, groups], verbs: [impersonate]}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: b, namespace: x}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: imp}
      subjects: [{kind: User, name: jane}]
    ` },
    { name: 'a nonResourceURLs rule grants nothing on resources', code: yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: urls}
      rules: [{nonResourceURLs: ["/metrics"], verbs: [get, create, impersonate]}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: b}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: urls}
      subjects: [{kind: User, name: jane}]
    ` },
    { name: 'RBAC v1beta1 objects are not served by any supported API server: they grant nothing', code: yaml`
      apiVersion: rbac.authorization.k8s.io/v1beta1
      kind: ClusterRole
      metadata: {name: old}
      rules: [{apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1beta1
      kind: ClusterRoleBinding
      metadata: {name: old}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: old}
      subjects: [{kind: User, name: jane}]
    ` },
    { name: 'a later binding with the same name replaces the earlier one (kubectl apply)', context: [issuer], code: yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: b}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: issuer}
      subjects: [{kind: User, name: jane}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: b}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      subjects: [{kind: User, name: jane}]
    ` },
  ],
  invalid: [
    {
      name: 'impersonating users through a ClusterRoleBinding is reported',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: imp}
        rules: [{apiGroups: [""], resources: [users], verbs: [impersonate]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: b}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: imp}
        subjects: [{kind: User, name: jane}]
      `,
      errors: [{ messageId: 'minting', line: 9, column: 1, endLine: 9, endColumn: 8, path: 'roleRef' }],
      output: null,
    },
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
      // Rule 1 of Role all (create serviceaccounts/token) is reported; its rule 2 (impersonate users
      // and groups) is not: that is checked cluster-wide, so a RoleBinding never grants it.
      errors: [
        { messageId: 'minting', line: 14, column: 1, endLine: 14, endColumn: 8 },
        { messageId: 'minting', line: 20, column: 1, endLine: 20, endColumn: 8 },
        { messageId: 'minting', line: 20, column: 1, endLine: 20, endColumn: 8 },
      ],
      output: null,
    },
  ],
});
