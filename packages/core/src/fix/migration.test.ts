import { RuleTester, yaml } from '../testing/index.js';
import noAutomountToken from '../rules/no-automount-token/index.js';
import missingToken from '../rules/missing-token-for-api-access/index.js';
import noDefaultServiceAccount from '../rules/no-default-service-account/index.js';

const L = (...lines: string[]) => `${lines.join('\n')}\n`;
const head0 = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: op\nspec:\n';

/** Indents every non-empty line of a block by `n` spaces. */
const indent = (text: string, n: number) =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : ' '.repeat(n) + l))
    .join('\n');

// A controller's pod spec (column 0): an operator-shaped workload whose account is not in the input.
const podSpec = yaml`
  serviceAccountName: operator
  containers:
    - name: main
      image: example/operator:1
`;
// The same pod spec after the bound-token migration, written out by hand.
const projected = yaml`
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
`;
const mount = yaml`
  - name: bound-service-account-token
    mountPath: /var/run/secrets/kubernetes.io/serviceaccount
    readOnly: true
`;
const migrated = `automountServiceAccountToken: false
serviceAccountName: operator
containers:
  - name: main
    image: example/operator:1
    volumeMounts:
${indent(mount, 6)}volumes:
${indent(projected, 2)}`;

/** Each controller kind with the lines before its pod spec (ending in the pod spec's own key) and the pod spec's indentation. */
const kinds: { kind: string; head: string; depth: number }[] = [
  { kind: 'Pod', head: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: op\nspec:\n', depth: 2 },
  ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].map((kind) => ({ kind, head: `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: op\nspec:\n  template:\n    spec:\n`, depth: 6 })),
  { kind: 'ReplicationController', head: 'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: op\nspec:\n  template:\n    spec:\n', depth: 6 },
  { kind: 'Job', head: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: op\nspec:\n  template:\n    spec:\n', depth: 6 },
  { kind: 'CronJob', head: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: op\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n', depth: 10 },
  { kind: 'PodTemplate', head: 'apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: op\ntemplate:\n  spec:\n', depth: 4 },
  { kind: 'DeploymentConfig', head: 'apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata:\n  name: op\nspec:\n  template:\n    spec:\n', depth: 6 },
];

const at = (head: string, depth: number) => {
  const line = head.split('\n').length - 1;
  return { line, column: depth - 1, endLine: line, endColumn: depth + 3 };
};

const migratedFlowMount = '{"name":"bound-service-account-token","mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","readOnly":true}';
const migratedFlowVolume =
  '{"name":"bound-service-account-token","projected":{"sources":[{"serviceAccountToken":{"path":"token","expirationSeconds":3600,"audience":"https://kubernetes.default.svc.cluster.local"}},{"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},{"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}]}}';

new RuleTester().run('bound-token migration (no-automount-token)', noAutomountToken, {
  valid: [
    { name: 'already migrated', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: op\nspec:\n' + indent(migrated, 2) },
  ],
  invalid: [
    {
      name: 'a web server with nothing that calls the API gets the plain disable, with the migration as a suggestion',
      code: L('apiVersion: v1', 'kind: Pod', 'metadata: {name: web}', 'spec:', '  containers:', '    - name: nginx', '      image: nginx:1.27'),
      errors: [{ messageId: 'unknownAccount', line: 4, column: 1, endLine: 4, endColumn: 5, suggestions: [{ messageId: 'migrate', output:
        L('apiVersion: v1', 'kind: Pod', 'metadata: {name: web}', 'spec:', '  automountServiceAccountToken: false', '  containers:', '    - name: nginx', '      image: nginx:1.27', '      volumeMounts:') +
        indent(mount, 8) + '  volumes:\n' + indent(projected, 4) }] }],
      output: L('apiVersion: v1', 'kind: Pod', 'metadata: {name: web}', 'spec:', '  automountServiceAccountToken: false', '  containers:', '    - name: nginx', '      image: nginx:1.27'),
    },
    {
      name: 'multi-document: init and regular containers get the mount, one that mounts the directory already is left alone, the volume name does not clash, sequences at the key',
      code: L(
        'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: cm}', '---',
        'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: db-operator, namespace: ops}', 'spec:', '  template:', '    spec:',
        '      initContainers:', '      - name: init', '        image: busybox',
        '      containers:', '      - name: main', '        image: op:1', '        volumeMounts:', '        - name: data', '          mountPath: /data',
        '      - name: own-token', '        image: side:1', '        volumeMounts:', '        - name: mine', '          mountPath: /var/run/secrets/kubernetes.io/serviceaccount/',
        '      volumes:', '      - name: bound-service-account-token', '        emptyDir: {}', '      - name: mine', '        secret: {secretName: s}',
        '  volumeClaimTemplates:', '  - metadata: {name: data}',
      ),
      errors: [{ messageId: 'unknownAccount', line: 10, column: 5, endLine: 10, endColumn: 9 }],
      output: L(
        'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: cm}', '---',
        'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: db-operator, namespace: ops}', 'spec:', '  template:', '    spec:',
        '      automountServiceAccountToken: false',
        '      initContainers:', '      - name: init', '        image: busybox',
        '        volumeMounts:', '        - name: bound-service-account-token-2', '          mountPath: /var/run/secrets/kubernetes.io/serviceaccount', '          readOnly: true',
        '      containers:', '      - name: main', '        image: op:1', '        volumeMounts:', '        - name: data', '          mountPath: /data',
        '        - name: bound-service-account-token-2', '          mountPath: /var/run/secrets/kubernetes.io/serviceaccount', '          readOnly: true',
        '      - name: own-token', '        image: side:1', '        volumeMounts:', '        - name: mine', '          mountPath: /var/run/secrets/kubernetes.io/serviceaccount/',
        '      volumes:', '      - name: bound-service-account-token', '        emptyDir: {}', '      - name: mine', '        secret: {secretName: s}',

        '      - name: bound-service-account-token-2', '        projected:', '          sources:',
        '          - serviceAccountToken:', '              path: token', '              expirationSeconds: 3600', '              audience: https://kubernetes.default.svc.cluster.local',
        '          - configMap:', '              name: kube-root-ca.crt', '              items:', '              - key: ca.crt', '                path: ca.crt',
        '          - downwardAPI:', '              items:', '              - path: namespace', '                fieldRef:', '                  apiVersion: v1', '                  fieldPath: metadata.namespace',
        '  volumeClaimTemplates:', '  - metadata: {name: data}',
      ),
    },
    {
      name: 'flow style pod spec',
      code: L('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {serviceAccountName: operator, containers: [{name: c, image: i}]}'),
      errors: [{ messageId: 'unknownAccount', line: 4, column: 1, endLine: 4, endColumn: 5 }],
      output: L('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', `spec: {automountServiceAccountToken: false, serviceAccountName: operator, containers: [{name: c, image: i, volumeMounts: [${migratedFlowMount}]}], volumes: [${migratedFlowVolume}]}`),
    },
    {
      name: 'JSON stays JSON',
      filename: 'pod.json',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},\n "spec": {"serviceAccountName": "operator", "containers": [{"name": "c", "image": "i"}]}}\n',
      errors: [{ messageId: 'unknownAccount', line: 2, column: 2, endLine: 2, endColumn: 8 }],
      output: `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},\n "spec": {"automountServiceAccountToken": false, "serviceAccountName": "operator", "containers": [{"name": "c", "image": "i", "volumeMounts": [${migratedFlowMount}]}], "volumes": [${migratedFlowVolume}]}}\n`,
    },
    {
      name: 'CRLF line ends are kept',
      code: (head0 + indent(podSpec, 2)).replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'unknownAccount', line: 5, column: 1, endLine: 5, endColumn: 5 }],
      output: (head0 + indent(migrated, 2)).replace(/\n/g, '\r\n'),
    },
    {
      name: 'a UTF-8 byte-order mark is kept',
      code: '\uFEFF' + head0 + indent(podSpec, 2),
      errors: [{ messageId: 'unknownAccount', line: 5, column: 1, endLine: 5, endColumn: 5 }],
      output: '\uFEFF' + head0 + indent(migrated, 2),
    },
    {
      name: 'a keep-chomping block scalar (|+) keeps its trailing lines',
      code: L('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  serviceAccountName: operator', '  containers:', '    - name: c', '      image: i', '      args:', '        - |+', '          run', '', ''),
      errors: [{ messageId: 'unknownAccount', line: 4, column: 1, endLine: 4, endColumn: 5 }],
      output: L('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  automountServiceAccountToken: false', '  serviceAccountName: operator', '  containers:', '    - name: c', '      image: i', '      args:', '        - |+', '          run', '', '', '      volumeMounts:') +
        indent(mount, 8) + '  volumes:\n' + indent(projected, 4),
    },
    ...kinds.map(({ kind, head, depth }) => ({
      name: `${kind}: the operator gets the migration, not the plain disable`,
      code: head + indent(podSpec, depth),
      errors: [{ messageId: 'unknownAccount', ...at(head, depth), suggestions: [{ messageId: 'migrate', output: head + indent(migrated, depth) }] }],
      output: head + indent(migrated, depth),
    })),
  ],
});

