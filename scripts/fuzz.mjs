#!/usr/bin/env node
// The long fuzz run: `pnpm fuzz --minutes N [--seed S] [--cli-every K] [--out DIR]` (needs pnpm build).
// Runs the checks of test-support/fuzz.mjs for N minutes: library cases (every format, canaries),
// every K-th case through the CLI in this process (every format), and at the end the linear-time
// growth of every hostile document. Prints the figures; failing cases are written to DIR
// (default: a temporary directory) as JSON for replay. Exit 1 when any check failed.
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkCliCase, checkLibraryCase, fuzzCase, growthRatios, ALL_FORMATS } from '../test-support/fuzz.mjs';
import { main } from '../packages/cli/dist/index.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, seed: { type: 'string' }, 'cli-every': { type: 'string', default: '25' }, out: { type: 'string' }, 'growth-bytes': { type: 'string', default: '8000' } } });
const minutes = Number(values.minutes);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const cliEvery = Number(values['cli-every']);
const out = values.out ?? mkdtempSync(join(tmpdir(), 'satlint-fuzz-out-'));
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'satlint-fuzz-cli-'));

const deadline = Date.now() + minutes * 60_000;
// Library and CLI cases get most of the time; the growth measurements the rest.
const casesUntil = Date.now() + minutes * 60_000 * 0.8;
console.log(`satlint fuzz: ${minutes} min, seed ${seed}, formats ${ALL_FORMATS.join('/')}, CLI every ${cliEvery} cases, failures to ${out}`);

let cases = 0;
let cliCases = 0;
let failures = 0;
let internalErrors = 0;
let bytes = 0;
let slowest = { ms: 0, bytes: 0, seed: 0 };
let slowestPerByte = { usPerByte: 0, ms: 0, bytes: 0, seed: 0 };
let largest = 0;
const knownLeaks = [];
const record = (kind, c, problems) => {
  failures++;
  internalErrors += problems.filter((p) => /internal error|threw/.test(p)).length;
  writeFileSync(join(out, `${kind}-${c.seed}.json`), JSON.stringify({ kind, seed: c.seed, problems, files: c.files }, null, 1));
  console.log(`FAIL ${kind} seed ${c.seed}: ${problems.slice(0, 3).join(' | ').slice(0, 400)}`);
};

let batch = 0;
while (Date.now() < casesUntil) {
  const sample = fc.sample(fuzzCase(), { numRuns: 100, seed: seed + batch++ });
  for (const c of sample) {
    if (Date.now() >= casesUntil) break;
    const r = checkLibraryCase(c);
    cases++;
    bytes += r.bytes;
    largest = Math.max(largest, r.bytes);
    if (r.ms > slowest.ms) slowest = { ms: r.ms, bytes: r.bytes, seed: c.seed };
    const perByte = (r.ms * 1000) / r.bytes;
    // Per byte only for cases big enough that a fixed cost does not dominate.
    if (r.bytes >= 4096 && perByte > slowestPerByte.usPerByte) slowestPerByte = { usPerByte: perByte, ms: r.ms, bytes: r.bytes, seed: c.seed };
    if (r.problems.length > 0) record('library', c, r.problems);
    if (cases % cliEvery === 0) {
      const problems = await checkCliCase(c, join(scratch, String(c.seed)), main, knownLeaks);
      cliCases++;
      if (problems.length > 0) record('cli', c, problems);
    }
  }
  if (batch % 10 === 0) console.log(`… ${cases} cases (${cliCases} through the CLI), ${failures} failing, ${(bytes / 1e6).toFixed(1)} MB`);
}

const growthBytes = Number(values['growth-bytes']);
const growth = growthRatios(growthBytes, { factor: 16, runs: 3 });
const superLinear = growth.filter((g) => g.growth > 16 ** 1.5);
for (const g of superLinear) {
  failures++;
  console.log(`FAIL linear time: ${g.name}: ${g.smallMs.toFixed(1)} ms at ${growthBytes} bytes -> ${g.largeMs.toFixed(1)} ms at ${g.bytes} bytes (${g.growth.toFixed(1)}x for 16x the input)`);
}
const worstVsBenign = [...growth].sort((a, b) => b.vsBenign - a.vsBenign)[0];

console.log('');
console.log(`cases run: ${cases} (library, every format), ${cliCases} of them also through the CLI (${ALL_FORMATS.length} formats each); ${(bytes / 1e6).toFixed(1)} MB of manifests; largest case ${largest} bytes`);
console.log(`internal errors: ${internalErrors}; failing cases: ${failures}; secret-value leaks in formats known to leak (none listed): ${knownLeaks.length} of ${cliCases} CLI cases`);
console.log(`slowest case: ${slowest.ms.toFixed(1)} ms for ${slowest.bytes} bytes (seed ${slowest.seed}); slowest per byte (cases of 4 KB or more): ${slowestPerByte.usPerByte.toFixed(1)} us/byte, ${slowestPerByte.ms.toFixed(1)} ms for ${slowestPerByte.bytes} bytes (seed ${slowestPerByte.seed})`);
console.log(`linear time: ${growth.length} hostile documents at ${growthBytes} and ${growthBytes * 16} bytes; worst growth ${growth[0].growth.toFixed(1)}x for 16x the input (${growth[0].name}); worst against a benign document of the same size ${worstVsBenign.vsBenign.toFixed(1)}x (${worstVsBenign.name}); ${superLinear.length} super-linear`);
console.log(`wall time: ${((Date.now() - (deadline - minutes * 60_000)) / 60_000).toFixed(1)} min`);
process.exit(failures > 0 ? 1 : 0);
