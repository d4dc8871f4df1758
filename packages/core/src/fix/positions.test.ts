// Fix edits computed from the scanner's positions (fix/positions.ts) must be exactly the edits the
// syntax tree gives: every block mapping and sequence of hand-written cases, fuzzed documents and
// the shared corpus gets each edit both ways.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixer } from './edits.js';
import { blockMapInsert, blockSeqAppend, UNSURE } from './positions.js';
import { parseManifests } from '../parse/index.js';
import type { JsonPath, ParsedDocument, ParsedFile, Resource } from '../types.js';
// @ts-expect-error -- a plain ES module shared with scripts/fuzz-scan.mjs
import { nestedYaml } from '../../../../test-support/yaml-fuzz.mjs';

/** Paths to every mapping and sequence of a value. */
function* collections(value: unknown, path: JsonPath = [], budget = { left: 600 }): Generator<{ path: JsonPath; seq: boolean }> {
  if (budget.left-- <= 0) return;
  if (Array.isArray(value)) {
    yield { path, seq: true };
    for (let i = 0; i < value.length; i++) yield* collections(value[i], [...path, i], budget);
  } else if (value !== null && typeof value === 'object') {
    yield { path, seq: false };
    for (const k of Object.keys(value)) yield* collections((value as Record<string, unknown>)[k], [...path, k], budget);
  }
}

/** Paths to every scalar of a value. */
function* scalars(value: unknown, path: JsonPath = [], budget = { left: 600 }): Generator<JsonPath> {
  if (budget.left-- <= 0) return;
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* scalars(value[i], [...path, i], budget);
  else if (value !== null && typeof value === 'object') for (const k of Object.keys(value)) yield* scalars((value as Record<string, unknown>)[k], [...path, k], budget);
  else yield path;
}

const as = (document: ParsedDocument, file: ParsedFile, basePath: JsonPath = []) => ({ document, file, basePath }) as unknown as Resource;

/** Each edit from positions and from the syntax tree; returns how many the positions gave. */
function compare(text: string, label = JSON.stringify(text.slice(0, 200))): number {
  const file = parseManifests(text, 'x.yaml');
  let fast = 0;
  for (const d of file.documents) {
    if (d.value === null || d.value === undefined) continue;
    const scanned = as(d, file);
    // The same document, but not one the scanner read: the fixer takes its syntax tree.
    const tree = as({ index: d.index, value: d.value, ast: d.ast, range: d.range }, file);
    const edits: [string, (r: Resource, p: JsonPath) => unknown, boolean][] = [
      ['insertPair first', (r, p) => fixer.insertPair(r, p, 'added', 'true', 'first'), false],
      ['insertPair last', (r, p) => fixer.insertPair(r, p, 'added', 'true', 'last'), false],
      ['insertValue last', (r, p) => fixer.insertValue(r, p, 'volumes', [{ name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } }]), false],
      ['insertValue first', (r, p) => fixer.insertValue(r, p, 'env', { a: ['x', 'y'] }, 'first'), false],
      ['appendItem', (r, p) => fixer.appendItem(r, p, { name: 'token', mountPath: '/var/run/secrets/tokens' }), true],
      ['appendItem scalar', (r, p) => fixer.appendItem(r, p, 'x'), true],
    ];
    const extra = { metadata: { name: 'x' }, list: ['a', { b: 1 }] };
    expect(fixer.insertDocumentAfter(scanned, extra), `${label} insertDocumentAfter`).toEqual(fixer.insertDocumentAfter(tree, extra));
    const items = (d.value as { items?: unknown }).items;
    if (Array.isArray(items)) {
      items.forEach((_, i) => {
        expect(fixer.insertDocumentAfter(as(d, file, ['items', i]), extra), `${label} insertDocumentAfter item ${i}`).toEqual(fixer.insertDocumentAfter(as(tree.document, file, ['items', i]), extra));
      });
    }
    for (const path of scalars(d.value)) {
      for (const v of ['false', '"q"', "'s'", 'x y']) expect(fixer.replaceValue(scanned, path, v), `${label} replaceValue ${JSON.stringify(path)}`).toEqual(fixer.replaceValue(tree, path, v));
    }
    for (const c of collections(d.value)) {
      // Also a path that is not there, and one into a scalar.
      for (const path of [c.path, [...c.path, 'missing'], [...c.path, 0, 'x']]) {
        for (const [name, edit, seq] of edits) {
          if (seq !== c.seq && path === c.path) continue;
          const sure = seq ? blockSeqAppend(scanned, path) !== UNSURE : blockMapInsert(scanned, path, 'last', (_t, at) => at) !== UNSURE;
          if (sure) fast++;
          expect(edit(scanned, path), `${label} ${name} at ${JSON.stringify(path)}`).toEqual(edit(tree, path));
        }
      }
    }
  }
  return fast;
}

describe('fix edits from scanner positions', () => {
  it('are the syntax tree edits', () => {
    const cases = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: x\n        volumeMounts:\n        - name: v\n          mountPath: /v\n      volumes:\n      - name: v\n        emptyDir: {}\n',
      'a:\n    b:\n        c: 1   # comment\n    d:\n      - 1\n      - [2, 3]\n',
      'm:\n  # own comment\n  k: v\n  block: |\n    text\n  tail: {x: 1}\n',
      'list:\n- a\n- b: 1\n  c: 2\n-\n  d: 3\nlast: "q"\n',
      'x:\n  y: a plain scalar\n    over lines\nz:\n  w:\n',
      'a: 1\r\nb:\r\n  - x\r\n  - y: z\r\n',
    ];
    let fast = 0;
    for (const c of cases) fast += compare(c);
    expect(fast).toBeGreaterThan(20);
  });

  it('on fuzzed documents', () => {
    let fast = 0;
    fc.assert(
      fc.property(nestedYaml(), (text: string) => {
        fast += compare(text);
      }),
      { numRuns: 600 },
    );
    expect(fast).toBeGreaterThan(500);
  });

  const corpus = resolve(import.meta.dirname, '../../../../../shared/corpus');
  const present = existsSync(join(corpus, 'FILES.tsv'));
  if (!present) console.warn('fix positions corpus comparison skipped: ../shared/corpus is not present in this checkout');
  it.skipIf(!present)('on the shared corpus (every 8th file that is not a CRD bundle)', () => {
    const rows = readFileSync(join(corpus, 'FILES.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    let fast = 0;
    rows.forEach((r, n) => {
      if (n % 8 !== 0 || r[7] !== '0') return;
      const text = readFileSync(join(corpus, r[0]!), 'utf8');
      if (text.includes('\0')) return;
      fast += compare(text, r[0]);
    });
    expect(fast).toBeGreaterThan(1000);
  }, 240_000);
});
