import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { parseManifests } from '../parse/index.js';
import { resourcesOf } from '../model/index.js';
import { yaml } from '../testing/index.js';
import type { Resource } from '../types.js';
import { RbacIndex, canI, describeGrant, ruleAllows, serviceAccountIdentity, type PolicyRule } from './index.js';
import { resolveResource } from './resources.js';

function index(text: string): RbacIndex {
  return new RbacIndex(resourcesOf(parseManifests(text, 'rbac.yaml')));
}

const SA = 'system:serviceaccount:apps:worker';
const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', roleKind: string, role: string, ns = 'apps') => yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ${kind}
  metadata: {name: b-${role}, namespace: ${ns}}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${role}}
  subjects: [{kind: ServiceAccount, name: worker, namespace: apps}]
`;

describe('the known bugs of other evaluators', () => {
  it('reads every policy rule, not only the first', () => {
    const rbac = index(`${yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: r, namespace: apps}
      rules:
        - {apiGroups: [""], resources: [configmaps], verbs: [get]}
        - {apiGroups: [""], resources: [secrets], verbs: [list]}
    `}---\n${binding('RoleBinding', 'Role', 'r')}`);
    const answer = canI(rbac, SA, 'list', 'secrets', 'apps');
    expect(answer.allowed).toBe(true);
    expect(answer.via.map(describeGrant)).toEqual(['RoleBinding apps/b-r → Role apps/r rule 1']);
  });

  it('never lets resourceNames on one rule excuse (or restrict) another', () => {
    const rbac = index(`${yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: r, namespace: apps}
      rules:
        - {apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [tls]}
        - {apiGroups: [""], resources: [configmaps], verbs: [get, list]}
    `}---\n${binding('RoleBinding', 'Role', 'r')}`);
    expect(canI(rbac, SA, 'get', 'secrets', 'apps', 'tls').allowed).toBe(true);
    expect(canI(rbac, SA, 'get', 'secrets', 'apps', 'db-password').allowed).toBe(false);
    expect(canI(rbac, SA, 'list', 'secrets', 'apps').allowed).toBe(false);
    expect(canI(rbac, SA, 'list', 'configmaps', 'apps').allowed).toBe(true);
  });

  it('follows a RoleBinding to a ClusterRole, only in the binding\'s namespace', () => {
    const rbac = index(`${yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: secret-reader}
      rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list, watch]}]
    `}---\n${binding('RoleBinding', 'ClusterRole', 'secret-reader', 'payments')}`);
    expect(canI(rbac, SA, 'get', 'secrets', 'payments').allowed).toBe(true);
    expect(canI(rbac, SA, 'get', 'secrets', 'apps').allowed).toBe(false);
    expect(canI(rbac, SA, 'get', 'nodes').allowed).toBe(false);
  });

  it('resolves aggregated ClusterRoles (matchLabels and matchExpressions), transitively', () => {
    const rbac = index(`${yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: monitoring}
      aggregationRule:
        clusterRoleSelectors:
          - matchLabels: {example.com/aggregate-to-monitoring: "true"}
          - matchExpressions: [{key: team, operator: In, values: [sre]}]
      rules: []
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: pods-reader, labels: {example.com/aggregate-to-monitoring: "true"}}
      rules: [{apiGroups: [""], resources: [pods], verbs: [list]}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: sre-secrets, labels: {team: sre}}
      rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: other, labels: {team: web}}
      rules: [{apiGroups: [""], resources: [nodes], verbs: [get]}]
    `}---\n${binding('ClusterRoleBinding', 'ClusterRole', 'monitoring')}`);
    expect(canI(rbac, SA, 'list', 'pods', 'x').allowed).toBe(true);
    const secrets = canI(rbac, SA, 'get', 'secrets', 'x');
    expect(secrets.via.map(describeGrant)).toEqual(['ClusterRoleBinding b-monitoring → ClusterRole monitoring via ClusterRole sre-secrets rule 0']);
    expect(canI(rbac, SA, 'get', 'nodes').allowed).toBe(false);
  });

  it('matches resources exactly: a rule for "cronjob" grants nothing on cronjobs', () => {
    const rbac = index(`${yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: r, namespace: apps}
      rules: [{apiGroups: [batch], resources: [cronjob], verbs: [create]}]
    `}---\n${binding('RoleBinding', 'Role', 'r')}`);
    expect(canI(rbac, SA, 'create', 'cronjobs', 'apps').allowed).toBe(false);
    expect(canI(rbac, SA, 'create', 'cronjobs.batch', 'apps').allowed).toBe(false);
  });

  it('takes */scale as a subresource wildcard and */* literally', () => {
    const rule = (resources: string[]): PolicyRule => ({ verbs: ['update'], apiGroups: ['*'], resources, resourceNames: [] });
    expect(ruleAllows(rule(['*/scale']), { verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'scale' })).toBe(true);
    expect(ruleAllows(rule(['*/scale']), { verb: 'update', apiGroup: 'apps', resource: 'deployments' })).toBe(false);
    expect(ruleAllows(rule(['*/*']), { verb: 'update', apiGroup: '', resource: 'pods', subresource: 'exec' })).toBe(false);
    expect(ruleAllows(rule(['*/*']), { verb: 'update', apiGroup: '', resource: 'pods' })).toBe(false);
    expect(ruleAllows(rule(['*']), { verb: 'update', apiGroup: '', resource: 'pods', subresource: 'exec' })).toBe(true);
    expect(ruleAllows(rule(['pods']), { verb: 'update', apiGroup: '', resource: 'pods', subresource: 'exec' })).toBe(false);
  });
});

