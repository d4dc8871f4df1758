import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const hasBash = spawnSync('bash', ['--version']).status === 0;
if (!hasBash) console.warn('GitHub Action shell step test skipped: bash is not available');

/** Runs action/run.sh the way the composite action does: inputs in the environment, GitHub's variables set. */
function runAction(workspace: string, inputs: Record<string, string>) {
  const output = join(workspace, '.github-output');
  writeFileSync(output, '');
  const r = spawnSync(join(root, 'action/run.sh'), [], {
    cwd: workspace,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH: root, GITHUB_OUTPUT: output, RUNNER_TEMP: join(workspace, '.runner-temp'), ...inputs },
  });
  return { ...r, outputs: Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split('=', 2) as [string, string])) };
}

describe.skipIf(!hasBash)('GitHub Action shell step (action/run.sh)', () => {
  it('writes SARIF, prints annotations and reports the exit code as an output', () => {
    const ws = mkdtempSync(join(tmpdir(), 'satlint-action-'));
    mkdirSync(join(ws, 'k8s'));
    copyFileSync(join(root, 'examples/insecure/no-automount-token.yaml'), join(ws, 'k8s/app.yaml'));
    const r = runAction(ws, { SATLINT_PATHS: 'k8s', SATLINT_SARIF_FILE: 'out/report.sarif', SATLINT_ARGS: '' });
    expect(r.status).toBe(0);
    expect(r.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'out/report.sarif' });
    expect(r.stdout).toContain('::error file=k8s/app.yaml,line=16,col=5,endLine=16,endColumn=9,title=satlint(no-automount-token)::');
    const sarif = JSON.parse(readFileSync(join(ws, 'out/report.sarif'), 'utf8'));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('k8s/app.yaml');
    expect(existsSync(join(ws, '.runner-temp/satlint-cache'))).toBe(true);
  });
  it('passes clean manifests with exit-code 0, and never runs input text as shell', () => {
    const ws = mkdtempSync(join(tmpdir(), 'satlint-action-'));
    copyFileSync(join(root, 'examples/secure/web-app.yaml'), join(ws, 'web.yaml'));
    const marker = join(ws, 'pwned');
    const r = runAction(ws, { SATLINT_PATHS: `web.yaml\n$(touch ${marker})`, SATLINT_SARIF_FILE: 's.sarif', SATLINT_ARGS: `; touch ${marker}` });
    expect(existsSync(marker)).toBe(false);
    expect(r.outputs['exit-code']).toBe('2');
    const clean = runAction(ws, { SATLINT_PATHS: 'web.yaml', SATLINT_SARIF_FILE: 's.sarif', SATLINT_ARGS: '--max-warnings 0' });
    expect(clean.outputs['exit-code']).toBe('0');
    expect(clean.stdout).toBe('');
  });
});
