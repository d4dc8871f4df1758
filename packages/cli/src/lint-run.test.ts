import { describe, expect, it } from 'vitest';
import { allRules, validateConfig } from '@satlint/core/adapter';

// lint-run.ts hands core no config when the run's is empty, instead of `{}`: the same only while
// the generated schema accepts `{}` as it is.
describe('an empty config', () => {
  it('is valid and kept as it is, so core may skip validating it', () => {
    const empty = {};
    const { config, problems } = validateConfig(empty, allRules());
    expect(problems).toEqual([]);
    expect(config).toBe(empty);
  });
});