describe('subjects and built-in roles', () => {
  it('matches every spelling of a service account identity', () => {
    for (const subject of [
      '{kind: ServiceAccount, name: worker, namespace: apps}',
      '{kind: User, name: "system:serviceaccount:apps:worker"}',
      '{kind: Group, name: "system:serviceaccounts"}',
      '{kind: Group, name: "system:serviceaccounts:apps"}',
      '{kind: Group, name: "system:authenticated"}',
    ]) {
      const rbac = index(yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: b}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects: [${subject}]
      `);
      expect(canI(rbac, SA, 'list', 'pods', 'apps').allowed, subject).toBe(true);
    }
    const other = index(yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: b}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      subjects: [{kind: Group, name: "system:serviceaccounts:other"}, {kind: ServiceAccount, name: worker, namespace: other}]
    `);
    expect(canI(other, SA, 'list', 'pods', 'apps').allowed).toBe(false);
  });

  it('a RoleBinding\'s ServiceAccount subject without namespace is the binding\'s namespace', () => {
    const rbac = index(yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: b, namespace: apps}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
      subjects: [{kind: ServiceAccount, name: worker}]
    `);
    expect(canI(rbac, SA, 'create', 'pods/exec', 'apps').allowed).toBe(true);
  });

  it('knows the built-in cluster-admin, admin, edit and view', () => {
    const rb = (role: string) => index(binding('RoleBinding', 'ClusterRole', role));
    expect(canI(rb('view'), SA, 'list', 'pods', 'apps').allowed).toBe(true);
    expect(canI(rb('view'), SA, 'get', 'secrets', 'apps').allowed).toBe(false);
    expect(canI(rb('edit'), SA, 'get', 'secrets', 'apps').via.map(describeGrant)).toEqual([
      'RoleBinding apps/b-edit → ClusterRole edit (built-in) via ClusterRole system:aggregate-to-edit rule 0',
    ]);
    expect(canI(rb('edit'), SA, 'create', 'serviceaccounts/token', 'apps').allowed).toBe(true);
    expect(canI(rb('edit'), SA, 'create', 'rolebindings', 'apps').allowed).toBe(false);
    expect(canI(rb('admin'), SA, 'create', 'rolebindings', 'apps').allowed).toBe(true);
    expect(canI(rb('admin'), SA, 'list', 'deployments', 'apps').allowed).toBe(true);
    expect(canI(index(binding('ClusterRoleBinding', 'ClusterRole', 'cluster-admin')), SA, 'delete', 'nodes').allowed).toBe(true);
  });

  it('lets the input redefine a built-in role name', () => {
    const rbac = index(`${yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: view}
      rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
    `}---\n${binding('RoleBinding', 'ClusterRole', 'view')}`);
    expect(canI(rbac, SA, 'list', 'pods', 'apps').allowed).toBe(false);
    expect(canI(rbac, SA, 'get', 'configmaps', 'apps').allowed).toBe(true);
  });
});

