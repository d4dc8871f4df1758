import { describe, expect, it } from 'vitest';
import { KUBECTL_FLAGS, KUBE_COMPONENT_FLAGS, goParseBool, parseCommandLine } from './flags.js';

const words = (line: string) => line.split(' ').map((text, i) => ({ text, at: i }));
const read = (line: string, syntax = KUBE_COMPONENT_FLAGS) => {
  const r = parseCommandLine(words(line), syntax);
  return { flags: r.flags.map((f) => [f.name, f.value?.text ?? null, f.word.at]), positional: r.positional.map((w) => w.text) };
};

describe('parseCommandLine, kube component flag sets', () => {
  it('reads --a=b and --a b, normalises names, and keeps the word each flag is written in', () => {
    expect(read('--service_account_issuer=https://x --service-account-key-file /k --profiling=false pos').flags).toEqual([
      ['service-account-issuer', 'https://x', 0],
      ['service-account-key-file', '/k', 1],
      ['profiling', 'false', 3],
    ]);
  });
  it('gives a bool flag no separate value: the next word stays positional', () => {
    expect(read('--service-account-lookup false')).toEqual({ flags: [['service-account-lookup', null, 0]], positional: ['false'] });
  });
  it('gives a flag of unknown type the next word unless it starts with -, a known string flag whatever it starts with', () => {
    expect(read('--v --x --service-account-issuer -odd').flags).toEqual([['v', null, 0], ['x', null, 1], ['service-account-issuer', '-odd', 2]]);
  });
  it('reads one dash as pflag does: shorthands, of which only -v exists; any other word is refused (the binary does not start)', () => {
    const r = parseCommandLine(words('-service-account-lookup=false -v=2 -v3 -v 4 ---x=1 --=y --ok=1 -r'), KUBE_COMPONENT_FLAGS);
    expect(r.refused.map((w) => w.text)).toEqual(['-service-account-lookup=false', '---x=1', '--=y', '-r']);
    expect(r.flags.map((f) => [f.name, f.value?.text ?? null])).toEqual([['v', '2'], ['v', '3'], ['v', '4'], ['ok', '1']]);
    expect(parseCommandLine(words('--a=1 -v'), KUBE_COMPONENT_FLAGS).refused.map((w) => w.text)).toEqual(['-v']);
  });
  it('stops at --, and reads a lone - as positional', () => {
    expect(read('- --a=1 -- --b=2')).toEqual({ flags: [['a', '1', 1]], positional: ['-'] });
  });
});

describe('parseCommandLine, kubectl', () => {
  it('keys names as written and gives every non-bool flag the next word', () => {
    expect(read('create token sa --duration -1h --audience=a -h x', KUBECTL_FLAGS)).toEqual({
      flags: [['--duration', '-1h', 3], ['--audience', 'a', 5], ['-h', null, 6]],
      positional: ['create', 'token', 'sa', 'x'],
    });
  });
});

describe('goParseBool', () => {
  it.each([['1', true], ['T', true], ['True', true], ['0', false], ['F', false], ['FALSE', false], ['yes', undefined], ['', undefined]])('%j → %s', (text, value) => expect(goParseBool(text)).toBe(value));
});
