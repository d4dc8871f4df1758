#!/usr/bin/env node
// Prints every regular expression of packages/core/src and packages/cli/src with the input it runs
// on, as a Markdown table (the ReDoS audit's inventory; test/redos.test.ts checks each with
// recheck). With --check, adds recheck's verdict (slow: about a minute).
import { createRequire } from 'node:module';
import { findRegexes } from '../test-support/regexes.mjs';
import { DYNAMIC, FILE_INPUTS } from '../test-support/regex-inputs.mjs';

const check = process.argv.includes('--check');
const recheck = check ? createRequire(import.meta.url)('recheck') : undefined;
const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
console.log(`| Where | Pattern | Runs on${check ? ' | recheck' : ''} |`);
console.log(`|---|---|---|${check ? '---|' : ''}`);
for (const r of findRegexes()) {
  const input = r.dynamic ? (DYNAMIC[r.source]?.input ?? '(undocumented)') : (FILE_INPUTS[r.file] ?? '(undocumented)');
  const patterns = r.dynamic ? (DYNAMIC[r.source]?.examples ?? []) : [[r.source, r.flags]];
  const verdict = check ? patterns.map(([s, f]) => recheck.checkSync(s, f, { timeout: 60_000, randomSeed: 17 }).status).join(', ') : '';
  const shown = r.dynamic ? `built at run time, e.g. \`/${patterns[0]?.[0] ?? ''}/${patterns[0]?.[1] ?? ''}\`` : `\`/${r.source}/${r.flags}\``;
  console.log(`| ${r.file}:${r.line} | ${cell(shown)} | ${cell(input)}${check ? ` | ${verdict}` : ''} |`);
}
