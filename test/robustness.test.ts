import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
// @ts-expect-error plain ESM module shared with scripts/robustness-matrix.mjs
import { CASES, GOOD_FINDING, runCase } from '../test-support/robustness-cases.mjs';

const bin = join(resolve(import.meta.dirname, '..'), 'packages/cli/bin/satlint.js');

type Case = { name: string; code: number; out?: RegExp; err?: RegExp; skip?: () => string | false };

describe('bad input: the matrix (message, exit code, and the other files still linted)', () => {
  for (const c of CASES as Case[]) {
    const why = c.skip?.();
    if (why) console.warn(`robustness case "${c.name}" skipped: ${why}`);
    it.skipIf(Boolean(why))(c.name, () => {
      const r = runCase(c, bin) as { code: number | null; signal: string | null; stdout: string; stderr: string; withGood: boolean };
      expect(r.signal, 'must not be killed (timeout or crash)').toBeNull();
      expect(r.code, r.stdout + r.stderr).toBe(c.code);
      if (c.out) expect(r.stdout).toMatch(c.out);
      if (c.err) expect(r.stderr).toMatch(c.err);
      if (r.withGood && c.code !== 2) expect(r.stdout).toMatch(GOOD_FINDING);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }, 120_000);
  }
});
