import type { Resource } from '../types.js';
import { bare, isRecord, withoutTrailingSlashes } from '../path.js';
import { admissionTokenVolumeOf, containersOf, isLive, isStaticPod, podSpecsOf, serviceAccountOf, type ContainerRef, type PodSpecRef, type PodServiceAccount } from '../model/index.js';
import { RbacIndex } from '../rbac/index.js';
import { Owners } from '../owners/index.js';

/** How rules treat a service account that the input does not contain. */
export type UnknownServiceAccountPolicy = 'assume-mounted' | 'assume-disabled';

/** Where the effective automount value came from. */
export type AutomountSource = 'pod' | 'serviceAccount' | 'unset' | 'unknownServiceAccount' | 'admission' | 'staticPod' | 'pathTaken';

/** Where the ServiceAccount admission plugin mounts the auto-mounted token in every container. */
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The effective automount of a pod spec, following Kubernetes' precedence. */
export interface EffectiveAutomount {
  mounted: boolean;
  source: AutomountSource;
  serviceAccount: PodServiceAccount;
  /** The ServiceAccount object, when the inventory has it. */
  serviceAccountResource?: Resource;
  /**
   * For a Pod exported from a cluster: the `kube-api-access-xxxxx` volume admission added, the
   * token that is really mounted. `source` is `admission` when the pod and its account no longer
   * ask for the token (the account was changed after the pod was created).
   */
  injectedVolume?: string;
}

/** The cross-resource index of one lint run. */
export class Inventory {
  readonly resources: readonly Resource[];
  private readonly serviceAccounts = new Map<string, Resource>();
  private readonly secrets = new Map<string, Resource>();
  private readonly namespacesWithServiceAccounts = new Set<string>();
  private rbacIndex: RbacIndex | undefined;
  private ownersIndex: Owners | undefined;

  constructor(resources: readonly Resource[]) {
    this.resources = resources;
    for (const r of resources) {
      if (r.kind === 'ServiceAccount' && r.apiVersion === 'v1') {
        this.serviceAccounts.set(key(r.namespace, r.name), r);
        if (r.namespace !== undefined) this.namespacesWithServiceAccounts.add(r.namespace);
      } else if (r.kind === 'Secret' && r.apiVersion === 'v1') {
        this.secrets.set(key(r.namespace, r.name), r);
      }
    }
  }

  /** The ServiceAccount `namespace/name`, if the input contains it. */
  serviceAccount(namespace: string, name: string): Resource | undefined {
    return this.serviceAccounts.get(key(namespace, name));
  }

  /** The Secret `namespace/name`, if the input contains it. */
  secret(namespace: string, name: string): Resource | undefined {
    return this.secrets.get(key(namespace, name));
  }

  /** Names of the ServiceAccounts the input defines in `namespace`, sorted. */
  serviceAccountNamesIn(namespace: string): string[] {
    const out: string[] = [];
    for (const r of this.serviceAccounts.values()) if (r.namespace === namespace) out.push(r.name);
    return out.sort();
  }

  /** True when the input contains at least one ServiceAccount in `namespace`. */
  hasServiceAccountsIn(namespace: string): boolean {
    return this.namespacesWithServiceAccounts.has(namespace);
  }

  /**
   * The pod's `automountServiceAccountToken` if it is a boolean, else its service account's if the
   * inventory has that account and it sets a boolean, else true (Kubernetes' default). An account
   * missing from the input is `unknownServiceAccount`, treated as the policy says.
   */
  effectiveAutomount(resource: Resource, pod: PodSpecRef, policy: UnknownServiceAccountPolicy = 'assume-mounted'): EffectiveAutomount {
    const live = resource.kind === 'Pod' && isLive(resource);
    // For a live Pod admission already ran: what is mounted at the token path is its work (below).
    const declared = this.declaredAutomount(resource, pod, policy, !live);
    if (!live || declared.source === 'staticPod') return declared;
    // A Pod read from a cluster shows what admission did: its volume is the token, whatever the
    // pod and its account say today; without it (and nothing mounted at the token path) there is none.
    const injected = admissionTokenVolumeOf(resource.kind, pod);
    if (injected) return { ...declared, mounted: true, injectedVolume: injected.name, ...(declared.mounted ? {} : { source: 'admission' as const }) };
    if (declared.mounted && !mountsServiceAccountPath(pod)) return { ...declared, mounted: false };
    return declared;
  }