describe('resolveResource', () => {
  it('resolves plurals, short names, groups and subresources as kubectl does', () => {
    expect(resolveResource('po')).toMatchObject({ resource: 'pods', apiGroup: '', clusterScoped: false, known: true });
    expect(resolveResource('cronjobs.batch')).toMatchObject({ resource: 'cronjobs', apiGroup: 'batch' });
    expect(resolveResource('deploy/scale')).toMatchObject({ resource: 'deployments', subresource: 'scale', apiGroup: 'apps' });
    expect(resolveResource('nodes/proxy')).toMatchObject({ resource: 'nodes', subresource: 'proxy', clusterScoped: true });
    expect(resolveResource('certificates.cert-manager.io')).toMatchObject({ resource: 'certificates', apiGroup: 'cert-manager.io', known: true });
    expect(resolveResource('widgets')).toMatchObject({ known: false });
  });
});

// ---------------------------------------------------------------------------------------------
// Property test: the indexed evaluator against a deliberately naive one written here from the
// Kubernetes authorizer's semantics (every binding, every rule, plain loops, no indexes).

type Obj = Record<string, unknown>;

function naiveAllowed(objects: Obj[], sa: { ns: string; name: string }, req: { verb: string; group: string; resource: string; sub?: string; name?: string; ns?: string }): boolean {
  const groups = ['system:serviceaccounts', `system:serviceaccounts:${sa.ns}`, 'system:authenticated'];
  const user = `system:serviceaccount:${sa.ns}:${sa.name}`;
  const labelsOf = (o: Obj) => ((o['metadata'] as Obj)['labels'] ?? {}) as Record<string, string>;
  const rulesOfClusterRole = (name: string, depth: number): Obj[] => {
    const role = objects.find((o) => o['kind'] === 'ClusterRole' && (o['metadata'] as Obj)['name'] === name);
    if (!role || depth > 5) return [];
    const agg = role['aggregationRule'] as Obj | undefined;
    if (!agg) return (role['rules'] as Obj[]) ?? [];
    const out: Obj[] = [];
    for (const other of objects) {
      if (other['kind'] !== 'ClusterRole' || other === role) continue;
      const sels = agg['clusterRoleSelectors'] as { matchLabels: Record<string, string> }[];
      if (sels.some((s) => Object.entries(s.matchLabels).every(([k, v]) => labelsOf(other)[k] === v))) out.push(...rulesOfClusterRole((other['metadata'] as Obj)['name'] as string, depth + 1));
    }
    return out;
  };
  for (const b of objects) {
    if (b['kind'] !== 'RoleBinding' && b['kind'] !== 'ClusterRoleBinding') continue;
    const bns = (b['metadata'] as Obj)['namespace'] as string | undefined;
    if (b['kind'] === 'RoleBinding' && bns !== req.ns) continue;
    let matches = false;
    for (const s of b['subjects'] as Obj[]) {
      if (s['kind'] === 'ServiceAccount' && s['name'] === sa.name && ((s['namespace'] as string | undefined) ?? bns) === sa.ns) matches = true;
      if (s['kind'] === 'User' && s['name'] === user) matches = true;
      if (s['kind'] === 'Group' && groups.includes(s['name'] as string)) matches = true;
    }
    if (!matches) continue;
    const ref = b['roleRef'] as Obj;
    let rules: Obj[] = [];
    if (ref['kind'] === 'ClusterRole') rules = rulesOfClusterRole(ref['name'] as string, 0);
    else if (b['kind'] === 'RoleBinding') {
      const role = objects.find((o) => o['kind'] === 'Role' && (o['metadata'] as Obj)['name'] === ref['name'] && (o['metadata'] as Obj)['namespace'] === bns);
      rules = (role?.['rules'] as Obj[]) ?? [];
    }
    for (const r of rules) {
      const verbs = r['verbs'] as string[];
      const apiGroups = r['apiGroups'] as string[];
      const resources = r['resources'] as string[];
      const names = (r['resourceNames'] as string[] | undefined) ?? [];
      if (!(verbs.includes('*') || verbs.includes(req.verb))) continue;
      if (!(apiGroups.includes('*') || apiGroups.includes(req.group))) continue;
      const want = req.sub ? `${req.resource}/${req.sub}` : req.resource;
      let resOk = false;
      for (const res of resources) {
        if (res === '*' || res === want) resOk = true;
        if (req.sub && res === `*/${req.sub}`) resOk = true;
      }
      if (!resOk) continue;
      if (names.length > 0 && !(req.name && names.includes(req.name))) continue;
      return true;
    }
  }
  return false;
}

