import { describe, expect, it } from 'vitest';
import { lint } from '../../lint.js';
import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

new RuleTester().run('no-legacy-token-secret', rule, {
  valid: [
    { name: 'an ordinary Opaque secret', code: yaml`
      apiVersion: v1
      kind: Secret
      metadata: {name: db}
      type: Opaque
      stringData: {password: example}
    ` },
    { name: 'the type written as a key elsewhere does not count', code: yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cm}
      data:
        type: kubernetes.io/service-account-token
    ` },
  ],
  invalid: [
    {
      name: 'type kubernetes.io/service-account-token',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: deployer-token
          namespace: ci
        type: kubernetes.io/service-account-token
      `,
      errors: [{ messageId: 'tokenType', line: 6, column: 1, endLine: 6, endColumn: 42, path: 'type' }],
      output: null,
    },
    {
      name: 'quoted type, second document of a stream',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata: {name: ci}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: t, namespace: ci}
        type: "kubernetes.io/service-account-token"
      `,
      errors: [{ messageId: 'tokenType', line: 8, column: 1, endLine: 8, endColumn: 44 }],
      output: null,
    },
    {
      name: 'annotated with the service account name, type missing',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: t
          annotations:
            kubernetes.io/service-account.name: builder
      `,
      errors: [{ messageId: 'annotated', line: 6, column: 5, endLine: 6, endColumn: 48, path: 'metadata.annotations["kubernetes.io/service-account.name"]' }],
      output: null,
    },
  ],
});

describe('what a cluster export adds to the message', () => {
  const secret = (labels: string) => `apiVersion: v1
kind: Secret
metadata:
  name: deployer-token
  namespace: ci
  uid: 6a1f0c2e-1d2b-4c3d-8e4f-5a6b7c8d9e0f
  annotations: {kubernetes.io/service-account.name: deployer}
  labels: {${labels}}
type: kubernetes.io/service-account-token
`;
  const reader = `apiVersion: apps/v1
kind: Deployment
metadata: {name: runner, namespace: ci}
spec:
  template:
    spec:
      automountServiceAccountToken: false
      containers: [{name: r, image: i, envFrom: [{secretRef: {name: deployer-token}}]}]
`;
  const message = (text: string) => lint([{ path: 'x.yaml', text }], { config: { rules: { 'no-legacy-token-mount': 'off' } } })[0]!.messages.find((m) => m.ruleId === 'no-legacy-token-secret')!.message;
  it('the last-used day and the workloads that still read it', () => {
    expect(message(`${secret('kubernetes.io/legacy-token-last-used: "2026-11-30"')}---\n${reader}`)).toContain('whose token never expires, last used on 2026-11-30, and still read by Deployment ci/runner; replace it with a TokenRequest (a projected token volume for a pod, `kubectl create token deployer --namespace ci --duration 60m --audience https://kubernetes.default.svc.cluster.local` for a consumer outside the cluster) and delete it');
  });
  it('the day Kubernetes invalidated it', () => {
    expect(message(secret('kubernetes.io/legacy-token-last-used: "2025-01-02", kubernetes.io/legacy-token-invalid-since: "2026-01-03"'))).toContain(
      'whose token never expires, already invalidated by Kubernetes on 2026-01-03 (last used on 2025-01-02), and read by no workload in the input; replace it with a TokenRequest',
    );
  });
  it('a Secret that names no account gets the general advice', () => {
    expect(message(secret('').replace(/ {2}annotations: .*\n/, ''))).toMatch(/; delete it and use kubectl create token or a projected token volume$/);
  });
  it('the command names the configured API audience', () => {
    const text = secret('');
    const m = lint([{ path: 'x.yaml', text }], { config: { settings: { apiAudiences: ['https://oidc.eks.example/id/1'] } } })[0]!.messages.find((x) => x.ruleId === 'no-legacy-token-secret')!.message;
    expect(m).toContain('`kubectl create token deployer --namespace ci --duration 60m --audience https://oidc.eks.example/id/1`');
  });
  it('no recorded use on a live Secret; nothing added for a plain manifest', () => {
    expect(message(secret(''))).toContain('never expires, with no use recorded (Kubernetes 1.28 and later label the day a legacy token was last used), and read by no workload in the input; replace it with a TokenRequest');
    expect(message(secret('').replace(/ {2}uid: .*\n/, ''))).toContain('never expires; replace it with a TokenRequest');
  });
});
