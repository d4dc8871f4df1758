import { describe, expect, it } from 'vitest';
import { isRfc3339, kubectlReading } from './kubectl.js';
import { parseManifests } from './index.js';
import { resourcesOf } from '../model/index.js';
import { lint } from '../index.js';

const fatal = (text: string) =>
  parseManifests(text, 'm.yaml')
    .problems.filter((p) => p.severity === 'fatal')
    .map((p) => {
      const f = parseManifests(text, 'm.yaml');
      const at = f.position(p.range[0]);
      return `${at.line}:${at.column} ${p.code} ${p.message}`;
    });
const ids = (text: string) => resourcesOf(parseManifests(text)).map((r) => `${r.apiVersion}/${r.kind}/${r.name}`);

describe("kubectl's metadata checks (cli-runtime's metadataValidatingDecoder)", () => {
  it('refuses a document whose metadata does not decode into ObjectMeta, at the field, in every reading path', () => {
    const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  labels:\n    app: true\nautomountServiceAccountToken: false\n';
    expect(fatal(sa)).toEqual(['6:5 decode kubectl refuses this document (metadata.labels.app is a boolean, not a string); it is not linted and vouches for nothing']);
    expect(ids(sa)).toEqual([]);
    // a flow mapping and a JSON document say the same
    expect(fatal('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: 5}\n')).toEqual(['3:12 decode kubectl refuses this document (metadata.name is a number, not a string); it is not linted and vouches for nothing']);
    expect(fatal('{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"namespace": false, "name": "a"}}\n')).toEqual(['1:61 decode kubectl refuses this document (metadata.namespace is a boolean, not a string); it is not linted and vouches for nothing']);
  });

  it('checks every typed ObjectMeta field, accepts null, and matches field names exactly, as apimachinery decodes them', () => {
    const r = (metadata: unknown) => kubectlReading({ apiVersion: 'v1', kind: 'Pod', metadata }).refused?.message;
    expect(r({ name: 'a', labels: null, annotations: { a: null }, generation: 3, creationTimestamp: '2020-01-01T00:00:00Z' })).toBeUndefined();
    expect(r({ generation: 1.5 })).toBe('metadata.generation is a number, not an integer');
    expect(r({ creationTimestamp: '2020-01-01' })).toBe('metadata.creationTimestamp "2020-01-01" is not an RFC 3339 time (such as 2006-01-02T15:04:05Z)');
    expect(r({ labels: ['a'] })).toBe('metadata.labels is a list, not a mapping');
    expect(r({ ownerReferences: [{ controller: 'yes' }] })).toBe('metadata.ownerReferences[0].controller is a string, not a boolean');
    // sigs.k8s.io/json's case-sensitive Unmarshal (Kubernetes v1.31's kubectl, recorded by the
    // oracle: gen/decode/key-case-*): a key that differs from the field's name in case is another
    // key, ignored, whatever its value; Go's encoding/json would have folded it (and 'ſ' and 'K' with it).
    expect(r({ Name: 5, NAME: 5, nAme: 5, LaBeLs: { a: 1 }, NAMESPACE: false, OwnerReferences: 'x', 'ſelfLink': 5, 'selfLin\u212a': 5 })).toBeUndefined();
    expect(r({ ownerReferences: [{ KIND: 5, Uid: 7 }] })).toBeUndefined();
    expect(r({ Name: 'a', name: 5 })).toBe('metadata.name is a number, not a string');
    expect(kubectlReading({ apiVersion: 'v1', kind: 'ServiceAccount', METADATA: { name: 5 } }).refused).toBeUndefined();
    expect(kubectlReading({ apiVersion: 'v1', kind: 'Pod', metadata: { labels: { a: 'x', b: 2 }, ownerReferences: [{ kind: 'A' }, { uid: 7 }] } }).refused).toEqual({ message: 'metadata.labels.b is a number, not a string', path: ['metadata', 'labels', 'b'] });
    expect(kubectlReading({ apiVersion: 'v1', kind: 'Pod', metadata: { ownerReferences: [{ kind: 'A' }, { uid: 7 }] } }).refused).toEqual({ message: 'metadata.ownerReferences[1].uid is a number, not a string', path: ['metadata', 'ownerReferences', 1, 'uid'] });
    expect(kubectlReading({ apiVersion: 'a/b/c', kind: 'Pod' }).refused?.message).toBe('apiVersion "a/b/c" is not a group/version, so the object has no kind (Object \'Kind\' is missing)');
    expect(kubectlReading({ apiVersion: 'g/v', kind: 'Pod', items: 'x' }).refused?.message).toBe('items is a string, not a list: an object with items is read as a List');
    // `ITEMS` is not `items`: no List, nothing refused.
    expect(kubectlReading({ apiVersion: 'g/v', kind: 'Pod', ITEMS: 'x' }).refused).toBeUndefined();
    expect(r('default')).toBe('metadata is a string, not a mapping');
    expect(kubectlReading({ apiVersion: 1, kind: 'Pod' }).refused?.message).toBe('apiVersion is a number, not a string');
  });

  it('refuses a kind that is not a name and an apiVersion that is not a group/version; a mapping that is no manifest is left alone', () => {
    expect(kubectlReading({ apiVersion: 'v1', kind: 5 }).refused?.message).toBe("kind is a number, not a kind name (Object 'Kind' is missing)");
    expect(kubectlReading({ apiVersion: 'v1', kind: '', metadata: { name: 'a' } }).refused?.message).toBe("the object has no kind (Object 'Kind' is missing)");
    expect(kubectlReading({ apiVersion: 'v1', metadata: { name: 'a' } }).refused).toBeUndefined();
    expect(kubectlReading({ apiVersion: 'a/b/c', kind: 'Pod' }).refused?.path).toEqual(['apiVersion']);
    // Chart.yaml, a values file
    expect(kubectlReading({ apiVersion: 'v2', name: 'chart' }).refused).toBeUndefined();
    expect(kubectlReading({ replicas: 1 }).refused).toBeUndefined();
  });

  it('reads Go RFC 3339 times', () => {
    expect(['2020-01-01T00:00:00Z', '2020-02-29T23:59:59.123+05:30', '1999-12-31T00:00:00-00:00'].map(isRfc3339)).toEqual([true, true, true]);
    expect(['2021-02-29T00:00:00Z', '2020-01-01 00:00:00Z', '2020-01-01T24:00:00Z', '2020-01-01T00:00:00', '2020-01-01T00:00:00+0500'].map(isRfc3339)).toEqual([false, false, false, false, false]);
  });
});

