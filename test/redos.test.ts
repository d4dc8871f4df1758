import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { findRegexes } from '../test-support/regexes.mjs';
import { DYNAMIC, FILE_INPUTS, KNOWN_SUPERLINEAR, TRUSTED_INPUT } from '../test-support/regex-inputs.mjs';

// recheck (a static ReDoS checker: automaton analysis that proves a pattern linear, with a seeded
// fuzzer for patterns the automaton cannot model, such as lookarounds). Loaded through require:
// its package is CommonJS.
const { checkSync } = createRequire(import.meta.url)('recheck') as {
  checkSync: (source: string, flags: string, params?: Record<string, unknown>) => { status: 'safe' | 'vulnerable' | 'unknown'; complexity?: { summary: string }; attack?: { pattern: string }; error?: { kind: string } };
};

const found = findRegexes();
const files = [...new Set(found.map((r) => r.file))];

describe('ReDoS audit of every regular expression in packages/core/src and packages/cli/src', () => {
  it('finds the patterns by parsing the source (a file with none is not silently skipped)', () => {
    expect(found.length).toBeGreaterThan(100);
    expect(files).toContain('packages/core/src/rules/no-static-cloud-credentials/index.ts');
    expect(found.some((r) => r.file === 'packages/core/src/rules/valid-token-fields/validate.generated.ts' && !r.dynamic)).toBe(true);
  });

  it('documents the input of every file that has a pattern, and no stale file', () => {
    expect(files.filter((f) => !(f in FILE_INPUTS))).toEqual([]);
    expect(Object.keys(FILE_INPUTS).filter((f) => !files.includes(f))).toEqual([]);
  });

  it('documents every pattern built at run time with examples of what it builds', () => {
    const dynamic = found.filter((r) => r.dynamic).map((r) => r.source);
    expect(dynamic.filter((s) => !(s in DYNAMIC))).toEqual([]);
    expect(Object.keys(DYNAMIC).filter((s) => !dynamic.includes(s))).toEqual([]);
  });

  it(
    'recheck finds no super-linear pattern (safe means proven linear or not attackable by its fuzzer)',
    () => {
      const patterns = new Map<string, { source: string; flags: string; where: string[] }>();
      const add = (source: string, flags: string, where: string) => {
        const key = `/${source}/${flags}`;
        const p = patterns.get(key) ?? { source, flags, where: [] };
        p.where.push(where);
        patterns.set(key, p);
      };
      for (const r of found) {
        if (!r.dynamic) add(r.source, r.flags, `${r.file}:${r.line}`);
        else for (const [source, flags] of DYNAMIC[r.source as keyof typeof DYNAMIC]?.examples ?? []) add(source, flags, `${r.file}:${r.line} (built at run time)`);
      }
      const flagged: string[] = [];
      const trusted: string[] = [];
      const known: string[] = [];
      for (const [key, p] of patterns) {
        // A seeded fuzzer: the same verdict on every run. `unknown` (a timeout) counts as flagged.
        const v = checkSync(p.source, p.flags, { timeout: 60_000, randomSeed: 17 });
        if (v.status === 'safe') continue;
        const text = `${key} ${v.status}${v.complexity ? ` (${v.complexity.summary})` : ''}${v.error ? ` (${v.error.kind})` : ''}${v.attack ? ` attack ${v.attack.pattern}` : ''} at ${p.where.join(', ')}`;
        const files = p.where.map((w) => w.replace(/:\d+.*$/, ''));
        if (files.every((f) => f in TRUSTED_INPUT)) trusted.push(text);
        else if (files.every((f) => KNOWN_SUPERLINEAR.includes(`${f} ${key}`))) known.push(`${files[0]} ${key}`);
        else flagged.push(text);
      }
      console.log(
        `ReDoS audit: ${found.length} regular expressions in ${files.length} files (${found.filter((r) => r.dynamic).length} built at run time), ${patterns.size} distinct patterns checked with recheck, ${flagged.length} flagged; ${known.length} known super-linear awaiting a fix, ${trusted.length} super-linear on satlint's own text only`,
      );
      for (const k of known) console.log(`ReDoS audit: KNOWN super-linear pattern on manifest data: ${k}`);
      expect(flagged).toEqual([]);
      // A fixed pattern leaves the list: it can only shrink.
      expect(KNOWN_SUPERLINEAR.filter((k) => !known.includes(k))).toEqual([]);
    },
    600_000,
  );
});
