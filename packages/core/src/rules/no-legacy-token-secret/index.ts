import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { isRecord } from '../../path.js';
import { LEGACY_TOKEN_SECRET_ANNOTATION as SA_ANNOTATION, LEGACY_TOKEN_SECRET_TYPE as TOKEN_TYPE, listForMessage } from '../shared.js';
import { consumersOf, legacyTokenUse } from '../../audit/index.js';
import { isLive } from '../../model/index.js';
import type { Inventory } from '../../inventory/index.js';
import type { Resource } from '../../types.js';
import { createTokenCommand } from '../../fix/token-request.js';

/**
 * What replaces the Secret, in the guide's words (Step 3): the exact `kubectl create token` for
 * the account the token is for, when the Secret names it.
 */
function replacement(namespace: string, serviceAccount: unknown, audience: string): string {
  if (typeof serviceAccount !== 'string' || serviceAccount === '') return 'delete it and use kubectl create token or a projected token volume';
  return `replace it with a TokenRequest (a projected token volume for a pod, \`${createTokenCommand(namespace, serviceAccount, audience)}\` for a consumer outside the cluster) and delete it`;
}

/**
 * What the cluster recorded about the token and who in the input reads it, for the message:
 * `, last used on 2026-11-30, and read by Deployment ci/runner (2 pods)`. Empty for a plain
 * manifest that nothing reads.
 */
function usage(inventory: Inventory, secret: Resource): string {
  const use = legacyTokenUse(secret);
  const parts: string[] = [];
  if (use.invalidSince) parts.push(`already invalidated by Kubernetes on ${use.invalidSince}${use.lastUsed ? ` (last used on ${use.lastUsed})` : ''}`);
  else if (use.lastUsed) parts.push(`last used on ${use.lastUsed}`);
  else if (isLive(secret)) parts.push(`with no use recorded (Kubernetes 1.28 and later label the day a legacy token was last used)`);
  const consumers = consumersOf(inventory, secret.namespace ?? '', secret.name);
  if (consumers.length > 0) parts.push(`still read by ${listForMessage(consumers.map((c) => (c.pods > 0 ? `${c.workload} (${c.pods} pod${c.pods === 1 ? '' : 's'})` : c.workload)))}`);
  else if (isLive(secret)) parts.push('read by no workload in the input');
  return parts.length === 0 ? '' : `, ${parts.join(', and ')}`;
}

export default defineRule<NoOptions, 'tokenType' | 'annotated'>({
  meta: {
    id: 'no-legacy-token-secret',
    description: 'Disallow long-lived service account token Secrets',
    category: 'legacy-tokens',
    severity: 'error',
    recommended: true,
    fixable: false,
    securitySeverity: 8.0,
    messages: {
      tokenType: '{{resource}} is a legacy service account token Secret (type {{type}}) whose token never expires{{usage}}; {{replacement}}',
      annotated: '{{resource}} is bound to ServiceAccount {{serviceAccount}} through the {{annotation}} annotation and holds a token that never expires{{usage}}; {{replacement}}',
    },
    remediation: 'Delete the Secret; request short-lived tokens with the TokenRequest API (kubectl create token) or a projected serviceAccountToken volume.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    for (const resource of ctx.resources) {
      if (resource.kind !== 'Secret' || resource.apiVersion !== 'v1') continue;
      if (resource.object['type'] === TOKEN_TYPE) {
        const md = resource.object['metadata'];
        const sa = isRecord(md) && isRecord(md['annotations']) ? md['annotations'][SA_ANNOTATION] : undefined;
        // Substance: what the Secret is, not what the cluster last recorded about it (usage) nor the advice.
        ctx.report({ messageId: 'tokenType', resource, path: ['type'], substance: [`type=${TOKEN_TYPE}`, `serviceAccount=${String(sa ?? '')}`], data: { type: TOKEN_TYPE, usage: usage(ctx.inventory, resource), replacement: replacement(resource.namespace ?? ctx.settings.defaultNamespace, sa, ctx.settings.migrationAudience) } });
        continue;
      }
      const md = resource.object['metadata'];
      const ann = isRecord(md) && isRecord(md['annotations']) ? md['annotations'] : {};
      if (Object.prototype.hasOwnProperty.call(ann, SA_ANNOTATION)) {
        ctx.report({
          messageId: 'annotated',
          resource,
          path: ['metadata', 'annotations', SA_ANNOTATION],
          substance: [`serviceAccount=${String(ann[SA_ANNOTATION])}`],
          data: { serviceAccount: String(ann[SA_ANNOTATION]), annotation: SA_ANNOTATION, usage: usage(ctx.inventory, resource), replacement: replacement(resource.namespace ?? ctx.settings.defaultNamespace, ann[SA_ANNOTATION], ctx.settings.migrationAudience) },
        });
      }
    }
  },
});
