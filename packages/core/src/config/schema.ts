import type { AnyRule, JsonSchema } from '../rule.js';

const SEVERITY = { enum: ['off', 'warn', 'error'] };

function entrySchema(options: JsonSchema): JsonSchema {
  return {
    anyOf: [SEVERITY, { type: 'array', items: [SEVERITY], minItems: 1, maxItems: 1 }, { type: 'array', items: [SEVERITY, options], minItems: 2, maxItems: 2 }],
  };
}

/**
 * The JSON Schema of satlint's configuration file, built from rule metadata (each rule's options
 * schema). `scripts/generate.mjs` compiles it to a standalone validator at build time.
 */
export function buildConfigSchema(rules: readonly AnyRule[]): JsonSchema {
  const ruleProps: Record<string, JsonSchema> = {};
  for (const r of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) ruleProps[r.meta.id] = entrySchema(r.meta.schema);
  const rulesSchema = {
    type: 'object',
    properties: ruleProps,
    additionalProperties: entrySchema({ type: 'object' }),
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://satlint.dev/schemas/config.json',
    title: 'satlint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: { enum: ['recommended', 'strict'] },
      plugins: { type: 'array', items: { type: 'string', pattern: '\\S' }, uniqueItems: true },
      rules: rulesSchema,
      overrides: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['rules'],
          anyOf: [{ required: ['files'] }, { required: ['namespaces'] }],
          properties: {
            files: { type: 'array', items: { type: 'string', pattern: '\\S' }, minItems: 1 },
            namespaces: { type: 'array', items: { type: 'string', pattern: '\\S' }, minItems: 1 },
            rules: rulesSchema,
          },
        },
      },
      ignores: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['rule', 'reason'],
          properties: {
            rule: { type: 'string', pattern: '\\S' },
            kind: { type: 'string' },
            namespace: { type: 'string' },
            name: { type: 'string' },
            reason: { type: 'string', pattern: '\\S' },
          },
        },
      },
      settings: {
        type: 'object',
        additionalProperties: false,
        properties: {
          namespace: { type: 'string', pattern: '\\S' },
          unknownServiceAccount: { enum: ['assume-mounted', 'assume-disabled'] },
          apiAudiences: { type: 'array', items: { type: 'string' } },
          inventoryScope: { anyOf: [{ type: 'string', pattern: '\\S' }, { type: 'array', items: { type: 'string', pattern: '\\S' }, minItems: 1 }] },
        },
      },
      allowInlineSuppressions: { type: 'boolean' },
      reportUnusedSuppressions: SEVERITY,
    },
  };
}
