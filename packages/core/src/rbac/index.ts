import type { ParsedDocument, ParsedFile, Resource } from '../types.js';
import { bare, isRecord } from '../path.js';
import { describeResource } from '../model/index.js';
import { BUILTIN_CLUSTER_ROLES, BUILTIN_CLUSTER_ROLE_BINDINGS, BUILTIN_ROLE_BINDINGS, BUILTIN_ROLES } from './builtin-roles.js';
import type { BootstrapBinding, BootstrapRole } from './bootstrap-types.js';
import { resolveResource } from './resources.js';

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

/** The identity of a service account token: its user name and the groups every such token has. */
export function serviceAccountIdentity(namespace: string, name: string): Identity {
  return {
    user: `system:serviceaccount:${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
    serviceAccount: { namespace, name },
  };
}

/** `system:serviceaccount:NS:NAME` as a service account identity; any other name as a plain authenticated user. */
export function identityOf(user: string, groups: readonly string[] = []): Identity {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user);
  if (m) {
    const id = serviceAccountIdentity(m[1]!, m[2]!);
    return { ...id, groups: [...new Set([...id.groups, ...groups])] };
  }
  return { user, groups: [...new Set([...groups, 'system:authenticated'])] };
}

const has = (list: readonly string[], value: string): boolean => list.includes('*') || list.includes(value);

/**
 * Whether one policy rule allows a request, with the RBAC authorizer's semantics: `*` in verbs,
 * apiGroups and resources; `*` as a resource also covers subresources; `*` + `/scale` covers the
 * `scale` subresource of every resource, while `*` + `/*` is not a wildcard; `resourceNames`
 * matches the request's name exactly (Kubernetes' ResourceNameMatches), so a request without a name
 * (`create` on a collection, `list` of all objects) is matched only by `resourceNames: [""]`.
 */
export function ruleAllows(rule: PolicyRule, req: RbacRequest): boolean {
  if (!has(rule.verbs, req.verb)) return false;
  if (!has(rule.apiGroups, req.apiGroup)) return false;
  const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const resourceOk = rule.resources.some(
    (r) => r === '*' || r === combined || (req.subresource !== undefined && r.length === req.subresource.length + 2 && r.startsWith('*/') && r.endsWith(req.subresource)),
  );
  if (!resourceOk) return false;
  if (rule.resourceNames.length === 0) return true;
  return rule.resourceNames.includes(req.name ?? '');
}

function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!present || !values.includes(labels[e.key]!)) return false;
        break;
      case 'NotIn':
        if (present && values.includes(labels[e.key]!)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

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
function readRules(value: unknown): PolicyRule[] {
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

function roleKey(kind: string, namespace: string | undefined, name: string): string {
  return kind === 'ClusterRole' ? `ClusterRole/${name}` : `Role/${namespace ?? ''}/${name}`;
}

function subjectKey(kind: string, name: string, namespace?: string): string {
  return kind === 'ServiceAccount' ? `ServiceAccount/${namespace ?? ''}/${name}` : `${kind}/${name}`;
}

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
function builtinObjects(): { roles: RbacRole[]; bindings: Map<string, RbacBinding> } {
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

/** An effective rule of a role, with the role that holds it literally. */
export interface EffectiveRule {
  rule: PolicyRule;
  ruleIndex: number;
  source: RbacRole;
}

/**
 * The RBAC objects of one run, indexed so that a subject's bindings are found without scanning all
 * bindings, and aggregated roles are resolved once.
 */
export class RbacIndex {
  readonly roles = new Map<string, RbacRole>();
  readonly bindings: RbacBinding[] = [];
  private readonly bySubject = new Map<string, { binding: RbacBinding; subject: RbacSubject }[]>();
  private readonly effective = new Map<string, EffectiveRule[]>();
  /** Namespaces with at least one Role or RoleBinding, or a ServiceAccount subject of a ClusterRoleBinding. */
  readonly namespacesWithRbac = new Set<string>();

  constructor(resources: readonly Resource[]) {
    // Kubernetes' bootstrap policy first: an object of the input with the same kind, namespace and
    // name replaces the built-in one.
    const builtin = builtinObjects();
    for (const role of builtin.roles) this.roles.set(roleKey(role.kind, role.namespace, role.name), role);
    const builtinBindings = new Map(builtin.bindings);
    // A later object with the same kind, namespace and name replaces the earlier one (kubectl apply).
    const latest = new Map<string, Resource>();
    for (const r of resources) {
      if (!r.apiVersion.startsWith('rbac.authorization.k8s.io/') || isUnservedRbacVersion(r.apiVersion)) continue;
      if (r.kind !== 'Role' && r.kind !== 'ClusterRole' && r.kind !== 'RoleBinding' && r.kind !== 'ClusterRoleBinding') continue;
      const k = `${r.kind}/${r.kind === 'Role' || r.kind === 'RoleBinding' ? (r.namespace ?? '') : ''}/${r.name}`;
      latest.delete(k);
      latest.set(k, r);
    }
    for (const k of latest.keys()) builtinBindings.delete(k);
    for (const b of builtinBindings.values()) this.addBinding(b, false);
    for (const r of latest.values()) {
      const md = isRecord(r.object['metadata']) ? r.object['metadata'] : {};
      const labels = stringMap(md['labels']);
      if (r.kind === 'Role' || r.kind === 'ClusterRole') {
        const role: RbacRole = { kind: r.kind, name: r.name, namespace: r.kind === 'Role' ? r.namespace : undefined, labels, rules: readRules(r.object['rules']), resource: r, builtin: false };
        const agg = r.object['aggregationRule'];
        if (r.kind === 'ClusterRole' && isRecord(agg) && Array.isArray(agg['clusterRoleSelectors'])) {
          role.aggregate = agg['clusterRoleSelectors'].filter(isRecord).map((s) => ({
            matchLabels: stringMap(s['matchLabels']),
            matchExpressions: Array.isArray(s['matchExpressions'])
              ? s['matchExpressions'].filter(isRecord).map((e) => ({ key: String(e['key'] ?? ''), operator: String(e['operator'] ?? ''), values: strings(e['values']) }))
              : [],
          }));
        }
        this.roles.set(roleKey(r.kind, role.namespace, r.name), role);
        if (r.kind === 'Role' && r.namespace) this.namespacesWithRbac.add(r.namespace);
      } else if (r.kind === 'RoleBinding' || r.kind === 'ClusterRoleBinding') {
        const ref = isRecord(r.object['roleRef']) ? r.object['roleRef'] : {};
        const binding: RbacBinding = {
          kind: r.kind,
          name: r.name,
          namespace: r.kind === 'RoleBinding' ? r.namespace : undefined,
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
        this.addBinding(binding, true);
      }
    }
  }

  /** Indexes a binding by its subjects; `fromInput` bindings mark their namespaces as having RBAC. */
  private addBinding(binding: RbacBinding, fromInput: boolean): void {
    for (const subject of binding.subjects) {
      const key = subjectKey(subject.kind, subject.name, subject.namespace);
      const list = this.bySubject.get(key) ?? [];
      list.push({ binding, subject });
      this.bySubject.set(key, list);
      if (fromInput && binding.kind === 'ClusterRoleBinding' && subject.kind === 'ServiceAccount' && subject.namespace) this.namespacesWithRbac.add(subject.namespace);
    }
    this.bindings.push(binding);
    if (fromInput && binding.namespace) this.namespacesWithRbac.add(binding.namespace);
  }

  /** The role a binding names, if the input or the built-ins have it. */
  roleOf(binding: RbacBinding): RbacRole | undefined {
    if (binding.roleRef.kind === 'ClusterRole') return this.roles.get(roleKey('ClusterRole', undefined, binding.roleRef.name));
    if (binding.roleRef.kind === 'Role' && binding.kind === 'RoleBinding') return this.roles.get(roleKey('Role', binding.namespace, binding.roleRef.name));
    return undefined;
  }

  /**
   * The rules a role grants: its own, or for an aggregated ClusterRole the rules of every ClusterRole
   * its selectors match (transitively, as the aggregation controller converges), each with the role
   * that holds it.
   */
  effectiveRules(role: RbacRole, seen: Set<RbacRole> = new Set()): EffectiveRule[] {
    const key = roleKey(role.kind, role.namespace, role.name);
    const cached = this.effective.get(key);
    if (cached) return cached;
    if (!role.aggregate) {
      const own = role.rules.map((rule, ruleIndex) => ({ rule, ruleIndex, source: role }));
      this.effective.set(key, own);
      return own;
    }
    seen.add(role);
    const out: EffectiveRule[] = [];
    const taken = new Set<string>();
    for (const other of this.roles.values()) {
      if (other.kind !== 'ClusterRole' || other === role || seen.has(other)) continue;
      if (!role.aggregate.some((sel) => selectorMatches(sel, other.labels))) continue;
      for (const e of this.effectiveRules(other, seen)) {
        const id = `${e.source.name}#${e.ruleIndex}`;
        if (!taken.has(id)) out.push(e);
        taken.add(id);
      }
    }
    seen.delete(role);
    if (seen.size === 0) this.effective.set(key, out);
    return out;
  }

  /** Bindings whose subjects include the identity (each binding once, with the first subject that matched). */
  bindingsFor(identity: Identity): { binding: RbacBinding; subject: RbacSubject }[] {
    const keys: string[] = [];
    if (identity.serviceAccount) keys.push(subjectKey('ServiceAccount', identity.serviceAccount.name, identity.serviceAccount.namespace));
    keys.push(subjectKey('User', identity.user));
    for (const g of identity.groups) keys.push(subjectKey('Group', g));
    const seen = new Set<RbacBinding>();
    const out: { binding: RbacBinding; subject: RbacSubject }[] = [];
    for (const k of keys) {
      for (const hit of this.bySubject.get(k) ?? []) {
        if (seen.has(hit.binding)) continue;
        seen.add(hit.binding);
        out.push(hit);
      }
    }
    return out;
  }

  /** Every policy rule that reaches the identity, with its grant path and scope. */
  grantsFor(identity: Identity): Grant[] {
    const out: Grant[] = [];
    for (const { binding, subject } of this.bindingsFor(identity)) {
      const role = this.roleOf(binding);
      if (!role) continue;
      for (const e of this.effectiveRules(role)) {
        out.push({ binding, subject, role, source: e.source, ruleIndex: e.ruleIndex, rule: e.rule, namespace: binding.namespace });
      }
    }
    return out;
  }

  /**
   * The grants that allow a request. A RoleBinding's grants apply only to namespaced requests in
   * its namespace; a ClusterRoleBinding's everywhere.
   */
  allowing(identity: Identity, req: RbacRequest): Grant[] {
    return this.grantsFor(identity).filter((g) => (g.namespace === undefined || g.namespace === req.namespace) && ruleAllows(g.rule, req));
  }
}

/** `RoleBinding ns/name → ClusterRole view (aggregated from system:aggregate-to-view) rule 3`. */
export function describeGrant(g: Grant): string {
  const binding = describeResource(g.binding.resource);
  const role = g.role.namespace ? `${g.role.kind} ${g.role.namespace}/${g.role.name}` : `${g.role.kind} ${g.role.name}`;
  const builtin = g.role.builtin ? ' (built-in)' : '';
  const via = g.source !== g.role ? ` via ${g.source.kind} ${g.source.name}` : '';
  return `${binding} → ${role}${builtin}${via} rule ${g.ruleIndex}`;
}

/** The answer of {@link canI}. */
export interface CanIAnswer {
  allowed: boolean;
  /** Every grant that allows the request (empty when denied). */
  via: Grant[];
}

/**
 * Offline `kubectl auth can-i`: may `subject` (a user name such as
 * `system:serviceaccount:ci:deployer`, or an {@link Identity}) do `verb` on `resource`
 * (`pods`, `pods/exec`, `cronjobs.batch`, `po`) in `namespace` (default `default`; ignored for
 * cluster-scoped resources), according to the RBAC objects of `rbac` and the built-in roles?
 */
export function canI(rbac: RbacIndex | { rbac: RbacIndex }, subject: string | Identity, verb: string, resource: string, namespace?: string, name?: string): CanIAnswer {
  const index = rbac instanceof RbacIndex ? rbac : rbac.rbac;
  const identity = typeof subject === 'string' ? identityOf(subject) : subject;
  const r = resolveResource(resource);
  const via = index.allowing(identity, {
    verb,
    apiGroup: r.apiGroup,
    resource: r.resource,
    subresource: r.subresource,
    name,
    namespace: r.clusterScoped ? undefined : (namespace ?? 'default'),
  });
  return { allowed: via.length > 0, via };
}
