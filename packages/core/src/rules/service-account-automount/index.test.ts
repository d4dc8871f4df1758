import { describe, it } from 'vitest';
import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

new RuleTester().run('service-account-automount', rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: a}
      automountServiceAccountToken: false
    `,
    { name: 'YAML 1.1 "off"', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\nautomountServiceAccountToken: off\n' },
    { name: 'not the core ServiceAccount kind', code: 'apiVersion: example.com/v1\nkind: ServiceAccount\nmetadata: {name: a}\n' },
  ],
  invalid: [
    {
      name: 'missing: reported at kind, fixed by appending the field',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: default
          namespace: team-a # the namespace's default account
      `,
      errors: [{ messageId: 'missing', line: 2, column: 1, endLine: 2, endColumn: 21, path: '' }],
      output: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: default
          namespace: team-a # the namespace's default account
        automountServiceAccountToken: false
      `,
    },
    {
      name: 'explicit true: reported at the field, no fix',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: a}
        automountServiceAccountToken: true
      `,
      errors: [{ messageId: 'enabled', line: 4, column: 1, endLine: 4, endColumn: 35, path: 'automountServiceAccountToken' }],
      output: null,
    },
    {
      name: 'quoted "false" is a string, not false',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\nautomountServiceAccountToken: "false"\n',
      errors: [{ messageId: 'missing', line: 4, column: 1, endLine: 4, endColumn: 38 }],
      output: null,
    },
    {
      name: 'List items are linted, and the fix lands inside the item',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ServiceAccount
            metadata: {name: a}
          - apiVersion: v1
            kind: ServiceAccount
            metadata: {name: b}
            automountServiceAccountToken: false
      `,
      errors: [{ messageId: 'missing', line: 5, column: 5, endLine: 5, endColumn: 25 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ServiceAccount
            metadata: {name: a}
            automountServiceAccountToken: false
          - apiVersion: v1
            kind: ServiceAccount
            metadata: {name: b}
            automountServiceAccountToken: false
      `,
    },
    {
      name: 'JSON input: the fix keeps it JSON',
      code: '{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "a"}}\n',
      errors: [{ messageId: 'missing', line: 1, column: 22, endLine: 1, endColumn: 46 }],
      output: '{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "a"}, "automountServiceAccountToken": false}\n',
    },
  ],
});

describe('service-account-automount fix on JSON', () => {
  it('produces text that JSON.parse accepts', async () => {
    const { lint } = await import('../../lint.js');
    const [r] = lint([{ path: 'sa.json', text: '{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "a"}}\n' }], { fix: true });
    const parsed = JSON.parse(r!.output!) as Record<string, unknown>;
    if (parsed['automountServiceAccountToken'] !== false) throw new Error(`fix did not set the field: ${r!.output}`);
  });
});
