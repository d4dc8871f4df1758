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
        { messageId: 'knownSecret', line: 19, column: 13, endLine: 19, endColumn: 39, path: 'spec.template.spec.volumes[0].secret.secretName' },
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
      errors: [{ messageId: 'knownSecret', line: 16, column: 40, endLine: 16, endColumn: 55 }],
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
        { messageId: 'generatedName', line: 8, column: 50, endLine: 8, endColumn: 75 },
        { messageId: 'generatedName', line: 9, column: 32, endLine: 9, endColumn: 68 },
      ],
      output: null,
    },
  ],
});
