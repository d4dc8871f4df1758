/**
 * The live comparison (`pnpm conformance:kubernetes`): generates the inputs, asks the Go oracle
 * (Kubernetes' own code), re-records its verdicts, compares satlint with them and prints, per
 * comparison, how many cases were compared on the corpus and on generated input and how many agree.
 * Exits non-zero when a disagreement is not in conformance/kubernetes/divergences.json.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { generateCases } from './generate.js';
import { compareWithFixed, fixedCases } from './fixed.js';
import { corpusAvailable, corpusCases, CORPUS_DIR } from './corpus.js';
import { caseHash, COMPARISONS, tally, type Item } from './compare.js';
import { checkDivergences, HARNESS_DIR, listedIn, readDivergences, readRecorded, RECORDED, writeRecorded, type Recorded } from './recorded.js';
import type { Case, OracleVerdict } from './types.js';

const ARTIFACTS = resolve(HARNESS_DIR, '../../test/.artifacts/kubernetes');

async function askOracle(cases: Case[]): Promise<Map<string, OracleVerdict>> {
  const child = spawn(resolve(HARNESS_DIR, 'bin/oracle'), ['run'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const out = new Map<string, OracleVerdict>();
  const lines = createInterface({ input: child.stdout });
  const done = (async () => {
    for await (const line of lines) {
      const v = JSON.parse(line) as OracleVerdict;
      out.set(v.id, v);
    }
  })();
  for (const c of cases) {
    const line = JSON.stringify({ id: c.id, files: c.files.map((f) => ({ path: f.path, data: Buffer.from(f.text, 'utf8').toString('base64') })), ...(c.canI ? { canI: c.canI } : {}) }) + '\n';
    if (!child.stdin.write(line)) await new Promise((r) => child.stdin.once('drain', r));
  }
  child.stdin.end();
  const code: number = await new Promise((r) => child.on('close', r));
  await done;
  if (code !== 0) throw new Error(`oracle exited with ${code}`);
  return out;
}

async function main(): Promise<number> {
  const started = Date.now();
  // Each input, and each input as satlint's fixes and suggestions leave it (judged by the `fix` comparison).
  const generatedBase = generateCases();
  const generated = [...generatedBase, ...fixedCases(generatedBase)];
  const corpusBase = corpusAvailable() ? corpusCases() : [];
  const corpus = [...corpusBase, ...fixedCases(corpusBase)];
  if (corpus.length === 0) console.log(`corpus comparison skipped: ${CORPUS_DIR} is not present (a user's clone has no ../shared)`);
  let verdicts: Map<string, OracleVerdict>;
  if (process.argv.includes('--recorded')) {
    // Compare with the committed verdicts only (no Go): for working on satlint's side.
    verdicts = new Map([...readRecorded(RECORDED.generated), ...readRecorded(RECORDED.corpus)].map(([id, r]) => [id, r.verdict]));
    console.log(`compared with the recorded verdicts (${verdicts.size} cases), the oracle was not run`);
  } else {
    verdicts = await askOracle([...corpus, ...generated]);
    console.log(`oracle answered ${verdicts.size} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const rows = (cases: Case[]): Recorded[] => cases.map((c) => ({ hash: caseHash(c), verdict: verdicts.get(c.id)! }));
    writeRecorded(RECORDED.generated, rows(generated), false);
    if (corpus.length) writeRecorded(RECORDED.corpus, rows(corpus), true);
  }

  const verdictOf = (id: string) => verdicts.get(id)!;
  const items: { corpus: Item[]; generated: Item[] } = { corpus: compareWithFixed(corpus, verdictOf), generated: compareWithFixed(generated, verdictOf) };
  const divergences = readDivergences();
    const t = { corpus: tally(items.corpus), generated: tally(items.generated) };
  const listed = listedIn(divergences);
  const outside = (list: Item[], cmp: string) => list.filter((i) => i.comparison === cmp && !listed(i.id));
  console.log('\ncomparison   corpus: compared  agree  (outside divergences: compared agree)   generated: compared  agree  (outside: compared agree)');
  for (const cmp of COMPARISONS) {
    const oc = outside(items.corpus, cmp);
    const og = outside(items.generated, cmp);
    const pct = (a: number, b: number) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(2)}%`);
    console.log(
      `${cmp.padEnd(11)}  ${String(t.corpus[cmp].compared).padStart(8)} ${String(t.corpus[cmp].agree).padStart(8)} ${pct(t.corpus[cmp].agree, t.corpus[cmp].compared).padStart(8)}  (${oc.length} ${oc.filter((i) => i.agree).length} ${pct(oc.filter((i) => i.agree).length, oc.length)})   ${String(t.generated[cmp].compared).padStart(8)} ${String(t.generated[cmp].agree).padStart(8)} ${pct(t.generated[cmp].agree, t.generated[cmp].compared).padStart(8)}  (${og.length} ${og.filter((i) => i.agree).length} ${pct(og.filter((i) => i.agree).length, og.length)})`,
    );
  }
  const flagErrors = [...verdicts.values()].flatMap((v) => v.flags).filter((f) => f.error);
  const refusedItems = [...items.corpus, ...items.generated].filter((i) => i.comparison === 'flags' && i.id.endsWith('|refused'));
  console.log(`flags: ${flagErrors.length} command lines the binary itself refuses (parse error): their values are not compared; ${refusedItems.length} command lines where the binary or satlint refuses a word as a flag (one dash, ---) compared, ${refusedItems.filter((i) => i.agree).length} agree`);
  const rbacCorpus = t.corpus.rbac.compared;
  console.log(`rbac: ${rbacCorpus} can-i questions on the corpus, ${t.generated.rbac.compared} on generated input, each through satlint's canI in this one process`);
  const all = [...items.corpus, ...items.generated];
  const scope = (id: string) => (corpus.length ? true : !id.includes('|corpus/'));
  const { unlisted, stale, fixed } = checkDivergences(all, divergences, scope);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(resolve(ARTIFACTS, 'disagreements.json'), JSON.stringify(all.filter((i) => !i.agree), null, 1));
  for (const d of divergences) console.log(`divergence ${d.status.padEnd(11)} ${d.comparison.padEnd(10)} ${String(d.ids.length).padStart(6)}  ${d.class}`);
  console.log(`\n${unlisted.length} disagreements not in divergences.json, ${stale.length} justified entries that no longer disagree, ${fixed.length} pending-fix entries now fixed (remove them); details: test/.artifacts/kubernetes/disagreements.json`);
  for (const id of fixed) console.log(`  now fixed: ${id}`);
  for (const i of unlisted.slice(0, 20)) console.log(`  ${i.id}\n    kubernetes: ${JSON.stringify(i.kubernetes)?.slice(0, 300)}\n    satlint:    ${JSON.stringify(i.satlint)?.slice(0, 300)}`);
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return unlisted.length === 0 && stale.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