describe("kubectl's Lists (UnstructuredJSONScheme, FlattenListVisitor)", () => {
  it('refuses the items of a List that have no kind, one by one, and sends the others', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata: {name: a}\n- metadata: {name: b}\n';
    expect(fatal(text)).toEqual(["7:3 decode kubectl refuses items[1] of this List (the object has no kind (Object 'Kind' is missing)); that item is not linted and vouches for nothing"]);
    expect(ids(text)).toEqual(['v1/ServiceAccount/a']);
    // null items (linkerd2's golden files): kubectl reads each as an object without a kind
    expect(fatal('apiVersion: v1\nkind: List\nitems:\n- null\n')).toEqual(["4:3 decode kubectl refuses items[0] of this List (the item is null, so it has no kind of its own and the List gives it none (Object 'Kind' is missing)); that item is not linted and vouches for nothing"]);
  });

  it('gives untyped items of a typed List its kind, flattens any object with items, refuses nested Lists and scalar items', () => {
    expect(ids('apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n')).toEqual(['v1/Pod/a']);
    expect(parseManifests('apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n').documents[0]!.value).toEqual({ apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'a' }, kind: 'Pod', apiVersion: 'v1' }] });
    expect(ids('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\nitems:\n- {apiVersion: v1, kind: ServiceAccount, metadata: {name: s}}\n')).toEqual(['v1/ServiceAccount/s']);
    expect(ids('kind: List\nitems:\n- {apiVersion: v1, kind: ServiceAccount, metadata: {name: s}}\n')).toEqual(['v1/ServiceAccount/s']);
    expect(ids('apiVersion: v1\nkind: List\nitems: null\n')).toEqual([]);
    expect(fatal('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items: []\n')).toEqual(['4:3 decode kubectl refuses this document (items[0] is a List inside a List, which kubectl does not flatten); it is not linted and vouches for nothing']);
    expect(fatal('apiVersion: v1\nkind: List\nitems:\n- 5\n')).toEqual(['4:3 decode kubectl refuses this document (items[0] is a number, not an object); it is not linted and vouches for nothing']);
    expect(fatal('apiVersion: v1\nkind: List\nitems: {a: 1}\n')).toEqual(['3:1 decode kubectl refuses this document (items is a mapping, not a list: an object with items is read as a List); it is not linted and vouches for nothing']);
  });
});

describe('a refused document vouches for nothing', () => {
  it('a refused ServiceAccount does not disable the token of the pods that use it', () => {
    const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: 5\nautomountServiceAccountToken: false\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x}]\n';
    const [result] = lint([{ path: 'm.yaml', text }]);
    const messages = result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? 'fatal'}`);
    expect(messages).toContain('5:3 fatal');
    expect(messages).toContain('11:1 no-automount-token');
  });
});
