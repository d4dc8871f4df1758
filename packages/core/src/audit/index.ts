import type { Resource } from '../types.js';
import type { RuleSettings } from '../rule.js';
import type { Inventory } from '../inventory/index.js';
import { describeResource, podSpecsOf, serviceAccountOf } from '../model/index.js';
import { getAt, isRecord } from '../path.js';
import { ruleAllows, serviceAccountIdentity, type Grant, type RbacRequest } from '../rbac/index.js';
import { isLegacyTokenSecret, LEGACY_TOKEN_SECRET_ANNOTATION, secretReferencesOf } from '../rules/shared.js';

/** Label the API server (1.28+) sets on a legacy token Secret: the last day its token was used. */
export const LEGACY_TOKEN_LAST_USED_LABEL = 'kubernetes.io/legacy-token-last-used';
/** Label the legacy token cleaner (1.29+) sets when it invalidates an unused legacy token. */
export const LEGACY_TOKEN_INVALID_SINCE_LABEL = 'kubernetes.io/legacy-token-invalid-since';
/** A legacy token used within this many days counts as in use. */
export const RECENT_USE_DAYS = 30;

/** What a cluster recorded about a legacy token Secret. */
export interface LegacyTokenUse {
  /** `YYYY-MM-DD` from the last-used label. */
  lastUsed?: string;
  /** `YYYY-MM-DD` from the invalid-since label. */
  invalidSince?: string;
}

/** The usage labels of a Secret (only well-formed dates count). */
export function legacyTokenUse(secret: Resource): LegacyTokenUse {
  const labels = getAt(secret.object, ['metadata', 'labels']);
  const date = (k: string): string | undefined => {
    const v = isRecord(labels) ? labels[k] : undefined;
    return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
  };
  const lastUsed = date(LEGACY_TOKEN_LAST_USED_LABEL);
  const invalidSince = date(LEGACY_TOKEN_INVALID_SINCE_LABEL);
  return { ...(lastUsed ? { lastUsed } : {}), ...(invalidSince ? { invalidSince } : {}) };
}

/** A workload of the input that reads a Secret: its topmost owner in the input, with the pods counted. */
export interface SecretConsumer {
  /** `Deployment ci/runner`. */
  workload: string;
  /** Pods of that workload in the input that read the Secret. */
  pods: number;
}

/** The workloads in the input that read `namespace/name` (Pods folded into their top owner). */
export function consumersOf(inventory: Inventory, namespace: string, name: string): SecretConsumer[] {
  const byTop = new Map<Resource, SecretConsumer>();
  for (const { resource, pod } of inventory.podSpecs()) {
    if ((resource.namespace ?? '') !== namespace) continue;
    if (!secretReferencesOf(pod).some((u) => u.name === name)) continue;
    const top = inventory.owners.topOf(resource);
    let c = byTop.get(top);
    if (!c) byTop.set(top, (c = { workload: describeResource(top), pods: 0 }));
    if (resource.kind === 'Pod') c.pods++;
  }
  return [...byTop.values()];
}

/** One legacy token Secret in the summary. */
export interface LegacyTokenAudit extends LegacyTokenUse {
  namespace: string;
  name: string;
  serviceAccount?: string;
  state: 'recent' | 'unused' | 'invalidated';
  consumers: SecretConsumer[];
}

/** The guide's Step 4 counts for one namespace. */
export interface NamespaceAudit {
  namespace: string;
  /** Pod objects in the input. */
  pods: number;
  /** Pods holding an auto-mounted API token (for live pods: the admission volume). */
  podsWithToken: number;
  /** Of those, pods whose service account no binding in the input grants anything. */
  podsWithTokenWithoutGrants: number;
  /** Workloads: top-level objects with a pod spec (a Deployment with its ReplicaSets and Pods is one). */
  workloads: number;
  workloadsWithToken: number;
  legacyTokens: { recent: number; unused: number; invalidated: number };
  /** Service accounts (defined in the input or run by its pods) whose token reaches… */
  serviceAccounts: { total: number; secrets: number; podCreation: number; tokenMinting: number; clusterAdmin: number };
}

/** The summary of one run: per namespace, the total, and every legacy token Secret. */
export interface AuditSummary {
  /** The day "used in the last 30 days" is counted from, `YYYY-MM-DD`. */
  today: string;
  namespaces: NamespaceAudit[];
  total: NamespaceAudit;
  legacyTokens: LegacyTokenAudit[];
  /** Service accounts per capability, `namespace/name`, sorted. */
  reach: { secrets: string[]; podCreation: string[]; tokenMinting: string[]; clusterAdmin: string[] };
}

