import type { JsonPath, Resource } from '../types.js';
import { getAt, isRecord } from '../path.js';
import { POD_SPEC_PATHS } from '../model/index.js';

/** Owner chains longer than this are not followed (Kubernetes' own chains are at most three deep). */
const MAX_CHAIN = 8;

function apiGroup(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i === -1 ? '' : apiVersion.slice(0, i);
}

/**
 * The controller `ownerReferences` of one run: which object in the input manages which (Pod →
 * ReplicaSet → Deployment, Pod → Job → CronJob, Pod → StatefulSet or DaemonSet, and any other kind
 * that sets `controller: true`). An owner reference matches an object of the same kind, API group,
 * namespace and name, and of the same uid when both carry one (a Deployment deleted and created
 * again under the same name does not own the old one's pods).
 */
export class Owners {
  private readonly byName = new Map<string, Resource[]>();
  private readonly controller = new Map<Resource, Resource | null>();

  constructor(resources: readonly Resource[]) {
    for (const r of resources) {
      if (r.name === '') continue;
      const k = nameKey(r.kind, r.namespace, r.name);
      const list = this.byName.get(k);
      if (list) list.push(r);
      else this.byName.set(k, [r]);
    }
  }

  /** The object in the input that controls `resource` (its `controller: true` owner reference), if any. */
  controllerOf(resource: Resource): Resource | undefined {
    let c = this.controller.get(resource);
    if (c === undefined) {
      c = this.findController(resource) ?? null;
      this.controller.set(resource, c);
    }
    return c ?? undefined;
  }

  /** `resource`'s chain of controllers up to the topmost one in the input: `[resource, owner, owner's owner, …]`. */
  chainOf(resource: Resource): Resource[] {
    const chain = [resource];
    for (let cur = this.controllerOf(resource); cur && chain.length <= MAX_CHAIN && !chain.includes(cur); cur = this.controllerOf(cur)) chain.push(cur);
    return chain;
  }

  /** The topmost controller of `resource` in the input, or `resource` itself when nothing in the input controls it. */
  topOf(resource: Resource): Resource {
    const chain = this.chainOf(resource);
    return chain[chain.length - 1]!;
  }

  private findController(resource: Resource): Resource | undefined {
    const refs = getAt(resource.object, ['metadata', 'ownerReferences']);
    if (!Array.isArray(refs)) return undefined;
    for (const ref of refs) {
      if (!isRecord(ref) || ref['controller'] !== true) continue;
      const { kind, name, apiVersion, uid } = ref;
      if (typeof kind !== 'string' || typeof name !== 'string' || typeof apiVersion !== 'string') continue;
      // Owners are in the dependent's namespace, or cluster-scoped.
      const candidates = [...(this.byName.get(nameKey(kind, resource.namespace, name)) ?? []), ...(this.byName.get(nameKey(kind, undefined, name)) ?? [])];
      const found = candidates.find((c) => c !== resource && apiGroup(c.apiVersion) === apiGroup(apiVersion) && (typeof uid !== 'string' || c.cluster?.uid === undefined || c.cluster.uid === uid));
      if (found) return found;
    }
    return undefined;
  }
}

function nameKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

/**
 * A finding's path with the pod-template prefix of its kind removed, so that a Deployment's
 * `spec.template.spec.containers[0]` and its Pods' `spec.containers[0]` compare equal. A path
 * outside the pod template is kept whole behind a marker (it is about the object itself).
 */
export function templateRelativePath(kind: string, path: JsonPath): JsonPath {
  const spec = POD_SPEC_PATHS[kind];
  if (!spec) return ['#own', ...path];
  const prefix = spec.slice(0, -1);
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return ['#own', ...path];
  return path.slice(prefix.length);
}

/** True when one path is a prefix of the other (or they are equal). */
export function pathsNest(a: JsonPath, b: JsonPath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return a[0] !== '#own' || a.length === b.length;
}

/**
 * How the live instances of a folded finding are counted in its message: "3 running pods",
 * "1 succeeded pod", "2 pods (1 running, 1 pending)"; with `other`, for a finding reported on one of the pods itself,
 * "2 other running pods".
 */
export function describeInstances(pods: readonly Resource[], other = false): string {
  if (pods.length === 0) return '';
  const phases = new Map<string, number>();
  for (const p of pods) {
    const phase = p.cluster?.phase?.toLowerCase() ?? '';
    phases.set(phase, (phases.get(phase) ?? 0) + 1);
  }
  const count = `${pods.length}${other ? ' other' : ''}`;
  const noun = `pod${pods.length === 1 ? '' : 's'}`;
  if (phases.size === 1 && !phases.has('')) return `${count} ${[...phases.keys()][0]} ${noun}`;
  const known = [...phases].filter(([k]) => k !== '').sort((a, b) => b[1] - a[1]);
  if (known.length === 0) return `${count} ${noun}`;
  return `${count} ${noun} (${known.map(([k, n]) => `${n} ${k}`).join(', ')}${phases.has('') ? `, ${phases.get('')} unknown` : ''})`;
}
