import type { ParsedDocument, ParsedFile, Resource } from '../types.js';
import { BUILTIN_CLUSTER_ROLES, BUILTIN_CLUSTER_ROLE_BINDINGS, BUILTIN_ROLE_BINDINGS, BUILTIN_ROLES } from './builtin-roles.js';
import type { BootstrapBinding, BootstrapRole } from './bootstrap-types.js';
import type { RbacBinding, RbacRole } from './types.js';

// Kubernetes' bootstrap policy (the roles and bindings the API server creates) as RBAC objects.

/** A synthetic Resource for a built-in object (it has no file: the API server creates it). */
function builtinResource(kind: string, apiObject: { name: string; namespace?: string; labels: Record<string, string> }): Resource {
  const metadata = { name: apiObject.name, ...(apiObject.namespace ? { namespace: apiObject.namespace } : {}), labels: apiObject.labels };
  const object = { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata };
  const file: ParsedFile = { path: '<kubernetes bootstrap policy>', text: '', documents: [], problems: [], toSourceOffset: (o) => o, position: () => ({ line: 1, column: 1 }), eol: '\n', repaired: false };
  const document: ParsedDocument = { index: 0, value: object, ast: null, range: [0, 0] };
  return { ref: { apiVersion: object.apiVersion, kind, ...(apiObject.namespace ? { namespace: apiObject.namespace } : {}), name: apiObject.name }, apiVersion: object.apiVersion, kind, name: apiObject.name, namespace: apiObject.namespace, object, file, document, basePath: [] };
}

let builtinCache: { roles: RbacRole[]; bindings: Map<string, RbacBinding> } | undefined;

/** The bootstrap policy's roles and bindings, built once (they are never modified). */
export function builtinObjects(): { roles: RbacRole[]; bindings: Map<string, RbacBinding> } {
  if (builtinCache) return builtinCache;
  const roles = [...BUILTIN_CLUSTER_ROLES, ...BUILTIN_ROLES].map(builtinRole);
  const bindings = new Map<string, RbacBinding>();
  for (const b of BUILTIN_CLUSTER_ROLE_BINDINGS) bindings.set(`ClusterRoleBinding//${b.name}`, builtinBinding(b, 'ClusterRoleBinding'));
  for (const b of BUILTIN_ROLE_BINDINGS) bindings.set(`RoleBinding/${b.namespace ?? ''}/${b.name}`, builtinBinding(b, 'RoleBinding'));
  builtinCache = { roles, bindings };
  return builtinCache;
}

function builtinRole(b: BootstrapRole): RbacRole {
  const kind = b.namespace ? 'Role' : 'ClusterRole';
  const role: RbacRole = { kind, name: b.name, namespace: b.namespace, labels: b.labels, rules: b.rules.map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, resourceNames: r.resourceNames })), builtin: true };
  if (b.aggregate) role.aggregate = b.aggregate.map((s) => ({ ...(s.matchLabels ? { matchLabels: s.matchLabels } : {}), ...(s.matchExpressions ? { matchExpressions: s.matchExpressions } : {}) }));
  return role;
}

function builtinBinding(b: BootstrapBinding, kind: 'RoleBinding' | 'ClusterRoleBinding'): RbacBinding {
  return {
    kind,
    name: b.name,
    namespace: kind === 'RoleBinding' ? b.namespace : undefined,
    roleRef: b.roleRef,
    subjects: b.subjects.map((s) => ({ kind: s.kind, name: s.name, namespace: s.namespace ?? (s.kind === 'ServiceAccount' ? b.namespace : undefined) })),
    resource: builtinResource(kind, b),
    bootstrapping: b.labels['kubernetes.io/bootstrapping'] === 'rbac-defaults',
    builtin: true,
  };
}
