#!/usr/bin/env node
// Prints the bad-input matrix (test-support/robustness-cases.mjs) as a Markdown table: case, first message,
// exit code, wall time. The assertions live in test/robustness.test.ts. Needs `pnpm build`.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES, runCase } from '../test-support/robustness-cases.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages/cli/bin/satlint.js');
const cell = (s) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
console.log('| case | message | exit | time |');
console.log('|---|---|---:|---:|');
for (const c of CASES) {
  const why = c.skip?.();
  if (why) {
    console.log(`| ${c.name} | skipped: ${cell(why)} | | |`);
    continue;
  }
  const r = runCase(c, bin);
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.trim() && !/good\.yaml|Pod apps\/good|problems? \(|potentially fixable/.test(l));
  const first = lines.find((l) => /^\s+\d+:\d+\s/.test(l) || /^satlint:/.test(l)) ?? (lines[0] ?? '(no output)');
  console.log(`| ${c.name} | ${cell(first).slice(0, 160)} | ${r.code} | ${(r.ms / 1000).toFixed(2)} s |`);
}
