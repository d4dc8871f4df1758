import { describe, expect, it } from 'vitest';
import { lint } from '../lint.js';
import { parseManifests } from '../parse/index.js';
import { resourcesOf } from '../model/index.js';
import { describeInstances, Owners } from './index.js';

const deployment = (uid: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, uid: ${uid}}
spec:
  template:
    spec:
      containers: [{name: web, image: nginx}]
`;
const replicaSet = (ownerUid: string) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5d8f7c9b4d
  namespace: shop
  uid: 22222222-0000-4000-8000-000000000002
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: ${ownerUid}, controller: true}]
spec:
  template:
    spec:
      containers: [{name: web, image: nginx}]
`;
const pod = (name: string, phase: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  uid: 33333333-0000-4000-8000-0000000${name.slice(-5)}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f7c9b4d, uid: 22222222-0000-4000-8000-000000000002, controller: true}]
spec:
  serviceAccountName: web
  containers: [{name: web, image: nginx, volumeMounts: [{name: kube-api-access-b2c4d, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]}]
  volumes: [{name: kube-api-access-b2c4d, projected: {sources: [{serviceAccountToken: {expirationSeconds: 3607, path: token}}]}}]
status: {phase: ${phase}}
`;
const D_UID = '11111111-0000-4000-8000-000000000001';

function automountFindings(text: string) {
  return lint([{ path: 'export.yaml', text }], { config: { rules: { 'no-automount-token': 'error' }, extends: undefined } })[0]!.messages.filter((m) => m.ruleId === 'no-automount-token');
}

describe('owner-aware findings', () => {
  it('folds ReplicaSet and Pods into the Deployment, counting the pods by phase', () => {
    const found = automountFindings([deployment(D_UID), replicaSet(D_UID), pod('web-5d8f7c9b4d-aaaaa', 'Running'), pod('web-5d8f7c9b4d-bbbbb', 'Pending')].join('---\n'));
    expect(found.map((m) => [m.resource?.kind, m.line])).toEqual([['Deployment', 6]]);
    expect(found[0]!.message).toMatch(/ \(and 2 pods \(1 running, 1 pending\)\)$/);
    expect(found[0]!.relatedLocations!.map((l) => [l.resource?.kind, l.resource?.name, l.line])).toEqual([
      ['ReplicaSet', 'web-5d8f7c9b4d', 18],
      ['Pod', 'web-5d8f7c9b4d-aaaaa', 28],
      ['Pod', 'web-5d8f7c9b4d-bbbbb', 41],
    ]);
  });
  it('a Deployment with the same name but another uid does not own the ReplicaSet: reported at the ReplicaSet, once for its pods', () => {
    const found = automountFindings([deployment(D_UID), replicaSet('99999999-0000-4000-8000-000000000009'), pod('web-5d8f7c9b4d-aaaaa', 'Running'), pod('web-5d8f7c9b4d-bbbbb', 'Running')].join('---\n'));
    expect(found.map((m) => [m.resource?.kind, m.line])).toEqual([
      ['Deployment', 6],
      ['ReplicaSet', 18],
    ]);
    expect(found[1]!.message).toMatch(/ \(and 2 running pods\)$/);
  });
  it('pods whose owner is not in the input are each reported as themselves', () => {
    const found = automountFindings([pod('web-5d8f7c9b4d-aaaaa', 'Running'), pod('web-5d8f7c9b4d-bbbbb', 'Running')].join('---\n'));
    expect(found.map((m) => [m.resource?.kind, m.messageId, m.relatedLocations])).toEqual([
      ['Pod', 'injected', undefined],
      ['Pod', 'injected', undefined],
    ]);
  });
  it('survives ownership cycles and ignores non-controller references', () => {
    const a = `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: a, namespace: ns, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: b, controller: true}]}\n`;
    const b = `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: b, namespace: ns, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: a, controller: true}]}\n`;
    const c = `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: c, namespace: ns, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: a}]}\n`;
    const rs = resourcesOf(parseManifests([a, b, c].join('---\n')));
    const owners = new Owners(rs);
    expect(owners.chainOf(rs[0]!).map((r) => r.name)).toEqual(['a', 'b']);
    expect(owners.controllerOf(rs[2]!)).toBeUndefined();
  });
  it('counts instances in words', () => {
    const phase = (p?: string) => ({ ...(p ? { cluster: { phase: p, lastApplied: false } } : {}) }) as never;
    expect(describeInstances([phase('Running'), phase('Running'), phase('Running')])).toBe('3 running pods');
    expect(describeInstances([phase('Succeeded')])).toBe('1 succeeded pod');
    expect(describeInstances([phase('Running'), phase('Running'), phase('Failed')], true)).toBe('3 other pods (2 running, 1 failed)');
    expect(describeInstances([phase(), phase()])).toBe('2 pods');
    expect(describeInstances([])).toBe('');
  });
});
