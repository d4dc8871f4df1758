import type { AuditSummary, LegacyTokenAudit, NamespaceAudit } from '../audit/index.js';
import { daysBetween, RECENT_USE_DAYS } from '../audit/index.js';
import type { LintResult } from '../types.js';

const COLUMNS: { head: string; value: (a: NamespaceAudit) => number }[] = [
  { head: 'all', value: (a) => a.pods },
  { head: 'token', value: (a) => a.podsWithToken },
  { head: 'no RBAC', value: (a) => a.podsWithTokenWithoutGrants },
  { head: 'all', value: (a) => a.workloads },
  { head: 'token', value: (a) => a.workloadsWithToken },
  { head: `≤${RECENT_USE_DAYS}d`, value: (a) => a.legacyTokens.recent },
  { head: 'unused', value: (a) => a.legacyTokens.unused },
  { head: 'invalid', value: (a) => a.legacyTokens.invalidated },
  { head: 'all', value: (a) => a.serviceAccounts.total },
  { head: 'secrets', value: (a) => a.serviceAccounts.secrets },
  { head: 'pods', value: (a) => a.serviceAccounts.podCreation },
  { head: 'mint', value: (a) => a.serviceAccounts.tokenMinting },
  { head: 'admin', value: (a) => a.serviceAccounts.clusterAdmin },
];
/** Column groups over COLUMNS: [title, number of columns]. */
const GROUPS: [string, number][] = [
  ['', 1],
  ['pods', 3],
  ['workloads', 2],
  ['legacy token Secrets', 3],
  ['service accounts', 5],
];

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd());
}

function legacyLine(t: LegacyTokenAudit, today: string): string {
  const ago = (d: string) => {
    const n = daysBetween(d, today);
    return n === 0 ? 'today' : n === 1 ? '1 day ago' : `${n} days ago`;
  };
  const state =
    t.state === 'invalidated'
      ? `invalidated on ${t.invalidSince}${t.lastUsed ? `, last used ${t.lastUsed}` : ''}: delete it`
      : t.lastUsed
        ? `last used ${t.lastUsed} (${ago(t.lastUsed)})${t.state === 'unused' ? `: unused for more than ${RECENT_USE_DAYS} days` : ''}`
        : 'no use recorded';
  const readers = t.consumers.length === 0 ? 'read by no workload in the input' : `read by ${t.consumers.map((c) => (c.pods > 0 ? `${c.workload} (${c.pods} pod${c.pods === 1 ? '' : 's'})` : c.workload)).join(', ')}`;
  return `  ${t.namespace}/${t.name}${t.serviceAccount ? ` (ServiceAccount ${t.serviceAccount})` : ''}: ${state}; ${readers}`;
}

/**
 * The guide's Step 4 audit as text: per namespace, pods and workloads holding an auto-mounted
 * token (and pods whose account no binding in the input grants anything), legacy token Secrets by
 * recorded use, and service accounts whose token reaches Secrets, pod creation, token minting or
 * cluster-admin; then every legacy token Secret with its readers, the accounts by capability, and
 * the findings count.
 */
export function summary(results: readonly LintResult[], audit: AuditSummary): string {
  const head1: string[] = [];
  for (const [title, n] of GROUPS) head1.push(title, ...Array.from({ length: n - 1 }, () => ''));
  const rows = [['namespace', ...COLUMNS.map((c) => c.head)], ...[...audit.namespaces, audit.total].map((a) => [a.namespace, ...COLUMNS.map((c) => String(c.value(a)))])];
  const body = table(rows);
  // The group titles sit over the first column of their group.
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  let groupLine = '';
  let col = 0;
  for (const [title, n] of GROUPS) {
    const span = widths.slice(col, col + n).reduce((s, w) => s + w, 0) + 2 * n;
    groupLine += col === 0 ? ' '.repeat(span) : title.padEnd(span);
    col += n;
  }
  let out = `Service-account token audit (${audit.today})\n\n${groupLine.trimEnd()}\n${body.join('\n')}\n`;
  out += `\npods/token: pods holding an auto-mounted API token; no RBAC: of those, pods whose service account no binding in the input grants anything.\n`;
  out += `workloads: top-level owners (a Deployment with its ReplicaSets and Pods is one); token: those whose pod template auto-mounts a token.\n`;
  out += `legacy token Secrets: used in the last ${RECENT_USE_DAYS} days, not (older use, or none recorded), invalidated by Kubernetes.\n`;
  out += `service accounts (defined in the input or run by its pods) that may read secrets, create pods or pod controllers, mint tokens (create serviceaccounts/token, impersonate), or do everything cluster-wide (admin: cluster-admin); Kubernetes' own bootstrap bindings are not counted.\n`;
  if (audit.legacyTokens.length > 0) {
    out += `\nLegacy token Secrets (${audit.legacyTokens.length}):\n`;
    for (const t of audit.legacyTokens) out += `${legacyLine(t, audit.today)}\n`;
  }
  const reach: [string, string[]][] = [
    ['read secrets', audit.reach.secrets],
    ['create pods', audit.reach.podCreation],
    ['mint tokens', audit.reach.tokenMinting],
    ['cluster-admin', audit.reach.clusterAdmin],
  ];
  if (reach.some(([, list]) => list.length > 0)) {
    out += '\nService accounts that may:\n';
    for (const [what, list] of reach) if (list.length > 0) out += `  ${what}: ${list.join(', ')}\n`;
  }
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  out += `\nFindings: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (satlint -f stylish lists them).\n`;
  return out;
}
