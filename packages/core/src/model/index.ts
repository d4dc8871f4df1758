import type { PodSpec, Container } from 'kubernetes-types/core/v1.js';
import type { ClusterFields, JsonPath, Origin, ParsedDocument, ParsedFile, Resource } from '../types.js';
import { dict, getAt, isRecord, own } from '../path.js';

/** Kinds that live outside any namespace (the ones token rules meet). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'ClusterRole',
  'ClusterRoleBinding',
  'Namespace',
  'Node',
  'PersistentVolume',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'CSIDriver',
  'CSINode',
  'IngressClass',
  'RuntimeClass',
  'VolumeAttachment',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'PodSecurityPolicy',
  // kubeadm and component configuration files: not API objects, never namespaced, usually unnamed.
  'ClusterConfiguration',
  'InitConfiguration',
  'JoinConfiguration',
  'KubeletConfiguration',
  'KubeProxyConfiguration',
]);

/** Options that change how resources are read. */
export interface ModelOptions {
  /** Namespace for namespaced objects that name none (kubectl's default: `default`). */
  defaultNamespace?: string;
}

/**
 * The Kubernetes objects of a parsed file: every document with `apiVersion` and `kind`, with
 * `List` and `*List` kinds flattened into their items.
 */
export function resourcesOf(file: ParsedFile, options: ModelOptions = {}): Resource[] {
  const out: Resource[] = [];
  const defaultNamespace = options.defaultNamespace ?? 'default';
  for (const document of file.documents) {
    if (!isRecord(document.value)) continue;
    const visit = (obj: Record<string, unknown>, basePath: JsonPath, depth: number, doc: ParsedDocument): void => {
      const kind = obj['kind'];
      const apiVersion = obj['apiVersion'];
      if (typeof kind !== 'string' || typeof apiVersion !== 'string') return;
      if ((kind === 'List' || kind.endsWith('List')) && Array.isArray(obj['items'])) {
        if (depth > 8) return;
        // The items of a top-level List have trees of their own (see ParsedDocument.items).
        const own = depth === 0 ? doc.items : undefined;
        obj['items'].forEach((item, i) => {
          if (!isRecord(item)) return;
          const entry = own?.[i];
          if (entry) visit(item, entry.itemPath, depth + 1, entry.document);
          else visit(item, [...basePath, 'items', i], depth + 1, doc);
        });
        return;
      }
      const exported = withoutServerFields(obj);
      const object = exported.object;
      const metadata = isRecord(object['metadata']) ? object['metadata'] : {};
      const rawName = metadata['name'] ?? metadata['generateName'];
      const name = typeof rawName === 'string' ? rawName : '';
      const rawNs = metadata['namespace'];
      const namespace = CLUSTER_SCOPED_KINDS.has(kind) ? undefined : typeof rawNs === 'string' && rawNs !== '' ? rawNs : defaultNamespace;
      const origin = doc.origin ?? kustomizeOrigin(metadata);
      const resource: Resource = {
        ref: { apiVersion, kind, ...(namespace !== undefined ? { namespace } : {}), name },
        apiVersion,
        kind,
        name,
        namespace,
        object,
        file,
        document: doc,
        basePath,
        ...(origin ? { origin } : {}),
        ...(exported.cluster ? { cluster: exported.cluster } : {}),
      };
      out.push(resource);
    };
    visit(document.value, [], 0, document);
  }
  return out;
}

/** The annotation `kubectl apply` writes: the object as the user last applied it, as a JSON string. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Metadata fields only the API server writes. */
const SERVER_METADATA_FIELDS = ['managedFields', 'uid', 'resourceVersion', 'creationTimestamp', 'generation', 'selfLink'] as const;

/**
 * An object exported from a cluster, without what the API server wrote (`status`, server metadata,
 * the last-applied annotation): rules lint what the user controls. Objects that carry none of those
 * fields are returned as they are (no copy). Paths stay valid: only mapping keys are removed.
 */
export function withoutServerFields(obj: Record<string, unknown>): { object: Record<string, unknown>; cluster?: ClusterFields } {
  const md = isRecord(obj['metadata']) ? obj['metadata'] : undefined;
  const ann = md && isRecord(md['annotations']) ? md['annotations'] : undefined;
  const lastApplied = ann !== undefined && Object.prototype.hasOwnProperty.call(ann, LAST_APPLIED_ANNOTATION);
  const hasServerMetadata = md !== undefined && SERVER_METADATA_FIELDS.some((f) => Object.prototype.hasOwnProperty.call(md, f));
  if (!lastApplied && !hasServerMetadata && !Object.prototype.hasOwnProperty.call(obj, 'status')) return { object: obj };
  const { status, ...rest } = obj;
  const cluster: ClusterFields = { lastApplied };
  if (md) {
    const metadata: Record<string, unknown> = { ...md };
    for (const f of SERVER_METADATA_FIELDS) delete metadata[f];
    if (lastApplied) {
      const annotations = { ...ann };
      delete annotations[LAST_APPLIED_ANNOTATION];
      metadata['annotations'] = annotations;
    }
    rest['metadata'] = metadata;
    if (typeof md['uid'] === 'string' && md['uid'] !== '') cluster.uid = md['uid'];
    if (typeof md['creationTimestamp'] === 'string') cluster.creationTimestamp = md['creationTimestamp'];
  }
  if (isRecord(status) && typeof status['phase'] === 'string') cluster.phase = status['phase'];
  return { object: rest, cluster };
}

