import { describe, expect, it } from 'vitest';
import { RuleTester, yaml } from '../../testing/index.js';
import { lint } from '../../lint.js';
import rule from './index.js';

const bind = (kind: string, roleKind: string, role: string, ns = 'apps') => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ${kind}
  metadata: {name: b, namespace: ${ns}}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${role}}
  subjects: [{kind: ServiceAccount, name: worker, namespace: apps}]
`;
const role = (rules: string) => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata: {name: r, namespace: apps}
  rules: ${rules}
`;
const clusterRole = (rules: string) => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: c}
  rules: ${rules}
`;
const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: d, namespace: apps}
  spec:
    template:
      spec:
        serviceAccountName: worker
        containers: [{name: c}]
`;

// The token part of the fix: the bound-token migration (guide Step 2), applied by --fix.
const deploymentMigrated = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: d, namespace: apps}
  spec:
    template:
      spec:
        automountServiceAccountToken: false
        serviceAccountName: worker
        containers: [{name: c, volumeMounts: [{"name":"bound-service-account-token","mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","readOnly":true}]}]
        volumes:
          - name: bound-service-account-token
            projected:
              sources:
                - serviceAccountToken:
                    path: token
                    expirationSeconds: 3600
                    audience: https://kubernetes.default.svc.cluster.local
                - configMap:
                    name: kube-root-ca.crt
                    items:
                      - key: ca.crt
                        path: ca.crt
                - downwardAPI:
                    items:
                      - path: namespace
                        fieldRef:
                          apiVersion: v1
                          fieldPath: metadata.namespace
