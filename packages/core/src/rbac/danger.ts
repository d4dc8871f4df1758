import { ruleAllows, type Grant, type PolicyRule, type RbacRequest } from './index.js';

/** A permission that turns a stolen token into more access (RULES.md, token-blast-radius). */
interface DangerousRequest {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  /** Only meaningful cluster-wide (cluster-scoped resources). */
  clusterScoped?: boolean;
}

const POD_CONTROLLERS: [string, string][] = [
  ['', 'pods'], ['', 'replicationcontrollers'], ['apps', 'deployments'], ['apps', 'replicasets'], ['apps', 'statefulsets'], ['apps', 'daemonsets'], ['batch', 'jobs'], ['batch', 'cronjobs'],
];

/** Every request RULES.md calls dangerous for a token to be able to make. */
export const DANGEROUS_REQUESTS: readonly DangerousRequest[] = [
  ...['get', 'list', 'watch'].map((verb) => ({ verb, apiGroup: '', resource: 'secrets' })),
  ...POD_CONTROLLERS.map(([apiGroup, resource]) => ({ verb: 'create', apiGroup, resource })),
  ...['exec', 'attach', 'portforward'].map((subresource) => ({ verb: 'create', apiGroup: '', resource: 'pods', subresource })),
  { verb: 'create', apiGroup: '', resource: 'serviceaccounts', subresource: 'token' },
  ...['roles', 'clusterroles'].flatMap((resource) => ['bind', 'escalate'].map((verb) => ({ verb, apiGroup: 'rbac.authorization.k8s.io', resource }))),
  // Impersonating users and groups is checked cluster-wide (only a ClusterRoleBinding grants it);
  // impersonating service accounts in the account's namespace.
  ...['users', 'groups'].map((resource) => ({ verb: 'impersonate', apiGroup: '', resource, clusterScoped: true })),
  { verb: 'impersonate', apiGroup: '', resource: 'serviceaccounts' },
  ...['get', 'create'].map((verb) => ({ verb, apiGroup: '', resource: 'nodes', subresource: 'proxy', clusterScoped: true })),
  // A container image is mutable, and a controller's serviceAccountName can be changed to any account
  // of the namespace: updating a pod or a pod controller runs code as another identity.
  ...POD_CONTROLLERS.flatMap(([apiGroup, resource]) => ['update', 'patch'].map((verb) => ({ verb, apiGroup, resource }))),
  // Every object the API server admits, Secrets included, passes through an admission webhook.
  ...['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'].flatMap((resource) => ['create', 'update', 'patch'].map((verb) => ({ verb, apiGroup: 'admissionregistration.k8s.io', resource, clusterScoped: true }))),
  // CVE-2020-8554: a LoadBalancer status can redirect the cluster's traffic for any IP.
  ...['update', 'patch'].map((verb) => ({ verb, apiGroup: '', resource: 'services', subresource: 'status' })),
  { verb: 'impersonate', apiGroup: 'authentication.k8s.io', resource: 'uids', clusterScoped: true },
  // Approving certificate requests takes both (see CSR_APPROVAL): client certificates for any identity.
  ...['update', 'patch'].map((verb) => ({ verb, apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval', clusterScoped: true })),
  { verb: 'approve', apiGroup: 'certificates.k8s.io', resource: 'signers', clusterScoped: true },
];

/**
 * Approving a CertificateSigningRequest takes `update` on `certificatesigningrequests/approval` (the
 * API server's REST storage) and `approve` on the request's signer (`signers`, the CertificateApproval
 * admission plugin): either alone is harmless, so each half counts only when the account holds both.
 */
export const CSR_APPROVAL = { approval: ' certificatesigningrequests/approval', signer: ' signers' } as const;

/** Whether a phrase of {@link dangerousPhrases} is that half of a certificate approval (not a `*` phrase). */
export function isCsrApprovalHalf(phrase: string, half: keyof typeof CSR_APPROVAL): boolean {
  if (phrase.startsWith('* on ')) return false;
  const at = phrase.indexOf(CSR_APPROVAL[half]);
  if (at === -1) return false;
  const next = phrase.charAt(at + CSR_APPROVAL[half].length);
  return next === '' || next === ' ' || next === ',';
}

/** API groups that serve only get/list/watch: `*` verbs on them read and nothing more. */
const READ_ONLY_GROUPS: ReadonlySet<string> = new Set(['metrics.k8s.io', 'custom.metrics.k8s.io', 'external.metrics.k8s.io']);

/** What one grant allows that is dangerous, as short phrases (`get/list/watch secrets`, `create pods/exec`). */
export function dangerousPhrases(grant: Grant): string[] {
  if (grant.role.kind === 'ClusterRole' && grant.role.name === 'cluster-admin' && grant.role.builtin) return ['everything (cluster-admin)'];
  const byResource = new Map<string, string[]>();
  const rule: PolicyRule = grant.rule;
  for (const d of DANGEROUS_REQUESTS) {
    if (d.clusterScoped && grant.namespace !== undefined) continue;
    const req: RbacRequest = { verb: d.verb, apiGroup: d.apiGroup, resource: d.resource, subresource: d.subresource };
    // A resourceNames restriction narrows the permission but does not remove it (exec into one pod,
    // read one Secret); a create on a collection carries no name, so resourceNames never grant it.
    const named = !(d.verb === 'create' && d.subresource === undefined);
    const allowed = ruleAllows(rule, req) || (named && rule.resourceNames.some((n) => ruleAllows(rule, { ...req, name: n })));
    if (!allowed) continue;
    const res = d.subresource ? `${d.resource}/${d.subresource}` : d.resource;
    const names = rule.resourceNames.length > 0 ? ` named ${rule.resourceNames.join(', ')}` : '';
    const key = `${res}${names}`;
    byResource.set(key, [...(byResource.get(key) ?? []), d.verb]);
  }
  const out = [...byResource].map(([res, verbs]) => `${verbs.join('/')} ${res}`);
  if (rule.verbs.includes('*')) {
    // Name the groups too: `*` on `*` of one custom metrics API is not `*` on everything.
    const groups = rule.apiGroups.map((g) => (g === '' ? 'core' : g)).join(', ');
    // ... and say when that is only reading, or only status: still more than the workload needs.
    const readOnly = rule.apiGroups.length > 0 && rule.apiGroups.every((g) => READ_ONLY_GROUPS.has(g));
    const statusOnly = rule.resources.length > 0 && rule.resources.every((r) => r.endsWith('/status'));
    const note = readOnly ? '; a read-only API: it serves get, list and watch only' : statusOnly ? '; status subresources only' : '';
    out.unshift(`* on ${rule.resources.join(', ') || 'nothing'} (API groups: ${groups}${note})`);
  }
  return out;
}
