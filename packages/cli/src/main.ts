import { allRules, errorsOnly } from '@satlint/core/adapter';
import { FORMATS } from '@satlint/core';
import { HELP, parseCliArgs, type CliOptions } from './args.js';
import { defaultIo, version, type CliIo } from './io.js';
import { UsageError } from './errors.js';
import { FixLocks } from './fix-write.js';
import { didYouMean } from './suggest.js';
import { loadSetup, locateConfig, type ConfigLocation } from './setup.js';
import { gatherSources } from './sources.js';
import { lintGathered } from './lint-run.js';
import { baselineStep, exitCode, placeResults, writeFixes, writeReport } from './outputs.js';

export type { CliIo } from './io.js';

/** The --fix locks of this process, released on every way out. */
const locks = new FixLocks();
process.once('exit', () => locks.release());

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

/**
 * A lint run: argv → config and plugins → sources (files, stdin, helm/kustomize) → core →
 * outputs (fix writes, baseline, report, exit code).
 */
async function run(opts: CliOptions, io: CliIo): Promise<number> {
  if (opts.help || opts.version) {
    io.stdout(opts.help ? HELP : `${version()}\n`);
    return 0;
  }
  const where = locateConfig(opts, io);
  const info = await infoCommand(opts, io, where);
  if (info !== undefined) return info;
  checkUsage(opts);
  const setup = await loadSetup(opts, io, where);
  const gathered = await gatherSources(opts, io, locks, streams(opts, setup));
  if (opts.baseline !== undefined && opts.writeBaseline !== undefined) throw new UsageError('--baseline and --write-baseline cannot be used together');
  const linted = await lintGathered(opts, io, setup, gathered, where.debug);
  // Only the HTML report reads the files' texts after linting (its excerpts): for every other
  // report they are let go here, before it is made (a large run's texts are its largest data).
  const texts = opts.format === 'html' ? [...gathered.sources, ...gathered.patchSources] : [];
  gathered.sources = [];
  gathered.patchSources = [];
  let results = linted.results;
  let notWritten = 0;
  if (opts.fix) ({ results, notWritten } = await writeFixes(results, opts, io, gathered, locks));
  results = await placeResults(results, opts, io, gathered);
  const baselined = await baselineStep(results, opts, io);
  if (baselined === true) return 0;
  results = opts.quiet ? baselined.map(errorsOnly) : baselined;
  writeReport(results, opts, io, setup.rules, texts, linted.audit);
  return exitCode(results, opts, io, gathered.unmatched, notWritten);
}

/**
 * Whether the run is streamed (lint-run.ts): files are read one at a time and let go once linted.
 * Not with fixes (each pass reads every text), the cache (its key is every file's content), the
 * HTML report (it quotes the texts) or the summary (an audit of the whole inventory), nor with
 * plugin rules (they may read any object of the run).
 */
function streams(opts: CliOptions, setup: Awaited<ReturnType<typeof loadSetup>>): boolean {
  return !opts.fix && !opts.fixDryRun && !opts.cache && opts.format !== 'html' && opts.format !== 'summary' && setup.plugins.length === 0;
}

/** --init, --print-config and --list-rules: answered without linting. Undefined for a lint run. */
async function infoCommand(opts: CliOptions, io: CliIo, where: ConfigLocation): Promise<number | undefined> {
  if (opts.init) return (await import('./commands.js')).initCommand(io.cwd, allRules(), io);
  if (opts.printConfig !== undefined) {
    const setup = await loadSetup(opts, io, { ...where, debug: () => {} });
    return (await import('./commands.js')).printConfigCommand(opts.printConfig, io.cwd, setup.config, where.configPath, setup.rules, opts.namespace, io, opts.inventoryScope);
  }
  if (!opts.listRules) return undefined;
  // Custom rules from the config's plugins are listed too.
  const { loadConfig } = await import('./config.js');
  const rules = where.configPath ? allRules((await loadConfig(where.configPath, allRules(), where.pluginDirs)).plugins) : allRules();
  return (await import('./commands.js')).listRulesCommand(rules, opts.format, io);
}

/** Flag combinations that cannot work, refused before anything is read. */
function checkUsage(opts: CliOptions): void {
  if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`Unknown format "${opts.format}" (supported: ${FORMATS.join(', ')}).${didYouMean(opts.format, FORMATS)}`);
  const rendering = opts.helm.length > 0 || opts.kustomize.length > 0;
  if (opts.paths.length === 0 && !rendering) throw new UsageError('No paths given: name files, directories or globs to lint, or "-" for standard input (see satlint --help)');
  if (opts.paths.includes('-') && opts.fix) throw new UsageError('--fix cannot write to standard input; use --fix-dry-run with --format json to get the fixed text');
  if ((rendering || opts.renderCharts) && (opts.fix || opts.fixDryRun)) throw new UsageError('--fix cannot write rendered output back into templates; fix the chart or kustomization by hand');
  if ((opts.values.length > 0 || opts.set.length > 0 || opts.helmValuesSets !== undefined) && opts.helm.length === 0 && !opts.renderCharts) throw new UsageError('--values, --set and --helm-values-sets need --helm CHART_DIR (or --render-charts)');
}
