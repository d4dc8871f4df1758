/**
 * Many applications in one run: objects of one application must not decide verdicts of another
 * (inventory scopes), and two different definitions of one object are reported.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const bin = join(resolve(import.meta.dirname, '..'), 'packages/cli/bin/satlint.js');
type Res = { filePath: string; messages: { ruleId: string; line: number; message: string }[] };
function satlint(args: string[], cwd: string): [string, string, number][] {
  const r = spawnSync(process.execPath, [bin, '-f', 'json', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return (JSON.parse(r.stdout) as Res[]).flatMap((x) => x.messages.map((m): [string, string, number] => [x.filePath.slice(cwd.length + 1), m.ruleId, m.line])).sort();
}
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'satlint-mono-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n  namespace: default\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: a, image: "a:1"}]\n';
// An example in another project binds default/default to cluster-admin.
const BINDING = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: example-default-admin\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects:\n  - {kind: ServiceAccount, name: default, namespace: default}\n';

describe('inventory scopes', () => {
  const dir = repo({ 'apps/a/kustomization.yaml': 'resources: [deployment.yaml]\n', 'apps/a/deployment.yaml': DEPLOYMENT, 'apps/b/kustomization.yaml': 'resources: [rbac.yaml]\n', 'apps/b/rbac.yaml': BINDING });
  it('by default (bundle) a kustomization directory is its own inventory: another project\'s binding does not reach its pods', () => {
    expect(satlint(['.'], dir).filter((f) => f[0] === 'apps/a/deployment.yaml')).toEqual([
      ['apps/a/deployment.yaml', 'no-automount-token', 10],
      ['apps/a/deployment.yaml', 'no-default-service-account', 10],
    ]);
  });
  it('--inventory-scope run puts everything in one inventory (the binding reaches the pod)', () => {
    expect(satlint(['--inventory-scope', 'run', '.'], dir).filter((f) => f[0] === 'apps/a/deployment.yaml')).toContainEqual(['apps/a/deployment.yaml', 'token-blast-radius', 10]);
  });
  it('a glob of directories makes each match one scope, also without kustomizations', () => {
    const plain = repo({ 'apps/a/deployment.yaml': DEPLOYMENT, 'apps/b/rbac.yaml': BINDING });
    expect(satlint(['.'], plain)).toContainEqual(['apps/a/deployment.yaml', 'token-blast-radius', 10]);
    expect(satlint(['--inventory-scope', 'apps/*', '.'], plain)).not.toContainEqual(['apps/a/deployment.yaml', 'token-blast-radius', 10]);
    expect(satlint(['--inventory-scope', 'directory', '.'], plain)).not.toContainEqual(['apps/a/deployment.yaml', 'token-blast-radius', 10]);
  });
  it('settings.inventoryScope in the config does the same (globs relative to the config file), and the flag wins', () => {
    const blast = ['apps/a/deployment.yaml', 'token-blast-radius', 10];
    // .git: the config search goes upward to the repository root.
    const plain = repo({ '.git/HEAD': 'ref: refs/heads/main\n', 'satlint.config.yaml': 'settings:\n  inventoryScope: ["apps/*"]\n', 'apps/a/deployment.yaml': DEPLOYMENT, 'apps/b/rbac.yaml': BINDING });
    expect(satlint(['.'], plain)).not.toContainEqual(blast);
    // Run from a subdirectory: the config is found upward and its glob still means <config dir>/apps/*.
    expect(satlint(['a', 'b'], join(plain, 'apps')).map((f) => f[1])).not.toContain('token-blast-radius');
    expect(satlint(['--inventory-scope', 'run', '.'], plain)).toContainEqual(blast);
    const run = repo({ 'satlint.config.yaml': 'settings: {inventoryScope: run}\n', 'apps/a/kustomization.yaml': 'resources: [deployment.yaml]\n', 'apps/a/deployment.yaml': DEPLOYMENT, 'apps/b/rbac.yaml': BINDING });
    expect(satlint(['.'], run)).toContainEqual(blast);
    const bad = spawnSync(process.execPath, [bin, '.'], { cwd: repo({ 'satlint.config.yaml': 'settings: {inventoryScope: [run, directory]}\n', 'a.yaml': DEPLOYMENT }), encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/settings\.inventoryScope takes bundle, run or directory once/);
    const invalid = spawnSync(process.execPath, [bin, '.'], { cwd: repo({ 'satlint.config.yaml': 'settings: {inventoryScope: 3}\n', 'a.yaml': DEPLOYMENT }), encoding: 'utf8' });
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/inventoryScope/);
  });
});

describe('conflicting definitions', () => {
  const SA = (automount: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: apps\nautomountServiceAccountToken: ${automount}\n`;
  it('two different definitions of one ServiceAccount in one inventory are both reported', () => {
    const dir = repo({ 'team-a/sa.yaml': SA('false'), 'team-b/sa.yaml': SA('true') });
    expect(satlint(['.'], dir).filter((f) => f[1] === 'no-conflicting-definitions')).toEqual([
      ['team-a/sa.yaml', 'no-conflicting-definitions', 4],
      ['team-b/sa.yaml', 'no-conflicting-definitions', 4],
    ]);
  });
  it('not across inventory scopes', () => {
    const dir = repo({ 'team-a/sa.yaml': SA('false'), 'team-b/sa.yaml': SA('true') });
    expect(satlint(['--inventory-scope', 'team-*', '.'], dir).filter((f) => f[1] === 'no-conflicting-definitions')).toEqual([]);
  });
});
