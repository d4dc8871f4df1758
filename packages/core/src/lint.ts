import type { AnyRule, ReportDescriptor, RuleContext } from './rule.js';
import type { FixKind, JsonPath, LintMessage, LintResult, ParsedFile, RelatedLocation, Resource, SeverityLevel, SeverityName, Suggestion, SuppressedMessage } from './types.js';
import { parseManifests, locatePath, hasPositions } from './parse/index.js';
import { resourcesOf, describeResource } from './model/index.js';
import { Inventory } from './inventory/index.js';
import { ResolvedConfig, type SatlintConfig } from './config/index.js';
import { fixer, applyFixes } from './fix/edits.js';
import { secretValuesOf } from './format/mask.js';
import { formatPath } from './path.js';
import { rules as registry } from './rules/index.js';
import { auditSummary, type AuditSummary } from './audit/index.js';
import { describeInstances, pathsNest, templateRelativePath, type Owners } from './owners/index.js';
import { parseMessageId } from './rules/manifest-syntax/index.js';
import { annotationSuppressions, commentDirectives, directiveFor, type AnnotationSuppression, type CommentDirective } from './suppress/index.js';

/** A source to lint: a path (used in output and for config overrides) and its text. */
export interface Source {
  path: string;
  text: string;
}

/** What a lint run read. */
export interface LintStats {
  files: number;
  documents: number;
  /** Kubernetes objects (documents with apiVersion and kind, List items flattened). */
  objects: number;
  /**
   * The earliest `expires` date (YYYY-MM-DD) of a suppression that silenced a finding and has not
   * expired yet: from the day after it, the same input gives another answer (a cache must not keep
   * this one past it). Absent when no such suppression was used.
   */
  answerValidThrough?: string;
  /**
   * The latest `expires` date of a suppression that had expired for a finding: on that day or
   * before it (a run with an earlier `now`), the same input gives another answer.
   */
  answerValidAfter?: string;
}

/** Options of {@link lint}. */
export interface LintOptions {
  /** Configuration object (as read from a config file), or one already resolved. Default: `recommended`. */
  config?: SatlintConfig | ResolvedConfig;
  /** Namespace for objects that name none. Default: the config's `settings.namespace`, else `default`. */
  namespace?: string;
  /** Extra rules (custom or plugin rules) added to the registry for this run. */
  plugins?: readonly AnyRule[];
  /** Apply fixes (up to 10 passes) and return the fixed text as `output`. */
  fix?: boolean;
  /**
   * Which edits `fix` applies (default `problem` and `migration`): a finding's automatic fix when
   * `problem` is listed, otherwise (for findings without one) its first suggestion of a listed kind.
   */
  fixTypes?: readonly FixKind[];
  /** The date expiring suppressions are compared with. Default: now. */
  now?: Date;
  /** Directory that override globs are relative to (the config file's directory). */
  basePath?: string;
  /** Filled in by {@link lint}: how much it read (for "matched files but no objects" checks). */
  stats?: LintStats;
  /**
   * Files parsed beforehand whose objects join the inventory (ServiceAccounts, RBAC…) but are not
   * reported on: the other manifests of a repository when an editor lints one file. A context file
   * with the same path as a source is left out.
   */
  contextFiles?: readonly ParsedFile[];
  /**
   * Asks for the guide's Step 4 audit of the run (the `summary` format): {@link lint} sets
   * `result`. `today` is the day legacy-token use is counted from (default: `now`, else now).
   */
  audit?: { today?: Date; result?: AuditSummary };
}

interface Finding {
  rule: AnyRule;
  severity: SeverityLevel;
  message: LintMessage;
  resource?: Resource;
  file: ParsedFile;
  /** The path the rule reported, relative to the resource. */
  path: JsonPath;
}

/** What `fix: true` applies unless `fixTypes` says otherwise. */
export const DEFAULT_FIX_TYPES: readonly FixKind[] = ['problem', 'migration'];

const SEVERITY: Record<SeverityName, SeverityLevel | 0> = { off: 0, warn: 1, error: 2 };

/** Every rule a run uses: the registry plus plugins. */
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

