#!/usr/bin/env node
// Release files derived from one source each: the root LICENSE is copied into every package (npm
// puts a package's own LICENSE in its tarball, not the repository's), and the version of the
// packages (one version for all three: changesets' `fixed` group in .changeset/config.json) is
// copied to the repository root's package.json, the package that pre-commit, the GitHub Action and
// `npm install <git URL>` install. `--version`, SARIF's tool version and the ESLint plugin's meta
// read the packages' package.json (or the bundle, where scripts/bundle.mjs compiled it in).
// Usage: node scripts/release-files.mjs [--check]   (pnpm generate / pnpm check-generated;
// `pnpm run version-packages` runs it after `changeset version`)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const PACKAGES = ['core', 'cli', 'eslint-plugin'];
const read = (f) => {
  try {
    return readFileSync(join(root, f), 'utf8');
  } catch {
    return undefined;
  }
};

const versions = new Map(PACKAGES.map((p) => [p, JSON.parse(read(`packages/${p}/package.json`)).version]));
const version = versions.get('cli');
const differ = [...versions].filter(([, v]) => v !== version);
if (differ.length > 0) {
  console.error(`the packages must share one version (changesets' fixed group): ${[...versions].map(([p, v]) => `${p} ${v}`).join(', ')}`);
  process.exit(1);
}

const outputs = {};
const license = read('LICENSE');
for (const p of PACKAGES) outputs[`packages/${p}/LICENSE`] = license;
const rootText = read('package.json');
outputs['package.json'] = rootText.replace(/^( {2}"version": )"[^"]*"/m, `$1${JSON.stringify(version)}`);

const stale = Object.entries(outputs).filter(([f, text]) => read(f) !== text).map(([f]) => f);
if (check) {
  if (stale.length > 0) {
    console.error(`${stale.join(', ')} stale: run \`pnpm generate\``);
    process.exit(1);
  }
} else {
  for (const f of stale) {
    writeFileSync(join(root, f), outputs[f]);
    console.log(`wrote ${f}`);
  }
}
