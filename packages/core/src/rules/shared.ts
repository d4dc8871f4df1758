import type { Fix } from '../types.js';
import type { Fixer } from '../rule.js';
import type { Resource } from '../types.js';
import type { PodSpecRef } from '../model/index.js';

/**
 * The fix that disables token auto-mounting in a pod spec, or undefined when the pod spec already
 * has the key (with a value of the wrong type, say): a second key would be a duplicate.
 */
export function disableAutomountFix(resource: Resource, pod: PodSpecRef): { fix: (fixer: Fixer) => Fix | null } | Record<string, never> {
  if (Object.prototype.hasOwnProperty.call(pod.spec, 'automountServiceAccountToken')) return {};
  return { fix: (fixer) => fixer.insertPair(resource, pod.path, 'automountServiceAccountToken', 'false') };
}
