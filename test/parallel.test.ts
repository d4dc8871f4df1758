// --concurrency: worker threads must give exactly what one thread gives (same findings, same
// order, same counts), with cross-resource rules seeing every file and with plugin rules.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chunks } from '../packages/cli/src/parallel.js';
import { estimateDocuments, workerCount, AUTO_MIN_DOCUMENTS_PER_WORKER } from '../packages/cli/src/concurrency.js';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'packages/cli/bin/satlint.js');
const hook = join(root, 'hook/satlint.cjs');

function run(script: string, args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A repository whose cross-file findings need every file: ServiceAccounts, workloads and RBAC in separate files. */
function crossFileRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'satlint-parallel-'));
  mkdirSync(join(dir, 'k8s'));
  for (let i = 0; i < 12; i++) {
    writeFileSync(join(dir, `k8s/sa-${i}.yaml`), `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app-${i}\n  namespace: team\n${i % 2 ? 'automountServiceAccountToken: false\n' : ''}`);
    writeFileSync(join(dir, `k8s/deploy-${i}.yaml`), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: team\nspec:\n  template:\n    spec:\n      serviceAccountName: app-${i % 5 === 0 ? 'typo' : i}\n      containers:\n        - name: c\n          image: nginx\n`);
    writeFileSync(join(dir, `k8s/rbac-${i}.yaml`), `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb-${i}\n  namespace: team\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${i % 3 === 0 ? 'cluster-admin' : 'view'}}\nsubjects: [{kind: ServiceAccount, name: app-${i}, namespace: team}]\n`);
  }
  return dir;
}

describe('--concurrency', () => {
  it('auto uses workers only for large inputs, and never more than files or CPUs', () => {
    const small = [{ path: 'a', text: 'a: 1\n---\nb: 2\n' }, { path: 'b', text: 'c: 3\n' }];
    expect(estimateDocuments(small)).toBe(3);
    expect(workerCount('auto', small, 8)).toBe(1);
    const big = Array.from({ length: 4 }, (_, i) => ({ path: `f${i}`, text: 'a: 1\n---\n'.repeat(AUTO_MIN_DOCUMENTS_PER_WORKER / 2) }));
    expect(workerCount('auto', big, 8)).toBe(2);
    expect(workerCount('auto', big, 1)).toBe(1);
    expect(workerCount(3, small, 8)).toBe(2);
    expect(workerCount(4, [small[0]!], 8)).toBe(1);
  });

  it('hands out work largest file first, in chunks', () => {
    const sources = [{ path: 'small', text: 'x'.repeat(10) }, { path: 'huge', text: 'x'.repeat(400_000) }, { path: 'mid', text: 'x'.repeat(100_000) }];
    expect(chunks(sources)).toEqual([[1], [2, 0]]);
  });

  it('rejects a bad value with exit 2', () => {
    const r = run(bin, ['--concurrency', 'many', 'examples/secure']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('satlint: --concurrency takes a number from 1 to 64, auto or off, not "many"\n');
  });

  it('gives the same report with 1, 2 and 3 workers on cross-file findings (CLI and hook bundle)', () => {
    const dir = crossFileRepo();
    const one = run(bin, ['--concurrency', '1', '-f', 'json', 'k8s'], dir);
    expect(one.code).toBe(1);
    const rules = new Set((JSON.parse(one.stdout) as { messages: { ruleId: string }[] }[]).flatMap((r) => r.messages.map((m) => m.ruleId)));
    // Findings that exist only because another file is in the run.
    for (const id of ['service-account-exists', 'token-blast-radius', 'no-unneeded-token', 'explicit-pod-automount']) expect(rules, id).toContain(id);
    for (const n of ['2', '3']) {
      const many = run(bin, ['--concurrency', n, '-f', 'json', 'k8s'], dir);
      expect(many.code).toBe(1);
      expect(many.stdout).toBe(one.stdout);
    }
    const bundled = run(hook, ['--concurrency', '2', '-f', 'json', 'k8s'], dir);
    expect(bundled.stdout).toBe(one.stdout);
  });

  it('loads plugin rules in every worker', () => {
    const dir = crossFileRepo();
    writeFileSync(join(dir, 'rule.mjs'), `export default { meta: { id: 'local/sa-name', description: 'x', category: 'service-accounts', severity: 'warn', recommended: true, fixable: false, securitySeverity: 1, messages: { m: '{{resource}} seen' }, remediation: 'x', schema: {}, defaultOptions: {} }, check(ctx) { for (const r of ctx.resources) if (r.kind === 'ServiceAccount') ctx.report({ resource: r, messageId: 'm' }); } };\n`);
    writeFileSync(join(dir, 'satlint.config.yaml'), 'plugins: [./rule.mjs]\n');
    const one = run(bin, ['--concurrency', '1', '-f', 'json', 'k8s'], dir);
    const two = run(bin, ['--concurrency', '2', '-f', 'json', 'k8s'], dir);
    expect(one.stderr).toBe('');
    expect((one.stdout.match(/local\/sa-name/g) ?? []).length).toBe(12);
    expect(two.stdout).toBe(one.stdout);
  });

  const corpus = resolve(root, '../shared/corpus');
  if (!existsSync(corpus)) console.warn('parallel corpus comparison skipped: ../shared/corpus is not present in this checkout');
  it.skipIf(!existsSync(corpus))('gives the same report with 2 workers on the whole shared corpus', () => {
    const one = run(bin, ['--concurrency', '1', '-f', 'json', corpus]);
    const two = run(bin, ['--concurrency', '2', '-f', 'json', corpus]);
    expect(one.code).toBe(1);
    expect(JSON.parse(one.stdout).length).toBeGreaterThan(300);
    expect(two.stdout).toBe(one.stdout);
  }, 300_000); // two runs over the corpus: 72 s seen with 8 test suites sharing 2 cores
});
