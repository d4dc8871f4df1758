import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

new RuleTester().run('no-service-account-secret-refs', rule, {
  valid: [
    { name: 'imagePullSecrets are not token Secrets', code: yaml`
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: a}
      imagePullSecrets:
        - name: registry
    ` },
    { name: 'an empty list names nothing', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\nsecrets: []\n' },
  ],
  invalid: [
    {
      name: 'secrets list removed, imagePullSecrets kept',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: deployer
        secrets:
          - name: deployer-token-x7k2p
          - name: deployer-dockercfg
        imagePullSecrets:
          - name: registry
      `,
      errors: [{ messageId: 'secretRefs', line: 5, column: 1, endLine: 5, endColumn: 8, path: 'secrets' }],
      output: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: deployer
        imagePullSecrets:
          - name: registry
      `,
    },
    {
      name: 'last key of the document, flow sequence',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\nsecrets: [{name: a-token-abcde}]\n',
      errors: [{ messageId: 'secretRefs', line: 4, column: 1, endLine: 4, endColumn: 8 }],
      output: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n',
    },
  ],
});