const webSpec = L('containers:', '  - name: web', '    image: nginx:1.27');
const account = L('---', 'apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: op', 'automountServiceAccountToken: false');

new RuleTester().run('dedicated ServiceAccount suggestion (no-default-service-account)', noDefaultServiceAccount, {
  valid: [{ name: 'its own account', code: L('apiVersion: v1', 'kind: Pod', 'metadata: {name: op}', 'spec:', '  serviceAccountName: op', '  containers: [{name: c, image: i}]') }],
  invalid: [
    ...kinds.map(({ kind, head, depth }) => ({
      name: `${kind}: a ServiceAccount named after the workload, inserted after it`,
      code: head + indent(webSpec, depth),
      errors: [{ messageId: 'omittedWithToken', ...at(head, depth), suggestions: [{ messageId: 'dedicatedAccount', kind: 'suggestion' as const, output: head + indent(`serviceAccountName: op\n${webSpec}`, depth) + account }] }],
      output: null,
    })),
    {
      name: 'multi-document: inserted between the workload and the next document; named default replaced; the namespace kept; the name does not clash',
      code: L('apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: api, namespace: shop}', '---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', '  namespace: shop', 'spec:', '  template:', '    spec:', '      serviceAccountName: default', '      containers: [{name: c, image: i}]', '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: api, namespace: shop}'),
      errors: [{ messageId: 'namedWithToken', line: 13, column: 7, endLine: 13, endColumn: 34, suggestions: [{ messageId: 'dedicatedAccount', kind: 'suggestion' as const, output:
        L('apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: api, namespace: shop}', '---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', '  namespace: shop', 'spec:', '  template:', '    spec:', '      serviceAccountName: api-sa', '      containers: [{name: c, image: i}]',
          '---', 'apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: api-sa', '  namespace: shop', 'automountServiceAccountToken: false',
          '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: api, namespace: shop}') }] }],
      output: null,
    },
    {
      name: 'flow style',
      code: L('apiVersion: v1', 'kind: Pod', 'metadata: {name: op}', 'spec: {containers: [{name: c, image: i}]}'),
      errors: [{ messageId: 'omittedWithToken', line: 4, column: 1, endLine: 4, endColumn: 5, suggestions: [{ messageId: 'dedicatedAccount', kind: 'suggestion' as const, output: L('apiVersion: v1', 'kind: Pod', 'metadata: {name: op}', 'spec: {serviceAccountName: op, containers: [{name: c, image: i}]}') + account }] }],
      output: null,
    },
    {
      name: 'JSON: a List gets the account as its next item; a single object has no room for a second one',
      filename: 'pods.json',
      code: '{"apiVersion": "v1", "kind": "List", "items": [\n {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "op"}, "spec": {"containers": [{"name": "c", "image": "i"}]}}\n]}\n',
      errors: [{ messageId: 'omittedWithToken', line: 2, column: 66, endLine: 2, endColumn: 72, suggestions: [{ messageId: 'dedicatedAccount', kind: 'suggestion' as const, output:
        '{"apiVersion": "v1", "kind": "List", "items": [\n {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "op"}, "spec": {"serviceAccountName": "op", "containers": [{"name": "c", "image": "i"}]}}, {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"op"},"automountServiceAccountToken":false}\n]}\n' }] }],
      output: null,
    },
    {
      name: 'JSON object alone: no suggestion',
      filename: 'pod.json',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "op"}, "spec": {"containers": [{"name": "c", "image": "i"}]}}\n',
      errors: [{ messageId: 'omittedWithToken', line: 1, column: 65, endLine: 1, endColumn: 71, suggestions: [] }],
      output: null,
    },
    {
      // Found by the Kubernetes comparison (fix|suggest/corpus/kubernetes-examples…/vttablet-pod-template.yaml):
      // the API server's ValidateServiceAccountName rejects what is not a DNS-1123 subdomain.
      name: 'a workload name that is no valid account name (a template placeholder): no suggestion',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: "vttablet-{{uid}}"}\nspec: {containers: [{name: c, image: i}]}\n',
      errors: [{ messageId: 'omittedWithToken', line: 4, column: 1, endLine: 4, endColumn: 5, suggestions: [] }],
      output: null,
    },
    {
      name: 'CRLF',
      code: (head0 + indent(webSpec, 2)).replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'omittedWithToken', line: 5, column: 1, endLine: 5, endColumn: 5, suggestions: [{ messageId: 'dedicatedAccount', kind: 'suggestion' as const, output: (head0 + indent(`serviceAccountName: op\n${webSpec}`, 2) + account).replace(/\n/g, '\r\n') }] }],
      output: null,
    },
    {
      name: 'BOM',
      code: `\uFEFF${head0}${indent(webSpec, 2)}`,
      errors: [{ messageId: 'omittedWithToken', line: 5, column: 1, endLine: 5, endColumn: 5, suggestions: [{ messageId: 'dedicatedAccount', kind: 'suggestion' as const, output: `\uFEFF${head0}${indent(`serviceAccountName: op\n${webSpec}`, 2)}${account}` }] }],
      output: null,
    },
    {
      name: '|+ at the end of the document keeps its trailing lines',
      code: `${head0}${indent(webSpec, 2)}      args:\n        - |+\n          run\n\n\n---\nkind: Other\n`,
      errors: [{ messageId: 'omittedWithToken', line: 5, column: 1, endLine: 5, endColumn: 5, suggestions: [{ messageId: 'dedicatedAccount', kind: 'suggestion' as const, output: `${head0}${indent(`serviceAccountName: op\n${webSpec}`, 2)}      args:\n        - |+\n          run\n\n\n${account}---\nkind: Other\n` }] }],
      output: null,
    },
  ],
});

new RuleTester().run('bound-token migration (missing-token-for-api-access)', missingToken, {
  valid: [{ name: 'already migrated', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: op\nspec:\n' + indent(migrated, 2).replace('operator', 'lister'), context: [L('apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: lister}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}', 'subjects: [{kind: ServiceAccount, name: lister, namespace: default}]')] }],
  invalid: [
    {
      name: 'automount off, the account granted permissions: --fix mounts a bound token',
      code: L('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: lister, namespace: apps}', 'spec:', '  template:', '    spec:', '      serviceAccountName: lister', '      automountServiceAccountToken: false', '      containers:', '        - name: main', '          image: app:1'),
      context: [L('apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: lister, namespace: apps}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}', 'subjects: [{kind: ServiceAccount, name: lister, namespace: apps}]')],
      errors: [{ messageId: 'noToken', line: 8, column: 7, endLine: 8, endColumn: 42 }],
      output:
        L('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: lister, namespace: apps}', 'spec:', '  template:', '    spec:', '      serviceAccountName: lister', '      automountServiceAccountToken: false', '      containers:', '        - name: main', '          image: app:1', '          volumeMounts:') +
        indent(mount, 12) + '      volumes:\n' + indent(projected, 8),
    },
  ],
});
