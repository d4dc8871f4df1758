import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

new RuleTester().run('token-request-lifetime', rule, {
  valid: [
    { name: 'argv form with duration and audience', code: yaml`
      apiVersion: batch/v1
      kind: Job
      metadata: {name: j}
      spec:
        template:
          spec:
            containers:
              - name: c
                command: [kubectl, -n, platform, create, token, ci, --duration=10m, --audience, vault]
    ` },
    { name: 'script form, continuation lines, quoted flags', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: c
            command: [/bin/sh, -c]
            args:
              - |
                TOKEN=$(kubectl create token deployment-controller \
                  --namespace platform \
                  --duration 600s \
                  --audience "https://kubernetes.default.svc")
                kubectl --token="$TOKEN" get deployments -n production
    ` },
    { name: 'other kubectl commands and look-alikes', code: yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: scripts}
      data:
        run.sh: |
          kubectl get secrets
          kubectl create tokenreview x
          echo "kubectl-create token"
    ` },
    { name: 'a variable duration cannot be judged', code: yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: scripts}
      data:
        run.sh: kubectl create token ci --duration=$TTL --audience vault
    ` },
    { name: 'TokenRequest within bounds', code: yaml`
      apiVersion: authentication.k8s.io/v1
      kind: TokenRequest
      metadata: {name: ci}
      spec: {audiences: [vault], expirationSeconds: 1800}
    ` },
    { name: 'raised maxSeconds', options: { maxSeconds: 86400 }, code: yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: s}
      data: {a: "kubectl create token ci --duration 24h --audience vault"}
    ` },
  ],
  invalid: [
    {
      name: 'argv form: too long (reported at the flag) and no audience (at kubectl); init container of a CronJob',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - name: mint
                      command: ["/usr/local/bin/kubectl", "create", "token", "ci"]
                      args: ["--duration", "2h"]
                  containers: []
      `,
      errors: [
        { messageId: 'missingAudience', line: 11, column: 25, endLine: 11, endColumn: 49, path: 'spec.jobTemplate.spec.template.spec.initContainers[0].command[0]' },
        { messageId: 'tooLong', line: 12, column: 36, endLine: 12, endColumn: 40 },
      ],
      output: null,
    },
    {
      name: 'script: too short, in a Deployment; missing duration in an ephemeral container',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          template:
            spec:
              containers:
                - name: c
                  command: [sh, -c, 'T=$(kubectl create token a --duration=5m --audience=vault); use "$T"']
              ephemeralContainers:
                - name: e
                  args: ["bash", "-c", "kubectl create token b --audience vault | tee /tmp/t"]
      `,
      errors: [
        { messageId: 'tooShort', line: 9, column: 29, endLine: 9, endColumn: 99 },
        { messageId: 'missingDuration', line: 12, column: 32, endLine: 12, endColumn: 86 },
      ],
      output: null,
    },
    {
      name: 'ConfigMap value: invalid duration and no audience',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: scripts}
        data:
          mint.sh: |
            #!/bin/sh
            kubectl create token ci --duration 1d > /out/token
      `,
      errors: [
        { messageId: 'invalidDuration', line: 5, column: 3, endLine: 7, endColumn: 55 },
        { messageId: 'missingAudience', line: 5, column: 3, endLine: 7, endColumn: 55 },
      ],
      output: null,
    },
    {
      name: 'TokenRequest objects',
      code: yaml`
        apiVersion: authentication.k8s.io/v1
        kind: TokenRequest
        metadata: {name: a}
        spec:
          audiences: []
          expirationSeconds: 300
        ---
        apiVersion: authentication.k8s.io/v1
        kind: TokenRequest
        metadata: {name: b}
        spec: {}
      `,
      errors: [
        { messageId: 'missingAudience', line: 5, column: 3, endLine: 5, endColumn: 12 },
        { messageId: 'tooShort', line: 6, column: 3, endLine: 6, endColumn: 25 },
        { messageId: 'missingDuration', line: 11, column: 1, endLine: 11, endColumn: 5 },
        { messageId: 'missingAudience', line: 11, column: 1, endLine: 11, endColumn: 5 },
      ],
      output: null,
    },
  ],
});
