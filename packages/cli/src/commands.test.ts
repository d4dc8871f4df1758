import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { rules } from '@satlint/core';
import { closest } from './suggest.js';
import { hyperlinksSupported, githubLinkBase } from './terminal.js';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'packages/cli/bin/satlint.js');

function satlint(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: opts.cwd ?? root, input: '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...opts.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  if (!existsSync(join(root, 'packages/cli/dist/main.js'))) throw new Error('build first: pnpm run build');
  dir = mkdtempSync(join(tmpdir(), 'satlint-commands-'));
});

describe('satlint --init', () => {
  it('writes a commented satlint.config.yaml that loads as the recommended preset, asking nothing', () => {
    const d = mkdtempSync(join(dir, 'init-'));
    const r = satlint(['--init'], { cwd: d });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Wrote satlint.config.yaml: the recommended preset, every rule and setting listed in comments.\n');
    const text = readFileSync(join(d, 'satlint.config.yaml'), 'utf8');
    expect(parse(text)).toEqual({ extends: 'recommended', rules: {} });
    for (const rule of rules) expect(text).toContain(`#   ${rule.meta.id}:`);
    // Uncommenting the rule lines gives a valid config that states the defaults.
    const uncommented = text.replace(/^# {3}([a-z-]+: +(?:off|warn|error)) .*$/gm, '  $1').replace('rules: {}', 'rules:');
    writeFileSync(join(d, 'satlint.config.yaml'), uncommented);
    const p = satlint(['--print-config', 'x.yaml'], { cwd: d });
    expect(p.stderr).toBe('');
    expect(p.code).toBe(0);
    const printed = JSON.parse(p.stdout) as { rules: Record<string, [string]> };
    expect(printed.rules['no-automount-token']![0]).toBe('error');
    expect(printed.rules['service-account-automount']![0]).toBe('warn');
  });
  it('refuses to overwrite an existing config (exit 2, file unchanged)', () => {
    const d = mkdtempSync(join(dir, 'init-'));
    writeFileSync(join(d, '.satlintrc.yaml'), 'extends: strict\n');
    const r = satlint(['--init'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`satlint: .satlintrc.yaml already exists in ${d}: not overwritten (edit it, or remove it and run --init again)\n`);
    expect(readFileSync(join(d, '.satlintrc.yaml'), 'utf8')).toBe('extends: strict\n');
    expect(existsSync(join(d, 'satlint.config.yaml'))).toBe(false);
  });
});

describe('satlint --print-config FILE', () => {
  it('prints the effective rules and settings for that file, overrides applied', () => {
    const d = mkdtempSync(join(dir, 'print-'));
    mkdirSync(join(d, 'test'));
    writeFileSync(
      join(d, 'satlint.config.yaml'),
      'extends: strict\nsettings: {namespace: apps}\nrules:\n  token-blast-radius: off\noverrides:\n  - files: ["test/**"]\n    rules: {no-automount-token: warn, service-account-exists: [error, {}]}\n  - namespaces: [kube-system]\n    rules: {service-account-automount: off}\n',
    );
    const r = satlint(['--print-config', 'test/pod.yaml', '--rule', 'manifest-syntax:off'], { cwd: d });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as Record<string, unknown> & { rules: Record<string, unknown[]> };
    expect(c['filePath']).toBe(join(d, 'test/pod.yaml'));
    expect(c['configFile']).toBe(join(d, 'satlint.config.yaml'));
    expect(c['extends']).toBe('strict');
    expect(c['settings']).toEqual({ namespace: 'apps', unknownServiceAccount: 'assume-mounted', apiAudiences: ['https://kubernetes.default.svc', 'https://kubernetes.default.svc.cluster.local', 'kubernetes'], inventoryScope: ['bundle'] });
    expect(c.rules['no-automount-token']).toEqual(['warn', { allowExplicit: false }]);
    expect(c.rules['token-blast-radius']).toEqual(['off']);
    expect(c.rules['manifest-syntax']).toEqual(['off', { notes: false }]);
    expect(c.rules['service-account-automount']).toEqual(['error']);
    expect(Object.keys(c.rules)).toEqual(rules.map((x) => x.meta.id));
    expect(c['namespaceOverrides']).toEqual([{ namespaces: ['kube-system'], rules: { 'service-account-automount': 'off' } }]);
    const other = JSON.parse(satlint(['--print-config', 'prod/pod.yaml'], { cwd: d }).stdout) as { rules: Record<string, unknown[]> };
    expect(other.rules['no-automount-token']).toEqual(['error', { allowExplicit: false }]);
  });
});

describe('satlint explain RULE', () => {
  it('prints the rule page with its options and an example, and the docs address', () => {
    const r = satlint(['explain', 'no-automount-token']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('no-automount-token');
    expect(lines).toContain('WHY IT MATTERS');
    expect(lines).toContain('OPTIONS');
    expect(lines).toContain('Failing');
    expect(r.stdout).toContain('    automountServiceAccountToken: false');
    expect(r.stdout).not.toContain('```');
    expect(r.stdout).not.toContain('\u001b');
    expect(lines.at(-2)).toBe('Documentation: https://github.com/satlint/satlint/blob/main/packages/core/src/rules/no-automount-token/README.md');
  });
  it('exits 2 for an unknown rule and suggests the closest one', () => {
    const r = satlint(['explain', 'no-automont-token']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('satlint: Unknown rule "no-automont-token". Did you mean "no-automount-token"? (satlint --list-rules lists them)\n');
  });
});

describe('satlint --list-rules -f json', () => {
  it('prints every rule\'s metadata as a JSON array, in registry order', () => {
    const r = satlint(['--list-rules', '-f', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.map((x) => x['id'])).toEqual(rules.map((x) => x.meta.id));
    const m = list.find((x) => x['id'] === 'no-automount-token')!;
    expect(m).toMatchObject({ severity: 'error', recommended: true, fixable: true, category: 'token-mounting', defaultOptions: { allowExplicit: false }, docsUrl: 'https://github.com/satlint/satlint/blob/main/packages/core/src/rules/no-automount-token/README.md' });
    expect(Object.keys(m)).toEqual(['id', 'description', 'category', 'severity', 'recommended', 'fixable', 'securitySeverity', 'remediation', 'docsUrl', 'messages', 'schema', 'defaultOptions']);
  });
});

describe('did you mean', () => {
  it('for a misspelt option', () => {
    const r = satlint(['--formt', 'json', 'examples/secure']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("satlint: Unknown option '--formt'. Did you mean --format? (see satlint --help)\n");
    expect(satlint(['--max-warning', '0', 'x']).stderr).toBe("satlint: Unknown option '--max-warning'. Did you mean --max-warnings? (see satlint --help)\n");
    expect(satlint(['--zzzzzz']).stderr).toBe("satlint: Unknown option '--zzzzzz'. (see satlint --help)\n");
  });
  it('for a misspelt rule id in --rule and in the config, and a misspelt format', () => {
    const r = satlint(['--rule', 'no-automount-tokens: off', 'examples/secure']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('satlint: Invalid config (--rule): rules.no-automount-tokens: unknown rule "no-automount-tokens". Did you mean "no-automount-token"?\n');
    const d = mkdtempSync(join(dir, 'dym-'));
    writeFileSync(join(d, 'satlint.config.yaml'), 'rules:\n  token-blast-raduis: off\n');
    writeFileSync(join(d, 'p.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    const c = satlint(['p.yaml'], { cwd: d });
    expect(c.code).toBe(2);
    expect(c.stderr).toBe(`satlint: Invalid config ${join(d, 'satlint.config.yaml')}: rules.token-blast-raduis: unknown rule "token-blast-raduis". Did you mean "token-blast-radius"?\n`);
    expect(satlint(['-f', 'markdwon', 'examples/secure']).stderr).toBe('satlint: Unknown format "markdwon" (supported: stylish, json, sarif, github, junit, summary, markdown, html). Did you mean "markdown"?\n');
  });
  it('closest() leaves far-off words alone', () => {
    expect(closest('fromat', ['format', 'fix'])).toBe('format');
    expect(closest('kustomiz', ['kustomize', 'kustomize-bin'])).toBe('kustomize');
    expect(closest('banana', ['format', 'fix'])).toBeUndefined();
  });
});

describe("--rule 'id:off' without the space", () => {
  it('turns the rule off, as ESLint accepts it', () => {
    const d = mkdtempSync(join(dir, 'tight-'));
    writeFileSync(join(d, 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n');
    expect(satlint(['-f', 'json', 'sa.yaml'], { cwd: d }).stdout).toContain('"ruleId":"service-account-automount"');
    const r = satlint(['-f', 'json', '--rule', 'service-account-automount:off', 'sa.yaml'], { cwd: d });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].messages).toEqual([]);
    expect(satlint(['-f', 'json', '--rule', 'service-account-automount:[error]', 'sa.yaml'], { cwd: d }).code).toBe(1);
  });
});

describe('terminal hyperlinks and GitHub links', () => {
  it('are on only for terminals known to support OSC 8, never in CI or a pipe; FORCE_HYPERLINK decides', () => {
    expect(hyperlinksSupported({ TERM_PROGRAM: 'WezTerm' }, true, true)).toBe(true);
    expect(hyperlinksSupported({ TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.4.19' }, true, true)).toBe(true);
    expect(hyperlinksSupported({ TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '2.9' }, true, true)).toBe(false);
    expect(hyperlinksSupported({ VTE_VERSION: '7200' }, true, true)).toBe(true);
    expect(hyperlinksSupported({ TERM: 'xterm-256color' }, true, true)).toBe(false);
    expect(hyperlinksSupported({ TERM_PROGRAM: 'vscode' }, false, true)).toBe(false);
    expect(hyperlinksSupported({ TERM_PROGRAM: 'vscode' }, true, false)).toBe(false);
    expect(hyperlinksSupported({ TERM_PROGRAM: 'vscode', CI: 'true' }, true, true)).toBe(false);
    expect(hyperlinksSupported({ FORCE_HYPERLINK: '1' }, false, false)).toBe(true);
    expect(hyperlinksSupported({ FORCE_HYPERLINK: '0', TERM_PROGRAM: 'vscode' }, true, true)).toBe(false);
  });
  it('stylish prints OSC 8 links when forced, and none in a pipe', () => {
    const forced = satlint(['examples/insecure/no-legacy-token-secret.yaml'], { env: { FORCE_HYPERLINK: '1' } });
    expect(forced.stdout).toContain('\u001b]8;;https://github.com/satlint/satlint/blob/main/packages/core/src/rules/no-legacy-token-secret/README.md\u001b\\no-legacy-token-secret\u001b]8;;\u001b\\');
    expect(satlint(['examples/insecure/no-legacy-token-secret.yaml']).stdout).not.toContain('\u001b');
  });
  it('markdown links to the commit under GitHub Actions', () => {
    expect(githubLinkBase({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc1234' })).toBe('https://github.com/o/r/blob/abc1234/');
    expect(githubLinkBase({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r)](x', GITHUB_SHA: 'abc1234' })).toBeUndefined();
    const r = satlint(['-f', 'markdown', 'examples/insecure/no-legacy-token-secret.yaml'], { env: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc1234' } });
    expect(r.stdout).toContain('(https://github.com/o/r/blob/abc1234/examples/insecure/no-legacy-token-secret.yaml#L9)');
  });
});

describe('can-i output', () => {
  it('carries no control character or escape sequence from a manifest name', () => {
    const d = mkdtempSync(join(dir, 'cani-'));
    writeFileSync(join(d, 'rb.yaml'), 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: "b\\e[31mred\\e]8;;http://x\\a", namespace: apps}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: [{kind: ServiceAccount, name: w, namespace: apps}]\n');
    const r = satlint(['can-i', 'get', 'pods', '--as', 'system:serviceaccount:apps:w', '-n', 'apps', '--explain', '.'], { cwd: d });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('yes\nsystem:serviceaccount:apps:w may get pods in namespace apps through:\n  RoleBinding apps/bred → ClusterRole view (built-in) via ClusterRole system:aggregate-to-view rule 0 (binding at rb.yaml:1; built-in role)\n');
  });
});
