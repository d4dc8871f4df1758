import { describe, expect, it } from 'vitest';
import { lint } from '../lint.js';
import { unservedWorkload } from './served.js';

const workload = (apiVersion: string, kind = 'Deployment') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: w, namespace: apps}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      containers: [{name: c, image: x}]\n`;
const findings = (text: string) => lint([{ path: 'w.yaml', text }])[0]!.messages.map((m) => [m.ruleId, m.messageId, m.line, m.message] as const);

describe('workloads at an apiVersion no API server serves', () => {
  it('get a warning at their apiVersion and no token findings: no pod runs from them', () => {
    expect(findings(workload('extensions/v1beta1'))).toEqual([
      ['manifest-syntax', 'unservedApi', 1, 'extensions/v1beta1 is not served by any supported Kubernetes version (removed in 1.16): the API server refuses this Deployment, so no pod runs from it and its token settings are not linted; use apps/v1'],
    ]);
    expect(findings(workload('apps/v1')).map((f) => f[0])).toContain('no-automount-token');
  });

  it('a CronJob of batch/v1beta1 and a Pod at a wrong version; List items too', () => {
    expect(findings(workload('batch/v1beta1', 'CronJob'))[0]![3]).toBe('batch/v1beta1 is not served by any supported Kubernetes version (removed in 1.25): the API server refuses this CronJob, so no pod runs from it and its token settings are not linted; use batch/v1');
    const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: Pod\n  metadata: {name: p, namespace: apps}\n  spec: {containers: [{name: c, image: x}]}\n`;
    expect(findings(list)).toEqual([['manifest-syntax', 'unservedApi', 4, 'apps/v1 is not served by any supported Kubernetes version: the API server refuses this Pod, so no pod runs from it and its token settings are not linted; use v1']]);
  });

  it('unservedWorkload knows the built-in workload kinds only', () => {
    expect(unservedWorkload('apps/v1beta2', 'StatefulSet')).toEqual({ served: 'apps/v1', removedIn: '1.16' });
    expect(unservedWorkload('batch/v1', 'Job')).toBeUndefined();
    expect(unservedWorkload('apps.openshift.io/v1', 'DeploymentConfig')).toBeUndefined();
    expect(unservedWorkload('example.com/v1', 'Widget')).toBeUndefined();
    expect(unservedWorkload('v1', 'toString')).toBeUndefined();
  });
});
