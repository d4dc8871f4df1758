import { describe, expect, it } from 'vitest';
import { KUBECTL_FLAGS, KUBE_COMPONENT_FLAGS, goParseBool, parseCommandLine } from './flags.js';

const words = (line: string) => line.split(' ').map((text, i) => ({ text, at: i }));
const read = (line: string, syntax = KUBE_COMPONENT_FLAGS) => {
  const r = parseCommandLine(words(line), syntax);
  return { flags: r.flags.map((f) => [f.name, f.value?.text ?? null, f.word.at]), positional: r.positional.map((w) => w.text) };
};

describe('parseCommandLine, kube component flag sets', () => {
  it('reads --a=b and --a b, normalises names, and keeps the word each flag is written in', () => {
    expect(read('--service_account_issuer=https://x -service-account-key-file /k --profiling=false pos').flags).toEqual([
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
