import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { AnyRule, SatlintConfig } from '@satlint/core';
import { ResolvedConfig } from '@satlint/core/adapter';
import { UsageError } from './errors.js';
import { didYouMean } from './suggest.js';
import { RULE_DOCS } from './rule-docs.generated.js';
import { CONFIG_NAMES } from './config-search.js';

/** Streams a command writes to. */
interface Out {
  stdout: (s: string) => void;
}

/** The commented `satlint.config.yaml` that `satlint --init` writes: every rule listed with its default, every setting explained. */
export function initialConfig(rules: readonly AnyRule[]): string {
  const w = Math.max(...rules.map((r) => r.meta.id.length)) + 1;
  const lines = [
    '# satlint configuration, written by `satlint --init`. Everything here is optional: without a',
    '# config satlint uses the recommended preset. `satlint --print-config FILE` shows what applies',
    '# to a file; `satlint explain RULE` explains a rule. Schema: docs/config-schema.json.',
    '',
    '# The preset: recommended, or strict (every warning an error, stricter options).',
    'extends: recommended',
    '',
    '# A rule\'s severity (off, warn, error), or [severity, {option: value}] to set options.',
    '# Every rule, with its default in the recommended preset (uncomment a line to change it):',
    'rules: {}',
    ...rules.map((r) => `#   ${`${r.meta.id}:`.padEnd(w)} ${(r.meta.recommended ? r.meta.severity : 'off').padEnd(5)}  # ${r.meta.description}`),
    '',
    '# Settings every rule reads.',
    '# settings:',
    '#   namespace: default                     # namespace of objects that name none',
    '#   unknownServiceAccount: assume-mounted  # or assume-disabled, for service accounts not in the input',
    '#   apiAudiences: [https://kubernetes.default.svc, https://kubernetes.default.svc.cluster.local, kubernetes]',
    '#   inventoryScope: bundle                 # or run, directory, or globs of directories ["apps/*"]: which files share one inventory',
    '',
    '# Other rules for some files (globs relative to this file) or namespaces.',
    '# overrides:',
    '#   - files: ["test/**"]',
    '#     rules: {no-automount-token: off}',
    '#   - namespaces: [kube-system]',
    '#     rules: {service-account-automount: off}',
    '',
    '# Findings the team has accepted, with the reason, for objects you cannot annotate.',
    '# ignores:',
    '#   - rule: token-blast-radius',
    '#     kind: Deployment',
    '#     namespace: monitoring',
    '#     name: prometheus-*',
    '#     reason: lists pods cluster-wide by design; reviewed by the platform team',
    '',
    '# allowInlineSuppressions: true   # honour "# satlint-disable" comments and suppression annotations',
    '# reportUnusedSuppressions: warn  # off, warn or error: suppressions that silence nothing',
    '# plugins: [./satlint-rules.mjs]  # modules with custom rules',
    '',
  ];
  return lines.join('\n');
}

