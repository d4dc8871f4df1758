import type { AnyRule, ReportDescriptor, RuleContext, RuleSettings } from '../rule.js';
import type { ParsedFile, Resource, SeverityLevel, SeverityName } from '../types.js';
import type { Inventory } from '../inventory/index.js';
import type { EffectiveRule, ResolvedConfig } from '../config/index.js';
import { buildFinding } from '../findings/build.js';
import type { Finding } from '../findings/types.js';

const SEVERITY: Record<SeverityName, SeverityLevel | 0> = { off: 0, warn: 1, error: 2 };

/** The numeric level of a severity name (`off` is 0). */
export function severityLevel(name: SeverityName): SeverityLevel | 0 {
  return SEVERITY[name];
}

/** What the rules stage runs over: the reported files and resources, the run's inventory and settings. */
export interface RuleRun {
  files: readonly ParsedFile[];
  resources: readonly Resource[];
  inventory: Inventory;
  settings: RuleSettings;
  config: ResolvedConfig;
  /** Each reported file's path relative to the config's directory (what override globs match). */
  relativePath: ReadonlyMap<ParsedFile, string>;
}

/**
 * The rules stage: each rule checks the files and resources it is on for (by overrides: per file
 * glob and namespace), once per distinct options object, and its reports become findings at the
 * severity that applies where they point.
 */
export function runRules(rules: readonly AnyRule[], run: RuleRun): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const uniform = run.config.uniformRule(rule.meta.id);
    for (const g of uniform ? uniformGroup(uniform, run) : groupsFor(rule.meta.id, run)) {
      const ctx: RuleContext = {
        options: g.options,
        resources: g.resources,
        files: g.files,
        inventory: run.inventory,
        settings: run.settings,
        report: (d: ReportDescriptor) => {
          const file = d.resource?.file ?? d.file;
          if (!file) throw new Error(`Rule ${rule.meta.id} reported without a resource or file`);
          const severity = SEVERITY[(uniform ?? run.config.ruleFor(rule.meta.id, run.relativePath.get(file) ?? file.path, d.resource?.namespace)).severity];
          if (severity !== 0) findings.push(buildFinding(rule, d, severity));
        },
      };
      rule.check(ctx);
    }
  }
  return findings;
}

interface Group {
  options: Record<string, unknown>;
  resources: readonly Resource[];
  files: readonly ParsedFile[];
}

/** A rule no override names: on (or off) for every file and resource of the run, with one options object. */
function uniformGroup(eff: EffectiveRule, run: RuleRun): Group[] {
  return eff.severity === 'off' ? [] : [{ options: eff.options, resources: run.resources, files: run.files }];
}

/** The files and resources a rule is on for, grouped by the options that apply to them. */
function groupsFor(id: string, run: RuleRun): Iterable<Group> {
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
  for (const f of run.files) {
    const eff = run.config.ruleFor(id, run.relativePath.get(f)!, undefined);
    if (eff.severity !== 'off') group(eff.options).files.push(f);
  }
  for (const r of run.resources) {
    const eff = run.config.ruleFor(id, run.relativePath.get(r.file)!, r.namespace);
    if (eff.severity !== 'off') group(eff.options).resources.push(r);
  }
  return groups.values();
}
