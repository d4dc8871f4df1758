#!/usr/bin/env node
// Long differential fuzz of the parse fast path against the yaml package's full parse (the suite
// runs a short one). Usage: node scripts/fuzz-fast-parse.mjs [runs]   (needs pnpm build)
import fc from 'fast-check';
import { parseAllDocuments } from '../packages/core/node_modules/yaml/dist/index.js';
import { isDeepStrictEqual } from 'node:util';
import { fastValues } from '../packages/core/dist/parse/fast.js';
const unit = fc.constantFrom(...'ab: -[]{}#&*!|>\'"\n\t %,?\\01y~.'.split(''));
const r = fc.check(fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
  const f = fastValues(text);
  if (f === null) return true;
  const docs = parseAllDocuments(text, { version: '1.1', merge: true, uniqueKeys: false });
  if (!Array.isArray(docs)) return isDeepStrictEqual(f, []);
  if (docs.some((d) => d.errors.length)) return false;
  let ref; try { ref = docs.map((d) => d.toJS({ maxAliasCount: 100 })); } catch { return false; }
  return isDeepStrictEqual(f, ref);
}), { numRuns: Number(process.argv[2] ?? 200000) });
console.log(r.failed ? `FAIL ${JSON.stringify(r.counterexample)}` : `ok ${r.numRuns}`);
