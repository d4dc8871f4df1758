import { unservedWorkload } from '../parse/served.js';
import type { PodSpec, Container } from 'kubernetes-types/core/v1.js';
import type { JsonPath, Resource } from '../types.js';
import { dict, getAt, isRecord, own } from '../path.js';

/** One pod spec of a resource. */
export interface PodSpecRef {
  /** The pod spec object, untyped: manifests are untrusted input, so check types before use. */
  spec: Record<string, unknown>;
  /** The same object seen through `kubernetes-types` (field names and intended types; values unchecked). */
  typed: PodSpec;
  /** Path of the pod spec, relative to the resource. */
  path: JsonPath;
  /** Path of the pod (template) metadata, relative to the resource. */
  metadataPath: JsonPath;
  /** The pod (template) metadata, or an empty object. */
  metadata: Record<string, unknown>;
}

/** Where each controller kind keeps its pod spec. */
export const POD_SPEC_PATHS: Readonly<Record<string, JsonPath>> = dict({
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
  // OpenShift's controller carries a pod template like a Deployment; peers (kube-linter) lint it too.
  DeploymentConfig: ['spec', 'template', 'spec'],
});

/**
 * Every pod spec a resource carries (none for kinds without one), with its containers and volumes
 * read on first use.
 */
export function podSpecsOf(resource: Resource): readonly PodSpecView[] {
  // One view per resource, shared by every rule: each rule walking its own copy of every
  // container, env entry and mount cost a third more memory and time on large runs.
  let views = VIEWS.get(resource);
  if (!views) VIEWS.set(resource, (views = Object.freeze(viewsOf(resource))));
  return views;
}

const VIEWS = new WeakMap<Resource, readonly PodSpecView[]>();

function viewsOf(resource: Resource): PodSpecView[] {
  const path = own(POD_SPEC_PATHS, resource.kind);
  // A workload at an apiVersion no API server serves runs no pod (manifest-syntax warns about it).
  if (!path || unservedWorkload(resource.apiVersion, resource.kind)) return [];
  const spec = getAt(resource.object, path);
  if (!isRecord(spec)) return [];
  const metadataPath = [...path.slice(0, -1), 'metadata'];
  const metadata = getAt(resource.object, metadataPath);
  return [podSpecView({ spec, typed: spec as unknown as PodSpec, path, metadataPath, metadata: isRecord(metadata) ? metadata : {} })];
}

/**
 * Every pod spec of `resources` with the resource that carries it, in resource order: the walk
 * most rules open with (each resource, each of its pod specs), written once.
 */
export function eachPodSpec(resources: readonly Resource[]): { resource: Resource; pod: PodSpecView }[] {
  const out: { resource: Resource; pod: PodSpecView }[] = [];
  for (const resource of resources) for (const pod of podSpecsOf(resource)) out.push({ resource, pod });
  return out;
}

/** A pod spec as {@link podSpecsOf} hands it out: with its containers and volumes, read on first use. */
export interface PodSpecView extends PodSpecRef {
  /** Regular, init and ephemeral containers, in that order (see {@link containersOf}), each with its env and mounts. */
  readonly containers: readonly ContainerView[];
  /** The `volumes` entries that are objects, in order (see {@link volumesOf}). */
  readonly volumes: readonly VolumeRef[];
}

/** A container of a {@link PodSpecView}: with its environment and mounts, read on first use. */
export interface ContainerView extends ContainerRef {
  /** The `env` entries that are objects, in order. */
  readonly env: readonly EnvVarRef[];
  /** The `volumeMounts` entries that are objects, in order. */
  readonly mounts: readonly VolumeMountRef[];
}

/** One entry of a container's `env`. */
export interface EnvVarRef {
  env: Record<string, unknown>;
  /** The variable's `name`, when it is a string. */
  name: string | undefined;
  /** Path relative to the resource. */
  path: JsonPath;
}

