#!/usr/bin/env node
// Builds examples/playground into one static directory (examples/playground/dist): index.html and a
// single playground.js with @satlint/core bundled for browsers. Usage: node scripts/build-playground.mjs [outDir]
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'examples/playground/src');
const out = resolve(process.argv[2] ?? join(root, 'examples/playground/dist'));
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [join(src, 'playground.js')],
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  outfile: join(out, 'playground.js'),
  alias: { '@satlint/core': join(root, 'packages/core/src/index.ts') },
  metafile: true,
  logLevel: 'warning',
});
copyFileSync(join(src, 'index.html'), join(out, 'index.html'));
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`built ${out} (playground.js ${(bytes / 1024).toFixed(0)} KB)`);
