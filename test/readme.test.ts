import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rules } from '@satlint/core';

/** The README's "Sample output" is real: running its command prints exactly that. */
const root = resolve(import.meta.dirname, '..');

describe('README', () => {
  it('shows the real output of the sample command', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /## Sample output\n\n```\n\$ satlint ([^\n]+)\n([\s\S]*?)```/.exec(readme);
    expect(block, 'README has a "Sample output" block starting with "$ satlint …"').not.toBeNull();
    const args = block![1]!.split(' ');
    const r = spawnSync(process.execPath, [join(root, 'packages/cli/bin/satlint.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout.trim()).toBe(block![2]!.trim());
  });
  it('shows the real output of the "Audit a cluster" sample, and its kubectl command asks for every kind the audit reads', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Audit a cluster'), readme.indexOf('## Library'));
    const block = /```\n\$ satlint ([^\n]+)\n([\s\S]*?)```/.exec(section);
    expect(block, 'the section has a sample block starting with "$ satlint …"').not.toBeNull();
    const r = spawnSync(process.execPath, [join(root, 'packages/cli/bin/satlint.js'), ...block![1]!.split(' ')], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout).toBe(block![2]!);
    const kubectl = /kubectl get ([a-z,]+)/.exec(section)![1]!.split(',');
    expect(kubectl).toEqual(['serviceaccounts', 'secrets', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'cronjobs', 'jobs', 'pods', 'roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']);
    expect(section).toContain("-A -l '!kubernetes.io/bootstrapping' -o yaml > cluster.yaml");
  });
  it('documents every option of satlint --help in its options table', async () => {
    const { HELP } = await import('../packages/cli/src/args.js');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| option | meaning |'), readme.indexOf('Exit codes:'));
    const options = [...HELP.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!);
    expect(options).toContain('--inventory-scope');
    const missing = options.filter((o) => !new RegExp(`(?<![\\w-])${o}(?![\\w-])`).test(table));
    expect(missing).toEqual([]);
  });
  it('lists exactly the registry in its rules table (generated)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('<!-- rules:start -->'), readme.indexOf('<!-- rules:end -->'));
    expect([...table.matchAll(/^\| \[`([a-z-]+)`\]/gm)].map((m) => m[1])).toEqual(rules.map((r) => r.meta.id));
  });
});
