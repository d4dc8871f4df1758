import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { eachPodSpec } from '../../model/index.js';

export default defineRule<NoOptions, 'deprecatedOnly' | 'conflicting'>({
  meta: {
    id: 'no-deprecated-service-account-field',
    description: 'Disallow the deprecated serviceAccount field in pod specs',
    category: 'service-accounts',
    severity: 'warn',
    recommended: true,
    fixable: true,
    securitySeverity: 3.0,
    messages: {
      deprecatedOnly: '{{resource}} names its service account with the deprecated serviceAccount field; rename it to serviceAccountName',
      conflicting:
        '{{resource}} sets serviceAccount: {{deprecated}} and serviceAccountName: {{current}}; the API server runs the pod as {{current}}, so a reviewer reading serviceAccount sees the wrong identity: remove serviceAccount',
    },
    remediation: 'Use serviceAccountName and remove the deprecated serviceAccount field.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    for (const { resource, pod } of eachPodSpec(ctx.resources)) {
      const deprecated = pod.spec['serviceAccount'];
      if (typeof deprecated !== 'string' || deprecated === '') continue;
      const current = pod.spec['serviceAccountName'];
      const path = [...pod.path, 'serviceAccount'];
      if (current === undefined || current === '') {
        ctx.report({
          messageId: 'deprecatedOnly',
          resource,
          path,
          ...(current === undefined ? { fix: (fixer) => fixer.renameKey(resource, path, 'serviceAccountName') } : {}),
        });
      } else if (current !== deprecated) {
        ctx.report({ messageId: 'conflicting', resource, path, data: { deprecated, current: String(current) } });
      }
    }
  },
});
