import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineWarning, freshEnv, freshProject, npm, registryProblem, root, VERSION } from './lib/fresh-npm.js';

/**
 * The README's installs from GitHub, as a user runs them, in a fresh project with an empty HOME and
 * npm cache, on every supported Node version (CI: .ci/node.sh):
 * - `npm install --save-dev https://github.com/satlint/satlint/archive/<commit>.tar.gz`, then the
 *   `satlint` bin and the ESLint plugin (`satlint/eslint-plugin`). The archive is what GitHub serves
 *   for a commit (`git archive` of it, under a `satlint-<sha>/` prefix), served here over HTTP.
 * - `npm install -g --install-links git+https://github.com/satlint/satlint.git#<commit>` for the command alone,
 *   with this repository's clone as the git URL (git+file://, the same npm code path).
 * Both use HEAD, so the test installs what is committed. ESLint itself comes from the registry:
 * skipped, saying why, without git, a commit or the registry.
 */
const git = (args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
const head = git(['rev-parse', 'HEAD']);
const why = git(['--version']).status !== 0 ? 'git is not available' : head.status !== 0 ? 'this checkout is not a git repository' : registryProblem();
if (why) console.warn(`GitHub install tests skipped: ${why}`);

const run = (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) => spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 300_000 });

/** Like spawnSync, but leaves the event loop free for the archive server. */
function runAsync(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: app\n  containers: []\n';
const findings = (json: string) => (JSON.parse(json) as { messages: { ruleId: string; line: number }[] }[])[0]!.messages.map((m) => [m.ruleId, m.line]);

describe.skipIf(Boolean(why))('installs from GitHub', { timeout: 300_000 }, () => {
  const sha = head.stdout.trim();
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it("a commit's archive URL into a project: the `satlint` bin and the ESLint plugin, as the README shows", async () => {
    const documented = /^npm install --save-dev https:\/\/github\.com\/satlint\/satlint\/archive\/<commit>\.tar\.gz$/m.test(readme);
    expect(documented, 'README documents `npm install --save-dev https://github.com/satlint/satlint/archive/<commit>.tar.gz`').toBe(true);
    const archive = spawnSync('git', ['archive', '--format=tar.gz', `--prefix=satlint-${sha}/`, sha], { cwd: root, maxBuffer: 1 << 28 }).stdout;
    const server: Server = createServer((req, res) => {
      if (req.url === `/satlint/satlint/archive/${sha}.tar.gz`) res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(archive);
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/satlint/satlint/archive/${sha}.tar.gz`;
    try {
      const project = freshProject('satlint-github-consumer-');
      const env = freshEnv();
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
      const i = await runAsync(npm, ['install', '--save-dev', url], project, env);
      expect(i.status, i.stderr).toBe(0);
      expect(i.stderr).toMatch(engineWarning);
      expect((JSON.parse(readFileSync(join(project, 'node_modules/satlint/package.json'), 'utf8')) as { version: string }).version).toBe(VERSION);
      // No dependencies: the bundle is committed.
      expect(readdirSync(join(project, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['satlint']);

      mkdirSync(join(project, 'k8s'));
      writeFileSync(join(project, 'k8s/pod.yaml'), POD);
      const r = run(join(project, 'node_modules/.bin/satlint'), ['-f', 'json', 'k8s'], project, env);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      expect(findings(r.stdout)).toEqual([['no-automount-token', 4]]);
      expect((run('npx', ['satlint', '--version'], project, env)).stdout).toBe(`${VERSION}\n`);

      const config = /```js\n(\/\/ eslint\.config\.js\nimport satlint from 'satlint\/eslint-plugin';\n[\s\S]*?)```/.exec(readme);
      expect(config, 'README shows an eslint.config.js importing satlint/eslint-plugin').not.toBeNull();
      writeFileSync(join(project, 'eslint.config.js'), config![1]!);
      const e = run(npm, ['install', '--save-dev', 'eslint@10.15.0'], project, env);
      expect(e.status, e.stderr).toBe(0);
      const lint = run(join(project, 'node_modules/.bin/eslint'), ['-f', 'json', 'k8s'], project, env);
      expect(lint.status, lint.stderr).toBe(1);
      expect(findings(lint.stdout)).toEqual([['satlint/no-automount-token', 4]]);
    } finally {
      server.close();
    }
  });

  it('the git URL, globally: the `satlint` command', async () => {
    expect(readme).toContain('`npm install -g --install-links git+https://github.com/satlint/satlint.git#<commit>`');
    const prefix = mkdtempSync(join(tmpdir(), 'satlint-global-'));
    const env = { ...freshEnv(), npm_config_prefix: prefix };
    const i = run(npm, ['install', '-g', '--install-links', `git+file://${root}#${sha}`], tmpdir(), env);
    expect(i.status, i.stderr).toBe(0);
    expect(readdirSync(join(prefix, 'lib/node_modules/satlint/hook')).sort()).toEqual(['eslint-plugin.mjs', 'satlint-cli.cjs', 'satlint.cjs']);
    const dir = mkdtempSync(join(tmpdir(), 'satlint-global-use-'));
    writeFileSync(join(dir, 'pod.yaml'), POD);
    const r = run(join(prefix, 'bin/satlint'), ['-f', 'json', 'pod.yaml'], dir, env);
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(findings(r.stdout)).toEqual([['no-automount-token', 4]]);
    expect((run(join(prefix, 'bin/satlint'), ['--version'], dir, env)).stdout).toBe(`${VERSION}\n`);
  });

  it('the git URL inside a project fails as the README says (npm prepares it and cannot install workspace: links)', async () => {
    const project = freshProject('satlint-git-consumer-');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    const i = run(npm, ['install', '--save-dev', `git+file://${root}#${sha}`], project, freshEnv());
    expect(i.status).not.toBe(0);
    expect(i.stderr).toContain('git dep preparation failed');
    expect(i.stderr).toContain('Unsupported URL Type "workspace:"');
  });
});
