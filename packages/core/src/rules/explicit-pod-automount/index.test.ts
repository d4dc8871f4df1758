import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

const sa = yaml`
  apiVersion: v1
  kind: ServiceAccount
  metadata:
    name: worker
    namespace: jobs
  automountServiceAccountToken: false
`;

new RuleTester().run('explicit-pod-automount', rule, {
  valid: [
    { name: 'pod and account both disable it', context: [sa], code: yaml`
      apiVersion: batch/v1
      kind: Job
      metadata: {name: j, namespace: jobs}
      spec:
        template:
          spec:
            serviceAccountName: worker
            automountServiceAccountToken: false
            containers: [{name: c, image: i}]
    ` },
    { name: 'account not in the input: nothing to rely on', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: jobs}
      spec:
        serviceAccountName: worker
        containers: [{name: c, image: i}]
    ` },
    { name: 'pod sets true: no-automount-token reports that, not this rule', context: [sa], code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: jobs}
      spec:
        serviceAccountName: worker
        automountServiceAccountToken: true
        containers: [{name: c, image: i}]
    ` },
    { name: 'same account name in another namespace does not count', context: [sa], code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: other}
      spec:
        serviceAccountName: worker
        containers: [{name: c, image: i}]
    ` },
  ],
  invalid: [
    {
      name: 'Job relying on its account, account in the same stream',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: worker
          namespace: jobs
        automountServiceAccountToken: false
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j, namespace: jobs}
        spec:
          template:
            spec:
              serviceAccountName: worker
              containers: [{name: c, image: i}]
      `,
      errors: [{ messageId: 'missing', line: 13, column: 5, endLine: 13, endColumn: 9, path: 'spec.template.spec' }],
      output: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: worker
          namespace: jobs
        automountServiceAccountToken: false
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j, namespace: jobs}
        spec:
          template:
            spec:
              automountServiceAccountToken: false
              serviceAccountName: worker
              containers: [{name: c, image: i}]
      `,
    },
    {
      name: 'deprecated serviceAccount field names the account; flow-style pod spec',
      context: [sa],
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: jobs}
        spec: {serviceAccount: worker, containers: [{name: c, image: i}]}
      `,
      errors: [{ messageId: 'missing', line: 4, column: 1, endLine: 4, endColumn: 5 }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: jobs}
        spec: {automountServiceAccountToken: false, serviceAccount: worker, containers: [{name: c, image: i}]}
      `,
    },
    {
      name: 'default namespace from the run: objects without a namespace land in "default"',
      context: [yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: builder}
        automountServiceAccountToken: no
      `],
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          serviceAccountName: "builder"
          containers: [{name: c, image: i}]
      `,
      errors: [{ messageId: 'missing', line: 4, column: 1, endLine: 4, endColumn: 5 }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          automountServiceAccountToken: false
          serviceAccountName: "builder"
          containers: [{name: c, image: i}]
      `,
    },
  ],
});
