import { defineRule } from '../../rule.js';
import { eachPodSpec, serviceAccountOf, isStaticPod } from '../../model/index.js';
import { apiTokensOf } from '../shared.js';
import { dedicatedAccountSuggestion, DEDICATED_ACCOUNT_MESSAGE } from '../../fix/dedicated-account.js';

/** Options of `no-default-service-account`. */
export interface NoDefaultServiceAccountOptions {
  /** Also report pod specs that run as `default` without any API token. */
  evenWithoutToken: boolean;
}

export default defineRule<NoDefaultServiceAccountOptions, 'namedWithToken' | 'omittedWithToken' | 'named' | 'omitted' | 'dedicatedAccount'>({
  meta: {
    id: 'no-default-service-account',
    description: 'Disallow pod specs that run as the default service account',
    category: 'service-accounts',
    severity: 'warn',
    recommended: true,
    fixable: false,
    hasSuggestions: true,
    securitySeverity: 5.5,
    messages: {
      namedWithToken:
        '{{resource}} runs as the default service account of namespace {{namespace}} and holds an API token, sharing one identity (and everything bound to it) with every pod in the namespace; create a ServiceAccount for this workload and set serviceAccountName',
      omittedWithToken:
        '{{resource}} sets no serviceAccountName, so it runs as the default service account of namespace {{namespace}} and holds an API token shared with every pod in the namespace; create a ServiceAccount for this workload and set serviceAccountName',
      named:
        '{{resource}} runs as the default service account of namespace {{namespace}}; create a ServiceAccount for this workload and set serviceAccountName',
      omitted:
        '{{resource}} sets no serviceAccountName, so it runs as the default service account of namespace {{namespace}}; create a ServiceAccount for this workload and set serviceAccountName',
      dedicatedAccount: DEDICATED_ACCOUNT_MESSAGE,
    },
    remediation: 'Create a ServiceAccount per workload (with automountServiceAccountToken: false) and set serviceAccountName in the pod spec.',
    schema: { type: 'object', additionalProperties: false, properties: { evenWithoutToken: { type: 'boolean', description: 'also report pods that run as `default` without an API token' } } },
    defaultOptions: { evenWithoutToken: false },
    strictOptions: { evenWithoutToken: true },
  },
  check(ctx) {
    for (const { resource, pod } of eachPodSpec(ctx.resources)) {
      const sa = serviceAccountOf(resource, pod);
      if (sa.name !== 'default') continue;
      if (isStaticPod(resource, pod)) continue;
      const hasToken = apiTokensOf(ctx, resource, pod).any;
      if (!hasToken && !ctx.options.evenWithoutToken) continue;
      const data = { namespace: sa.namespace };
      const suggest = dedicatedAccountSuggestion(ctx, resource, pod);
      if (sa.source === 'default') {
        ctx.report({ messageId: hasToken ? 'omittedWithToken' : 'omitted', resource, path: pod.path, data, suggest });
      } else {
        ctx.report({ messageId: hasToken ? 'namedWithToken' : 'named', resource, path: [...pod.path, sa.source], data, suggest });
      }
    }
  },
});
