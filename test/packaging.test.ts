import { rules } from '@satlint/core';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineWarning, freshEnv, freshProject, npm, registryProblem, root, run, VERSION } from './lib/fresh-npm.js';

/**
 * The release shape, and the packages as users get them before they are on the registry: built
 * into tarballs by the README's one command (`pnpm run tarballs`), each checked by
 * `npm publish --dry-run`, then installed with plain npm into a fresh project (empty HOME and npm
 * cache) outside the workspace and used the three ways users do. CI runs this file on every
 * supported Node version (.ci/node.sh). Needs the npm registry for the packages' own dependencies;
 * skipped, saying why, without it.
 */
const PACKAGES = ['core', 'cli', 'eslint-plugin'] as const;
const pkgJson = (dir: string) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string; version: string; engines: { node: string }; license: string };

/** Packed size budgets, in bytes. The CLI carries its one-file bundle (bin/satlint-cli.cjs). */
const BUDGET: Record<string, number> = { core: 300_000, cli: 400_000, 'eslint-plugin': 60_000 };

/** `^a.b.c || ^d.e.f` ranges, the only form satlint's engines use. */
function satisfies(version: string, range: string): boolean {
  const [maj, min, pat] = version.split('.').map(Number) as [number, number, number];
  return range.split('||').some((alt) => {
    const m = /^\s*\^(\d+)\.(\d+)\.(\d+)\s*$/.exec(alt);
    if (!m) throw new Error(`engines alternative "${alt}" is not of the form ^X.Y.Z`);
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return maj === a && (min > b || (min === b && pat >= c));
  });
}

describe('release shape', () => {
  const tested = spawnSync('bash', [join(root, '.ci/node.sh'), 'versions'], { encoding: 'utf8' }).stdout.trim().split('\n');

  it('one version for the root package and every package, and for --version, SARIF and the ESLint plugin', async () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    expect([pkgJson('.'), ...PACKAGES.map((p) => pkgJson(`packages/${p}`))].map((p) => p.version)).toEqual([VERSION, VERSION, VERSION, VERSION]);
    for (const bin of ['packages/cli/bin/satlint.js', 'packages/cli/bin/satlint.cjs', 'hook/satlint.cjs']) {
      expect(spawnSync(process.execPath, [join(root, bin), '--version'], { encoding: 'utf8' }).stdout, bin).toBe(`${VERSION}\n`);
    }
    const sarif = spawnSync(process.execPath, [join(root, 'hook/satlint.cjs'), '-f', 'sarif', 'examples/secure'], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(sarif.stdout).runs[0].tool.driver.version).toBe(VERSION);
    const plugin = (await import('@satlint/eslint-plugin')).default as { meta: { version: string } };
    expect(plugin.meta.version).toBe(VERSION);
    const bundled = (await import(join(root, 'hook/eslint-plugin.mjs'))).default as { meta: { version: string } };
    expect(bundled.meta).toEqual(plugin.meta);
    // Nothing but package.json files and generated output spells the version out.
    for (const f of ['packages/eslint-plugin/src/index.ts', 'packages/cli/src/main.ts']) expect(readFileSync(join(root, f), 'utf8')).not.toContain(`'${VERSION}'`);
  });

  it('the packages are one changesets fixed group', () => {
    const config = JSON.parse(readFileSync(join(root, '.changeset/config.json'), 'utf8')) as { fixed: string[][] };
    expect(config.fixed).toEqual([PACKAGES.map((p) => pkgJson(`packages/${p}`).name)]);
  });

  it('Apache-2.0: the licence field, the root LICENSE and an identical copy in every package', () => {
    const license = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004\n/);
    expect(license).toContain('END OF TERMS AND CONDITIONS');
    for (const p of PACKAGES) {
      expect(readFileSync(join(root, 'packages', p, 'LICENSE'), 'utf8')).toBe(license);
      expect(pkgJson(`packages/${p}`).license).toBe('Apache-2.0');
    }
  });

  it('engines says exactly the Node versions CI tests (.ci/node.sh): 22, 24 and 26, not 20', () => {
    const engines = pkgJson('.').engines.node;
    for (const dir of PACKAGES.map((p) => `packages/${p}`)) expect(pkgJson(dir).engines.node).toBe(engines);
    expect(tested.map((v) => v.split('.')[0])).toEqual(['22', '24', '26']);
    for (const v of tested) expect(satisfies(v, engines), `${v} satisfies ${engines}`).toBe(true);
    // Every line engines admits is tested, and no other.
    expect(engines.split('||').map((alt) => alt.trim().replace(/^\^(\d+)\..*$/, '$1'))).toEqual(['22', '24', '26']);
    expect(satisfies('20.20.2', engines)).toBe(false);
    expect(satisfies('25.0.0', engines)).toBe(false);
  });
});

