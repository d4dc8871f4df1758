import type { Fix, Resource } from '../types.js';
import type { RuleContext, SuggestDescriptor } from '../rule.js';
import { serviceAccountOf, type PodSpecRef } from '../model/index.js';
import { getAt, isRecord } from '../path.js';
import { MIGRATION_EXPIRATION_SECONDS } from './migration.js';

type Ctx = Pick<RuleContext, 'settings'>;

/** The suggestion text of "replace this legacy token Secret with a TokenRequest". */
export const TOKEN_REQUEST_MESSAGE =
  'Replace legacy token Secret {{secret}} with a TokenRequest: volume {{volume}} becomes a projected volume with a bound token for ServiceAccount {{serviceAccount}} (audience {{audience}}, expirationSeconds 3600, refreshed by the kubelet){{extra}} at the same paths; the workload must re-read the token file, and the Secret can then be deleted';

/** `kubectl create token` for a consumer outside the cluster, as the guide's Step 3 writes it. */
export function createTokenCommand(namespace: string, serviceAccount: string, audience: string): string {
  return `kubectl create token ${serviceAccount} --namespace ${namespace} --duration ${MIGRATION_EXPIRATION_SECONDS / 60}m --audience ${audience}`;
}

// The keys of a legacy token Secret, and the projected source that writes each file.
const KEYS = ['token', 'ca.crt', 'namespace'] as const;
type Key = (typeof KEYS)[number];

function source(key: Key, path: string, mode: unknown, audience: string): Record<string, unknown> {
  const m = typeof mode === 'number' ? { mode } : {};
  if (key === 'token') return { serviceAccountToken: { path, expirationSeconds: MIGRATION_EXPIRATION_SECONDS, audience } };
  if (key === 'ca.crt') return { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path, ...m }] } };
  return { downwardAPI: { items: [{ path, fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, ...m }] } };
}

/**
 * "Replace this legacy token Secret with a TokenRequest" for a pod spec that mounts it as a
 * `secret` volume (`volumePath`, relative to the resource): the volume becomes a projected one whose sources write the same files (a bound
 * token for the pod's own ServiceAccount, `kube-root-ca.crt`'s `ca.crt`, the namespace) at the
 * same paths, with the same modes. Offered only when the Secret's token is for the account the pod
 * runs as (a projected token is always the pod's own), and the volume has no shape the projection
 * cannot reproduce (`items` naming other keys, unknown fields). A suggestion, never applied by
 * default: the token now expires, so a workload that reads the file once stops authenticating.
 */
export function tokenRequestSuggestion(ctx: Ctx, resource: Resource, pod: PodSpecRef, volumePath: readonly (string | number)[], secretName: string, tokenAccount: string | undefined): SuggestDescriptor[] {
  const sa = serviceAccountOf(resource, pod);
  if (tokenAccount === undefined || tokenAccount !== sa.name) return [];
  const volume = volumeAt(resource, volumePath);
  const secret = volume?.['secret'];
  if (!volume || !isRecord(secret)) return [];
  if (Object.keys(volume).some((k) => k !== 'name' && k !== 'secret')) return [];
  if (Object.keys(secret).some((k) => !['secretName', 'items', 'defaultMode', 'optional'].includes(k))) return [];
  const audience = ctx.settings.migrationAudience;
  const sources: Record<string, unknown>[] = [];
  if (secret['items'] === undefined) {
    for (const k of KEYS) sources.push(source(k, k, undefined, audience));
  } else {
    if (!Array.isArray(secret['items'])) return [];
    for (const item of secret['items']) {
      if (!isRecord(item) || typeof item['path'] !== 'string' || !(KEYS as readonly unknown[]).includes(item['key'])) return [];
      if (Object.keys(item).some((k) => k !== 'key' && k !== 'path' && k !== 'mode')) return [];
      // A token file's mode follows defaultMode: serviceAccountToken sources have no per-file mode.
      if (item['key'] === 'token' && item['mode'] !== undefined) return [];
      sources.push(source(item['key'] as Key, item['path'], item['mode'], audience));
    }
  }
  const projected: Record<string, unknown> = { sources, ...(typeof secret['defaultMode'] === 'number' ? { defaultMode: secret['defaultMode'] } : {}) };
  const rest = sources.length === 3 ? ', kube-root-ca.crt and the namespace' : '';
  return [
    {
      messageId: 'tokenRequest',
      kind: 'suggestion',
      data: { secret: `${sa.namespace}/${secretName}`, volume: String(volume['name'] ?? '(unnamed)'), serviceAccount: `${sa.namespace}/${sa.name}`, audience, extra: rest },
      fix: (fixer) => {
        const edits: (Fix | null)[] = [fixer.insertValue(resource, [...volumePath], 'projected', projected, 'first'), fixer.removePair(resource, [...volumePath, 'secret'])];
        return fixer.merge(resource.file.text, edits);
      },
    },
  ];
}

function volumeAt(resource: Resource, volumePath: readonly (string | number)[]): Record<string, unknown> | undefined {
  const v = getAt(resource.object, [...volumePath]);
  return isRecord(v) ? v : undefined;
}
