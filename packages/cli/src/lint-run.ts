import { resolve } from 'node:path';
import type { AuditSummary, LintResult, LintStats, Source } from '@satlint/core';
import { lint } from '@satlint/core';
import { asPatchResult, fatalResult, maskResult, StreamedRun } from '@satlint/core/adapter';
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';
import { version } from './io.js';
import type { Setup } from './setup.js';
import type { Sources } from './sources.js';
import { UsageError } from './errors.js';
import { readText } from './read-text.js';

/** What a run hands core: the setup, where the config is, and whether it fixes. */
interface RunSpec {
  config: Setup['config'];
  basePath: string;
  stats: LintStats;
  plugins: Setup['plugins'];
  fixing: boolean;
  audit?: { today?: Date; result?: AuditSummary };
}

/**
 * Lints what was gathered: from the cache when nothing changed (--cache), else through core, per
 * inventory scope; then the Kustomize patch files on their own. Warns (or with
 * --fail-on-no-objects fails) when files matched but none holds a Kubernetes object.
 */
export async function lintGathered(opts: CliOptions, io: CliIo, setup: Setup, gathered: Sources, debug: (s: string) => void): Promise<{ results: LintResult[]; audit?: AuditSummary }> {
  const { sources } = gathered;
  const fixing = opts.fix || opts.fixDryRun;
  const stats: LintStats = { files: 0, documents: 0, objects: 0 };
  // The summary is computed from the run's inventory, which a cached result does not keep.
  const audit: { today?: Date; result?: AuditSummary } | undefined = opts.format === 'summary' ? { ...(opts.today ? { today: opts.today } : {}) } : undefined;
  const cache = opts.cache && !fixing ? await openCache(opts, io, setup, sources) : undefined;
  const today = (opts.today ?? new Date()).toISOString().slice(0, 10);
  const cached = audit ? undefined : cache?.cache.get(cache.key, today);
  debug(cache ? `cache ${cached ? 'hit' : 'miss'} (${cache.key.slice(0, 12)})` : opts.cache ? 'cache not used' : 'cache off');
  const spec: RunSpec = { config: setup.config, basePath: setup.basePath, stats, plugins: setup.plugins, fixing, ...(audit ? { audit } : {}) };
  const linted = cached ? undefined : await lintScoped(sources, opts, gathered, io.cwd, spec, debug);
  let results = cached ?? linted!.results;
  if (cache && !cached) {
    // The cache holds what reports print: Secret values masked, never stored on disk.
    const problem = cache.cache.set(cache.key, results.map(maskResult), { ...(stats.answerValidThrough !== undefined ? { through: stats.answerValidThrough } : {}), ...(stats.answerValidAfter !== undefined ? { after: stats.answerValidAfter } : {}) });
    if (problem) io.stderr(`satlint: ${problem}\n`);
  }
  const count = sources.length + (linted?.read ?? 0);
  if (!cached && count > 0 && stats.objects === 0) {
    const what =
      gathered.usesStdin && count === 1
        ? 'standard input holds no Kubernetes object (a document with apiVersion and kind)'
        : `${count} file${count === 1 ? '' : 's'} matched but none holds a Kubernetes object (a document with apiVersion and kind)`;
    if (opts.failOnNoObjects) throw new UsageError(`${what}; check the paths (--fail-on-no-objects)`);
    io.stderr(`satlint: warning: ${what}\n`);
  }
  // Patch files are linted on their own (their fragments are no objects of any inventory) and never fixed.
  if (gathered.patchSources.length > 0) results = [...results, ...lint(gathered.patchSources, { ...configFor(setup.config), basePath: setup.basePath, plugins: setup.plugins, fix: false }).map(asPatchResult)];
  return { results, ...(audit?.result ? { audit: audit.result } : {}) };
}

/**
 * The config as core gets it: none for an empty one (no config file, no --rule), which core treats
 * exactly as `{}` (the schema accepts `{}`: lint-run.test.ts) without running the config
 * validator, so a one-file run never initialises its 550 KB (scripts/bundle.mjs defers it).
 */
function configFor(config: Setup['config']): { config?: Setup['config'] } {
  return Object.keys(config).length === 0 ? {} : { config };
}

/**
 * The result cache and this run's key: satlint's version, the resolved config (rules, options,
 * overrides, settings, --rule), the namespace, every plugin's package (all its code files and their
 * contents), every file's path and content. An entry is only used up to the earliest expiry date of
 * a suppression it relied on. Undefined (with a note) when a plugin is too large to fingerprint.
 */
async function openCache(opts: CliOptions, io: CliIo, setup: Setup, sources: readonly Source[]) {
  const { ResultCache, pluginFingerprint, PLUGIN_PRINT_LIMIT } = await import('./cache.js');
  const prints = setup.pluginFiles.map(pluginFingerprint);
  if (!prints.every((p) => p !== undefined)) {
    io.stderr(`satlint: --cache: a plugin's package is too large to fingerprint (over ${PLUGIN_PRINT_LIMIT.files} files or ${PLUGIN_PRINT_LIMIT.bytes / 1e6} MB of code); this run is not cached\n`);
    return undefined;
  }
  const cache = new ResultCache(resolve(io.cwd, opts.cacheLocation ?? 'node_modules/.cache/satlint'));
  const key = ResultCache.key(version(), { config: setup.config, namespace: opts.namespace ?? null, basePath: setup.basePath, inventoryScope: opts.inventoryScope, plugins: prints as string[] }, sources);
  return { cache, key };
}

