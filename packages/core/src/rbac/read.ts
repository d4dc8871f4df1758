import type { Resource } from '../types.js';
import { bare, isRecord } from '../path.js';
import type { PolicyRule, RbacBinding, RbacRole } from './types.js';

// RBAC objects read from manifests: missing or mistyped fields are empty, as the API server's
// defaulting leaves them for the authorizer.

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function stringMap(value: unknown): Record<string, string> {
  const out = bare<string>();
  if (isRecord(value)) for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

const NO_RULE: PolicyRule = { verbs: [], apiGroups: [], resources: [], resourceNames: [] };

/**
 * A role's rules as they act on resource requests. A `nonResourceURLs` rule grants nothing on
 * resources (and the API server rejects one that also names apiGroups, resources or resourceNames).
 */
export function readRules(value: unknown): PolicyRule[] {
  if (!Array.isArray(value)) return [];
  return value.map((r) => {
    if (!isRecord(r)) return NO_RULE;
    if (strings(r['nonResourceURLs']).length > 0) return NO_RULE;
    return { verbs: strings(r['verbs']), apiGroups: strings(r['apiGroups']), resources: strings(r['resources']), resourceNames: strings(r['resourceNames']) };
  });
}

/** RBAC API versions no supported API server serves: their objects do not exist, so they grant nothing. */
export function isUnservedRbacVersion(apiVersion: string): boolean {
  return apiVersion === 'rbac.authorization.k8s.io/v1beta1' || apiVersion === 'rbac.authorization.k8s.io/v1alpha1';
}

/** The labels of a manifest object. */
export function labelsOf(r: Resource): Record<string, string> {
  const md = isRecord(r.object['metadata']) ? r.object['metadata'] : {};
  return stringMap(md['labels']);
}

/** A Role or ClusterRole of the input (a ClusterRole's aggregation selectors included). */
export function roleFrom(r: Resource, kind: 'Role' | 'ClusterRole', labels: Record<string, string>): RbacRole {
  const role: RbacRole = { kind, name: r.name, namespace: kind === 'Role' ? r.namespace : undefined, labels, rules: readRules(r.object['rules']), resource: r, builtin: false };
  const agg = r.object['aggregationRule'];
  if (kind === 'ClusterRole' && isRecord(agg) && Array.isArray(agg['clusterRoleSelectors'])) {
    role.aggregate = agg['clusterRoleSelectors'].filter(isRecord).map((s) => ({
      matchLabels: stringMap(s['matchLabels']),
      matchExpressions: Array.isArray(s['matchExpressions'])
        ? s['matchExpressions'].filter(isRecord).map((e) => ({ key: String(e['key'] ?? ''), operator: String(e['operator'] ?? ''), values: strings(e['values']) }))
        : [],
    }));
  }
  return role;
}

/** A RoleBinding or ClusterRoleBinding of the input; a ServiceAccount subject without a namespace is in the binding's. */
export function bindingFrom(r: Resource, kind: 'RoleBinding' | 'ClusterRoleBinding', labels: Record<string, string>): RbacBinding {
  const ref = isRecord(r.object['roleRef']) ? r.object['roleRef'] : {};
  const binding: RbacBinding = {
    kind,
    name: r.name,
    namespace: kind === 'RoleBinding' ? r.namespace : undefined,
    roleRef: { kind: String(ref['kind'] ?? ''), name: String(ref['name'] ?? '') },
    subjects: [],
    resource: r,
    bootstrapping: labels['kubernetes.io/bootstrapping'] === 'rbac-defaults',
  };
  for (const s of Array.isArray(r.object['subjects']) ? r.object['subjects'] : []) {
    if (!isRecord(s) || typeof s['kind'] !== 'string' || typeof s['name'] !== 'string') continue;
    const ns = typeof s['namespace'] === 'string' && s['namespace'] !== '' ? s['namespace'] : s['kind'] === 'ServiceAccount' ? binding.namespace : undefined;
    binding.subjects.push({ kind: s['kind'], name: s['name'], namespace: ns });
  }
  return binding;
}
