#!/usr/bin/env node
// Which documents of a directory's files the fast scanner (packages/core/src/parse/scan.ts) leaves
// to the full parse (a document on its own, or a whole stream when the trouble is in the stream),
// grouped by where it gave up, largest first: where to extend the scanner next.
// Usage: node scripts/scan-coverage.mjs [DIR]   (default ../shared/corpus; needs pnpm build)
import fg from 'fast-glob';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanManifests, scanSegments, scanDebug } from '../packages/core/dist/parse/scan.js';

const root = join(fileURLToPath(import.meta.url), '../..');
const dir = process.argv[2] ?? join(root, '../shared/corpus');
const files = fg.sync('**/*.{yaml,yml,json}', { cwd: dir, ignore: ['_helm/**', '**/templates/**'], absolute: true });
scanDebug.trace = true;
let bytes = 0;
let covered = 0;
const byPlace = new Map();
/** The frame that called bail(), or the up-front check for unsafe characters. */
const placeOf = (trace) => (trace ? trace.split('\n')[2]?.trim().replace(/\(file:.*\/scan\.js:/, '(scan.js:') ?? '?' : 'unsafe characters (control characters, BOM, NEL, line separators)');
function count(place, n, example) {
  const e = byPlace.get(place) ?? { docs: 0, bytes: 0, example };
  e.docs++;
  e.bytes += n;
  byPlace.set(place, e);
}
for (const f of files) {
  const text = readFileSync(f, 'utf8').replace(/\r(?!\n)/g, '\n');
  bytes += text.length;
  scanDebug.last = '';
  const segments = scanSegments(text);
  if (!segments) {
    count(`whole stream: ${placeOf(scanDebug.last)}`, text.length, relative(dir, f));
    continue;
  }
  covered += text.length;
  for (const s of segments) {
    if (!('unscanned' in s)) continue;
    const part = text.slice(s.range[0], s.range[1]);
    covered -= part.length;
    scanDebug.last = '';
    scanManifests(part);
    count(placeOf(scanDebug.last), part.length, relative(dir, f));
  }
}
console.log(`${files.length} files, ${(bytes / 1e6).toFixed(1)} MB; the scanner reads ${((100 * covered) / bytes).toFixed(1)} % of the bytes\n`);
for (const [place, e] of [...byPlace].sort((a, b) => b[1].bytes - a[1].bytes)) console.log(`${(e.bytes / 1e6).toFixed(2).padStart(6)} MB ${String(e.docs).padStart(4)} documents  ${place}  e.g. ${e.example}`);
