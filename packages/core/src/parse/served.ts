/**
 * The apiVersion each built-in workload kind is served at by every supported Kubernetes version
 * (v1.25 and later; satlint's bootstrap policy is v1.31's). An object of one of these kinds at any
 * other apiVersion is refused by the API server ("no matches for kind"): no pod runs from it.
 */
export const SERVED_WORKLOAD_VERSION: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    Pod: 'v1',
    PodTemplate: 'v1',
    ReplicationController: 'v1',
    Deployment: 'apps/v1',
    DaemonSet: 'apps/v1',
    ReplicaSet: 'apps/v1',
    StatefulSet: 'apps/v1',
    Job: 'batch/v1',
    CronJob: 'batch/v1',
  }),
);

/** Where a removed workload apiVersion went away (the Kubernetes release that stopped serving it). */
const REMOVED_IN: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    'extensions/v1beta1': '1.16',
    'apps/v1beta1': '1.16',
    'apps/v1beta2': '1.16',
    'batch/v1beta1': '1.25',
    'batch/v2alpha1': '1.21',
  }),
);

/**
 * For an object of a built-in workload kind at an apiVersion no supported API server serves: the
 * version it should use and, for a removed one, the release that removed it. Undefined otherwise
 * (other kinds, custom resources, the served version).
 */
export function unservedWorkload(apiVersion: unknown, kind: unknown): { served: string; removedIn?: string } | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const served = SERVED_WORKLOAD_VERSION[kind];
  if (served === undefined || apiVersion === served) return undefined;
  const removedIn = REMOVED_IN[apiVersion];
  return { served, ...(removedIn !== undefined ? { removedIn } : {}) };
}