const POD_CREATORS: [string, string][] = [
  ['', 'pods'], ['', 'replicationcontrollers'], ['apps', 'deployments'], ['apps', 'replicasets'], ['apps', 'statefulsets'], ['apps', 'daemonsets'], ['batch', 'jobs'], ['batch', 'cronjobs'],
];
const CAPABILITIES: Record<'secrets' | 'podCreation' | 'tokenMinting', RbacRequest[]> = {
  secrets: ['get', 'list', 'watch'].map((verb) => ({ verb, apiGroup: '', resource: 'secrets' })),
  podCreation: POD_CREATORS.map(([apiGroup, resource]) => ({ verb: 'create', apiGroup, resource })),
  tokenMinting: [{ verb: 'create', apiGroup: '', resource: 'serviceaccounts', subresource: 'token' }, ...['serviceaccounts', 'users', 'groups'].map((resource) => ({ verb: 'impersonate', apiGroup: '', resource }))],
};

function grantAllowsAny(g: Grant, reqs: readonly RbacRequest[]): boolean {
  return reqs.some((req) => ruleAllows(g.rule, req) || (g.rule.resourceNames.length > 0 && ruleAllows(g.rule, { ...req, name: g.rule.resourceNames[0] })));
}

/** Cluster-admin: every verb on every resource of every group, cluster-wide. */
function isClusterAdmin(g: Grant): boolean {
  const r = g.rule;
  return g.namespace === undefined && r.verbs.includes('*') && r.apiGroups.includes('*') && r.resources.includes('*') && r.resourceNames.length === 0;
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function emptyNamespace(namespace: string): NamespaceAudit {
  return {
    namespace,
    pods: 0,
    podsWithToken: 0,
    podsWithTokenWithoutGrants: 0,
    workloads: 0,
    workloadsWithToken: 0,
    legacyTokens: { recent: 0, unused: 0, invalidated: 0 },
    serviceAccounts: { total: 0, secrets: 0, podCreation: 0, tokenMinting: 0, clusterAdmin: 0 },
  };
}

/**
 * The guide's Step 4 (clean up legacy tokens) and the audit it asks for, done on the run's
 * inventory: pods with auto-mounted tokens (and those whose account no binding grants anything),
 * legacy token Secrets by what the cluster recorded (used in the last 30 days, not, invalidated)
 * with the workloads that read them, and service accounts whose token reaches Secrets, pod
 * creation, token minting or cluster-admin, per namespace. `today` is the day use is counted from.
 */
export function auditSummary(inventory: Inventory, settings: Pick<RuleSettings, 'unknownServiceAccount' | 'apiAudiences'>, today: Date): AuditSummary {
  const day = today.toISOString().slice(0, 10);
  const byNs = new Map<string, NamespaceAudit>();
  const ns: NamespaceOf = (name) => {
    let a = byNs.get(name);
    if (!a) byNs.set(name, (a = emptyNamespace(name)));
    return a;
  };
  const accounts = new Set<string>();
  for (const r of inventory.resources) if (r.kind === 'ServiceAccount' && r.apiVersion === 'v1' && r.namespace !== undefined) accounts.add(`${r.namespace}/${r.name}`);
  countPodsAndWorkloads(inventory, settings, ns, accounts);
  const legacyTokens = auditLegacyTokens(inventory, day, ns);
  const reach = auditReach(inventory, accounts, ns);
  const namespaces = [...byNs.values()].filter((a) => a.namespace !== '').sort((x, y) => x.namespace.localeCompare(y.namespace));
  legacyTokens.sort((x, y) => x.namespace.localeCompare(y.namespace) || x.name.localeCompare(y.name));
  return { today: day, namespaces, total: totalOf(namespaces), legacyTokens, reach };
}

/** The audit of a namespace, created when first asked for. */
type NamespaceOf = (namespace: string) => NamespaceAudit;

/**
 * Pods (with an auto-mounted token; of those, without any grant) and workloads (top owners; with a
 * token) per namespace. Adds the service account of every pod spec to `accounts`.
 */
function countPodsAndWorkloads(inventory: Inventory, settings: Pick<RuleSettings, 'unknownServiceAccount'>, ns: NamespaceOf, accounts: Set<string>): void {
  const rbac = inventory.rbac;
  const topsWithToken = new Map<Resource, boolean>();
  for (const { resource, pod } of inventory.podSpecs()) {
    const namespace = resource.namespace ?? '';
    const sa = serviceAccountOf(resource, pod);
    accounts.add(`${sa.namespace}/${sa.name}`);
    const mounted = inventory.effectiveAutomount(resource, pod, settings.unknownServiceAccount).mounted;
    const top = inventory.owners.topOf(resource);
    if (!topsWithToken.has(top)) topsWithToken.set(top, false);
    // A top owner without a pod spec of its own (an operator's custom resource) has its token through its pods.
    if (mounted && (top === resource || podSpecsOf(top).length === 0)) topsWithToken.set(top, true);
    if (resource.kind !== 'Pod') continue;
    const a = ns(namespace);
    a.pods++;
    if (!mounted) continue;
    a.podsWithToken++;
    if (!rbac.bindingsFor(serviceAccountIdentity(sa.namespace, sa.name)).some(({ binding }) => !binding.bootstrapping)) a.podsWithTokenWithoutGrants++;
  }
  for (const [top, withToken] of topsWithToken) {
    const a = ns(top.namespace ?? '');
    a.workloads++;
    if (withToken) a.workloadsWithToken++;
  }
}

/** Every legacy token Secret with what the cluster recorded of its use and the workloads that read it; counted per namespace. */
function auditLegacyTokens(inventory: Inventory, day: string, ns: NamespaceOf): LegacyTokenAudit[] {
  const legacyTokens: LegacyTokenAudit[] = [];
  for (const r of inventory.resources) {
    if (r.kind !== 'Secret' || r.apiVersion !== 'v1' || r.namespace === undefined || !isLegacyTokenSecret(r)) continue;
    const use = legacyTokenUse(r);
    const state = use.invalidSince ? 'invalidated' : use.lastUsed && daysBetween(use.lastUsed, day) <= RECENT_USE_DAYS ? 'recent' : 'unused';
    ns(r.namespace).legacyTokens[state]++;
    const annotations = getAt(r.object, ['metadata', 'annotations']);
    const sa = isRecord(annotations) ? annotations[LEGACY_TOKEN_SECRET_ANNOTATION] : undefined;
    legacyTokens.push({ namespace: r.namespace, name: r.name, ...(typeof sa === 'string' ? { serviceAccount: sa } : {}), ...use, state, consumers: consumersOf(inventory, r.namespace, r.name) });
  }
  return legacyTokens;
}

/** The service accounts whose grants (Kubernetes' bootstrap bindings left out) reach Secrets, pod creation, token minting or cluster-admin. */
function auditReach(inventory: Inventory, accounts: ReadonlySet<string>, ns: NamespaceOf): AuditSummary['reach'] {
  const reach: AuditSummary['reach'] = { secrets: [], podCreation: [], tokenMinting: [], clusterAdmin: [] };
  for (const key of [...accounts].sort()) {
    const [namespace, name] = key.split('/') as [string, string];
    const a = ns(namespace);
    a.serviceAccounts.total++;
    const g = inventory.rbac.grantsFor(serviceAccountIdentity(namespace, name)).filter((x) => !x.binding.bootstrapping);
    for (const cap of ['secrets', 'podCreation', 'tokenMinting'] as const) {
      if (g.some((x) => grantAllowsAny(x, CAPABILITIES[cap]))) {
        a.serviceAccounts[cap]++;
        reach[cap].push(key);
      }
    }
    if (g.some(isClusterAdmin)) {
      a.serviceAccounts.clusterAdmin++;
      reach.clusterAdmin.push(key);
    }
  }
  return reach;
}

/** The namespaces' counts added up. */
function totalOf(namespaces: readonly NamespaceAudit[]): NamespaceAudit {
  const total = emptyNamespace('(all)');
  for (const a of namespaces) {
    total.pods += a.pods;
    total.podsWithToken += a.podsWithToken;
    total.podsWithTokenWithoutGrants += a.podsWithTokenWithoutGrants;
    total.workloads += a.workloads;
    total.workloadsWithToken += a.workloadsWithToken;
    for (const k of ['recent', 'unused', 'invalidated'] as const) total.legacyTokens[k] += a.legacyTokens[k];
    for (const k of ['total', 'secrets', 'podCreation', 'tokenMinting', 'clusterAdmin'] as const) total.serviceAccounts[k] += a.serviceAccounts[k];
  }
  return total;
}
