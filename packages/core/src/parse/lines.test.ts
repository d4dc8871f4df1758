import { describe, expect, it } from 'vitest';
import { lineStarts, offsetAt } from './lines.js';
import { parseManifests } from './index.js';

describe('line starts', () => {
  it('break at \\n, \\r\\n and a lone \\r, not at U+2028', () => {
    const text = 'a\nb\r\nc\rd\u2028e';
    expect(lineStarts(text)).toEqual([0, 2, 5, 7]);
  });

  it('a text without \\r (the indexOf path) breaks where a character-by-character reading does', () => {
    const byChar = (t: string) => [0, ...[...t].flatMap((c, i) => (c === '\n' ? [i + 1] : []))];
    for (const text of ['', '\n', 'a', 'a\n', '\n\n\nx', 'kind: Pod\nmetadata:\n  name: p\u2028x\n\n', 'x\ny\n\nz']) {
      expect(lineStarts(text)).toEqual(byChar(text));
    }
    expect(lineStarts('a\nb\n\nc')).toEqual([0, 2, 4, 5]);
  });

  it('offsetAt inverts ParsedFile.position for every offset, and clamps', () => {
    const text = 'kind: Pod\r\nmetadata:\r  name: p\u2028x\n\n';
    const file = parseManifests(text, 'p.yaml');
    const starts = lineStarts(text);
    for (let o = 0; o <= text.length; o++) {
      const { line, column } = file.position(o);
      expect(offsetAt(starts, text, line, column)).toBe(o);
    }
    expect(offsetAt(starts, text, 99, 1)).toBe(starts[starts.length - 1]);
    expect(offsetAt(starts, text, 1, 999)).toBe(text.length);
  });
});
