#!/usr/bin/env node
// `pnpm run tarballs`: builds the packages and packs them, as they would be published, into packs/
// (or --out DIR). pnpm packs them (it turns `workspace:*` dependencies into the version), then
// any npm installs them together: `npm install <all three .tgz files>`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const out = resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : join(root, 'packs'));
// Run pnpm the way this script was started (pnpm run sets npm_execpath), else the pinned one.
const execpath = process.env['npm_execpath'];
// (pnpm 12 is an executable; older ones are scripts for node.)
const pnpm = execpath && /pnpm/.test(execpath) ? (/\.[cm]?js$/.test(execpath) ? [process.execPath, execpath] : [execpath]) : ['npx', '-y', 'pnpm@12.4.2'];
const run = (argv, cwd) => execFileSync(argv[0], argv.slice(1), { cwd, stdio: ['ignore', 'ignore', 'inherit'] });

run([...pnpm, 'run', 'build'], root);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const p of ['core', 'cli', 'eslint-plugin']) run([...pnpm, 'pack', '--pack-destination', out], join(root, 'packages', p));
const files = readdirSync(out).filter((f) => f.endsWith('.tgz')).sort().map((f) => join(out, f));
console.log(files.join('\n'));
console.log(`\ninstall all three together in your project:\n  npm install --save-dev ${join(out, '*.tgz')}`);
