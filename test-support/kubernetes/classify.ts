/**
 * Groups the disagreements of the last live run (test/.artifacts/kubernetes/disagreements.json)
 * into classes and writes conformance/kubernetes/divergences.json: entries whose reason makes the
 * divergence intended are `justified`; everything else is `pending-fix` with its class, for the
 * TypeScript side to fix. Run by `node scripts/conformance-kubernetes.mjs --classify` (the harness's
 * maintainers' tool; the recorded suite only reads the file).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Item } from './compare.js';
import { DIVERGENCES, HARNESS_DIR, type Divergence } from './recorded.js';

interface ClassDef {
  class: string;
  status: Divergence['status'];
  comparison: Divergence['comparison'];
  reason: string;
  test: (i: Item) => boolean;
  /** Entries per case (`comparison|case`) instead of per item, for comparisons with many items per case. */
  perCase?: boolean;
}

const k = (i: Item): Record<string, unknown> => (i.kubernetes ?? {}) as Record<string, unknown>;
const s = (i: Item): Record<string, unknown> => (i.satlint ?? {}) as Record<string, unknown>;
const errs = (i: Item): string[] => (k(i)['errors'] as string[] | undefined) ?? [];
const objs = (x: Record<string, unknown>): string[] => (x['objects'] as string[] | undefined) ?? [];
/** kubectl's objects are the first of satlint's (kubectl sent what came before its stream error). */
const objectsBeforeAgree = (i: Item): boolean => objs(k(i)).every((o, n) => objs(s(i))[n] === o);
/** The two JSON texts differ only in integers of more than 15 digits (where a double loses precision). */
function bigIntsOnly(kube: string, sat: string): boolean {
  const split = (t: string) => t.split(/(-?\d{16,})/);
  const a = split(kube);
  const b = split(sat);
  if (a.length !== b.length || a.length === 1) return false;
  return a.every((x, n) => (n % 2 === 1 ? Number(x) === Number(b[n]) : x === b[n]));
}
const sameObjects = (i: Item): boolean => objs(k(i)).length === objs(s(i)).length && objectsBeforeAgree(i);

