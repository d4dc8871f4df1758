import type { Fix, Resource } from '../types.js';
import type { Fixer, RuleContext, SuggestDescriptor } from '../rule.js';
import { claimTemplateVolumeNames, commandBasename, containersOf, describeResource, podSpecsOf, serviceAccountOf, volumesOf, type ContainerRef, type PodSpecRef } from '../model/index.js';
import { serviceAccountIdentity } from '../rbac/index.js';
import { isRecord, withoutTrailingSlashes } from '../path.js';

/** Where admission mounts the token, and where in-cluster clients (client-go, the official SDKs) read it. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** Lifetime of a migrated token: the guide's one hour (the kubelet refreshes it at 80%). */
export const MIGRATION_EXPIRATION_SECONDS = 3600;
/** Name of the migrated token volume (a `-N` suffix is added when the pod already uses it). */
export const MIGRATION_VOLUME_NAME = 'bound-service-account-token';

type Ctx = Pick<RuleContext, 'inventory' | 'settings'>;

// Programs and text in a command line that talk to the API server.
const API_PROGRAMS = new Set(['kubectl', 'oc', 'helm', 'kustomize', 'argocd', 'tkn', 'flux', 'kubeadm']);
const API_TEXT = /kubernetes\.default|KUBERNETES_SERVICE_HOST|serviceaccount\/token|--kubeconfig\b|--in-cluster\b|--leader-elect\b|--leader-election\b|--master[= ]https?:/;
// The guide's shapes of workloads that call the API server: operators, controllers, CI/CD agents.
const API_SHAPES = /operator|controller|provisioner|autoscaler|scheduler|reconciler|webhook|admission|runner|agent|kube-|k8s|prometheus|tekton|argo|flux|jenkins|gitlab|buildkite|cert-manager|external-dns|ingress|metrics/i;

function words(c: ContainerRef): string[] {
  const out: string[] = [];
  for (const k of ['command', 'args'] as const) {
    const v = c.container[k];
    if (Array.isArray(v)) for (const w of v) if (typeof w === 'string') out.push(w);
  }
  return out;
}

function imageName(image: unknown): string {
  if (typeof image !== 'string') return '';
  const noDigest = image.split('@')[0]!;
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  return last.split(':')[0]!;
}

/**
 * Why a pod spec plausibly calls the API server, or null when nothing says it does: its service
 * account is granted permissions by a binding in the input, a container's env or command line
 * shows an in-cluster client, or the workload has the shape of an operator, controller or CI agent.
 * Such a pod spec never gets the plain "disable automount" fix: it would lose its API access.
 */
export function apiUseOf(ctx: Ctx, resource: Resource, pod: PodSpecRef): string | null {
  const sa = serviceAccountOf(resource, pod);
  const rbac = ctx.inventory.rbac;
  const grant = rbac.bindingsFor(serviceAccountIdentity(sa.namespace, sa.name)).find(({ binding }) => !binding.bootstrapping && rbac.roleOf(binding) !== undefined);
  if (grant) return `ServiceAccount ${sa.namespace}/${sa.name} is granted permissions by ${describeResource(grant.binding.resource)}`;
  for (const c of containersOf(pod)) {
    const env = c.container['env'];
    if (Array.isArray(env)) {
      for (const e of env) {
        if (!isRecord(e)) continue;
        if (e['name'] === 'KUBERNETES_SERVICE_HOST' || e['name'] === 'KUBECONFIG') return `container ${c.name} sets ${String(e['name'])}`;
        if (typeof e['value'] === 'string' && /kubernetes\.default/.test(e['value'])) return `container ${c.name} points ${String(e['name'])} at the API server`;
      }
    }
    const ws = words(c);
    const program = ws.flatMap((w) => w.split(/[\s;&|()]+/)).find((w) => API_PROGRAMS.has(commandBasename(w)));
    if (program) return `container ${c.name} runs ${commandBasename(program)}`;
    const text = ws.find((w) => API_TEXT.test(w));
    if (text) return `container ${c.name}'s command line uses the API server (${API_TEXT.exec(text)![0]})`;
  }
  const names = [resource.name, sa.name === 'default' ? '' : sa.name, ...containersOf(pod).flatMap((c) => [c.name, imageName(c.container['image'])])];
  const shape = names.find((n) => n !== '' && API_SHAPES.test(n));
  if (shape) return `"${shape}" has the shape of an operator, controller or CI agent`;
  return null;
}

/** True when a container already mounts something at the service-account directory (admission then leaves it alone). */
export function mountsServiceAccountDir(c: ContainerRef): boolean {
  const mounts = c.container['volumeMounts'];
  if (!Array.isArray(mounts)) return false;
  return mounts.some((m) => isRecord(m) && typeof m['mountPath'] === 'string' && withoutTrailingSlashes(m['mountPath']) === SERVICE_ACCOUNT_DIR);
}