/** One entry of a container's `volumeMounts`. */
export interface VolumeMountRef {
  mount: Record<string, unknown>;
  /** The `name` of the volume it mounts, when it is a string. */
  volume: string | undefined;
  /** Path relative to the resource. */
  path: JsonPath;
}

function podSpecView(pod: PodSpecRef): PodSpecView {
  let containers: ContainerView[] | undefined;
  let volumes: VolumeRef[] | undefined;
  return {
    ...pod,
    get containers() {
      return (containers ??= containersOf(pod).map(containerView));
    },
    get volumes() {
      return (volumes ??= volumesOf(pod));
    },
  };
}

function containerView(c: ContainerRef): ContainerView {
  let env: EnvVarRef[] | undefined;
  let mounts: VolumeMountRef[] | undefined;
  return {
    ...c,
    get env() {
      return (env ??= envOf(c));
    },
    get mounts() {
      return (mounts ??= mountsOf(c));
    },
  };
}

/** The `env` entries of a container that are objects, in order. */
export function envOf(c: ContainerRef): EnvVarRef[] {
  return objectsIn(c.container, c.path, 'env').map(([e, path]) => ({ env: e, name: typeof e['name'] === 'string' ? e['name'] : undefined, path }));
}

/** The `volumeMounts` entries of a container that are objects, in order. */
export function mountsOf(c: ContainerRef): VolumeMountRef[] {
  return objectsIn(c.container, c.path, 'volumeMounts').map(([m, path]) => ({ mount: m, volume: typeof m['name'] === 'string' ? m['name'] : undefined, path }));
}

/** The entries of `owner[field]` that are objects, each with its path (`base`, field, index). */
function objectsIn(owner: Record<string, unknown>, base: JsonPath, field: string): [Record<string, unknown>, JsonPath][] {
  const list = owner[field];
  if (!Array.isArray(list)) return [];
  const out: [Record<string, unknown>, JsonPath][] = [];
  list.forEach((e, i) => {
    if (isRecord(e)) out.push([e, [...base, field, i]]);
  });
  return out;
}

/** One container of a pod spec. */
export interface ContainerRef {
  container: Record<string, unknown>;
  /** The container seen through `kubernetes-types` (values unchecked). */
  typed: Container;
  /** Path relative to the resource. */
  path: JsonPath;
  group: 'containers' | 'initContainers' | 'ephemeralContainers';
  name: string;
}

/** Every container of a pod spec: regular, init and ephemeral. */
export function containersOf(pod: PodSpecRef): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const group of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    const list = pod.spec[group];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (isRecord(c)) out.push({ container: c, typed: c as unknown as Container, path: [...pod.path, group, i], group, name: typeof c['name'] === 'string' ? c['name'] : '' });
    });
  }
  return out;
}

/** The service account a pod spec runs as, and which field named it. */
export interface PodServiceAccount {
  name: string;
  namespace: string;
  source: 'serviceAccountName' | 'serviceAccount' | 'default';
}

/** `serviceAccountName`, else the deprecated `serviceAccount`, else `default`, in the resource's namespace. */
export function serviceAccountOf(resource: Resource, pod: PodSpecRef): PodServiceAccount {
  const namespace = resource.namespace ?? 'default';
  const san = pod.spec['serviceAccountName'];
  if (typeof san === 'string' && san !== '') return { name: san, namespace, source: 'serviceAccountName' };
  const sa = pod.spec['serviceAccount'];
  if (typeof sa === 'string' && sa !== '') return { name: sa, namespace, source: 'serviceAccount' };
  return { name: 'default', namespace, source: 'default' };
}

/** One entry of a pod spec's `volumes`. */
export interface VolumeRef {
  volume: Record<string, unknown>;
  /** The volume's `name` ('' when it has none). */
  name: string;
  /** Path relative to the resource. */
  path: JsonPath;
}

/** Every volume of a pod spec. */
export function volumesOf(pod: PodSpecRef): VolumeRef[] {
  const list = pod.spec['volumes'];
  if (!Array.isArray(list)) return [];
  const out: VolumeRef[] = [];
  list.forEach((v, i) => {
    if (isRecord(v)) out.push({ volume: v, name: typeof v['name'] === 'string' ? v['name'] : '', path: [...pod.path, 'volumes', i] });
  });
  return out;
}

