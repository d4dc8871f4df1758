import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

const saDisabled = yaml`
  apiVersion: v1
  kind: ServiceAccount
  metadata: {name: api-client, namespace: apps}
  automountServiceAccountToken: false
`;
const saEnabled = yaml`
  apiVersion: v1
  kind: ServiceAccount
  metadata: {name: api-client, namespace: apps}
  automountServiceAccountToken: true
`;

new RuleTester().run('no-automount-token', rule, {
  valid: [
    { name: 'pod disables the token', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        automountServiceAccountToken: false
        containers: [{name: c, image: i}]
    ` },
    { name: 'YAML 1.1 "off" is false', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        automountServiceAccountToken: off
        containers: [{name: c, image: i}]
    ` },
    { name: 'service account disables it (pod unset)', code: yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d, namespace: apps}
      spec:
        template:
          spec:
            serviceAccountName: api-client
            containers: [{name: c, image: i}]
    `, context: [saDisabled] },
    { name: 'explicit true accepted with allowExplicit', options: { allowExplicit: true }, code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        automountServiceAccountToken: true
        containers: [{name: c, image: i}]
    ` },
    { name: 'unknown account with assume-disabled', settings: { unknownServiceAccount: 'assume-disabled' }, code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        serviceAccountName: elsewhere
        containers: [{name: c, image: i}]
    ` },
    { name: 'kinds without a pod spec', code: yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cm}
      data: {spec: x}
    ` },
    { name: 'a merge key after an explicit true overrides it (go-yaml applies merges where they stand)', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        automountServiceAccountToken: true
        <<: {automountServiceAccountToken: false}
        containers: [{name: c, image: i}]
    ` },
    { name: 'in a merged sequence the earlier map wins', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        <<: [{automountServiceAccountToken: false}, {automountServiceAccountToken: true}]
        containers: [{name: c, image: i}]
    ` },
    { name: 'every container (init and regular) already mounts something at the token path: admission mounts no token', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        initContainers: [{name: i, image: i, volumeMounts: [{name: own, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]}]
        containers: [{name: c, image: i, volumeMounts: [{name: own, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]}]
        volumes: [{name: own, emptyDir: {}}]
    ` },
    { name: 'a static pod (kubeadm control plane: component label in kube-system) gets no token', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: kube-scheduler, namespace: kube-system, labels: {component: kube-scheduler, tier: control-plane}}
      spec:
        containers: [{name: kube-scheduler, image: registry.k8s.io/kube-scheduler:v1.31.0}]
    ` },
    { name: 'a mirror pod gets no token', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: web-node1, namespace: apps, annotations: {kubernetes.io/config.mirror: abc123}}
      spec:
        containers: [{name: c, image: i}]
    ` },
    { name: 'pod disables it although the account enables it', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: apps}
      spec:
        serviceAccountName: api-client
        automountServiceAccountToken: false
        containers: [{name: c, image: i}]
    `, context: [saEnabled] },
    { name: 'a live Pod without the admission volume got no token (its account disabled it then)', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: apps, uid: 0b1c2d3e-0000-4000-8000-000000000001}
      spec:
        serviceAccountName: api-client
        containers: [{name: c, image: i}]
    ` },
  ],
  invalid: [
    {
      name: 'a Pod exported from a cluster: the admission volume is the token, named in the message',
      code: yaml`
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
      `,
      errors: [{ messageId: 'injected', line: 7, column: 1, endLine: 7, endColumn: 5, path: 'spec' }],
      output: yaml`
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
      `.replace('spec:\n', 'spec:\n  automountServiceAccountToken: false\n'),
    },
    {
      name: 'a live Pod keeps its admission token after its account was changed to disable automount',
      code: yaml`
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
      `,
      context: [yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: shop}
        automountServiceAccountToken: false
      `],
      errors: [{ messageId: 'injected', line: 7, column: 1, endLine: 7, endColumn: 5, path: 'spec' }],
      output: yaml`
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
      `.replace('spec:\n', 'spec:\n  automountServiceAccountToken: false\n'),
    },
    {
      name: 'Pod with nothing set: reported at spec, fixed',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: nginx
      `,
      errors: [{ messageId: 'unknownAccount', line: 5, column: 1, endLine: 5, endColumn: 5, path: 'spec' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          automountServiceAccountToken: false
          containers:
            - name: web
              image: nginx
      `,
    },
    {
      name: 'Deployment whose account is in the input and sets nothing',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d, namespace: apps}
        spec:
          template:
            spec:
              serviceAccountName: api-client
              containers: [{name: c, image: i}]
      `,
      context: [yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: api-client, namespace: apps}
      `],
      errors: [{ messageId: 'unset', line: 6, column: 5, endLine: 6, endColumn: 9, path: 'spec.template.spec' }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d, namespace: apps}
        spec:
          template:
            spec:
              automountServiceAccountToken: false
              serviceAccountName: api-client
              containers: [{name: c, image: i}]
      `,
    },
    {
      name: 'the account enables it',
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: s, namespace: apps}
        spec:
          template:
            spec:
              serviceAccountName: api-client
              containers: [{name: c, image: i}]
      `,
      context: [saEnabled],
      errors: [{ messageId: 'fromServiceAccount', line: 6, column: 5, endLine: 6, endColumn: 9 }],
      output: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: s, namespace: apps}
        spec:
          template:
            spec:
              automountServiceAccountToken: false
              serviceAccountName: api-client
              containers: [{name: c, image: i}]
      `,
    },
    {
      name: 'one container mounts the token path, another does not: the other still gets the token',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - {name: a, image: i, volumeMounts: [{name: own, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]}
            - {name: b, image: i}
          volumes: [{name: own, emptyDir: {}}]
      `,
      errors: [{ messageId: 'unknownAccount', line: 4, column: 1, endLine: 4, endColumn: 5 }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          automountServiceAccountToken: false
          containers:
            - {name: a, image: i, volumeMounts: [{name: own, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]}
            - {name: b, image: i}
          volumes: [{name: own, emptyDir: {}}]
      `,
    },
    {
      name: 'admission compares the path as written: a trailing slash is another path, the token is mounted',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          automountServiceAccountToken: true
          containers: [{name: a, image: i, volumeMounts: [{name: own, mountPath: /var/run/secrets/kubernetes.io/serviceaccount/}]}]
          volumes: [{name: own, emptyDir: {}}]
      `,
      errors: [{ messageId: 'explicitTrue', line: 5, column: 3, endLine: 5, endColumn: 37 }],
      output: null,
    },
    {
      name: 'a control-plane-labelled pod outside kube-system is not a static pod',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: apps, labels: {tier: control-plane}}
        spec:
          containers: [{name: c, image: i}]
      `,
      errors: [{ messageId: 'unknownAccount', line: 4, column: 1, endLine: 4, endColumn: 5 }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: apps, labels: {tier: control-plane}}
        spec:
          automountServiceAccountToken: false
          containers: [{name: c, image: i}]
      `,
    },
    {
      name: 'an explicit key after a merge overrides it: the token satlint used to miss, reported where the true is',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          <<: {automountServiceAccountToken: false}
          automountServiceAccountToken: true
          containers: [{name: c, image: i}]
      `,
      errors: [{ messageId: 'explicitTrue', line: 6, column: 3, endLine: 6, endColumn: 37, path: 'spec.automountServiceAccountToken' }],
      // The explicit pair is the pod's own text (not shared through the merge), so the migration edits it.
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          <<: {automountServiceAccountToken: false}
          automountServiceAccountToken: false
          containers: [{name: c, image: i, volumeMounts: [{"name":"bound-service-account-token","mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","readOnly":true}]}]
          volumes:
            - name: bound-service-account-token
              projected:
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
      `,
    },
    {
      name: 'a merge after an explicit false overrides it: reported at the merged value (in the anchor)',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              automountServiceAccountToken: false
              <<: &on {automountServiceAccountToken: true}
              containers: [{name: c, image: i}]
      `,
      errors: [{ messageId: 'explicitTrue', line: 9, column: 16, endLine: 9, endColumn: 50, path: 'spec.automountServiceAccountToken' }],
      output: null,
    },
    {
      name: 'a refused ServiceAccount (kubectl cannot decode it) disables nobody\'s token',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: apps}
        spec:
          serviceAccountName: api-client
          containers: [{name: c, image: i}]
      `,
      context: [yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: api-client, namespace: apps}
        automountServiceAccountToken: false
        bad: !!int not-a-number
      `],
      errors: [{ messageId: 'unknownAccount', line: 4, column: 1, endLine: 4, endColumn: 5 }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: apps}
        spec:
          automountServiceAccountToken: false
          serviceAccountName: api-client
          containers: [{name: c, image: i}]
      `,
    },
    {
      name: 'a ServiceAccount after the point where kubectl stops reading its file (a syntax error) disables nobody\'s token',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: apps}
        spec:
          serviceAccountName: api-client
          containers: [{name: c, image: i}]
      `,
      context: [yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, namespace: apps}
        data: [
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: api-client, namespace: apps}
        automountServiceAccountToken: false
      `],
      errors: [{ messageId: 'unknownAccount', line: 4, column: 1, endLine: 4, endColumn: 5 }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: apps}
        spec:
          automountServiceAccountToken: false
          serviceAccountName: api-client
          containers: [{name: c, image: i}]
      `,
    },
    {
      name: 'explicit true (YAML 1.1 "yes") is reported at the field; --fix migrates it to a bound token (flow containers)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          automountServiceAccountToken: yes
          containers: [{name: c, image: i}]
      `,
      errors: [{ messageId: 'explicitTrue', line: 5, column: 3, endLine: 5, endColumn: 36, path: 'spec.automountServiceAccountToken' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          automountServiceAccountToken: false
          containers: [{name: c, image: i, volumeMounts: [{"name":"bound-service-account-token","mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","readOnly":true}]}]
          volumes:
            - name: bound-service-account-token
              projected:
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
      `,
    },
    {
      name: 'CronJob, DaemonSet, ReplicaSet, ReplicationController, Job and PodTemplate in one stream',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: cj}
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: c, image: i}]
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: ds}
        spec:
          template:
            spec: {containers: [{name: c, image: i}]}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: rs}
        spec:
          template:
            spec:
              initContainers: [{name: init, image: i}]
              containers: [{name: c, image: i}]
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: rc}
        spec:
          template:
            spec:
              containers: [{name: c, image: i}]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec:
          template:
            spec:
              ephemeralContainers: [{name: dbg, image: i}]
              containers: [{name: c, image: i}]
        ---
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: pt}
        template:
          spec:
            containers: [{name: c, image: i}]
      `,
      errors: [
        { messageId: 'unknownAccount', line: 9, column: 9, endLine: 9, endColumn: 13 },
        { messageId: 'unknownAccount', line: 17, column: 5, endLine: 17, endColumn: 9 },
        { messageId: 'unknownAccount', line: 24, column: 5, endLine: 24, endColumn: 9 },
        { messageId: 'unknownAccount', line: 33, column: 5, endLine: 33, endColumn: 9 },
        { messageId: 'unknownAccount', line: 41, column: 5, endLine: 41, endColumn: 9 },
        { messageId: 'unknownAccount', line: 49, column: 3, endLine: 49, endColumn: 7 },
      ],
      output: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: cj}
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  automountServiceAccountToken: false
                  containers: [{name: c, image: i}]
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: ds}
        spec:
          template:
            spec: {automountServiceAccountToken: false, containers: [{name: c, image: i}]}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: rs}
        spec:
          template:
            spec:
              automountServiceAccountToken: false
              initContainers: [{name: init, image: i}]
              containers: [{name: c, image: i}]
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: rc}
        spec:
          template:
            spec:
              automountServiceAccountToken: false
              containers: [{name: c, image: i}]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec:
          template:
            spec:
              automountServiceAccountToken: false
              ephemeralContainers: [{name: dbg, image: i}]
              containers: [{name: c, image: i}]
        ---
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: pt}
        template:
          spec:
            automountServiceAccountToken: false
            containers: [{name: c, image: i}]
      `,
    },
    {
      name: 'quoted "false" is not a boolean: treated as unset, and no second key is inserted',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          automountServiceAccountToken: "false"
          containers: [{name: c, image: i}]
      `,
      errors: [{ messageId: 'unknownAccount', line: 4, column: 1, endLine: 4, endColumn: 5 }],
      output: null,
    },
    {
      name: 'CRLF line ends are kept by the fix',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  containers: []\r\n',
      errors: [{ messageId: 'unknownAccount', line: 4, column: 1, endLine: 4, endColumn: 5 }],
      output: 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  automountServiceAccountToken: false\r\n  containers: []\r\n',
    },
    {
      name: 'anchors and merge keys: the merged value counts',
      code: yaml`
        x-defaults: &defaults
          automountServiceAccountToken: true
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          <<: *defaults
          containers: [{name: c, image: i}]
      `,
      // Shown where the value is written: in the anchored map the merge brings in.
      errors: [{ messageId: 'explicitTrue', line: 2, column: 3, endLine: 2, endColumn: 37, path: 'spec.automountServiceAccountToken' }],
      // The true sits in an anchored map other places may alias: no automatic edit there.
      output: null,
    },
    {
      name: 'containers shared through an alias are never edited: a second pod uses the same list',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: {name: a}
            spec:
              automountServiceAccountToken: true
              containers: &cs [{name: c, image: i}]
          - apiVersion: v1
            kind: Pod
            metadata: {name: b}
            spec:
              automountServiceAccountToken: false
              containers: *cs
      `,
      errors: [{ messageId: 'explicitTrue', line: 8, column: 7, endLine: 8, endColumn: 41, path: 'spec.automountServiceAccountToken' }],
      output: null,
    },
  ],
});
