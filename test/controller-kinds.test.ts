import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { lint, POD_SPEC_PATHS } from '@satlint/core/internal';

/**
 * Every rule that reads pod specs must find them in every controller kind: each rule gets a pod
 * spec that fails it, wrapped into every kind, and must report inside that kind's pod spec path.
 */
const failingPodSpecs: Record<string, Record<string, unknown>> = {
  'no-automount-token': { serviceAccountName: 'app', containers: [{ name: 'c' }] },
  'no-default-service-account': { containers: [{ name: 'c' }] },
  'no-deprecated-service-account-field': { serviceAccount: 'app', automountServiceAccountToken: false, containers: [{ name: 'c' }] },
  'projected-token-expiration': { automountServiceAccountToken: false, containers: [{ name: 'c', volumeMounts: [{ name: 't', mountPath: '/t', readOnly: true }] }], volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 't', audience: 'a', expirationSeconds: 300 } }] } }] },
  'projected-token-audience': { automountServiceAccountToken: false, containers: [{ name: 'c', volumeMounts: [{ name: 't', mountPath: '/t', readOnly: true }] }], volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } }] },
  'projected-token-mount': { automountServiceAccountToken: false, containers: [{ name: 'c', volumeMounts: [{ name: 't', mountPath: '/t' }] }], volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: '../t', audience: 'a' } }] } }] },
  'no-legacy-token-mount': { automountServiceAccountToken: false, containers: [{ name: 'c' }], volumes: [{ name: 's', secret: { secretName: 'app-token-x7kq9' } }] },
  'token-request-lifetime': { automountServiceAccountToken: false, containers: [{ name: 'c', command: ['kubectl', 'create', 'token', 'app'] }] },
  'no-static-cloud-credentials': { automountServiceAccountToken: false, containers: [{ name: 'c', env: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'x' }] }] },
  'valid-token-fields': { automountServiceAccountToken: 'false', containers: [{ name: 'c' }] },
  'apiserver-token-flags': { automountServiceAccountToken: false, containers: [{ name: 'c', command: ['kube-apiserver'] }] },
  'controller-manager-token-flags': { automountServiceAccountToken: false, containers: [{ name: 'c', command: ['kube-controller-manager'] }] },
};

function wrap(kind: string, podSpec: Record<string, unknown>): Record<string, unknown> {
  const path = POD_SPEC_PATHS[kind]!;
  const obj: Record<string, unknown> = { apiVersion: kind === 'Pod' || kind === 'PodTemplate' || kind === 'ReplicationController' ? 'v1' : 'apps/v1', kind, metadata: { name: 'x', namespace: 'ns' } };
  let cur = obj;
  path.forEach((seg, i) => {
    if (i === path.length - 1) cur[String(seg)] = podSpec;
    else cur = (cur[String(seg)] ??= {}) as Record<string, unknown>;
  });
  return obj;
}

describe('pod-spec rules see every controller kind', () => {
  for (const [ruleId, podSpec] of Object.entries(failingPodSpecs)) {
    it.each(Object.keys(POD_SPEC_PATHS))(`${ruleId} in a %s`, (kind) => {
      const text = stringify(wrap(kind, podSpec));
      const [r] = lint([{ path: 'x.yaml', text }], { config: { extends: undefined, rules: { [ruleId]: 'error' } } });
      const found = r!.messages.filter((m) => m.ruleId === ruleId);
      expect(found.length, text).toBeGreaterThan(0);
      const prefix = POD_SPEC_PATHS[kind]!.join('.');
      for (const m of found) expect(m.path?.startsWith(prefix), `${m.path} in ${kind}`).toBe(true);
    });
  }
});
