import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const freshEnv = async () => (await import('./lib/fresh-npm.js')).freshEnv();
const hasBash = spawnSync('bash', ['--version']).status === 0;
if (!hasBash) console.warn('GitHub Action shell step test skipped: bash is not available');

/** Runs action/run.sh the way the composite action does: inputs in the environment, GitHub's variables set. */
function runAction(workspace: string, inputs: Record<string, string>) {
  const output = join(workspace, '.github-output');
  writeFileSync(output, '');
  writeFileSync(join(workspace, '.github-step-summary'), '');
  const r = spawnSync(join(root, 'action/run.sh'), [], {
    cwd: workspace,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH: root, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: join(workspace, '.github-step-summary'), RUNNER_TEMP: join(workspace, '.runner-temp'), ...inputs },
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
    // The job summary: satlint's markdown report, the same the CLI prints for these paths.
    const markdown = spawnSync(process.execPath, [join(root, 'hook/satlint.cjs'), '--format', 'markdown', 'k8s'], { cwd: ws, encoding: 'utf8' }).stdout;
    expect(markdown).toMatch(/^## satlint\n/);
    expect(readFileSync(join(ws, '.github-step-summary'), 'utf8')).toBe(markdown);
    const off = runAction(ws, { SATLINT_PATHS: 'k8s', SATLINT_SARIF_FILE: 'out/report.sarif', SATLINT_ARGS: '', SATLINT_SUMMARY: 'false' });
    expect(off.outputs['exit-code']).toBe('1');
    expect(readFileSync(join(ws, '.github-step-summary'), 'utf8')).toBe('');
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

  it('args: one argument per line, passed exactly as written (values with spaces and colons, CRLF, indentation)', () => {
    const ws = mkdtempSync(join(tmpdir(), 'satlint-action-'));
    copyFileSync(join(root, 'examples/insecure/no-automount-token.yaml'), join(ws, 'app.yaml'));
    const r = runAction(ws, { SATLINT_PATHS: 'app.yaml', SATLINT_SARIF_FILE: 's.sarif', SATLINT_ARGS: '--rule\r\n  no-automount-token: off  \r\n\r\n--rule\nservice-account-automount: [error]\n' });
    expect(r.stderr).toBe('satlint exited with 1\n');
    expect(r.outputs['exit-code']).toBe('1');
    // no-automount-token is off, service-account-automount raised to an error.
    expect(r.stdout).toMatch(/^::error file=app\.yaml,line=27,col=1,[^\n]*title=satlint\(service-account-automount\)::/);
    expect(r.stdout).not.toContain('no-automount-token');
    const single = runAction(ws, { SATLINT_PATHS: 'app.yaml', SATLINT_SARIF_FILE: 's.sarif', SATLINT_ARGS: '--max-warnings 0 --quiet' });
    expect(single.outputs['exit-code']).toBe('1');
    expect(single.stdout).toContain('title=satlint(no-automount-token)');
    expect(single.stdout).not.toContain('service-account-automount');
  });

  it('paths: one per line, so a path may hold spaces; a path that looks like an option is a path', () => {
    const ws = mkdtempSync(join(tmpdir(), 'satlint-action-'));
    mkdirSync(join(ws, 'my manifests'));
    copyFileSync(join(root, 'examples/insecure/no-automount-token.yaml'), join(ws, 'my manifests/app.yaml'));
    const r = runAction(ws, { SATLINT_PATHS: 'my manifests\n', SATLINT_SARIF_FILE: 's.sarif', SATLINT_ARGS: '' });
    expect(r.outputs['exit-code']).toBe('1');
    expect(r.stdout).toContain('::error file=my manifests/app.yaml,line=16,');
    const option = runAction(ws, { SATLINT_PATHS: '--version', SATLINT_SARIF_FILE: 's.sarif', SATLINT_ARGS: '' });
    expect(option.outputs['exit-code']).toBe('2');
    expect(option.stdout).not.toMatch(/^\d+\.\d+\.\d+$/m);
    expect(option.stderr).toContain('--version');
  });

  it('hostile inputs: shell syntax is text, ambiguous quoting is refused, outputs cannot be forged', () => {
    const ws = mkdtempSync(join(tmpdir(), 'satlint-action-'));
    copyFileSync(join(root, 'examples/secure/web-app.yaml'), join(ws, 'web.yaml'));
    const marker = join(ws, 'pwned');
    const hostile = [`$(touch ${marker})`, `\`touch ${marker}\``, `; touch ${marker}`, `| touch ${marker}`, `&& touch ${marker}`, `'; touch ${marker}; '`, '${IFS}', '*'];
    // Every line one argument: satlint sees unknown paths (exit 2), no shell ever runs them.
    const asArgs = runAction(ws, { SATLINT_PATHS: 'web.yaml', SATLINT_SARIF_FILE: 's.sarif', SATLINT_ARGS: hostile.join('\n') });
    expect(asArgs.outputs['exit-code']).toBe('2');
    const asPaths = runAction(ws, { SATLINT_PATHS: hostile.join('\n'), SATLINT_SARIF_FILE: 's.sarif', SATLINT_ARGS: '' });
    expect(asPaths.outputs['exit-code']).toBe('2');
    expect(asPaths.stderr).toContain(`$(touch ${marker})`);
    expect(existsSync(marker)).toBe(false);

    // A single line with quotes would need shell parsing to mean anything: refused, satlint not run.
    const quoted = runAction(ws, { SATLINT_PATHS: 'web.yaml', SATLINT_SARIF_FILE: 'q.sarif', SATLINT_ARGS: "--rule 'no-automount-token: off'" });
    expect(quoted.status).toBe(0);
    expect(quoted.outputs).toEqual({ 'exit-code': '2' });
    expect(quoted.stdout).toBe('::error title=satlint action::args has quotes or backslashes on a single line, which would be ambiguous: give one argument per line (a YAML block scalar, |)\n');
    expect(existsSync(join(ws, 'q.sarif'))).toBe(false);

    // A newline in sarif-file would write a second line into $GITHUB_OUTPUT.
    const forged = runAction(ws, { SATLINT_PATHS: 'web.yaml', SATLINT_SARIF_FILE: 's.sarif\nexit-code=0', SATLINT_ARGS: '' });
    expect(forged.outputs).toEqual({ 'exit-code': '2' });
    expect(readFileSync(join(ws, '.github-output'), 'utf8')).toBe('exit-code=2\n');
    expect(forged.stdout).toBe('::error title=satlint action::sarif-file must be one line\n');
  });

  it('action.yml: inputs reach the step only as environment variables; SARIF upload is codeql-action v4', () => {
    const text = readFileSync(join(root, 'action.yml'), 'utf8');
    const runLines = text.split('\n').filter((l) => /^\s+run: /.test(l));
    for (const l of runLines) expect(l).not.toMatch(/\$\{\{\s*inputs\./);
    expect(text).toContain('uses: github/codeql-action/upload-sarif@v4');
    expect(text).not.toMatch(/upload-sarif@v[0-3]\b/);
  });

  it('the "without the action" recipe of docs/ci.md works in a repository that is not a satlint clone', { timeout: 300_000 }, async () => {
    const doc = readFileSync(join(root, 'docs/ci.md'), 'utf8');
    const block = /Without the action, in any repository[^\n]*\n\n```sh\n([\s\S]*?)```/.exec(doc);
    expect(block, 'docs/ci.md has the "Without the action" sh block').not.toBeNull();
    const lines = block![1]!.trim().split('\n').map((l) => l.replace(/\s+#.*$/, ''));
    expect(lines[0]).toBe('npm install --no-save https://github.com/satlint/satlint/archive/<commit>.tar.gz');
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    // What GitHub serves for a commit's archive URL: `git archive` of the commit (here HEAD).
    const archive = spawnSync('git', ['archive', '--format=tar.gz', `--prefix=satlint-${head}/`, head], { cwd: root, maxBuffer: 1 << 28 }).stdout;
    const server = createServer((req, res) => (req.url === `/satlint/satlint/archive/${head}.tar.gz` ? res.writeHead(200).end(archive) : res.writeHead(404).end()));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/satlint/satlint/archive/${head}.tar.gz`;
    const repo = mkdtempSync(join(tmpdir(), 'satlint-other-repo-'));
    mkdirSync(join(repo, 'k8s'));
    copyFileSync(join(root, 'examples/insecure/no-automount-token.yaml'), join(repo, 'k8s/app.yaml'));
    const env = await freshEnv();
    const sh = (line: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = spawn('bash', ['-c', line], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => done({ code, stdout, stderr }));
      });
    try {
      const install = await sh(lines[0]!.replace('https://github.com/satlint/satlint/archive/<commit>.tar.gz', url));
      expect(install.code, install.stderr).toBe(0);
      expect(existsSync(join(repo, 'package.json'))).toBe(false);
      expect(lines.slice(1)).toEqual(['npx satlint --format github k8s/', 'npx satlint --format sarif -o satlint.sarif k8s/', 'npx satlint --format junit -o satlint.xml k8s/']);
      const github = await sh(lines[1]!);
      expect(github.code).toBe(1);
      expect(github.stdout).toMatch(/^::error file=k8s\/app\.yaml,line=16,col=5,[^\n]*title=satlint\(no-automount-token\)::/);
      const sarif = await sh(lines[2]!);
      expect(sarif.code).toBe(1);
      expect(JSON.parse(readFileSync(join(repo, 'satlint.sarif'), 'utf8')).runs[0].results[0].ruleId).toBe('no-automount-token');
      const junit = await sh(lines[3]!);
      expect(junit.code).toBe(1);
      expect(readFileSync(join(repo, 'satlint.xml'), 'utf8')).toMatch(/^<\?xml[\s\S]*no-automount-token/);
    } finally {
      server.close();
    }
  });
});
