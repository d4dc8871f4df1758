/** Shapes of the generated bootstrap RBAC policy (bootstrap-policy.generated.ts). */

/** A policy rule of the bootstrap policy (a non-resource-URL rule has empty resource lists). */
export interface BootstrapRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs?: string[];
}

/** A built-in ClusterRole or Role. */
export interface BootstrapRole {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  /** `aggregationRule.clusterRoleSelectors` of an aggregated ClusterRole (its rules are then computed). */
  aggregate?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values: string[] }[] }[];
  rules: BootstrapRule[];
}

/** A built-in ClusterRoleBinding or RoleBinding. */
export interface BootstrapBinding {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  roleRef: { kind: string; name: string };
  subjects: { kind: string; name: string; namespace?: string }[];
}

/** Everything the API server creates at start (bootstrap roles and bindings, cluster-wide and per namespace). */
export interface BootstrapPolicy {
  kubernetesVersion: string;
  clusterRoles: BootstrapRole[];
  clusterRoleBindings: BootstrapBinding[];
  roles: BootstrapRole[];
  roleBindings: BootstrapBinding[];
}
