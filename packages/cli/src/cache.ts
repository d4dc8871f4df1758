import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LintResult, Source } from '@satlint/core';
import { writeAtomic } from './write.js';

/**
 * A content-hash cache of lint results. Cross-file rules (RBAC, ServiceAccount lookups) make a
 * file's findings depend on every other file of the run, so an entry is keyed by satlint's version,
 * the configuration and the hash of every file's path and content: an unchanged tree is answered
 * without parsing anything, and any change relints the run (never a stale answer).
 */
export class ResultCache {
  constructor(
    private readonly dir: string,
    private readonly keep = 8,
  ) {}

  /** The key of a run. */
  static key(version: string, settings: unknown, sources: readonly Source[]): string {
    const h = createHash('sha256');
    h.update(`satlint ${version}\0${JSON.stringify(settings)}\0`);
    for (const s of [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      h.update(s.path);
      h.update('\0');
      h.update(createHash('sha256').update(s.text).digest());
    }
    return h.digest('hex');
  }

  get(key: string): LintResult[] | undefined {
    try {
      const data = JSON.parse(readFileSync(join(this.dir, `${key}.json`), 'utf8')) as { key: string; results: LintResult[] };
      return data.key === key ? data.results : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores a run; keeps the newest entries only. Failures are not fatal: a cache is an optimisation. */
  set(key: string, results: readonly LintResult[]): string | undefined {
    try {
      mkdirSync(this.dir, { recursive: true });
      const problem = writeAtomic(join(this.dir, `${key}.json`), JSON.stringify({ key, results }), { create: true });
      if (problem) return problem;
      const entries = readdirSync(this.dir)
        .filter((f) => /^[0-9a-f]{64}\.json$/.test(f))
        .map((f) => ({ f, t: statSync(join(this.dir, f)).mtimeMs }))
        .sort((a, b) => b.t - a.t);
      for (const e of entries.slice(this.keep)) rmSync(join(this.dir, e.f), { force: true });
      return undefined;
    } catch (err) {
      return `cache not written: ${(err as Error).message}`;
    }
  }
}
