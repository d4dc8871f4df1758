import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

new RuleTester().run('no-default-service-account', rule, {
  valid: [
    { name: 'static pods (kubeadm control plane, mirror pods) cannot reference service accounts: skipped, even with evenWithoutToken', options: { evenWithoutToken: true }, code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: etcd, namespace: kube-system, labels: {component: etcd, tier: control-plane}}
      spec:
        containers: [{name: etcd, image: registry.k8s.io/etcd:3.5.15-0}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: m, namespace: apps, annotations: {kubernetes.io/config.mirror: x}}
      spec:
        containers: [{name: c, image: i}]
    ` },
    { name: 'own service account', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        serviceAccountName: web
        containers: []
    ` },
    { name: 'default without any token', code: yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          spec:
            automountServiceAccountToken: false
            containers: []
    ` },
    { name: 'default with a projected token for another audience only', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        automountServiceAccountToken: off
        containers: []
        volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t, audience: vault}}]}}]
    ` },
    { name: 'default account in the input disables automount', context: [yaml`
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: default, namespace: shop}
      automountServiceAccountToken: false
    `], code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: shop}
      spec:
        containers: []
    ` },
    { name: 'unknown account assumed disabled by setting', settings: { unknownServiceAccount: 'assume-disabled' }, code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: []
    ` },
  ],
  invalid: [
    {
      name: 'omitted: reported at the pod spec (Deployment)',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            spec:
              containers: [{name: web, image: web}]
      `,
      errors: [{ messageId: 'omittedWithToken', line: 6, column: 5, endLine: 6, endColumn: 9, path: 'spec.template.spec' }],
      output: null,
    },
    {
      name: 'named explicitly, quoted, and by the deprecated field (StatefulSet, ReplicationController)',
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: s}
        spec:
          template:
            spec:
              serviceAccountName: "default"
              containers: []
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: rc}
        spec:
          template:
            spec: {serviceAccount: default, containers: []}
      `,
      errors: [
        { messageId: 'namedWithToken', line: 7, column: 7, endLine: 7, endColumn: 36 },
        { messageId: 'namedWithToken', line: 15, column: 12, endLine: 15, endColumn: 35 },
      ],
      output: null,
    },
    {
      name: 'automount off but a projected API token (no audience)',
      code: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec:
          template:
            spec:
              automountServiceAccountToken: false
              containers: []
              volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t}}]}}]
      `,
      errors: [{ messageId: 'omittedWithToken', line: 6, column: 5, endLine: 6, endColumn: 9 }],
      output: null,
    },
    {
      name: 'evenWithoutToken',
      options: { evenWithoutToken: true },
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          automountServiceAccountToken: false
          serviceAccountName: default
          containers: []
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  automountServiceAccountToken: false
                  containers: []
      `,
      errors: [
        { messageId: 'named', line: 6, column: 3, endLine: 6, endColumn: 30 },
        { messageId: 'omitted', line: 16, column: 9, endLine: 16, endColumn: 13 },
      ],
      output: null,
    },
  ],
});
