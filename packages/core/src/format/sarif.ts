import type { LintResult } from '../types.js';
import type { AnyRule, RuleMeta } from '../rule.js';
import { fingerprints } from './fingerprint.js';
import { relativeTo } from './paths.js';
import { shownRuleId } from './text.js';

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

/** Documentation of suppressions (the `satlint/suppressions` pseudo-rule). */
export const SUPPRESSIONS_URI = `${INFO_URI}/blob/main/README.md#suppressing-a-finding-with-a-reason`;

/** The descriptor of suppression bookkeeping (unused, expired or ignored suppressions), which no rule makes. */
const SUPPRESSIONS_RULE = {
  id: 'satlint/suppressions',
  name: 'SuppressionProblem',
  shortDescription: { text: 'Suppressions must apply to a finding, name real rules and be allowed by the configuration' },
  fullDescription: { text: 'Suppressions must apply to a finding, name real rules and be allowed by the configuration. Remove a suppression that no longer silences anything, renew or remove an expired one.' },
  helpUri: SUPPRESSIONS_URI,
  help: {
    text: `Remove the satlint-disable comment or suppression annotation that silences nothing, or renew an expired one after reviewing the finding again. See ${SUPPRESSIONS_URI}`,
    markdown: `Remove the \`satlint-disable\` comment or suppression annotation that silences nothing, or renew an expired one after reviewing the finding again.\n\n[Suppressing a finding](${SUPPRESSIONS_URI})`,
  },
  defaultConfiguration: { level: 'warning' },
  properties: { tags: ['kubernetes', 'suppressions'], precision: 'very-high', 'security-severity': '1.0' },
};

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
  return [...sarifParts(results, options)].join('');
}

/**
 * {@link sarif}'s text in parts: the run's head, then each result (made and serialised in its turn,
 * as JSON.stringify with two-space indentation writes it at its depth), then the tail, so that a
 * large report is written without being held whole.
 */
export function* sarifParts(results: readonly LintResult[], options: SarifOptions): Generator<string, void, undefined> {
  const rules: Record<string, unknown>[] = [...options.rules.map((r) => descriptor(r.meta)), SUPPRESSIONS_RULE];
  const index = new Map(rules.map((r, i) => [r['id'] as string, i]));
  const prints = fingerprints(results, options.cwd);
  const artifactFor = (filePath: string): Record<string, string> => {
    const rel = relativeTo(filePath, options.cwd);
    const inside = rel !== filePath.replace(/\\/g, '/') || !filePath.startsWith('/');
    return inside ? { uri: encodeURI(rel), uriBaseId: 'ROOT' } : { uri: fileUri(filePath) };
  };
  const run: Record<string, unknown> = {
    tool: { driver: { name: 'satlint', ...(options.version ? { version: options.version, semanticVersion: options.version } : {}), informationUri: INFO_URI, rules } },
    ...(options.cwd ? { originalUriBaseIds: { ROOT: { uri: `${fileUri(options.cwd.replace(/\/?$/, '/'))}` } } } : {}),
    results: RESULTS_HOLE,
    columnKind: 'utf16CodeUnits',
  };
  // The document with a marker for the results array, cut there (its items at depth 4: 8 spaces).
  const whole = `${JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2)}\n`;
  const marker = `"results": ${JSON.stringify(RESULTS_HOLE)}`;
  // The last: the run's own key comes after its rules.
  const at = whole.lastIndexOf(marker);
  const head = whole.slice(0, at + marker.length - JSON.stringify(RESULTS_HOLE).length);
  const tail = whole.slice(at + marker.length);
  const item = (r: Record<string, unknown>) => `${RESULTS_INDENT}${JSON.stringify(r, null, 2).replace(/\n/g, `\n${RESULTS_INDENT}`)}`;
  let first = true;
  for (const r of results) {
    const artifactLocation = artifactFor(r.filePath);
    for (const m of r.messages) {
      const ruleId = shownRuleId(m);
      const region: Record<string, number> = { startLine: m.line, startColumn: m.column };
      if (m.endLine !== undefined) region['endLine'] = m.endLine;
      if (m.endColumn !== undefined) region['endColumn'] = m.endColumn;
      // A zero-width region (a finding moved to a template line, a parse error at one offset)
      // shows as nothing on GitHub: it covers at least one character.
      if ((region['endLine'] ?? m.line) <= m.line && (region['endColumn'] ?? m.column) <= m.column) {
        region['endLine'] = m.line;
        region['endColumn'] = m.column + 1;
      }
      const properties: Record<string, unknown> = {};
      if (m.resource) properties['resource'] = m.resource;
      if (m.path) properties['path'] = m.path;
      if (m.origin) properties['origin'] = m.origin;
      const result = {
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
        // v2: the fingerprint includes the finding's substance (v1 did not).
        partialFingerprints: { 'satlint/v2': prints.get(m)! },
        ...(Object.keys(properties).length > 0 ? { properties } : {}),
      };
      yield `${first ? `${head}[\n` : ',\n'}${item(result)}`;
      first = false;
    }
  }
  // No result: the array as JSON.stringify writes an empty one.
  yield first ? `${head}[]${tail}` : `\n${RESULTS_INDENT.slice(2)}]${tail}`;
}

/** The run's `results` while its head and tail are serialised (no other key of a run is `results`). */
const RESULTS_HOLE = 'satlint:results';
const RESULTS_INDENT = ' '.repeat(8);
