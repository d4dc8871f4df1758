import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The hook tested with the real pre-commit: it clones this repository at HEAD (so it tests what is
 * committed), installs the hook with `language: node` and runs it on a fresh git repository.
 * pre-commit comes from $PRE_COMMIT, from PATH, or is installed from PyPI into a temporary
 * virtualenv; the test is skipped, saying why, when none of that works.
 */
const root = resolve(import.meta.dirname, '..');
const run = (cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}) =>
  spawnSync(cmd, args, { encoding: 'utf8', timeout: opts.timeout ?? 180_000, ...(opts.cwd ? { cwd: opts.cwd } : {}), env: { ...process.env, ...opts.env } });

function findPreCommit(): { bin?: string; why?: string } {
  if (run('git', ['--version']).status !== 0) return { why: 'git is not available' };
  if (run('git', ['rev-parse', 'HEAD'], { cwd: root }).status !== 0) return { why: 'this checkout is not a git repository' };
  const candidates = [process.env['PRE_COMMIT'], 'pre-commit'].filter((c): c is string => Boolean(c));
  for (const c of candidates) if (run(c, ['--version']).status === 0) return { bin: c };
  const python = ['python3', 'python'].find((p) => run(p, ['--version']).status === 0);
  if (!python) return { why: 'pre-commit is not installed and there is no Python to install it with' };
  const venv = mkdtempSync(join(tmpdir(), 'satlint-pre-commit-venv-'));
  if (run(python, ['-m', 'venv', venv]).status !== 0) return { why: `${python} -m venv failed` };
  const pip = run(join(venv, 'bin/pip'), ['install', '--quiet', 'pre-commit'], { timeout: 240_000 });
  if (pip.status !== 0) return { why: `pip install pre-commit failed: ${(pip.stderr || '').trim().split('\n').pop()}` };
  return { bin: join(venv, 'bin/pre-commit') };
}

const found = findPreCommit();
// helm for the satlint-helm hook: on PATH, or where .ci/tools.sh builds it (~/go/bin).
const helm = [process.env['SATLINT_HELM'], ...(process.env['PATH'] ?? '').split(':').map((d) => join(d, 'helm')), join(homedir(), 'go/bin/helm')].find((h): h is string => Boolean(h) && spawnSync(h!, ['version', '--short']).status === 0);
if (!helm) console.warn('satlint-helm hook test skipped: no helm on PATH, in $SATLINT_HELM or ~/go/bin');
if (!found.bin) console.warn(`pre-commit hook test skipped: ${found.why}`);

describe.skipIf(!found.bin)('the pre-commit hook, run by the real pre-commit', () => {
  const head = run('git', ['rev-parse', 'HEAD'], { cwd: root }).stdout.trim();
  const home = mkdtempSync(join(tmpdir(), 'satlint-pre-commit-home-'));
  // A user's empty HOME too: pre-commit uses a `node` on PATH only when it is outside HOME (CI's
  // Node versions are cached under ~/.cache/satlint-node), and npm finds no ~/.npmrc there.
  const userHome = mkdtempSync(join(tmpdir(), 'satlint-pre-commit-user-'));

  function project(files: Record<string, string>, hook = 'satlint'): string {
    const dir = mkdtempSync(join(tmpdir(), 'satlint-pre-commit-repo-'));
    for (const [to, from] of Object.entries(files)) {
      if (statSync(join(root, from)).isDirectory()) cpSync(join(root, from), join(dir, to), { recursive: true });
      else {
        mkdirSync(join(dir, to, '..'), { recursive: true });
        copyFileSync(join(root, from), join(dir, to));
      }
    }
    // rev: a full commit sha, as docs/ci.md tells users to pin it while there are no tags.
    writeFileSync(join(dir, '.pre-commit-config.yaml'), `repos:\n  - repo: ${root}\n    rev: ${head}\n    hooks:\n      - id: ${hook}\n`);
    for (const args of [['init', '-q'], ['config', 'user.email', 'test@example.com'], ['config', 'user.name', 'test'], ['add', '-A'], ['commit', '-qm', 'init']]) {
      expect(run('git', args, { cwd: dir }).status).toBe(0);
    }
    return dir;
  }

  it('fails a commit with an insecure manifest and shows the findings', () => {
    const dir = project({ 'k8s/app.yaml': 'examples/insecure/no-automount-token.yaml', 'k8s/web.yaml': 'examples/secure/web-app.yaml' });
    const r = run(found.bin!, ['run', '--all-files'], { cwd: dir, env: { PRE_COMMIT_HOME: home, HOME: userHome } });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^satlint\.+Failed$/m);
    expect(r.stdout).toContain('- exit code: 1');
    expect(r.stdout).toMatch(/k8s\/app\.yaml\n\s+16:5\s+error\s+Deployment shop\/checkout mounts an API token .* no-automount-token/);
    expect(r.stdout).not.toContain('k8s/web.yaml');
  });
  it('passes a commit with hardened manifests', () => {
    const dir = project({ 'k8s/web.yaml': 'examples/secure/web-app.yaml', 'k8s/job.yaml': 'examples/secure/short-lived-job.yaml' });
    const r = run(found.bin!, ['run', '--all-files'], { cwd: dir, env: { PRE_COMMIT_HOME: home, HOME: userHome } });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^satlint\.+Passed$/m);
    expect(existsSync(join(dir, 'k8s/web.yaml'))).toBe(true);
  });

  it.skipIf(!helm)('satlint-helm renders the chart a staged file belongs to and reports findings on template lines', () => {
    const dir = project({ 'deploy/app': 'test/fixtures/helm/app', 'k8s/web.yaml': 'examples/secure/web-app.yaml' }, 'satlint-helm');
    const r = run(found.bin!, ['run', '--all-files'], { cwd: dir, env: { PRE_COMMIT_HOME: home, HOME: userHome, PATH: `${dirname(helm!)}:${process.env['PATH']}` } });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^satlint \(Helm charts rendered\)\.+Failed$/m);
    expect(r.stdout).toMatch(/deploy\/app\/templates\/deployment\.yaml\n\s+19:7\s+error\s+Deployment default\/release-name-web sets automountServiceAccountToken: true.* no-automount-token/);
    expect(r.stdout).not.toContain('k8s/web.yaml');
  });
});