/** `satlint --init`: writes satlint.config.yaml in `cwd`, never over an existing config. */
export function initCommand(cwd: string, rules: readonly AnyRule[], io: Out): number {
  const existing = CONFIG_NAMES.find((n) => existsSync(join(cwd, n)));
  if (existing) throw new UsageError(`${existing} already exists in ${cwd}: not overwritten (edit it, or remove it and run --init again)`);
  const path = join(cwd, 'satlint.config.yaml');
  let fd: number;
  try {
    // 'wx': fails if the file appeared meanwhile, so nothing is ever overwritten.
    fd = openSync(path, 'wx');
  } catch (err) {
    throw new UsageError(`Cannot write ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    writeSync(fd, initialConfig(rules));
  } finally {
    closeSync(fd);
  }
  io.stdout(`Wrote satlint.config.yaml: the recommended preset, every rule and setting listed in comments.\n`);
  return 0;
}

/** `satlint --print-config FILE`: the rules and settings that apply to FILE, as JSON (ESLint's --print-config). */
export function printConfigCommand(file: string, cwd: string, config: SatlintConfig, configPath: string | undefined, rules: readonly AnyRule[], namespace: string | undefined, io: Out, inventoryScope: readonly string[] = []): number {
  const abs = resolve(cwd, file);
  const base = configPath ? resolve(configPath, '..') : cwd;
  const rel = relative(base, abs).replace(/\\/g, '/');
  const resolved = new ResolvedConfig(config, rules, namespace);
  const effective: Record<string, [string, Record<string, unknown>] | [string]> = {};
  for (const r of rules) {
    const e = resolved.ruleFor(r.meta.id, rel, undefined);
    effective[r.meta.id] = Object.keys(e.options).length > 0 ? [e.severity, e.options] : [e.severity];
  }
  // Overrides by namespace depend on each object, not on the file: listed as they are.
  const matchesFile = (files: string[]) => new ResolvedConfig({ overrides: [{ files, rules: { probe: 'error' } }] }, [], namespace).ruleFor('probe', rel, undefined).severity === 'error';
  const byNamespace = (config.overrides ?? []).filter((o) => o.namespaces && (!o.files || matchesFile(o.files)));
  const out = {
    filePath: abs,
    configFile: configPath ?? null,
    extends: config.extends ?? 'recommended',
    settings: {
      namespace: resolved.settings.defaultNamespace,
      unknownServiceAccount: resolved.settings.unknownServiceAccount,
      apiAudiences: resolved.settings.apiAudiences,
      inventoryScope: inventoryScope.length > 0 ? [...inventoryScope] : [config.settings?.inventoryScope ?? 'bundle'].flat(),
    },
    allowInlineSuppressions: config.allowInlineSuppressions !== false,
    reportUnusedSuppressions: config.reportUnusedSuppressions ?? 'warn',
    rules: effective,
    ...(byNamespace.length > 0 ? { namespaceOverrides: byNamespace.map((o) => ({ namespaces: o.namespaces, rules: o.rules })) } : {}),
    ...(config.ignores && config.ignores.length > 0 ? { ignores: config.ignores } : {}),
    ...(config.plugins && config.plugins.length > 0 ? { plugins: config.plugins } : {}),
  };
  io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

/** `--list-rules`: a line per rule (id, default severity, fixable, description), or with `-f json` every rule's metadata. */
export function listRulesCommand(rules: readonly AnyRule[], format: string, io: Out): number {
  if (format === 'json') {
    io.stdout(listRulesJson(rules));
    return 0;
  }
  if (format !== 'stylish') throw new UsageError(`--list-rules prints text or, with -f json, JSON; not ${format}`);
  const w = Math.max(...rules.map((r) => r.meta.id.length));
  for (const r of rules) {
    const sev = r.meta.recommended ? r.meta.severity : 'off';
    io.stdout(`${r.meta.id.padEnd(w)}  ${sev.padEnd(5)}  ${r.meta.fixable ? 'fixable' : '       '}  ${r.meta.description}\n`);
  }
  return 0;
}

/** `--list-rules -f json`: every rule's metadata. */
export function listRulesJson(rules: readonly AnyRule[]): string {
  return `${JSON.stringify(
    rules.map(({ meta: m }) => ({
      id: m.id,
      description: m.description,
      category: m.category,
      severity: m.severity,
      recommended: m.recommended,
      fixable: m.fixable,
      securitySeverity: m.securitySeverity,
      remediation: m.remediation,
      docsUrl: m.docsUrl,
      messages: m.messages,
      schema: m.schema,
      defaultOptions: m.defaultOptions,
      ...(m.strictOptions ? { strictOptions: m.strictOptions } : {}),
    })),
    null,
    2,
  )}\n`;
}

/** A rule's doc page for a terminal: headings emphasised, code blocks indented, links as text with the address. */
function terminalMarkdown(md: string, color: boolean): string {
  const bold = (s: string) => (color ? `\u001b[1m${s}\u001b[0m` : s);
  const dim = (s: string) => (color ? `\u001b[2m${s}\u001b[0m` : s);
  const out: string[] = [];
  let fence = false;
  for (const line of md.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^```/.test(line)) {
      fence = !fence;
      continue;
    }
    if (fence) {
      out.push(`    ${dim(line)}`);
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      out.push(h[1]!.length === 1 ? bold(h[2]!) : bold(h[1]!.length === 2 ? h[2]!.toUpperCase() : h[2]!));
      continue;
    }
    out.push(line.replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_m, text: string, url: string) => (url.startsWith('http') ? `${text} <${url}>` : text)).replace(/\*\*([^*]+)\*\*/g, (_m, t: string) => bold(t)));
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** A doc page for a rule without one in the registry (a plugin rule): its metadata. */
function pageOf(rule: AnyRule): string {
  const m = rule.meta;
  const options = Object.keys((m.schema['properties'] as Record<string, unknown> | undefined) ?? {});
  return [
    `# ${m.id}`,
    '',
    `${m.description}.`,
    '',
    `- Default: **${m.recommended ? m.severity : 'off'}** in \`recommended\``,
    `- Fixable: ${m.fixable ? 'yes' : 'no'}`,
    '',
    '## Fix',
    '',
    m.remediation,
    '',
    '## Options',
    '',
    options.length > 0 ? `Defaults: \`${JSON.stringify(m.defaultOptions)}\`` : 'None.',
    '',
  ].join('\n');
}

/** `satlint explain RULE`: the rule's documentation in the terminal. */
export function explainCommand(args: readonly string[], rules: readonly AnyRule[], color: boolean, io: Out): number {
  const [id, ...rest] = args;
  if (id === undefined || id === '--help' || id === '-h' || rest.length > 0) {
    if (id === '--help' || id === '-h') {
      io.stdout('satlint explain RULE\n\nPrints the rule\'s documentation: why it matters, what it reports, examples, the fix and its options.\n');
      return 0;
    }
    throw new UsageError('explain takes one rule id, e.g. satlint explain no-automount-token (satlint --list-rules lists them)');
  }
  const rule = rules.find((r) => r.meta.id === id);
  if (!rule) throw new UsageError(`Unknown rule "${id}".${didYouMean(id, rules.map((r) => r.meta.id))} (satlint --list-rules lists them)`);
  const page = RULE_DOCS[id] ?? pageOf(rule);
  io.stdout(`${terminalMarkdown(page, color)}\nDocumentation: ${rule.meta.docsUrl}\n`);
  return 0;
}