/** One `serviceAccountToken` source of a projected volume. */
export interface ProjectedTokenRef {
  volume: VolumeRef;
  /** The `serviceAccountToken` object. */
  source: Record<string, unknown>;
  /** Path of the `serviceAccountToken` object, relative to the resource. */
  path: JsonPath;
  /** Index of the source in `projected.sources`. */
  sourceIndex: number;
}

/**
 * The name the ServiceAccount admission plugin gives the token volume it adds to a Pod:
 * `kube-api-access-` and five characters of apimachinery's `rand.String` alphabet.
 */
export const ADMISSION_TOKEN_VOLUME_NAME = /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/**
 * True for the projected volume the ServiceAccount admission plugin adds to a Pod it admits with an
 * auto-mounted token (`kube-api-access-xxxxx`, a `serviceAccountToken` source without audience):
 * the effect of automount, seen in objects exported from a cluster. Only Pods go through that
 * admission; a controller's pod template with such a volume was written (or copied) by hand.
 */
export function isAdmissionTokenVolume(kind: string, volume: VolumeRef): boolean {
  if (kind !== 'Pod' || !ADMISSION_TOKEN_VOLUME_NAME.test(volume.name)) return false;
  const sources = getAt(volume.volume, ['projected', 'sources']);
  return Array.isArray(sources) && sources.some((s) => isRecord(s) && isRecord(s['serviceAccountToken']) && s['serviceAccountToken']['audience'] === undefined);
}

/** The admission-injected token volume of a pod spec (see {@link isAdmissionTokenVolume}), if it has one. */
export function admissionTokenVolumeOf(kind: string, pod: PodSpecRef): VolumeRef | undefined {
  if (kind !== 'Pod') return undefined;
  return volumesOf(pod).find((v) => isAdmissionTokenVolume(kind, v));
}

/**
 * Every projected `serviceAccountToken` source of a pod spec, in volume order. Give the resource's
 * `kind` to leave out the volume the ServiceAccount admission plugin injected into a Pod (the
 * auto-mounted token, which automount rules report).
 */
export function projectedTokensOf(pod: PodSpecRef, kind?: string): ProjectedTokenRef[] {
  const out: ProjectedTokenRef[] = [];
  for (const volume of volumesOf(pod)) {
    if (kind !== undefined && isAdmissionTokenVolume(kind, volume)) continue;
    const projected = volume.volume['projected'];
    if (!isRecord(projected) || !Array.isArray(projected['sources'])) continue;
    projected['sources'].forEach((s, i) => {
      if (isRecord(s) && isRecord(s['serviceAccountToken'])) {
        out.push({ volume, source: s['serviceAccountToken'], path: [...volume.path, 'projected', 'sources', i, 'serviceAccountToken'], sourceIndex: i });
      }
    });
  }
  return out;
}

/**
 * True when a projected token's `audience` makes it an API-server token: absent, empty, or one of
 * `apiAudiences`. A non-string value is invalid (valid-token-fields says so) and counts as absent.
 */
export function isApiAudience(audience: unknown, apiAudiences: readonly string[]): boolean {
  if (typeof audience !== 'string' || audience === '') return true;
  return apiAudiences.includes(audience);
}

/**
 * Names a StatefulSet's `volumeClaimTemplates` give: each becomes a volume of its pods, so
 * `volumeMounts` may name it although `volumes` does not list it.
 */
export function claimTemplateVolumeNames(resource: Resource): string[] {
  if (resource.kind !== 'StatefulSet') return [];
  const templates = getAt(resource.object, ['spec', 'volumeClaimTemplates']);
  if (!Array.isArray(templates)) return [];
  return templates.map((t) => getAt(t, ['metadata', 'name'])).filter((n): n is string => typeof n === 'string');
}

