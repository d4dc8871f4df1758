import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

const legacySecret = yaml`
  apiVersion: v1
  kind: Secret
  metadata:
    name: ci-credentials
    namespace: build
    annotations:
      kubernetes.io/service-account.name: deployer
  type: kubernetes.io/service-account-token
`;

new RuleTester().run('no-legacy-token-mount', rule, {
  valid: [
    { name: 'ordinary Secrets', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            env: [{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]
            envFrom: [{secretRef: {name: app-config}}]
        volumes: [{name: tls, secret: {secretName: web-tls}}]
    ` },
    { name: 'a name that only looks like a token Secret (vowels in the suffix)', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: []
        volumes: [{name: s, secret: {secretName: api-token-store}}, {name: t, secret: {secretName: github-token}}]
    ` },
    { name: 'the input defines the Secret as Opaque: trusted over the name', context: [yaml`
      apiVersion: v1
      kind: Secret
      metadata: {name: default-token-x7kq9}
      type: Opaque
    `], code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: []
        volumes: [{name: s, secret: {secretName: default-token-x7kq9}}]
    ` },
    { name: 'a legacy Secret of the same name in another namespace', context: [legacySecret], code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: other}
      spec:
        containers: []
        volumes: [{name: s, secret: {secretName: ci-credentials}}]
    ` },
  ],
  invalid: [
    {
      name: 'known legacy Secret through all four routes (Deployment, init container)',
      context: [legacySecret],
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d, namespace: build}
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  env:
                    - name: TOKEN
                      valueFrom: {secretKeyRef: {name: ci-credentials, key: token}}
              containers:
                - name: app
                  envFrom:
                    - secretRef: {name: "ci-credentials"}
              volumes:
                - name: a
                  secret:
                    secretName: ci-credentials
                - name: b
                  projected:
                    sources:
                      - secret: {name: ci-credentials}
      `,
      errors: [
        { messageId: 'knownSecret', line: 11, column: 42, endLine: 11, endColumn: 62 },
        { messageId: 'knownSecret', line: 15, column: 27, endLine: 15, endColumn: 49 },
        // The Secret's token is for deployer, the pod runs as default: a projected token could not replace it.
        { messageId: 'knownSecret', line: 19, column: 13, endLine: 19, endColumn: 39, path: 'spec.template.spec.volumes[0].secret.secretName', suggestions: [] },
        { messageId: 'knownSecret', line: 23, column: 26, endLine: 23, endColumn: 46 },
      ],
      output: null,
    },
    {
      name: 'secret annotated with a service account, same stream (CronJob)',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: bot
          annotations: {kubernetes.io/service-account.name: bot}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers: []
                  volumes: [{name: t, secret: {secretName: bot}}]
      `,
      errors: [{ messageId: 'knownSecret', line: 16, column: 40, endLine: 16, endColumn: 55, suggestions: [] }],
      output: null,
    },
    {
      name: 'auto-generated name shape, Secret not in the input (Pod, ephemeral container)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: []
          ephemeralContainers:
            - name: dbg
              env: [{name: T, valueFrom: {secretKeyRef: {name: default-token-x7kq9, key: token}}}]
          volumes: [{name: t, secret: {secretName: 'jenkins.ci-token-bz4w2'}}]
      `,
      errors: [
        { messageId: 'generatedName', line: 8, column: 50, endLine: 8, endColumn: 75, suggestions: [] },
        { messageId: 'generatedName', line: 9, column: 32, endLine: 9, endColumn: 68, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'suggestion: a secret volume of the account the pod runs as becomes a TokenRequest projection (block style, defaultMode kept)',
      context: [legacySecret],
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d, namespace: build}
        spec:
          template:
            spec:
              serviceAccountName: deployer
              containers:
                - name: app
                  volumeMounts: [{name: a, mountPath: /var/run/ci}]
              volumes:
                - name: a
                  secret:
                    secretName: ci-credentials
                    defaultMode: 0440
                - name: other
                  emptyDir: {}
      `,
      errors: [{
        messageId: 'knownSecret', line: 14, column: 13, endLine: 14, endColumn: 39,
        suggestions: [{ messageId: 'tokenRequest', kind: 'suggestion', output: yaml`
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: d, namespace: build}
          spec:
            template:
              spec:
                serviceAccountName: deployer
                containers:
                  - name: app
                    volumeMounts: [{name: a, mountPath: /var/run/ci}]
                volumes:
                  - projected:
                      sources:
                        - serviceAccountToken:
                            path: token
                            expirationSeconds: 3600
                            audience: https://kubernetes.default.svc.cluster.local
                        - configMap:
                            name: kube-root-ca.crt
                            items:
                              - key: ca.crt
                                path: ca.crt
                        - downwardAPI:
                            items:
                              - path: namespace
                                fieldRef:
                                  apiVersion: v1
                                  fieldPath: metadata.namespace
                      defaultMode: 288
                    name: a
                  - name: other
                    emptyDir: {}
        ` }],
      }],
      output: null,
    },
    {
      name: 'suggestion: items keep their paths and modes, only the files asked for (flow style, generated name)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: ci}
        spec:
          serviceAccountName: jenkins
          containers: [{name: c, image: i}]
          volumes: [{name: t, secret: {secretName: jenkins-token-bz4w2, items: [{key: token, path: jwt}, {key: ca.crt, path: ca.pem, mode: 0400}]}}]
      `,
      errors: [{
        messageId: 'generatedName', line: 7, column: 32, endLine: 7, endColumn: 63,
        suggestions: [{ messageId: 'tokenRequest', kind: 'suggestion', output: yaml`
          apiVersion: v1
          kind: Pod
          metadata: {name: p, namespace: ci}
          spec:
            serviceAccountName: jenkins
            containers: [{name: c, image: i}]
            volumes: [{projected: {"sources":[{"serviceAccountToken":{"path":"jwt","expirationSeconds":3600,"audience":"https://kubernetes.default.svc.cluster.local"}},{"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.pem","mode":256}]}}]}, name: t}]
        ` }],
      }],
      output: null,
    },
    {
      name: 'suggestion in JSON stays JSON',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"serviceAccountName": "bot", "containers": [], "volumes": [{"name": "t", "secret": {"secretName": "bot-token-x7kq9"}}]}}\n',
      errors: [{
        messageId: 'generatedName', line: 1, column: 157, endLine: 1, endColumn: 188,
        suggestions: [{ messageId: 'tokenRequest', kind: 'suggestion', output: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"serviceAccountName": "bot", "containers": [], "volumes": [{"projected": {"sources":[{"serviceAccountToken":{"path":"token","expirationSeconds":3600,"audience":"https://kubernetes.default.svc.cluster.local"}},{"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},{"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}]}, "name": "t"}]}}\n' }],
      }],
      output: null,
    },
    {
      name: 'no suggestion where the projection cannot write the same files: an item of another key',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          serviceAccountName: bot
          containers: []
          volumes: [{name: t, secret: {secretName: bot-token-x7kq9, items: [{key: extra, path: x}]}}]
      `,
      errors: [{ messageId: 'generatedName', line: 7, column: 32, endLine: 7, endColumn: 59, suggestions: [] }],
      output: null,
    },
  ],
});
