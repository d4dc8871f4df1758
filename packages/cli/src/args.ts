import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { didYouMean } from './suggest.js';

/** Parsed command-line options. */
export interface CliOptions {
  paths: string[];
  format: string;
  outputFile?: string;
  config?: string;
  rule: string[];
  maxWarnings: number;
  quiet: boolean;
  fix: boolean;
  fixDryRun: boolean;
  /** Which edits --fix applies: problem (safe fixes), migration (bound-token migration), suggestion (behaviour changes). */
  fixTypes: ('problem' | 'migration' | 'suggestion')[];
  /** Let --fix write through symbolic links to files outside the linted paths. */
  fixFollowSymlinks: boolean;
  namespace?: string;
  stdinFilename?: string;
  /** The chart that `helm template` output on standard input was rendered from. */
  stdinChart?: string;
  /** Which files share one inventory: bundle (default), run, directory, or globs of directories. */
  inventoryScope: string[];
  color: boolean | undefined;
  listRules: boolean;
  /** `--init`: write a commented satlint.config.yaml. */
  init: boolean;
  /** `--print-config FILE`. */
  printConfig?: string;
  version: boolean;
  help: boolean;
  debug: boolean;
  /** Directories plugins may be loaded from besides the config file's own directory tree. */
  pluginDir: string[];
  baseline?: string;
  writeBaseline?: string;
  cache: boolean;
  cacheLocation?: string;
  failOnNoObjects: boolean;
  helm: string[];
  values: string[];
  set: string[];
  releaseName: string;
  helmValuesSets?: string;
  skipHelmTests: boolean;
  renderCharts: boolean;
  kustomize: string[];
  kustomizeBin?: string;
  /** The day the run counts from (legacy-token use in the summary, suppression expiry), `YYYY-MM-DD`. */
  today?: Date;
}

export const HELP = `satlint [options] [paths...]
satlint can-i VERB RESOURCE[/SUBRESOURCE] --as system:serviceaccount:NS:NAME [-n NS] [paths...]

Lint Kubernetes manifests for service-account token risks. Paths may be files, directories
(searched recursively for *.yaml, *.yml, *.json) or globs; "-" reads standard input.

Options:
  -f, --format NAME          stylish (default), json, sarif, github, junit, markdown (pull-request
                             comments, $GITHUB_STEP_SUMMARY), html (one self-contained report),
                             or summary (the token audit of a cluster export: counts per
                             namespace, legacy token Secrets, service accounts by reach;
                             docs/cluster-audit.md)
  -o, --output-file FILE     write the report to FILE instead of standard output
  -c, --config FILE          use this config file (default: satlint.config.yaml or
                             .satlintrc.yaml found upward from the working directory)
      --rule 'ID: SEVERITY'  set a rule's severity (off, warn, error), or 'ID: [error, {opt: v}]';
                             'ID:off' without the space works too
      --max-warnings N       exit 1 when there are more than N warnings
      --quiet                report errors only
      --fix                  write fixes to the files (atomically)
      --fix-dry-run          compute fixes without writing them (json output carries "output",
                             with Secret values masked)
      --fix-type TYPES       which edits --fix applies, comma-separated (default problem,migration):
                             problem (behaviour-preserving fixes), migration (the bound-token
                             migration: a projected token replaces the auto-mounted one at the same
                             path), suggestion (edits that change behaviour, e.g. a dedicated
                             ServiceAccount); a finding's suggestions are used only when it has no fix
      --fix-follow-symlinks  let --fix write through symbolic links to files outside the linted
                             paths (refused otherwise, exit 2)
      --namespace NS         namespace for objects that name none (default: default)
      --stdin-filename NAME  the name standard input is reported under
      --stdin-chart DIR      the chart helm template output on standard input came from (default:
                             the one chart under the working directory named as in # Source:)
      --color, --no-color    force colour on or off (default: on for a terminal)
      --baseline FILE        report only findings that are not in FILE (adopt satlint on an existing
                             repository); says how many were baselined and how many entries are stale
      --write-baseline FILE  record every current finding in FILE and exit 0
      --cache                reuse the previous results when no file and no setting changed
      --cache-location DIR   where --cache keeps results (default: node_modules/.cache/satlint)
      --fail-on-no-objects   exit 2 when the paths matched files but none holds a Kubernetes object
      --helm CHART_DIR       render the chart with helm template (argument array, no shell) and
                             lint the output; findings point at the template files (repeatable)
      --values FILE          values file for --helm (repeatable)
      --set KEY=VALUE        value for --helm (repeatable)
      --release-name NAME    release name for --helm (default: release-name)
      --helm-values-sets DIR render once per DIR/*-values.yaml of each chart (e.g. ci)
      --skip-helm-tests      leave out resources of Helm test hooks (helm.sh/hook: test)
      --render-charts        render the Helm charts that given paths belong to instead of
                             skipping them (what a pre-commit hook passes: files inside a chart)
      --kustomize DIR        build the kustomization (kustomize build or kubectl kustomize) and lint
                             the output; findings point at the base or overlay file (repeatable)
      --kustomize-bin PATH   the kustomize or kubectl executable to use
      --inventory-scope S    which files share one inventory (ServiceAccounts, RBAC) for cross-file
                             rules: bundle (default: each kustomization or chart directory, each
                             rendered chart or kustomization, all other files together), run,
                             directory, or a glob of directories, each one scope (repeatable)
      --today YYYY-MM-DD     the day legacy-token use (summary) and suppression expiry count
                             from (default: today, UTC)
      --list-rules           list every rule with its default severity and fixability (-f json:
                             every rule's metadata)
      --init                 write a commented satlint.config.yaml here (never overwrites one)
      --print-config FILE    print the rules and settings that apply to FILE, as JSON
      --plugin-dir DIR       also allow plugins from DIR: a plugin module outside the config
                             file's directory tree is refused otherwise (repeatable)
      --debug                print which config file and plugins were loaded, and stack
                             traces for internal errors
  -v, --version              print the version
  -h, --help                 print this help

Subcommands:
  can-i                      offline RBAC question, like kubectl auth can-i (satlint can-i --help)
  explain RULE               the rule's documentation: why, examples, fix, options

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors found, 2 satlint could
not do its job (bad usage, invalid config, no file matched a path).
`;

