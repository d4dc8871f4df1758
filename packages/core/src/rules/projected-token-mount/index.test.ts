import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

new RuleTester().run('projected-token-mount', rule, {
  valid: [
    { name: 'mounted without readOnly (and readOnly: "true" as a string): the kubelet mounts projected volumes read-only, not reported', code: yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: c}
      spec:
        jobTemplate:
          spec:
            template:
              spec:
                containers:
                  - name: a
                    volumeMounts:
                      - name: token
                        mountPath: /t
                  - name: b
                    volumeMounts:
                      - {name: token, mountPath: /t, readOnly: "true"}
                volumes: [{name: token, projected: {sources: [{serviceAccountToken: {path: token}}]}}]
    ` },
    { name: 'a path with "..." inside a name is fine ("a..b", "x/..y" start no element with ..)', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: [{name: app, volumeMounts: [{name: t, mountPath: /t}]}]
        volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: a..b}}, {serviceAccountToken: {path: x/..y}}]}}]
    ` },
    { name: 'read-only mount of a token volume, other volumes unmounted are fine', code: yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          spec:
            containers:
              - name: app
                volumeMounts:
                  - {name: token, mountPath: /var/run/secrets/tokens, readOnly: true}
            volumes:
              - name: token
                projected:
                  sources:
                    - serviceAccountToken: {path: token, audience: vault}
                    - serviceAccountToken: {path: sub/other-token, audience: minio}
              - name: scratch
                emptyDir: {}
    ` },
    { name: 'mounted only by an init container', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        initContainers: [{name: init, volumeMounts: [{name: t, mountPath: /t, readOnly: true}]}]
        containers: [{name: app}]
        volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: token}}]}}]
    ` },
    { name: 'same path in two different volumes', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: [{name: app, volumeMounts: [{name: a, mountPath: /a, readOnly: true}, {name: b, mountPath: /b, readOnly: yes}]}]
        volumes:
          - {name: a, projected: {sources: [{serviceAccountToken: {path: token}}]}}
          - {name: b, projected: {sources: [{serviceAccountToken: {path: token}}]}}
    ` },
    { name: 'StatefulSet volumeClaimTemplates provide volumes too', code: yaml`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: minio}
      spec:
        template:
          spec:
            containers: [{name: minio, volumeMounts: [{name: data, mountPath: /data}]}]
        volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce]}
    ` },
  ],
  invalid: [
    {
      name: 'unknown volume, in an ephemeral container',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: app}]
          ephemeralContainers:
            - name: debug
              volumeMounts:
                - name: tokn
                  mountPath: /t
          volumes: [{name: token, emptyDir: {}}]
      `,
      errors: [{ messageId: 'unknownVolume', line: 9, column: 11, endLine: 9, endColumn: 21, path: 'spec.ephemeralContainers[0].volumeMounts[0].name' }],
      output: null,
    },
    {
      name: 'token volume nobody mounts (StatefulSet)',
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: s}
        spec:
          template:
            spec:
              containers: [{name: app}]
              volumes:
                - name: token
                  projected:
                    sources:
                      - serviceAccountToken: {path: token, audience: vault}
      `,
      errors: [{ messageId: 'unmounted', line: 9, column: 11, endLine: 9, endColumn: 22 }],
      output: null,
    },
    {
      name: 'bad paths and a duplicate path in one volume',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: app, volumeMounts: [{name: t, mountPath: /t, readOnly: true}]}]
          volumes:
            - name: t
              projected:
                sources:
                  - serviceAccountToken: {path: /token}
                  - serviceAccountToken: {path: ../escape}
                  - serviceAccountToken: {audience: vault}
                  - serviceAccountToken: {path: 'token'}
                  - serviceAccountToken: {path: token}
                  - serviceAccountToken: {path: ..data}
      `,
      errors: [
        { messageId: 'badPath', line: 10, column: 35, endLine: 10, endColumn: 47 },
        { messageId: 'badPath', line: 11, column: 35, endLine: 11, endColumn: 50 },
        { messageId: 'badPath', line: 12, column: 13, endLine: 12, endColumn: 32 },
        { messageId: 'duplicatePath', line: 14, column: 35, endLine: 14, endColumn: 46 },
        { messageId: 'badPath', line: 15, column: 35, endLine: 15, endColumn: 47 },
      ],
      output: null,
    },
    {
      name: 'two volume types in one source (rejected), and a token written where a ConfigMap item is (accepted, one file survives)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: app, volumeMounts: [{name: t, mountPath: /t}]}]
          volumes:
            - name: t
              projected:
                sources:
                  - serviceAccountToken: {path: token}
                    configMap: {name: cm}
                  - configMap: {name: ca, items: [{key: ca.crt, path: ca.crt}]}
                  - serviceAccountToken: {path: ca.crt, audience: vault}
      `,
      errors: [
        { messageId: 'twoVolumeTypes', line: 10, column: 13, endLine: 10, endColumn: 32 },
        { messageId: 'duplicatePath', line: 13, column: 35, endLine: 13, endColumn: 47 },
      ],
      output: null,
    },
  ],
});
