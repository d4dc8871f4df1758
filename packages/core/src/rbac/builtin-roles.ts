/**
 * Kubernetes' whole bootstrap RBAC policy, present in every cluster whether or not the input has it:
 * the cluster roles (`cluster-admin`, `admin`, `edit`, `view`, `system:node`,
 * `system:kubelet-api-admin`, `system:controller:*`, …), the namespace roles of `kube-system` and
 * `kube-public`, and their bindings, exactly as the API server of the supported version creates them.
 * The data is generated (bootstrap-policy.generated.ts) from the recording the Go oracle makes with
 * Kubernetes' own code (conformance/kubernetes/recorded/bootstrap-policy.json); `admin`, `edit` and
 * `view` keep their aggregation selectors, and the evaluator aggregates their rules as the
 * clusterrole-aggregation controller does.
 */
import { BOOTSTRAP_POLICY } from './bootstrap-policy.generated.js';
import type { BootstrapBinding, BootstrapRole } from './bootstrap-types.js';

/** Kubernetes version line the data reflects (`1.31`). */
export const BUILTIN_ROLES_KUBERNETES_VERSION = BOOTSTRAP_POLICY.kubernetesVersion.replace(/^v/, '').split('.').slice(0, 2).join('.');
/** The exact Kubernetes release the bootstrap policy was recorded from (`v1.31.14`). */
export const BOOTSTRAP_POLICY_KUBERNETES_VERSION = BOOTSTRAP_POLICY.kubernetesVersion;

/** Built-in ClusterRoles. */
export const BUILTIN_CLUSTER_ROLES: readonly BootstrapRole[] = BOOTSTRAP_POLICY.clusterRoles;
/** Built-in Roles (namespaced: kube-system, kube-public). */
export const BUILTIN_ROLES: readonly BootstrapRole[] = BOOTSTRAP_POLICY.roles;
/** Built-in ClusterRoleBindings. */
export const BUILTIN_CLUSTER_ROLE_BINDINGS: readonly BootstrapBinding[] = BOOTSTRAP_POLICY.clusterRoleBindings;
/** Built-in RoleBindings (namespaced). */
export const BUILTIN_ROLE_BINDINGS: readonly BootstrapBinding[] = BOOTSTRAP_POLICY.roleBindings;
