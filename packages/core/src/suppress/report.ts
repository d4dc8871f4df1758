import type { LintMessage, ParsedFile, Resource, SeverityLevel } from '../types.js';
import { rangeInResource } from '../findings/locate.js';
import type { Suppressed } from './apply.js';

/**
 * The message ids of suppression bookkeeping (messages with `ruleId: null`, shown under
 * `satlint/suppressions`), one per kind of problem.
 */
export const SUPPRESSION_MESSAGE_IDS = {
  /** A comment or annotation that silenced nothing. */
  unused: 'unused-suppression',
  /** An annotation whose `expires` date has passed: its findings are reported again. */
  expired: 'expired-suppression',
  /** An annotation that looks like a satlint suppression but is none (a misspelt key, unknown rule names). */
  misspelled: 'misspelled-suppression',
  /** A comment or annotation the configuration does not honour (`allowInlineSuppressions: false`). */
  notHonoured: 'suppression-not-honoured',
} as const;

const IDS: ReadonlySet<string> = new Set(Object.values(SUPPRESSION_MESSAGE_IDS));

/** Whether a message is suppression bookkeeping rather than a rule's finding or a parse error. */
export function isSuppressionMessage(m: Pick<LintMessage, 'ruleId' | 'messageId'>): boolean {
  return m.ruleId === null && m.messageId !== undefined && IDS.has(m.messageId);
}

/**
 * Reports on the suppressions of one file after the suppress stage: unused, expired and misspelt
 * ones, or (when the configuration refuses in-manifest suppressions) each one that is not honoured.
 * `instances` are resources controlled by another resource of the run (a Pod of a Deployment): they
 * copy their template's annotations, and the controller's copy is the one reported on.
 */
export function suppressionReports(file: ParsedFile, s: Suppressed, fileResources: readonly Resource[], level: SeverityLevel, knownRules: ReadonlySet<string>, instances: ReadonlySet<Resource>): LintMessage[] {
  const out: LintMessage[] = [];
  const push = (messageId: string, message: string, range: [number, number], resource?: Resource) => {
    const a = file.position(range[0]);
    const b = file.position(range[1]);
    out.push({ ruleId: null, severity: level, messageId, message, ...(resource ? { resource: resource.ref } : {}), line: a.line, column: a.column, endLine: b.line, endColumn: b.column });
  };
  const ids = SUPPRESSION_MESSAGE_IDS;
  if (!s.allowInline) {
    for (const d of s.directives) push(ids.notHonoured, 'satlint-disable comments are not honoured: the configuration sets allowInlineSuppressions: false', d.range);
    for (const r of fileResources) for (const a of s.annotationsOf(r).suppressions) push(ids.notHonoured, `Annotation "${a.key}" is not honoured: the configuration sets allowInlineSuppressions: false`, rangeInResource(r, a.path), r);
    return out;
  }
  for (const d of s.directives) {
    if (d.type === 'enable') continue;
    const unused = d.rules.length === 0 ? (d.used.size === 0 ? ['*'] : []) : d.rules.filter((r) => !d.used.has(r));
    for (const r of unused) push(ids.unused, `Unused satlint-${d.type} directive (no problems were reported from ${r === '*' ? 'any rule' : `"${r}"`})`, d.range);
  }
  for (const r of fileResources) {
    if (instances.has(r)) continue;
    const { suppressions, suspicious } = s.annotationsOf(r);
    for (const a of suppressions) {
      if (s.expired.has(a)) {
        push(ids.expired, `Suppression "${a.key}" expired on ${a.expires}: its findings are reported again`, rangeInResource(r, a.path), r);
        continue;
      }
      for (const id of a.rules.filter((x) => !a.used.has(x) && knownRules.has(x))) push(ids.unused, `Unused suppression "${a.key}" (no problems were reported from "${id}")`, rangeInResource(r, a.path), r);
    }
    for (const a of suspicious) push(ids.misspelled, `Annotation "${a.key}" suppresses nothing: ${a.suggestion}`, rangeInResource(r, a.path), r);
  }
  return out;
}