function relative(path: string, base: string | undefined): string {
  const p = path.replace(/\\/g, '/');
  if (!base) return p.replace(/^\.\//, '');
  const b = base.replace(/\\/g, '/').replace(/\/$/, '');
  return p.startsWith(`${b}/`) ? p.slice(b.length + 1) : p.replace(/^\.\//, '');
}

function interpolate(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (Object.prototype.hasOwnProperty.call(data, k) ? String(data[k]) : m));
}

/**
 * Lints sources together (one inventory across all of them) and returns one result per source, in
 * ESLint's LintResult shape.
 */
export function lint(sources: readonly Source[], options: LintOptions = {}): LintResult[] {
  const rules = allRules(options.plugins);
  const config = options.config instanceof ResolvedConfig ? options.config : new ResolvedConfig(options.config ?? {}, rules, options.namespace);
  if (!options.fix) return lintOnce(sources, rules, config, options);
  let texts = sources.map((s) => s.text);
  let results: LintResult[] = [];
  const fixTypes = options.fixTypes ?? DEFAULT_FIX_TYPES;
  for (let pass = 0; pass < 11; pass++) {
    results = lintOnce(
      sources.map((s, i) => ({ path: s.path, text: texts[i]! })),
      rules,
      config,
      options,
    );
    if (pass === 10) break;
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

function lintOnce(sources: readonly Source[], rules: readonly AnyRule[], config: ResolvedConfig, options: LintOptions): LintResult[] {
  const files = sources.map((s) => parseManifests(s.text, s.path));
  const sourcePaths = new Set(sources.map((s) => s.path));
  const context = (options.contextFiles ?? []).filter((f) => !sourcePaths.has(f.path));
  return lintFiles(context.length > 0 ? [...files, ...context] : files, new Set(files), rules, config, options);
}

/**
 * Lints parsed files as one run: every file's objects join the inventory, in the order given, and
 * results (in that order) are returned for the files in `report` only. A worker thread lints its
 * share of a large run this way, with the other workers' files as value-only context files
 * ({@link contextFile}), and gets exactly the findings a single-threaded run gives for its files.
 * @internal
 */
export function lintParsed(files: readonly ParsedFile[], report: ReadonlySet<ParsedFile>, options: LintOptions = {}): LintResult[] {
  const rules = allRules(options.plugins);
  const config = options.config instanceof ResolvedConfig ? options.config : new ResolvedConfig(options.config ?? {}, rules, options.namespace);
  return lintFiles(files, report, rules, config, options);
}

function lintFiles(all: readonly ParsedFile[], report: ReadonlySet<ParsedFile>, rules: readonly AnyRule[], config: ResolvedConfig, options: LintOptions): LintResult[] {
  const settings = config.settings;
  const files = all.filter((f) => report.has(f));
  const resourcesByFile = new Map<ParsedFile, Resource[]>();
  const inventoryResources: Resource[] = [];
  const resources: Resource[] = [];
  for (const f of all) {
    const rs = resourcesOf(f, { defaultNamespace: settings.defaultNamespace });
    for (const r of rs) inventoryResources.push(r);
    if (report.has(f)) {
      resourcesByFile.set(f, rs);
      for (const r of rs) resources.push(r);
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
  const rel = new Map(files.map((f) => [f, relative(f.path, options.basePath)]));
  const findings: Finding[] = [];

  for (const rule of rules) {
    const id = rule.meta.id;
    const groups = new Map<string, { options: Record<string, unknown>; resources: Resource[]; files: ParsedFile[] }>();
    // Without overrides every file and resource gets the same options object: serialise it once.
    const keys = new Map<Record<string, unknown>, string>();
    const group = (opts: Record<string, unknown>) => {
      let key = keys.get(opts);
      if (key === undefined) keys.set(opts, (key = JSON.stringify(opts)));
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { options: opts, resources: [], files: [] }));
      return g;
    };
    for (const f of files) {
      const eff = config.ruleFor(id, rel.get(f)!, undefined);
      if (eff.severity !== 'off') group(eff.options).files.push(f);
    }
    for (const r of resources) {
      const eff = config.ruleFor(id, rel.get(r.file)!, r.namespace);
      if (eff.severity !== 'off') group(eff.options).resources.push(r);
    }
    for (const g of groups.values()) {
      const ctx: RuleContext = {
        options: g.options,
        resources: g.resources,
        files: g.files,
        inventory,
        settings,
        report: (d: ReportDescriptor) => {
          const f = toFinding(rule, d, config, rel);
          if (f) findings.push(f);
        },
      };
      rule.check(ctx);
    }
  }

  if (options.audit) options.audit.result = auditSummary(inventory, settings, options.audit.today ?? options.now ?? new Date());
  const { kept, instances } = foldOwned(findings, inventory.owners, resources);
  // Group findings by file once: a filter per file would be quadratic on large runs.
  const byFile = new Map<ParsedFile, Finding[]>(files.map((f) => [f, []]));
  for (const f of kept) byFile.get(f.file)?.push(f);
  return files.map((file) => buildResult(file, byFile.get(file)!, resourcesByFile.get(file)!, rules, config, options, instances));
}

function toFinding(rule: AnyRule, d: ReportDescriptor, config: ResolvedConfig, rel: Map<ParsedFile, string>): Finding | null {
  const resource = d.resource;
  const file = resource?.file ?? d.file;
  if (!file) throw new Error(`Rule ${rule.meta.id} reported without a resource or file`);
  const eff = config.ruleFor(rule.meta.id, rel.get(file) ?? file.path, resource?.namespace);
  const severity = SEVERITY[eff.severity];
  if (severity === 0) return null;
  let range: [number, number];
  let pathText: string | undefined;
  if (d.range) {
    range = d.range;
    if (d.path) pathText = formatPath(d.path);
  } else if (resource && hasPositions(resource.document)) {
    const full: JsonPath = [...resource.basePath, ...(d.path ?? [])];
    // A finding about the whole resource is shown at its `kind`.
    const loc = full.length === resource.basePath.length ? { ...locatePath(resource.document, [...full, 'kind'])!, depth: full.length } : locatePath(resource.document, full)!;
    range = [file.toSourceOffset(loc.range[0]), file.toSourceOffset(loc.range[1])];
    // Block scalars own their final line break; a finding ends where the visible text does.
    while (range[1] > range[0] && (file.text[range[1] - 1] === '\n' || file.text[range[1] - 1] === '\r')) range[1]--;
    pathText = formatPath(full.slice(resource.basePath.length, Math.max(loc.depth, resource.basePath.length)));
  } else {
    range = [0, 0];
  }
  const template = rule.meta.messages[d.messageId];
  if (template === undefined) throw new Error(`Rule ${rule.meta.id} has no message "${d.messageId}"`);
  const data = { ...(resource ? { resource: describeResource(resource) } : {}), ...(d.data ?? {}) };
  const start = file.position(range[0]);
  const end = file.position(range[1]);
  const fix = d.fix ? d.fix(fixer) : null;
  const suggestions: Suggestion[] = [];
  for (const sg of d.suggest ?? []) {
    const t = rule.meta.messages[sg.messageId];
    if (t === undefined) throw new Error(`Rule ${rule.meta.id} has no message "${sg.messageId}"`);
    const f = sg.fix(fixer);
    if (f && !(fix && f.range[0] === fix.range[0] && f.range[1] === fix.range[1] && f.text === fix.text)) suggestions.push({ desc: interpolate(t, { ...data, ...(sg.data ?? {}) }), messageId: sg.messageId, fix: f, kind: sg.kind });
  }
  const substance = (d.substance ?? Object.entries(d.data ?? {}).map(([k, v]) => `${k}=${v}`).sort()).join('\n');
  const message: LintMessage = {
    ruleId: rule.meta.id,
    severity,
    message: interpolate(template, data),
    messageId: d.messageId,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ...(resource ? { resource: resource.ref } : {}),
    ...(pathText !== undefined ? { path: pathText } : {}),
    ...(resource?.origin ? { origin: resource.origin } : {}),
    ...(fix ? { fix } : {}),
    ...(suggestions.length > 0 ? { suggestions } : {}),
    ...(resource && isHelmTest(resource) ? { tags: ['helm-test'] } : {}),
    ...(d.attackPath ? { attackPath: d.attackPath } : {}),
    ...(substance !== '' ? { substance } : {}),
  };
  return { rule, severity, message, ...(resource ? { resource } : {}), file, path: d.path ?? [] };
}

/**
 * A cluster export holds each workload several times: the Deployment, its ReplicaSets and their
 * Pods (or CronJob → Job → Pod, StatefulSet/DaemonSet → Pod). A finding on an object that something
 * in the input controls is folded into the same rule's finding on the topmost controller, at the
 * same place in the pod template; the instances become its related locations and the message
 * counts the pods. Where the top controller has no such finding (an old ReplicaSet's template, a
 * field only the pods have), the instances are reported once, at the highest of them.
 */
function foldOwned(findings: Finding[], owners: Owners, resources: readonly Resource[]): { kept: Finding[]; instances: ReadonlySet<Resource> } {
  const instances = new Set<Resource>();
  for (const r of resources) if (owners.controllerOf(r)) instances.add(r);
  if (instances.size === 0) return { kept: findings, instances };
  const atTop = new Map<Resource, Finding[]>();
  const owned: { finding: Finding; chain: Resource[]; rel: JsonPath }[] = [];
  for (const f of findings) {
    if (!f.resource) continue;
    if (instances.has(f.resource)) {
      owned.push({ finding: f, chain: owners.chainOf(f.resource), rel: templateRelativePath(f.resource.kind, f.path) });
    } else {
      const list = atTop.get(f.resource);
      if (list) list.push(f);
      else atTop.set(f.resource, [f]);
    }
  }
  if (owned.length === 0) return { kept: findings, instances };
  const attached = new Map<Finding, Finding[]>();
  const attach = (to: Finding, f: Finding) => {
    const list = attached.get(to);
    if (list) list.push(f);
    else attached.set(to, [f]);
  };
  const pending = new Map<Resource, Map<string, { finding: Finding; depth: number }[]>>();
  for (const { finding, chain, rel } of owned) {
    const top = chain[chain.length - 1]!;
    let best: Finding | undefined;
    let bestLength = -1;
    for (const c of atTop.get(top) ?? []) {
      if (c.rule !== finding.rule) continue;
      const topRel = templateRelativePath(top.kind, c.path);
      if (!pathsNest(topRel, rel)) continue;
      const common = Math.min(topRel.length, rel.length);
      if (common > bestLength) {
        best = c;
        bestLength = common;
      }
    }
    if (best) {
      attach(best, finding);
      continue;
    }
    let byKey = pending.get(top);
    if (!byKey) pending.set(top, (byKey = new Map()));
    const key = `${finding.rule.meta.id}\u0000${formatPath(rel)}`;
    const group = byKey.get(key);
    const entry = { finding, depth: chain.length };
    if (group) group.push(entry);
    else byKey.set(key, [entry]);
  }
  const dropped = new Set<Finding>();
  for (const f of attached.values()) for (const x of f) dropped.add(x);
  for (const byKey of pending.values()) {
    for (const group of byKey.values()) {
      // The highest object in the chain speaks for the group (a ReplicaSet before its Pods); the
      // sort is stable, so input order decides between equals.
      const sorted = [...group].sort((a, b) => a.depth - b.depth);
      const rep = sorted[0]!.finding;
      for (const { finding } of sorted.slice(1)) {
        attach(rep, finding);
        dropped.add(finding);
      }
    }
  }
  for (const [rep, list] of attached) {
    const pods = list.filter((f) => f.resource?.kind === 'Pod').map((f) => f.resource!);
    const counted = describeInstances(pods, rep.resource?.kind === 'Pod');
    if (counted) rep.message.message += ` (and ${counted})`;
    rep.message.relatedLocations = list.map(relatedLocation);
  }
  return { kept: findings.filter((f) => !dropped.has(f)), instances };
}

function relatedLocation(f: Finding): RelatedLocation {
  const m = f.message;
  return {
    filePath: f.file.path,
    line: m.line,
    column: m.column,
    endLine: m.endLine ?? m.line,
    endColumn: m.endColumn ?? m.column,
    ...(m.resource ? { resource: m.resource } : {}),
    ...(m.path !== undefined ? { path: m.path } : {}),
    message: m.message,
  };
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function buildResult(file: ParsedFile, findings: Finding[], fileResources: Resource[], rules: readonly AnyRule[], config: ResolvedConfig, options: LintOptions, instances: ReadonlySet<Resource>): LintResult {
  const messages: LintMessage[] = [];
  const suppressedMessages: SuppressedMessage[] = [];
  const allowInline = config.config.allowInlineSuppressions !== false;
  const unusedLevel = SEVERITY[config.config.reportUnusedSuppressions ?? 'warn'];
  const today = isoDate(options.now ?? new Date());
  const knownRules = new Set(rules.map((r) => r.meta.id));
  const directives: CommentDirective[] = commentDirectives(file);
  const annotationCache = new Map<Resource, ReturnType<typeof annotationSuppressions>>();
  const annotationsOf = (r: Resource) => {
    let a = annotationCache.get(r);
    if (!a) annotationCache.set(r, (a = annotationSuppressions(r, knownRules)));
    return a;
  };
  const expiredHits = new Map<AnnotationSuppression, Resource>();
  const meta = (m: Omit<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'>, range: [number, number]): LintMessage => {
    const s = file.position(range[0]);
    const e = file.position(range[1]);
    return { ...m, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  };

  // An unreadable document counts as an error whatever the configuration (ESLint's fatal message:
  // ruleId null); the other parse problems are findings of the manifest-syntax rule.
  for (const p of file.problems) {
    if (p.severity !== 'fatal') continue;
    messages.push(meta({ ruleId: null, severity: 2, message: p.message, messageId: parseMessageId(p.code), fatal: true }, p.range));
  }

  for (const f of findings) {
    const ruleId = f.rule.meta.id;
    const ignore = config.ignoreFor(ruleId, f.resource);
    if (ignore) {
      suppressedMessages.push({ ...f.message, suppressions: [{ kind: 'config', justification: ignore.reason }] });
      continue;
    }
    if (allowInline) {
      const d = directiveFor(directives, ruleId, f.message.line);
      if (d) {
        d.used.add(d.rules.length === 0 ? '*' : ruleId);
        suppressedMessages.push({ ...f.message, suppressions: [{ kind: 'comment', justification: d.reason }] });
        continue;
      }
      if (f.resource) {
        const s = annotationsOf(f.resource).suppressions.find((a) => a.rules.includes(ruleId));
        if (s) {
          if (s.expires !== undefined && s.expires < today) {
            expiredHits.set(s, f.resource);
            if (options.stats && (options.stats.answerValidAfter === undefined || s.expires > options.stats.answerValidAfter)) options.stats.answerValidAfter = s.expires;
          } else {
            if (s.expires !== undefined && options.stats && (options.stats.answerValidThrough === undefined || s.expires < options.stats.answerValidThrough)) options.stats.answerValidThrough = s.expires;
            s.used.add(ruleId);
            suppressedMessages.push({ ...f.message, suppressions: [{ kind: 'annotation', justification: s.reason }] });
            continue;
          }
        }
      }
    }
    messages.push(f.message);
  }

  if (unusedLevel !== 0) {
    const locateAnnotation = (r: Resource, path: JsonPath): [number, number] => {
      const loc = locatePath(r.document, [...r.basePath, ...path]);
      if (!loc) return [0, 0];
      return [file.toSourceOffset(loc.range[0]), file.toSourceOffset(loc.range[1])];
    };
    if (!allowInline) {
      for (const d of directives)
        messages.push(meta({ ruleId: null, severity: unusedLevel, messageId: 'suppression', message: 'satlint-disable comments are not honoured: the configuration sets allowInlineSuppressions: false' }, d.range));
      for (const r of fileResources)
        for (const s of annotationsOf(r).suppressions)
          messages.push(meta({ ruleId: null, severity: unusedLevel, messageId: 'suppression', message: `Annotation "${s.key}" is not honoured: the configuration sets allowInlineSuppressions: false`, resource: r.ref }, locateAnnotation(r, s.path)));
    } else {
      for (const d of directives) {
        if (d.type === 'enable') continue;
        const unused = d.rules.length === 0 ? (d.used.size === 0 ? ['*'] : []) : d.rules.filter((r) => !d.used.has(r));
        for (const r of unused) {
          const what = r === '*' ? 'any rule' : `"${r}"`;
          messages.push(meta({ ruleId: null, severity: unusedLevel, messageId: 'suppression', message: `Unused satlint-${d.type} directive (no problems were reported from ${what})` }, d.range));
        }
      }
      for (const r of fileResources) {
        // A Pod or ReplicaSet copies its template's annotations: the controller's copy is the one
        // that suppresses (its findings speak for the instances) and the one to report on.
        if (instances.has(r)) continue;
        const { suppressions, suspicious } = annotationsOf(r);
        for (const s of suppressions) {
          if (expiredHits.has(s)) {
            messages.push(meta({ ruleId: null, severity: unusedLevel, messageId: 'suppression', message: `Suppression "${s.key}" expired on ${s.expires}: its findings are reported again`, resource: r.ref }, locateAnnotation(r, s.path)));
            continue;
          }
          const unused = s.rules.filter((id) => !s.used.has(id) && knownRules.has(id));
          for (const id of unused)
            messages.push(meta({ ruleId: null, severity: unusedLevel, messageId: 'suppression', message: `Unused suppression "${s.key}" (no problems were reported from "${id}")`, resource: r.ref }, locateAnnotation(r, s.path)));
        }
        for (const s of suspicious)
          messages.push(meta({ ruleId: null, severity: unusedLevel, messageId: 'suppression', message: `Annotation "${s.key}" suppresses nothing: ${s.suggestion}`, resource: r.ref }, locateAnnotation(r, s.path)));
      }
    }
  }

  messages.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const m of messages) {
    if (m.severity === 2) {
      errorCount++;
      if (m.fatal) fatalErrorCount++;
      if (m.fix) fixableErrorCount++;
    } else {
      warningCount++;
      if (m.fix) fixableWarningCount++;
    }
  }
  return { filePath: file.path, messages, suppressedMessages, errorCount, warningCount, fatalErrorCount, fixableErrorCount, fixableWarningCount, secrets: secretValuesOf(fileResources) };
}

/** A resource of a Helm test hook (`helm.sh/hook: test`, or the old `test-success`/`test-failure`). */
function isHelmTest(resource: Resource): boolean {
  const md = resource.object['metadata'];
  const ann = md !== null && typeof md === 'object' ? (md as Record<string, unknown>)['annotations'] : undefined;
  const hook = ann !== null && typeof ann === 'object' ? (ann as Record<string, unknown>)['helm.sh/hook'] : undefined;
  return typeof hook === 'string' && hook.split(',').some((h) => /^\s*test(-success|-failure)?\s*$/.test(h));
}

/** A position found for a JSON path inside a resource of a parsed file. */
export interface LocatedPath {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** False when only a parent of the path exists in this file (the position is of that parent). */
  exact: boolean;
}

/**
 * Where `path` (relative to the object) is in `file`, for the object of kind `kind` named `name`
 * (preferring `namespace` when several match): how a finding on rendered output is pointed back at
 * the kustomize base that declared the object. Undefined when the file holds no such object.
 */
export function locateInFile(file: ParsedFile, kind: string, name: string, namespace: string | undefined, path: JsonPath): LocatedPath | undefined {
  const candidates = resourcesOf(file).filter((r) => r.kind === kind && r.name === name);
  const resource = candidates.find((r) => r.namespace === namespace) ?? candidates[0];
  if (!resource || !hasPositions(resource.document)) return undefined;
  const full: JsonPath = [...resource.basePath, ...(path.length > 0 ? path : ['kind'])];
  const loc = locatePath(resource.document, full)!;
  const start = file.position(file.toSourceOffset(loc.range[0]));
  const end = file.position(file.toSourceOffset(loc.range[1]));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, exact: loc.depth >= full.length };
}
