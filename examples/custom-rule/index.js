// A custom satlint rule: every ServiceAccount must name the team that owns it, so that when its
// token shows up somewhere it should not, someone can be asked. Written against the public API of
// @satlint/core only: defineRule() and the context it passes to check().
import { defineRule } from '@satlint/core';

export const OWNER_ANNOTATION = 'example.com/owner';

export const requireOwner = defineRule({
  meta: {
    id: 'require-service-account-owner',
    description: 'Require every ServiceAccount to name its owning team',
    category: 'service-accounts',
    severity: 'warn',
    recommended: true,
    fixable: true,
    securitySeverity: 2.0,
    messages: {
      missing: '{{resource}} does not say which team owns it; add the annotation {{annotation}}: <team> (allowed: {{teams}})',
      unknownTeam: '{{resource}} is owned by "{{team}}", which is not a known team ({{teams}})',
    },
    remediation: 'Annotate the ServiceAccount with its owning team.',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { teams: { type: 'array', items: { type: 'string' }, minItems: 1 } },
    },
    defaultOptions: { teams: ['platform', 'payments', 'web'] },
    docsUrl: 'https://example.com/satlint-rules/require-service-account-owner',
  },
  check(ctx) {
    const teams = ctx.options.teams;
    for (const resource of ctx.resources) {
      if (resource.kind !== 'ServiceAccount' || resource.apiVersion !== 'v1') continue;
      const metadata = resource.object.metadata ?? {};
      const annotations = metadata.annotations ?? {};
      const team = annotations[OWNER_ANNOTATION];
      const data = { annotation: OWNER_ANNOTATION, teams: teams.join(', ') };
      if (typeof team !== 'string' || team === '') {
        const hasAnnotations = annotations !== null && typeof annotations === 'object' && 'annotations' in metadata;
        ctx.report({
          messageId: 'missing',
          resource,
          path: hasAnnotations ? ['metadata', 'annotations'] : ['metadata'],
          data,
          // A placeholder owner would hide the problem; the fix adds the annotation with the first
          // team only when the config names exactly one.
          fix: teams.length === 1 ? (fixer) => (hasAnnotations ? fixer.insertPair(resource, ['metadata', 'annotations'], OWNER_ANNOTATION, teams[0]) : fixer.insertPair(resource, ['metadata'], 'annotations', `{${OWNER_ANNOTATION}: ${teams[0]}}`, 'last')) : undefined,
        });
      } else if (!teams.includes(team)) {
        ctx.report({ messageId: 'unknownTeam', resource, path: ['metadata', 'annotations', OWNER_ANNOTATION], data: { ...data, team } });
      }
    }
  },
});

export default { rules: [requireOwner] };
