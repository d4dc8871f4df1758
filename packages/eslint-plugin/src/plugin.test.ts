import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ESLint, Linter } from 'eslint';
import yml from 'eslint-plugin-yml';
import { rules as registry } from '@satlint/core';
import plugin, { yamlLanguage } from './index.js';

const root = resolve(import.meta.dirname, '../../..');
const satlintBin = join(root, 'packages/cli/bin/satlint.js');
const eslintBin = join(root, 'node_modules/.bin/eslint');

type Finding = [file: string, rule: string, line: number, column: number, endLine: number | undefined, endColumn: number | undefined];

function satlintJson(dir: string): Finding[] {
  const r = spawnSync(process.execPath, [satlintBin, '-f', 'json', dir], { encoding: 'utf8', cwd: root });
  return (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number }[] }[])
    .flatMap((res) => res.messages.filter((m) => m.ruleId).map((m): Finding => [res.filePath, m.ruleId!, m.line, m.column, m.endLine, m.endColumn]))
    .sort();
}

async function eslintFindings(dir: string): Promise<Finding[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [...plugin.configs.strict.map((c) => ({ ...c, rules: Object.fromEntries(Object.entries(c.rules ?? {}).map(([k]) => [k, 'error' as const])) })), { files: ['**/*.yaml'], languageOptions: { inventory: [`${dir}/*.yaml`] } }],
  });
  const results = await eslint.lintFiles([`${dir}/*.yaml`]);
  return results.flatMap((res) => res.messages.map((m): Finding => [res.filePath, m.ruleId!.replace(/^satlint\//, ''), m.line, m.column, m.endLine, m.endColumn])).sort();
}

describe('ESLint plugin: same findings as the CLI', () => {
  for (const dir of ['examples/insecure', 'examples/secure']) {
    it(`through the Node API, on ${dir}`, async () => {
      const fromCli = satlintJson(dir).filter(([, rule]) => registry.some((r) => r.meta.id === rule && r.meta.recommended));
      const fromEslint = (await eslintFindings(dir)).filter(([, rule]) => registry.some((r) => r.meta.id === rule && r.meta.recommended));
      expect(fromEslint).toEqual(fromCli);
      if (dir === 'examples/insecure') expect(new Set(fromEslint.map((f) => f[1]))).toEqual(new Set(registry.map((r) => r.meta.id)));
    });
  }

  it('eslint --fix writes the same files as satlint --fix', () => {
    const a = mkdtempSync(join(tmpdir(), 'satlint-fix-cli-'));
    const b = mkdtempSync(join(tmpdir(), 'satlint-fix-eslint-'));
    cpSync(join(root, 'examples/insecure'), a, { recursive: true });
    cpSync(join(root, 'examples/insecure'), b, { recursive: true });
    // eslint --fix applies fixes only; satlint's migrations are ESLint suggestions (editor quick fixes).
    spawnSync(process.execPath, [satlintBin, '--fix', '--fix-type', 'problem', '.'], { cwd: a, encoding: 'utf8' });
    writeFileSync(
      join(b, 'eslint.config.js'),
      `import satlint from ${JSON.stringify(join(root, 'packages/eslint-plugin/dist/index.js'))};\nexport default [...satlint.configs.recommended, { files: ['**/*.yaml'], languageOptions: { inventory: ['*.yaml'] } }];\n`,
    );
    const r = spawnSync(eslintBin, ['--fix', '.'], { cwd: b, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1);
    let changed = 0;
    for (const f of readdirSync(a).filter((x) => x.endsWith('.yaml'))) {
      const original = readFileSync(join(root, 'examples/insecure', f), 'utf8');
      const viaCli = readFileSync(join(a, f), 'utf8');
      expect(readFileSync(join(b, f), 'utf8'), f).toBe(viaCli);
      if (viaCli !== original) changed++;
    }
    expect(changed).toBeGreaterThan(3);
  });
});

describe('the satlint/yaml language', () => {
  const linter = new Linter({ configType: 'flat' });
  const config = (rules: Linter.RulesRecord, extra: Linter.Config = {}): Linter.Config[] => [{ files: ['**/*.yaml'], plugins: { satlint: plugin }, language: 'satlint/yaml', rules, ...extra }];
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps}\nspec:\n  serviceAccountName: app\n  containers: []\n';

  it('eslint-disable-next-line silences exactly that finding; an unused one is reported as ESLint does', () => {
    const rules = { 'satlint/no-automount-token': 'error', 'satlint/service-account-automount': 'error' } as const;
    const opts = { linterOptions: { reportUnusedDisableDirectives: 'error' as const } };
    const plain = linter.verify(pod, config(rules, opts), 'pod.yaml');
    expect(plain.map((m) => [m.ruleId, m.line])).toEqual([['satlint/no-automount-token', 4]]);
    const silenced = linter.verify(pod.replace('spec:', '# eslint-disable-next-line satlint/no-automount-token -- needs the API\nspec:'), config(rules, opts), 'pod.yaml');
    expect(silenced).toEqual([]);
    const wrong = linter.verify(pod.replace('spec:', '# eslint-disable-next-line satlint/service-account-automount\nspec:'), config(rules, opts), 'pod.yaml');
    expect(wrong.map((m) => [m.ruleId, m.line, m.column, m.message])).toEqual([
      [null, 4, 1, "Unused eslint-disable directive (no problems were reported from 'satlint/service-account-automount')."],
      ['satlint/no-automount-token', 5, 1, expect.stringContaining('Pod apps/p mounts an API token')],
    ]);
  });
  it('ignores "#" inside strings and block scalars when looking for directives', () => {
    const text = pod.replace('metadata: {name: p, namespace: apps}', 'metadata:\n  name: p\n  namespace: apps\n  annotations:\n    a: "# eslint-disable satlint/no-automount-token"\n    b: |\n      # eslint-disable satlint/no-automount-token');
    expect(linter.verify(text, config({ 'satlint/no-automount-token': 'error' }), 'pod.yaml').map((m) => m.ruleId)).toEqual(['satlint/no-automount-token']);
  });
  it('reports a parse error as a fatal message with its position', () => {
    const [m] = linter.verify('apiVersion: v1\nkind: Pod\nspec: [1, 2\n', config({ 'satlint/no-automount-token': 'error' }), 'bad.yaml');
    expect(m).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: 4, column: 1 });
  });
  it('passes rule options through (projected-token-expiration maxSeconds) and fixes', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  automountServiceAccountToken: false\n  serviceAccountName: a\n  containers: [{name: c, volumeMounts: [{name: t, mountPath: /t, readOnly: true}]}]\n  volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t, audience: v, expirationSeconds: 7200}}]}}]\n';
    const on = linter.verify(text, config({ 'satlint/projected-token-expiration': 'error' }), 'p.yaml');
    expect(on.map((m) => [m.ruleId, m.line, m.column])).toEqual([['satlint/projected-token-expiration', 8, 90]]);
    expect(linter.verify(text, config({ 'satlint/projected-token-expiration': ['error', { maxSeconds: 7200 }] }), 'p.yaml')).toEqual([]);
    const fixed = linter.verifyAndFix(pod, config({ 'satlint/no-automount-token': 'error' }), 'pod.yaml');
    expect(fixed.output).toBe(pod.replace('spec:\n', 'spec:\n  automountServiceAccountToken: false\n'));
    expect(fixed.messages).toEqual([]);
  });
  it('validates its language options', () => {
    expect(() => yamlLanguage.validateLanguageOptions({ inventory: 'k8s/*.yaml' as unknown as string[] })).toThrow(/inventory to be a list/);
    expect(() => yamlLanguage.validateLanguageOptions({ unknownServiceAccount: 'maybe' as never })).toThrow(/assume-mounted/);
    expect(() => yamlLanguage.validateLanguageOptions({ parser: 'x' })).toThrow(/Unexpected key "parser"/);
    expect(() => yamlLanguage.validateLanguageOptions({ inventory: ['k8s/*.yaml'], namespace: 'apps' })).not.toThrow();
  });
  it('generates one rule per registry rule with meta from core', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(registry.map((r) => r.meta.id).sort());
    for (const r of registry) {
      const meta = plugin.rules[r.meta.id]!.meta!;
      expect(meta.docs?.url).toBe(r.meta.docsUrl);
      expect(meta.fixable).toBe(r.meta.fixable ? 'code' : undefined);
      expect(meta.schema).toEqual([r.meta.schema]);
      expect(meta.defaultOptions).toEqual([r.meta.defaultOptions]);
    }
    expect(plugin.configs.recommended[0]!.rules!['satlint/no-automount-token']).toBe('error');
    expect(plugin.configs.strict[0]!.rules!['satlint/no-default-service-account']).toEqual(['error', { evenWithoutToken: true }]);
    expect(plugin.configs.recommended[0]!.ignores).toContain('**/templates/**');
  });
});

