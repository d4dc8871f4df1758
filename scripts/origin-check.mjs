#!/usr/bin/env node
// Origins, checked (test-support/origin-check.mjs does the work): prints, for the charts and
// kustomizations of ../shared/corpus (or --corpus=DIR), how many moved findings point at the key
// they are about, how many say their line is approximate, and how many are wrong (must be 0); with
// --json, the details. Exit 1 when any is wrong.
import { resolve } from 'node:path';
import { check, DEFAULT_CORPUS } from '../test-support/origin-check.mjs';

const corpus = resolve(process.argv.find((a) => a.startsWith('--corpus='))?.slice('--corpus='.length) ?? DEFAULT_CORPUS);
const out = check(corpus);
for (const [kind, t] of Object.entries(out.totals)) {
  const moved = t.exact + t.approximate + t.wrong;
  console.log(`${kind}: ${t.rendered} rendered${kind === 'kustomize' ? `, ${t.unbuildable} not buildable offline` : ''}; moved findings ${moved}: exact ${t.exact} (${moved ? ((100 * t.exact) / moved).toFixed(1) : '0'}%), approximate ${t.approximate}, wrong ${t.wrong}; left on the rendered output ${t.unmoved}`);
}
if (process.argv.includes('--json')) console.log(JSON.stringify(out, null, 2));
else for (const w of out.wrong) console.log('wrong:', JSON.stringify(w));
process.exitCode = out.wrong.length > 0 ? 1 : 0;
