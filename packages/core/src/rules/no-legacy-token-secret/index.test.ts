import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

new RuleTester().run('no-legacy-token-secret', rule, {
  valid: [
    { name: 'an ordinary Opaque secret', code: yaml`
      apiVersion: v1
      kind: Secret
      metadata: {name: db}
      type: Opaque
      stringData: {password: example}
    ` },
    { name: 'the type written as a key elsewhere does not count', code: yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cm}
      data:
        type: kubernetes.io/service-account-token
    ` },
  ],
  invalid: [
    {
      name: 'type kubernetes.io/service-account-token',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: deployer-token
          namespace: ci
        type: kubernetes.io/service-account-token
      `,
      errors: [{ messageId: 'tokenType', line: 6, column: 1, endLine: 6, endColumn: 42, path: 'type' }],
      output: null,
    },
    {
      name: 'quoted type, second document of a stream',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata: {name: ci}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: t, namespace: ci}
        type: "kubernetes.io/service-account-token"
      `,
      errors: [{ messageId: 'tokenType', line: 8, column: 1, endLine: 8, endColumn: 44 }],
      output: null,
    },
    {
      name: 'annotated with the service account name, type missing',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: t
          annotations:
            kubernetes.io/service-account.name: builder
      `,
      errors: [{ messageId: 'annotated', line: 6, column: 5, endLine: 6, endColumn: 48, path: 'metadata.annotations["kubernetes.io/service-account.name"]' }],
      output: null,
    },
  ],
});