/** A source of the run, or a file a streamed run reads when it gets to it. */
interface Item {
  path: string;
  source?: Source;
}

/**
 * Lints each inventory scope (--inventory-scope) on its own and returns the results in the order of
 * the sources (a file that could not be read has its result with the unreadable ones).
 */
async function lintScoped(sources: readonly Source[], opts: CliOptions, gathered: Sources, cwd: string, run: RunSpec, debug: (s: string) => void): Promise<{ results: LintResult[]; read: number }> {
  const { parseInventoryScope, scopeSources } = await import('./scope.js');
  // --inventory-scope wins over the config's settings.inventoryScope, whose globs are relative to the config file.
  const configured = [run.config.settings?.inventoryScope ?? []].flat();
  const fromFlag = opts.inventoryScope.length > 0;
  const scope = parseInventoryScope(fromFlag ? opts.inventoryScope : configured, fromFlag ? '--inventory-scope' : 'settings.inventoryScope');
  const items: Item[] = [...sources.map((s) => ({ path: s.path, source: s })), ...(gathered.lazyFiles ?? []).map((path) => ({ path }))];
  const summary = { whole: 0, alone: 0, lean: 0, readAgain: 0 };
  const lintGroup = async (g: readonly Item[], stats: LintStats) => (gathered.lazyFiles ? lintStreamed(g, gathered, opts, { ...run, stats }, summary) : { results: await lintSources(g.map((i) => i.source!), opts, { ...run, stats }), read: 0 });
  // The summary report is about the whole run's inventory: one scope.
  const groups = run.audit ? [items] : await scopeSources(items, scope, new Set(gathered.renderings.map((r) => r.label)), fromFlag ? cwd : run.basePath);
  let out: { results: LintResult[]; read: number };
  if (groups.length <= 1) out = await lintGroup(items, run.stats);
  else {
    const byPath = new Map<string, LintResult>();
    let read = 0;
    for (const g of groups) {
      const stats: LintStats = { files: 0, documents: 0, objects: 0 };
      const part = await lintGroup(g, stats);
      for (const r of part.results) byPath.set(r.filePath, r);
      read += part.read;
      run.stats.files += stats.files;
      run.stats.documents += stats.documents;
      run.stats.objects += stats.objects;
      // The run's answer holds as long as every scope's does (a cache entry's validity).
      if (stats.answerValidThrough !== undefined && (run.stats.answerValidThrough === undefined || stats.answerValidThrough < run.stats.answerValidThrough)) run.stats.answerValidThrough = stats.answerValidThrough;
      if (stats.answerValidAfter !== undefined && (run.stats.answerValidAfter === undefined || stats.answerValidAfter > run.stats.answerValidAfter)) run.stats.answerValidAfter = stats.answerValidAfter;
    }
    out = { results: items.flatMap((i) => byPath.get(i.path) ?? []), read };
  }
  if (gathered.lazyFiles) debug(`streamed: ${out.read} file${out.read === 1 ? '' : 's'} read one at a time, in ${groups.length} inventory scope${groups.length === 1 ? '' : 's'}; ${summary.alone} linted alone, ${summary.lean} kept in part, ${summary.whole} kept whole, ${summary.readAgain} read again`);
  return out;
}

/**
 * A streamed run (core's StreamedRun) over one scope: its sources, and its files read as the run
 * gets to each and let go once linted, except what rules read across files. A file that cannot be
 * read gets its fatal result with the unreadable ones, as when files are read first.
 */
function lintStreamed(items: readonly Item[], gathered: Sources, opts: CliOptions, run: RunSpec, summary: StreamedRun['summary']): { results: LintResult[]; read: number } {
  const ns = opts.namespace !== undefined ? { namespace: opts.namespace } : {};
  const streamed = new StreamedRun({ ...configFor(run.config), ...ns, basePath: run.basePath, stats: run.stats, ...(opts.today ? { now: opts.today } : {}) });
  let read = 0;
  for (const i of items) {
    if (i.source) {
      streamed.add(i.source);
      continue;
    }
    const r = readText(i.path);
    if (!('text' in r)) gathered.unreadable.push(fatalResult(i.path, r.error, r.line, r.column));
    else {
      read++;
      streamed.add({ path: i.path, text: r.text });
    }
  }
  const results = streamed.finish((path) => readText(path));
  for (const k of Object.keys(summary) as (keyof typeof summary)[]) summary[k] += streamed.summary[k];
  return { results, read };
}

/** Lints in this thread: the whole run's inventory is built once. */
async function lintSources(sources: readonly Source[], opts: CliOptions, run: RunSpec): Promise<LintResult[]> {
  const ns = opts.namespace !== undefined ? { namespace: opts.namespace } : {};
  return lint(sources, { ...configFor(run.config), ...ns, fix: run.fixing, fixTypes: opts.fixTypes, basePath: run.basePath, stats: run.stats, plugins: run.plugins, ...(run.audit ? { audit: run.audit } : {}), ...(opts.today ? { now: opts.today } : {}) });
}
