import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

new RuleTester().run('projected-token-audience', rule, {
  valid: [
    { name: 'the kube-api-access volume admission put into a Pod is the auto-mounted token, not a projected one', code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-7d4b9c6f5d-x2kqp
          namespace: shop
          uid: 5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f
        spec:
          serviceAccountName: web
          containers:
            - name: web
              image: nginx
              volumeMounts:
                - {mountPath: /var/run/secrets/kubernetes.io/serviceaccount, name: kube-api-access-7xk2p, readOnly: true}
          volumes:
            - name: kube-api-access-7xk2p
              projected:
                defaultMode: 420
                sources:
                  - serviceAccountToken: {expirationSeconds: 3607, path: token}
                  - configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}
                  - downwardAPI: {items: [{path: namespace, fieldRef: {apiVersion: v1, fieldPath: metadata.namespace}}]}
        status: {phase: Running}
    ` },
    { name: 'an explicit audience', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: []
        volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t, audience: vault}}]}}]
    ` },
    { name: 'explicit API audience is a decision, not an omission', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: []
        volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t, audience: "https://kubernetes.default.svc"}}]}}]
    ` },
    { name: 'in the allowed list', options: { allowedAudiences: ['vault', 'sts.amazonaws.com'] }, code: yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          spec:
            containers: []
            volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t, audience: 'sts.amazonaws.com'}}]}}]
    ` },
  ],
  invalid: [
    {
      name: 'missing, reported at the source (block style)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: []
          volumes:
            - name: vault-token
              projected:
                sources:
                  - serviceAccountToken:
                      path: token
                      expirationSeconds: 600
      `,
      errors: [{ messageId: 'missing', line: 10, column: 13, endLine: 10, endColumn: 32, path: 'spec.volumes[0].projected.sources[0].serviceAccountToken' }],
      output: null,
    },
    {
      name: 'empty (quoted), in a DaemonSet',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: ds}
        spec:
          template:
            spec:
              containers: []
              volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t, audience: ""}}]}}]
      `,
      errors: [{ messageId: 'empty', line: 8, column: 81, endLine: 8, endColumn: 93 }],
      output: null,
    },
    {
      name: 'outside the allowed list, in a Job and a ReplicaSet of one stream',
      options: { allowedAudiences: ['vault'] },
      code: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec:
          template:
            spec:
              containers: []
              volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t, audience: 'https://kubernetes.default.svc'}}]}}]
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: rs}
        spec:
          template:
            spec:
              containers: []
              volumes:
                - name: a
                  projected:
                    sources:
                      - serviceAccountToken: {path: a, audience: vault}
                      - serviceAccountToken: {path: b, audience: minio}
      `,
      errors: [
        { messageId: 'notAllowed', line: 8, column: 81, endLine: 8, endColumn: 123 },
        { messageId: 'notAllowed', line: 22, column: 48, endLine: 22, endColumn: 63 },
      ],
      output: null,
    },
  ],
});
