import { describe, expect, it } from 'vitest';
import { lint } from '../lint.js';
import { parseManifests } from '../parse/index.js';
import { defineRule } from '../rule.js';
import { ConfigError } from '../config/validate.js';
import { RuleTester } from '../testing/index.js';

const pod = [{ path: 'pod.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps}\nspec:\n  containers: [{name: c, image: nginx}]\n' }];

const custom = defineRule({
  meta: {
    id: 'max-containers',
    description: 'Disallow more containers than allowed',
    category: 'soundness',
    severity: 'warn',
    recommended: true,
    fixable: false,
    messages: { many: 'Too many containers' },
    remediation: 'Use fewer containers.',
    schema: { type: 'object', additionalProperties: false, properties: { max: { type: 'integer', minimum: 0 }, mode: { enum: ['strict', 'loose'] } } },
    defaultOptions: { max: 1 },
    securitySeverity: 1,
  },
  check() {},
});

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe('lint() checks its configuration', () => {
  it('rejects an unknown rule id, naming it', () => {
    const err = thrown(() => lint(pod, { config: { rules: { 'no-automount-tokens': 'error' } } }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe('Invalid satlint configuration (lint() options.config):\n  rules.no-automount-tokens: unknown rule "no-automount-tokens"');
    expect((err as ConfigError).problems).toEqual([{ path: 'rules.no-automount-tokens', message: 'unknown rule "no-automount-tokens"' }]);
  });

  it('rejects a misspelt option of a built-in rule and a value of the wrong type', () => {
    const err = thrown(() => lint(pod, { config: { rules: { 'projected-token-expiration': ['error', { maxSecond: 3600 }], 'no-automount-token': ['warn', { allowExplicit: 'yes' }] } } }));
    expect(err.message).toContain('rules.projected-token-expiration.1: unknown key "maxSecond"');
    expect(err.message).toContain('rules.no-automount-token.1.allowExplicit: must be boolean');
  });

  it('rejects unknown ids in overrides and ignores', () => {
    const err = thrown(() => lint(pod, { config: { overrides: [{ files: ['*.yaml'], rules: { 'no-such-rule': 'off' } }], ignores: [{ rule: 'also-missing', reason: 'r' }] } }));
    expect((err as ConfigError).problems.map((p) => p.path)).toEqual(['overrides.0.rules.no-such-rule', 'ignores.0.rule']);
  });

  it("checks a custom rule's options against its own schema", () => {
    expect(() => lint(pod, { plugins: [custom], config: { rules: { 'max-containers': ['error', { max: 2, mode: 'loose' }] } } })).not.toThrow();
    const err = thrown(() => lint(pod, { plugins: [custom], config: { rules: { 'max-containers': ['error', { maxi: 2, mode: 'tight' }] } } }));
    expect((err as ConfigError).problems).toEqual([
      { path: 'rules.max-containers.1', message: 'unknown key "maxi"' },
      { path: 'rules.max-containers.1.mode', message: 'must be one of "strict", "loose"' },
    ]);
  });

  it('accepts every rule at its defaults and the presets', () => {
    expect(() => lint(pod, { config: { extends: 'strict' } })).not.toThrow();
    expect(() => lint(pod)).not.toThrow();
  });
});

describe('RuleTester checks options', () => {
  const cases = (options: Record<string, unknown>) => ({ valid: [{ code: pod[0]!.text, options }], invalid: [] });
  const collect = (rule: typeof custom, tests: ReturnType<typeof cases>) => {
    const errors: string[] = [];
    RuleTester.describe = (_n, fn) => fn();
    RuleTester.it = (_n, fn) => {
      try {
        fn();
      } catch (err) {
        errors.push((err as Error).message);
      }
    };
    try {
      new RuleTester().run('t', rule, tests);
    } finally {
      RuleTester.describe = undefined;
      RuleTester.it = undefined;
    }
    return errors;
  };

  it("fails a case whose options do not fit the rule's schema", () => {
    expect(collect(custom, cases({ max: -1 }))).toEqual(['valid #0: options do not match the schema of max-containers:\n  max: must be >= 0']);
    expect(collect(custom, cases({ max: 3 }))).toEqual([]);
  });

  it('refuses a rule whose defaults do not fit its schema', () => {
    const broken = defineRule({ ...custom, meta: { ...custom.meta, id: 'broken-defaults', defaultOptions: { max: 'one' } as never } });
    expect(() => collect(broken, cases({}))).toThrow('Rule broken-defaults: defaultOptions do not match its schema:\n  max: must be integer');
  });
});

describe('inventory files', () => {
  const deploy = [{ path: 'pod.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps}\nspec:\n  serviceAccountName: app\n  automountServiceAccountToken: false\n  containers: [{name: c, image: nginx}]\n' }];
  const sa = parseManifests('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: apps}\nautomountServiceAccountToken: false\n', 'sa.yaml');
  const config = { rules: { 'service-account-exists': ['error', { requireDefined: true }] as ['error', Record<string, unknown>] } };
  const exists = (r: ReturnType<typeof lint>) => r.flatMap((x) => x.messages).filter((m) => m.ruleId === 'service-account-exists').length;

  it('join the inventory without being reported on; the old name contextFiles still works', () => {
    expect(exists(lint(deploy, { config }))).toBe(1);
    const withInventory = lint(deploy, { config, inventoryFiles: [sa] });
    expect(withInventory.map((r) => r.filePath)).toEqual(['pod.yaml']);
    expect(exists(withInventory)).toBe(0);
    expect(exists(lint(deploy, { config, contextFiles: [sa] }))).toBe(0);
  });
});

describe('rules named by no override run once over every file', () => {
  // A rule that records what it was given, and reports on every resource.
  const seen: { options: Record<string, unknown>; names: string[] }[] = [];
  const recorder = defineRule({
    meta: { ...custom.meta, id: 'recorder', messages: { seen: 'Seen' }, defaultOptions: { max: 1 } },
    check(ctx) {
      seen.push({ options: ctx.options, names: ctx.resources.map((r) => r.name) });
      for (const r of ctx.resources) ctx.report({ resource: r, messageId: 'seen' });
    },
  });
  const two = [
    { path: 'a/one.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one, namespace: apps}\n' },
    { path: 'b/two.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: two, namespace: ops}\n' },
  ];
  const recorded = (config: Parameters<typeof lint>[1]['config']) => {
    seen.length = 0;
    const results = lint(two, { plugins: [recorder], config });
    return { calls: seen.map((s) => ({ ...s })), severities: results.map((r) => r.messages.filter((m) => m.ruleId === 'recorder').map((m) => m.severity)) };
  };

  it('one call with every resource, at the configured severity', () => {
    expect(recorded({ rules: { recorder: ['error', { max: 3 }] } })).toEqual({ calls: [{ options: { max: 3 }, names: ['one', 'two'] }], severities: [[2], [2]] });
    expect(recorded({ rules: { recorder: 'off' } })).toEqual({ calls: [], severities: [[], []] });
  });

  it('an override that names the rule still splits it by file and namespace', () => {
    expect(recorded({ rules: { recorder: 'warn' }, overrides: [{ files: ['b/**'], rules: { recorder: ['error', { max: 5 }] } }] })).toEqual({
      calls: [
        { options: { max: 1 }, names: ['one'] },
        { options: { max: 5 }, names: ['two'] },
      ],
      severities: [[1], [2]],
    });
    expect(recorded({ rules: { recorder: 'warn' }, overrides: [{ namespaces: ['ops'], rules: { recorder: 'off' } }] })).toEqual({ calls: [{ options: { max: 1 }, names: ['one'] }], severities: [[1], []] });
  });

  it('an override of other rules leaves this one uniform', () => {
    expect(recorded({ rules: { recorder: 'warn' }, overrides: [{ files: ['b/**'], rules: { 'no-automount-token': 'off' } }] }).calls).toEqual([{ options: { max: 1 }, names: ['one', 'two'] }]);
  });
});
