import { defineRule } from '../../rule.js';
import { eachPodSpec } from '../../model/index.js';
import { disableAutomountFix } from '../shared.js';
import type { AutomountSource } from '../../inventory/index.js';
import { apiUseOf, migrationSuggestion, MIGRATE_MESSAGE } from '../../fix/migration.js';

/** Options of `no-automount-token`. */
export interface NoAutomountTokenOptions {
  /** Accept a pod spec that sets `automountServiceAccountToken: true` itself. */
  allowExplicit: boolean;
}

/** Why admission mounted the token, for the `injected` message. */
const WHY: Record<AutomountSource, string> = {
  pod: 'the pod spec sets automountServiceAccountToken: true',
  serviceAccount: 'ServiceAccount {{serviceAccount}} sets automountServiceAccountToken: true',
  unset: 'neither the pod spec nor ServiceAccount {{serviceAccount}} sets automountServiceAccountToken',
  unknownServiceAccount: 'the pod spec does not set automountServiceAccountToken and ServiceAccount {{serviceAccount}} is not in the input',
  admission: 'ServiceAccount {{serviceAccount}} disables automount now, but did not when the pod was created',
  // Never reported (no token): listed for completeness.
  staticPod: 'it is a static pod',
  pathTaken: 'every container mounts something at the token path',
};

export default defineRule<NoAutomountTokenOptions, 'explicitTrue' | 'fromServiceAccount' | 'unset' | 'unknownAccount' | 'injected' | 'migrate'>({
  meta: {
    id: 'no-automount-token',
    description: 'Disallow pod specs that auto-mount a service account token',
    category: 'token-mounting',
    severity: 'error',
    recommended: true,
    fixable: true,
    hasSuggestions: true,
    securitySeverity: 7.5,
    messages: {
      explicitTrue:
        '{{resource}} sets automountServiceAccountToken: true, so every container gets a long-lived API token; mount a projected token with an audience and expiration instead, or record why it needs one with a suppression and a reason',
      fromServiceAccount:
        '{{resource}} mounts an API token because ServiceAccount {{serviceAccount}} sets automountServiceAccountToken: true; set automountServiceAccountToken: false in the pod spec',
      unset:
        '{{resource}} mounts an API token it never asked for: neither the pod spec nor ServiceAccount {{serviceAccount}} sets automountServiceAccountToken; set automountServiceAccountToken: false in the pod spec',
      unknownAccount:
        '{{resource}} mounts an API token it never asked for: the pod spec does not set automountServiceAccountToken and ServiceAccount {{serviceAccount}} is not in the input; set automountServiceAccountToken: false in the pod spec',
      injected:
        '{{resource}} holds an auto-mounted API token: the ServiceAccount admission plugin added volume {{volume}} when the pod was created ({{why}}); set automountServiceAccountToken: false in the pod template it came from, and the next pods get none',
      migrate: MIGRATE_MESSAGE,
    },
    remediation: 'Set automountServiceAccountToken: false in the pod spec, and mount a projected token with an audience and expiration where the workload calls the API server.',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { allowExplicit: { type: 'boolean', description: 'accept a pod spec that sets `automountServiceAccountToken: true` itself' } },
    },
    defaultOptions: { allowExplicit: false },
  },
  check(ctx) {
    for (const { resource, pod } of eachPodSpec(ctx.resources)) {
      const eff = ctx.inventory.effectiveAutomount(resource, pod, ctx.settings.unknownServiceAccount);
      if (!eff.mounted) continue;
      const serviceAccount = `${eff.serviceAccount.namespace}/${eff.serviceAccount.name}`;
      const reason = apiUseOf(ctx, resource, pod);
      const suggest = migrationSuggestion(ctx, resource, pod, reason);
      if (eff.injectedVolume !== undefined) {
        if (eff.source === 'pod' && ctx.options.allowExplicit) continue;
        const why = WHY[eff.source].replace('{{serviceAccount}}', serviceAccount);
        ctx.report({ messageId: 'injected', resource, path: pod.path, data: { serviceAccount, volume: eff.injectedVolume, why }, ...(reason ? {} : disableAutomountFix(resource, pod)) });
        continue;
      }
      if (eff.source === 'pod') {
        if (ctx.options.allowExplicit) continue;
        ctx.report({ messageId: 'explicitTrue', resource, path: [...pod.path, 'automountServiceAccountToken'], data: { serviceAccount }, suggest });
        continue;
      }
      // A pod spec that plausibly calls the API server keeps a token: it gets the migration, never the plain disable.
      ctx.report({
        messageId: eff.source === 'serviceAccount' ? 'fromServiceAccount' : eff.source === 'unset' ? 'unset' : 'unknownAccount',
        resource,
        path: pod.path,
        data: { serviceAccount },
        ...(reason ? {} : disableAutomountFix(resource, pod)),
        suggest,
      });
    }
  },
});
