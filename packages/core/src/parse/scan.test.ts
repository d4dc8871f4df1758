import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments, type Node } from 'yaml';
import { scanManifests, type ScannedDocument } from './scan.js';
import { parseManifests } from './index.js';
import { decodeDocument } from './goyaml.js';
// @ts-expect-error -- a plain ES module shared by the parse tests
import { treeRanges } from '../../../../test-support/yaml-ranges.mjs';
// @ts-expect-error -- a plain ES module shared with scripts/fuzz-scan.mjs
import { blockYaml, charSoup, nestedYaml } from '../../../../test-support/yaml-fuzz.mjs';

const OPTIONS = { version: '1.1', merge: true, uniqueKeys: false, logLevel: 'error' } as const;

/** What the full parse (the `yaml` package's tree, decoded as go-yaml does) gives in the scanner's terms, or null when it reports an error. */
function full(text: string): ScannedDocument[] | null {
  const docs = parseAllDocuments(text, OPTIONS);
  if (!Array.isArray(docs)) return [];
  if (docs.some((d) => d.errors.length > 0)) return null;
  const out: ScannedDocument[] = [];
  for (const d of docs) {
    const decoded = decodeDocument(d);
    if ('failure' in decoded) return null;
    out.push({ value: decoded.value, range: [d.range[0], d.range[2]], contentStart: (d.contents as Node | null)?.range?.[0] ?? d.range[0] });
  }
  return out;
}

/** The scanner gives up, or gives exactly the full parse's values and document ranges. */
function agree(text: string): boolean {
  const scanned = scanManifests(text);
  if (scanned === null) return false;
  const reference = full(text);
  expect(reference, `the scanner accepted input the full parse rejects: ${JSON.stringify(text.slice(0, 300))}`).not.toBeNull();
  // The root mapping's entries (ScannedDocument.top): its keys, each at the start of a line, in order.
  for (const d of scanned) {
    if (!d.top) continue;
    expect(Object.keys(d.value as object).sort(), JSON.stringify(text.slice(0, 300))).toEqual([...d.top.keys].sort());
    d.top.starts.forEach((s, k) => {
      expect(s === 0 || text[s - 1] === '\n').toBe(true);
      expect(s).toBeGreaterThanOrEqual(d.range[0]);
      if (k > 0) expect(s).toBeGreaterThan(d.top!.starts[k - 1]!);
    });
  }
  expect(scanned.map(({ top: _top, ...d }) => d), JSON.stringify(text.slice(0, 300))).toEqual(reference);
  return true;
}

