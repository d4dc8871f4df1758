// A run of the bundled command (packages/cli/bin/satlint.cjs, copied to hook/) over directories
// with at least 2 MB of manifests lints in a worker thread with a bounded young generation
// (docs/performance.md): everything a user sees must be what the same run on the main thread
// gives — report, messages, exit code, standard input, plugins, --fix, colours on a terminal.
// SATLINT_THREAD=worker starts the worker for the small inputs these tests use.
import { describe, expect, it, onTestFinished } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'packages/cli/bin/satlint.cjs');

function run(args: string[], opts: { main?: boolean; auto?: boolean; input?: string; cwd?: string } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', SATLINT_NO_CODE_CACHE: '1', SATLINT_THREAD: opts.main ? 'main' : 'worker' };
  if (opts.auto) delete env['SATLINT_THREAD'];
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: opts.cwd ?? root, encoding: 'utf8', env, input: opts.input ?? '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Node 24 and later: Maglev without Turbofan in the worker (Node 22 has Maglev off and keeps V8's defaults).
const DEBUG_LINE = `satlint: debug: linting in a worker thread (young generation 24 MB${Number(process.versions.node.split('.')[0]) >= 24 ? ', V8 --no-turbofan' : ''})\n`;

describe('a directory run in a worker thread', () => {
  it('starts for directories with at least 2 MB of manifests, as --debug says, and not for smaller runs', () => {
    const big = mkdtempSync(join(tmpdir(), 'satlint-thread-big-'));
    const sa = (i: number) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\n  namespace: team\nautomountServiceAccountToken: false\n`;
    const text = Array.from({ length: 2000 }, (_, i) => sa(i)).join('---\n');
    for (let f = 0; f * text.length < 2.1 * 1024 * 1024; f++) writeFileSync(join(big, `sa-${f}.yaml`), text);
    onTestFinished(() => rmSync(big, { recursive: true, force: true }));
    const auto = run(['--debug', '-f', 'json', '-o', join(big, 'out.json'), big], { auto: true });
    expect(auto.code).toBe(0);
    expect(auto.stderr.startsWith(DEBUG_LINE)).toBe(true);
    expect(run(['--debug', '-f', 'json', '-o', join(big, 'out.json'), big], { main: true }).stderr).not.toContain('worker thread');
    // Under 2 MB (examples/secure), a file, a file list: the main thread.
    expect(run(['--debug', '-f', 'json', 'examples/secure'], { auto: true }).stderr).not.toContain('worker thread');
    expect(run(['--debug', '-f', 'json', join(big, 'sa-0.yaml')], { auto: true }).stderr).not.toContain('worker thread');
    expect(run(['--debug', '-f', 'json', 'examples/secure/README.md'], { auto: true }).stderr).not.toContain('worker thread');
    expect(run(['--debug', '-f', 'json', 'examples/secure'], { auto: false }).stderr.startsWith(DEBUG_LINE)).toBe(true);
  });

  it.each([
    ['findings, json', 1, ['-f', 'json', 'examples/insecure']],
    ['clean, stylish', 0, ['examples/secure']],
    ['findings, stylish', 1, ['examples/insecure']],
    ['sarif to standard output', 1, ['-f', 'sarif', 'examples/insecure']],
    ['a usage error', 2, ['examples/secure', '--format', 'nope']],
    ['an unknown rule in --rule', 2, ['examples/secure', '--rule', 'no-such-rule: error']],
    ['--debug lines', 1, ['--debug', '-f', 'json', 'examples/insecure']],
  ] as const)('%s: the same output and exit code (%i) as on the main thread', (_, code, args) => {
    const worker = run([...args]);
    const main = run([...args], { main: true });
    expect(main.code).toBe(code);
    expect(worker.code).toBe(code);
    expect(worker.stdout).toBe(main.stdout);
    expect(worker.stderr).toBe(args.includes('--debug') ? DEBUG_LINE + main.stderr : main.stderr);
  });

  it('reads standard input (`-`) beside a directory, and plugin rules load with import()', () => {
    const dir = mkdtempSync(join(tmpdir(), 'satlint-thread-'));
    writeFileSync(join(dir, 'rule.mjs'), `export default { meta: { id: 'local/any-sa', description: 'x', category: 'service-accounts', severity: 'error', recommended: true, fixable: false, securitySeverity: 1, messages: { m: '{{resource}} seen' }, remediation: 'x', schema: {}, defaultOptions: {} }, check(ctx) { for (const r of ctx.resources) if (r.kind === 'ServiceAccount') ctx.report({ resource: r, messageId: 'm' }); } };\n`);
    writeFileSync(join(dir, 'satlint.config.yaml'), 'plugins: [./rule.mjs]\n');
    writeFileSync(join(dir, 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  namespace: team\nautomountServiceAccountToken: false\n');
    const input = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: piped\n  namespace: team\nautomountServiceAccountToken: false\n';
    const worker = run(['.', '-'], { cwd: dir, input });
    expect(worker).toEqual(run(['.', '-'], { cwd: dir, input, main: true }));
    expect(worker.code).toBe(1);
    expect(worker.stdout).toContain('ServiceAccount team/a seen');
    expect(worker.stdout).toContain('ServiceAccount team/piped seen');
  });

  it('fixes files as the main thread does (--fix)', () => {
    const fixed = (main: boolean) => {
      const dir = mkdtempSync(join(tmpdir(), 'satlint-thread-fix-'));
      cpSync(join(root, 'examples/insecure'), dir, { recursive: true });
      const r = run(['--fix', '-f', 'json', '.'], { cwd: dir, main });
      const name = dir.split('/').pop()!;
      return { code: r.code, stdout: r.stdout.replaceAll(dir, '<dir>').replaceAll(name, '<dir>'), stderr: r.stderr, files: Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')])) };
    };
    const worker = fixed(false);
    const main = fixed(true);
    expect(worker).toEqual(main);
    expect(main.files['no-automount-token.yaml']).not.toBe(readFileSync(join(root, 'examples/insecure/no-automount-token.yaml'), 'utf8'));
  });

  it('colours its report on a terminal as the main thread does', () => {
    // A pseudo-terminal from Python's pty module (on every machine CI runs on): stdout is a TTY.
    const onTty = (main: boolean) => {
      const env: Record<string, string | undefined> = { ...process.env, SATLINT_NO_CODE_CACHE: '1', SATLINT_THREAD: main ? 'main' : 'worker' };
      delete env['NO_COLOR'];
      delete env['FORCE_COLOR'];
      const py = 'import os,pty,sys\npid,fd=pty.fork()\nif pid==0:\n  os.execv(sys.argv[1],sys.argv[1:])\nout=b""\nwhile True:\n  try:\n    b=os.read(fd,65536)\n  except OSError:\n    break\n  if not b: break\n  out+=b\n_,st=os.waitpid(pid,0)\nsys.stdout.buffer.write(out)\nsys.exit(os.waitstatus_to_exitcode(st))\n';
      const r = spawnSync('python3', ['-c', py, process.execPath, bin, 'examples/insecure'], { cwd: root, encoding: 'utf8', env });
      return { code: r.status, out: r.stdout };
    };
    const worker = onTty(false);
    const main = onTty(true);
    expect(main.code).toBe(1);
    expect(main.out).toContain('\u001b[');
    expect(worker).toEqual(main);
  });

  it('stops writing when the reader goes away (`satlint -f json . | head`), on either thread, without a stack trace', async () => {
    // A report of ~1 MB: far more than a pipe holds, so the writes meet the closed pipe.
    const dir = mkdtempSync(join(tmpdir(), 'satlint-thread-epipe-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const pod = (i: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-${i}\n  namespace: prod\nspec:\n  containers:\n    - name: web\n      image: nginx\n`;
    for (let f = 0; f < 400; f++) writeFileSync(join(dir, `pod-${f}.yaml`), pod(f));
    const headOf = (thread: 'main' | 'worker') =>
      new Promise<{ code: number | null; stderr: string; got: number }>((done) => {
        const child = spawn(process.execPath, [bin, '-f', 'json', dir], { env: { ...process.env, NO_COLOR: '1', SATLINT_NO_CODE_CACHE: '1', SATLINT_THREAD: thread }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        let got = 0;
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        // Read the first chunk, then close the pipe as `head` does.
        child.stdout.once('data', (d: Buffer) => {
          got = d.length;
          child.stdout.destroy();
        });
        child.on('close', (code) => done({ code, stderr, got }));
      });
    for (const thread of ['main', 'worker'] as const) {
      const r = await headOf(thread);
      expect(r.got, thread).toBeGreaterThan(0);
      expect({ thread, code: r.code, stderr: r.stderr }).toEqual({ thread, code: 1, stderr: '' });
    }
  });
});
