#!/usr/bin/env node
// Which files of a directory the fast scanner (packages/core/src/parse/scan.ts) leaves to the full
// parse, grouped by where it gave up, largest first: where to extend the scanner next.
// Usage: node scripts/scan-coverage.mjs [DIR]   (default ../shared/corpus; needs pnpm build)
import fg from 'fast-glob';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanManifests, scanDebug } from '../packages/core/dist/parse/scan.js';

const root = join(fileURLToPath(import.meta.url), '../..');
const dir = process.argv[2] ?? join(root, '../shared/corpus');
const files = fg.sync('**/*.{yaml,yml,json}', { cwd: dir, ignore: ['_helm/**', '**/templates/**'], absolute: true });
scanDebug.trace = true;
let bytes = 0;
let covered = 0;
const byPlace = new Map();
for (const f of files) {
  const text = readFileSync(f, 'utf8').replace(/\r(?!\n)/g, '\n');
  bytes += text.length;
  scanDebug.last = '';
  if (scanManifests(text)) {
    covered += text.length;
    continue;
  }
  // The frame that called bail(), or the up-front check for unsafe characters.
  const place = scanDebug.last ? scanDebug.last.split('\n')[2]?.trim().replace(/\(file:.*\/scan\.js:/, '(scan.js:') ?? '?' : 'unsafe characters (control characters, BOM, NEL, line separators)';
  const e = byPlace.get(place) ?? { files: 0, bytes: 0, example: relative(dir, f) };
  e.files++;
  e.bytes += text.length;
  byPlace.set(place, e);
}
console.log(`${files.length} files, ${(bytes / 1e6).toFixed(1)} MB; the scanner reads ${((100 * covered) / bytes).toFixed(1)} % of the bytes\n`);
for (const [place, e] of [...byPlace].sort((a, b) => b[1].bytes - a[1].bytes)) console.log(`${(e.bytes / 1e6).toFixed(2).padStart(6)} MB ${String(e.files).padStart(4)} files  ${place}  e.g. ${e.example}`);
