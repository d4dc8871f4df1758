import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { allRules, format, lint, maskResult, FORMATS, PATCH_RULE_IDS, type AnyRule, type AuditSummary, type FormatName, type LintResult, type LintStats, type RuleEntry, type SatlintConfig, type Source } from '@satlint/core/internal';
import type { Rendering } from './render.js';
import type { RenderedSource } from './origins.js';
import { withCounts } from './results.js';
import { HELP, parseCliArgs, type CliOptions } from './args.js';
import { UsageError } from './errors.js';
import { collectFiles, decode, patchOf, readText, searchConfig, type ConfigSearch } from './files.js';
import { checked, loadConfig } from './config.js';
import { FixLocks, writableRoots, writeFixed, type ReadFile } from './fix-write.js';
import { githubLinkBase, hyperlinksSupported } from './terminal.js';
import { didYouMean } from './suggest.js';

/** Standard streams and environment, injectable for tests. */
export interface CliIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<Uint8Array>;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** Called by --fix after linting, just before the fixed files are re-read and written (tests change a file here). */
  beforeFixWrite?: () => void;
}

function defaultIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      if (process.stdin.isTTY) return new Uint8Array();
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  };
}

/** The --fix locks of this process, released on every way out. */
const locks = new FixLocks();
process.once('exit', () => locks.release());

declare const __SATLINT_VERSION__: string | undefined;

function version(): string {
  // The single-file bundle (hook/satlint-cli.cjs) has its version compiled in.
  if (typeof __SATLINT_VERSION__ === 'string') return __SATLINT_VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the satlint command; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let opts: CliOptions | undefined;
  try {
    // Subcommands and optional features load on demand: a plain run starts faster.
    if (argv[0] === 'can-i') return await (await import('./can-i.js')).canICommand(argv.slice(1), io);
    if (argv[0] === 'explain') {
      const color = !argv.includes('--no-color') && io.isTTY && !io.env['NO_COLOR'];
      return (await import('./commands.js')).explainCommand(argv.slice(1).filter((a) => a !== '--no-color'), allRules(), color, io);
    }
    opts = parseCliArgs(argv);
    return await run(opts, io);
  } catch (err) {
    locks.release();
    if (err instanceof UsageError) {
      io.stderr(`satlint: ${err.message}\n`);
      return 2;
    }
    io.stderr(`satlint: internal error: ${(err as Error).message}\n`);
    if (opts?.debug || argv.includes('--debug')) io.stderr(`${(err as Error).stack}\n`);
    return 2;
  }
}