/** Every long option, for "did you mean" (made for that message only, not at start-up). */
function optionNames(): readonly string[] {
  return [...HELP.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!).flatMap((o) => (o === '--color' ? [o, '--no-color'] : [o]));
}

/** Every option `parseArgs` accepts, with its type and default. */
const OPTIONS = {
  format: { type: 'string', short: 'f', default: 'stylish' },
  'output-file': { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true, default: [] },
  'max-warnings': { type: 'string', default: '-1' },
  quiet: { type: 'boolean', default: false },
  fix: { type: 'boolean', default: false },
  'fix-dry-run': { type: 'boolean', default: false },
  'fix-type': { type: 'string', multiple: true, default: [] },
  'fix-follow-symlinks': { type: 'boolean', default: false },
  namespace: { type: 'string' },
  'stdin-filename': { type: 'string' },
  'stdin-chart': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'list-rules': { type: 'boolean', default: false },
  init: { type: 'boolean', default: false },
  'print-config': { type: 'string' },
  version: { type: 'boolean', short: 'v', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  debug: { type: 'boolean', default: false },
  'plugin-dir': { type: 'string', multiple: true, default: [] },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  cache: { type: 'boolean', default: false },
  'cache-location': { type: 'string' },
  'fail-on-no-objects': { type: 'boolean', default: false },
  helm: { type: 'string', multiple: true, default: [] },
  values: { type: 'string', multiple: true, default: [] },
  set: { type: 'string', multiple: true, default: [] },
  'release-name': { type: 'string', default: 'release-name' },
  'helm-values-sets': { type: 'string' },
  'skip-helm-tests': { type: 'boolean', default: false },
  'render-charts': { type: 'boolean', default: false },
  kustomize: { type: 'string', multiple: true, default: [] },
  'kustomize-bin': { type: 'string' },
  today: { type: 'string' },
  'inventory-scope': { type: 'string', multiple: true, default: [] },
} as const satisfies NonNullable<Parameters<typeof parseArgs>[0]>['options'];

type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: typeof OPTIONS }>>['values'];

/** Parses argv (without node and script) into options; throws UsageError on bad usage. */
export function parseCliArgs(argv: string[]): CliOptions {
  const plain = positionalsOnly(argv);
  if (plain) return toOptions(plain.values, plain.positionals);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (err) {
    const message = (err as Error).message.split('\n')[0]!;
    // "Unknown option '--formt'. To specify a positional argument …": say which option was meant instead.
    const unknown = /^Unknown option '(-{1,2}[^'=]+)/.exec(message);
    if (unknown) throw new UsageError(`Unknown option '${unknown[1]}'.${didYouMean(unknown[1]!, optionNames(), '')} (see satlint --help)`);
    throw new UsageError(`${message} (see satlint --help)`);
  }
  return toOptions(parsed.values, parsed.positionals);
}

