import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

const pod = (seconds: string): string => yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p, namespace: ns}
  spec:
    containers: [{name: c, image: i, volumeMounts: [{name: token, mountPath: /t, readOnly: true}]}]
    volumes:
      - name: token
        projected:
          sources:
            - serviceAccountToken:
                path: token
                audience: vault
                expirationSeconds: ${seconds}
`;

new RuleTester().run('projected-token-expiration', rule, {
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
    { name: '3600', code: pod('3600') },
    { name: 'the minimum, 600', code: pod('600') },
    { name: 'missing means 3600', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: []
        volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t}}]}}]
    ` },
    { name: 'raised maxSeconds', code: pod('86400'), options: { maxSeconds: 86400 } },
    { name: 'a quoted number is valid-token-fields\' finding', code: pod('"3607"') },
    { name: '3607 with another audience is an ordinary one-hour token (the API server extends only API tokens)', code: pod('3607') },
    { name: 'other projected sources are not tokens', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: []
        volumes: [{name: ca, projected: {sources: [{configMap: {name: kube-root-ca.crt}}]}}]
    ` },
  ],
  invalid: [
    {
      name: 'a kube-api-access volume copied into a pod template by hand is a projected token like any other',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          template:
            spec:
              containers: [{name: c, image: i, volumeMounts: [{name: kube-api-access-7xk2p, mountPath: /t}]}]
              volumes:
                - name: kube-api-access-7xk2p
                  projected:
                    sources:
                      - serviceAccountToken: {expirationSeconds: 3607, path: token}
      `,
      errors: [{ messageId: 'reserved', line: 12, column: 39, endLine: 12, endColumn: 62, path: 'spec.template.spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds' }],
      output: null,
    },
    {
      name: 'the 3607 trap: an API token (no audience)',
      code: pod('3607').replace(/\n *audience: vault/, ''),
      errors: [{ messageId: 'reserved', line: 12, column: 15, endLine: 12, endColumn: 38, path: 'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds' }],
      output: null,
    },
    {
      name: 'the 3607 trap: a Kubernetes API audience',
      code: pod('3607').replace('audience: vault', 'audience: https://kubernetes.default.svc'),
      errors: [{ messageId: 'reserved', line: 13, column: 15, endLine: 13, endColumn: 38 }],
      output: null,
    },
    { name: 'below 600', code: pod('599'), errors: [{ messageId: 'belowMinimum', line: 13, column: 15, endLine: 13, endColumn: 37 }], output: null },
    { name: 'above 2^32', code: pod('4294967297'), errors: [{ messageId: 'aboveLimit', line: 13, column: 15, endLine: 13, endColumn: 44 }], output: null },
    { name: 'above maxSeconds', code: pod('86400'), errors: [{ messageId: 'aboveMax', line: 13, column: 15, endLine: 13, endColumn: 39 }], output: null },
    { name: 'above a lowered maxSeconds', code: pod('3600'), options: { maxSeconds: 1800 }, errors: [{ messageId: 'aboveMax', line: 13, column: 15, endLine: 13, endColumn: 38 }], output: null },
    {
      name: 'requireExplicit: missing, reported at the source (flow style)',
      options: { requireExplicit: true },
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: []
          volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t}}]}}]
      `,
      errors: [{ messageId: 'missing', line: 6, column: 46, endLine: 6, endColumn: 65 }],
      output: null,
    },
    {
      name: 'every controller kind, multi-document stream, second source of a volume',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers: []
                  volumes:
                    - name: t
                      projected:
                        sources:
                          - configMap: {name: ca}
                          - serviceAccountToken: {path: t, expirationSeconds: 7200}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: s}
        spec:
          template:
            spec:
              containers: []
              volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t, expirationSeconds: 100}}]}}]
        ---
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: pt}
        template:
          spec:
            containers: []
            volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t, expirationSeconds: 3607}}]}}]
      `,
      errors: [
        { messageId: 'aboveMax', line: 15, column: 52, endLine: 15, endColumn: 75 },
        { messageId: 'belowMinimum', line: 24, column: 81, endLine: 24, endColumn: 103 },
        { messageId: 'reserved', line: 32, column: 79, endLine: 32, endColumn: 102 },
      ],
      output: null,
    },
  ],
});
