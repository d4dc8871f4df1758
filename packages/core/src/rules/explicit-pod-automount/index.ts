import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { eachPodSpec } from '../../model/index.js';
import { disableAutomountFix } from '../shared.js';

export default defineRule<NoOptions, 'missing'>({
  meta: {
    id: 'explicit-pod-automount',
    description: 'Require pod specs to disable token auto-mounting themselves when their service account does',
    category: 'token-mounting',
    severity: 'warn',
    recommended: true,
    fixable: true,
    securitySeverity: 4.0,
    messages: {
      missing:
        '{{resource}} relies on ServiceAccount {{serviceAccount}} to disable token auto-mounting; set automountServiceAccountToken: false in the pod spec too, so the pod stays token-free if the account changes',
    },
    remediation: 'Set automountServiceAccountToken: false in the pod spec as well as on the ServiceAccount.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    for (const { resource, pod } of eachPodSpec(ctx.resources)) {
      const eff = ctx.inventory.effectiveAutomount(resource, pod, ctx.settings.unknownServiceAccount);
      if (eff.source !== 'serviceAccount' || eff.mounted) continue;
      ctx.report({
        messageId: 'missing',
        resource,
        path: pod.path,
        data: { serviceAccount: `${eff.serviceAccount.namespace}/${eff.serviceAccount.name}` },
        ...disableAutomountFix(resource, pod),
      });
    }
  },
});
