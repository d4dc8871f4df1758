/**
 * The built-in ClusterRoles a binding may name without the input defining them, with the rules
 * Kubernetes ships for them: the bootstrap policy of kubernetes/kubernetes
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy, testdata/cluster-roles.yaml at commit
 * 025f2834a128798cef30018a5e6a6ae82b5ad885, the 1.3x line). `admin`, `edit` and `view` are
 * aggregated: their rules come from the `system:aggregate-to-*` roles through their labels, exactly
 * as the aggregation controller does it.
 */

/** Kubernetes version line the data reflects. */
export const BUILTIN_ROLES_KUBERNETES_VERSION = '1.31';

/** A policy rule in compact form: `[verbs, apiGroups, resources, resourceNames?]`. */
type CompactRule = readonly [verbs: string, apiGroups: string, resources: string, resourceNames?: string];

/** One built-in ClusterRole. */
export interface BuiltinRole {
  name: string;
  labels: Record<string, string>;
  /** Label selectors (matchLabels only) of an aggregated role. */
  aggregate?: Record<string, string>[];
  rules: CompactRule[];
}

const CRUD = 'create,delete,deletecollection,patch,update';
const READ = 'get,list,watch';
const BOOT = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };

/** Built-in ClusterRoles, in the bootstrap policy's order. Lists are comma-separated; `""` is the core group. */
export const BUILTIN_CLUSTER_ROLES: readonly BuiltinRole[] = [
  { name: 'cluster-admin', labels: BOOT, rules: [['*', '*', '*']] },
  { name: 'admin', labels: BOOT, aggregate: [{ 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' }], rules: [] },
  { name: 'edit', labels: { ...BOOT, 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' }, aggregate: [{ 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }], rules: [] },
  { name: 'view', labels: { ...BOOT, 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }, aggregate: [{ 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }], rules: [] },
  {
    name: 'system:aggregate-to-admin',
    labels: { ...BOOT, 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' },
    rules: [
      ['create', 'authorization.k8s.io', 'localsubjectaccessreviews'],
      [`${CRUD},get,list,watch`, 'rbac.authorization.k8s.io', 'rolebindings,roles'],
    ],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: { ...BOOT, 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
    rules: [
      [READ, '""', 'pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,services/proxy'],
      ['impersonate', '""', 'serviceaccounts'],
      [CRUD, '""', 'pods,pods/attach,pods/exec,pods/portforward,pods/proxy'],
      ['create', '""', 'pods/eviction'],
      [CRUD, '""', 'configmaps,events,persistentvolumeclaims,replicationcontrollers,replicationcontrollers/scale,secrets,serviceaccounts,services,services/proxy'],
      ['create', '""', 'serviceaccounts/token'],
      [CRUD, 'apps', 'daemonsets,deployments,deployments/rollback,deployments/scale,replicasets,replicasets/scale,statefulsets,statefulsets/scale'],
      [CRUD, 'autoscaling', 'horizontalpodautoscalers'],
      [CRUD, 'batch', 'cronjobs,jobs'],
      [CRUD, 'extensions', 'daemonsets,deployments,deployments/rollback,deployments/scale,ingresses,networkpolicies,replicasets,replicasets/scale,replicationcontrollers/scale'],
      [CRUD, 'policy', 'poddisruptionbudgets'],
      [CRUD, 'networking.k8s.io', 'ingresses,networkpolicies'],
      [`${CRUD},get,list,watch`, 'coordination.k8s.io', 'leases'],
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: { ...BOOT, 'rbac.authorization.k8s.io/aggregate-to-view': 'true' },
    rules: [
      [READ, '""', 'configmaps,endpoints,persistentvolumeclaims,persistentvolumeclaims/status,pods,replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/status'],
      [READ, '""', 'bindings,events,limitranges,namespaces/status,pods/log,pods/status,replicationcontrollers/status,resourcequotas,resourcequotas/status'],
      [READ, '""', 'namespaces'],
      [READ, 'discovery.k8s.io', 'endpointslices'],
      [READ, 'apps', 'controllerrevisions,daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,replicasets,replicasets/scale,replicasets/status,statefulsets,statefulsets/scale,statefulsets/status'],
      [READ, 'autoscaling', 'horizontalpodautoscalers,horizontalpodautoscalers/status'],
      [READ, 'batch', 'cronjobs,cronjobs/status,jobs,jobs/status'],
      [READ, 'extensions', 'daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,ingresses,ingresses/status,networkpolicies,replicasets,replicasets/scale,replicasets/status,replicationcontrollers/scale'],
      [READ, 'policy', 'poddisruptionbudgets,poddisruptionbudgets/status'],
      [READ, 'networking.k8s.io', 'ingresses,ingresses/status,networkpolicies'],
    ],
  },
  {
    name: 'system:auth-delegator',
    labels: BOOT,
    rules: [
      ['create', 'authentication.k8s.io', 'tokenreviews'],
      ['create', 'authorization.k8s.io', 'subjectaccessreviews'],
    ],
  },
  {
    name: 'system:basic-user',
    labels: BOOT,
    rules: [
      ['create', 'authorization.k8s.io', 'selfsubjectaccessreviews,selfsubjectrulesreviews'],
      ['create', 'authentication.k8s.io', 'selfsubjectreviews'],
    ],
  },
  // Non-resource URLs only: no resource permission for a token.
  { name: 'system:discovery', labels: BOOT, rules: [] },
  { name: 'system:public-info-viewer', labels: BOOT, rules: [] },
  {
    name: 'system:kube-controller-manager',
    labels: BOOT,
    rules: [
      ['create,patch,update', '"",events.k8s.io', 'events'],
      ['create', 'coordination.k8s.io', 'leases'],
      ['get,update', 'coordination.k8s.io', 'leases', 'kube-controller-manager'],
      ['create', '""', 'secrets,serviceaccounts'],
      ['delete', '""', 'secrets'],
      ['get', '""', 'configmaps,namespaces,secrets,serviceaccounts'],
      ['update', '""', 'secrets,serviceaccounts'],
      ['create', 'authentication.k8s.io', 'tokenreviews'],
      ['create', 'authorization.k8s.io', 'subjectaccessreviews'],
      ['list,watch', '*', '*'],
      ['create', '""', 'serviceaccounts/token'],
    ],
  },
  {
    name: 'system:kube-scheduler',
    labels: BOOT,
    rules: [
      ['create,patch,update', '"",events.k8s.io', 'events'],
      ['create', 'coordination.k8s.io', 'leases'],
      ['get,update', 'coordination.k8s.io', 'leases', 'kube-scheduler'],
      [READ, '""', 'nodes'],
      ['delete,get,list,watch', '""', 'pods'],
      ['create', '""', 'bindings,pods/binding'],
      ['patch,update', '""', 'pods/status'],
      [READ, '""', 'replicationcontrollers,services'],
      [READ, 'apps,extensions', 'replicasets'],
      [READ, 'apps', 'statefulsets'],
      [READ, 'policy', 'poddisruptionbudgets'],
      [READ, '""', 'persistentvolumeclaims,persistentvolumes'],
      ['create', 'authentication.k8s.io', 'tokenreviews'],
    ],
  },
];

/** Expands a compact rule into a policy rule object. */
export function expandRule(rule: CompactRule): { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames: string[] } {
  const list = (s: string | undefined): string[] => (s === undefined || s === '' ? [] : s.split(',').map((x) => (x === '""' ? '' : x)));
  return { verbs: list(rule[0]), apiGroups: list(rule[1]), resources: list(rule[2]), resourceNames: list(rule[3]) };
}
