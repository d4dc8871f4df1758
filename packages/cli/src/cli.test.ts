import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, mkdirSync, readdirSync, chmodSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { rules } from '@satlint/core';

const root = resolve(import.meta.dirname, '../../..');
const VERSION = (JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;
const bin = join(root, 'packages/cli/bin/satlint.js');

function satlint(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: opts.cwd ?? root, input: opts.input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: prod\nspec:\n  serviceAccountName: web\n  containers:\n    - name: web\n      image: nginx\n';

let dir: string;
beforeAll(() => {
  if (!existsSync(join(root, 'packages/cli/dist/main.js'))) throw new Error('build first: pnpm run build');
  dir = mkdtempSync(join(tmpdir(), 'satlint-cli-'));
});

describe('exit codes and formats', () => {
  it('json on examples/insecure matches the output contract and exits 1', () => {
    const r = satlint(['--format', 'json', 'examples/insecure']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: Record<string, unknown>[]; errorCount: number }[];
    const byFile = Object.fromEntries(results.map((x) => [x.filePath.slice(root.length + 1), x]));
    const m = byFile['examples/insecure/no-automount-token.yaml']!.messages[0]!;
    expect(m).toMatchObject({
      ruleId: 'no-automount-token',
      severity: 2,
      messageId: 'fromServiceAccount',
      line: 16,
      column: 5,
      endLine: 16,
      endColumn: 9,
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'checkout' },
      path: 'spec.template.spec',
      fix: { text: 'automountServiceAccountToken: false\n      ' },
    });
    expect(results.every((x) => x.filePath.startsWith('/'))).toBe(true);
    expect(Object.keys(results[0]!)).toEqual(['filePath', 'messages', 'suppressedMessages', 'errorCount', 'fatalErrorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount']);
  });
  it('examples/secure exits 0 with no output', () => {
    const r = satlint(['examples/secure']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
  });
  it('a missing path exits 2 naming it', () => {
    const r = satlint(['examples/secure', 'nope/missing.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('satlint: No such file or directory: nope/missing.yaml\n');
  });
  it('a glob that matches nothing exits 2', () => {
    const r = satlint(['examples/**/*.nothing']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No files matching the pattern "examples\/\*\*\/\*\.nothing"/);
  });
  it('stylish prints file, position, severity, message and rule, then a summary', () => {
    const r = satlint(['examples/insecure/no-legacy-token-secret.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\nexamples\/insecure\/no-legacy-token-secret.yaml\n {2}9:1 {2}error {2}Secret ci\/ci-deployer-token is a legacy .* no-legacy-token-secret\n {14}replace it with a TokenRequest .*`kubectl create token ci-deployer --namespace ci --duration 60m --audience https:\/\/kubernetes.default.svc.cluster.local` .*\n\n✖ 1 problem \(1 error, 0 warnings\)\n {2}by rule: no-legacy-token-secret 1 error\n$/);
  });
  it('github format writes workflow commands', () => {
    const r = satlint(['-f', 'github', 'examples/insecure/service-account-automount.yaml']);
    expect(r.stdout).toBe(
      '::warning file=examples/insecure/service-account-automount.yaml,line=4,col=1,endLine=4,endColumn=21,title=satlint(service-account-automount)::ServiceAccount media/default does not set automountServiceAccountToken, so every pod that runs as it gets an API token by default; set automountServiceAccountToken: false\n',
    );
    expect(r.code).toBe(0);
  });
  it('--max-warnings and --quiet', () => {
    const f = 'examples/insecure/service-account-automount.yaml';
    expect(satlint(['--max-warnings', '0', f]).code).toBe(1);
    expect(satlint(['--max-warnings', '1', f]).code).toBe(0);
    const q = satlint(['--quiet', '-f', 'json', f]);
    expect(JSON.parse(q.stdout)[0].messages).toEqual([]);
  });
  it('--rule changes a severity; a bad --rule or unknown format exits 2', () => {
    const r = satlint(['--rule', 'service-account-automount: error', 'examples/insecure/service-account-automount.yaml']);
    expect(r.code).toBe(1);
    expect(satlint(['--rule', 'no-such-rule: error', 'examples']).stderr).toMatch(/Invalid config \(--rule\): rules.no-such-rule: unknown rule "no-such-rule"/);
    expect(satlint(['-f', 'xml', 'examples']).code).toBe(2);
  });
  it('--list-rules lists the registry', () => {
    const r = satlint(['--list-rules']);
    expect(r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(rules.map((rule) => rule.meta.id));
    expect(r.stdout).toMatch(/^no-automount-token\s+error\s+fixable\s+Disallow pod specs/m);
  });
  it('a report of many pieces: standard output and --output-file get the same text, written whole', () => {
    // 120 files with findings: a JSON report of several 64 KB pieces (outputs.ts writes it piece by piece).
    const many = join(dir, 'many-pods');
    mkdirSync(many);
    for (let i = 0; i < 120; i++) writeFileSync(join(many, `pod-${String(i).padStart(3, '0')}.yaml`), POD.replace('name: web\n  namespace', `name: web-${i}\n  namespace`));
    const toStdout = satlint(['-f', 'json', many]);
    const file = join(dir, 'reports/nested/many.json');
    const toFile = satlint(['-f', 'json', '-o', file, many]);
    expect([toStdout.code, toFile.code, toFile.stdout, toFile.stderr]).toEqual([1, 1, '', '']);
    expect(toStdout.stdout.length).toBeGreaterThan(3 * 65536);
    expect(readFileSync(file, 'utf8')).toBe(toStdout.stdout);
    const results = JSON.parse(toStdout.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    expect(results.map((r) => relative(many, r.filePath))).toEqual(Array.from({ length: 120 }, (_, i) => `pod-${String(i).padStart(3, '0')}.yaml`));
    expect(results.every((r) => r.messages.some((m) => m.ruleId === 'no-automount-token'))).toBe(true);
    // A second run over a longer report's file leaves no tail of the first.
    writeFileSync(file, 'x'.repeat(toStdout.stdout.length + 1000));
    satlint(['-f', 'json', '-o', file, many]);
    expect(readFileSync(file, 'utf8')).toBe(toStdout.stdout);
  });
  it('--version and --help', () => {
    expect(satlint(['--version']).stdout).toBe(`${VERSION}\n`);
    expect(satlint(['--help']).stdout).toMatch(/^satlint \[options\] \[paths\.\.\.\]/);
    expect(satlint(['--bogus']).code).toBe(2);
  });
});

describe('standard input', () => {
  it('lints - with --stdin-filename', () => {
    const r = satlint(['-f', 'json', '--stdin-filename', 'k8s/pod.yaml', '-'], { input: POD });
    const [res] = JSON.parse(r.stdout);
    expect(res.filePath).toBe(join(root, 'k8s/pod.yaml'));
    expect(res.messages.map((m: { ruleId: string; line: number }) => [m.ruleId, m.line])).toEqual([['no-automount-token', 6]]);
    expect(r.code).toBe(1);
  });
  it('an empty standard input lints nothing and exits 0', () => {
    expect(satlint(['-'], { input: '' }).code).toBe(0);
  });
  it('--namespace sets the default namespace', () => {
    const r = satlint(['-f', 'json', '--namespace', 'team', '-'], { input: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n' });
    expect(JSON.parse(r.stdout)[0].messages[0].resource.namespace).toBe('team');
  });
});

describe('bad input never stops the run', () => {
  it('reports a syntax error with line and column and still lints the other files', () => {
    const d = mkdtempSync(join(dir, 'bad-'));
    writeFileSync(join(d, 'a-broken.yaml'), 'apiVersion: v1\nkind: Pod\nspec: [1, 2\n');
    writeFileSync(join(d, 'b-pod.yaml'), POD);
    writeFileSync(join(d, 'c-chart.yaml'), 'metadata:\n  name: {{ .Values.name }}\n');
    const r = satlint(['-f', 'json', d]);
    expect(r.code).toBe(1);
    const res = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string | null; fatal?: boolean; line: number; message: string }[] }[];
    expect(res[0]!.messages[0]).toMatchObject({ ruleId: null, fatal: true, line: 4 });
    expect(res[1]!.messages.map((m) => m.ruleId)).toEqual(['no-automount-token']);
    // `name: {{ .Values.name }}` is a mapping with a mapping for a key: kubectl refuses the document.
    expect(res[2]!.messages[0]).toMatchObject({ ruleId: null, messageId: 'helmTemplate', severity: 2, fatal: true, line: 2, column: 9 });
    expect(res[0]!.messages[0]).toMatchObject({ messageId: 'syntax' });
    expect(res[2]!.messages[0]!.message).toMatch(/unrendered Helm template/);
  });
  it('reads UTF-16 with a BOM and reports invalid UTF-8 by line', () => {
    const d = mkdtempSync(join(dir, 'enc-'));
    writeFileSync(join(d, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POD, 'utf16le')]));
    writeFileSync(join(d, 'latin1.yaml'), Buffer.from('a: 1\nb: caf\xe9\n', 'latin1'));
    const res = JSON.parse(satlint(['-f', 'json', d]).stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    expect(res[0]!.messages[0]).toMatchObject({ line: 2, column: 7, message: expect.stringMatching(/not valid UTF-8 \(invalid byte 0xe9 at line 2, column 7\)/) });
    expect(res[1]!.messages.map((m) => m.ruleId)).toEqual(['no-automount-token']);
  });
});

describe('configuration files', () => {
  it('finds satlint.config.yaml upward (up to the repository root) and applies it', () => {
    const d = mkdtempSync(join(dir, 'cfg-'));
    mkdirSync(join(d, '.git'));
    mkdirSync(join(d, 'sub'));
    writeFileSync(join(d, 'satlint.config.yaml'), 'rules:\n  no-automount-token: warn\n');
    writeFileSync(join(d, 'sub', 'pod.yaml'), POD);
    const r = satlint(['-f', 'json', 'pod.yaml'], { cwd: join(d, 'sub') });
    expect(JSON.parse(r.stdout)[0].messages.map((m: { severity: number }) => m.severity)).toEqual([1]);
    expect(r.code).toBe(0);
  });
  it('an invalid config exits 2 naming the file and key', () => {
    const d = mkdtempSync(join(dir, 'cfg-'));
    writeFileSync(join(d, '.satlintrc.yaml'), 'rules:\n  no-automount-token: loud\n');
    writeFileSync(join(d, 'pod.yaml'), POD);
    const r = satlint(['pod.yaml'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`satlint: Invalid config ${join(d, '.satlintrc.yaml')}: rules.no-automount-token: must be one of "off", "warn", "error"\n`);
  });
  it('a config that is not YAML exits 2 with line and column', () => {
    const d = mkdtempSync(join(dir, 'cfg-'));
    writeFileSync(join(d, 'bad.yaml'), 'rules: [\n');
    const r = satlint(['-c', 'bad.yaml', 'x.yaml'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^satlint: Invalid config ${join(d, 'bad.yaml')}:\\d+:\\d+: `));
  });
});

describe('--fix', () => {
  it('writes fixes atomically, keeps comments, mode and CRLF, and a second run changes nothing', () => {
    const d = mkdtempSync(join(dir, 'fix-'));
    const file = join(d, 'pod.yaml');
    const text = `# keep me\r\n${POD.replace(/\n/g, '\r\n')}`;
    writeFileSync(file, text);
    chmodSync(file, 0o640);
    const r = satlint(['--fix', file]);
    expect(r.code).toBe(0);
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).toBe(text.replace('spec:\r\n', 'spec:\r\n  automountServiceAccountToken: false\r\n'));
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(d)).toEqual(['pod.yaml']);
    expect(satlint(['--fix', file]).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(fixed);
  });
  it('--fix-dry-run leaves the file and returns output in json', () => {
    const d = mkdtempSync(join(dir, 'dry-'));
    const file = join(d, 'pod.yaml');
    writeFileSync(file, POD);
    const r = satlint(['--fix-dry-run', '-f', 'json', file]);
    expect(readFileSync(file, 'utf8')).toBe(POD);
    expect(JSON.parse(r.stdout)[0].output).toBe(POD.replace('spec:\n', 'spec:\n  automountServiceAccountToken: false\n'));
  });
  it('refuses --fix on standard input', () => {
    const r = satlint(['--fix', '-'], { input: POD });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--fix cannot write to standard input/);
  });
});

describe('can-i', () => {
  const rbac = [
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: ClusterRole',
    'metadata: {name: secret-reader}',
    'rules:',
    '  - {apiGroups: [""], resources: [configmaps], verbs: [get]}',
    '  - {apiGroups: [""], resources: [secrets], verbs: [get, list]}',
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: RoleBinding',
    'metadata: {name: read-secrets, namespace: payments}',
    'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}',
    'subjects: [{kind: ServiceAccount, name: worker, namespace: apps}]',
    '',
  ].join('\n');
  const as = ['--as', 'system:serviceaccount:apps:worker'];
  let file: string;
  beforeAll(() => {
    file = join(dir, 'rbac.yaml');
    writeFileSync(file, rbac);
  });
  it('says yes in the RoleBinding\'s namespace (exit 0) and explains the path', () => {
    const r = satlint(['can-i', 'get', 'secrets', ...as, '-n', 'payments', '--explain', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'yes\nsystem:serviceaccount:apps:worker may get secrets in namespace payments through:\n' +
        `  RoleBinding payments/read-secrets → ClusterRole secret-reader rule 1 (binding at ${relative(root, file)}:8; role at ${relative(root, file)}:1)\n`,
    );
  });
  it('says no elsewhere (exit 1), and --explain lists what was considered', () => {
    const r = satlint(['can-i', 'get', 'secrets', ...as, '-n', 'apps', '--explain', file]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'no',
      'no rule grants get secrets in namespace apps to system:serviceaccount:apps:worker',
      '  considered RoleBinding payments/read-secrets (subject ServiceAccount worker, namespace payments only) → ClusterRole secret-reader',
    ]);
    expect(satlint(['can-i', 'list', 'secrets', ...as, file]).stdout).toBe('no\n');
  });
  it('--list prints every permission in the namespace', () => {
    const r = satlint(['can-i', '--list', ...as, '-n', 'payments', file]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^RESOURCES\s+API GROUPS\s+RESOURCE NAMES\s+VERBS\s+SCOPE\s+GRANTED BY$/);
    expect(r.stdout).toMatch(/^secrets\s+""\s+-\s+get,list\s+payments\s+RoleBinding payments\/read-secrets → ClusterRole secret-reader rule 1$/m);
  });
  it('knows built-in roles, resource.group and subresources', () => {
    const edit = join(dir, 'edit.yaml');
    writeFileSync(edit, rbac.replace('kind: ClusterRole, name: secret-reader}', 'kind: ClusterRole, name: edit}'));
    expect(satlint(['can-i', 'create', 'pods/exec', ...as, '-n', 'payments', edit]).stdout).toBe('yes\n');
    expect(satlint(['can-i', 'create', 'cronjobs.batch', ...as, '-n', 'payments', edit]).stdout).toBe('yes\n');
    expect(satlint(['can-i', 'create', 'rolebindings', ...as, '-n', 'payments', edit]).stdout).toBe('no\n');
  });
  it('rejects bad usage with exit 2', () => {
    expect(satlint(['can-i', 'get', 'secrets', file]).code).toBe(2);
    expect(satlint(['can-i', 'get', ...as, file]).stderr).toMatch(/can-i needs/);
    expect(satlint(['can-i', 'get', 'secrets', ...as]).code).toBe(2);
  });
});

describe('baselines, cache and empty input', () => {
  function copyInsecure(): string {
    const d = mkdtempSync(join(tmpdir(), 'satlint-baseline-'));
    mkdirSync(join(d, 'k8s'));
    for (const f of readdirSync(join(root, 'examples/insecure'))) writeFileSync(join(d, 'k8s', f), readFileSync(join(root, 'examples/insecure', f)));
    return d;
  }
  it('a baseline hides exactly the recorded findings; a new manifest is reported (exit 1); nothing new is exit 0', () => {
    const d = copyInsecure();
    const written = satlint(['--write-baseline', 'satlint-baseline.json', 'k8s'], { cwd: d });
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/^satlint: wrote \d+ findings to the baseline satlint-baseline.json\n$/);
    const clean = satlint(['--baseline', 'satlint-baseline.json', '-f', 'json', 'k8s'], { cwd: d });
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).flatMap((r: { messages: unknown[] }) => r.messages)).toEqual([]);
    expect(clean.stderr).toMatch(/are in the baseline satlint-baseline.json and not reported; 0 baseline entries match nothing any more\n$/);
    // Edits that move lines keep the baseline valid.
    const p = join(d, 'k8s', 'no-automount-token.yaml');
    writeFileSync(p, `# moved down\n\n\n${readFileSync(p, 'utf8')}`);
    writeFileSync(join(d, 'k8s', 'zz-new.yaml'), POD.replace('name: web\n  namespace: prod', 'name: new\n  namespace: fresh'));
    const r = satlint(['--baseline', 'satlint-baseline.json', '-f', 'json', 'k8s'], { cwd: d });
    expect(r.code).toBe(1);
    const reported = (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).filter((x) => x.messages.length > 0);
    expect(reported.map((x) => x.filePath.split('/').pop())).toEqual(['zz-new.yaml']);
    expect(reported[0]!.messages.map((m) => m.ruleId)).toEqual(['no-automount-token']);
  });
  it('reports stale baseline entries, and refuses a file that is not a baseline', () => {
    const d = copyInsecure();
    satlint(['--write-baseline', 'b.json', 'k8s'], { cwd: d });
    writeFileSync(join(d, 'k8s', 'no-legacy-token-secret.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fixed}\n');
    expect(satlint(['--baseline', 'b.json', 'k8s'], { cwd: d }).stderr).toMatch(/; 1 baseline entry matches nothing any more \(rewrite it with --write-baseline to drop them\)\n$/);
    writeFileSync(join(d, 'bad.json'), '{"findings": []}');
    const bad = satlint(['--baseline', 'bad.json', 'k8s'], { cwd: d });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad.json is not a satlint baseline/);
  });
  it('--cache answers an unchanged tree from the cache and relints after any change', () => {
    const d = copyInsecure();
    const first = satlint(['--cache', '-f', 'json', 'k8s'], { cwd: d });
    const entries = readdirSync(join(d, 'node_modules/.cache/satlint'));
    expect(entries).toHaveLength(1);
    const second = satlint(['--cache', '-f', 'json', 'k8s'], { cwd: d });
    expect(second.stdout).toBe(first.stdout);
    expect(second.code).toBe(first.code);
    writeFileSync(join(d, 'k8s', 'no-legacy-token-secret.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fixed}\n');
    const third = satlint(['--cache', '-f', 'json', 'k8s'], { cwd: d });
    expect(third.stdout).not.toBe(first.stdout);
    expect(readdirSync(join(d, 'node_modules/.cache/satlint'))).toHaveLength(2);
  });
  it('warns when files matched but hold no Kubernetes object; --fail-on-no-objects makes it exit 2', () => {
    const d = mkdtempSync(join(tmpdir(), 'satlint-empty-'));
    writeFileSync(join(d, 'values.yaml'), 'replicas: 3\nimage: nginx\n');
    const warn = satlint(['values.yaml'], { cwd: d });
    expect(warn.code).toBe(0);
    expect(warn.stderr).toBe('satlint: warning: 1 file matched but none holds a Kubernetes object (a document with apiVersion and kind)\n');
    const fail = satlint(['--fail-on-no-objects', 'values.yaml'], { cwd: d });
    expect(fail.code).toBe(2);
    expect(fail.stderr).toMatch(/none holds a Kubernetes object.*--fail-on-no-objects/);
  });
  it('writes sarif and junit', () => {
    const sarif = JSON.parse(satlint(['-f', 'sarif', 'examples/insecure/no-automount-token.yaml']).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.version).toBe(VERSION);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'examples/insecure/no-automount-token.yaml', uriBaseId: 'ROOT' });
    expect(satlint(['-f', 'junit', 'examples/secure']).stdout).toMatch(/^<\?xml/);
  });
});
