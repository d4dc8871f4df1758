import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

new RuleTester().run('no-duplicate-keys', rule, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n',
    { name: 'same key in sibling mappings', code: yaml`
      a: {x: 1}
      b: {x: 2}
    ` },
    { name: 'merge keys may repeat', code: yaml`
      base: &b {x: 1}
      other: &o {y: 1}
      m:
        <<: *b
        <<: *o
    ` },
  ],
  invalid: [
    {
      name: 'reported at the second occurrence',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          automountServiceAccountToken: false
          containers: []
          automountServiceAccountToken: true
      `,
      errors: [{ messageId: 'duplicate', line: 8, column: 3, endLine: 8, endColumn: 31, path: 'spec.automountServiceAccountToken' }],
      output: null,
    },
    {
      name: 'three occurrences, flow style, a document without kind',
      code: yaml`
        x: {a: 1, a: 2, a: 3}
      `,
      errors: [
        { messageId: 'duplicate', line: 1, column: 11, endLine: 1, endColumn: 12 },
        { messageId: 'duplicate', line: 1, column: 17, endLine: 1, endColumn: 18 },
      ],
      output: null,
    },
    {
      name: 'quoted key equal to a plain one',
      code: 'apiVersion: v1\nkind: ConfigMap\n"kind": Secret\nmetadata: {name: x}\n',
      errors: [{ messageId: 'duplicate', line: 3, column: 1, endLine: 3, endColumn: 7 }],
      output: null,
    },
    {
      name: 'two objects run together: one missingSeparator finding, not one per key',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: a
          labels: {x: "1", x: "2"}
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: b
      `,
      errors: [
        { messageId: 'duplicate', line: 5, column: 20, endLine: 5, endColumn: 21 },
        { messageId: 'missingSeparator', line: 6, column: 1, endLine: 6, endColumn: 11, path: 'apiVersion' },
      ],
      output: null,
    },
  ],
});
