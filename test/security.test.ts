import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FORMATS } from '../packages/core/src/format/index.js';

// @ts-expect-error plain ESM helper shared with test-support/robustness-cases.mjs
import { handOver, unprivileged, unprivilegedSkipReason } from '../test-support/unprivileged.mjs';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'packages/cli/bin/satlint.js');
const run = (args: string[], cwd = root, extra: string[] = []) => spawnSync(process.execPath, [...extra, bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

// Test credentials: AWS's documented example key, a made-up secret key, a fake GCP key, a legacy token.
const AWS_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const GCP_KEY = '{"type": "service_account", "project_id": "p", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n"}';
const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IlRlc3RUb2tlbiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2k6ZGVwbG95ZXIifQ.c2lnbmF0dXJl';
const b64 = (s: string) => Buffer.from(s).toString('base64');
// Values that look like nothing in particular: only where they stand says they are secret.
const PLAIN = ['hunter2-db', 'flow-s3cr3t', 'pin-4711-x', 'arg-s3cr3t', 'sd-plain-x'];

describe('no secret value reaches any output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'satlint-secrets-'));
  writeFileSync(
    join(dir, 'secrets.yaml'),
    [
      'apiVersion: v1\nkind: Secret\nmetadata: {name: plain, namespace: ops}\nstringData:',
      `  AWS_ACCESS_KEY_ID: ${AWS_ID}`,
      `  AWS_SECRET_ACCESS_KEY: ${AWS_SECRET}`,
      `  key.json: '${GCP_KEY.replace(/'/g, "''")}'`,
      '---',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: encoded, namespace: ops}\ndata:',
      `  id: ${b64(AWS_ID)}`,
      `  creds: ${b64(`[default]\naws_access_key_id = ${AWS_ID}\naws_secret_access_key = ${AWS_SECRET}\n`)}`,
      `  key.json: ${b64(GCP_KEY)}`,
      '---',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: ci-token\n  namespace: ops\n  annotations: {kubernetes.io/service-account.name: ci}\ntype: kubernetes.io/service-account-token\ndata:',
      `  token: ${b64(TOKEN)}`,
      '---',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ops}\nspec:\n  serviceAccountName: app\n  containers:\n    - name: c\n      env:',
      `        - {name: AWS_SECRET_ACCESS_KEY, value: "${AWS_SECRET}"}`,
      `        - {name: AZURE_CLIENT_SECRET, value: "azure-${AWS_SECRET}"}`,
      '        - name: DB_PASSWORD',
      `          value: ${PLAIN[0]}`,
      `        - {name: API_TOKEN, value: ${PLAIN[1]}}`,
      `        - name: PIN\n          value: "${PLAIN[2]}"`,
      `      args: [--api-token, ${PLAIN[3]}]`,
      '---',
      `apiVersion: v1\nkind: Secret\nmetadata: {name: flow, namespace: ops}\nstringData: {password: ${PLAIN[4]}}`,
      '',
    ].join('\n'),
  );
  const values = [AWS_ID, AWS_SECRET, 'BEGIN PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', TOKEN, b64(AWS_ID), b64(GCP_KEY).slice(0, 24), b64(TOKEN).slice(0, 24), 'wJalrXUtnFEMI', ...PLAIN];
  for (const format of FORMATS) {
    it(`--format ${format}`, () => {
      const r = run(['-f', format, 'secrets.yaml'], dir);
      const out = r.stdout + r.stderr;
      if (format === 'summary') expect(out).toMatch(/legacy token Secrets/);
      else {
        expect(r.status).toBe(1);
        expect(out).toMatch(/no-static-cloud-credentials/);
        expect(out).toMatch(/no-legacy-token-secret/);
      }
      // The HTML report shows source excerpts: the lines around the findings, values masked.
      if (format === 'html') expect(out).toContain('«redacted»');
      for (const v of values) expect(out, `output contains ${v}`).not.toContain(v);
    });
  }
  it('--fix-dry-run json (which carries fixed text) and a baseline file', () => {
    const r = run(['--fix-dry-run', '-f', 'json', 'secrets.yaml'], dir);
    const results = JSON.parse(r.stdout) as { messages: unknown[]; output?: string }[];
    // The fixed text is printed with every Secret value masked; the messages do not quote them either.
    expect(results.some((x) => x.output?.includes('<masked>'))).toBe(true);
    for (const v of values) expect(r.stdout, `--fix-dry-run output contains ${v}`).not.toContain(v);
    run(['--write-baseline', 'baseline.json', 'secrets.yaml'], dir);
    const baseline = readFileSync(join(dir, 'baseline.json'), 'utf8');
    for (const v of values) expect(baseline).not.toContain(v);
  });
});

