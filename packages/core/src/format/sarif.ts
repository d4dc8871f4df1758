import type { LintMessage, LintResult } from '../types.js';
import type { AnyRule, RuleMeta } from '../rule.js';
import { fingerprints } from './fingerprint.js';
import { relativeTo } from './paths.js';

/** Options of the SARIF formatter. */
export interface SarifOptions {
  /** Repository root: file URIs are relative to it (`uriBaseId: ROOT`). */
  cwd?: string;
  /** Rule metadata for `tool.driver.rules` (the registry plus any plugin rules). */
  rules: readonly AnyRule[];
  /** satlint's version, for `tool.driver.version`. */
  version?: string;
}

const INFO_URI = 'https://github.com/satlint/satlint';
/** GitHub code scanning's limit on `relatedLocations` per result. */
const MAX_RELATED_LOCATIONS = 1000;

/** Descriptors for findings that no rule makes (parse problems, suppression bookkeeping). */
const PSEUDO_RULES = [
  { id: 'satlint/parse', name: 'ManifestCannotBeRead', text: 'Manifests must be valid YAML or JSON that satlint can read', severity: 5.0 },
  { id: 'satlint/suppressions', name: 'SuppressionProblem', text: 'Suppressions must apply to a finding, name real rules and be allowed by the configuration', severity: 1.0 },
] as const;

function pseudoRuleId(m: LintMessage): string {
  return m.messageId === 'suppression' ? 'satlint/suppressions' : 'satlint/parse';
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

function descriptor(meta: Readonly<RuleMeta<object, string>>): Record<string, unknown> {
  return {
    id: meta.id,
    name: pascal(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: `${meta.description}. ${meta.remediation}` },
    helpUri: meta.docsUrl,
    help: { text: `${meta.remediation} See ${meta.docsUrl}`, markdown: `${meta.remediation}\n\n[Rule documentation](${meta.docsUrl})` },
    defaultConfiguration: { level: meta.recommended ? (meta.severity === 'error' ? 'error' : 'warning') : 'none' },
    properties: { tags: ['security', 'kubernetes', meta.category], precision: 'high', 'security-severity': meta.securitySeverity.toFixed(1) },
  };
}

function fileUri(path: string): string {
  const p = path.replace(/\\/g, '/');
  const abs = p.startsWith('/') ? p : `/${p}`;
  return `file://${encodeURI(abs)}`;
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, rules from the registry with help and
 * `security-severity`, one result per finding with a repository-relative location and a region,
 * and `partialFingerprints` that do not change when lines move.
 */
export function sarif(results: readonly LintResult[], options: SarifOptions): string {
  const rules = [...options.rules.map((r) => descriptor(r.meta)), ...PSEUDO_RULES.map((p) => ({
    id: p.id,
    name: p.name,
    shortDescription: { text: p.text },
    fullDescription: { text: p.text },
    helpUri: INFO_URI,
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['kubernetes'], precision: 'very-high', 'security-severity': p.severity.toFixed(1) },
  }))];
  const index = new Map(rules.map((r, i) => [r['id'] as string, i]));
  const prints = fingerprints(results, options.cwd);
  const out: Record<string, unknown>[] = [];
  const artifactFor = (filePath: string): Record<string, string> => {
    const rel = relativeTo(filePath, options.cwd);
    const inside = rel !== filePath.replace(/\\/g, '/') || !filePath.startsWith('/');
    return inside ? { uri: encodeURI(rel), uriBaseId: 'ROOT' } : { uri: fileUri(filePath) };
  };
  for (const r of results) {
    const artifactLocation = artifactFor(r.filePath);
    for (const m of r.messages) {
      const ruleId = m.ruleId ?? pseudoRuleId(m);
      const region: Record<string, number> = { startLine: m.line, startColumn: m.column };
      if (m.endLine !== undefined) region['endLine'] = m.endLine;
      if (m.endColumn !== undefined) region['endColumn'] = m.endColumn;
      const properties: Record<string, unknown> = {};
      if (m.resource) properties['resource'] = m.resource;
      if (m.path) properties['path'] = m.path;
      if (m.origin) properties['origin'] = m.origin;
      out.push({
        ruleId,
        ...(index.has(ruleId) ? { ruleIndex: index.get(ruleId) } : {}),
        level: m.severity === 2 ? 'error' : 'warning',
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation, region } }],
        ...(m.relatedLocations && m.relatedLocations.length > 0
          ? {
              // The live instances of the finding (a Deployment's ReplicaSets and Pods), capped at
              // the 1,000 related locations GitHub code scanning accepts per result.
              relatedLocations: m.relatedLocations.slice(0, MAX_RELATED_LOCATIONS).map((l, id) => ({
                id,
                physicalLocation: { artifactLocation: artifactFor(l.filePath), region: { startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: l.endColumn } },
                message: { text: l.message },
              })),
            }
          : {}),
        partialFingerprints: { 'satlint/v1': prints.get(m)! },
        ...(Object.keys(properties).length > 0 ? { properties } : {}),
      });
    }
  }
  const run: Record<string, unknown> = {
    tool: { driver: { name: 'satlint', ...(options.version ? { version: options.version, semanticVersion: options.version } : {}), informationUri: INFO_URI, rules } },
    ...(options.cwd ? { originalUriBaseIds: { ROOT: { uri: `${fileUri(options.cwd.replace(/\/?$/, '/'))}` } } } : {}),
    results: out,
    columnKind: 'utf16CodeUnits',
  };
  return `${JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2)}\n`;
}
