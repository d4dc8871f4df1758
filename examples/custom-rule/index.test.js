// The custom rule's own tests: the same RuleTester satlint's built-in rules use, plus the rule
// running through the satlint CLI (a `plugins` entry in satlint.config.yaml) and through ESLint.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Linter } from 'eslint';
import { RuleTester, yaml } from '@satlint/core/testing';
import satlint, { eslintRule } from '@satlint/eslint-plugin';
import { requireOwner } from './index.js';

// RuleTester works with any test framework: give it the framework's describe and it.
RuleTester.describe = describe;
RuleTester.it = it;

new RuleTester().run('require-service-account-owner', requireOwner, {
  valid: [
    { name: 'owned by a known team', code: yaml`
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: api
        annotations: {example.com/owner: payments}
    ` },
    { name: 'other kinds are not judged', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' },
  ],
  invalid: [
    {
      name: 'no annotations at all; one team configured, so the fix names it',
      options: { teams: ['platform'] },
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: api
        automountServiceAccountToken: false
      `,
      errors: [{ messageId: 'missing', line: 3, column: 1, endLine: 3, endColumn: 9 }],
      output: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: api
          annotations: {example.com/owner: platform}
        automountServiceAccountToken: false
      `,
    },
    {
      name: 'unknown team, reported at the annotation',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: api
          annotations:
            example.com/owner: marketing
      `,
      errors: [{ messageId: 'unknownTeam', line: 6, column: 5, endLine: 6, endColumn: 33 }],
      output: null,
    },
  ],
});

const here = resolve(import.meta.dirname);
const root = resolve(here, '../..');
const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\nautomountServiceAccountToken: false\n';

describe('the custom rule in the tools', () => {
  // The plugin lives outside the temporary project, so each run allows its directory with --plugin-dir.
  it('fires through the satlint CLI from a plugins entry in satlint.config.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'satlint-plugin-'));
    writeFileSync(join(dir, 'satlint.config.yaml'), `plugins:\n  - ${join(here, 'index.js')}\nrules:\n  require-service-account-owner: [error, {teams: [platform, web]}]\n`);
    writeFileSync(join(dir, 'sa.yaml'), SA);
    const r = spawnSync(process.execPath, [join(root, 'packages/cli/bin/satlint.js'), '--plugin-dir', here, '-f', 'json', 'sa.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const [res] = JSON.parse(r.stdout);
    expect(res.messages.map((m) => [m.ruleId, m.line, m.severity])).toEqual([['require-service-account-owner', 3, 2]]);
    // SARIF describes the plugin rule with its own help URI.
    const sarif = JSON.parse(spawnSync(process.execPath, [join(root, 'packages/cli/bin/satlint.js'), '--plugin-dir', here, '-f', 'sarif', 'sa.yaml'], { cwd: dir, encoding: 'utf8' }).stdout);
    expect(sarif.runs[0].tool.driver.rules.find((x) => x.id === 'require-service-account-owner').helpUri).toBe('https://example.com/satlint-rules/require-service-account-owner');
    // --list-rules lists it with the built-in rules.
    const list = spawnSync(process.execPath, [join(root, 'packages/cli/bin/satlint.js'), '--plugin-dir', here, '--list-rules'], { cwd: dir, encoding: 'utf8' }).stdout;
    expect(list).toMatch(/^require-service-account-owner\s+warn\s+fixable\s+Require every ServiceAccount to name its owning team$/m);
  });
  it('a config naming an unknown plugin rule or a missing plugin is exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'satlint-plugin-'));
    writeFileSync(join(dir, 'sa.yaml'), SA);
    writeFileSync(join(dir, 'satlint.config.yaml'), 'plugins: [./nope.js]\n');
    const r = spawnSync(process.execPath, [join(root, 'packages/cli/bin/satlint.js'), 'sa.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Plugin \.\/nope\.js .*failed to load|cannot be found/);
  });
  it('fires through ESLint, wrapped with eslintRule(), and --fix works there too', () => {
    const linter = new Linter({ configType: 'flat' });
    const config = [
      {
        files: ['**/*.yaml'],
        plugins: { satlint, acme: { rules: { 'require-service-account-owner': eslintRule(requireOwner) } } },
        language: 'satlint/yaml',
        rules: { 'acme/require-service-account-owner': ['error', { teams: ['web'] }] },
      },
    ];
    expect(linter.verify(SA, config, 'sa.yaml').map((m) => [m.ruleId, m.line, m.column])).toEqual([['acme/require-service-account-owner', 3, 1]]);
    expect(linter.verifyAndFix(SA, config, 'sa.yaml').output).toBe(SA.replace('  namespace: shop\n', '  namespace: shop\n  annotations: {example.com/owner: web}\n'));
  });
});
