import { crypto } from './lazy-crypto.js';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { LintResult, Source } from '@satlint/core';
import { writeAtomic } from './write.js';

/** The most a plugin's package may hold for --cache to fingerprint it (code files, bytes). */
export const PLUGIN_PRINT_LIMIT = { files: 5000, bytes: 50_000_000 };

const CODE = /\.(?:[cm]?js|json|[cm]?ts)$/;

/**
 * A hash of the code a plugin can run: every .js/.mjs/.cjs/.ts/.json file (name and content) of the
 * package that holds the plugin's module (the nearest directory with a package.json, else the
 * module's directory), its own node_modules and .git left out. A plugin's version, its entry file
 * and any file it imports from its package change it. Undefined when the package is too large.
 */
export function pluginFingerprint(file: string): string | undefined {
  let dir = dirname(file);
  for (let d = dir; ; ) {
    if (existsSync(join(d, 'package.json'))) {
      dir = d;
      break;
    }
    const parent = dirname(d);
    if (parent === d) break;
    d = parent;
  }
  const h = crypto().createHash('sha256');
  let files = 0;
  let bytes = 0;
  const walk = (d: string): boolean => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return true;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name === 'node_modules' || e.name === '.git') continue;
        if (!walk(p)) return false;
      } else if (e.isFile() && CODE.test(e.name)) {
        const content = readFileSync(p);
        files++;
        bytes += content.length;
        if (files > PLUGIN_PRINT_LIMIT.files || bytes > PLUGIN_PRINT_LIMIT.bytes) return false;
        h.update(relative(dir, p));
        h.update('\0');
        h.update(crypto().createHash('sha256').update(content).digest());
      }
    }
    return true;
  };
  if (!walk(dir)) return undefined;
  return `${relative(dir, file)}\0${h.digest('hex')}`;
}

/**
 * A content-hash cache of lint results. Cross-file rules (RBAC, ServiceAccount lookups) make a
 * file's findings depend on every other file of the run, so an entry is keyed by satlint's version,
 * the configuration (rules, options, overrides, settings), the plugins' code and the hash of every
 * file's path and content: an unchanged tree is answered without parsing anything, and any change
 * relints the run. An entry that relied on a suppression with an `expires` date is not used after
 * that date (never a stale answer).
 */
export class ResultCache {
  constructor(
    private readonly dir: string,
    private readonly keep = 8,
  ) {}

  /** The key of a run. */
  static key(version: string, settings: unknown, sources: readonly Source[]): string {
    const h = crypto().createHash('sha256');
    h.update(`satlint ${version}\0${JSON.stringify(settings)}\0`);
    for (const s of [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      h.update(s.path);
      h.update('\0');
      h.update(crypto().createHash('sha256').update(s.text).digest());
    }
    return h.digest('hex');
  }

  /** The results stored under `key`, unless `today` (YYYY-MM-DD) is outside the days they hold for. */
  get(key: string, today: string): LintResult[] | undefined {
    try {
      const data = JSON.parse(readFileSync(join(this.dir, `${key}.json`), 'utf8')) as { key: string; results: LintResult[]; validThrough?: string; validAfter?: string };
      if (data.key !== key) return undefined;
      if (typeof data.validThrough === 'string' && data.validThrough < today) return undefined;
      if (typeof data.validAfter === 'string' && today <= data.validAfter) return undefined;
      return data.results;
    } catch {
      return undefined;
    }
  }

  /**
   * Stores a run; keeps the newest entries only. `valid.through`: the last day the answer holds (the
   * earliest expiry of a suppression it used); `valid.after`: the answer holds only after this day
   * (the latest expiry of a suppression it found expired, for runs with an earlier --today).
   * Failures are not fatal: a cache is an optimisation.
   */
  set(key: string, results: readonly LintResult[], valid: { through?: string; after?: string } = {}): string | undefined {
    try {
      mkdirSync(this.dir, { recursive: true });
      const problem = writeAtomic(join(this.dir, `${key}.json`), JSON.stringify({ key, ...(valid.through !== undefined ? { validThrough: valid.through } : {}), ...(valid.after !== undefined ? { validAfter: valid.after } : {}), results }), { create: true });
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
