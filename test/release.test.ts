import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { root, VERSION } from './lib/fresh-npm.js';

/**
 * Releases: changesets keeps CHANGELOG.md and one version for the three packages (a `fixed`
 * group), scripts/release-files.mjs carries that version to the root package, and
 * .github/workflows/release.yml only calls scripts that exist.
 */
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const PACKAGES = ['core', 'cli', 'eslint-plugin'];
const major = Number(process.versions.node.split('.')[0]);
// @changesets/cli 3 needs Node 22 (module.enableCompileCache); satlint supports no older Node.
if (major < 22) console.warn(`changesets test skipped: Node ${process.version} is older than satlint supports (22, 24, 26)`);

describe('releases', () => {
  it.skipIf(major < 22)('`changeset version` bumps every package to one version, writes CHANGELOG.md, and the root package follows', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'satlint-release-'));
    for (const f of ['package.json', 'pnpm-workspace.yaml', 'LICENSE', '.changeset/config.json', 'scripts/release-files.mjs']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      copyFileSync(join(root, f), join(dir, f));
    }
    for (const p of PACKAGES) cpSync(join(root, 'packages', p), join(dir, 'packages', p), { recursive: true, filter: (src) => !/\/(node_modules|dist|src|bin)(\/|$)/.test(src) });
    writeFileSync(join(dir, '.changeset/plugin-option.md'), "---\n'@satlint/eslint-plugin': minor\n---\n\nA new option for the ESLint plugin.\n");
    const [maj, min] = VERSION.split('.').map(Number) as [number, number];
    const next = `${maj}.${min + 1}.0`;
    const cs = spawnSync(process.execPath, [join(root, 'node_modules/@changesets/cli/bin.js'), 'version'], { cwd: dir, encoding: 'utf8' });
    expect(cs.status, cs.stdout + cs.stderr).toBe(0);
    const sync = spawnSync(process.execPath, ['scripts/release-files.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stdout).toBe('wrote package.json\n');
    const versions = ['.', ...PACKAGES.map((p) => `packages/${p}`)].map((d) => (JSON.parse(readFileSync(join(dir, d, 'package.json'), 'utf8')) as { version: string }).version);
    expect(versions).toEqual([next, next, next, next]);
    const pluginLog = readFileSync(join(dir, 'packages/eslint-plugin/CHANGELOG.md'), 'utf8');
    expect(pluginLog).toMatch(new RegExp(`^# @satlint/eslint-plugin\\n\\n## ${next.replace(/\./g, '\\.')}\\n\\n### Minor Changes\\n\\n- A new option for the ESLint plugin\\.\\n`));
    expect(pluginLog).toContain(`## ${VERSION}\n`);
    for (const p of ['core', 'cli']) expect(readFileSync(join(dir, 'packages', p, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^# @satlint/${p}\\n\\n## ${next.replace(/\./g, '\\.')}\\n`));
    // workspace:* ranges stay as they are (pnpm replaces them when it packs).
    expect((JSON.parse(readFileSync(join(dir, 'packages/cli/package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies['@satlint/core']).toBe('workspace:*');
    expect(spawnSync(process.execPath, ['scripts/release-files.mjs', '--check'], { cwd: dir }).status).toBe(0);
  });

  it('release-files.mjs refuses packages whose versions differ', () => {
    const dir = mkdtempSync(join(tmpdir(), 'satlint-release-'));
    for (const f of ['package.json', 'LICENSE', 'scripts/release-files.mjs', ...PACKAGES.map((p) => `packages/${p}/package.json`)]) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      copyFileSync(join(root, f), join(dir, f));
    }
    const core = join(dir, 'packages/core/package.json');
    writeFileSync(core, readFileSync(core, 'utf8').replace(`"version": "${VERSION}"`, '"version": "9.9.9"'));
    const r = spawnSync(process.execPath, ['scripts/release-files.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`the packages must share one version (changesets' fixed group): core 9.9.9, cli ${VERSION}, eslint-plugin ${VERSION}\n`);
  });

  it('the release workflow starts only by hand and runs scripts that exist', () => {
    const wf = parse(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, string> }[] }> };
    expect(Object.keys(wf.on)).toEqual(['workflow_dispatch']);
    const steps = wf.jobs['release']!.steps;
    const commands = steps.flatMap((s) => [s.run, s.with?.['version'], s.with?.['publish']]).filter((c): c is string => typeof c === 'string');
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const c of commands) {
      expect(c).toMatch(/^npx -y pnpm@12\.4\.2 (install --frozen-lockfile|test|run [\w-]+)$/);
      const script = / run ([\w-]+)$/.exec(c)?.[1];
      if (script) expect(pkg.scripts[script], `package.json has a "${script}" script`).toBeDefined();
    }
    expect(steps.map((s) => s.uses).filter(Boolean)).toEqual(['actions/checkout@v5', 'actions/setup-node@v5', 'changesets/action@v1']);
    expect(pkg.scripts['release']).toBe('pnpm run build && pnpm publish -r --access public --no-git-checks');
  });
});
