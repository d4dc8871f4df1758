import type { AnyRule, RuleSettings } from '../rule.js';
import type { Resource, SeverityName } from '../types.js';
import { globToRegExp } from './glob.js';
import { bare, own } from '../path.js';

/** A rule entry in configuration: a severity, or a severity with options. */
export type RuleEntry = SeverityName | [SeverityName] | [SeverityName, Record<string, unknown>];

/** Per-file-glob or per-namespace rule settings. */
export interface ConfigOverride {
  /** Globs matched against file paths relative to the config file's directory. */
  files?: string[];
  /** Namespaces the override applies to. */
  namespaces?: string[];
  rules: Record<string, RuleEntry>;
}

/** A finding the team decided to accept, for resources that cannot be annotated. */
export interface ConfigIgnore {
  rule: string;
  kind?: string;
  namespace?: string;
  /** Exact name, or a glob with `*`. */
  name?: string;
  reason: string;
}

/** The contents of `satlint.config.yaml` / `.satlintrc.yaml`. */
export interface SatlintConfig {
  extends?: 'recommended' | 'strict';
  rules?: Record<string, RuleEntry>;
  overrides?: ConfigOverride[];
  ignores?: ConfigIgnore[];
  /**
   * `inventoryScope` is the CLI's `--inventory-scope` (which files share one inventory: `bundle`,
   * `run`, `directory`, or globs of directories relative to the config file); the flag wins.
   */
  settings?: Partial<{ namespace: string; unknownServiceAccount: RuleSettings['unknownServiceAccount']; apiAudiences: string[]; inventoryScope: string | string[] }>;
  /** When false, `# satlint-disable` comments and `satlint.dev` annotations are not honoured. */
  allowInlineSuppressions?: boolean;
  /** How unused or expired suppressions are reported. */
  reportUnusedSuppressions?: SeverityName;
  /**
   * Modules with custom rules (paths relative to the config file, or package names). The CLI loads
   * them; a module's default export is a rule, a list of rules, or `{ rules }`. `lint()` takes the
   * loaded rules through its `plugins` option instead.
   */
  plugins?: string[];
}

/** A rule's effective setting for one resource or file. */
export interface EffectiveRule {
  severity: SeverityName;
  options: Record<string, unknown>;
}

/** The API audiences Kubernetes itself uses. */
export const DEFAULT_API_AUDIENCES: readonly string[] = ['https://kubernetes.default.svc', 'https://kubernetes.default.svc.cluster.local', 'kubernetes'];

/**
 * The audience the bound-token migration writes when `settings.apiAudiences` is not configured: the
 * API server's default audience is its `--service-account-issuer`, and kubeadm, kind and k3s set
 * that to this URL. Clusters with another issuer set `settings.apiAudiences` (first entry wins).
 */
export const DEFAULT_MIGRATION_AUDIENCE = 'https://kubernetes.default.svc.cluster.local';

/** A preset: the severity and options of every rule. */
export function preset(name: 'recommended' | 'strict', rules: readonly AnyRule[]): Record<string, EffectiveRule> {
  const out = bare<EffectiveRule>();
  for (const r of rules) {
    const m = r.meta;
    if (name === 'strict') out[m.id] = { severity: 'error', options: { ...m.defaultOptions, ...(m.strictOptions ?? {}) } };
    else out[m.id] = { severity: m.recommended ? m.severity : 'off', options: { ...m.defaultOptions } };
  }
  return out;
}

function applyEntry(base: EffectiveRule | undefined, entry: RuleEntry, defaults: Record<string, unknown>): EffectiveRule {
  const [severity, options] = Array.isArray(entry) ? entry : [entry];
  return { severity, options: { ...(base?.options ?? defaults), ...(options ?? {}) } };
}

/** Configuration resolved against a rule set, answering "what applies here?". */
export class ResolvedConfig {
  readonly base: Record<string, EffectiveRule>;
  readonly config: SatlintConfig;
  readonly settings: RuleSettings;
  private readonly overrides: { files: RegExp[] | null; namespaces: Set<string> | null; rules: Record<string, RuleEntry> }[];
  private readonly defaults: Map<string, Record<string, unknown>>;

  constructor(config: SatlintConfig, rules: readonly AnyRule[], defaultNamespace?: string) {
    this.config = config;
    this.defaults = new Map(rules.map((r) => [r.meta.id, r.meta.defaultOptions as Record<string, unknown>]));
    const base = preset(config.extends ?? 'recommended', rules);
    for (const [id, entry] of Object.entries(config.rules ?? {})) base[id] = applyEntry(own(base, id), entry, this.defaults.get(id) ?? {});
    this.base = base;
    this.overrides = (config.overrides ?? []).map((o) => ({
      files: o.files ? o.files.map(globToRegExp) : null,
      namespaces: o.namespaces ? new Set(o.namespaces) : null,
      rules: o.rules,
    }));
    this.settings = {
      defaultNamespace: defaultNamespace ?? config.settings?.namespace ?? 'default',
      unknownServiceAccount: config.settings?.unknownServiceAccount ?? 'assume-mounted',
      apiAudiences: config.settings?.apiAudiences ?? DEFAULT_API_AUDIENCES,
      migrationAudience: config.settings?.apiAudiences?.[0] ?? DEFAULT_MIGRATION_AUDIENCE,
    };
  }

  /**
   * The rule's setting wherever it applies, when no override names the rule (the usual case: then
   * {@link ruleFor} answers the same for every file and namespace); undefined when one does.
   */
  uniformRule(id: string): EffectiveRule | undefined {
    if (this.overrides.some((o) => own(o.rules, id) !== undefined)) return undefined;
    return own(this.base, id) ?? { severity: 'off', options: this.defaults.get(id) ?? {} };
  }

  /** The rule's setting for a file (relative path) and, when known, a namespace. */
  ruleFor(id: string, relativePath: string, namespace: string | undefined): EffectiveRule {
    let eff = own(this.base, id) ?? { severity: 'off', options: this.defaults.get(id) ?? {} };
    for (const o of this.overrides) {
      if (o.files && !o.files.some((re) => re.test(relativePath))) continue;
      if (o.namespaces && (namespace === undefined || !o.namespaces.has(namespace))) continue;
      const entry = own(o.rules, id);
      if (entry !== undefined) eff = applyEntry(eff, entry, this.defaults.get(id) ?? {});
    }
    return eff;
  }

  /** The config `ignores` entry that accepts this finding, if any. */
  ignoreFor(ruleId: string, resource: Resource | undefined): ConfigIgnore | undefined {
    for (const ig of this.config.ignores ?? []) {
      if (ig.rule !== ruleId && ig.rule !== '*') continue;
      if (!resource) continue;
      if (ig.kind !== undefined && ig.kind !== resource.kind) continue;
      if (ig.namespace !== undefined && ig.namespace !== resource.namespace) continue;
      if (ig.name !== undefined && !nameMatches(ig.name, resource.name)) continue;
      return ig;
    }
    return undefined;
  }
}

/**
 * Whether a resource name matches an `ignores` name: exact, or a glob where `*` is any run of
 * characters and `?` one character. Names come from manifests, so this is no regular expression
 * (`*a*a*a` would be polynomial): the classic two-pointer wildcard match, which backs up only to the
 * last `*`, in O(name × pattern) time.
 */
export function nameMatches(glob: string, name: string): boolean {
  let g = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (g < glob.length && (glob[g] === '?' || (glob[g] !== '*' && glob[g] === name[n]))) {
      g++;
      n++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      mark = n;
    } else if (star !== -1) {
      g = star + 1;
      n = ++mark;
    } else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}
