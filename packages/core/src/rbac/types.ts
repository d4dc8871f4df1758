// The RBAC objects and questions of one run, as the evaluator (RbacIndex) holds them.
import type { Resource } from '../types.js';

/** One RBAC policy rule, normalised (missing lists are empty). */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
}

/** A Role or ClusterRole, from the input or built in. */
export interface RbacRole {
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace?: string | undefined;
  labels: Record<string, string>;
  rules: PolicyRule[];
  /** `aggregationRule.clusterRoleSelectors` of an aggregated ClusterRole. */
  aggregate?: LabelSelector[];
  /** The manifest object; undefined for a built-in role. */
  resource?: Resource;
  builtin: boolean;
}

/** A label selector as Kubernetes writes it. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** An RBAC subject. */
export interface RbacSubject {
  kind: string;
  name: string;
  namespace?: string | undefined;
}

/** A RoleBinding or ClusterRoleBinding. */
export interface RbacBinding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace?: string | undefined;
  roleRef: { kind: string; name: string };
  subjects: RbacSubject[];
  resource: Resource;
  /** Labelled `kubernetes.io/bootstrapping: rbac-defaults` (Kubernetes' own). */
  bootstrapping: boolean;
  /** Part of Kubernetes' bootstrap policy, not of the input (`resource` is then synthetic). */
  builtin?: boolean;
}

/** Who is asking: a user name and its groups (as the authenticator would set them). */
export interface Identity {
  user: string;
  groups: string[];
  /** Set for service account identities. */
  serviceAccount?: { namespace: string; name: string };
}

/** A request as the RBAC authorizer sees it. */
export interface RbacRequest {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string | undefined;
  name?: string | undefined;
  /** Namespace of the request; undefined for cluster-scoped resources or all namespaces. */
  namespace?: string | undefined;
}

/** One policy rule that reaches an identity, with the path that grants it. */
export interface Grant {
  binding: RbacBinding;
  /** The binding's subject that matched the identity. */
  subject: RbacSubject;
  /** The role the binding names. */
  role: RbacRole;
  /** The role that literally holds the rule (differs from `role` for aggregated roles). */
  source: RbacRole;
  ruleIndex: number;
  rule: PolicyRule;
  /** Namespace the grant is limited to; undefined for ClusterRoleBindings (everywhere). */
  namespace?: string | undefined;
}

/** An effective rule of a role, with the role that holds it literally. */
export interface EffectiveRule {
  rule: PolicyRule;
  ruleIndex: number;
  source: RbacRole;
}
