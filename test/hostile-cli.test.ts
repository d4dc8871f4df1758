import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Hostile input through the npm CLI (packages/cli/bin/satlint.js): each case runs in a fresh
// process, the way a user meets it (the FIFO bug showed only in a process that had not yet loaded
// fast-glob).
const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'packages/cli/bin/satlint.js');

/** Runs the CLI without blocking the test's event loop (a socket server may be serving). */
function satlint(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A hang is a failure, reported as a signal rather than a test timeout.
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
  });
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: prod}\nspec:\n  containers: [{name: web, image: nginx}]\n';

let dir: string;
let server: Server | undefined;
beforeAll(() => {
  if (!existsSync(join(root, 'packages/cli/dist/main.js'))) throw new Error('build first: pnpm run build');
  dir = mkdtempSync(join(tmpdir(), 'satlint-hostile-'));
  writeFileSync(join(dir, 'pod.yaml'), POD);
});
afterAll(() => server?.close());

describe('special files named on the command line', () => {
  it('a FIFO is reported by name, the other file is linted, exit 2, no hang', async (ctx) => {
    const fifo = join(dir, 'pipe.yaml');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.error || made.status !== 0) {
      console.log(`FIFO case skipped: mkfifo is not available here (${made.error?.message ?? made.stderr})`);
      ctx.skip();
    }
    const r = await satlint(['--format', 'json', 'pipe.yaml', 'pod.yaml'], dir);
    expect(r.signal).toBeNull();
    expect(r.stderr).toBe('satlint: Not a regular file: pipe.yaml is a FIFO (named pipe); satlint reads regular files, directories and globs ("-" reads standard input)\n');
    expect(r.code).toBe(2);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    expect(results.map((x) => [x.filePath, x.messages.map((m) => m.ruleId)])).toEqual([[join(dir, 'pod.yaml'), ['no-automount-token', 'no-default-service-account']]]);
  });

  it('a FIFO inside a linted directory is left out and does not block', async () => {
    const sub = join(dir, 'tree');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'pod.yaml'), POD);
    const made = spawnSync('mkfifo', [join(sub, 'fifo.yaml')]);
    expect(made.status).toBe(0);
    const r = await satlint(['--format', 'json', 'tree'], dir);
    expect([r.signal, r.code, r.stderr]).toEqual([null, 1, '']);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((x) => x.filePath)).toEqual([join(sub, 'pod.yaml')]);
  });

  it('a socket is reported by name and the other file is linted', async () => {
    const path = join(dir, 'sock.yaml');
    server = createServer();
    await new Promise<void>((ok) => server!.listen(path, ok));
    const r = await satlint(['--format', 'json', 'sock.yaml', 'pod.yaml'], dir);
    expect(r.signal).toBeNull();
    expect(r.stderr).toBe('satlint: Not a regular file: sock.yaml is a socket; satlint reads regular files, directories and globs ("-" reads standard input)\n');
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((x) => x.filePath)).toEqual([join(dir, 'pod.yaml')]);
  });

  it('a character device is reported by name', async () => {
    const r = await satlint(['--format', 'json', '/dev/null', 'pod.yaml'], dir);
    expect(r.stderr).toBe('satlint: Not a regular file: /dev/null is a character device; satlint reads regular files, directories and globs ("-" reads standard input)\n');
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((x) => x.filePath)).toEqual([join(dir, 'pod.yaml')]);
  });
});

describe('built-in property names through the CLI', () => {
  it('kind: toString in one file does not lose the report of the other files', async () => {
    writeFileSync(join(dir, 'odd.yaml'), 'apiVersion: v1\nkind: toString\nmetadata: {name: constructor, namespace: __proto__}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {constructor: x, hasOwnProperty: y}\n');
    const r = await satlint(['--format', 'json', 'odd.yaml', 'pod.yaml'], dir);
    expect([r.code, r.stderr]).toEqual([1, '']);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    expect(results.map((x) => [x.filePath, x.messages.map((m) => m.ruleId)])).toEqual([
      [join(dir, 'odd.yaml'), []],
      [join(dir, 'pod.yaml'), ['no-automount-token', 'no-default-service-account']],
    ]);
  });
});