`;

new RuleTester().run('token-blast-radius', rule, {
  valid: [
    { name: 'harmless role', context: [role('[{apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}]'), bind('RoleBinding', 'Role', 'r')], code: deployment },
    { name: 'dangerous role but no API token (automount off, token for another audience)', context: [bind('RoleBinding', 'ClusterRole', 'edit')], code: yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d, namespace: apps}
      spec:
        template:
          spec:
            serviceAccountName: worker
            automountServiceAccountToken: false
            containers: [{name: c}]
            volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t, audience: vault}}]}}]
    ` },
    { name: 'view is not dangerous (no Secrets)', context: [bind('RoleBinding', 'ClusterRole', 'view')], code: deployment },
    { name: 'a rule for "cronjob" (singular) grants nothing', context: [role('[{apiGroups: [batch], resources: [cronjob], verbs: [create]}]'), bind('RoleBinding', 'Role', 'r')], code: deployment },
    { name: 'approving CSRs needs both halves: update on certificatesigningrequests/approval alone grants no certificate', context: [clusterRole('[{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update, patch]}]'), bind('ClusterRoleBinding', 'ClusterRole', 'c')], code: deployment },
    { name: 'approve on signers alone approves nothing', context: [clusterRole('[{apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve]}]'), bind('ClusterRoleBinding', 'ClusterRole', 'c')], code: deployment },
    { name: 'webhook configurations are cluster-scoped: a RoleBinding grants nothing on them', context: [clusterRole('[{apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [create]}]'), bind('RoleBinding', 'ClusterRole', 'c')], code: deployment },
    { name: 'get on services/status is no status write', context: [role('[{apiGroups: [""], resources: [services/status, pods/status], verbs: [get]}]'), bind('RoleBinding', 'Role', 'r')], code: deployment },
    { name: 'a binding in another namespace for a namesake account', context: [bind('RoleBinding', 'ClusterRole', 'edit', 'other').replace('namespace: apps}]', 'namespace: other}]')], code: deployment },
  ],
  invalid: [
    {
      name: 'built-in edit through a RoleBinding',
      context: [bind('RoleBinding', 'ClusterRole', 'edit')],
      code: deployment,
      errors: [{ messageId: 'dangerous', line: 7, column: 7, endLine: 7, endColumn: 33, path: 'spec.template.spec.serviceAccountName', suggestions: [{ messageId: 'migrate', output: deploymentMigrated }] }],
      output: deploymentMigrated,
    },
    {
      name: 'the second rule of a role (secrets), projected API token, CronJob',
      context: [role('[{apiGroups: [""], resources: [configmaps], verbs: [get]}, {apiGroups: [""], resources: [secrets], verbs: [list]}]'), bind('RoleBinding', 'Role', 'r')],
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c, namespace: apps}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  serviceAccountName: worker
                  automountServiceAccountToken: false
                  containers: []
                  volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t}}]}}]
      `,
      errors: [{ messageId: 'dangerous', line: 9, column: 11, endLine: 9, endColumn: 37 }],
      output: null,
    },
    {
      name: 'exec into one named pod, pod creation via wildcard, nodes/proxy cluster-wide, cluster-admin',
      context: [
        yaml`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata: {name: ops}
          rules:
            - {apiGroups: [""], resources: [pods/exec], verbs: [create], resourceNames: [debug]}
            - {apiGroups: ["*"], resources: ["*"], verbs: [create]}
            - {apiGroups: [""], resources: [nodes/proxy], verbs: [get]}
        `,
        bind('ClusterRoleBinding', 'ClusterRole', 'ops'),
      ],
      code: deployment,
      errors: [{ messageId: 'dangerous', line: 7, column: 7, endLine: 7, endColumn: 33 }],
      output: deploymentMigrated,
    },
    {
      name: 'update/patch of a pod controller (its serviceAccountName can be changed to any account of the namespace)',
      context: [role('[{apiGroups: [apps], resources: [deployments], verbs: [patch]}]'), bind('RoleBinding', 'Role', 'r')],
      code: deployment,
      errors: [{ messageId: 'dangerous', line: 7, column: 7, endLine: 7, endColumn: 33 }],
      output: deploymentMigrated,
    },
    {
      name: 'create/update/patch of admission webhook configurations cluster-wide',
      context: [clusterRole('[{apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: [update]}]'), bind('ClusterRoleBinding', 'ClusterRole', 'c')],
      code: deployment,
      errors: [{ messageId: 'dangerous', line: 7, column: 7, endLine: 7, endColumn: 33 }],
      output: deploymentMigrated,
    },
    {
      name: 'patch services/status (CVE-2020-8554)',
      context: [role('[{apiGroups: [""], resources: [services/status], verbs: [patch]}]'), bind('RoleBinding', 'Role', 'r')],
      code: deployment,
      errors: [{ messageId: 'dangerous', line: 7, column: 7, endLine: 7, endColumn: 33 }],
      output: deploymentMigrated,
    },
    {
      name: 'CSR approval with both halves, from two roles',
      context: [
        clusterRole('[{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}]'),
        bind('ClusterRoleBinding', 'ClusterRole', 'c'),
        clusterRole('[{apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve], resourceNames: [kubernetes.io/kube-apiserver-client]}]').replace('name: c}', 'name: s}'),
        bind('ClusterRoleBinding', 'ClusterRole', 's').replace('name: b,', 'name: b2,'),
      ],
      code: deployment,
      errors: [{ messageId: 'dangerous', line: 7, column: 7, endLine: 7, endColumn: 33 }],
      output: deploymentMigrated,
    },
    {
      name: 'impersonate uids cluster-wide',
      context: [clusterRole('[{apiGroups: [authentication.k8s.io], resources: [uids], verbs: [impersonate]}]'), bind('ClusterRoleBinding', 'ClusterRole', 'c')],
      code: deployment,
      errors: [{ messageId: 'dangerous', line: 7, column: 7, endLine: 7, endColumn: 33 }],
      output: deploymentMigrated,
    },
    {
      name: 'default account through a group binding, DaemonSet',
      context: [yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: all}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects: [{kind: Group, name: "system:serviceaccounts:apps"}]
      `],
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: ds, namespace: apps}
        spec:
          template:
            spec: {containers: []}
      `,
      errors: [{ messageId: 'dangerous', line: 6, column: 5, endLine: 6, endColumn: 9 }],
      output: null,
    },
  ],
});

describe('token-blast-radius names each permission with its grant path', () => {
  const run = (files: string[]) =>
    lint(files.map((text, i) => ({ path: `f${i}.yaml`, text })), { config: { rules: { 'token-blast-radius': 'error' } } })
      .flatMap((r) => r.messages)
      .filter((m) => m.ruleId === 'token-blast-radius')
      .map((m) => m.message);
  it('lists permissions, scope and binding → role → rule', () => {
    const [message] = run([deployment, role('[{apiGroups: [""], resources: [configmaps], verbs: [get]}, {apiGroups: [""], resources: [secrets, pods/exec], verbs: [get, create]}]'), bind('RoleBinding', 'Role', 'r')]);
    expect(message).toBe(
      'Deployment apps/d holds an API token while ServiceAccount apps/worker may escalate through RBAC: get secrets, create pods/exec in namespace apps (RoleBinding apps/b → Role apps/r rule 1); whoever reads the token gets that access, so narrow the role or stop giving this pod the token',
    );
  });
  it('carries the attack path: service account, binding, role, rule, permissions', () => {
    const [m] = lint([deployment, role('[{apiGroups: [""], resources: [configmaps], verbs: [get]}, {apiGroups: [""], resources: [secrets, pods/exec], verbs: [get, create]}]'), bind('RoleBinding', 'Role', 'r')].map((text, i) => ({ path: `f${i}.yaml`, text })))
      .flatMap((r) => r.messages)
      .filter((x) => x.ruleId === 'token-blast-radius');
    expect(m!.attackPath).toEqual({
      serviceAccount: { namespace: 'apps', name: 'worker' },
      grants: [{ binding: { kind: 'RoleBinding', namespace: 'apps', name: 'b' }, role: { kind: 'Role', namespace: 'apps', name: 'r' }, rule: 1, namespace: 'apps', permissions: ['get secrets', 'create pods/exec'] }],
    });
  });
  it('names every permission RULES.md lists, each with its binding → role → rule', () => {
    const [message] = run([
      deployment,
      clusterRole(`[
        {apiGroups: [""], resources: [pods, services/status], verbs: [update, patch]},
        {apiGroups: [batch], resources: [cronjobs], verbs: [update]},
        {apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations, validatingwebhookconfigurations], verbs: [create, patch]},
        {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]},
        {apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve], resourceNames: ["kubernetes.io/*"]},
        {apiGroups: [authentication.k8s.io], resources: [uids], verbs: [impersonate]}]`),
      bind('ClusterRoleBinding', 'ClusterRole', 'c'),
    ]);
    expect(message).toBe(
      'Deployment apps/d holds an API token while ServiceAccount apps/worker may escalate through RBAC: ' +
        'update/patch pods, update/patch services/status in all namespaces (ClusterRoleBinding b → ClusterRole c rule 0); ' +
        'update cronjobs in all namespaces (ClusterRoleBinding b → ClusterRole c rule 1); ' +
        'create/patch mutatingwebhookconfigurations, create/patch validatingwebhookconfigurations in all namespaces (ClusterRoleBinding b → ClusterRole c rule 2); ' +
        'update certificatesigningrequests/approval in all namespaces (ClusterRoleBinding b → ClusterRole c rule 3); ' +
        'approve signers named kubernetes.io/* in all namespaces (ClusterRoleBinding b → ClusterRole c rule 4); and 1 more; whoever reads the token gets that access, so narrow the role or stop giving this pod the token',
    );
  });
  it('names the API groups of * verbs, and says when they are a read-only API or status only', () => {
    const msgs = run([
      deployment,
      role('[{apiGroups: [metrics.k8s.io], resources: ["*"], verbs: ["*"]}, {apiGroups: [""], resources: [pods/status], verbs: ["*"]}, {apiGroups: [example.com], resources: [widgets], verbs: ["*"]}]'),
      bind('RoleBinding', 'Role', 'r'),
    ]);
    expect(msgs[0]).toContain('* on * (API groups: metrics.k8s.io; a read-only API: it serves get, list and watch only) in namespace apps (RoleBinding apps/b → Role apps/r rule 0)');
    expect(msgs[0]).toContain('* on pods/status (API groups: core; status subresources only) in namespace apps (RoleBinding apps/b → Role apps/r rule 1)');
    expect(msgs[0]).toContain('* on widgets (API groups: example.com) in namespace apps (RoleBinding apps/b → Role apps/r rule 2)');
  });
  it('says cluster-admin and "named" for resourceNames-limited rules', () => {
    const msgs = run([
      deployment,
      yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: ops}
        rules: [{apiGroups: [""], resources: [pods/exec], verbs: [create], resourceNames: [debug]}]
      `,
      bind('ClusterRoleBinding', 'ClusterRole', 'ops'),
      bind('ClusterRoleBinding', 'ClusterRole', 'cluster-admin').replace('name: b,', 'name: admins,'),
    ]);
    expect(msgs[0]).toContain('create pods/exec named debug in all namespaces (ClusterRoleBinding b → ClusterRole ops rule 0)');
    expect(msgs[0]).toContain('everything (cluster-admin) in all namespaces (ClusterRoleBinding admins → ClusterRole cluster-admin (built-in) rule 0)');
  });
});