const why = registryProblem();
if (why) console.warn(`tarball install test skipped: ${why}`);

describe.skipIf(Boolean(why))('packages built by `pnpm run tarballs`, installed from the tarballs with npm', { timeout: 300_000 }, () => {
  const packs = mkdtempSync(join(tmpdir(), 'satlint-packs-'));
  const project = freshProject('satlint-consumer-');
  const env = freshEnv();
  const tarballs: Record<string, string> = {};

  it('the README documents the commands this test runs', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npx -y pnpm@12.4.2 install --frozen-lockfile && npx -y pnpm@12.4.2 run tarballs');
    expect(readme).toContain('npm install --save-dev /path/to/satlint/packs/*.tgz\n');
  });

  it('pack with LICENSE, README.md and CHANGELOG.md, within their size budgets, without tests, sources, maps or build info', () => {
    const r = run('npx', ['-y', 'pnpm@12.4.2', 'run', 'tarballs', '--out', packs], root, { ...process.env });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(packs).sort()).toEqual(PACKAGES.map((p) => `satlint-${p}-${VERSION}.tgz`).sort());
    for (const p of PACKAGES) {
      const f = join(packs, `satlint-${p}-${VERSION}.tgz`);
      tarballs[p] = f;
      const size = statSync(f).size;
      console.log(`package size: @satlint/${p} ${(size / 1024).toFixed(1)} KB packed (budget ${(BUDGET[p]! / 1024).toFixed(0)} KB)`);
      expect(size).toBeLessThan(BUDGET[p]!);
      const listing = run('tar', ['tzf', f], packs, env).stdout.split('\n').filter(Boolean);
      expect(listing.filter((x) => /\.test\.|\.map$|tsbuildinfo|\/src\/|\.ts$/.test(x) && !x.endsWith('.d.ts'))).toEqual([]);
      for (const name of ['package.json', 'LICENSE', 'README.md', 'CHANGELOG.md']) expect(listing).toContain(`package/${name}`);
      expect(run('tar', ['xzOf', f, 'package/LICENSE'], packs, env).stdout).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'));
      expect(run('tar', ['xzOf', f, 'package/CHANGELOG.md'], packs, env).stdout).toMatch(new RegExp(`^# @satlint/${p}\\n\\n## ${VERSION.replace(/\./g, '\\.')}\\n`));
      const manifest = JSON.parse(run('tar', ['xzOf', f, 'package/package.json'], packs, env).stdout) as { dependencies?: Record<string, string> };
      // pnpm turned workspace ranges into the version.
      for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) if (dep.startsWith('@satlint/')) expect(range).toBe(VERSION);
    }
    expect(run('tar', ['tzf', tarballs['cli']!], packs, env).stdout).toMatch(/^package\/bin\/satlint-cli\.cjs$/m);
  });

  it('npm publish --dry-run is clean for each (its only warning: not logged in)', () => {
    for (const p of PACKAGES) {
      const r = run(npm, ['publish', '--dry-run', tarballs[p]!], packs, env);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain(`npm notice name: @satlint/${p}\nnpm notice version: ${VERSION}\n`);
      expect(r.stderr).toContain('with tag latest and public access (dry-run)');
      const warnings = r.stderr.split('\n').filter((l) => /^npm (warn|error|ERR)/i.test(l));
      expect(warnings).toEqual([expect.stringMatching(/^npm warn publish This command requires you to be logged in to \S+ \(dry-run\)$/)]);
    }
  });

  it('install together with npm into a fresh project (empty HOME and npm cache)', () => {
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // packs/*.tgz, as the shell expands it
    const all = readdirSync(packs).sort().map((f) => join(packs, f));
    const r = run(npm, ['install', '--save-dev', ...all, 'eslint@10.15.0', 'typescript@6.0.3', '@types/node@22.20.7'], project, env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(engineWarning);
  });

  it('(a) import @satlint/core from an ES module and from type-checked TypeScript', () => {
    writeFileSync(
      join(project, 'use.mjs'),
      "import { lint, format, rules } from '@satlint/core';\nconst r = lint([{ path: 'p.yaml', text: 'apiVersion: v1\\nkind: Pod\\nmetadata: {name: p}\\nspec: {containers: []}\\n' }]);\nconsole.log(rules.length, r[0].messages.map((m) => m.ruleId).join(','));\nconsole.log(format(r, 'sarif').length > 0);\n",
    );
    const esm = run(process.execPath, ['use.mjs'], project, env);
    expect(esm.stderr).toBe('');
    expect(esm.stdout).toBe(`${rules.length} no-automount-token,no-default-service-account\ntrue\n`);
    writeFileSync(
      join(project, 'use.ts'),
      "import { lint, defineRule, type LintResult, type SatlintConfig } from '@satlint/core';\nimport { RuleTester } from '@satlint/core/testing';\nconst config: SatlintConfig = { extends: 'strict' };\nconst results: LintResult[] = lint([{ path: 'p.yaml', text: '' }], { config });\nconst rule = defineRule({ meta: { id: 'my-rule', description: 'Require nothing', category: 'soundness', severity: 'warn', recommended: false, fixable: false, messages: { x: 'x' }, remediation: 'Nothing.', schema: {}, defaultOptions: {}, securitySeverity: 1 }, check() {} });\nexport const n: number = results.length + (rule.meta.id.length as number) + (typeof RuleTester === 'function' ? 1 : 0);\n// @ts-expect-error internals are not part of the public entry point\nimport { allRules } from '@satlint/core';\nexport { allRules };\n",
    );
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: false, types: ['node'] }, files: ['use.ts'] }));
    const tsc = run(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project, env);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    // A full type-check (skipLibCheck: false) took 34 s with eight suites on two cores.
  }, 240_000);

  it('(b) run the satlint bin from node_modules/.bin: the bundle, with its code cache written beside it', () => {
    mkdirSync(join(project, 'k8s'));
    writeFileSync(join(project, 'k8s/pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: app\n  containers: []\n');
    const bin = join(project, 'node_modules/.bin/satlint');
    for (let i = 0; i < 2; i++) {
      const r = run(bin, ['-f', 'json', 'k8s'], project, env);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['no-automount-token']);
    }
    expect(readdirSync(join(project, 'node_modules/@satlint/cli/bin')).sort()).toEqual([`.satlint-cli.${process.version}.${process.arch}.code-cache`, 'satlint-cli.cjs', 'satlint.cjs']);
    expect(run(bin, ['--version'], project, env).stdout).toBe(`${VERSION}\n`);
  });

  it('(c) run ESLint with the plugin', () => {
    writeFileSync(join(project, 'eslint.config.js'), "import satlint from '@satlint/eslint-plugin';\nexport default [...satlint.configs.recommended];\n");
    const r = run(join(project, 'node_modules/.bin/eslint'), ['-f', 'json', 'k8s'], project, env);
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string; line: number }) => [m.ruleId, m.line])).toEqual([['satlint/no-automount-token', 4]]);
  });
});
