// Findings on scanned documents are placed from the scanner's own positions (scanPositions), not
// from a `yaml` syntax tree: wherever the positions give an answer it must be the syntax tree's
// answer (locateInDocument), for every path, present or missing, on hand-written cases, fuzzed
// documents and the shared corpus; and they must give one often enough to be worth it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments, type Document } from 'yaml';
import { scanManifests, scanPositions } from './scan.js';
import { locateInDocument, locateScanned, locatePath, parseManifests, scannedPositionsOf, startPositionCache } from './index.js';
import { entryPositionsOf } from './locate.js';
import type { JsonPath } from '../types.js';
// @ts-expect-error -- a plain ES module shared with scripts/fuzz-scan.mjs
import { blockYaml, nestedYaml } from '../../../../test-support/yaml-fuzz.mjs';

const OPTIONS = { version: '1.1', merge: true, uniqueKeys: false, logLevel: 'error' } as const;

/** Every path to a node of `value`, and paths one step past each: a missing key, an index past the end, a key of a scalar. */
function* paths(value: unknown, path: JsonPath = [], budget = { left: 4000 }): Generator<JsonPath> {
  if (budget.left-- <= 0) return;
  yield path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* paths(value[i], [...path, i], budget);
    yield [...path, value.length];
    yield [...path, 'x'];
  } else if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) yield* paths((value as Record<string, unknown>)[k], [...path, k], budget);
    yield [...path, 'no-such-key'];
    yield [...path, 0];
  } else {
    yield [...path, 'x'];
    yield [...path, 0];
  }
}

/** Compares the scanner's answers with the syntax tree's on every document of `text`; returns how many paths the scanner answered and how many it left to the tree. */
function compare(text: string, label = JSON.stringify(text.slice(0, 200))): { answered: number; left: number } {
  const scanned = scanManifests(text);
  let answered = 0;
  let left = 0;
  if (!scanned) return { answered, left };
  const reference = parseAllDocuments(text, OPTIONS) as Document.Parsed[];
  expect(reference.length, label).toBe(scanned.length);
  scanned.forEach((d, i) => {
    const pos = scanPositions(text.slice(d.range[0], d.range[1]), d.range[0]);
    for (const p of paths(d.value)) {
      const mine = pos ? locateScanned(pos, p) : null;
      if (mine === null) {
        left++;
        continue;
      }
      answered++;
      expect(mine, `${label} document ${i} path ${JSON.stringify(p)}`).toEqual(locateInDocument(reference[i]!, p));
    }
  });
  return { answered, left };
}

/**
 * On every scanned document of `text` whose root is a mapping: a path placed from its root entry's
 * lines alone (what locatePath does) gets the whole document's positions' answer. Returns how many
 * paths were placed from an entry.
 */
function compareEntries(text: string, label: string): number {
  const file = parseManifests(text, 'x.yaml');
  let fromEntries = 0;
  file.documents.forEach((doc, i) => {
    const whole = scannedPositionsOf(doc);
    if (!whole || doc.value === null || typeof doc.value !== 'object' || Array.isArray(doc.value)) return;
    for (const p of paths(doc.value)) {
      if (typeof p[0] !== 'string') continue;
      const entry = entryPositionsOf(doc, p[0]);
      if (!entry) continue;
      fromEntries++;
      expect(locateScanned(entry, p), `${label} document ${i} path ${JSON.stringify(p)}`).toEqual(locateScanned(whole, p));
      expect(locatePath(doc, p), `${label} document ${i} path ${JSON.stringify(p)}`).toEqual(locateScanned(whole, p) ?? locateInDocument(doc.ast!, p));
    }
  });
  return fromEntries;
}

