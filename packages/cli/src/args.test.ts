import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.js';

describe('parseCliArgs', () => {
  // Arguments that are all positionals skip node:util's parseArgs (start-up time); '--' before
  // them sends the same positionals through parseArgs, which must give the same options.
  it('gives the same options for positionals alone as parseArgs does', () => {
    for (const argv of [[], ['deployment.yaml'], ['a.yaml', '-', 'dir/b.yml', 'c d.json'], ['-'], ['ok-', 'x=--y']]) {
      expect(parseCliArgs(argv)).toEqual(parseCliArgs(['--', ...argv]));
    }
  });

  it('gives each run its own default lists', () => {
    const a = parseCliArgs(['a.yaml']);
    a.rule.push('no-automount-token: off');
    expect(parseCliArgs(['a.yaml']).rule).toEqual([]);
  });

  it('still sends options, and unknown ones, to parseArgs', () => {
    expect(parseCliArgs(['-f', 'json', 'a.yaml'])).toMatchObject({ format: 'json', paths: ['a.yaml'] });
    expect(() => parseCliArgs(['--formt', 'json'])).toThrow("Unknown option '--formt'. Did you mean --format? (see satlint --help)");
  });
});
