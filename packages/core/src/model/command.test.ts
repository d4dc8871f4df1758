import { describe, expect, it } from 'vitest';
import { invocationsIn, parseGoDuration, formatSeconds, wordsFrom } from './command.js';

describe('parseGoDuration', () => {
  it.each([
    ['600s', 600], ['10m', 600], ['1h30m', 5400], ['1.5h', 5400], ['0', 0], ['90m0s', 5400], ['500ms', 0.5], ['-1h', -3600], ['2h45m30s', 9930],
  ])('%s = %d seconds', (text, seconds) => expect(parseGoDuration(text)).toBe(seconds));
  it.each(['', '10', '1d', 'h', '10 m', 'ten minutes', '1h-5m'])('rejects %j', (text) => expect(parseGoDuration(text)).toBeNull());
});

describe('formatSeconds', () => {
  it.each([[3600, '1h'], [600, '10m'], [5400, '90m'], [599, '599s'], [86400, '24h']])('%d → %s', (s, t) => expect(formatSeconds(s)).toBe(t));
});

describe('wordsFrom', () => {
  it('honours quotes, escapes and line continuations, and stops at a terminator', () => {
    const script = `create token sa --audience "https://vault" \\\n  --duration='10m' && echo done`;
    expect(wordsFrom(script, 0).map((w) => w.text)).toEqual(['create', 'token', 'sa', '--audience', 'https://vault', '--duration=10m']);
  });
  it('marks words with expansions as dynamic', () => {
    const words = wordsFrom('create token "$SA" --duration=$(cat /d) x', 0);
    expect(words.map((w) => [w.text, w.dynamic])).toEqual([['create', false], ['token', false], ['$SA', true], ['--duration=$(cat /d)', true], ['x', false]]);
  });
  it('stops at a comment and at a closing parenthesis', () => {
    expect(wordsFrom('a b # c d', 0).map((w) => w.text)).toEqual(['a', 'b']);
    expect(wordsFrom('a b) c', 0).map((w) => w.text)).toEqual(['a', 'b']);
  });
});

describe('invocationsIn', () => {
  it('finds the program as a word, with a directory, inside $( ) and after operators', () => {
    const script = 'T=$(kubectl create token a --duration 10m)\n/usr/bin/kubectl get pods; echo kubectl-ish; x|kubectl create token b';
    expect(invocationsIn(script, 'kubectl').map((ws) => ws.map((w) => w.text).join(' '))).toEqual([
      'create token a --duration 10m',
      'get pods',
      'create token b',
    ]);
  });
});