describe('fast scanner agrees with the full parse', () => {
  it('reads block YAML, gives up on what it does not cover', () => {
    const cases = [
      'a: 1\nb: [x, {c: d}]\n',
      'k: |\n  line\n\n  two\ne: >-\n  folded\n  text\n\n  para\nz: |+\n  keep\n\n',
      'q: "esc\\n\\t\\u00e9"\nr: \'it\'\'s\'\n',
      // Escapes at the start and end of a double-quoted scalar, side by side, and between runs.
      'e: "\\"x\\" \\\\n\\x41\\u00e9\\U0001F600 end\\\\"\nf: "\\ttab\\ at\\ end\\/"\ng: "\\\\"\nh: "\\"\\"\\\\\\\\"\n',
      'list:\n- a\n- b: 1\n  c: 2\n-\n  d: 3\n',
      'description: a plain scalar\n  over several\n\n  lines\nnext: 1\n',
      'desc: "a quoted\n  scalar \\\\\n\n  folded"\n',
      '# c\n---\na: 1\n# tail\n---\n# Source: chart/templates/x.yaml\nb: 2\n',
      'a: 1\r\nb:\r\n  - x\r\n',
      'x: |2-\n    two more\n   indented\nz: 1\n',
      'empty: {}\nnone: []\nnull_value: ~\nquoted_key: {"k": \'v\'}\n',
      // Flow collections over several lines (RBAC rules' long lists).
      'rules:\n- resources: ["a", "b",\n    "c", d]\n  verbs: [get,\n\n    # a comment\n    list, # another\n    watch\n    ]\n',
      'm: {a: 1,\n  b: [x,\n   y], c: {d: e}\n  }\nlist: [\n  1,\n  2\n  ]\n',
      '- [a,\n  b]\n- {k: v,\n   w: x}\n',
      'key:\n    {}\nother:\n  [a,\n   b]\n',
      'a:\n  {}\n\n\n',
      '- x\n-\n  [y,\n   z]\n\n# end\n',
      // Compact nested sequences.
      'm:\n- - a\n  - b: 1\n    c: 2\n  -\n  - - x\n    - y\n- z\n',
      // Anchors on one-line scalars and their aliases (linkerd's proxy container name, a command).
      'a: &x 1\nb: *x\n',
      'c:\n- name: &n linkerd-proxy\n- *n # same\nd: &q "quoted"\ne: *q\nf: &n2 two words\ng: *n2\n',
      // `-` starting a plain scalar in a flow collection.
      'command: [sh, -c, -1, --flag=x]\n',
      // Colons and `#` inside plain scalars (one pass finds a comment and a `: ` that would make a key).
      'url: http://x:80/a?b=c#d\nt: a:b#c  # a comment\nu: a::b:c\nv: x #: y\n',
      'd: one\n  two:three # c\nm: 1\n',
      // The same, found by searching forward for `#` and `:` (over lines that have none of them too).
      'a#b: c\nk: v\t# after a tab\nx:#y: z\nimg: repo:5000/x:1.2 # c: d\nw: x #y: z\n',
      'd: one\n  two\n  three\n\n  four # c\ne: 1\nf: g#h:i\n',
      // Keys whose first character is a map word's (y, n, t, f, o, ~) but that are no map word.
      'type: object\nnullable: true\nonly: yes\nfoo: Off\nyaml: ~\nNo_: NULL\n',
    ];
    for (const c of cases) expect(agree(c), `not covered: ${JSON.stringify(c)}`).toBe(true);
    // A plain scalar that goes on over the break, a key and its colon on two lines, a continuation
    // line not indented past the collection's owner: left to the full parse.
    for (const giveUp of ['k: [a\n  b]\n', 'k: {a\n  : 1}\n', 'k: [a,\nb]\n', 'k:\n  x: [a,\n  b]\n', 'k: [a, # c\n', 'a: &x\n  b: 1\nc: *x\n', 'a: &x [1]\nb: *x\n', 'a: *missing\n', 'a: &x.y 1\n', 'a: &x 1\n---\nb: *x\n', 'a: &x "two\n  lines"\nb: *x\n', 'a: *x y\n', 'k: [-, a]\n', 'k: [- a]\n', 'a: &x 1\nb: [*x]\n', 'a: !!str 1\n', '%YAML 1.1\n---\na: 1\n', 'm: {<<: {x: 1}}\n', '? complex\n: key\n', 'inf: .inf\n', 'dup: 1\ndup: 2\n', 'bad: [1, 2\n', 'k: {{ .Values.x }}\n', '\ta: 1\n', 'a:\n', 'true: x\n', '- a: >+\n    a\n   ', '- - a\n - b\n', 'off: 1\n', 'Null: 1\n', 'y: 1\n', 'a: b: c\n', 'k: "\\q"\n', 'k: "a\\x4"\n', 'k: "\\u00"\n', 'k: "a\\\\\\"\n', 'a: b:\tc\n', 'a: b c:\n', 'a: b #c\n  d: e\n', 'a: b:\n', 'a: b:  # c\n', 'a: b\n  : c\n', 'a: b\n  c: d\n']) {
      expect(scanManifests(giveUp), JSON.stringify(giveUp)).toBeNull();
    }
  });

  it('reads each text on its own, though the line tables are kept from one scan for the next', () => {
    // Large, small, larger than the tables kept (65,536 lines), then small again: lines of an
    // earlier text must not show through (the tables are cut to the text's own lines).
    const big = (n: number): string => Array.from({ length: n }, (_, k) => `k${k}:\n  - v${k}\n`).join('');
    for (const text of [big(3000), 'a: |\n  x\n', big(40_000), 'b:\n  c: >\n    d\n', '- x\n', big(70_000), 'e: "f\n  g"\n', '']) {
      expect(agree(text), JSON.stringify(text.slice(0, 40))).toBe(true);
    }
  });

  it('on fuzzed input: character soup, random lines, and random nested documents', () => {
    fc.assert(fc.property(charSoup(), (text: string) => void agree(text)), { numRuns: 3000 });
    // Random lines with random indentation: mostly invalid YAML (the scanner then gives up, and
    // must); about 3 % are valid and within the scanner's subset.
    let lines = 0;
    fc.assert(
      fc.property(blockYaml(), (text: string) => {
        if (agree(text)) lines++;
      }),
      { numRuns: 4000 },
    );
    expect(lines).toBeGreaterThan(60);
    // Random trees written out as block YAML: mostly valid; about 30 % are within the subset (the
    // rest use a key such as `on` or `1`, which the scanner leaves to the full parse).
    let nested = 0;
    fc.assert(
      fc.property(nestedYaml(), (text: string) => {
        if (agree(text)) nested++;
      }),
      { numRuns: 3000 },
    );
    expect(nested).toBeGreaterThan(600);
  });

  const corpus = resolve(import.meta.dirname, '../../../../../shared/corpus');
  const present = existsSync(join(corpus, 'FILES.tsv'));
  if (!present) console.warn('scanner corpus comparison skipped: ../shared/corpus is not present in this checkout');
  it.skipIf(!present)('on every file of the shared corpus, with the same syntax trees when a position is needed', () => {
    const files = readFileSync(join(corpus, 'FILES.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]!);
    let bytes = 0;
    let coveredBytes = 0;
    files.forEach((f, n) => {
      const text = readFileSync(join(corpus, f), 'utf8').replace(/\r(?!\n)/g, '\n');
      if (text.includes('\0')) return;
      bytes += text.length;
      if (!agree(text)) return;
      coveredBytes += text.length;
      // Lazily built trees: every 7th covered file, every document.
      if (n % 7 !== 0) return;
      const lazy = parseManifests(text, f);
      const reference = parseAllDocuments(text, OPTIONS);
      if (!Array.isArray(reference)) return;
      lazy.documents.forEach((d, i) => expect(treeRanges(d.ast?.contents), `${f} document ${i}`).toEqual(treeRanges(reference[i]!.contents)));
    });
    // Most real manifest bytes go through the scanner (measured: 94%); the rest fall back.
    expect(coveredBytes / bytes).toBeGreaterThan(0.9);
  }, 240_000); // a minute or more on a loaded machine (34 s seen with 8 test suites sharing 2 cores)
});
