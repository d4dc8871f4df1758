import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { apiUseOf, podSpecsRunningAs } from '../../fix/migration.js';
import { serviceAccountIdentity } from '../../rbac/index.js';

export default defineRule<NoOptions, 'missing' | 'enabled'>({
  meta: {
    id: 'service-account-automount',
    description: 'Require ServiceAccounts to set automountServiceAccountToken: false',
    category: 'token-mounting',
    severity: 'warn',
    recommended: true,
    fixable: true,
    securitySeverity: 5.0,
    messages: {
      missing: '{{resource}} does not set automountServiceAccountToken, so every pod that runs as it gets an API token by default; set automountServiceAccountToken: false',
      enabled: '{{resource}} sets automountServiceAccountToken: true, so every pod that runs as it gets an API token by default; set it to false and mount projected tokens where needed',
    },
    remediation: 'Set automountServiceAccountToken: false on the ServiceAccount.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    for (const resource of ctx.resources) {
      if (resource.kind !== 'ServiceAccount' || resource.apiVersion !== 'v1') continue;
      const value = resource.object['automountServiceAccountToken'];
      if (value === false) continue;
      if (value === undefined) {
        // Disabling the account's token is safe only when nothing seen runs as it and calls the API
        // server: no binding grants it anything, and no pod spec that inherits its setting looks like an API client.
        const rbac = ctx.inventory.rbac;
        const granted = rbac.bindingsFor(serviceAccountIdentity(resource.namespace ?? 'default', resource.name)).some(({ binding }) => !binding.bootstrapping && rbac.roleOf(binding) !== undefined);
        const apiPod = podSpecsRunningAs(ctx, resource.namespace, resource.name).some(({ resource: r, pod }) => typeof pod.spec['automountServiceAccountToken'] !== 'boolean' && apiUseOf(ctx, r, pod) !== null);
        const safe = !granted && !apiPod;
        ctx.report({ messageId: 'missing', resource, path: [], ...(safe ? { fix: (fixer) => fixer.insertPair(resource, [], 'automountServiceAccountToken', 'false', 'last') } : {}) });
      } else {
        // true, or a value of the wrong type (valid-token-fields reports that); either way not disabled.
        ctx.report({ messageId: value === true ? 'enabled' : 'missing', resource, path: ['automountServiceAccountToken'] });
      }
    }
  },
});
