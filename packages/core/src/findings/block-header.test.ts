import { describe, expect, it } from 'vitest';
import { endsInBlockScalarHeader } from './origins.js';

// The pattern it replaces, kept here as the specification (never run on long input).
const SPEC = /:\s*[|>][-+0-9]*\s*(#.*)?$/;

describe('endsInBlockScalarHeader', () => {
  it('agrees with the pattern it replaces on every short line over its alphabet', () => {
    // Lines come split on line breaks, so the alphabet has none.
    const alphabet = [':', '|', '>', '-', '+', '2', ' ', '#', 'a', '\t'];
    let checked = 0;
    const visit = (s: string, depth: number): void => {
      expect(endsInBlockScalarHeader(s), JSON.stringify(s)).toBe(SPEC.test(s));
      checked++;
      if (depth === 0) return;
      for (const c of alphabet) visit(s + c, depth - 1);
    };
    visit('', 5);
    expect(checked).toBe(111111);
  });
  it('reads real key lines', () => {
    expect(endsInBlockScalarHeader('  patch: |')).toBe(true);
    expect(endsInBlockScalarHeader('- patch: >-2  # the patch')).toBe(true);
    expect(endsInBlockScalarHeader('  patch: |-\r')).toBe(true);
    expect(endsInBlockScalarHeader('  patch: "|"')).toBe(false);
    expect(endsInBlockScalarHeader('  patch: a|')).toBe(false);
  });
  it('answers the pattern\'s attack string of 100,000 repetitions (quadratic for the pattern) with the right verdict', () => {
    expect(endsInBlockScalarHeader(':>#'.repeat(100_000))).toBe(true);
    expect(endsInBlockScalarHeader(': |x'.repeat(100_000))).toBe(false);
  });
});
