/**
 * Recorded-verdict suite: compares satlint with Kubernetes' own answers, recorded by the Go oracle
 * (conformance/kubernetes) for the generated inputs and the shared corpus, without Go. It fails when
 * satlint's verdict changes away from Kubernetes', when a disagreement is not in
 * conformance/kubernetes/divergences.json, when a listed divergence no longer occurs, and when an
 * input changed without its verdict being re-recorded (`pnpm conformance:kubernetes`).
 */
import { describe, expect, it } from 'vitest';
import { generateCases } from '../test-support/kubernetes/generate.js';
import { compareWithFixed, fixedCases, originalOf } from '../test-support/kubernetes/fixed.js';
import { corpusAvailable, corpusCases, CORPUS_DIR } from '../test-support/kubernetes/corpus.js';
import { caseHash, COMPARISONS, tally, type Item } from '../test-support/kubernetes/compare.js';
import { checkDivergences, readDivergences, readRecorded, RECORDED } from '../test-support/kubernetes/recorded.js';
import type { Case } from '../test-support/kubernetes/types.js';

function compareAll(cases: Case[], recordedPath: string): Item[] {
  const recorded = readRecorded(recordedPath);
  const missing = cases.filter((c) => !recorded.has(c.id)).map((c) => c.id);
  expect(missing, 'cases without a recorded verdict: run pnpm conformance:kubernetes').toEqual([]);
  const stale = cases.filter((c) => recorded.get(c.id)!.hash !== caseHash(c)).map((c) => c.id);
  expect(stale, 'inputs changed since their verdicts were recorded: run pnpm conformance:kubernetes').toEqual([]);
  // The originals, and the fixed inputs against their originals: Kubernetes' validation, no token lost (issue 18).
  return compareWithFixed(cases, (id) => recorded.get(id)!.verdict);
}

/** The inputs and the same inputs after satlint's fixes and suggestions. */
function withFixed(cases: Case[]): Case[] {
  return [...cases, ...fixedCases(cases)];
}

const divergences = readDivergences();

describe('agreement with Kubernetes v1.31 on generated input (recorded verdicts)', () => {
  const cases = withFixed(generateCases());
  it('generates thousands of cases, the same for the same seed, hundreds of them fixed by satlint', () => {
    expect(cases.length).toBeGreaterThan(2000);
    expect(generateCases().map(caseHash)).toEqual(cases.filter((c) => !originalOf(c.id)).map(caseHash));
    expect(cases.filter((c) => c.id.startsWith('fix/')).length).toBeGreaterThan(100);
    expect(cases.filter((c) => c.id.startsWith('suggest/')).length).toBeGreaterThan(100);
  });
  it('disagrees only where divergences.json says, and every comparison is exercised', () => {
    const items = compareAll(cases, RECORDED.generated);
    const t = tally(items);
    for (const c of COMPARISONS) expect(t[c].compared, c).toBeGreaterThan(100);
    const { unlisted, stale, fixed } = checkDivergences(items, divergences, (id) => !id.includes('|corpus/'));
    if (fixed.length) console.warn(`${fixed.length} pending-fix divergences no longer occur on generated input; remove them from divergences.json: ${fixed.slice(0, 10).join(', ')}`);
    expect(unlisted.map((i) => `${i.id} kubernetes=${JSON.stringify(i.kubernetes)} satlint=${JSON.stringify(i.satlint)}`).slice(0, 30)).toEqual([]);
    expect(stale).toEqual([]);
  }, 600_000);
});

const haveCorpus = corpusAvailable();
if (!haveCorpus) console.warn(`Kubernetes agreement on the corpus skipped: ${CORPUS_DIR} is not present in this checkout`);

describe.skipIf(!haveCorpus)('agreement with Kubernetes v1.31 on the shared corpus (recorded verdicts; needs ../shared/corpus)', () => {
  it('disagrees only where divergences.json says, asking at least 100,000 can-i questions', () => {
    const items = compareAll(withFixed(corpusCases()), RECORDED.corpus);
    const t = tally(items);
    expect(t.rbac.compared).toBeGreaterThanOrEqual(100_000);
    expect(t.automount.compared).toBeGreaterThan(300);
    const { unlisted, stale, fixed } = checkDivergences(items, divergences, (id) => id.includes('|corpus/'));
    if (fixed.length) console.warn(`${fixed.length} pending-fix divergences no longer occur on the corpus; remove them from divergences.json: ${fixed.slice(0, 10).join(', ')}`);
    expect(unlisted.map((i) => `${i.id} kubernetes=${JSON.stringify(i.kubernetes)} satlint=${JSON.stringify(i.satlint)}`).slice(0, 30)).toEqual([]);
    expect(stale).toEqual([]);
  }, 900_000);
});
