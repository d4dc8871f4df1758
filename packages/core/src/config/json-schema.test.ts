import { describe, expect, it } from 'vitest';
import { schemaProblems } from './json-schema.js';
import { rules } from '../rules/index.js';

describe('schemaProblems', () => {
  it('checks types, enums, bounds, lengths and nesting with the path of each problem', () => {
    const schema = {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 2, maxLength: 4 },
        level: { type: 'integer', minimum: 1, maximum: 3 },
        ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        tags: { type: 'array', items: { enum: ['a', 'b'] }, uniqueItems: true, maxItems: 3 },
        nested: { type: 'object', additionalProperties: { type: 'boolean' } },
      },
    };
    expect(schemaProblems(schema, { name: 'ok', level: 2, ratio: 0.5, tags: ['a'], nested: { x: true } })).toEqual([]);
    expect(schemaProblems(schema, { level: 0, ratio: 1, tags: ['a', 'a', 'c'], nested: { x: 1 }, extra: 1 })).toEqual([
      'name: is required',
      'level: must be >= 1',
      'ratio: must be < 1',
      'tags: must not repeat items',
      'tags[2]: must be one of "a", "b"',
      'nested.x: must be boolean',
      '(options): unknown key "extra"',
    ]);
    expect(schemaProblems(schema, { name: 'toolong', level: 1.5 })).toEqual(['name: must have at most 4 characters', 'level: must be integer']);
    expect(schemaProblems(schema, [])).toEqual(['(options): must be object']);
  });

  it('handles anyOf, oneOf, allOf, not, const and boolean schemas', () => {
    expect(schemaProblems({ anyOf: [{ type: 'string' }, { type: 'integer' }] }, true)).toEqual(['(options): matches none of the allowed forms']);
    expect(schemaProblems({ oneOf: [{ type: 'number' }, { type: 'integer' }] }, 1)).toEqual(['(options): must match exactly one of the allowed forms']);
    expect(schemaProblems({ allOf: [{ type: 'number' }, { minimum: 5 }] }, 4)).toEqual(['(options): must be >= 5']);
    expect(schemaProblems({ not: { const: 'x' } }, 'x')).toEqual(['(options): must be "x"'.replace('must be "x"', 'is not allowed')]);
    expect(schemaProblems(false, 1)).toEqual(['(options): is not allowed']);
    expect(schemaProblems(true, 1)).toEqual([]);
  });

  it('agrees that every built-in rule accepts its defaults and strict options', () => {
    for (const r of rules) {
      expect(schemaProblems(r.meta.schema, r.meta.defaultOptions), r.meta.id).toEqual([]);
      expect(schemaProblems(r.meta.schema, { ...r.meta.defaultOptions, ...(r.meta.strictOptions ?? {}) }), r.meta.id).toEqual([]);
    }
  });
});