describe('positions from the scanner', () => {
  it('place paths exactly where the syntax tree does, or say nothing', () => {
    const cases = [
      'a: 1\nb: [x, {c: d}]\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p   # a comment\n  labels: {app: x}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    args: ["a", \'b\']\n  -   name: d\n      image: "q"\n',
      'k: |\n  line\n\n  two\ne: >-\n  folded\n  text\nz: 1\n',
      'list:\n- a\n- b: 1\n  c: 2\n-\n  d: 3\n- - not\n',
      'description: a plain scalar\n  over several\n\n  lines\nnext: 1\n',
      'desc: "a quoted\n  scalar"\n\'q k\': \'v\'\n"d k": "w"\n',
      '# c\n---\na: 1\n# tail\n---\n# Source: chart/templates/x.yaml\nb: 2\n---\nc:\n- 1\n- 2\n',
      'a: 1\r\nb:\r\n  - x\r\n  - y: z\r\n',
      'empty: {}\nnone: []\nnull_value: ~\nnothing:\nafter: 1\n',
      'seq:\n- x\nsame-indent:\n- y\n-   z\nm:\n  # comment first\n  k: v\n',
      // Anchored scalars are placed at the scalar (after the anchor); aliases are left to the tree.
      'c:\n- name: &n linkerd-proxy\n  image: *n\n- &m   spaced\nd: &q "quoted" # c\ne: *q\nf: [sh, -c]\n',
    ];
    let answered = 0;
    let fromEntries = 0;
    for (const c of cases) {
      answered += compare(c).answered;
      fromEntries += compareEntries(c, JSON.stringify(c.slice(0, 80)));
    }
    expect(answered).toBeGreaterThan(100);
    expect(fromEntries).toBeGreaterThan(100);
  });

  it('place a path from its root entry alone, unless the entry does not read on its own (an alias of an earlier anchor)', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: &n web # c\n\n# between entries\nspec:\n  containers:\n  - name: *n\n    image: nginx\n  hostname:\nstatus: {}\n';
    const doc = parseManifests(text, 'p.yaml').documents[0]!;
    expect(entryPositionsOf(doc, 'metadata')).not.toBeNull();
    expect(entryPositionsOf(doc, 'status')).not.toBeNull();
    // `*n` needs the anchor of the metadata entry: that entry is placed from the whole document.
    expect(entryPositionsOf(doc, 'spec')).toBeNull();
    expect(entryPositionsOf(doc, 'nothing')).toBeNull();
    for (const p of paths(doc.value)) expect(locatePath(doc, p), JSON.stringify(p)).toEqual(locateInDocument(doc.ast!, p));
    expect(locatePath(doc, ['metadata', 'name'])!.range.map((o) => text.slice(0, o).split('\n').length)).toEqual([4, 4]);
    expect(compareEntries(text, 'anchored')).toBeGreaterThan(10);
  });

  it('are null for a document with a duplicate key at any depth, as the scan that reads values bails there', () => {
    for (const t of ['a: 1\na: 2\n', 'm:\n  k: 1\n  k:\n  - x\n', '- a: 1\n  b: 2\n  a: 3\n']) {
      expect(scanManifests(t), t).toBeNull();
      expect(scanPositions(t, 0), t).toBeNull();
    }
    const pos = scanPositions('m:\n  k: 1\n  j: [x]\n', 10);
    expect(pos?.t === 'map' && [...pos.pairs.keys()]).toEqual(['m']);
    const m = pos?.t === 'map' ? pos.pairs.get('m')!.v : undefined;
    expect(m?.t === 'map' && [...m.pairs].map(([k, e]) => [k, e.ks, e.ke, e.v.t])).toEqual([['k', 15, 16, 'scalar'], ['j', 22, 23, 'flow']]);
  });

  it('on fuzzed documents', () => {
    let answered = 0;
    let fromEntries = 0;
    fc.assert(
      fc.property(nestedYaml(), (text: string) => {
        answered += compare(text).answered;
        fromEntries += compareEntries(text, JSON.stringify(text.slice(0, 200)));
      }),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(blockYaml(), (text: string) => {
        answered += compare(text).answered;
        fromEntries += compareEntries(text, JSON.stringify(text.slice(0, 200)));
      }),
      { numRuns: 2000 },
    );
    expect(answered).toBeGreaterThan(5000);
    expect(fromEntries).toBeGreaterThan(5000);
  });

  it('give locatePath the syntax tree answer on a parsed file, also where the scanner leaves it to the tree', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  block: |\n    text\n  long: a plain\n    scalar\n';
    const file = parseManifests(text, 'x.yaml');
    const doc = file.documents[0]!;
    for (const p of paths(doc.value)) expect(locatePath(doc, p), JSON.stringify(p)).toEqual(locateInDocument(doc.ast!, p));
  });

  it('place the items of a kubectl -o yaml List (entries at column 0 and 2) from positions, as the whole List\'s syntax tree does', () => {
    const exported = readFileSync(resolve(import.meta.dirname, '../../../../test/fixtures/cluster-export/export.yaml'), 'utf8');
    // The same export with its entries indented by two (`items:` then `  - …`, up to the next top-level key).
    let inItems = false;
    const at2 = exported.split('\n').map((l) => {
      if (l === 'items:') inItems = true;
      else if (/^[a-z]/.test(l)) inItems = false;
      else if (inItems && l !== '') return `  ${l}`;
      return l;
    }).join('\n');
    for (const text of [exported, at2]) {
      const file = parseManifests(text, 'export.yaml');
      const list = file.documents[0]!;
      const whole = parseAllDocuments(text, OPTIONS)[0] as Document.Parsed;
      expect(list.items?.length).toBeGreaterThan(10);
      let answered = 0;
      list.items!.forEach((it, i) => {
        const pos = scannedPositionsOf(it.document);
        expect(pos, `item ${i} has scanner positions`).not.toBeNull();
        for (const p of paths(it.document.value)) {
          const mine = locateScanned(pos!, [...it.itemPath, ...p]);
          if (mine === null) continue;
          answered++;
          // The item's own tree is a one-entry sequence: one segment shallower than the List's.
          expect({ range: mine.range, depth: mine.depth + 1 }, `item ${i} path ${JSON.stringify(p)}`).toEqual(locateInDocument(whole, ['items', i, ...p]));
        }
      });
      expect(answered).toBeGreaterThan(1000);
    }
  });

  const corpus = resolve(import.meta.dirname, '../../../../../shared/corpus');
  const present = existsSync(join(corpus, 'FILES.tsv'));
  if (!present) console.warn('scanner positions corpus comparison skipped: ../shared/corpus is not present in this checkout');
  it.skipIf(!present)('on the shared corpus (every 8th file), answering for most paths', () => {
    const files = readFileSync(join(corpus, 'FILES.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]!);
    let answered = 0;
    let left = 0;
    let fromEntries = 0;
    files.forEach((f, n) => {
      if (n % 8 !== 0) return;
      const text = readFileSync(join(corpus, f), 'utf8').replace(/\r(?!\n)/g, '\n');
      if (text.includes('\0')) return;
      const r = compare(text, f);
      answered += r.answered;
      left += r.left;
      fromEntries += compareEntries(text, f);
    });
    expect(answered / (answered + left)).toBeGreaterThan(0.7);
    expect(fromEntries).toBeGreaterThan(answered / 2);
  }, 240_000);

  it('are kept for the documents a run places first and give the same answers placed again in any order', () => {
    const docs = Array.from({ length: 40 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: i${i}\n`);
    const file = parseManifests(docs.join('---\n'));
    const path: JsonPath = ['spec', 'containers', 0, 'image'];
    const fresh = file.documents.map((d) => locatePath(d, path));
    startPositionCache();
    // Rule after rule over every document, as the rules stage places them; then backwards.
    for (let pass = 0; pass < 3; pass++) file.documents.forEach((d, i) => expect(locatePath(d, path), `pass ${pass} document ${i}`).toEqual(fresh[i]));
    [...file.documents].reverse().forEach((d, i) => expect(locatePath(d, path)).toEqual(fresh[file.documents.length - 1 - i]));
    // The same positions object while kept: nothing rescans a kept document.
    expect(scannedPositionsOf(file.documents[3]!)).toBe(scannedPositionsOf(file.documents[3]!));
    expect(fresh[7]!.range.map((o) => file.position(o).line)).toEqual([8 + 9 * 7, 8 + 9 * 7]);
  });
});
