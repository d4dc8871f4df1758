import type { AnyRule } from '../rule.js';
import type { LintMessage, LintResult, ParsedFile, Resource } from '../types.js';
import { resourcesOf } from '../model/index.js';
import { Inventory } from '../inventory/index.js';
import { ResolvedConfig, type SatlintConfig } from '../config/index.js';
import { assertValidConfig } from '../config/validate.js';
import { rules as registry } from '../rules/index.js';
import { auditSummary } from '../audit/index.js';
import { parseMessageId } from '../rules/manifest-syntax/index.js';
import { foldOwned } from '../findings/fold.js';
import type { Finding } from '../findings/types.js';
import { applySuppressions } from '../suppress/apply.js';
import { suppressionReports } from '../suppress/report.js';
import { fileResult } from '../result/index.js';
import { startPositionCache } from '../parse/index.js';
import { runRules, severityLevel } from './dispatch.js';
import type { LintOptions } from './options.js';

/** Every rule a run uses: the registry plus plugins (a plugin may not reuse an id). */
export function allRules(plugins: readonly AnyRule[] = []): AnyRule[] {
  const out = [...registry];
  const ids = new Set(out.map((r) => r.meta.id));
  for (const p of plugins) {
    if (ids.has(p.meta.id)) throw new Error(`A plugin rule reuses the id "${p.meta.id}"`);
    ids.add(p.meta.id);
    out.push(p);
  }
  return out;
}

/**
 * A run's rules and configuration. A configuration object is validated first, as ESLint and
 * stylelint do: an unknown rule id or an option its rule's schema does not allow is a
 * `ConfigError` naming each problem, never silently ignored. An already resolved config is trusted.
 */
export function resolveRun(options: Pick<LintOptions, 'config' | 'plugins' | 'namespace'>): { rules: AnyRule[]; config: ResolvedConfig } {
  const rules = allRules(options.plugins);
  if (options.config instanceof ResolvedConfig) return { rules, config: options.config };
  const checked: SatlintConfig = options.config === undefined ? {} : assertValidConfig(options.config, rules, 'lint() options.config');
  return { rules, config: new ResolvedConfig(checked, rules, options.namespace) };
}

function relative(path: string, base: string | undefined): string {
  const p = path.replace(/\\/g, '/');
  if (!base) return p.replace(/^\.\//, '');
  const b = base.replace(/\\/g, '/').replace(/\/$/, '');
  return p.startsWith(`${b}/`) ? p.slice(b.length + 1) : p.replace(/^\.\//, '');
}

/**
 * A part of a run (the streamed run's first stage, pipeline/stream.ts): the objects of its files
 * that rules and suppression reports are on (`reportOn`; the others are in the inventory only),
 * and the resources of each file when the caller has them already.
 */
export interface RunPart {
  reportOn?: (r: Resource) => boolean;
  resourcesOf?: ReadonlyMap<ParsedFile, Resource[]>;
}

/**
 * One run over parsed files: resources → inventory (of every file, in order) → rules → findings
 * (folded onto controllers) → suppressions → results, for the files in `report` only, in order.
 */
export function lintFiles(all: readonly ParsedFile[], report: ReadonlySet<ParsedFile>, rules: readonly AnyRule[], config: ResolvedConfig, options: LintOptions, part: RunPart = {}): LintResult[] {
  startPositionCache();
  const files = all.filter((f) => report.has(f));
  const resourcesByFile = new Map<ParsedFile, Resource[]>();
  const inventoryResources: Resource[] = [];
  const resources: Resource[] = [];
  for (const f of all) {
    const rs = part.resourcesOf?.get(f) ?? resourcesOf(f, { defaultNamespace: config.settings.defaultNamespace });
    // An object after the point where kubectl stops reading its file is linted, but kubectl never
    // sends it: it vouches for nothing (ParsedDocument.afterKubectlStop).
    for (const r of rs) if (!r.document.afterKubectlStop) inventoryResources.push(r);
    if (report.has(f)) {
      const on = part.reportOn ? rs.filter(part.reportOn) : rs;
      resourcesByFile.set(f, on);
      for (const r of on) resources.push(r);
    }
  }
  if (options.stats) {
    delete options.stats.answerValidThrough;
    delete options.stats.answerValidAfter;
    options.stats.files = files.length;
    options.stats.documents = files.reduce((n, f) => n + f.documents.length, 0);
    options.stats.objects = resources.length;
  }
  const inventory = new Inventory(inventoryResources);
  const relativePath = new Map(files.map((f) => [f, relative(f.path, options.basePath)]));
  const findings = runRules(rules, { files, resources, inventory, settings: config.settings, config, relativePath });
  if (options.audit) options.audit.result = auditSummary(inventory, config.settings, options.audit.today ?? options.now ?? new Date());
  const { kept, instances } = foldOwned(findings, inventory.owners, resources);
  // Group findings by file once: a filter per file would be quadratic on large runs.
  const byFile = new Map<ParsedFile, Finding[]>(files.map((f) => [f, []]));
  for (const f of kept) byFile.get(f.file)?.push(f);
  const knownRules = new Set(rules.map((r) => r.meta.id));
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  return files.map((file) => {
    const fileResources = resourcesByFile.get(file)!;
    const s = applySuppressions(file, byFile.get(file)!, config, knownRules, today, options.stats);
    // An unreadable document counts as an error whatever the configuration (ESLint's fatal message:
    // ruleId null); the other parse problems are findings of the manifest-syntax rule.
    const messages = file.problems.filter((p) => p.severity === 'fatal').map((p): LintMessage => {
      const a = file.position(p.range[0]);
      const b = file.position(p.range[1]);
      return { ruleId: null, severity: 2, message: p.message, messageId: parseMessageId(p.code), fatal: true, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
    });
    messages.push(...s.messages);
    const level = severityLevel(config.config.reportUnusedSuppressions ?? 'warn');
    if (level !== 0) messages.push(...suppressionReports(file, s, fileResources, level, knownRules, instances));
    return fileResult(file.path, messages, s.suppressedMessages, fileResources);
  });
}