describe('with eslint-plugin-yml', () => {
  it('both plugins report on the same file under the yml/yaml language', () => {
    const linter = new Linter({ configType: 'flat' });
    const text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps}\nspec:\n  serviceAccountName: 'app'\n  containers: []\n";
    const messages = linter.verify(
      text,
      [{ files: ['**/*.yaml'], plugins: { yml: yml as never, satlint: plugin }, language: 'yml/yaml', rules: { 'yml/quotes': ['error', { prefer: 'double' }], 'satlint/no-automount-token': 'error' } }],
      'pod.yaml',
    );
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ['satlint/no-automount-token', 4, 1],
      ['yml/quotes', 5, 23],
    ]);
  });
});

describe('examples/eslint through the eslint binary', () => {
  it('prints the expected findings', () => {
    const dir = join(root, 'examples/eslint');
    const r = spawnSync(eslintBin, ['--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
    const found = (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[]).flatMap((x) => x.messages.map((m) => [x.filePath.slice(dir.length + 1), m.ruleId, m.line, m.column]));
    expect(found).toEqual([
      ['k8s/catalog.yaml', 'satlint/explicit-pod-automount', 13, 5],
      ['k8s/reports.yaml', 'satlint/service-account-exists', 14, 11],
    ]);
    expect(r.status).toBe(0);
  });
});

describe('inventory loading', () => {
  it('parses each inventory file once and reuses it until the file changes', async () => {
    const { loadInventory } = await import('./inventory.js');
    const dir = mkdtempSync(join(tmpdir(), 'satlint-inventory-'));
    writeFileSync(join(dir, 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n');
    const first = loadInventory(['*.yaml'], dir);
    const second = loadInventory(['*.yaml'], dir);
    expect(first).toHaveLength(1);
    expect(second[0]).toBe(first[0]);
    writeFileSync(join(dir, 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: longer-name}\n');
    const third = loadInventory(['*.yaml'], dir);
    expect(third[0]).not.toBe(first[0]);
  });
});

describe("docs/eslint.md's configs on a repository with kustomizations, a Helm chart and plain manifests", () => {
  const tree: Record<string, string> = {
    'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [base]\n',
    'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
    'base/deployment.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: apps}\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      automountServiceAccountToken: false\n      containers: [{name: api, image: "api:1"}]\n',
    'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
    'charts/web/values.yaml': 'automount: true\n',
    'charts/web/templates/pod.yaml': '{{- if .Values.enabled }}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  automountServiceAccountToken: {{ .Values.automount }}\n  containers: [{name: c, image: nginx}]\n{{- end }}\n',
    'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  serviceAccountName: web\n  containers:\n    - name: app\n      image: nginx\n',
    // A patch of that pod (in the inventory glob too): linted as a patch, as the CLI does; as a whole
    // object it would get findings, and as an inventory object conflict with k8s/pod.yaml.
    'k8s/overlay/kustomization.yaml': 'resources: [../pod.yaml]\npatches:\n  - path: patch.yaml\n',
    'k8s/overlay/patch.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: apps}\nspec:\n  containers: [{name: app, image: "nginx:2"}]\n',
  };
  const configs = [...readFileSync(join(root, 'docs/eslint.md'), 'utf8').matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((c) => c.includes('export default'));
  it('the doc has its two configs', () => expect(configs).toHaveLength(2));
  for (const [i, config] of configs.entries()) {
    it(`config ${i + 1} (${config.includes('eslint-plugin-yml') ? 'with eslint-plugin-yml' : 'satlint/yaml language'}): no error, the findings of the plain manifest only`, () => {
      // Inside the repository, so that eslint, eslint-plugin-yml and @satlint/eslint-plugin resolve from its node_modules.
      mkdirSync(join(root, 'test/.artifacts'), { recursive: true });
      const dir = mkdtempSync(join(root, 'test/.artifacts/eslint-tree-'));
      for (const [f, text] of Object.entries(tree)) {
        mkdirSync(dirname(join(dir, f)), { recursive: true });
        writeFileSync(join(dir, f), text);
      }
      writeFileSync(join(dir, 'eslint.config.js'), config);
      const r = spawnSync(eslintBin, ['--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
      rmSync(dir, { recursive: true, force: true });
      expect(r.stderr).toBe('');
      const found = (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; fatal?: boolean; message: string }[] }[]).flatMap((x) =>
        x.messages.map((m) => [x.filePath.slice(dir.length + 1), m.ruleId, m.line, m.fatal ?? false]),
      );
      expect(found.filter((f) => f[3] || !String(f[1]).startsWith('satlint/'))).toEqual([]);
      expect(found.filter((f) => f[0] !== 'k8s/pod.yaml')).toEqual([]);
      expect(found.filter((f) => f[1] === 'satlint/no-conflicting-definitions')).toEqual([]);
      expect(found).toContainEqual(['k8s/pod.yaml', 'satlint/no-automount-token', 6, false]);
      expect(r.status).toBe(1);
    });
  }
});
