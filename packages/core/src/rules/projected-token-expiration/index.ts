import { defineRule } from '../../rule.js';
import { eachPodSpec, isApiAudience, projectedTokensOf } from '../../model/index.js';

/** Options of `projected-token-expiration`. */
export interface ProjectedTokenExpirationOptions {
  /** Longest accepted lifetime in seconds. */
  maxSeconds: number;
  /** Report a token source that leaves `expirationSeconds` to the default (3600). */
  requireExplicit: boolean;
}

/** The API server rejects projected tokens shorter than this. */
export const MIN_EXPIRATION_SECONDS = 600;
/** The API server rejects projected tokens longer than this (2^32). */
export const MAX_EXPIRATION_SECONDS = 4294967296;
/** The lifetime Kubernetes reserves for auto-mounted tokens and silently extends to a year. */
export const RESERVED_EXPIRATION_SECONDS = 3607;

export default defineRule<ProjectedTokenExpirationOptions, 'belowMinimum' | 'aboveLimit' | 'aboveMax' | 'reserved' | 'missing'>({
  meta: {
    id: 'projected-token-expiration',
    description: 'Require projected service account tokens to have a lifetime the API server accepts and that stays short',
    category: 'projected-tokens',
    severity: 'error',
    recommended: true,
    fixable: false,
    securitySeverity: 6.5,
    messages: {
      belowMinimum:
        '{{resource}} projects token volume {{volume}} with expirationSeconds {{value}}, below the minimum of 600 the API server accepts, so the pod is rejected; use a value from 600 to {{max}}',
      aboveLimit:
        '{{resource}} projects token volume {{volume}} with expirationSeconds {{value}}, above 4294967296, which the API server rejects; use a value from 600 to {{max}}',
      aboveMax:
        '{{resource}} projects token volume {{volume}} with expirationSeconds {{value}}, above the maximum of {{max}} seconds this project allows, so a stolen token stays valid longer; lower it to {{max}} or less',
      reserved:
        '{{resource}} projects an API token into volume {{volume}} with expirationSeconds 3607, the value Kubernetes reserves for auto-mounted tokens and extends to a year while --service-account-extend-token-expiration is on; use 3600',
      missing:
        '{{resource}} projects token volume {{volume}} without expirationSeconds (the server default of 3600 applies); state the lifetime explicitly',
    },
    remediation: 'Set expirationSeconds on every projected serviceAccountToken source to a value from 600 to the allowed maximum (3600 is the usual choice), never 3607.',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxSeconds: { type: 'integer', minimum: MIN_EXPIRATION_SECONDS, maximum: MAX_EXPIRATION_SECONDS, description: 'longest accepted lifetime' },
        requireExplicit: { type: 'boolean', description: 'also report sources without `expirationSeconds`' },
      },
    },
    defaultOptions: { maxSeconds: 3600, requireExplicit: false },
  },
  check(ctx) {
    const max = ctx.options.maxSeconds;
    for (const { resource, pod } of eachPodSpec(ctx.resources)) {
      for (const token of projectedTokensOf(pod, resource.kind)) {
        const volume = token.volume.name || '(unnamed)';
        const value = token.source['expirationSeconds'];
        const path = [...token.path, 'expirationSeconds'];
        if (value === undefined || value === null) {
          if (ctx.options.requireExplicit) ctx.report({ messageId: 'missing', resource, path: token.path, data: { volume } });
          continue;
        }
        // A non-number is valid-token-fields' finding; the API server would reject the pod anyway.
        if (typeof value !== 'number' || !Number.isFinite(value)) continue;
        const data = { volume, value, max };
        if (value === RESERVED_EXPIRATION_SECONDS) {
          // Reserved only for API tokens (no audience, or a Kubernetes API audience): with any
          // other audience 3607 is an ordinary one-hour token, which the API server never extends.
          if (isApiAudience(token.source['audience'], ctx.settings.apiAudiences)) ctx.report({ messageId: 'reserved', resource, path, data });
          else if (max < 3600) ctx.report({ messageId: 'aboveMax', resource, path, data });
        } else if (value < MIN_EXPIRATION_SECONDS) ctx.report({ messageId: 'belowMinimum', resource, path, data });
        else if (value > MAX_EXPIRATION_SECONDS) ctx.report({ messageId: 'aboveLimit', resource, path, data });
        else if (value > max) ctx.report({ messageId: 'aboveMax', resource, path, data });
      }
    }
  },
});
