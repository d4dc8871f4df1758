import type { ClusterFields, JsonPath, ParsedDocument, ParsedFile, Resource } from '../types.js';
import { isRecord } from '../path.js';
import { kustomizeOrigin } from './origin.js';
import { hasTypeInfo } from '../parse/kubectl.js';
import { copyWithout } from '../parse/released.js';

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
 * Lists (every document with `items`, as kubectl reads them) flattened into their items.
 */
export function resourcesOf(file: ParsedFile, options: ModelOptions = {}): Resource[] {
  const out: Resource[] = [];
  const defaultNamespace = options.defaultNamespace ?? 'default';
  for (const document of file.documents) {
    if (!isRecord(document.value)) continue;
    const visit = (obj: Record<string, unknown>, basePath: JsonPath, depth: number, doc: ParsedDocument): void => {
      const kind = obj['kind'];
      const apiVersion = obj['apiVersion'];
      if (typeof kind !== 'string') return;
      // kubectl reads every document with `items` as a List, whatever its kind, and sends its items
      // (their kinds filled in by the parser, parse/kubectl.ts), not the List; a List inside a List
      // refuses the document, and an item without a kind or a version is refused on its own.
      if (depth === 0 && Object.prototype.hasOwnProperty.call(obj, 'items') && (obj['items'] === null || Array.isArray(obj['items']))) {
        if (!Array.isArray(obj['items'])) return;
        // The items of a top-level List have trees of their own (see ParsedDocument.items).
        const own = doc.items;
        obj['items'].forEach((item, i) => {
          if (!isRecord(item) || !hasTypeInfo(item)) return;
          const entry = own?.[i];
          if (entry) visit(item, entry.itemPath, depth + 1, entry.document);
          else visit(item, [...basePath, 'items', i], depth + 1, doc);
        });
        return;
      }
      // kubectl's decoder sends an object without apiVersion (only its kind is required, kubectl.ts);
      // satlint keeps it with an empty apiVersion, and a workload kind there is not linted (parse
      // warns: no schema is known for it).
      if (apiVersion !== undefined && typeof apiVersion !== 'string') return;
      const exported = withoutServerFields(obj);
      const object = exported.object;
      const metadata = isRecord(object['metadata']) ? object['metadata'] : {};
      const rawName = metadata['name'] ?? metadata['generateName'];
      const name = typeof rawName === 'string' ? rawName : '';
      const rawNs = metadata['namespace'];
      const namespace = CLUSTER_SCOPED_KINDS.has(kind) ? undefined : typeof rawNs === 'string' && rawNs !== '' ? rawNs : defaultNamespace;
      const origin = doc.origin ?? kustomizeOrigin(metadata);
      const resource: Resource = {
        ref: { apiVersion: apiVersion ?? '', kind, ...(namespace !== undefined ? { namespace } : {}), name },
        apiVersion: apiVersion ?? '',
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
  // A copy that keeps a released CRD spec released (parse/released.ts).
  const status = obj['status'];
  const rest = copyWithout(obj, 'status');
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
 * cannot reference service accounts. Given `pod` (one of the resource's pod specs), also a pod
 * template whose metadata carries the mirror annotation: every pod a controller makes from it is a
 * mirror pod to admission (no token; refused if it names a service account), as Kubernetes' own
 * admission plugin decides (issue 15's oracle), which RULES.md's "mirror pod" covers.
 */
export function isStaticPod(resource: Resource, pod?: { metadata: Record<string, unknown> }): boolean {
  if (pod && hasMirrorAnnotation(pod.metadata)) return true;
  if (resource.kind !== 'Pod') return false;
  const md = resource.object['metadata'];
  if (!isRecord(md)) return false;
  if (hasMirrorAnnotation(md)) return true;
  if (resource.namespace !== 'kube-system') return false;
  const labels = md['labels'];
  if (!isRecord(labels)) return false;
  return labels['tier'] === 'control-plane' || (typeof labels['component'] === 'string' && CONTROL_PLANE_COMPONENTS.has(labels['component']));
}

function hasMirrorAnnotation(metadata: Record<string, unknown>): boolean {
  const ann = metadata['annotations'];
  return isRecord(ann) && Object.prototype.hasOwnProperty.call(ann, MIRROR_POD_ANNOTATION);
}

/** `Kind namespace/name` (`Kind name` when cluster-scoped, `Kind` for an unnamed one such as kubeadm's), as messages name a resource. */
export function describeResource(r: Resource | { kind: string; namespace?: string | undefined; name: string }): string {
  if (r.name === '' && r.namespace === undefined) return r.kind;
  const name = r.name === '' ? '(unnamed)' : r.name;
  return r.namespace !== undefined ? `${r.kind} ${r.namespace}/${name}` : `${r.kind} ${name}`;
}