describe('property: the indexed evaluator agrees with a naive one', () => {
  const nsArb = fc.constantFrom('a', 'b');
  const nameArb = fc.constantFrom('x', 'y', 'default');
  const verbArb = fc.constantFrom('get', 'list', 'create', '*');
  const groupArb = fc.constantFrom('', 'apps', '*');
  const resArb = fc.constantFrom('pods', 'secrets', 'deployments', 'cronjobs', 'cronjob', 'pods/exec', '*', '*/scale', '*/*', 'deployments/scale');
  const ruleArb = fc.record({
    verbs: fc.uniqueArray(verbArb, { minLength: 1, maxLength: 3 }),
    apiGroups: fc.uniqueArray(groupArb, { minLength: 1, maxLength: 2 }),
    resources: fc.uniqueArray(resArb, { minLength: 1, maxLength: 3 }),
    resourceNames: fc.oneof(fc.constant([] as string[]), fc.uniqueArray(fc.constantFrom('n1', 'n2'), { minLength: 1, maxLength: 2 })),
  });
  const subjectArb = fc.oneof(
    fc.record({ kind: fc.constant('ServiceAccount'), name: nameArb, namespace: fc.option(nsArb, { nil: undefined }) }),
    fc.record({ kind: fc.constant('User'), name: fc.tuple(nsArb, nameArb).map(([n, s]) => `system:serviceaccount:${n}:${s}`) }),
    fc.record({ kind: fc.constant('Group'), name: fc.constantFrom('system:serviceaccounts', 'system:serviceaccounts:a', 'system:serviceaccounts:b', 'system:authenticated', 'devs') }),
  );
  const worldArb = fc.record({
    roles: fc.array(fc.record({ ns: nsArb, name: fc.constantFrom('r1', 'r2'), rules: fc.array(ruleArb, { maxLength: 4 }) }), { maxLength: 4 }),
    clusterRoles: fc.array(fc.record({ name: fc.constantFrom('c1', 'c2', 'c3'), label: fc.constantFrom('agg', 'none'), aggregated: fc.boolean(), rules: fc.array(ruleArb, { maxLength: 3 }) }), { maxLength: 4 }),
    bindings: fc.array(
      fc.record({ cluster: fc.boolean(), ns: nsArb, roleKind: fc.constantFrom('Role', 'ClusterRole'), role: fc.constantFrom('r1', 'r2', 'c1', 'c2', 'c3'), subjects: fc.array(subjectArb, { minLength: 1, maxLength: 3 }) }),
      { maxLength: 8 },
    ),
  });
  const queryArb = fc.record({
    sa: fc.record({ ns: nsArb, name: nameArb }),
    verb: fc.constantFrom('get', 'list', 'create'),
    group: fc.constantFrom('', 'apps'),
    resource: fc.constantFrom('pods', 'secrets', 'deployments', 'cronjobs'),
    sub: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.constantFrom('exec', 'scale', '*'), weight: 1 }),
    name: fc.option(fc.constantFrom('n1', 'n2'), { nil: undefined }),
    ns: fc.option(nsArb, { nil: undefined }),
  });

  it('for random roles, aggregated roles, bindings and queries', () => {
    let allowed = 0;
    let denied = 0;
    fc.assert(
      fc.property(worldArb, fc.array(queryArb, { minLength: 1, maxLength: 8 }), (world, queries) => {
        const objects: Obj[] = [];
        const seenRoles = new Set<string>();
        for (const r of world.roles) {
          if (seenRoles.has(`R${r.ns}/${r.name}`)) continue;
          seenRoles.add(`R${r.ns}/${r.name}`);
          objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: r.name, namespace: r.ns }, rules: r.rules });
        }
        for (const c of world.clusterRoles) {
          if (seenRoles.has(`C${c.name}`)) continue;
          seenRoles.add(`C${c.name}`);
          objects.push({
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'ClusterRole',
            metadata: { name: c.name, labels: { agg: c.label } },
            ...(c.aggregated ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: 'agg' } }] } } : {}),
            rules: c.rules,
          });
        }
        world.bindings.forEach((b, i) => {
          objects.push({
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: b.cluster ? 'ClusterRoleBinding' : 'RoleBinding',
            metadata: b.cluster ? { name: `b${i}` } : { name: `b${i}`, namespace: b.ns },
            roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: b.cluster ? 'ClusterRole' : b.roleKind, name: b.role },
            subjects: b.subjects.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined))),
          });
        });
        const resources: Resource[] = objects.flatMap((o, i) => resourcesOf(parseManifests(JSON.stringify(o), `o${i}.json`)));
        const rbac = new RbacIndex(resources);
        for (const q of queries) {
          const identity = serviceAccountIdentity(q.sa.ns, q.sa.name);
          const got = rbac.allowing(identity, { verb: q.verb, apiGroup: q.group, resource: q.resource, subresource: q.sub, name: q.name, namespace: q.ns }).length > 0;
          const want = naiveAllowed(objects, q.sa, q);
          if (got !== want) throw new Error(`evaluator says ${got}, reference says ${want} for ${JSON.stringify(q)} in ${JSON.stringify(objects)}`);
          if (got) allowed++;
          else denied++;
        }
      }),
      { numRuns: 400 },
    );
    // The generated worlds must exercise both answers, or the agreement proves nothing.
    expect(allowed).toBeGreaterThan(20);
    expect(denied).toBeGreaterThan(20);
  });
});

