import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';

export default defineRule<NoOptions, 'secretRefs'>({
  meta: {
    id: 'no-service-account-secret-refs',
    description: 'Disallow ServiceAccounts that list token Secrets in secrets',
    category: 'legacy-tokens',
    severity: 'warn',
    recommended: true,
    fixable: true,
    securitySeverity: 4.0,
    messages: {
      secretRefs:
        '{{resource}} lists {{count}} Secret(s) in secrets, the legacy mechanism for long-lived token Secrets (ignored for token generation since Kubernetes 1.24); remove the list and request short-lived tokens instead',
    },
    remediation: 'Remove the secrets list from the ServiceAccount (keep imagePullSecrets).',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    for (const resource of ctx.resources) {
      if (resource.kind !== 'ServiceAccount' || resource.apiVersion !== 'v1') continue;
      const secrets = resource.object['secrets'];
      if (!Array.isArray(secrets) || secrets.length === 0) continue;
      ctx.report({
        messageId: 'secretRefs',
        resource,
        path: ['secrets'],
        data: { count: secrets.length },
        fix: (fixer) => fixer.removePair(resource, ['secrets']),
      });
    }
  },
});
