// Performance work must not change a verdict: `satlint -f json` on the whole shared corpus gives,
// byte for byte, the report recorded below (as its SHA-256, with the corpus directory written as
// <corpus> so that it does not depend on where the checkout is).
//
// When a change is meant to change the report (a rule's semantics, a new rule, a message), run
//   node packages/cli/bin/satlint.js -f json -o /tmp/corpus.json ../shared/corpus
// check the differences it makes against the previous report, and record the new hash here with
// the reason in the commit message. A faster version gives the same hash.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CORPUS_JSON_SHA256 = 'cfae8b05810f0ec0ffd271e57dbf3ef43df94021bf4f7d6c5dc98be2847f30ac';

const root = resolve(import.meta.dirname, '..');
const corpus = resolve(root, '../shared/corpus');
const present = existsSync(join(corpus, 'FILES.tsv'));
if (!present) {
  // CI always has ../shared beside the checkout: there a missing corpus is a failure, not a skip.
  if (process.env['CI']) throw new Error(`test/corpus-output.test.ts: ${corpus} is missing on CI`);
  console.warn('corpus output identity test skipped: ../shared/corpus is not present in this checkout');
}

describe.skipIf(!present)('the JSON report on the shared corpus', () => {
  // Streamed (files read one at a time: pipeline/stream.ts) and read first, as the corpus's size
  // would have it: the same report.
  it.each(['always', 'never'])('is byte for byte the recorded one (SATLINT_STREAM=%s)', (stream) => {
    const dir = mkdtempSync(join(tmpdir(), 'satlint-corpus-output-'));
    const out = join(dir, 'report.json');
    const r = spawnSync(process.execPath, [join(root, 'packages/cli/bin/satlint.js'), '-f', 'json', '-o', out, corpus], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SATLINT_STREAM: stream } });
    expect(r.status, r.stderr).toBe(1);
    const text = readFileSync(out, 'utf8').split(corpus).join('<corpus>');
    rmSync(dir, { recursive: true, force: true });
    expect(text).not.toContain(root);
    expect(createHash('sha256').update(text).digest('hex')).toBe(CORPUS_JSON_SHA256);
  }, 240_000);
});