describe('no network', () => {
  it('every command works with the network modules blocked', () => {
    const preload = ['--import', join(root, 'test/no-network.mjs')];
    const probe = spawnSync(process.execPath, [...preload, '-e', "fetch('http://example.com').catch(e => { console.log(e.message); process.exit(0); }); "], { encoding: 'utf8' });
    expect(probe.stdout + probe.stderr).toMatch(/network access attempted: fetch/);
    for (const args of [['examples'], ['-f', 'sarif', 'examples/insecure'], ['-f', 'junit', 'examples/secure'], ['--list-rules'], ['can-i', 'get', 'secrets', '--as', 'system:serviceaccount:finance:report-generator', '-n', 'finance', 'examples/insecure']]) {
      const r = run(args, root, preload);
      expect(r.stderr, args.join(' ')).not.toMatch(/network access attempted|internal error/);
      expect([0, 1], args.join(' ')).toContain(r.status);
    }
  });
});

// As root (CI) the read-only case runs as the unprivileged user nobody, on a file that user owns.
const unprivilegedSkip = unprivilegedSkipReason();
if (unprivilegedSkip) console.warn(`read-only --fix test skipped: ${unprivilegedSkip}`);

describe('--fix safety', () => {
  const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: app\n  containers: []\n';
  it('fixes a symlinked manifest at its target and keeps the link', () => {
    const d = mkdtempSync(join(tmpdir(), 'satlint-link-'));
    mkdirSync(join(d, 'real'));
    writeFileSync(join(d, 'real/pod.yaml'), POD);
    symlinkSync('real/pod.yaml', join(d, 'pod.yaml'));
    const r = run(['--fix', 'pod.yaml'], d);
    expect(r.stderr).toBe('');
    expect(lstatSync(join(d, 'pod.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(d, 'pod.yaml'))).toBe('real/pod.yaml');
    expect(readFileSync(join(d, 'real/pod.yaml'), 'utf8')).toContain('automountServiceAccountToken: false');
  });
  it.skipIf(Boolean(unprivilegedSkip))('reports a read-only file and leaves it untouched (as an unprivileged user: as root, through setpriv)', () => {
    const d = mkdtempSync(join(tmpdir(), 'satlint-ro-'));
    writeFileSync(join(d, 'pod.yaml'), POD);
    chmodSync(join(d, 'pod.yaml'), 0o444);
    // The user owns the directory and the file; only the file's mode says read-only.
    handOver(d);
    const [cmd, args] = unprivileged(process.execPath, [bin, '--fix', 'pod.yaml']) as [string, string[]];
    const r = spawnSync(cmd, args, { cwd: d, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).toMatch(/pod\.yaml: file is read-only; not written/);
    expect(readFileSync(join(d, 'pod.yaml'), 'utf8')).toBe(POD);
    expect(statSync(join(d, 'pod.yaml')).mode & 0o777).toBe(0o444);
  });
  it('never leaves a temporary file behind', () => {
    const d = mkdtempSync(join(tmpdir(), 'satlint-tmp-'));
    writeFileSync(join(d, 'pod.yaml'), POD);
    run(['--fix', '.'], d);
    expect(spawnSync('ls', ['-a', d], { encoding: 'utf8' }).stdout.split('\n').filter((f) => f.includes('satlint-'))).toEqual([]);
  });
});

describe('errors are one or two lines, without a stack', () => {
  it.each([
    [['no-such-dir']],
    [['--format', 'xml', 'examples']],
    [['--max-warnings', 'many', 'examples']],
    [['--baseline', 'missing.json', 'examples']],
    [['can-i', 'get', 'secrets', 'examples']],
  ])('satlint %j', (args) => {
    const r = run(args);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines[0]).toMatch(/^satlint: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
