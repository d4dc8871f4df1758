import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The packages as users get them: packed with pnpm (workspace: ranges become versions), installed
 * with plain npm into a fresh project outside the workspace, then used the three ways users do.
 * Needs the npm registry for the packages' own dependencies; skipped, saying why, without it.
 */
const root = resolve(import.meta.dirname, '..');
const run = (cmd: string, args: string[], cwd: string, timeout = 240_000) => spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const registry = run(npm, ['ping'], tmpdir(), 30_000);
const why = registry.status === 0 ? '' : `the npm registry is not reachable (${(registry.stderr || registry.stdout).trim().split('\n').pop()})`;
if (why) console.warn(`tarball install test skipped: ${why}`);

/** Packed size budgets, in bytes. */
const BUDGET: Record<string, number> = { core: 300_000, cli: 80_000, 'eslint-plugin': 40_000 };

describe.skipIf(Boolean(why))('packages installed from tarballs with npm', () => {
  const packs = mkdtempSync(join(tmpdir(), 'satlint-packs-'));
  const project = mkdtempSync(join(tmpdir(), 'satlint-consumer-'));
  const tarballs: Record<string, string> = {};

  it('pack within their size budgets, without tests, sources, maps or build info', () => {
    for (const pkg of ['core', 'cli', 'eslint-plugin']) {
      const r = run('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', packs], join(root, 'packages', pkg));
      expect(r.status, r.stderr).toBe(0);
    }
    for (const f of readdirSync(packs)) {
      const pkg = f.replace(/^satlint-/, '').replace(/-\d+\.\d+\.\d+\.tgz$/, '');
      tarballs[pkg] = join(packs, f);
      const size = statSync(join(packs, f)).size;
      console.log(`package size: @satlint/${pkg} ${(size / 1024).toFixed(1)} KB packed (budget ${(BUDGET[pkg]! / 1024).toFixed(0)} KB)`);
      expect(size).toBeLessThan(BUDGET[pkg]!);
      const listing = run('tar', ['tzf', join(packs, f)], packs).stdout.split('\n').filter(Boolean);
      expect(listing.filter((p) => /\.test\.|\.map$|tsbuildinfo|\/src\/|\.ts$/.test(p) && !p.endsWith('.d.ts'))).toEqual([]);
      expect(listing).toContain('package/package.json');
    }
    expect(Object.keys(tarballs).sort()).toEqual(['cli', 'core', 'eslint-plugin']);
  });

  it('install with npm into a fresh project', () => {
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const r = run(npm, ['install', tarballs['core']!, tarballs['cli']!, tarballs['eslint-plugin']!, 'eslint@10.15.0', 'typescript@6.0.3', '@types/node@20.19.43'], project);
    expect(r.status, r.stderr).toBe(0);
  });

  it('(a) import @satlint/core from an ES module and from type-checked TypeScript', () => {
    writeFileSync(
      join(project, 'use.mjs'),
      "import { lint, format, rules } from '@satlint/core';\nconst r = lint([{ path: 'p.yaml', text: 'apiVersion: v1\\nkind: Pod\\nmetadata: {name: p}\\nspec: {containers: []}\\n' }]);\nconsole.log(rules.length, r[0].messages.map((m) => m.ruleId).join(','));\nconsole.log(format(r, 'sarif').length > 0);\n",
    );
    const esm = run(process.execPath, ['use.mjs'], project);
    expect(esm.stderr).toBe('');
    expect(esm.stdout).toMatch(/^24 no-automount-token,no-default-service-account\ntrue\n$/);
    writeFileSync(
      join(project, 'use.ts'),
      "import { lint, defineRule, type LintResult, type SatlintConfig } from '@satlint/core';\nimport { RuleTester } from '@satlint/core/testing';\nconst config: SatlintConfig = { extends: 'strict' };\nconst results: LintResult[] = lint([{ path: 'p.yaml', text: '' }], { config });\nconst rule = defineRule({ meta: { id: 'my-rule', description: 'Require nothing', category: 'soundness', severity: 'warn', recommended: false, fixable: false, messages: { x: 'x' }, remediation: 'Nothing.', schema: {}, defaultOptions: {}, securitySeverity: 1 }, check() {} });\nexport const n: number = results.length + (rule.meta.id.length as number) + (typeof RuleTester === 'function' ? 1 : 0);\n// @ts-expect-error internals are not part of the public entry point\nimport { allRules } from '@satlint/core';\nexport { allRules };\n",
    );
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: false, types: ['node'] }, files: ['use.ts'] }));
    const tsc = run(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    // A full type-check (skipLibCheck: false) took 34 s with eight suites on two cores.
  }, 240_000);

  it('(b) run the satlint bin from node_modules/.bin', () => {
    mkdirSync(join(project, 'k8s'));
    writeFileSync(join(project, 'k8s/pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: app\n  containers: []\n');
    const r = run(join(project, 'node_modules/.bin/satlint'), ['-f', 'json', 'k8s'], project);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['no-automount-token']);
    expect(run(join(project, 'node_modules/.bin/satlint'), ['--version'], project).stdout).toBe('0.1.0\n');
  });

  it('(c) run ESLint with the plugin', () => {
    writeFileSync(join(project, 'eslint.config.js'), "import satlint from '@satlint/eslint-plugin';\nexport default [...satlint.configs.recommended];\n");
    const r = run(join(project, 'node_modules/.bin/eslint'), ['-f', 'json', 'k8s'], project);
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string; line: number }) => [m.ruleId, m.line])).toEqual([['satlint/no-automount-token', 4]]);
  });
});
