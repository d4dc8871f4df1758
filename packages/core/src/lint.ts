import type { FixKind, LintResult, ParsedFile } from './types.js';
import { parseManifests } from './parse/index.js';
import { applyFixes } from './fix/edits.js';
import { allRules, lintFiles, resolveRun } from './pipeline/run.js';
import type { LintOptions, Source } from './pipeline/options.js';

export type { LintOptions, LintStats, Source } from './pipeline/options.js';
export { allRules };

/** What `fix: true` applies unless `fixTypes` says otherwise. */
export const DEFAULT_FIX_TYPES: readonly FixKind[] = ['problem', 'migration'];

/** The most fix passes a run makes: a fix may uncover another finding with a fix. */
const MAX_FIX_PASSES = 10;

/**
 * Lints sources together (one inventory across all of them) and returns one result per source, in
 * ESLint's LintResult shape.
 */
export function lint(sources: readonly Source[], options: LintOptions = {}): LintResult[] {
  const { rules, config } = resolveRun(options);
  const once = (texts: readonly Source[]) => {
    const files = texts.map((s) => parseManifests(s.text, s.path));
    const paths = new Set(texts.map((s) => s.path));
    const others = (options.inventoryFiles ?? options.contextFiles ?? []).filter((f) => !paths.has(f.path));
    return lintFiles(others.length > 0 ? [...files, ...others] : files, new Set(files), rules, config, options);
  };
  if (!options.fix) return once(sources);
  let texts = sources.map((s) => s.text);
  let results: LintResult[] = [];
  const fixTypes = options.fixTypes ?? DEFAULT_FIX_TYPES;
  for (let pass = 0; pass <= MAX_FIX_PASSES; pass++) {
    results = once(sources.map((s, i) => ({ path: s.path, text: texts[i]! })));
    if (pass === MAX_FIX_PASSES) break;
    let changed = false;
    texts = texts.map((t, i) => {
      const { output, fixed } = applyFixes(t, results[i]!.messages, fixTypes);
      if (fixed && output !== t) changed = true;
      return fixed ? output : t;
    });
    if (!changed) break;
  }
  return results.map((r, i) => (texts[i] !== sources[i]!.text ? { ...r, output: texts[i]! } : r));
}

/**
 * Lints parsed files as one run: every file's objects join the inventory, in the order given, and
 * results (in that order) are returned for the files in `report` only. The ESLint plugin lints the
 * language's parse of a file this way, with the repository's other files as context.
 */
export function lintParsed(files: readonly ParsedFile[], report: ReadonlySet<ParsedFile>, options: LintOptions = {}): LintResult[] {
  const { rules, config } = resolveRun(options);
  return lintFiles(files, report, rules, config, options);
}
