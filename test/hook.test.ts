// hook/satlint.cjs: the command pre-commit and the GitHub Action run. It starts the one-file CLI
// (hook/satlint-cli.cjs) with a V8 code cache kept beside it; the report must not depend on the
// cache (absent, valid, corrupt or switched off), and import() of plugin rules must still work.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** A copy of hook/ in a fresh directory, so the cache written there is this test's own. */
function hookCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'satlint-hook-'));
  mkdirSync(join(dir, 'hook'));
  for (const f of ['satlint.cjs', 'satlint-cli.cjs']) copyFileSync(join(root, 'hook', f), join(dir, 'hook', f));
  return join(dir, 'hook');
}

function run(hook: string, args: string[], env: Record<string, string> = {}, cwd = root) {
  const r = spawnSync(process.execPath, [join(hook, 'satlint.cjs'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cacheFiles = (hook: string) => readdirSync(hook).filter((f) => f.endsWith('.code-cache'));
const args = ['-f', 'json', 'examples/insecure/no-automount-token.yaml'];

describe('hook/satlint.cjs', () => {
  it('writes a code cache beside the bundle after the first run, and gives the same report with it', () => {
    const hook = hookCopy();
    const first = run(hook, args);
    expect(first.code).toBe(1);
    expect(first.stderr).toBe('');
    expect(cacheFiles(hook)).toEqual([`.satlint-cli.${process.version}.${process.arch}.code-cache`]);
    const cache = join(hook, cacheFiles(hook)[0]!);
    const written = statSync(cache).mtimeMs;
    const second = run(hook, args);
    expect(second).toEqual(first);
    // A cache V8 accepts is not rewritten.
    expect(statSync(cache).mtimeMs).toBe(written);
    // Same findings as the workspace CLI.
    const dist = spawnSync(process.execPath, [join(root, 'packages/cli/bin/satlint.js'), ...args], { cwd: root, encoding: 'utf8' });
    expect(first.stdout).toBe(dist.stdout);
  });

  it('rebuilds a corrupt cache and ignores it meanwhile', () => {
    const hook = hookCopy();
    const clean = run(hook, args);
    const cache = join(hook, cacheFiles(hook)[0]!);
    writeFileSync(cache, Buffer.from('not a V8 code cache'.repeat(100)));
    const r = run(hook, args);
    expect(r).toEqual(clean);
    expect(readFileSync(cache).toString('latin1')).not.toContain('not a V8 code cache');
    expect(readdirSync(hook).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes no cache with SATLINT_NO_CODE_CACHE=1', () => {
    const hook = hookCopy();
    const r = run(hook, args, { SATLINT_NO_CODE_CACHE: '1' });
    expect(r.code).toBe(1);
    expect(cacheFiles(hook)).toEqual([]);
  });

  it('keeps a separate cache for runs in the worker thread, so a one-file run never loads what a large run compiled', () => {
    const hook = hookCopy();
    const main = `.satlint-cli.${process.version}.${process.arch}.code-cache`;
    const worker = `.satlint-cli.${process.version}.${process.arch}.worker.code-cache`;
    const inWorker = run(hook, args, { SATLINT_THREAD: 'worker' });
    expect(inWorker.code).toBe(1);
    expect(cacheFiles(hook)).toEqual([worker]);
    const onMain = run(hook, args);
    expect(onMain).toEqual(inWorker);
    expect(cacheFiles(hook).sort()).toEqual([main, worker]);
    // Each is used by its own kind of run (V8 accepts it: not rewritten).
    const written = [main, worker].map((f) => statSync(join(hook, f)).mtimeMs);
    expect(run(hook, args, { SATLINT_THREAD: 'worker' })).toEqual(inWorker);
    expect(run(hook, args)).toEqual(onMain);
    expect([main, worker].map((f) => statSync(join(hook, f)).mtimeMs)).toEqual(written);
  });

  it('writes the report to fd 1 without making process.stdout, whose stream modules cost a one-file run ~3 ms', () => {
    const hook = hookCopy();
    // Preloaded: reports on exit whether anything asked for process.stdout.
    const trap = join(hook, '..', 'trap.cjs');
    writeFileSync(trap, "const fs = require('node:fs'); const d = Object.getOwnPropertyDescriptor(process, 'stdout'); let made = false; Object.defineProperty(process, 'stdout', { configurable: true, enumerable: d.enumerable, get() { made = true; return d.get.call(process); } }); process.on('exit', () => fs.writeSync(2, made ? 'process.stdout made\\n' : 'process.stdout untouched\\n'));\n");
    for (const [argv, code] of [[['examples/secure/web-app.yaml'], 0], [args, 1], [['examples/insecure/no-automount-token.yaml'], 1]] as const) {
      const r = spawnSync(process.execPath, ['-r', trap, join(hook, 'satlint.cjs'), ...argv], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.stderr).toBe('process.stdout untouched\n');
      expect(r.status).toBe(code);
      if (code === 1) expect(r.stdout).toContain('no-automount-token');
    }
  });

  it('loads plugin rules with import() from inside the cached bundle', () => {
    const hook = hookCopy();
    const dir = mkdtempSync(join(tmpdir(), 'satlint-hook-plugin-'));
    writeFileSync(join(dir, 'rule.mjs'), `export default { meta: { id: 'local/any-sa', description: 'x', category: 'service-accounts', severity: 'error', recommended: true, fixable: false, securitySeverity: 1, messages: { m: '{{resource}} seen' }, remediation: 'x', schema: {}, defaultOptions: {} }, check(ctx) { for (const r of ctx.resources) if (r.kind === 'ServiceAccount') ctx.report({ resource: r, messageId: 'm' }); } };\n`);
    writeFileSync(join(dir, 'satlint.config.yaml'), 'plugins: [./rule.mjs]\n');
    writeFileSync(join(dir, 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  namespace: team\nautomountServiceAccountToken: false\n');
    for (let i = 0; i < 2; i++) {
      const r = run(hook, ['sa.yaml'], {}, dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('ServiceAccount team/a seen  local/any-sa');
    }
    expect(existsSync(join(hook, cacheFiles(hook)[0]!))).toBe(true);
  });
});
