import { defineRule } from '../../rule.js';
import { eachPodSpec, serviceAccountOf, isStaticPod } from '../../model/index.js';

/** Options of `service-account-exists`. */
export interface ServiceAccountExistsOptions {
  /** Report a missing account even when the input has no ServiceAccount in that namespace. */
  requireDefined: boolean;
}

export default defineRule<ServiceAccountExistsOptions, 'missing' | 'notDefined'>({
  meta: {
    id: 'service-account-exists',
    description: 'Require the service account a pod spec names to be defined',
    category: 'service-accounts',
    severity: 'warn',
    recommended: true,
    fixable: false,
    securitySeverity: 3.0,
    messages: {
      missing:
        '{{resource}} runs as ServiceAccount {{serviceAccount}}, which the input does not define although it defines other ServiceAccounts in namespace {{namespace}} ({{known}}), so the pod will not be admitted; add the ServiceAccount or correct the name',
      notDefined:
        '{{resource}} runs as ServiceAccount {{serviceAccount}}, which the input does not define; add the ServiceAccount to the manifests or correct the name',
    },
    remediation: 'Define the ServiceAccount next to the workload (with automountServiceAccountToken: false), or correct serviceAccountName.',
    schema: { type: 'object', additionalProperties: false, properties: { requireDefined: { type: 'boolean', description: 'report even when the namespace has no ServiceAccount in the input' } } },
    defaultOptions: { requireDefined: false },
  },
  check(ctx) {
    for (const { resource, pod } of eachPodSpec(ctx.resources)) {
      const sa = serviceAccountOf(resource, pod);
      if (sa.source === 'default' || sa.name === 'default') continue;
      if (isStaticPod(resource, pod)) continue;
      if (ctx.inventory.serviceAccount(sa.namespace, sa.name)) continue;
      const data = { serviceAccount: `${sa.namespace}/${sa.name}`, namespace: sa.namespace };
      const path = [...pod.path, sa.source];
      if (ctx.inventory.hasServiceAccountsIn(sa.namespace)) {
        const known = ctx.inventory.serviceAccountNamesIn(sa.namespace);
        ctx.report({ messageId: 'missing', resource, path, substance: [`serviceAccount=${data.serviceAccount}`], data: { ...data, known: known.length > 3 ? `${known.slice(0, 3).join(', ')}, …` : known.join(', ') } });
      } else if (ctx.options.requireDefined) {
        ctx.report({ messageId: 'notDefined', resource, path, data });
      }
    }
  },
});
