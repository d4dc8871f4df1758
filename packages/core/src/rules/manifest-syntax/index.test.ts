import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

new RuleTester().run('manifest-syntax', rule, {
  valid: [
    'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app}\nautomountServiceAccountToken: false\n',
    { name: 'a JSON patch of a kustomization is a note, hidden by default', code: yaml`
      - op: replace
        path: /spec/template/spec/automountServiceAccountToken
        value: false
    ` },
    { name: 'an empty document', code: '---\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\nautomountServiceAccountToken: false\n' },
  ],
  invalid: [
    {
      name: 'a document that is a list',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: a}
        automountServiceAccountToken: false
        ---
        - apiVersion: v1
          kind: ServiceAccount
      `,
      errors: [{ messageId: 'notAnObject', line: 6, column: 1, endLine: 6, endColumn: 2 }],
      output: null,
    },
    {
      name: 'a JSON patch with notes: true',
      options: { notes: true },
      code: yaml`
        - op: replace
          path: /metadata/name
          value: b
      `,
      errors: [{ messageId: 'patchDocument', line: 1, column: 1, endLine: 1, endColumn: 2 }],
      output: null,
    },
    {
      name: 'a scalar document',
      code: 'just text\n',
      errors: [{ messageId: 'notAnObject', line: 1, column: 1, endLine: 1, endColumn: 2 }],
      output: null,
    },
  ],
});