describe('RBAC as Kubernetes evaluates it (issue 15)', () => {
  const clusterRole = (rules: string) => yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: r}
    rules: ${rules}
  `;
  it('resourceNames matches the request name exactly: [""] matches nameless requests (create, list); a name never grants create', () => {
    const rule = (names: string[]): PolicyRule => ({ verbs: ['create', 'list', 'get'], apiGroups: [''], resources: ['pods'], resourceNames: names });
    expect(ruleAllows(rule(['']), { verb: 'create', apiGroup: '', resource: 'pods' })).toBe(true);
    expect(ruleAllows(rule(['']), { verb: 'list', apiGroup: '', resource: 'pods' })).toBe(true);
    expect(ruleAllows(rule(['']), { verb: 'get', apiGroup: '', resource: 'pods', name: 'web' })).toBe(false);
    expect(ruleAllows(rule(['web']), { verb: 'create', apiGroup: '', resource: 'pods' })).toBe(false);
    expect(ruleAllows(rule(['web']), { verb: 'list', apiGroup: '', resource: 'pods' })).toBe(false);
    expect(ruleAllows(rule(['web']), { verb: 'get', apiGroup: '', resource: 'pods', name: 'web' })).toBe(true);
  });
  it('a nonResourceURLs rule grants nothing on resources', () => {
    const rbac = index(`${clusterRole('[{nonResourceURLs: ["*"], verbs: ["*"]}]')}---\n${binding('ClusterRoleBinding', 'ClusterRole', 'r')}`);
    expect(canI(rbac, SA, 'get', 'secrets', 'apps').allowed).toBe(false);
  });
  it('impersonating users and groups is granted only by a ClusterRoleBinding; service accounts within a RoleBinding\'s namespace', () => {
    const text = `${clusterRole('[{apiGroups: [""], resources: [users, groups, serviceaccounts], verbs: [impersonate]}]')}---\n`;
    const viaRb = index(text + binding('RoleBinding', 'ClusterRole', 'r'));
    expect(canI(viaRb, SA, 'impersonate', 'users', 'apps').allowed).toBe(false);
    expect(canI(viaRb, SA, 'impersonate', 'groups', 'apps').allowed).toBe(false);
    expect(canI(viaRb, SA, 'impersonate', 'serviceaccounts', 'apps').allowed).toBe(true);
    expect(canI(viaRb, SA, 'impersonate', 'serviceaccounts', 'other').allowed).toBe(false);
    const viaCrb = index(text + binding('ClusterRoleBinding', 'ClusterRole', 'r'));
    expect(canI(viaCrb, SA, 'impersonate', 'users', 'apps').allowed).toBe(true);
    expect(canI(viaCrb, SA, 'impersonate', 'serviceaccounts', 'other').allowed).toBe(true);
  });
  it('a later object with the same kind, namespace and name replaces the earlier one', () => {
    const secrets = '[{apiGroups: [""], resources: [secrets], verbs: [get]}]';
    const pods = '[{apiGroups: [""], resources: [pods], verbs: [get]}]';
    const rbac = index(`${clusterRole(secrets)}---\n${clusterRole(pods)}---\n${binding('ClusterRoleBinding', 'ClusterRole', 'r')}`);
    expect(canI(rbac, SA, 'get', 'secrets', 'apps').allowed).toBe(false);
    expect(canI(rbac, SA, 'get', 'pods', 'apps').allowed).toBe(true);
    const rebound = index(`${clusterRole(secrets)}---\n${binding('ClusterRoleBinding', 'ClusterRole', 'r')}---\n${binding('ClusterRoleBinding', 'ClusterRole', 'r').replace('name: worker, namespace: apps', 'name: other, namespace: apps')}`);
    expect(canI(rebound, SA, 'get', 'secrets', 'apps').allowed).toBe(false);
    expect(canI(rebound, 'system:serviceaccount:apps:other', 'get', 'secrets', 'apps').allowed).toBe(true);
  });
  it('RBAC v1beta1 and v1alpha1 objects grant nothing (no supported API server serves them)', () => {
    for (const v of ['v1beta1', 'v1alpha1']) {
      const rbac = index(`${clusterRole('[{apiGroups: [""], resources: [secrets], verbs: [get]}]')}---\n${binding('ClusterRoleBinding', 'ClusterRole', 'r')}`.replaceAll('rbac.authorization.k8s.io/v1\n', `rbac.authorization.k8s.io/${v}\n`));
      expect(canI(rbac, SA, 'get', 'secrets', 'apps').allowed, v).toBe(false);
    }
  });
});

describe("Kubernetes' bootstrap policy is present without the input having it", () => {
  const recordedPath = resolve(import.meta.dirname, '../../../../conformance/kubernetes/recorded/bootstrap-policy.json');
  type Rec = { metadata: { name: string; namespace?: string }; rules?: Record<string, string[]>[] };
  const recorded = JSON.parse(readFileSync(recordedPath, 'utf8')) as { clusterRoles: Rec[]; roles: Record<string, Rec[]> };
  const ruleText = (r: Record<string, string[] | undefined>) => JSON.stringify([r['verbs'] ?? [], r['apiGroups'] ?? [], r['resources'] ?? [], r['resourceNames'] ?? []]);
  const rbac = new RbacIndex([]);

  it('every cluster role and namespace role, with the rules the API server gives it (aggregated ones through the selectors, as the controller aggregates them)', () => {
    const roles = [...recorded.clusterRoles.map((r) => ['ClusterRole', r] as const), ...Object.values(recorded.roles).flat().map((r) => ['Role', r] as const)];
    expect(roles.length).toBeGreaterThan(60);
    for (const [kind, r] of roles) {
      const role = rbac.roles.get(kind === 'ClusterRole' ? `ClusterRole/${r.metadata.name}` : `Role/${r.metadata.namespace}/${r.metadata.name}`);
      expect(role, r.metadata.name).toBeDefined();
      const resourceRules = (r.rules ?? []).filter((x) => !x['nonResourceURLs']).map(ruleText).sort();
      const ours = rbac.effectiveRules(role!).map((e) => e.rule).filter((x) => x.verbs.length > 0).map((x) => ruleText(x as unknown as Record<string, string[]>)).sort();
      expect(ours, `${kind} ${r.metadata.name}`).toEqual(resourceRules);
    }
  });
  it('answers from the bootstrap bindings: controllers, nodes, kubelet API admin', () => {
    expect(canI(rbac, 'system:serviceaccount:kube-system:replicaset-controller', 'create', 'pods', 'apps').allowed).toBe(true);
    expect(canI(rbac, 'system:serviceaccount:kube-system:replicaset-controller', 'get', 'secrets', 'apps').allowed).toBe(false);
    expect(canI(rbac, 'system:serviceaccount:kube-system:generic-garbage-collector', 'delete', 'deployments', 'apps').allowed).toBe(true);
    expect(canI(rbac, { user: 'system:kube-apiserver', groups: ['system:authenticated'] }, 'get', 'nodes/proxy').allowed).toBe(false);
    expect(canI(rbac, { user: 'system:kube-scheduler', groups: ['system:authenticated'] }, 'create', 'bindings', 'apps').allowed).toBe(true);
    expect(canI(rbac, SA, 'create', 'selfsubjectaccessreviews').allowed).toBe(true); // system:basic-user, bound to system:authenticated
    expect(canI(rbac, SA, 'list', 'pods', 'apps').allowed).toBe(false);
    expect(rbac.roles.get('ClusterRole/system:node')?.builtin).toBe(true);
    expect(rbac.roles.get('ClusterRole/system:kubelet-api-admin')?.rules.some((r) => r.resources.includes('nodes/proxy'))).toBe(true);
    expect(describeGrant(canI(rbac, 'system:serviceaccount:kube-system:replicaset-controller', 'create', 'pods', 'apps').via[0]!)).toMatch(/^ClusterRoleBinding system:controller:replicaset-controller → ClusterRole system:controller:replicaset-controller \(built-in\) rule \d+$/);
  });
  it('a bootstrap binding in the input replaces the built-in one', () => {
    const mine = index(yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: "system:controller:replicaset-controller"}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      subjects: [{kind: ServiceAccount, name: replicaset-controller, namespace: kube-system}]
    `);
    expect(canI(mine, 'system:serviceaccount:kube-system:replicaset-controller', 'create', 'pods', 'apps').allowed).toBe(false);
  });
});