  /** Kubernetes' precedence over the pod's and the account's fields (what admission will decide). */
  private declaredAutomount(resource: Resource, pod: PodSpecRef, policy: UnknownServiceAccountPolicy, beforeAdmission: boolean): EffectiveAutomount {
    const serviceAccount = serviceAccountOf(resource, pod);
    // Static and mirror pods: the ServiceAccount admission plugin leaves them alone (no token).
    if (isStaticPod(resource, pod)) return { mounted: false, source: 'staticPod', serviceAccount };
    const declared = this.fieldAutomount(resource, pod, policy, serviceAccount);
    // Admission mounts the token only into init and regular containers that mount nothing at its
    // path; when every container already does, the pod gets no auto-mounted token at all. (A pod
    // spec without containers, which the API server rejects, is read as it would be once written.)
    if (beforeAdmission && declared.mounted && everyContainerMountsTokenPath(pod)) return { ...declared, mounted: false, source: 'pathTaken' };
    return declared;
  }

  private fieldAutomount(resource: Resource, pod: PodSpecRef, policy: UnknownServiceAccountPolicy, serviceAccount: PodServiceAccount): EffectiveAutomount {
    const podValue = pod.spec['automountServiceAccountToken'];
    const saResource = this.serviceAccount(serviceAccount.namespace, serviceAccount.name);
    const withSa = saResource ? { serviceAccountResource: saResource } : {};
    if (typeof podValue === 'boolean') return { mounted: podValue, source: 'pod', serviceAccount, ...withSa };
    if (saResource) {
      const saValue = saResource.object['automountServiceAccountToken'];
      if (typeof saValue === 'boolean') return { mounted: saValue, source: 'serviceAccount', serviceAccount, ...withSa };
      return { mounted: true, source: 'unset', serviceAccount, ...withSa };
    }
    return { mounted: policy === 'assume-mounted', source: 'unknownServiceAccount', serviceAccount };
  }

  /** The run's RBAC objects and built-in roles, indexed (built on first use). */
  get rbac(): RbacIndex {
    this.rbacIndex ??= new RbacIndex(this.resources);
    return this.rbacIndex;
  }

  /** Which object of the run controls which, through `ownerReferences` (built on first use). */
  get owners(): Owners {
    this.ownersIndex ??= new Owners(this.resources);
    return this.ownersIndex;
  }

  /** Every pod spec in the run with its resource. */
  *podSpecs(): Generator<{ resource: Resource; pod: PodSpecRef }> {
    for (const resource of this.resources) for (const pod of podSpecsOf(resource)) yield { resource, pod };
  }
}

/** True when some container mounts a volume at the service-account token directory (a pre-1.22 cluster's token Secret volume, say). */
function mountsServiceAccountPath(pod: PodSpecRef): boolean {
  return containersOf(pod).some((c) => {
    const mounts = c.container['volumeMounts'];
    return Array.isArray(mounts) && mounts.some((m) => isRecord(m) && typeof m['mountPath'] === 'string' && withoutTrailingSlashes(m['mountPath']) === SERVICE_ACCOUNT_MOUNT_PATH);
  });
}

/**
 * True when every init and regular container (admission ignores ephemeral ones) mounts something at
 * exactly `/var/run/secrets/kubernetes.io/serviceaccount` (admission compares the path as written),
 * and there is at least one.
 */
function everyContainerMountsTokenPath(pod: PodSpecRef): boolean {
  return containersOf(pod).some((c) => c.group !== 'ephemeralContainers') && tokenMountTargets(pod).length === 0;
}

/**
 * The containers the ServiceAccount admission plugin gives the auto-mounted token, when the pod
 * gets one: every init and regular container that mounts nothing at exactly
 * `/var/run/secrets/kubernetes.io/serviceaccount` (ephemeral containers never get it).
 */
export function tokenMountTargets(pod: PodSpecRef): ContainerRef[] {
  return containersOf(pod).filter((c) => {
    if (c.group === 'ephemeralContainers') return false;
    const mounts = c.container['volumeMounts'];
    return !(Array.isArray(mounts) && mounts.some((m) => isRecord(m) && m['mountPath'] === SERVICE_ACCOUNT_MOUNT_PATH));
  });
}

function key(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** Annotations of an object's metadata, string values only. */
export function annotationsOf(obj: Record<string, unknown>): Record<string, string> {
  const md = obj['metadata'];
  const out = bare<string>();
  if (!isRecord(md) || !isRecord(md['annotations'])) return out;
  for (const [k, v] of Object.entries(md['annotations'])) if (typeof v === 'string') out[k] = v;
  return out;
}