function ruleFlags(flags: readonly string[]): Record<string, RuleEntry> {
  // No prototype: `--rule '__proto__: off'` is a (wrong) rule id, not a prototype to set.
  const out = Object.create(null) as Record<string, RuleEntry>;
  for (const f of flags) {
    let v: unknown;
    try {
      v = parseYaml(f);
      // 'id:off' (no space, as ESLint accepts it) is one YAML scalar: read it as 'id: off'.
      const tight = typeof v === 'string' ? /^([A-Za-z0-9@/._-]+):(\S.*)$/.exec(v) : null;
      if (tight) v = parseYaml(`${tight[1]}: ${tight[2]}`);
    } catch {
      v = undefined;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new UsageError(`--rule takes 'rule-id: off|warn|error', not "${f}"`);
    Object.assign(out, v);
  }
  return out;
}

async function run(opts: CliOptions, io: CliIo): Promise<number> {
  if (opts.help) {
    io.stdout(HELP);
    return 0;
  }
  if (opts.version) {
    io.stdout(`${version()}\n`);
    return 0;
  }
  let rules = allRules();
  const pluginDirs = opts.pluginDir.map((d) => resolve(io.cwd, d));
  const debug = (s: string) => {
    if (opts.debug) io.stderr(`satlint: debug: ${s}\n`);
  };
  const search: ConfigSearch | undefined = opts.config !== undefined ? undefined : searchConfig(io.cwd, io.env['HOME'] ?? io.env['USERPROFILE']);
  const configPath = opts.config !== undefined ? resolve(io.cwd, opts.config) : search!.path;
  if (opts.config !== undefined) debug(`config ${configPath} (--config)`);
  else if (configPath) debug(`config ${configPath} (found upward from ${io.cwd})`);
  else debug(`no config file (searched ${search!.searched.join(', ')}; ${search!.stop === 'repository root' || search!.stop === 'home directory' ? `the search stops at the ${search!.stop}` : 'no repository root or home directory above it, so only the working directory'}): rules use the recommended preset`);
  if (opts.init) return (await import('./commands.js')).initCommand(io.cwd, rules, io);
  if (opts.printConfig !== undefined) {
    const loaded = configPath ? await loadConfig(configPath, rules, pluginDirs) : { config: {} as SatlintConfig, plugins: [] };
    rules = allRules(loaded.plugins);
    const config = opts.rule.length > 0 ? checked({ ...loaded.config, rules: { ...(loaded.config.rules ?? {}), ...ruleFlags(opts.rule) } }, rules, '(--rule)') : loaded.config;
    return (await import('./commands.js')).printConfigCommand(opts.printConfig, io.cwd, config, configPath, rules, opts.namespace, io, opts.inventoryScope);
  }
  if (opts.listRules) {
    // Custom rules from the config's plugins are listed too.
    if (configPath) rules = allRules((await loadConfig(configPath, rules, pluginDirs)).plugins);
    if (opts.format === 'json') {
      io.stdout((await import('./commands.js')).listRulesJson(rules));
      return 0;
    }
    if (opts.format !== 'stylish') throw new UsageError(`--list-rules prints text or, with -f json, JSON; not ${opts.format}`);
    const w = Math.max(...rules.map((r) => r.meta.id.length));
    for (const r of rules) {
      const sev = r.meta.recommended ? r.meta.severity : 'off';
      io.stdout(`${r.meta.id.padEnd(w)}  ${sev.padEnd(5)}  ${r.meta.fixable ? 'fixable' : '       '}  ${r.meta.description}\n`);
    }
    return 0;
  }
  if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`Unknown format "${opts.format}" (supported: ${FORMATS.join(', ')}).${didYouMean(opts.format, FORMATS)}`);
  const rendering = opts.helm.length > 0 || opts.kustomize.length > 0;
  if (opts.paths.length === 0 && !rendering) throw new UsageError('No paths given: name files, directories or globs to lint, or "-" for standard input (see satlint --help)');
  const usesStdin = opts.paths.includes('-');
  if (usesStdin && opts.fix) throw new UsageError('--fix cannot write to standard input; use --fix-dry-run with --format json to get the fixed text');
  if ((rendering || opts.renderCharts) && (opts.fix || opts.fixDryRun)) throw new UsageError('--fix cannot write rendered output back into templates; fix the chart or kustomization by hand');
  if ((opts.values.length > 0 || opts.set.length > 0 || opts.helmValuesSets !== undefined) && opts.helm.length === 0 && !opts.renderCharts) throw new UsageError('--values, --set and --helm-values-sets need --helm CHART_DIR (or --render-charts)');

  const loaded = configPath ? await loadConfig(configPath, rules, pluginDirs) : { config: {} as SatlintConfig, plugins: [], pluginFiles: [] };
  let config: SatlintConfig = loaded.config;
  const plugins = loaded.plugins;
  loaded.pluginFiles.forEach((file, i) => {
    debug(`plugin ${config.plugins?.[i] ?? file} loaded from ${file}`);
  });
  if (plugins.length > 0) debug(`plugin rules: ${plugins.map((r) => r.meta.id).join(', ')}`);
  if (plugins.length > 0) rules = allRules(plugins);
  if (opts.rule.length > 0) {
    config = checked({ ...config, rules: { ...(config.rules ?? {}), ...ruleFlags(opts.rule) } }, rules, '(--rule)');
  }
  const basePath = configPath ? dirname(configPath) : io.cwd;

  const { files, notes, unmatched, charts, patches } = await collectFiles(
    opts.paths.filter((p) => p !== '-'),
    io.cwd,
  );
  for (const n of notes) io.stderr(`satlint: ${n}\n`);
  const chartDirs = [...opts.helm];
  if (opts.renderCharts) chartDirs.push(...charts.filter((c) => !chartDirs.some((h) => resolve(io.cwd, h) === c)));
  else for (const c of charts) io.stderr(`satlint: skipped Helm chart ${c}: templates are not YAML until rendered; pass --render-charts (or --helm ${c}) to lint the rendered chart\n`);
  // A path that matched nothing is exit 2, but the files the other paths matched are still linted.
  if (unmatched.length > 0 && files.length === 0 && patches.length === 0 && !usesStdin && chartDirs.length === 0 && opts.kustomize.length === 0) throw new UsageError(unmatched.join('\nsatlint: '));
  const renderings: Rendering[] = [];
  const { renderHelm, renderKustomize, valuesSets } = chartDirs.length > 0 || opts.kustomize.length > 0 ? await import('./render.js') : ({} as typeof import('./render.js'));
  for (const chart of chartDirs) {
    const sets = opts.helmValuesSets !== undefined ? valuesSets(chart, opts.helmValuesSets, io.cwd) : [undefined];
    if (sets.length === 0) throw new UsageError(`--helm-values-sets: no *-values.yaml in ${chart}/${opts.helmValuesSets}`);
    for (const set of sets) {
      renderings.push(renderHelm(chart, { values: set ? [...opts.values, set] : opts.values, set: opts.set, releaseName: opts.releaseName, namespace: opts.namespace }, io.cwd));
    }
  }
  for (const dir of opts.kustomize) renderings.push(renderKustomize(dir, opts.kustomizeBin, io.cwd));
  const sources: Source[] = [];
  const unreadable: LintResult[] = [];
  // --fix holds a lock on every file from reading it to writing it: a concurrent --fix on the same
  // files waits, then reads what this run wrote, so neither run's edits are lost.
  const read = new Map<string, ReadFile>();
  if (opts.fix) {
    const timeout = Number(io.env['SATLINT_FIX_LOCK_TIMEOUT_MS'] ?? 600_000);
    const problem = locks.acquire(files, Number.isFinite(timeout) && timeout >= 0 ? timeout : 600_000);
    if (problem) {
      locks.release();
      throw new UsageError(problem);
    }
  }
  const patchSources: Source[] = [];
  if (usesStdin) {
    const decoded = decode(await io.readStdin());
    const name = opts.stdinFilename !== undefined ? resolve(io.cwd, opts.stdinFilename) : '<stdin>';
    // An editor sending a patch file's buffer with its name gets it linted as the file would be.
    const patchDir = opts.stdinFilename !== undefined ? patchOf(name) : undefined;
    if (patchDir !== undefined && 'text' in decoded) {
      const dir = relative(io.cwd, patchDir) || '.';
      io.stderr(`satlint: 1 Kustomize patch file of ${dir} checked as a patch (YAML syntax and duplicate keys; the object rules need the built objects): pass --kustomize ${dir} to lint what it builds\n`);
      patchSources.push({ path: name, text: decoded.text });
    } else if ('text' in decoded) sources.push({ path: name, text: decoded.text });
    else unreadable.push(fatalResult(name, decoded.error, decoded.line, decoded.column));
  }
  for (const r of renderings) sources.push({ path: r.label, text: r.text });
  for (const f of files) {
    if (opts.fix) {
      const r = readText(f, true);
      if ('text' in r) {
        sources.push({ path: f, text: r.text });
        read.set(f, { path: f, hash: r.hash, encoding: r.encoding });
      } else unreadable.push(fatalResult(f, r.error, r.line, r.column));
      continue;
    }
    const r = readText(f);
    if ('text' in r) {
      sources.push({ path: f, text: r.text });
    } else unreadable.push(fatalResult(f, r.error, r.line, r.column));
  }
  for (const f of patches) {
    const r = readText(f);
    if ('text' in r) patchSources.push({ path: f, text: r.text });
    else unreadable.push(fatalResult(f, r.error, r.line, r.column));
  }

  if (opts.baseline !== undefined && opts.writeBaseline !== undefined) throw new UsageError('--baseline and --write-baseline cannot be used together');
  const fixing = opts.fix || opts.fixDryRun;
  const { ResultCache, pluginFingerprint, PLUGIN_PRINT_LIMIT } = opts.cache ? await import('./cache.js') : ({} as typeof import('./cache.js'));
  let cache = opts.cache && !fixing ? new ResultCache(resolve(io.cwd, opts.cacheLocation ?? 'node_modules/.cache/satlint')) : undefined;
  // The key: satlint's version, the resolved config (rules, options, overrides, settings, --rule),
  // the namespace, every plugin's package (all its code files and their contents), every file's
  // path and content. An entry is only used up to the earliest expiry date of a suppression it relied on.
  let pluginPrints: string[] = [];
  if (cache) {
    const prints = loaded.pluginFiles.map(pluginFingerprint);
    if (prints.every((p) => p !== undefined)) pluginPrints = prints as string[];
    else {
      io.stderr(`satlint: --cache: a plugin's package is too large to fingerprint (over ${PLUGIN_PRINT_LIMIT.files} files or ${PLUGIN_PRINT_LIMIT.bytes / 1e6} MB of code); this run is not cached\n`);
      cache = undefined;
    }
  }
  const cacheKey = cache ? ResultCache!.key(version(), { config, namespace: opts.namespace ?? null, basePath, inventoryScope: opts.inventoryScope, plugins: pluginPrints }, sources) : '';
  const stats: LintStats = { files: 0, documents: 0, objects: 0 };
  // The summary is computed from the run's inventory, which a cached result does not keep.
  const audit: { today?: Date; result?: AuditSummary } | undefined = opts.format === 'summary' ? { ...(opts.today ? { today: opts.today } : {}) } : undefined;
  const today = (opts.today ?? new Date()).toISOString().slice(0, 10);
  const cached = audit ? undefined : cache?.get(cacheKey, today);
  debug(cache ? `cache ${cached ? 'hit' : 'miss'} (${cacheKey.slice(0, 12)})` : opts.cache ? 'cache not used' : 'cache off');
  let results = cached ?? (await lintScoped(sources, opts, renderings, io.cwd, { config, basePath, stats, plugins, fixing, ...(configPath ? { configPath } : {}), ...(audit ? { audit } : {}) }));
  if (cache && !cached) {
    // The cache holds what reports print: Secret values masked, never stored on disk.
    const problem = cache.set(cacheKey, results.map(maskResult), { ...(stats.answerValidThrough !== undefined ? { through: stats.answerValidThrough } : {}), ...(stats.answerValidAfter !== undefined ? { after: stats.answerValidAfter } : {}) });
    if (problem) io.stderr(`satlint: ${problem}\n`);
  }
  if (!cached && sources.length > 0 && stats.objects === 0) {
    const what =
      usesStdin && sources.length === 1
        ? 'standard input holds no Kubernetes object (a document with apiVersion and kind)'
        : `${sources.length} file${sources.length === 1 ? '' : 's'} matched but none holds a Kubernetes object (a document with apiVersion and kind)`;
    if (opts.failOnNoObjects) throw new UsageError(`${what}; check the paths (--fail-on-no-objects)`);
    io.stderr(`satlint: warning: ${what}\n`);
  }
  // Patch files are linted on their own (their fragments are no objects of any inventory) and never fixed.
  if (patchSources.length > 0) results = [...results, ...lintPatches(patchSources, { config, basePath, plugins })];
  let notWritten = 0;
  if (opts.fix) {
    const roots = writableRoots(opts.paths, io.cwd);
    // Testing aid: widens the window between reading and writing (concurrent --fix tests).
    const delay = Number(io.env['SATLINT_TEST_FIX_DELAY_MS'] ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    io.beforeFixWrite?.();
    for (const r of results) {
      const info = read.get(r.filePath);
      if (r.output === undefined || !info) continue;
      const problem = writeFixed(info, r.output, roots, opts.fixFollowSymlinks);
      if (problem) {
        io.stderr(`satlint: ${problem}\n`);
        notWritten++;
      }
    }
    locks.release();
    results = results.map(({ output: _output, ...rest }) => rest);
  }
  results = [...results, ...unreadable];
  if (opts.skipHelmTests) results = results.map((r) => withCounts({ ...r, messages: r.messages.filter((m) => !m.tags?.includes('helm-test')) }));
  // Findings on rendered output (helm, kustomize, or `helm template | satlint -`) move to the file a person edits.
  // Files linted from disk stay where they are, even with `# Source:` comments (committed rendered output).
  if (results.some((r) => r.messages.some((m) => m.origin))) {
    const { mapOrigins, stdinBases } = await import('./origins.js');
    const rendered = new Map<string, RenderedSource>();
    for (const r of renderings) rendered.set(r.label, r.kustomization ? { bases: [r.base], kustomization: r.kustomization } : { charts: [r.chart!] });
    if (usesStdin) {
      const name = opts.stdinFilename !== undefined ? resolve(io.cwd, opts.stdinFilename) : '<stdin>';
      rendered.set(name, { ...(opts.stdinChart !== undefined ? { charts: [resolve(io.cwd, opts.stdinChart)] } : { searchChartsUnder: io.cwd }), bases: stdinBases(io.cwd, opts.stdinFilename) });
    }
    results = dedupe(mapOrigins(results, rendered, io.cwd));
  }
  results = results.sort((a, b) => a.filePath.localeCompare(b.filePath));
  if (opts.writeBaseline !== undefined) {
    const { writeBaseline } = await import('./baseline.js');
    const n = writeBaseline(resolve(io.cwd, opts.writeBaseline), results);
    io.stderr(`satlint: wrote ${n} finding${n === 1 ? '' : 's'} to the baseline ${opts.writeBaseline}\n`);
    return 0;
  }
  if (opts.baseline !== undefined) {
    const { applyBaseline } = await import('./baseline.js');
    const outcome = applyBaseline(resolve(io.cwd, opts.baseline), results);
    results = outcome.results;
    io.stderr(`satlint: ${outcome.baselined} finding${outcome.baselined === 1 ? ' is' : 's are'} in the baseline ${opts.baseline} and not reported; ${outcome.stale} baseline entr${outcome.stale === 1 ? 'y matches' : 'ies match'} nothing any more${outcome.stale > 0 ? ' (rewrite it with --write-baseline to drop them)' : ''}\n`);
  }
  if (opts.quiet) results = results.map(errorsOnly);

  const color = opts.color ?? (io.isTTY && opts.outputFile === undefined && !io.env['NO_COLOR']);
  const extra: { hyperlinks?: boolean; sources?: Map<string, string>; linkBase?: string } = {};
  if (opts.format === 'stylish') extra.hyperlinks = opts.outputFile === undefined && hyperlinksSupported(io.env, io.isTTY, color);
  if (opts.format === 'html') extra.sources = reportSources(results, [...sources, ...patchSources]);
  const linkBase = opts.format === 'markdown' ? githubLinkBase(io.env) : undefined;
  if (linkBase) extra.linkBase = linkBase;
  const text = format(results, opts.format as FormatName, { color, cwd: io.cwd, rules, version: version(), ...extra, ...(audit?.result ? { audit: audit.result } : {}) });
  if (opts.outputFile !== undefined) {
    try {
      // Like ESLint, create the report's directory.
      mkdirSync(dirname(resolve(io.cwd, opts.outputFile)), { recursive: true });
      writeFileSync(resolve(io.cwd, opts.outputFile), text);
    } catch (err) {
      throw new UsageError(`Cannot write ${opts.outputFile} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  } else io.stdout(text);

  if (unmatched.length > 0) {
    for (const u of unmatched) io.stderr(`satlint: ${u}\n`);
    return 2;
  }
  // A fix that could not be written safely is satlint not doing its job.
  if (notWritten > 0) return 2;
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return 1;
  if (opts.maxWarnings >= 0 && warnings > opts.maxWarnings) {
    io.stderr(`satlint found too many warnings (maximum: ${opts.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/** Lints each inventory scope (--inventory-scope) on its own and returns the results in the order of `sources`. */
async function lintScoped(
  sources: readonly Source[],
  opts: CliOptions,
  renderings: readonly Rendering[],
  cwd: string,
  run: { config: SatlintConfig; basePath: string; stats: LintStats; plugins: AnyRule[]; fixing: boolean; configPath?: string; audit?: { today?: Date; result?: AuditSummary } },
): Promise<LintResult[]> {
  const { parseInventoryScope, scopeSources } = await import('./scope.js');
  // --inventory-scope wins over the config's settings.inventoryScope, whose globs are relative to the config file.
  const configured = [run.config.settings?.inventoryScope ?? []].flat();
  const fromFlag = opts.inventoryScope.length > 0;
  const scope = parseInventoryScope(fromFlag ? opts.inventoryScope : configured, fromFlag ? '--inventory-scope' : 'settings.inventoryScope');
  // The summary report is about the whole run's inventory: one scope.
  const groups = run.audit ? [[...sources]] : await scopeSources(sources, scope, new Set(renderings.map((r) => r.label)), fromFlag ? cwd : run.basePath);
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

/** Lints one inventory scope's sources. */
async function lintSources(
  sources: readonly Source[],
  opts: CliOptions,
  run: { config: SatlintConfig; basePath: string; stats: LintStats; plugins: AnyRule[]; fixing: boolean; configPath?: string; audit?: { today?: Date; result?: AuditSummary } },
): Promise<LintResult[]> {
  const ns = opts.namespace !== undefined ? { namespace: opts.namespace } : {};
  return lint(sources, { config: run.config, ...ns, fix: run.fixing, fixTypes: opts.fixTypes, basePath: run.basePath, stats: run.stats, plugins: run.plugins, ...(run.audit ? { audit: run.audit } : {}), ...(opts.today ? { now: opts.today } : {}) });
}

/** The rules a Kustomize patch file gets ({@link PATCH_RULE_IDS}); parse problems and suppression bookkeeping have no rule id. */
const PATCH_RULES: ReadonlySet<string | null> = new Set([null, ...PATCH_RULE_IDS]);

/** Kustomize patch files linted as patches: only their text rules ({@link PATCH_RULES}), no fixes. */
function lintPatches(sources: readonly Source[], run: { config: SatlintConfig; basePath: string; plugins: AnyRule[] }): LintResult[] {
  return lint(sources, { config: run.config, basePath: run.basePath, plugins: run.plugins, fix: false }).map((r) => {
    // --fix does not write patch files: no fix is offered either.
    const messages = r.messages.filter((m) => PATCH_RULES.has(m.ruleId)).map(({ fix: _fix, suggestions: _suggestions, ...m }) => m);
    return withCounts({ ...r, messages, suppressedMessages: r.suppressedMessages.filter((m) => PATCH_RULES.has(m.ruleId)) });
  });
}

/** The text of each reported file, for the HTML report's excerpts: what was linted, or the template file a finding moved to. */
function reportSources(results: readonly LintResult[], sources: readonly Source[]): Map<string, string> {
  const out = new Map(sources.map((s) => [s.path, s.text]));
  for (const r of results) {
    if (out.has(r.filePath) || r.messages.length === 0) continue;
    try {
      out.set(r.filePath, readFileSync(r.filePath, 'utf8'));
    } catch {
      // No excerpt for a file that cannot be read.
    }
  }
  return out;
}

function fatalResult(filePath: string, message: string, line = 1, column = 1): LintResult {
  return {
    filePath,
    messages: [{ ruleId: null, severity: 2, fatal: true, message, line, column }],
    suppressedMessages: [],
    errorCount: 1,
    warningCount: 0,
    fatalErrorCount: 1,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
}

function errorsOnly(r: LintResult): LintResult {
  const messages = r.messages.filter((m) => m.severity === 2);
  return { ...r, messages, warningCount: 0, fixableWarningCount: 0 };
}

/** The same finding from several renderings of one chart (values sets) is reported once. */
function dedupe(results: LintResult[]): LintResult[] {
  return results.map((r) => {
    const seen = new Set<string>();
    const messages = r.messages.filter((m) => {
      const k = `${m.ruleId}\u0000${m.line}\u0000${m.column}\u0000${m.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    return messages.length === r.messages.length ? r : withCounts({ ...r, messages });
  });
}

