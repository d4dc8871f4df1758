import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main, type CliIo } from '../packages/cli/dist/index.js';

// Issue 17: stale answers from --cache, and trust boundaries of config discovery and plugins.
const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'packages/cli/bin/satlint.js');
const run = (args: string[], cwd: string, env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HOME: '/nonexistent-home', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const tmp = (name: string) => realpathSync(mkdtempSync(join(tmpdir(), `satlint-${name}-`)));

/** main() in this process (so that the clock can be set), with captured output. */
async function inProcess(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: async () => new Uint8Array(), isTTY: false, env: { HOME: '/nonexistent-home' } };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const SUPPRESSED = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: prod
  annotations:
    ignore.satlint.dev/no-automount-token: "legacy client; expires 2026-03-31"
spec:
  serviceAccountName: web
  containers: [{name: web, image: nginx}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: prod}
`;

afterEach(() => {
  vi.useRealTimers();
});

describe('--cache gives no stale answer', () => {
  it('a cached result is not used after the expiry date of a suppression it relied on', async () => {
    const d = tmp('cache-expiry');
    writeFileSync(join(d, 'pod.yaml'), SUPPRESSED);
    const ruleIds = (stdout: string) => (JSON.parse(stdout) as { messages: { ruleId: string | null; message: string }[] }[]).flatMap((r) => r.messages.map((m) => m.ruleId ?? m.message));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-30T12:00:00Z'));
    const before = await inProcess(['--cache', '-f', 'json', '--debug', 'pod.yaml'], d);
    expect([before.code, ruleIds(before.stdout)]).toEqual([0, ['service-account-automount']]);
    expect(before.stderr).toMatch(/satlint: debug: cache miss/);
    vi.setSystemTime(new Date('2026-03-31T23:00:00Z'));
    const lastDay = await inProcess(['--cache', '-f', 'json', '--debug', 'pod.yaml'], d);
    expect(lastDay.stderr).toMatch(/satlint: debug: cache hit/);
    expect(lastDay.stdout).toBe(before.stdout);
    vi.setSystemTime(new Date('2026-04-01T00:30:00Z'));
    const after = await inProcess(['--cache', '-f', 'json', '--debug', 'pod.yaml'], d);
    expect(after.stderr).toMatch(/satlint: debug: cache miss/);
    expect(after.code).toBe(1);
    expect(ruleIds(after.stdout)).toEqual(['Suppression "ignore.satlint.dev/no-automount-token" expired on 2026-03-31: its findings are reported again', 'no-automount-token', 'service-account-automount']);
  });

  it('with --today, an answer computed after the expiry date is not reused for a day before it', () => {
    const d = tmp('cache-today');
    writeFileSync(join(d, 'pod.yaml'), SUPPRESSED);
    const ids = (stdout: string) => (JSON.parse(stdout) as { messages: { ruleId: string | null }[] }[]).flatMap((r) => r.messages.map((m) => m.ruleId));
    const later = run(['--cache', '--debug', '--today', '2026-04-02', '-f', 'json', 'pod.yaml'], d);
    expect(later.stderr).toMatch(/cache miss/);
    expect(ids(later.stdout)).toEqual([null, 'no-automount-token', 'service-account-automount']);
    const earlier = run(['--cache', '--debug', '--today', '2026-03-30', '-f', 'json', 'pod.yaml'], d);
    expect(earlier.stderr).toMatch(/cache miss/);
    expect(ids(earlier.stdout)).toEqual(['service-account-automount']);
    expect(run(['--cache', '--debug', '--today', '2026-03-31', '-f', 'json', 'pod.yaml'], d).stderr).toMatch(/cache hit/);
  });

  it('a run split into inventory scopes keeps the expiry date of a suppression one scope relied on', () => {
    const d = tmp('cache-scopes');
    writeFileSync(join(d, 'pod.yaml'), SUPPRESSED);
    mkdirSync(join(d, 'app'));
    writeFileSync(join(d, 'app/kustomization.yaml'), 'resources: [sa.yaml]\n');
    writeFileSync(join(d, 'app/sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: apps}\nautomountServiceAccountToken: false\n');
    const ids = (stdout: string) => (JSON.parse(stdout) as { messages: { ruleId: string | null }[] }[]).flatMap((r) => r.messages.map((m) => m.ruleId));
    const before = run(['--cache', '--debug', '--today', '2026-03-30', '-f', 'json', '.'], d);
    expect(before.stderr).toMatch(/cache miss/);
    expect(ids(before.stdout)).toEqual(['service-account-automount']);
    expect(run(['--cache', '--debug', '--today', '2026-03-31', '-f', 'json', '.'], d).stderr).toMatch(/cache hit/);
    // The day after the suppression expired: the cached answer no longer holds.
    const after = run(['--cache', '--debug', '--today', '2026-04-01', '-f', 'json', '.'], d);
    expect(after.stderr).toMatch(/cache miss/);
    expect(ids(after.stdout)).toEqual([null, 'no-automount-token', 'service-account-automount']);
  });

  it('runs with plugins are cached, and a change to any file of the plugin package relints', () => {
    const d = tmp('cache-plugin');
    writeFileSync(join(d, 'package.json'), '{"name": "acme-rules", "version": "1.0.0", "type": "module"}\n');
    writeFileSync(join(d, 'message.mjs'), "export const MESSAGE = 'first';\n");
    writeFileSync(
      join(d, 'rule.mjs'),
      `import { MESSAGE } from './message.mjs';
export default { meta: { id: 'acme-note', description: 'Note', category: 'soundness', severity: 'warn', recommended: true, fixable: false, messages: { note: MESSAGE }, remediation: 'x', schema: {}, defaultOptions: {}, securitySeverity: 1, docsUrl: 'https://example.com' },
  check(ctx) { for (const resource of ctx.resources) ctx.report({ messageId: 'note', resource }); } };
`,
    );
    writeFileSync(join(d, 'satlint.config.yaml'), 'plugins: [./rule.mjs]\nrules: {no-automount-token: off, no-default-service-account: off}\n');
    writeFileSync(join(d, 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: x}\nautomountServiceAccountToken: false\n');
    const notes = (stdout: string) => (JSON.parse(stdout) as { messages: { ruleId: string; message: string }[] }[]).flatMap((r) => r.messages.filter((m) => m.ruleId === 'acme-note').map((m) => m.message));
    const first = run(['--cache', '--debug', '-f', 'json', 'sa.yaml'], d);
    expect(first.stderr).toMatch(/satlint: debug: cache miss/);
    expect(notes(first.stdout)).toEqual(['first']);
    const second = run(['--cache', '--debug', '-f', 'json', 'sa.yaml'], d);
    expect(second.stderr).toMatch(/satlint: debug: cache hit/);
    expect(second.stdout).toBe(first.stdout);
    writeFileSync(join(d, 'message.mjs'), "export const MESSAGE = 'second';\n");
    const third = run(['--cache', '--debug', '-f', 'json', 'sa.yaml'], d);
    expect(third.stderr).toMatch(/satlint: debug: cache miss/);
    expect(notes(third.stdout)).toEqual(['second']);
  });

  it('rule options and config content are part of the key', () => {
    const d = tmp('cache-options');
    writeFileSync(join(d, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec:\n  automountServiceAccountToken: true\n  serviceAccountName: p\n  containers: [{name: c, image: x}]\n');
    const ids = (stdout: string) => (JSON.parse(stdout) as { messages: { ruleId: string }[] }[]).flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(ids(run(['--cache', '-f', 'json', 'pod.yaml'], d).stdout)).toContain('no-automount-token');
    expect(ids(run(['--cache', '-f', 'json', '--rule', 'no-automount-token: [error, {allowExplicit: true}]', 'pod.yaml'], d).stdout)).not.toContain('no-automount-token');
    writeFileSync(join(d, 'satlint.config.yaml'), 'rules: {no-automount-token: off}\n');
    expect(ids(run(['--cache', '-f', 'json', 'pod.yaml'], d).stdout)).not.toContain('no-automount-token');
  });
});

describe('config discovery stays inside the project', () => {
  const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec:\n  containers: [{name: c, image: x}]\n';

  it('a config above the repository root (a shared parent such as /tmp) is not used', () => {
    const shared = tmp('shared');
    writeFileSync(join(shared, 'satlint.config.yaml'), 'rules: {no-automount-token: off}\n');
    const repo = join(shared, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'k8s'));
    writeFileSync(join(repo, 'k8s', 'pod.yaml'), POD);
    const r = run(['--debug', '-f', 'json', 'pod.yaml'], join(repo, 'k8s'));
    expect(r.stderr).toBe(`satlint: debug: no config file (searched ${join(repo, 'k8s')}, ${repo}; the search stops at the repository root): rules use the recommended preset\nsatlint: debug: cache off\n`);
    expect((JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId)).toContain('no-automount-token');
    // Inside the repository it is found, from any subdirectory.
    writeFileSync(join(repo, '.satlintrc.yaml'), 'rules: {no-automount-token: off}\n');
    const found = run(['--debug', '-f', 'json', 'pod.yaml'], join(repo, 'k8s'));
    expect(found.stderr).toBe(`satlint: debug: config ${join(repo, '.satlintrc.yaml')} (found upward from ${join(repo, 'k8s')})\nsatlint: debug: cache off\n`);
    expect((JSON.parse(found.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId)).not.toContain('no-automount-token');
  });

  it('outside any repository the search stops at the home directory, and without either only the working directory is searched', () => {
    const home = tmp('home');
    writeFileSync(join(home, 'satlint.config.yaml'), 'rules: {no-automount-token: off}\n');
    mkdirSync(join(home, 'work'));
    writeFileSync(join(home, 'work', 'pod.yaml'), POD);
    const inHome = run(['--debug', 'pod.yaml'], join(home, 'work'), { HOME: home });
    expect(inHome.stderr.split('\n')[0]).toBe(`satlint: debug: config ${join(home, 'satlint.config.yaml')} (found upward from ${join(home, 'work')})`);
    const elsewhere = run(['--debug', 'pod.yaml'], join(home, 'work'), { HOME: '/nonexistent-home' });
    expect(elsewhere.stderr.split('\n')[0]).toBe(`satlint: debug: no config file (searched ${join(home, 'work')}; no repository root or home directory above it, so only the working directory): rules use the recommended preset`);
  });
});

describe('plugins outside the config file directory need --plugin-dir', () => {
  const RULE = `export default { meta: { id: 'outside-rule', description: 'x', category: 'soundness', severity: 'warn', recommended: true, fixable: false, messages: { m: 'outside' }, remediation: 'x', schema: {}, defaultOptions: {}, securitySeverity: 1, docsUrl: 'https://example.com' }, check(ctx) { for (const resource of ctx.resources) ctx.report({ messageId: 'm', resource }); } };\n`;

  it('an absolute or ../ plugin path is refused without loading it, and loaded with --plugin-dir, which --debug names', () => {
    const base = tmp('plugin-trust');
    const outside = join(base, 'elsewhere');
    mkdirSync(outside);
    // The module would write a marker when it is imported: it must not run when refused.
    writeFileSync(join(outside, 'rule.mjs'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(join(base, 'ran'))}, 'x');\n${RULE}`);
    const project = join(base, 'project');
    mkdirSync(join(project, '.git'), { recursive: true });
    writeFileSync(join(project, 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: x}\nautomountServiceAccountToken: false\n');
    for (const spec of ['../elsewhere/rule.mjs', join(outside, 'rule.mjs')]) {
      writeFileSync(join(project, 'satlint.config.yaml'), `plugins: [${JSON.stringify(spec)}]\n`);
      const refused = run(['sa.yaml'], project);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(`satlint: Plugin ${spec} (in ${join(project, 'satlint.config.yaml')}) is outside the config file's directory (${join(outside, 'rule.mjs')}); a plugin runs code, so satlint loads one from elsewhere only with --plugin-dir ${outside}\n`);
      expect(spawnSync('test', ['-e', join(base, 'ran')]).status).toBe(1);
    }
    const allowed = run(['--plugin-dir', '../elsewhere', '--debug', '-f', 'json', 'sa.yaml'], project);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe(
      [
        `satlint: debug: config ${join(project, 'satlint.config.yaml')} (found upward from ${project})`,
        `satlint: debug: plugin ${join(outside, 'rule.mjs')} loaded from ${join(outside, 'rule.mjs')}`,
        'satlint: debug: plugin rules: outside-rule',
        'satlint: debug: cache off',
        '',
      ].join('\n'),
    );
    expect((JSON.parse(allowed.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId)).toEqual(['outside-rule']);
  });

  it('a plugin inside the config directory tree loads as before', () => {
    const project = tmp('plugin-inside');
    mkdirSync(join(project, 'rules'));
    writeFileSync(join(project, 'rules', 'rule.mjs'), RULE);
    writeFileSync(join(project, 'satlint.config.yaml'), 'plugins: [./rules/rule.mjs]\n');
    writeFileSync(join(project, 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: x}\nautomountServiceAccountToken: false\n');
    const r = run(['-f', 'json', 'sa.yaml'], project);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect((JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId)).toEqual(['outside-rule']);
  });
});

