/**
 * What `kubectl auth can-i` knows from discovery, for the built-in API: the API group of each
 * resource, the short and singular names kubectl accepts, and which resources are cluster-scoped.
 * Custom resources are written `plural.group` (`certificates.cert-manager.io`).
 */
import { dict, own } from '../path.js';

/** Plural resource → API group ("" is the core group). */
export const RESOURCE_GROUPS: Readonly<Record<string, string>> = dict({
  bindings: '', configmaps: '', endpoints: '', events: '', limitranges: '', namespaces: '', nodes: '', persistentvolumeclaims: '',
  persistentvolumes: '', pods: '', podtemplates: '', replicationcontrollers: '', resourcequotas: '', secrets: '', serviceaccounts: '', services: '',
  controllerrevisions: 'apps', daemonsets: 'apps', deployments: 'apps', replicasets: 'apps', statefulsets: 'apps',
  cronjobs: 'batch', jobs: 'batch',
  horizontalpodautoscalers: 'autoscaling',
  clusterrolebindings: 'rbac.authorization.k8s.io', clusterroles: 'rbac.authorization.k8s.io', rolebindings: 'rbac.authorization.k8s.io', roles: 'rbac.authorization.k8s.io',
  tokenreviews: 'authentication.k8s.io', selfsubjectreviews: 'authentication.k8s.io',
  localsubjectaccessreviews: 'authorization.k8s.io', selfsubjectaccessreviews: 'authorization.k8s.io', selfsubjectrulesreviews: 'authorization.k8s.io', subjectaccessreviews: 'authorization.k8s.io',
  certificatesigningrequests: 'certificates.k8s.io', leases: 'coordination.k8s.io', endpointslices: 'discovery.k8s.io',
  ingressclasses: 'networking.k8s.io', ingresses: 'networking.k8s.io', networkpolicies: 'networking.k8s.io',
  poddisruptionbudgets: 'policy', priorityclasses: 'scheduling.k8s.io', runtimeclasses: 'node.k8s.io',
  csidrivers: 'storage.k8s.io', csinodes: 'storage.k8s.io', storageclasses: 'storage.k8s.io', volumeattachments: 'storage.k8s.io',
  mutatingwebhookconfigurations: 'admissionregistration.k8s.io', validatingwebhookconfigurations: 'admissionregistration.k8s.io',
  validatingadmissionpolicies: 'admissionregistration.k8s.io', validatingadmissionpolicybindings: 'admissionregistration.k8s.io',
  customresourcedefinitions: 'apiextensions.k8s.io', apiservices: 'apiregistration.k8s.io',
  // What the impersonation filter asks RBAC about (users and groups in the core group).
  users: '', groups: '', uids: 'authentication.k8s.io', userextras: 'authentication.k8s.io',
});

/** Short and singular names kubectl resolves to a plural. */
export const RESOURCE_ALIASES: Readonly<Record<string, string>> = dict({
  po: 'pods', pod: 'pods', svc: 'services', service: 'services', cm: 'configmaps', configmap: 'configmaps', secret: 'secrets',
  sa: 'serviceaccounts', serviceaccount: 'serviceaccounts', ns: 'namespaces', namespace: 'namespaces', no: 'nodes', node: 'nodes',
  pv: 'persistentvolumes', pvc: 'persistentvolumeclaims', ep: 'endpoints', ev: 'events', event: 'events', rc: 'replicationcontrollers',
  deploy: 'deployments', deployment: 'deployments', ds: 'daemonsets', daemonset: 'daemonsets', rs: 'replicasets', replicaset: 'replicasets',
  sts: 'statefulsets', statefulset: 'statefulsets', cj: 'cronjobs', cronjob: 'cronjobs', job: 'jobs', hpa: 'horizontalpodautoscalers',
  ing: 'ingresses', ingress: 'ingresses', netpol: 'networkpolicies', pdb: 'poddisruptionbudgets', sc: 'storageclasses', crd: 'customresourcedefinitions',
  crds: 'customresourcedefinitions', csr: 'certificatesigningrequests', role: 'roles', rolebinding: 'rolebindings', clusterrole: 'clusterroles',
  clusterrolebinding: 'clusterrolebindings', lease: 'leases', limits: 'limitranges', quota: 'resourcequotas',
});

/** Built-in resources that live outside namespaces. */
export const CLUSTER_SCOPED_RESOURCES: ReadonlySet<string> = new Set([
  'namespaces', 'nodes', 'persistentvolumes', 'clusterrolebindings', 'clusterroles', 'tokenreviews', 'selfsubjectreviews', 'selfsubjectaccessreviews',
  'selfsubjectrulesreviews', 'subjectaccessreviews', 'certificatesigningrequests', 'ingressclasses', 'priorityclasses', 'runtimeclasses', 'csidrivers',
  'csinodes', 'storageclasses', 'volumeattachments', 'mutatingwebhookconfigurations', 'validatingwebhookconfigurations',
  'validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'customresourcedefinitions', 'apiservices',
  // Impersonating users, groups, uids and user extras is checked without a namespace (only
  // ClusterRoleBindings grant it); impersonating a service account is checked in its namespace.
  'users', 'groups', 'uids', 'userextras',
]);

/** A resource argument resolved the way kubectl resolves it. */
export interface ResolvedResource {
  resource: string;
  subresource?: string | undefined;
  apiGroup: string;
  clusterScoped: boolean;
  /** False when the name is neither built in nor written with a group: the group is then a guess (core). */
  known: boolean;
}

/** Resolves `pods`, `po`, `pods/exec`, `cronjobs.batch`, `certificates.cert-manager.io/status`. */
export function resolveResource(text: string): ResolvedResource {
  const [base = '', subresource] = text.split('/', 2);
  const lower = base.toLowerCase();
  const dot = lower.indexOf('.');
  if (dot !== -1) {
    const resource = own(RESOURCE_ALIASES, lower.slice(0, dot)) ?? lower.slice(0, dot);
    const apiGroup = lower.slice(dot + 1);
    return { resource, subresource, apiGroup: apiGroup === 'core' ? '' : apiGroup, clusterScoped: CLUSTER_SCOPED_RESOURCES.has(resource), known: true };
  }
  const resource = own(RESOURCE_ALIASES, lower) ?? lower;
  const group = own(RESOURCE_GROUPS, resource);
  return { resource, subresource, apiGroup: group ?? '', clusterScoped: CLUSTER_SCOPED_RESOURCES.has(resource), known: group !== undefined || resource === '*' };
}
