import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main, type CliIo } from './main.js';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'packages/cli/bin/satlint.js');

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: prod\nspec:\n  serviceAccountName: web\n  containers:\n    - name: web\n      image: nginx\n';
const POD_FIXED = POD.replace('spec:\n', 'spec:\n  automountServiceAccountToken: false\n');

function io(cwd: string, extra: Partial<CliIo> = {}): CliIo & { out: string; err: string } {
  const o = {
    cwd,
    out: '',
    err: '',
    stdout: (s: string) => void (o.out += s),
    stderr: (s: string) => void (o.err += s),
    readStdin: async () => new Uint8Array(),
    isTTY: false,
    env: { NO_COLOR: '1' },
    ...extra,
  };
  return o;
}

function run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('--fix writes that lose nothing', () => {
  it('refuses (exit 2, naming the file) to write a file that changed after it was linted, and keeps the change', async () => {
    const d = mkdtempSync(join(tmpdir(), 'satlint-changed-'));
    const file = join(d, 'pod.yaml');
    writeFileSync(file, POD);
    const edited = POD.replace('image: nginx', 'image: nginx:1.27');
    const t = io(d, { beforeFixWrite: () => writeFileSync(file, edited) });
    expect(await main(['--fix', 'pod.yaml'], t)).toBe(2);
    expect(t.err).toBe(`satlint: ${file} changed since satlint read it; not written (run satlint --fix again)\n`);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    // Unchanged meanwhile: written.
    const u = io(d);
    expect(await main(['--fix', 'pod.yaml'], u)).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(edited.replace('spec:\n', 'spec:\n  automountServiceAccountToken: false\n'));
  });

  it('two concurrent --fix runs on one tree keep both runs\' edits', async () => {
    const d = mkdtempSync(join(tmpdir(), 'satlint-concurrent-'));
    const account = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: prod\n';
    writeFileSync(join(d, 'app.yaml'), `${account}---\n${POD}`);
    writeFileSync(join(d, 'other.yaml'), POD.replace(/web/g, 'api'));
    // Run A fixes the pod specs only, run B the ServiceAccount only; each holds its files for 1.5 s
    // between reading and writing, so without the lock one would overwrite (or refuse) the other.
    const env = { SATLINT_TEST_FIX_DELAY_MS: '1500' };
    const [a, b] = await Promise.all([
      run(['--fix', '--rule', 'service-account-automount: off', '.'], d, env),
      run(['--fix', '--rule', 'no-automount-token: off', '--rule', 'explicit-pod-automount: off', '.'], d, env),
    ]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect(readFileSync(join(d, 'app.yaml'), 'utf8')).toBe(`${account}automountServiceAccountToken: false\n---\n${POD_FIXED}`);
    expect(readFileSync(join(d, 'other.yaml'), 'utf8')).toBe(POD_FIXED.replace(/web/g, 'api'));
  }, 120_000);

  it('does not write through a symbolic link to a file outside the linted paths unless --fix-follow-symlinks', async () => {
    const d = mkdtempSync(join(tmpdir(), 'satlint-symlink-'));
    mkdirSync(join(d, 'tree', 'sub'), { recursive: true });
    mkdirSync(join(d, 'outside'));
    writeFileSync(join(d, 'outside', 'pod.yaml'), POD);
    writeFileSync(join(d, 'tree', 'sub', 'inner.yaml'), POD);
    symlinkSync(join(d, 'outside', 'pod.yaml'), join(d, 'tree', 'out-link.yaml'));
    symlinkSync(join(d, 'tree', 'sub', 'inner.yaml'), join(d, 'tree', 'in-link.yaml'));
    const link = join(d, 'tree', 'out-link.yaml');
    const t = io(d);
    expect(await main(['--fix', 'tree/out-link.yaml', 'tree/in-link.yaml'], t)).toBe(2);
    expect(t.err).toBe(`satlint: ${link} is a symbolic link to ${join(d, 'outside', 'pod.yaml')}, outside the linted paths; not written (pass --fix-follow-symlinks to write through it)\n`);
    expect(readFileSync(join(d, 'outside', 'pod.yaml'), 'utf8')).toBe(POD);
    // A link to a file inside the linted paths is written at its target.
    expect(readFileSync(join(d, 'tree', 'sub', 'inner.yaml'), 'utf8')).toBe(POD_FIXED);
    expect(lstatSync(join(d, 'tree', 'in-link.yaml')).isSymbolicLink()).toBe(true);

    const f = io(d);
    expect(await main(['--fix', '--fix-follow-symlinks', 'tree/out-link.yaml'], f)).toBe(0);
    expect(f.err).toBe('');
    expect(readFileSync(join(d, 'outside', 'pod.yaml'), 'utf8')).toBe(POD_FIXED);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('writes UTF-16 back as UTF-16 and keeps a UTF-8 byte-order mark and CRLF', async () => {
    const d = mkdtempSync(join(tmpdir(), 'satlint-encoding-'));
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POD, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(POD, 'utf16le').swap16()]);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(POD.replace(/\n/g, '\r\n'), 'utf8')]);
    writeFileSync(join(d, 'le.yaml'), le);
    writeFileSync(join(d, 'be.yaml'), be);
    writeFileSync(join(d, 'bom.yaml'), bom);
    expect(await main(['--fix', '.'], io(d))).toBe(0);
    expect(readFileSync(join(d, 'le.yaml'))).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POD_FIXED, 'utf16le')]));
    expect(readFileSync(join(d, 'be.yaml'))).toEqual(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(POD_FIXED, 'utf16le').swap16()]));
    expect(readFileSync(join(d, 'bom.yaml'))).toEqual(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(POD_FIXED.replace(/\n/g, '\r\n'), 'utf8')]));
  });
});