describe('baselines do not absorb a finding whose substance changed', () => {
  const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: apps}
rules: [${rules}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader, namespace: apps}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: worker, namespace: apps}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: worker, namespace: apps}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, namespace: apps}
spec:
  template:
    spec:
      serviceAccountName: worker
      automountServiceAccountToken: true
      containers: [{name: c, image: x}]
`;
  const blast = (stdout: string) => (JSON.parse(stdout) as { messages: { ruleId: string; message: string }[] }[]).flatMap((r) => r.messages.filter((m) => m.ruleId === 'token-blast-radius').map((m) => m.message));

  it('a grant widened from get secrets named x to get/list/watch secrets is reported again', () => {
    const d = tmp('baseline-rbac');
    writeFileSync(join(d, 'app.yaml'), role('{apiGroups: [""], resources: [secrets], resourceNames: [x], verbs: [get]}'));
    expect(run(['--write-baseline', 'b.json', 'app.yaml'], d).code).toBe(0);
    const same = run(['-f', 'json', '--baseline', 'b.json', 'app.yaml'], d);
    expect(blast(same.stdout)).toEqual([]);
    expect(same.stderr).toMatch(/^satlint: \d+ findings are in the baseline b\.json and not reported; 0 baseline entries match nothing any more\n$/);
    // Moving lines and reordering keys keep it in the baseline.
    writeFileSync(join(d, 'app.yaml'), `# reordered\n\n${role('{verbs: [get], resourceNames: [x], resources: [secrets], apiGroups: [""]}')}`);
    expect(blast(run(['-f', 'json', '--baseline', 'b.json', 'app.yaml'], d).stdout)).toEqual([]);
    writeFileSync(join(d, 'app.yaml'), role('{apiGroups: [""], resources: [secrets], verbs: [get, list, watch]}'));
    const wider = run(['-f', 'json', '--baseline', 'b.json', 'app.yaml'], d);
    expect(wider.code).toBe(1);
    expect(blast(wider.stdout)).toHaveLength(1);
    expect(blast(wider.stdout)[0]).toMatch(/get\/list\/watch secrets in namespace apps/);
    expect(wider.stderr).toMatch(/; 1 baseline entry matches nothing any more/);
  });

  it('a flag value that got worse is reported again; the same value stays baselined', () => {
    const d = tmp('baseline-flag');
    const pod = (max: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: kube-apiserver, namespace: kube-system}\nspec:\n  automountServiceAccountToken: false\n  containers:\n  - name: kube-apiserver\n    command: [kube-apiserver, --service-account-issuer=https://k, --service-account-key-file=/k, --service-account-signing-key-file=/s, --service-account-extend-token-expiration=false, --service-account-max-token-expiration=${max}]\n`;
    const flags = (stdout: string) => (JSON.parse(stdout) as { messages: { ruleId: string; message: string }[] }[]).flatMap((r) => r.messages.filter((m) => m.ruleId === 'apiserver-token-flags').map((m) => m.message));
    writeFileSync(join(d, 'apiserver.yaml'), pod('48h'));
    expect(run(['--write-baseline', 'b.json', 'apiserver.yaml'], d).code).toBe(0);
    expect(flags(run(['-f', 'json', '--baseline', 'b.json', 'apiserver.yaml'], d).stdout)).toEqual([]);
    writeFileSync(join(d, 'apiserver.yaml'), pod('720h'));
    const worse = flags(run(['-f', 'json', '--baseline', 'b.json', 'apiserver.yaml'], d).stdout);
    expect(worse).toHaveLength(1);
    expect(worse[0]).toMatch(/720h/);
  });

  it('a baseline written with the old fingerprints is refused with a request to rewrite it', () => {
    const d = tmp('baseline-v1');
    writeFileSync(join(d, 'b.json'), '{"satlint": "baseline", "version": 1, "findings": []}\n');
    writeFileSync(join(d, 'app.yaml'), role('{apiGroups: [""], resources: [secrets], verbs: [get]}'));
    const r = run(['--baseline', 'b.json', 'app.yaml'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`satlint: Baseline ${join(d, 'b.json')} was written by an older satlint whose fingerprints leave out what a finding grants or sets, so it could hide a finding that got worse; rewrite it with --write-baseline\n`);
  });
});
