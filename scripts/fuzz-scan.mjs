#!/usr/bin/env node
// Long differential fuzz of the fast scanner (packages/core/src/parse/scan.ts) against the yaml
// package's full parse; the suite runs a short one. Usage: node scripts/fuzz-scan.mjs [runs] [nested|block|soup]  (needs pnpm build)
import fc from 'fast-check';
import { scanManifests } from '../packages/core/dist/parse/scan.js';
import { parseAllDocuments } from '../packages/core/node_modules/yaml/dist/index.js';
import { isDeepStrictEqual } from 'node:util';
import { blockYaml, charSoup, nestedYaml } from '../test-support/yaml-fuzz.mjs';
function full(text) {
  const docs = parseAllDocuments(text, { version: '1.1', merge: true, uniqueKeys: false, logLevel: 'error' });
  if (!Array.isArray(docs)) return [];
  if (docs.some((d) => d.errors.length > 0)) return null;
  try { return docs.map((d) => ({ value: d.toJS({ maxAliasCount: 100 }), range: [d.range[0], d.range[2]], contentStart: d.contents?.range?.[0] ?? d.range[0] })); } catch { return null; }
}
let covered = 0;
const gen = { soup: charSoup, block: blockYaml, nested: nestedYaml }[process.argv[3] ?? 'nested']();
const r = fc.check(fc.property(gen, (t) => { const s = scanManifests(t); if (!s) return true; covered++; return isDeepStrictEqual(s, full(t)); }), { numRuns: Number(process.argv[2] ?? 20000) });
if (r.failed) { const t = r.counterexample[0]; console.log('FAIL', JSON.stringify(t)); console.log('scan', JSON.stringify(scanManifests(t))); console.log('full', JSON.stringify(full(t))); } else console.log('ok', r.numRuns, 'covered', covered);