/** True for an object read from a cluster export (the API server gave it a uid or a creation time). */
export function isLive(resource: Resource): boolean {
  return resource.cluster?.uid !== undefined || resource.cluster?.creationTimestamp !== undefined;
}

/** kubeadm's control-plane components, whose static pods carry `component: <name>`. */
const CONTROL_PLANE_COMPONENTS: ReadonlySet<string> = new Set(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd']);
/** The annotation the kubelet puts on the API object that mirrors a static pod. */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/**
 * A static pod (RULES.md): a Pod the kubelet runs from a file — kubeadm's control-plane manifests,
 * a Pod in `kube-system` labelled `tier: control-plane` or with a `component` of kube-apiserver,
 * kube-controller-manager, kube-scheduler or etcd — or a mirror pod (annotation
 * `kubernetes.io/config.mirror`). The ServiceAccount admission plugin gives them no token, and they
 * cannot reference service accounts.
 */
export function isStaticPod(resource: Resource): boolean {
  if (resource.kind !== 'Pod') return false;
  const md = resource.object['metadata'];
  if (!isRecord(md)) return false;
  const ann = md['annotations'];
  if (isRecord(ann) && Object.prototype.hasOwnProperty.call(ann, MIRROR_POD_ANNOTATION)) return true;
  if (resource.namespace !== 'kube-system') return false;
  const labels = md['labels'];
  if (!isRecord(labels)) return false;
  return labels['tier'] === 'control-plane' || (typeof labels['component'] === 'string' && CONTROL_PLANE_COMPONENTS.has(labels['component']));
}

/** `Kind namespace/name` (`Kind name` when cluster-scoped, `Kind` for an unnamed one such as kubeadm's), as messages name a resource. */
export function describeResource(r: Resource | { kind: string; namespace?: string | undefined; name: string }): string {
  if (r.name === '' && r.namespace === undefined) return r.kind;
  const name = r.name === '' ? '(unnamed)' : r.name;
  return r.namespace !== undefined ? `${r.kind} ${r.namespace}/${name}` : `${r.kind} ${name}`;
}

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

/** Every pod spec a resource carries (none for kinds without one). */
export function podSpecsOf(resource: Resource): PodSpecRef[] {
  const path = own(POD_SPEC_PATHS, resource.kind);
  if (!path) return [];
  const spec = getAt(resource.object, path);
  if (!isRecord(spec)) return [];
  const metadataPath = [...path.slice(0, -1), 'metadata'];
  const metadata = getAt(resource.object, metadataPath);
  return [{ spec, typed: spec as unknown as PodSpec, path, metadataPath, metadata: isRecord(metadata) ? metadata : {} }];
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

/** The basename of a command token (`/usr/local/bin/kubectl` → `kubectl`). */
export function commandBasename(token: string): string {
  const i = Math.max(token.lastIndexOf('/'), token.lastIndexOf('\\'));
  return i === -1 ? token : token.slice(i + 1);
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

/** The first line of `text` reading `name: value` (blanks around either allowed), the value trimmed and unquoted. Linear. */
function originField(text: string, name: 'repo' | 'path' | 'configuredIn'): string | undefined {
  for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    const t = line.trim();
    if (!t.startsWith(name) || t.charCodeAt(name.length) !== 58 /* : */) continue;
    const value = t.slice(name.length + 1).trim();
    if (value === '') continue;
    let from = 0;
    let to = value.length;
    if (value[0] === '"' || value[0] === "'") from = 1;
    if (to > from && (value[to - 1] === '"' || value[to - 1] === "'")) to--;
    return value.slice(from, to);
  }
  return undefined;
}

/** The `config.kubernetes.io/origin` annotation kustomize writes with `buildMetadata: [originAnnotations]`. */
export const KUSTOMIZE_ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/**
 * Where kustomize says an object came from: the `path:` of its origin annotation (a resource file),
 * or for generated objects the file that configured the generator (`configuredIn:`).
 */
export function kustomizeOrigin(metadata: Record<string, unknown>): Origin | undefined {
  const ann = metadata['annotations'];
  if (!isRecord(ann)) return undefined;
  const text = ann[KUSTOMIZE_ORIGIN_ANNOTATION];
  if (typeof text !== 'string') return undefined;
  const field = (name: 'repo' | 'path' | 'configuredIn'): string | undefined => originField(text, name);
  const repo = field('repo');
  if (repo) return undefined; // a remote base: no file in this repository to point at
  const path = field('path') ?? field('configuredIn');
  return path ? { file: path, via: 'kustomize' } : undefined;
}
