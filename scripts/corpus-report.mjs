#!/usr/bin/env node
// Lints every plain manifest of ../shared/corpus (FILES.tsv category "plain"), one run per project
// directory so that cross-file rules see each project's ServiceAccounts, and prints finding counts
// per rule, parse problems, and any crash. Needs the built core (`pnpm build`).
// Usage: node scripts/corpus-report.mjs [--json out.json] [--samples RULE]
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint, rules } from '@satlint/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus');
if (!existsSync(join(corpus, 'FILES.tsv'))) {
  console.error(`corpus-report: ${corpus}/FILES.tsv not found (the shared corpus is not available here); nothing to do`);
  process.exit(0);
}
const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const samplesFor = args.includes('--samples') ? args[args.indexOf('--samples') + 1] : undefined;

const rows = readFileSync(join(corpus, 'FILES.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const plain = rows.filter((r) => r[1] === 'plain').map((r) => r[0]);
const byProject = new Map();
for (const f of plain) {
  const project = f.split('/')[0];
  if (!byProject.has(project)) byProject.set(project, []);
  byProject.get(project).push(f);
}

const counts = new Map(rules.map((r) => [r.meta.id, 0]));
const problems = new Map();
const crashes = [];
const samples = [];
let files = 0;
let bytes = 0;
const started = performance.now();
for (const [project, list] of byProject) {
  const sources = list.map((f) => {
    const text = readFileSync(join(corpus, f), 'utf8');
    bytes += Buffer.byteLength(text);
    return { path: f, text };
  });
  files += sources.length;
  let results;
  try {
    results = lint(sources, { config: { extends: 'recommended' } });
  } catch (err) {
    crashes.push(`${project}: ${err.stack}`);
    continue;
  }
  for (const r of results) {
    for (const m of r.messages) {
      if (m.ruleId) counts.set(m.ruleId, (counts.get(m.ruleId) ?? 0) + 1);
      else {
        const key = `${m.fatal ? 'fatal' : 'warning'} ${m.messageId ?? m.message.slice(0, 60)}`;
        if (!problems.has(key)) problems.set(key, []);
        problems.get(key).push(`${r.filePath}:${m.line}:${m.column} ${m.message}`);
      }
      if (samplesFor && m.ruleId === samplesFor) samples.push(`${r.filePath}:${m.line}:${m.column} ${m.message}`);
    }
  }
}
const seconds = (performance.now() - started) / 1000;

console.log(`corpus: ${files} plain files in ${byProject.size} projects, ${(bytes / 1e6).toFixed(1)} MB, linted in ${seconds.toFixed(1)} s\n`);
console.log('| rule | findings |\n|---|---:|');
for (const [id, n] of counts) console.log(`| ${id} | ${n} |`);
console.log(`\nparse problems: ${[...problems.values()].reduce((a, l) => a + l.length, 0)}`);
for (const [key, list] of problems) {
  console.log(`- ${key}: ${list.length}`);
  for (const l of list.slice(0, 5)) console.log(`    ${l}`);
}
console.log(`crashes: ${crashes.length}`);
for (const c of crashes) console.log(c);
if (samplesFor) {
  console.log(`\nsamples of ${samplesFor}:`);
  for (const s of samples.slice(0, 40)) console.log(`  ${s}`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ files, bytes, seconds, counts: Object.fromEntries(counts), problems: Object.fromEntries([...problems].map(([k, v]) => [k, v.length])), crashes }, null, 2));
process.exit(crashes.length > 0 ? 1 : 0);
