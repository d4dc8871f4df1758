import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ParsedFile } from '../types.js';
import { parseManifests, parseManifestsFully } from './index.js';
import { scanSegments } from './scan.js';
// @ts-expect-error -- a plain ES module shared by the parse tests
import { treeRanges } from '../../../../test-support/yaml-ranges.mjs';
// @ts-expect-error -- a plain ES module shared with scripts/fuzz-scan.mjs
import { blockYaml, nestedYaml } from '../../../../test-support/yaml-fuzz.mjs';

/**
 * What the rest of satlint reads of a parsed file: documents (values, ranges, origins, trees) and
 * problems. Not a List's per-item ranges: those come from the scanner only (next test).
 */
function observable(f: ParsedFile): unknown {
  return {
    problems: f.problems,
    repaired: f.repaired,
    documents: f.documents.map((d) => ({
      index: d.index,
      value: d.value,
      range: d.range,
      origin: d.origin,
      tree: d.ast === null ? null : treeRanges(d.ast?.contents),
    })),
  };
}

/** Streams whose documents the scanner reads only in part: the case document-by-document reading is for. */
function isMixed(text: string): boolean {
  const segments = scanSegments(text);
  return !!segments && segments.some((s) => 'unscanned' in s) && segments.some((s) => !('unscanned' in s));
}

// Documents the scanner leaves to the full parse (anchors, aliases, tags, flow plain scalars with
// indicators, more-indented folded lines, merge keys), and ones it reads.
const UNSCANNED = [
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &n a\n  labels: {x: *n}\n',
  'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: !!str sa\n  containers: [{name: c, image: "x"}]\n',
  'kind: ServiceAccount\napiVersion: v1\nmetadata:\n  name: sa\n  annotations: {a: @x}\n',
  'a: >\n  folded\n    more indented\n  back\n',
  'base: &b {automountServiceAccountToken: false}\nspec:\n  <<: *b\n  automountServiceAccountToken: true\n',
  '# Source: chart/templates/sa.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: &x sa\n',
  'x: [a, *b]\n',
  'x: "unterminated\n',
  'items:\n- &i {kind: A}\n- *i\nkind: List\napiVersion: v1\n',
];
const SCANNED = [
  'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n',
  '# Source: chart/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n',
  '# only a comment\n',
  '',
  'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata:\n    name: a\n',
  'a: 1\n\n\n',
  'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: d}\n',
];

describe('documents the scanner cannot read are parsed on their own, as the full parse of the stream reads them', () => {
  it('gives the same documents and problems as the full parse on streams that mix both', () => {
    let mixed = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...UNSCANNED), fc.constantFrom(...SCANNED), blockYaml(), nestedYaml()), { minLength: 2, maxLength: 6 }), fc.boolean(), (docs: string[], leading) => {
        const text = (leading ? '---\n' : '') + docs.join('---\n');
        if (isMixed(text)) mixed++;
        expect(observable(parseManifests(text)), JSON.stringify(text)).toEqual(observable(parseManifestsFully(text)));
      }),
      { numRuns: 1500, seed: 20261201 },
    );
    expect(mixed).toBeGreaterThan(400);
  });

  it('reads the scanned documents of a mixed stream with the scanner (a List keeps its per-item ranges)', () => {
    const text = `${UNSCANNED[0]}---\n${SCANNED[4]}`;
    expect(isMixed(text)).toBe(true);
    const f = parseManifests(text);
    expect(f.documents.map((d) => d.index)).toEqual([0, 1]);
    // The full parse gives a List no per-item ranges; the scanner does (cluster exports).
    expect(f.documents[1]!.items?.map((i) => i.document.range)).toEqual([[text.indexOf('- apiVersion'), text.length]]);
    expect(f.documents[0]!.value).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { x: 'a' } } });
  });

  it('reads kubectl -o json with JSON.parse and a tree per List item, not with the yaml package', () => {
    const pod = (n: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: n }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [pod('a'), pod('b')] }, null, 4);
    const f = parseManifests(text);
    expect(f.documents).toHaveLength(1);
    expect(f.documents[0]!.items?.map((i) => JSON.parse(text.slice(i.document.range[0], i.document.range[1])).metadata.name)).toEqual(['a', 'b']);
  });

  it('takes the full parse of the whole stream when an unscanned document has an error', () => {
    const text = `${SCANNED[0]}---\nx: "unterminated\n---\n${SCANNED[0]}`;
    const f = parseManifests(text);
    expect(f.problems.map((p) => p.code)).toContain('syntax');
    expect(observable(f)).toEqual(observable(parseManifestsFully(text)));
  });

  const corpus = resolve(import.meta.dirname, '../../../../../shared/corpus');
  const present = existsSync(join(corpus, 'FILES.tsv'));
  if (!present) console.warn('document-by-document comparison on the corpus skipped: ../shared/corpus is not present in this checkout');
  it.skipIf(!present)('gives the same documents and problems as the full parse on every corpus file that mixes both', () => {
    const files = readFileSync(join(corpus, 'FILES.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]!);
    let mixed = 0;
    for (const f of files) {
      const text = readFileSync(join(corpus, f), 'utf8');
      if (text.includes('\0') || !isMixed(text.replace(/\r(?!\n)/g, '\n'))) continue;
      mixed++;
      expect(observable(parseManifests(text, f)), f).toEqual(observable(parseManifestsFully(text, f)));
    }
    // Measured: 20 files (the linkerd install bundles, argo examples with anchors, istio addons).
    expect(mixed).toBeGreaterThanOrEqual(15);
  }, 240_000);
});
