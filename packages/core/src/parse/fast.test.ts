import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fastValues, resolvePlain } from './fast.js';

const OPTIONS = { version: '1.1', merge: true, uniqueKeys: false } as const;

/** What the full parse decodes, or null when it reports an error (where the fast path must give up too). */
function full(text: string): unknown[] | null {
  const docs = parseAllDocuments(text, OPTIONS);
  if (!Array.isArray(docs)) return [];
  if (docs.some((d) => d.errors.length > 0)) return null;
  try {
    return docs.map((d) => d.toJS({ maxAliasCount: 100 }));
  } catch {
    return null;
  }
}

function agree(text: string): void {
  const fast = fastValues(text);
  if (fast === null) return; // not covered: the caller takes the full parse
  const reference = full(text);
  expect(reference, `the fast path accepted input the full parse rejects: ${JSON.stringify(text.slice(0, 200))}`).not.toBeNull();
  expect(fast).toEqual(reference);
}

describe('resolvePlain (YAML 1.1 scalars, as go-yaml and the yaml package read them)', () => {
  it.each([
    ['', null], ['~', null], ['null', null], ['yes', true], ['Off', false], ['y', true], ['n', false],
    ['0755', 493], ['0x1F', 31], ['0b101', 5], ['1_000', 1000], ['-42', -42], ['3.5', 3.5], ['1e3', 1000], ['.inf', Infinity], ['-.Inf', -Infinity],
    ['08', 8], ['v1', 'v1'], ['true-ish', 'true-ish'],
  ])('%j → %j', (s, v) => expect(resolvePlain(s)).toEqual(v));
});

describe('fast path values agree with the full parse', () => {
  it('on hand-picked inputs, and gives up where it should', () => {
    const cases = [
      'a: 1\nb: [x, {c: d}]\n',
      'a: &x {k: v}\nb: *x\n',
      'k: |\n  line\n  two\ne: >-\n  folded\n  text\n',
      'q: "esc\\n\\t\\u00e9"\nr: \'it\'\'s\'\n',
      '- a\n- - nested\n  - seq\n',
      'y: 1\n"y": 2\n',
      'dup: 1\ndup: 2\n',
      '---\na: 1\n---\n---\nb: 2\n...\n',
      'multi: plain\n  scalar over\n  lines\n',
      'empty:\nnull_value: ~\n',
      '__proto__: {polluted: true}\n',
    ];
    for (const c of cases) {
      expect(fastValues(c), c).not.toBeNull();
      agree(c);
    }
    for (const giveUp of ['a: !!str 1\n', '%YAML 1.1\n---\na: 1\n', 'base: &b {x: 1}\nm: {<<: *b}\n', '? [complex]\n: key\n', 'when: 2001-12-14\n', 'time: 1:30:00\n', 'bad: [1, 2\n']) {
      expect(fastValues(giveUp), giveUp).toBeNull();
    }
  });

  const corpus = resolve(import.meta.dirname, '../../../../../shared/corpus');
  if (!existsSync(join(corpus, 'FILES.tsv'))) console.warn('fast-path corpus comparison skipped: ../shared/corpus is not present in this checkout');
  it.skipIf(!existsSync(join(corpus, 'FILES.tsv')))('on every file of the shared corpus', () => {
    const files = readFileSync(join(corpus, 'FILES.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]!);
    let covered = 0;
    for (const f of files) {
      const text = readFileSync(join(corpus, f), 'utf8');
      if (text.includes('\0')) continue;
      agree(text);
      if (fastValues(text) !== null) covered++;
    }
    // Most real manifests are within the fast path; the rest fall back.
    expect(covered / files.length).toBeGreaterThan(0.85);
  });

  it('on fuzzed YAML-ish text', () => {
    // The same generator as scripts/fuzz-fast-parse.mjs, which has run clean for 1.2 million inputs.
    const unit = fc.constantFrom(...'ab: -[]{}#&*!|>\'"\n\t %,?\\01y~.'.split(''));
    fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), (text) => agree(text)), { numRuns: 5000 });
  });
});
