import type { Fix, Resource } from '../types.js';
import type { RuleContext, SuggestDescriptor } from '../rule.js';
import type { PodSpecRef } from '../model/index.js';
import { getAt } from '../path.js';

type Ctx = Pick<RuleContext, 'inventory'>;

/** The suggestion text of "give this workload its own ServiceAccount". */
export const DEDICATED_ACCOUNT_MESSAGE =
  'Give {{resource}} its own ServiceAccount {{name}}: insert one (automountServiceAccountToken: false) after it and set serviceAccountName: {{name}}; the pod then holds no token and none of what was bound to default, so grant the new account only what the workload needs';

/** A ServiceAccount name for a workload: its own name, with `-sa` (then a number) when an account of that name exists. */
function accountName(ctx: Ctx, resource: Resource): string {
  const ns = resource.namespace ?? 'default';
  const taken = (n: string) => ctx.inventory.serviceAccount(ns, n) !== undefined;
  if (!taken(resource.name)) return resource.name;
  if (!taken(`${resource.name}-sa`)) return `${resource.name}-sa`;
  for (let i = 2; ; i++) if (!taken(`${resource.name}-sa-${i}`)) return `${resource.name}-sa-${i}`;
}

/**
 * "Give this workload its own ServiceAccount" for a pod spec running as `default`: a new
 * ServiceAccount document (automount off) right after the workload's document, or the next item of
 * its List, and `serviceAccountName` set to it. None for an unnamed workload (generateName) or a
 * JSON file holding one object (it cannot hold a second document).
 */
export function dedicatedAccountSuggestion(ctx: Ctx, resource: Resource, pod: PodSpecRef): SuggestDescriptor[] {
  if (resource.name === '' || typeof getAt(resource.object, ['metadata', 'name']) !== 'string') return [];
  const name = accountName(ctx, resource);
  // The API server accepts only DNS-1123 subdomains as ServiceAccount names (and serviceAccountName values).
  if (!isDnsSubdomain(name)) return [];
  const explicitNs = getAt(resource.object, ['metadata', 'namespace']);
  const account = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, ...(typeof explicitNs === 'string' && explicitNs !== '' ? { namespace: explicitNs } : {}) },
    automountServiceAccountToken: false,
  };
  return [
    {
      messageId: 'dedicatedAccount',
      kind: 'suggestion',
      data: { name },
      fix: (fixer) => {
        const edits: (Fix | null)[] = [];
        const has = (k: string) => Object.prototype.hasOwnProperty.call(pod.spec, k);
        if (has('serviceAccountName')) edits.push(fixer.replaceValue(resource, [...pod.path, 'serviceAccountName'], name));
        else edits.push(fixer.insertPair(resource, pod.path, 'serviceAccountName', name));
        // The deprecated field must not name a second identity.
        if (has('serviceAccount')) edits.push(fixer.replaceValue(resource, [...pod.path, 'serviceAccount'], name));
        edits.push(fixer.insertDocumentAfter(resource, account));
        return fixer.merge(resource.file.text, edits);
      },
    },
  ];
}

/** A DNS-1123 subdomain (what ValidateServiceAccountName requires): dot-separated labels of a-z, 0-9 and -, alphanumeric at both ends, 253 characters at most. */
export function isDnsSubdomain(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const alnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  let labelStart = 0;
  for (let i = 0; i <= name.length; i++) {
    if (i < name.length && name.charCodeAt(i) !== 46 /* . */) {
      const c = name.charCodeAt(i);
      if (!alnum(c) && c !== 45 /* - */) return false;
      continue;
    }
    if (i === labelStart || !alnum(name.charCodeAt(labelStart)) || !alnum(name.charCodeAt(i - 1))) return false;
    labelStart = i + 1;
  }
  return true;
}
