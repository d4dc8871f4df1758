// A user's machine for install tests: an empty HOME (so no ~/.npmrc) with an empty npm cache, none
// of the npm_* variables a package manager running the tests sets, and the registry as npm finds it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** The one version of every package (changesets' fixed group; scripts/release-files.mjs). */
export const VERSION = (JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;

export function freshEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'satlint-home-'));
  mkdirSync(join(home, '.npm'));
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_|^pnpm_|^PNPM_/i.test(k)) env[k] = v;
  return { ...env, HOME: home, npm_config_cache: join(home, '.npm'), npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1' };
}

export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeout = 300_000) {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout });
}

/** Why the registry cannot be used, or '' when it can. */
export function registryProblem(): string {
  const r = run(npm, ['ping'], tmpdir(), freshEnv(), 60_000);
  return r.status === 0 ? '' : `the npm registry is not reachable (${(r.stderr || r.stdout || String(r.error)).trim().split('\n').pop()})`;
}

/** An empty project, as `npm init` would leave it. */
export function freshProject(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Whether the Node running the tests is one satlint supports (engines); npm warns EBADENGINE otherwise. */
export const SUPPORTED_NODE = ['22', '24', '26'].includes(process.versions.node.split('.')[0]!);
/** npm's warning when the Node running it is not one `engines` admits: expected exactly on the others (Node 20). */
const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
export const engineWarning = SUPPORTED_NODE ? /^(?![\s\S]*EBADENGINE)/ : new RegExp(`EBADENGINE[\\s\\S]*required: \\{ node: '${engines.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' \\}`);
