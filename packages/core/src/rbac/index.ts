import type { Resource } from '../types.js';
import { describeResource } from '../model/index.js';
import { resolveResource } from './resources.js';
import type { EffectiveRule, Grant, Identity, RbacBinding, RbacRequest, RbacRole, RbacSubject } from './types.js';
import { identityOf } from './identity.js';
import { ruleAllows, selectorMatches } from './match.js';
import { bindingFrom, isUnservedRbacVersion, labelsOf, roleFrom } from './read.js';
import { builtinObjects } from './builtin-objects.js';

export type { EffectiveRule, Grant, Identity, LabelSelector, PolicyRule, RbacBinding, RbacRequest, RbacRole, RbacSubject } from './types.js';
export { identityOf, serviceAccountIdentity } from './identity.js';
export { ruleAllows } from './match.js';
export { isUnservedRbacVersion } from './read.js';

function roleKey(kind: string, namespace: string | undefined, name: string): string {
  return kind === 'ClusterRole' ? `ClusterRole/${name}` : `Role/${namespace ?? ''}/${name}`;
}

function subjectKey(kind: string, name: string, namespace?: string): string {
  return kind === 'ServiceAccount' ? `ServiceAccount/${namespace ?? ''}/${name}` : `${kind}/${name}`;
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
      const labels = labelsOf(r);
      if (r.kind === 'Role' || r.kind === 'ClusterRole') {
        const role = roleFrom(r, r.kind, labels);
        this.roles.set(roleKey(r.kind, role.namespace, r.name), role);
        if (r.kind === 'Role' && r.namespace) this.namespacesWithRbac.add(r.namespace);
      } else if (r.kind === 'RoleBinding' || r.kind === 'ClusterRoleBinding') {
        const binding = bindingFrom(r, r.kind, labels);
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