/** A volume name the pod does not use yet. */
function freeVolumeName(resource: Resource, pod: PodSpecRef): string {
  const used = new Set([...volumesOf(pod).map((v) => v.name), ...claimTemplateVolumeNames(resource)]);
  if (!used.has(MIGRATION_VOLUME_NAME)) return MIGRATION_VOLUME_NAME;
  for (let i = 2; ; i++) if (!used.has(`${MIGRATION_VOLUME_NAME}-${i}`)) return `${MIGRATION_VOLUME_NAME}-${i}`;
}

/** The projected volume of the migration: a bound token, the cluster CA and the namespace, the files of the auto-mounted volume. */
export function migrationVolume(name: string, audience: string): Record<string, unknown> {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: MIGRATION_EXPIRATION_SECONDS, audience } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

/**
 * The bound-token migration (guide Step 2) of one pod spec, as one edit: automount off, a projected
 * volume with a token for `settings.migrationAudience` (one hour), `kube-root-ca.crt` and the
 * namespace, mounted read-only at the service-account directory of every init and regular container
 * that does not mount something there already, so in-cluster clients keep working unchanged.
 * Null when the pod spec cannot be migrated (every container mounts the directory already, or a
 * field has a shape an edit cannot extend).
 */
export function boundTokenMigration(ctx: Ctx, resource: Resource, pod: PodSpecRef): ((fixer: Fixer) => Fix | null) | null {
  const targets = containersOf(pod).filter((c) => c.group !== 'ephemeralContainers' && !mountsServiceAccountDir(c));
  if (targets.length === 0) return null;
  const automount = pod.spec['automountServiceAccountToken'];
  if (automount !== undefined && typeof automount !== 'boolean') return null;
  const volumes = pod.spec['volumes'];
  if (volumes !== undefined && !Array.isArray(volumes)) return null;
  if (targets.some((c) => c.container['volumeMounts'] !== undefined && !Array.isArray(c.container['volumeMounts']))) return null;
  const name = freeVolumeName(resource, pod);
  const audience = ctx.settings.migrationAudience;
  return (fixer) => {
    const edits: (Fix | null)[] = [];
    if (automount === undefined) edits.push(fixer.insertPair(resource, pod.path, 'automountServiceAccountToken', 'false'));
    else if (automount === true) edits.push(fixer.replaceValue(resource, [...pod.path, 'automountServiceAccountToken'], 'false'));
    const mount = { name, mountPath: SERVICE_ACCOUNT_DIR, readOnly: true };
    for (const c of targets) {
      edits.push(Array.isArray(c.container['volumeMounts']) ? fixer.appendItem(resource, [...c.path, 'volumeMounts'], mount) : fixer.insertValue(resource, c.path, 'volumeMounts', [mount]));
    }
    const volume = migrationVolume(name, audience);
    edits.push(Array.isArray(volumes) ? fixer.appendItem(resource, [...pod.path, 'volumes'], volume) : fixer.insertValue(resource, pod.path, 'volumes', [volume]));
    return fixer.merge(resource.file.text, edits);
  };
}

/** The migration as a suggestion descriptor (messageId `migrate` in the rule's messages), or none. */
export function migrationSuggestion(ctx: Ctx, resource: Resource, pod: PodSpecRef, reason: string | null): SuggestDescriptor[] {
  const fix = boundTokenMigration(ctx, resource, pod);
  if (!fix) return [];
  return [{ messageId: 'migrate', kind: 'migration', data: { audience: ctx.settings.migrationAudience, reason: reason ? `: ${reason}` : '' }, fix }];
}

/** The suggestion text every rule offering the migration uses. */
export const MIGRATE_MESSAGE =
  'Migrate to a bound token: set automountServiceAccountToken: false and mount a projected token (audience {{audience}}, expirationSeconds 3600), kube-root-ca.crt and the namespace read-only at /var/run/secrets/kubernetes.io/serviceaccount, where in-cluster clients read them{{reason}}';

/** Every pod spec in the inventory that runs as `namespace/name`. */
export function podSpecsRunningAs(ctx: Ctx, namespace: string | undefined, name: string): readonly { resource: Resource; pod: PodSpecRef }[] {
  let index = byAccount.get(ctx.inventory);
  if (!index) {
    index = new Map();
    for (const r of ctx.inventory.resources) {
      for (const pod of podSpecsOf(r)) {
        const sa = serviceAccountOf(r, pod);
        const k = `${sa.namespace}/${sa.name}`;
        let list = index.get(k);
        if (!list) index.set(k, (list = []));
        list.push({ resource: r, pod });
      }
    }
    byAccount.set(ctx.inventory, index);
  }
  return index.get(`${namespace ?? 'default'}/${name}`) ?? [];
}

const byAccount = new WeakMap<object, Map<string, { resource: Resource; pod: PodSpecRef }[]>>();
