import { defineRule } from '../../rule.js';
import { eachPodSpec, projectedTokensOf } from '../../model/index.js';

/** Options of `projected-token-audience`. */
export interface ProjectedTokenAudienceOptions {
  /** When non-empty, the only audiences projected tokens may carry. */
  allowedAudiences: string[];
}

export default defineRule<ProjectedTokenAudienceOptions, 'missing' | 'empty' | 'notAllowed'>({
  meta: {
    id: 'projected-token-audience',
    description: 'Require projected service account tokens to name the audience they are for',
    category: 'projected-tokens',
    severity: 'warn',
    recommended: true,
    fixable: false,
    securitySeverity: 5.0,
    messages: {
      missing:
        '{{resource}} projects token volume {{volume}} without an audience, so the token is valid for the Kubernetes API server itself; set audience to the service that will receive the token',
      empty:
        '{{resource}} projects token volume {{volume}} with an empty audience, so the token is valid for the Kubernetes API server itself; set audience to the service that will receive the token',
      notAllowed:
        '{{resource}} projects token volume {{volume}} for audience "{{audience}}", which is not one of the allowed audiences ({{allowed}}); use an allowed audience or add this one to the rule\'s allowedAudiences',
    },
    remediation: 'Set audience on every projected serviceAccountToken source to the one service that will verify the token.',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { allowedAudiences: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description: 'when non-empty, the only audiences accepted' } },
    },
    defaultOptions: { allowedAudiences: [] },
  },
  check(ctx) {
    const allowed = ctx.options.allowedAudiences;
    for (const { resource, pod } of eachPodSpec(ctx.resources)) {
      for (const token of projectedTokensOf(pod, resource.kind)) {
        const volume = token.volume.name || '(unnamed)';
        const audience = token.source['audience'];
        if (audience === undefined || audience === null) {
          ctx.report({ messageId: 'missing', resource, path: token.path, data: { volume } });
        } else if (audience === '') {
          ctx.report({ messageId: 'empty', resource, path: [...token.path, 'audience'], data: { volume } });
        } else if (typeof audience === 'string' && allowed.length > 0 && !allowed.includes(audience)) {
          ctx.report({ messageId: 'notAllowed', resource, path: [...token.path, 'audience'], data: { volume, audience, allowed: allowed.join(', ') } });
        }
      }
    }
  },
});
