// What each regular expression of satlint's runtime source runs on: the documentation half of the
// ReDoS audit (test/redos.test.ts checks every pattern with recheck; `node scripts/regex-audit.mjs`
// prints the whole table). A file with a pattern but no entry here fails the audit, and so does a
// `new RegExp(...)` built at run time that is not described below with the patterns it can build.

/** Per source file: the input its patterns run on. */
export const FILE_INPUTS = {
  'packages/core/src/fix/migration.ts': 'container command-line words, env values and names of a manifest (does the pod call the API server?); mount paths of a manifest (trailing slashes, by a loop)',
  'packages/core/src/format/mask.ts': 'env var names and Secret keys of a manifest (is the value secret?); the masked text, split into lines',
  'packages/core/src/parse/comments.ts': 'whole manifest files (lone-CR repair before the comments are read)',
  'packages/core/src/parse/export.ts': 'lines of a kubectl -o yaml export (the top-level `items:` line)',
  'packages/core/src/rbac/builtin-roles.ts': 'Kubernetes version strings of the bootstrap policy tables (satlint\'s own data)',
  'packages/core/src/rules/no-conflicting-definitions/index.ts': 'file paths of the linted files (backslashes); manifest text between and around documents, one line at a time',
  'packages/cli/src/fix-write.ts': 'file paths given on the command line (backslashes, glob characters)',
  'packages/cli/src/scope.ts': 'file paths of the linted files (backslashes)',
  'packages/core/src/format/excerpt.ts': 'lines of manifest text shown in the html report, to redact secret-looking values',
  'packages/core/src/format/line-syntax.ts': 'lines of manifest text shown in the html report (values checked for YAML booleans and null)',
  'packages/core/src/format/redact-flow.ts': 'flow-style and JSON lines of manifest text shown in the html report (list items: flags and paths)',
  'packages/core/src/format/html.ts': 'finding messages, paths and manifest excerpts escaped into the html report',
  'packages/core/src/format/markdown.ts': 'finding messages, paths and rule ids written into the markdown report',
  'packages/core/src/locale-order.ts': 'rule ids and file paths being sorted (plain lower-case ASCII?); locale environment variables (LANG, LC_ALL, LANGUAGE…)',
  'packages/core/src/format/text.ts': 'finding messages and file paths (which quote manifest names) sanitized for every text format',
  'packages/core/src/rules/manifest-syntax/index.ts': 'parse problem codes (kebab-case constants of the parser)',
  'packages/cli/src/commands.ts': 'rule README files (satlint explain) and file paths',
  'packages/cli/src/config.ts': 'validation messages of the configuration file',
  'packages/cli/src/setup.ts': '--rule command-line values',
  'packages/cli/src/terminal.ts': 'environment variables (TERM, GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_SERVER_URL)',
  'packages/core/src/audit/index.ts': 'label values of legacy token Secrets in a manifest (last-used and invalid-since dates)',
  'packages/core/src/config/glob.ts': 'glob strings from the configuration file (overrides `files`, ignores `name`); the built pattern runs on file paths relative to the config (see DYNAMIC)',
  'packages/core/src/config/validate.generated.ts': 'configuration values (the `\\S` pattern of plugin and override strings); JSON-pointer segments made from configuration keys',
  'packages/core/src/config/validate.ts': 'JSON pointers of configuration validation errors (`/rules/x`), built from configuration keys',
  'packages/core/src/fix/append-point.ts': 'lines of manifest text above an inserted key (comment lines); the first characters of a block scalar (its header)',
  'packages/core/src/fix/yaml-lines.ts': 'keys and scalar values a fix writes (from rules and from manifest values), quoted when YAML 1.1 would read them otherwise',
  'packages/core/src/fix/edits.ts': 'single characters of manifest text next to a fix',
  'packages/core/src/fix/positions.ts': 'single characters of manifest text before a fix position',
  'packages/core/src/format/github.ts': 'finding messages, rule ids and file paths written into GitHub workflow commands (messages quote manifest names)',
  'packages/core/src/format/junit.ts': 'finding messages and file paths written into JUnit XML (messages quote manifest names)',
  'packages/core/src/format/paths.ts': 'file paths of lint results and the working directory',
  'packages/core/src/format/sarif.ts': 'rule ids, file paths of results and the working directory',
  'packages/core/src/pipeline/run.ts': 'file paths and the config directory',
  'packages/core/src/pipeline/stream.ts': 'whole manifest files (lone CRs, a leading `{` or `[`); the text of a manifest document (its line breaks kept, the rest dropped)',
  'packages/core/src/findings/build.ts': 'rule message templates; the `helm.sh/hook` annotation value of a manifest, split on commas',
  'packages/core/src/model/command.ts': 'words of container command lines and of shell scripts in `sh -c` arguments and ConfigMap values (durations); program names from rule code (see DYNAMIC)',
  'packages/core/src/model/components.ts': 'container `command`/`args` elements and kubeadm `extraArgs` keys of a manifest',
  'packages/core/src/model/flags.ts': 'flag names of container command lines and of shell scripts in `sh -c` arguments and ConfigMap values',
  'packages/core/src/model/origin.ts': 'the `config.kubernetes.io/origin` annotation value of a manifest (split into lines)',
  'packages/core/src/model/pod-spec.ts': 'volume names of a manifest\'s pod specs',
  'packages/core/src/parse/helm-source.ts': 'the text between documents of a manifest file (helm `# Source:` comments), split into lines',
  'packages/core/src/parse/index.ts': 'whole manifest files (lone-CR repair on the whole text)',
  'packages/core/src/parse/lines.ts': 'the first 64 KiB of a manifest file (line-ending detection)',
  'packages/core/src/parse/problems.ts': 'apiVersion values of a manifest; messages of the yaml package',
  'packages/core/src/parse/scan.ts': 'manifest text, one line or one scalar at a time, as the fast scanner reads it',
  'packages/core/src/parse/go-binary.ts': '`!!binary` scalars of a manifest (line breaks removed, base64 checked)',
  'packages/core/src/parse/yaml11.ts': 'plain scalars of a manifest (YAML 1.1 type resolution: null, booleans, numbers, timestamps)',
  'packages/core/src/path.ts': 'mapping keys of a manifest when a JSON path is formatted',
  'packages/core/src/rbac/identity.ts': 'the user name of a can-i question (command line or API)',
  'packages/core/src/rule.ts': 'rule ids from rule code and plugins',
  'packages/core/src/rules/apiserver-token-flags/index.ts': 'kube-apiserver flag values from a manifest (`--service-account-issuer`, `--api-audiences`)',
  'packages/core/src/rules/no-static-cloud-credentials/index.ts': 'Secret `data` (decoded) and `stringData` values up to 1 MiB, one line at a time for the line patterns',
  'packages/core/src/rules/shared.ts': 'Secret names from a manifest',
  'packages/core/src/rules/token-request-lifetime/index.ts': 'container command-line elements of a manifest',
  'packages/core/src/rules/valid-token-fields/index.ts': 'JSON pointers of schema validation errors, built from manifest keys',
  'packages/core/src/rules/valid-token-fields/validate.generated.ts': 'manifest values checked by the token-field schemas (names: DNS-1123 subdomains); JSON-pointer segments made from manifest keys',
  'packages/core/src/rules/workload-identity-config/index.ts': 'ServiceAccount annotation values of a manifest (role ARN, GCP service account, Azure client id)',
  'packages/core/src/suppress/index.ts': 'whole manifest files (suppression comments); `satlint.dev` annotation values of a manifest',
  'packages/core/src/testing/index.ts': 'test manifests written in rule tests (RuleTester)',
  'packages/cli/src/args.ts': 'the --today command-line value; satlint\'s own help text and parseArgs error messages',
  'packages/cli/src/baseline.ts': 'file paths of lint results',
  'packages/cli/src/cache.ts': 'file names in the cache directory',
  'packages/cli/src/files.ts': 'file paths found under the given directories; globs from the command line',
  'packages/core/src/findings/origins.ts': 'lines of the chart template or kustomize file a finding is moved to; keys of the finding path (from the manifest) escaped into a pattern (see DYNAMIC); JSON 6902 operation paths of a patch file',
  'packages/cli/src/origins.ts': 'resource entries of a kustomization (is it a remote URL?)',
  'packages/cli/src/render.ts': 'file names of a chart values directory; the --kustomize-bin path',
  'packages/cli/src/plugins.ts': 'plugin specifiers of the configuration file (is it a path?)',
};

