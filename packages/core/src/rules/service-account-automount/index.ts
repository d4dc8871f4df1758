import { defineRule } from '../../rule.js';

export default defineRule<Record<string, never>, 'missing' | 'enabled'>({
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
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    for (const resource of ctx.resources) {
      if (resource.kind !== 'ServiceAccount' || resource.apiVersion !== 'v1') continue;
      const value = resource.object['automountServiceAccountToken'];
      if (value === false) continue;
      if (value === undefined) {
        ctx.report({ messageId: 'missing', resource, path: [], fix: (fixer) => fixer.insertPair(resource, [], 'automountServiceAccountToken', 'false', 'last') });
      } else {
        // true, or a value of the wrong type (valid-token-fields reports that); either way not disabled.
        ctx.report({ messageId: value === true ? 'enabled' : 'missing', resource, path: ['automountServiceAccountToken'] });
      }
    }
  },
});
