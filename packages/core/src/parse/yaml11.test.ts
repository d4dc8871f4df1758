import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { resolvePlain, UNRESOLVED } from './yaml11.js';

describe('resolvePlain (YAML 1.1 plain scalars, as go-yaml and the yaml package read them)', () => {
  it.each([
    ['', null], ['~', null], ['null', null], ['yes', true], ['Off', false], ['y', true], ['n', false], ['ON', true],
    ['0755', 493], ['0x1F', 31], ['0b101', 5], ['1_000', 1000], ['-42', -42], ['+7', 7], ['3.5', 3.5], ['.5', 0.5], ['1e3', 1000], ['e5', NaN], ['.inf', Infinity], ['-.Inf', -Infinity],
    ['08', 8], ['v1', 'v1'], ['true-ish', 'true-ish'], ['nginx', 'nginx'], ['Deployment', 'Deployment'], ['-a', '-a'],
  ])('%j → %j, as the yaml package resolves it', (s, v) => {
    expect(resolvePlain(s)).toEqual(v);
    expect(parseDocument(`k: ${s}`, { version: '1.1' }).toJS().k).toEqual(v);
  });

  it('leaves timestamps and base-60 numbers to the full parse', () => {
    for (const s of ['2001-12-14', '2001-12-14t21:59:43.10-05:00', '1:30', '190:20:30']) expect(resolvePlain(s), s).toBe(UNRESOLVED);
  });
});
