#!/usr/bin/env node
// Prints satlint's agreement with peer linters' fixtures; exits 1 when the disagreements differ
// from conformance/accepted-divergences.json.
import { conformanceDir, runConformance, summarize, acceptedDivergences } from '../test-support/conformance.mjs';

const dir = conformanceDir();
if (!dir) {
  console.log('conformance: skipped, ../shared/conformance is not present in this checkout');
  process.exit(0);
}
const rows = runConformance(dir);
const byTool = summarize(rows);
console.log('| tool | agree | disagree | not implemented | not comparable | total | agreement (compared) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [tool, t] of [...byTool].sort((a, b) => a[0].localeCompare(b[0]))) {
  const compared = t.agree + t.disagree;
  const pct = compared === 0 ? '–' : `${((100 * t.agree) / compared).toFixed(1)}%`;
  console.log(`| ${tool} | ${t.agree} | ${t.disagree} | ${t['not-implemented']} | ${t['not-comparable']} | ${t.total} | ${pct} |`);
}
const accepted = acceptedDivergences();
const disagreements = rows.filter((r) => r.outcome === 'disagree');
console.log(`\nDisagreements (${disagreements.length}):`);
for (const d of disagreements) {
  console.log(`- ${d.id}: peer ${d.verdict}, satlint ${d.satlint}${d.findings.length ? ` (${d.findings.join(', ')})` : ''}`);
  console.log(`    ${accepted.has(d.id) ? `accepted: ${accepted.get(d.id)}` : 'NOT ACCEPTED: fix satlint or record the reason in conformance/accepted-divergences.json'}`);
}
const ids = new Set(disagreements.map((d) => d.id));
const stale = [...accepted.keys()].filter((id) => !ids.has(id));
for (const id of stale) console.log(`- accepted divergence no longer occurs: ${id}`);
const unexplained = disagreements.filter((d) => !accepted.has(d.id));
if (unexplained.length > 0 || stale.length > 0) {
  console.log(`\nconformance: ${unexplained.length} unexplained disagreement(s), ${stale.length} stale accepted entr(ies)`);
  process.exit(1);
}
console.log('\nconformance: every disagreement is an accepted divergence');