/**
 * What parseArgs gives for arguments that are all positionals (none starts with '-' but a lone '-',
 * which parseArgs takes as a positional too): every default, and the arguments in order. A one-file
 * run (pre-commit passes file names only) then neither loads nor first runs node:util's parseArgs,
 * 0.6 ms of its start-up. Anything else goes to parseArgs.
 */
function positionalsOnly(argv: readonly string[]): { values: Values; positionals: string[] } | undefined {
  if (!argv.every((a) => a === '-' || !a.startsWith('-'))) return undefined;
  const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, option] of Object.entries(OPTIONS)) {
    if ('default' in option) values[name] = Array.isArray(option.default) ? [...(option.default as readonly string[])] : option.default;
  }
  return { values: values as Values, positionals: [...argv] };
}

/** The values whose text must be checked: --max-warnings, --fix-type, --today. */
function checkedValues(v: Values): Pick<CliOptions, 'maxWarnings' | 'fixTypes' | 'today'> {
  const maxWarnings = Number(v['max-warnings']);
  if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(`--max-warnings takes a whole number, not "${v['max-warnings']}"`);
  const fixTypes = v['fix-type'].length === 0 ? ['problem', 'migration'] : v['fix-type'].flatMap((t) => t.split(',')).map((t) => t.trim()).filter((t) => t !== '');
  for (const t of fixTypes) if (t !== 'problem' && t !== 'migration' && t !== 'suggestion') throw new UsageError(`--fix-type takes problem, migration or suggestion (comma-separated), not "${t}"`);
  if (v['fix-type'].length > 0 && !v.fix && !v['fix-dry-run']) throw new UsageError('--fix-type needs --fix or --fix-dry-run');
  let today: Date | undefined;
  if (v.today !== undefined) {
    today = new Date(`${v.today}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.today) || Number.isNaN(today.getTime()) || today.toISOString().slice(0, 10) !== v.today) throw new UsageError(`--today takes a date as YYYY-MM-DD, not "${v.today}"`);
  }
  return { maxWarnings, fixTypes: fixTypes as CliOptions['fixTypes'], ...(today ? { today } : {}) };
}

function toOptions(v: Values, positionals: string[]): CliOptions {
  const { maxWarnings, fixTypes, today } = checkedValues(v);
  return {
    paths: positionals,
    format: v.format,
    ...(v['output-file'] !== undefined ? { outputFile: v['output-file'] } : {}),
    ...(v.config !== undefined ? { config: v.config } : {}),
    rule: v.rule,
    maxWarnings,
    quiet: v.quiet,
    fix: v.fix,
    fixDryRun: v['fix-dry-run'],
    fixTypes,
    fixFollowSymlinks: v['fix-follow-symlinks'],
    ...(v.namespace !== undefined ? { namespace: v.namespace } : {}),
    ...(v['stdin-filename'] !== undefined ? { stdinFilename: v['stdin-filename'] } : {}),
    ...(v['stdin-chart'] !== undefined ? { stdinChart: v['stdin-chart'] } : {}),
    color: v['no-color'] ? false : v.color,
    listRules: v['list-rules'],
    init: v.init,
    ...(v['print-config'] !== undefined ? { printConfig: v['print-config'] } : {}),
    version: v.version,
    help: v.help,
    debug: v.debug,
    pluginDir: v['plugin-dir'],
    ...(v.baseline !== undefined ? { baseline: v.baseline } : {}),
    ...(v['write-baseline'] !== undefined ? { writeBaseline: v['write-baseline'] } : {}),
    cache: v.cache,
    ...(v['cache-location'] !== undefined ? { cacheLocation: v['cache-location'] } : {}),
    failOnNoObjects: v['fail-on-no-objects'],
    helm: v.helm,
    values: v.values,
    set: v.set,
    releaseName: v['release-name'],
    ...(v['helm-values-sets'] !== undefined ? { helmValuesSets: v['helm-values-sets'] } : {}),
    skipHelmTests: v['skip-helm-tests'],
    renderCharts: v['render-charts'],
    kustomize: v.kustomize,
    ...(v['kustomize-bin'] !== undefined ? { kustomizeBin: v['kustomize-bin'] } : {}),
    ...(today ? { today } : {}),
    inventoryScope: v['inventory-scope'],
  };
}