/**
 * Patterns built at run time, keyed by the text of the `new RegExp(...)` call: what they run on and
 * representative patterns they build (each checked like a literal). Dynamic text is escaped or
 * comes from the repository's own configuration.
 */
export const DYNAMIC = {
  'new RegExp(`^${re}$`)': {
    input: 'a glob of the configuration, compiled once per glob; runs on file paths relative to the config directory (bounded by the file system). Resource names in `ignores` are matched without a pattern (config/index.ts nameMatches), since they come from manifests',
    examples: [
      ['^(?:.*/)?[^/]*\\.yaml$', ''],
      ['^legacy/(?:.*/)?[^/]*$', ''],
      ['^(?:.*/)?(?:a|b)[^/]\\.ya?ml$', ''],
    ],
  },
  "new RegExp(`(^|[\\\\s;|&(\\`\"'/])${program.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')}(?=[\\\\s])`, 'g')": {
    input: 'shell scripts from container arguments and ConfigMap values; the program name comes from rule code (kubectl, curl, wget…) and is escaped',
    examples: [
      ['(^|[\\s;|&(`"\'/])kubectl(?=[\\s])', 'g'],
      ['(^|[\\s;|&(`"\'/])kube\\-apiserver(?=[\\s])', 'g'],
    ],
  },
  "new RegExp(`^\\\\s*kind:\\\\s*[\"']?${escape(kind)}[\"']?\\\\s*(#.*)?$`)": {
    input: 'one line of a chart template; the kind is the finding\'s resource kind (manifest data), escaped by origins.ts escape()',
    examples: [
      ['^\\s*kind:\\s*["\']?Deployment["\']?\\s*(#.*)?$', ''],
      ['^\\s*kind:\\s*["\']?a\\.b\\*\\(c\\)["\']?\\s*(#.*)?$', ''],
    ],
  },
  "new RegExp(`^(\\\\s*(?:-\\\\s+)?)[\"']?${escape(key)}[\"']?\\\\s*:`)": {
    input: 'one line of a chart template or kustomize file; the key is a mapping key of the finding path (manifest data), escaped',
    examples: [
      ['^(\\s*(?:-\\s+)?)["\']?serviceAccountName["\']?\\s*:', ''],
      ['^(\\s*(?:-\\s+)?)["\']?a\\.b\\*\\(c\\)["\']?\\s*:', ''],
    ],
  },
  "new RegExp(`^(\\\\s*)kind:\\\\s*[\"']?${escape(kind)}[\"']?`)": {
    input: 'one line of a chart template; the kind is the finding\'s resource kind (manifest data), escaped',
    examples: [
      ['^(\\s*)kind:\\s*["\']?Deployment["\']?', ''],
      ['^(\\s*)kind:\\s*["\']?x\\+\\+["\']?', ''],
    ],
  },
  "new RegExp(`^\\\\s*(?:-\\\\s+)?[\"']?${escape(last)}[\"']?\\\\s*:`)": {
    input: 'one line of a chart template; the key is the last key of the finding path (manifest data), escaped',
    examples: [
      ['^\\s*(?:-\\s+)?["\']?automountServiceAccountToken["\']?\\s*:', ''],
      ['^\\s*(?:-\\s+)?["\']?x\\+\\+["\']?\\s*:', ''],
    ],
  },
};

/**
 * Super-linear patterns on input that is not manifest data: satlint's own help text and rule
 * READMEs. recheck still checks them and the audit prints them; they do not fail it.
 */
export const TRUSTED_INPUT = {
  'packages/cli/src/args.ts': 'satlint\'s own HELP text (a constant)',
  'packages/cli/src/commands.ts': 'the rule READMEs shipped with satlint (satlint explain)',
};

/**
 * Super-linear patterns on manifest data that landed after the audit and await their owner's fix.
 * The audit prints them on every run and fails when one is fixed but still listed, so this list can
 * only shrink. Empty: the html report's redaction patterns were rewritten as scans (issue 21).
 */
export const KNOWN_SUPERLINEAR = [];
