import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { eachPodSpec } from '../../model/index.js';
import { GENERATED_TOKEN_SECRET_NAME, LEGACY_TOKEN_SECRET_ANNOTATION, isLegacyTokenSecret, secretReferencesOf } from '../shared.js';
import { getAt } from '../../path.js';
import { TOKEN_REQUEST_MESSAGE, tokenRequestSuggestion } from '../../fix/token-request.js';
import type { Resource } from '../../types.js';

type MessageIds = 'knownSecret' | 'generatedName' | 'tokenRequest';

/** The ServiceAccount a legacy token Secret's token is for: its annotation, else the auto-generated name's prefix. */
function tokenAccountOf(known: Resource | undefined, name: string): string | undefined {
  if (known) {
    const a = getAt(known.object, ['metadata', 'annotations', LEGACY_TOKEN_SECRET_ANNOTATION]);
    return typeof a === 'string' ? a : undefined;
  }
  return name.slice(0, name.lastIndexOf('-token-'));
}

export default defineRule<NoOptions, MessageIds>({
  meta: {
    id: 'no-legacy-token-mount',
    description: 'Disallow pod specs that consume long-lived service account token Secrets',
    category: 'legacy-tokens',
    severity: 'error',
    recommended: true,
    fixable: false,
    hasSuggestions: true,
    securitySeverity: 8.0,
    messages: {
      knownSecret:
        '{{resource}} reads legacy token Secret {{secret}} through {{how}}; that token never expires, so mount a projected serviceAccountToken volume with an audience and expiration instead',
      generatedName:
        '{{resource}} reads Secret {{secret}} through {{how}}, and the name has the shape of an auto-generated legacy token Secret (<service-account>-token-<5 chars>) whose token never expires; mount a projected serviceAccountToken volume instead',
      tokenRequest: TOKEN_REQUEST_MESSAGE,
    },
    remediation: 'Replace the legacy token Secret with a projected serviceAccountToken volume (audience and expirationSeconds set), then delete the Secret.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    for (const { resource, pod } of eachPodSpec(ctx.resources)) {
      const namespace = resource.namespace ?? ctx.settings.defaultNamespace;
      for (const use of secretReferencesOf(pod)) {
        const known = ctx.inventory.secret(namespace, use.name);
        const data = { secret: `${namespace}/${use.name}`, how: use.how };
        const isVolume = use.path[use.path.length - 2] === 'secret' && use.path[use.path.length - 1] === 'secretName';
        const suggest = () => (isVolume ? tokenRequestSuggestion(ctx, resource, pod, use.path.slice(0, -2), use.name, tokenAccountOf(known, use.name)) : []);
        if (known) {
          if (isLegacyTokenSecret(known)) ctx.report({ messageId: 'knownSecret', resource, path: use.path, data, suggest: suggest() });
        } else if (GENERATED_TOKEN_SECRET_NAME.test(use.name)) {
          ctx.report({ messageId: 'generatedName', resource, path: use.path, data, suggest: suggest() });
        }
      }
    }
  },
});
