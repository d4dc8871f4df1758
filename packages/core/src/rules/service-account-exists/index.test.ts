import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

const accounts = yaml`
  apiVersion: v1
  kind: ServiceAccount
  metadata: {name: deploy-controller, namespace: platform}
  ---
  apiVersion: v1
  kind: ServiceAccount
  metadata: {name: metrics, namespace: platform}
`;

new RuleTester().run('service-account-exists', rule, {
  valid: [
    { name: 'defined in another file of the run', context: [accounts], code: yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d, namespace: platform}
      spec:
        template:
          spec:
            serviceAccountName: deploy-controller
            containers: []
    ` },
    { name: 'namespace not described by the input', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: platform}
      spec:
        serviceAccountName: anything
        containers: []
    ` },
    { name: 'default always exists', context: [accounts], options: { requireDefined: true }, code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: platform}
      spec:
        serviceAccountName: default
        containers: []
    ` },
    { name: 'a List of the account and the pod', code: yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: ServiceAccount
          metadata: {name: a, namespace: x}
        - apiVersion: v1
          kind: Pod
          metadata: {name: p, namespace: x}
          spec: {serviceAccountName: a, containers: []}
    ` },
  ],
  invalid: [
    {
      name: 'typo while the namespace has other accounts (Deployment)',
      context: [accounts],
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: controller, namespace: platform}
        spec:
          template:
            spec:
              serviceAccountName: deployment-controller
              containers: []
      `,
      errors: [{ messageId: 'missing', line: 7, column: 7, endLine: 7, endColumn: 48, path: 'spec.template.spec.serviceAccountName' }],
      output: null,
    },
    {
      name: 'same stream, deprecated field, DaemonSet and CronJob',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: agent, namespace: monitoring}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: ds, namespace: monitoring}
        spec:
          template:
            spec: {serviceAccount: agnet, containers: []}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c, namespace: monitoring}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  serviceAccountName: 'cleaner'
                  containers: []
      `,
      errors: [
        { messageId: 'missing', line: 10, column: 12, endLine: 10, endColumn: 33 },
        { messageId: 'missing', line: 20, column: 11, endLine: 20, endColumn: 40 },
      ],
      output: null,
    },
    {
      name: 'requireDefined',
      options: { requireDefined: true },
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: platform}
        spec:
          serviceAccountName: builder
          containers: []
      `,
      errors: [{ messageId: 'notDefined', line: 5, column: 3, endLine: 5, endColumn: 30 }],
      output: null,
    },
  ],
});
