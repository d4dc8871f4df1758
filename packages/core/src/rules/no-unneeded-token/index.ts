import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { eachPodSpec } from '../../model/index.js';
import { serviceAccountIdentity } from '../../rbac/index.js';
import { disableAutomountFix } from '../shared.js';
import { apiUseOf, migrationSuggestion, MIGRATE_MESSAGE } from '../../fix/migration.js';

export default defineRule<NoOptions, 'unneeded' | 'migrate'>({
  meta: {
    id: 'no-unneeded-token',
    description: 'Disallow auto-mounted tokens for service accounts that RBAC grants nothing',
    category: 'rbac',
    severity: 'warn',
    recommended: true,
    fixable: true,
    hasSuggestions: true,
    securitySeverity: 4.0,
    messages: {
      unneeded:
        '{{resource}} auto-mounts a token for ServiceAccount {{serviceAccount}}, which no RoleBinding or ClusterRoleBinding in the input grants anything although the input holds RBAC objects for namespace {{namespace}}; the token serves only an attacker, so set automountServiceAccountToken: false',
      migrate: MIGRATE_MESSAGE,
    },
    remediation: 'Set automountServiceAccountToken: false in the pod spec.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    const rbac = ctx.inventory.rbac;
    for (const { resource, pod } of eachPodSpec(ctx.resources)) {
      const eff = ctx.inventory.effectiveAutomount(resource, pod, ctx.settings.unknownServiceAccount);
      if (!eff.mounted) continue;
      const sa = eff.serviceAccount;
      if (!rbac.namespacesWithRbac.has(sa.namespace)) continue;
      // Any binding that reaches the account, through a group too, may be what the workload relies on.
      const bound = rbac.bindingsFor(serviceAccountIdentity(sa.namespace, sa.name)).some(({ binding }) => !binding.bootstrapping);
      if (bound) continue;
      const path = eff.source === 'pod' ? [...pod.path, 'automountServiceAccountToken'] : pod.path;
      // An in-cluster client seen in env or command line (or a controller's shape) may use what every account may do (discovery, group bindings outside the input).
      const reason = apiUseOf(ctx, resource, pod);
      ctx.report({
        messageId: 'unneeded',
        resource,
        path,
        data: { serviceAccount: `${sa.namespace}/${sa.name}`, namespace: sa.namespace },
        ...(reason ? {} : eff.source === 'pod' ? { fix: (fixer) => fixer.replaceValue(resource, [...pod.path, 'automountServiceAccountToken'], 'false') } : disableAutomountFix(resource, pod)),
        suggest: migrationSuggestion(ctx, resource, pod, reason),
      });
    }
  },
});
