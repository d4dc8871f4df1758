import { defineRule } from '../../rule.js';
import { isRecord } from '../../path.js';
import { LEGACY_TOKEN_SECRET_ANNOTATION as SA_ANNOTATION, LEGACY_TOKEN_SECRET_TYPE as TOKEN_TYPE } from '../shared.js';

export default defineRule<Record<string, never>, 'tokenType' | 'annotated'>({
  meta: {
    id: 'no-legacy-token-secret',
    description: 'Disallow long-lived service account token Secrets',
    category: 'legacy-tokens',
    severity: 'error',
    recommended: true,
    fixable: false,
    securitySeverity: 8.0,
    messages: {
      tokenType: '{{resource}} is a legacy service account token Secret (type {{type}}) whose token never expires; delete it and use kubectl create token or a projected token volume',
      annotated: '{{resource}} is bound to ServiceAccount {{serviceAccount}} through the {{annotation}} annotation and holds a token that never expires; delete it and use kubectl create token or a projected token volume',
    },
    remediation: 'Delete the Secret; request short-lived tokens with the TokenRequest API (kubectl create token) or a projected serviceAccountToken volume.',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    for (const resource of ctx.resources) {
      if (resource.kind !== 'Secret' || resource.apiVersion !== 'v1') continue;
      if (resource.object['type'] === TOKEN_TYPE) {
        ctx.report({ messageId: 'tokenType', resource, path: ['type'], data: { type: TOKEN_TYPE } });
        continue;
      }
      const md = resource.object['metadata'];
      const ann = isRecord(md) && isRecord(md['annotations']) ? md['annotations'] : {};
      if (Object.prototype.hasOwnProperty.call(ann, SA_ANNOTATION)) {
        ctx.report({
          messageId: 'annotated',
          resource,
          path: ['metadata', 'annotations', SA_ANNOTATION],
          data: { serviceAccount: String(ann[SA_ANNOTATION]), annotation: SA_ANNOTATION },
        });
      }
    }
  },
});
