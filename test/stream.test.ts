// The streamed run (files read one at a time and let go once linted: packages/core/src/pipeline/
// stream.ts, chosen by packages/cli/src/sources.ts) gives, byte for byte, the report of a run that
// reads every file first: on the shared corpus as one inventory (where no-conflicting-definitions
// reads hundreds of files again), and on a small tree with inventory scopes and an unreadable file.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'packages/cli/bin/satlint.js');
const corpus = resolve(root, '../shared/corpus');
const present = existsSync(join(corpus, 'FILES.tsv'));
if (!present) {
  if (process.env['CI']) throw new Error(`test/stream.test.ts: ${corpus} is missing on CI`);
  console.warn('streamed corpus test skipped: ../shared/corpus is not present in this checkout');
}

function satlint(args: string[], stream: 'always' | 'never', cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SATLINT_STREAM: stream, SATLINT_NO_CODE_CACHE: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!present)('a streamed run over the shared corpus as one inventory', () => {
  it('gives the report of a run that reads every file first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'satlint-stream-'));
    const args = (name: string) => ['--inventory-scope', 'run', '--debug', '-f', 'json', '-o', join(dir, name), corpus];
    const streamed = satlint(args('streamed.json'), 'always');
    const first = satlint(args('first.json'), 'never');
    expect(streamed.status, streamed.stderr).toBe(1);
    expect(first.status).toBe(1);
    const a = readFileSync(join(dir, 'streamed.json'), 'utf8');
    const b = readFileSync(join(dir, 'first.json'), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    expect(a === b).toBe(true);
    const line = /streamed: (\d+) files read one at a time, in 1 inventory scope; (\d+) linted alone, (\d+) kept in part, (\d+) kept whole, (\d+) read again/.exec(streamed.stderr);
    expect(line, streamed.stderr).not.toBeNull();
    const [, read, alone, lean, , again] = line!.map(Number);
    expect(read).toBeGreaterThan(1500);
    expect(alone).toBeGreaterThan(500);
    expect(lean).toBeGreaterThan(10);
    expect(again).toBeGreaterThan(100);
    expect(first.stderr).not.toContain('streamed:');
  }, 240_000);
});

describe('a streamed run over a tree with inventory scopes', () => {
  it('gives the same reports, the unreadable file included, in every format that can stream', () => {
    const dir = mkdtempSync(join(tmpdir(), 'satlint-stream-tree-'));
    const cm = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: apps\ndata:\n  script: "kubectl create token ${name} --duration 24h"\n  pad: "${'p'.repeat(3000)}"\n${extra}`;
    const deploy = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: apps\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      serviceAccountName: ${name}\n      containers:\n      - name: c\n        image: nginx:1.27\n`;
    mkdirSync(join(dir, 'app/base'), { recursive: true });
    writeFileSync(join(dir, 'app/base/kustomization.yaml'), 'resources: [all.yaml]\n');
    writeFileSync(join(dir, 'app/base/all.yaml'), [cm('one'), deploy('web'), cm('two'), `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: apps}\n`].join('---\n'));
    writeFileSync(join(dir, 'config.yaml'), cm('one', '  other: value\n'));
    writeFileSync(join(dir, 'app.yaml'), deploy('api'));
    writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x61, 0x00, 0x62]));
    try {
      for (const format of ['json', 'sarif', 'stylish']) {
        const a = satlint(['-f', format, '.'], 'always', dir);
        const b = satlint(['-f', format, '.'], 'never', dir);
        expect(a.status, a.stderr).toBe(1);
        expect(b.status).toBe(1);
        expect(a.stdout).toBe(b.stdout);
        expect(a.stderr).toBe(b.stderr);
      }
      const debug = satlint(['--debug', '-f', 'json', '.'], 'always', dir).stderr;
      expect(debug).toMatch(/streamed: 4 files read one at a time, in 2 inventory scopes; 2 linted alone, 1 kept in part, 1 kept whole, 0 read again/);
      const report = JSON.parse(satlint(['-f', 'json', '.'], 'always', dir).stdout) as { filePath: string; messages: { ruleId: string | null; message: string }[] }[];
      expect(report.map((r) => r.filePath.slice(dir.length + 1)).sort()).toEqual(['app.yaml', 'app/base/all.yaml', 'app/base/kustomization.yaml', 'binary.yaml', 'config.yaml']);
      expect(report.find((r) => r.filePath.endsWith('binary.yaml'))!.messages[0]!.message).toMatch(/^Binary file \(NUL byte at line 1, column 2\)/);
      expect(report.find((r) => r.filePath.endsWith('config.yaml'))!.messages.map((m) => m.ruleId)).toContain('token-request-lifetime');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