const CLASSES: ClassDef[] = [
  {
    class: 'stream-error-keeps-reading',
    status: 'justified',
    comparison: 'objects',
    reason: 'kubectl stops reading a file at its first YAML syntax error (and sends the objects before it); satlint reports the error at its line and keeps reading the documents after it, so that one typo does not hide the findings of the rest of the file. The documents after kubectl\'s stop point are linted but enter no inventory, so they vouch for nothing (a ServiceAccount there disables nobody\'s token, a binding there grants nothing): every verdict about the objects kubectl sends agrees. The objects before the error agree.',
    test: (i) =>
      i.comparison === 'objects' &&
      ((s(i)['fatal'] as string[]) ?? []).length > 0 &&
      (errs(i).some((e) => e.startsWith('error parsing') && /did not find expected|could not find expected|mapping values are not allowed|found character that cannot start/.test(e)) ||
        // any other error that stops kubectl's stream (aliasing, an unknown anchor, a value JSON cannot hold, a key YAML-to-JSON refuses), when satlint reports one too and the objects before it agree
        (errs(i).some((e) => e.startsWith('error parsing')) && objectsBeforeAgree(i))),
  },
  {
    class: 'not-an-object-is-not-an-error',
    status: 'justified',
    comparison: 'objects',
    reason: "kubectl refuses a document that is a sequence or a scalar (json: cannot unmarshal array/string into Go value of type unstructured.detector) or a mapping without a kind (Object 'Kind' is missing). satlint does not make them errors: a sequence or scalar is a not-an-object warning (manifest-syntax), and a mapping without a kind is not a manifest, because directories of manifests also hold such YAML on purpose (Kustomize's JSON patches, which satlint lints where --kustomize applies them, values files, Chart.yaml). Either way nothing of it enters the inventory or vouches for anything: the objects agree.",
    test: (i) => i.comparison === 'objects' && errs(i).length > 0 && errs(i).every((e) => e.includes('into Go value of type unstructured.detector') || e.includes("Object 'Kind' is missing in '{")) && sameObjects(i) && ((s(i)['fatal'] as string[]) ?? []).length === 0,
  },
  {
    class: 'object-not-decodable-by-api-server',
    status: 'justified',
    comparison: 'automount',
    reason: 'The API server cannot decode this object into its Go type (a field of the wrong type, e.g. automountServiceAccountToken: "false" or a string lun), so no pod is ever created. RULES.md: valid-token-fields reports the token fields as errors and the other rules read the value as unset, so fixing the type does not hide the token that would then be mounted; satlint validates token fields only, not every field of every API type.',
    test: (i) => i.comparison === 'automount' && String(k(i)['why'] ?? '').includes('cannot unmarshal'),
  },
  {
    class: 'static-pod',
    status: 'justified',
    comparison: 'automount',
    reason: 'A static pod manifest (RULES.md: kube-system Pod labelled tier: control-plane or component kube-apiserver/kube-controller-manager/kube-scheduler/etcd, or a mirror pod) is run by the kubelet from a file; the API server only sees its mirror pod (annotation kubernetes.io/config.mirror), and admission mounts no token into it (the oracle\'s asMirror verdict, which agrees with satlint). Created through the API it would get one; the file cannot say which, and satlint follows the kubeadm convention.',
    test: (i) => i.comparison === 'automount' && s(i)['staticPodByRules'] === true && s(i)['token'] === false && k(i)['token'] === true && ((k(i)['asMirror'] as { mounted?: string[] } | undefined)?.mounted?.length ?? 1) === 0,
  },
  {
    class: 'pod-without-containers',
    status: 'justified',
    comparison: 'automount',
    reason: 'A pod spec with no containers: admission has no container to mount the token into and the API server rejects the pod (spec.containers: Required value). satlint reports the token the spec asks for, so the finding does not disappear while the spec is incomplete.',
    test: (i) => i.comparison === 'automount' && s(i)['containers'] === 0 && s(i)['token'] === true && k(i)['token'] === false,
  },
  { class: 'api-version-not-served', status: 'pending-fix', comparison: 'automount', reason: 'The v1.31 API server does not serve this apiVersion (extensions/v1beta1, apps/v1beta2, batch/v1beta1): no pod is created; satlint lints it as if served. Report it (a warning or refusal) instead of a token finding.', test: (i) => i.comparison === 'automount' && String(k(i)['why'] ?? '').includes('not served') },
  { class: 'refused-object-vouches', status: 'pending-fix', comparison: 'automount', reason: 'A document kubectl refuses (mistyped metadata, List item without kind, merge of a non-map) still enters satlint\'s inventory or is linted: a refused ServiceAccount disables a token, or a refused pod is reported.', test: (i) => i.comparison === 'automount' && (s(i)['resource'] === null || k(i)['token'] === true) },
  { class: 'automount-semantics', status: 'pending-fix', comparison: 'automount', reason: 'Admission mounts a token where satlint says none, or the reverse (merge keys, scalar forms, existing mounts at the token path, kube-api-access volumes).', test: (i) => i.comparison === 'automount' },
  { class: 'refused-document-linted', status: 'pending-fix', comparison: 'objects', reason: 'kubectl refuses the document (mistyped metadata, List items without kind, scalar items, merge of a non-map, %YAML directive before ---) and sends nothing for it; satlint lints it without a refusal problem.', test: (i) => i.comparison === 'objects' && errs(i).length > 0 },
  { class: 'stream-splitting-and-lists', status: 'pending-fix', comparison: 'objects', reason: 'kubectl splits the stream and flattens Lists differently (lone CR line breaks, a BOM before a later document, List with null items, nested Lists).', test: (i) => i.comparison === 'objects' },
  {
    class: 'integers-beyond-2^53',
    status: 'justified',
    comparison: 'decode',
    reason: 'go-yaml keeps an integer beyond 2^53 exact (2^53+1, -2^63, 2^63-1 here); satlint holds decoded values as JavaScript numbers, so it reads the nearest double. No verdict depends on the difference: every numeric field the rules read is bounded far below 2^53 (expirationSeconds at most 2^32, file modes, ports), so both readings are out of range alike, and a number where a boolean belongs (automountServiceAccountToken) is invalid either way. Exact integers would put BigInt values into every object the rules and report formats read (JSON.stringify throws on them).',
    test: (i) => i.comparison === 'decode' && typeof i.kubernetes === 'string' && typeof i.satlint === 'string' && bigIntsOnly(i.kubernetes, i.satlint),
  },
  { class: 'go-yaml-v2-decoding', status: 'pending-fix', comparison: 'decode', reason: 'The decoded value differs from go-yaml v2 via sigs.k8s.io/yaml (merge keys applied at their position, 0X hex, !!set/!!omap, big integers, base 60, tags).', test: (i) => i.comparison === 'decode' },
  { class: 'projected-source-validation', status: 'pending-fix', comparison: 'validation', reason: 'ValidatePodCreate rejects (or accepts) token volumes where satlint says the opposite: two volume types in one projected source are rejected; two token sources with one path are accepted by v1.31; a volumeMount naming no volume is rejected.', test: (i) => i.comparison === 'validation' },
  { class: 'pflag-semantics', status: 'pending-fix', comparison: 'flags', reason: 'The binary\'s pflag set reads the command line differently: `--bool value` is not a value for a bool flag, `_` and `-` are the same in names, stringArray/stringSlice flags accumulate across repeats, single-dash long flags are shorthands.', test: (i) => i.comparison === 'flags' },
  { class: 'rbac-semantics', status: 'pending-fix', comparison: 'rbac', reason: 'RBACAuthorizer.Authorize answers differently (a later object of the same kind/namespace/name replaces the earlier one, resourceNames with create/list, resourceNames [""], nonResourceURLs, cluster-scoped impersonation, v1beta1 objects, subject kind spelling, bootstrap roles and bindings).', test: (i) => i.comparison === 'rbac', perCase: true },
];

const disagreements = JSON.parse(readFileSync(resolve(HARNESS_DIR, '../../test/.artifacts/kubernetes/disagreements.json'), 'utf8')) as Item[];
const out = new Map<string, Divergence>();
for (const i of disagreements) {
  const def = CLASSES.find((c) => c.test(i));
  if (!def) throw new Error(`unclassified ${i.id}`);
  const d = out.get(def.class) ?? { class: def.class, status: def.status, comparison: def.comparison, reason: def.reason, ids: [] };
  const id = def.perCase ? i.id.split('|').slice(0, 2).join('|') : i.id;
  if (!d.ids.includes(id)) d.ids.push(id);
  out.set(def.class, d);
}
const list = CLASSES.map((c) => out.get(c.class)).filter((d): d is Divergence => !!d);
for (const d of list) d.ids.sort();
writeFileSync(DIVERGENCES, JSON.stringify(list, null, 1) + '\n');
for (const d of list) console.log(`${d.status.padEnd(11)} ${d.comparison.padEnd(10)} ${String(d.ids.length).padStart(5)} ${d.class}`);
