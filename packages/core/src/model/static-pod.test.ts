import { describe, expect, it } from 'vitest';
import { lint } from '../lint.js';
import { parseManifests } from '../parse/index.js';
import { resourcesOf } from './index.js';
import { isStaticPod } from './resources.js';
import { podSpecsOf } from './pod-spec.js';

const deployment = (templateAnnotations: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: w, namespace: apps}
spec:
  selector: {matchLabels: {app: x}}
  template:
    metadata:
      labels: {app: x}
${templateAnnotations}    spec:
      containers:
      - {name: app, image: registry.example/app:1}
`;
const mirror = '      annotations:\n        kubernetes.io/config.mirror: abc\n';

describe('static and mirror pods', () => {
  it('a pod template with the mirror annotation makes mirror pods: admission gives them no token', () => {
    const ids = (text: string) => lint([{ path: 'd.yaml', text }])[0]!.messages.map((m) => m.ruleId);
    expect(ids(deployment(''))).toContain('no-automount-token');
    expect(ids(deployment(mirror))).not.toContain('no-automount-token');
    expect(ids(deployment(mirror))).not.toContain('no-default-service-account');
  });

  it('isStaticPod: the Pod itself (kube-system control plane, mirror annotation) or, given a pod spec, its template', () => {
    const [d] = resourcesOf(parseManifests(deployment(mirror), 'd.yaml'));
    expect(isStaticPod(d!)).toBe(false);
    expect(isStaticPod(d!, podSpecsOf(d!)[0])).toBe(true);
    const [plain] = resourcesOf(parseManifests(deployment(''), 'd.yaml'));
    expect(isStaticPod(plain!, podSpecsOf(plain!)[0])).toBe(false);
    const [cp] = resourcesOf(parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: kube-apiserver, namespace: kube-system, labels: {component: kube-apiserver}}\nspec: {containers: [{name: c, image: x}]}\n', 'p.yaml'));
    expect(isStaticPod(cp!)).toBe(true);
  });
});
