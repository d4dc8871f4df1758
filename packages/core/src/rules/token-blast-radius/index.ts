import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { eachPodSpec } from '../../model/index.js';
import { describeGrant, serviceAccountIdentity } from '../../rbac/index.js';
import { dangerousPhrases, isCsrApprovalHalf } from '../../rbac/danger.js';
import { apiTokensOf } from '../shared.js';
import type { AttackGrant, AttackPath, PathObject } from '../../types.js';

function pathObject(o: { kind: string; name: string; namespace?: string | undefined }): PathObject {
  return { kind: o.kind, name: o.name, ...(o.namespace !== undefined ? { namespace: o.namespace } : {}) };
}
import { migrationSuggestion, MIGRATE_MESSAGE } from '../../fix/migration.js';

export default defineRule<NoOptions, 'dangerous' | 'migrate'>({
  meta: {
    id: 'token-blast-radius',
    description: 'Disallow API tokens in pods whose service account may escalate through RBAC',
    category: 'rbac',
    severity: 'error',
    recommended: true,
    fixable: false,
    hasSuggestions: true,
    securitySeverity: 9.0,
    messages: {
      dangerous:
        '{{resource}} holds an API token while ServiceAccount {{serviceAccount}} may escalate through RBAC: {{permissions}}; whoever reads the token gets that access, so narrow the role or stop giving this pod the token',
      migrate: MIGRATE_MESSAGE,
    },
    remediation: 'Remove the dangerous permissions from the service account\'s roles, or give the workload no API token if it does not need one.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    const rbac = ctx.inventory.rbac;
    const cache = new Map<string, { permissions: string[]; path: AttackPath; substance: string[] }>();
    for (const { resource, pod } of eachPodSpec(ctx.resources)) {
      const tokens = apiTokensOf(ctx, resource, pod);
      if (!tokens.any) continue;
      const sa = tokens.automount.serviceAccount;
      const key = `${sa.namespace}/${sa.name}`;
      let entry = cache.get(key);
      if (!entry) {
        const permissions: string[] = [];
        const grants: AttackGrant[] = [];
        const substance = new Set<string>();
        const found = rbac.grantsFor(serviceAccountIdentity(sa.namespace, sa.name)).map((g) => ({ g, phrases: dangerousPhrases(g) }));
        // Half of a certificate approval (CSR_APPROVAL) counts only when the account holds both halves.
        const all = found.flatMap((f) => f.phrases);
        const approves = all.some((p) => isCsrApprovalHalf(p, 'approval')) && all.some((p) => isCsrApprovalHalf(p, 'signer'));
        for (const { g, phrases: raw } of found) {
          const phrases = approves ? raw : raw.filter((p) => !isCsrApprovalHalf(p, 'approval') && !isCsrApprovalHalf(p, 'signer'));
          if (phrases.length === 0) continue;
          const where = g.namespace === undefined ? 'in all namespaces' : `in namespace ${g.namespace}`;
          const text = `${phrases.join(', ')} ${where} (${describeGrant(g)})`;
          // Several bundles in one run may define the same binding and role: say it once.
          if (permissions.includes(text)) continue;
          permissions.push(text);
          for (const p of phrases) substance.add(`${p} ${where}`);
          grants.push({
            binding: pathObject(g.binding),
            role: { ...pathObject(g.role), ...(g.role.builtin ? { builtin: true as const } : {}) },
            ...(g.source !== g.role ? { source: pathObject(g.source) } : {}),
            rule: g.ruleIndex,
            ...(g.namespace !== undefined ? { namespace: g.namespace } : {}),
            permissions: phrases,
          });
        }
        // The finding's substance: every dangerous permission and where it holds (not which binding grants it).
        cache.set(key, (entry = { permissions, path: { serviceAccount: { namespace: sa.namespace, name: sa.name }, grants }, substance: [...substance].sort() }));
      }
      const { permissions } = entry;
      if (permissions.length === 0) continue;
      const path = sa.source === 'default' ? pod.path : [...pod.path, sa.source];
      // The token part: an auto-mounted token (valid up to a year) becomes a one-hour bound one.
      const suggest = tokens.automount.mounted ? migrationSuggestion(ctx, resource, pod, null) : [];
      ctx.report({ messageId: 'dangerous', resource, path, substance: entry.substance, data: { serviceAccount: key, permissions: permissions.length > 5 ? `${permissions.slice(0, 5).join('; ')}; and ${permissions.length - 5} more` : permissions.join('; ') }, attackPath: entry.path, suggest });
    }
  },
});
