import type { Fix } from '../types.js';
import type { Fixer, RuleContext } from '../rule.js';
import type { Resource } from '../types.js';
import type { EffectiveAutomount } from '../inventory/index.js';
import { containersOf, envOf, isApiAudience, projectedTokensOf, volumesOf, type PodSpecRef, type ProjectedTokenRef } from '../model/index.js';
import { getAt, isRecord } from '../path.js';
import type { JsonPath } from '../types.js';

/**
 * The fix that disables token auto-mounting in a pod spec, or undefined when the pod spec already
 * has the key (with a value of the wrong type, say): a second key would be a duplicate.
 */
export function disableAutomountFix(resource: Resource, pod: PodSpecRef): { fix: (fixer: Fixer) => Fix | null } | Record<string, never> {
  if (Object.prototype.hasOwnProperty.call(pod.spec, 'automountServiceAccountToken')) return {};
  return { fix: (fixer) => fixer.insertPair(resource, pod.path, 'automountServiceAccountToken', 'false') };
}

/** `type` of the Secrets Kubernetes once filled with a never-expiring token. */
export const LEGACY_TOKEN_SECRET_TYPE = 'kubernetes.io/service-account-token';
/** The annotation that binds a Secret to a service account (the token controller fills it). */
export const LEGACY_TOKEN_SECRET_ANNOTATION = 'kubernetes.io/service-account.name';

/** True for a Secret of the legacy token type or annotated with a service account name. */
export function isLegacyTokenSecret(secret: Resource): boolean {
  if (secret.object['type'] === LEGACY_TOKEN_SECRET_TYPE) return true;
  return Object.prototype.hasOwnProperty.call(annotationsOfAny(secret.object), LEGACY_TOKEN_SECRET_ANNOTATION);
}

function annotationsOfAny(obj: Record<string, unknown>): Record<string, unknown> {
  const md = obj['metadata'];
  return isRecord(md) && isRecord(md['annotations']) ? md['annotations'] : {};
}

/**
 * The name shape the token controller gave auto-generated token Secrets before 1.24:
 * `<service-account>-token-<5 chars>`, the suffix drawn from the alphabet of apimachinery's
 * `rand.String` (no vowels, no 0/1/3), so that names like `api-token-store` do not match.
 */
export const GENERATED_TOKEN_SECRET_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?-token-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/** The API tokens a pod spec holds: the auto-mounted one and projected ones for the API audience. */
export interface ApiTokens {
  automount: EffectiveAutomount;
  /** Projected `serviceAccountToken` sources whose audience is absent or a Kubernetes API audience. */
  projected: ProjectedTokenRef[];
  /** True when the pod spec holds at least one API token. */
  any: boolean;
}

/** Which API tokens a pod spec holds (RULES.md: "API token"). */
export function apiTokensOf(ctx: Pick<RuleContext, 'inventory' | 'settings'>, resource: Resource, pod: PodSpecRef): ApiTokens {
  const automount = ctx.inventory.effectiveAutomount(resource, pod, ctx.settings.unknownServiceAccount);
  // A static or mirror pod holds no service-account token (admission forbids projected ones too).
  if (automount.source === 'staticPod') return { automount, projected: [], any: false };
  const projected = projectedTokensOf(pod, resource.kind).filter((t) => isApiAudience(t.source['audience'], ctx.settings.apiAudiences));
  return { automount, projected, any: automount.mounted || projected.length > 0 };
}

/** "a, b and 3 more" for messages that name several things. */
export function listForMessage(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** A place where a pod spec reads a Secret by name. */
export interface SecretReference {
  name: string;
  /** Path of the field holding the Secret's name, relative to the resource. */
  path: JsonPath;
  /** How the pod consumes it, for messages: `volume x`, `variable X of container c`. */
  how: string;
}

/** Every Secret a pod spec reads: secret volumes, projected secret sources, env secretKeyRef and envFrom secretRef. */
export function secretReferencesOf(pod: PodSpecRef): SecretReference[] {
  const uses: SecretReference[] = [];
  for (const v of volumesOf(pod)) {
    const secretName = getAt(v.volume, ['secret', 'secretName']);
    if (typeof secretName === 'string') uses.push({ name: secretName, path: [...v.path, 'secret', 'secretName'], how: `volume ${v.name || '(unnamed)'}` });
    const sources = getAt(v.volume, ['projected', 'sources']);
    if (Array.isArray(sources)) {
      sources.forEach((s, i) => {
        const n = getAt(s, ['secret', 'name']);
        if (typeof n === 'string') uses.push({ name: n, path: [...v.path, 'projected', 'sources', i, 'secret', 'name'], how: `projected volume ${v.name || '(unnamed)'}` });
      });
    }
  }
  for (const c of containersOf(pod)) {
    const container = c.name || '(unnamed)';
    for (const e of envOf(c)) {
      const n = getAt(e.env, ['valueFrom', 'secretKeyRef', 'name']);
      if (typeof n === 'string') uses.push({ name: n, path: [...e.path, 'valueFrom', 'secretKeyRef', 'name'], how: `variable ${e.name ?? '(unnamed)'} of container ${container}` });
    }
    const envFrom = c.container['envFrom'];
    if (Array.isArray(envFrom)) {
      envFrom.forEach((e, i) => {
        const n = getAt(e, ['secretRef', 'name']);
        if (typeof n === 'string') uses.push({ name: n, path: [...c.path, 'envFrom', i, 'secretRef', 'name'], how: `envFrom of container ${container}` });
      });
    }
  }
  return uses;
}
