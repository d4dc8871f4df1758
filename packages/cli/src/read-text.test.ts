import { describe, expect, it } from 'vitest';
import { decode } from './read-text.js';

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

describe('decode', () => {
  it('reads UTF-8, multi-byte characters included', () => {
    expect(decode(bytes('kind: Pod # ünïcode ✓ 🚀\n'))).toEqual({ text: 'kind: Pod # ünïcode ✓ 🚀\n', encoding: 'utf-8' });
    expect(decode(bytes(''))).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('drops a UTF-8 byte-order mark from the text and remembers it in the encoding', () => {
    expect(decode(bytes([0xef, 0xbb, 0xbf], 'kind: Pod\n'))).toEqual({ text: 'kind: Pod\n', encoding: 'utf-8-bom' });
    expect(decode(bytes([0xef, 0xbb, 0xbf]))).toEqual({ text: '', encoding: 'utf-8-bom' });
    // Only the first mark: a second one is text.
    expect(decode(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'a'))).toEqual({ text: '\ufeffa', encoding: 'utf-8-bom' });
  });

  it('reads a view into a larger buffer from its own offset', () => {
    const whole = bytes('xxkind: Pod\nyy');
    expect(decode(whole.subarray(2, 12))).toEqual({ text: 'kind: Pod\n', encoding: 'utf-8' });
  });

  it('reads UTF-16 with a byte-order mark', () => {
    expect(decode(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00]))).toEqual({ text: 'a\n', encoding: 'utf-16le' });
    expect(decode(new Uint8Array([0xfe, 0xff, 0x00, 0x61, 0x00, 0x0a]))).toEqual({ text: 'a\n', encoding: 'utf-16be' });
  });

  it('names the line and column of an invalid byte or a NUL', () => {
    expect(decode(bytes('a: 1\nb: ', [0xc3, 0x28], '\n'))).toEqual({ error: 'File is not valid UTF-8 (invalid byte 0xc3 at line 2, column 4); satlint reads UTF-8, and UTF-16 with a byte-order mark', line: 2, column: 4 });
    expect(decode(bytes('a: 1\n', [0]))).toEqual({ error: 'Binary file (NUL byte at line 2, column 1): not a YAML or JSON manifest', line: 2, column: 1 });
  });
});
