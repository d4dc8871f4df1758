import { resolve } from 'node:path';
import type { AuditSummary, LintResult, LintStats, Source } from '@satlint/core';
import { lint } from '@satlint/core';
import { asPatchResult, maskResult } from '@satlint/core/adapter';
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';
import { version } from './io.js';
import type { Setup } from './setup.js';
import type { Sources } from './sources.js';
import { UsageError } from './errors.js';

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
  let results = cached ?? (await lintScoped(sources, opts, gathered, io.cwd, spec));
  if (cache && !cached) {
    // The cache holds what reports print: Secret values masked, never stored on disk.
    const problem = cache.cache.set(cache.key, results.map(maskResult), { ...(stats.answerValidThrough !== undefined ? { through: stats.answerValidThrough } : {}), ...(stats.answerValidAfter !== undefined ? { after: stats.answerValidAfter } : {}) });
    if (problem) io.stderr(`satlint: ${problem}\n`);
  }
  if (!cached && sources.length > 0 && stats.objects === 0) {
    const what =
      gathered.usesStdin && sources.length === 1
        ? 'standard input holds no Kubernetes object (a document with apiVersion and kind)'
        : `${sources.length} file${sources.length === 1 ? '' : 's'} matched but none holds a Kubernetes object (a document with apiVersion and kind)`;
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

/** Lints each inventory scope (--inventory-scope) on its own and returns the results in the order of `sources`. */
async function lintScoped(sources: readonly Source[], opts: CliOptions, gathered: Sources, cwd: string, run: RunSpec): Promise<LintResult[]> {
  const { parseInventoryScope, scopeSources } = await import('./scope.js');
  // --inventory-scope wins over the config's settings.inventoryScope, whose globs are relative to the config file.
  const configured = [run.config.settings?.inventoryScope ?? []].flat();
  const fromFlag = opts.inventoryScope.length > 0;
  const scope = parseInventoryScope(fromFlag ? opts.inventoryScope : configured, fromFlag ? '--inventory-scope' : 'settings.inventoryScope');
  // The summary report is about the whole run's inventory: one scope.
  const groups = run.audit ? [[...sources]] : await scopeSources(sources, scope, new Set(gathered.renderings.map((r) => r.label)), fromFlag ? cwd : run.basePath);
  if (groups.length <= 1) return lintSources(sources, opts, run);
  const byPath = new Map<string, LintResult>();
  for (const g of groups) {
    const stats: LintStats = { files: 0, documents: 0, objects: 0 };
    for (const r of await lintSources(g, opts, { ...run, stats })) byPath.set(r.filePath, r);
    run.stats.files += stats.files;
    run.stats.documents += stats.documents;
    run.stats.objects += stats.objects;
  }
  return sources.map((s) => byPath.get(s.path)!);
}

/** Lints in this thread: the whole run's inventory is built once. */
async function lintSources(sources: readonly Source[], opts: CliOptions, run: RunSpec): Promise<LintResult[]> {
  const ns = opts.namespace !== undefined ? { namespace: opts.namespace } : {};
  return lint(sources, { ...configFor(run.config), ...ns, fix: run.fixing, fixTypes: opts.fixTypes, basePath: run.basePath, stats: run.stats, plugins: run.plugins, ...(run.audit ? { audit: run.audit } : {}), ...(opts.today ? { now: opts.today } : {}) });
}
