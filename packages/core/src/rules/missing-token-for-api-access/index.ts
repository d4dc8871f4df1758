import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { eachPodSpec, describeResource, isStaticPod } from '../../model/index.js';
import { serviceAccountIdentity } from '../../rbac/index.js';
import { apiTokensOf } from '../shared.js';
import { migrationSuggestion, MIGRATE_MESSAGE } from '../../fix/migration.js';

export default defineRule<NoOptions, 'noToken' | 'migrate'>({
  meta: {
    id: 'missing-token-for-api-access',
    description: 'Require an API token for pods whose service account is granted permissions',
    category: 'rbac',
    severity: 'warn',
    recommended: true,
    fixable: false,
    hasSuggestions: true,
    securitySeverity: 1.0,
    messages: {
      noToken:
        '{{resource}} has no API token, yet ServiceAccount {{serviceAccount}} is granted permissions by {{binding}}, so the workload probably calls the API server and will get 401 errors; mount a projected serviceAccountToken volume with an audience and expiration',
      migrate: MIGRATE_MESSAGE,
    },
    remediation: 'Mount a projected serviceAccountToken volume (audience and expirationSeconds set) in the pods that call the API server, or remove the unused binding.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    const rbac = ctx.inventory.rbac;
    for (const { resource, pod } of eachPodSpec(ctx.resources)) {
      const tokens = apiTokensOf(ctx, resource, pod);
      if (tokens.any) continue;
      if (isStaticPod(resource, pod)) continue;
      const sa = tokens.automount.serviceAccount;
      // Only bindings that name this account: a group binding (system:authenticated…) says nothing about this workload.
      const direct = rbac
        .bindingsFor(serviceAccountIdentity(sa.namespace, sa.name))
        .find(({ binding, subject }) => !binding.bootstrapping && (subject.kind === 'ServiceAccount' || subject.kind === 'User') && rbac.roleOf(binding) !== undefined);
      if (!direct) continue;
      const binding = describeResource(direct.binding.resource);
      const path = tokens.automount.source === 'pod' ? [...pod.path, 'automountServiceAccountToken'] : pod.path;
      ctx.report({ messageId: 'noToken', resource, path, data: { serviceAccount: `${sa.namespace}/${sa.name}`, binding }, suggest: migrationSuggestion(ctx, resource, pod, null) });
    }
  },
});
