import { describe, expect, it } from 'vitest';
import { endsWithBlockScalarHeader } from './origins.js';

// The pattern it replaces, kept here as the specification (never run on long input).
const SPEC = /:\s*[|>][-+0-9]*\s*(#.*)?$/;

describe('endsWithBlockScalarHeader', () => {
  it('agrees with the pattern it replaces on every short line over its alphabet', () => {
    const alphabet = [':', '|', '>', '-', '+', '2', ' ', '#', 'a', '\n'];
    let checked = 0;
    const visit = (s: string, depth: number): void => {
      expect(endsWithBlockScalarHeader(s), JSON.stringify(s)).toBe(SPEC.test(s));
      checked++;
      if (depth === 0) return;
      for (const c of alphabet) visit(s + c, depth - 1);
    };
    visit('', 5);
    expect(checked).toBe(111111);
  });
  it('reads real key lines', () => {
    expect(endsWithBlockScalarHeader('  patch: |')).toBe(true);
    expect(endsWithBlockScalarHeader('- patch: >-2  # the patch')).toBe(true);
    expect(endsWithBlockScalarHeader('  patch: |-\r')).toBe(true);
    expect(endsWithBlockScalarHeader('  patch: "|"')).toBe(false);
    expect(endsWithBlockScalarHeader('  patch: a|')).toBe(false);
  });
  it('answers the pattern\'s attack string of 100,000 repetitions (quadratic for the pattern) with the right verdict', () => {
    expect(endsWithBlockScalarHeader(':>#'.repeat(100_000))).toBe(true);
    expect(endsWithBlockScalarHeader(':>#'.repeat(100_000) + '\n\u0000')).toBe(false);
    expect(endsWithBlockScalarHeader(': |x'.repeat(100_000))).toBe(false);
  });
});
