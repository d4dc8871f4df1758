import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STREAM_MIN_BYTES, streamsFiles } from './sources.js';

describe('streamsFiles', () => {
  it('streams files that hold STREAM_MIN_BYTES or more, or as SATLINT_STREAM says', () => {
    const dir = mkdtempSync(join(tmpdir(), 'satlint-streams-'));
    try {
      const small = join(dir, 'small.yaml');
      writeFileSync(small, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
      const half = join(dir, 'half.yaml');
      writeFileSync(half, '');
      // Sparse: the size counts, nothing is written.
      truncateSync(half, STREAM_MIN_BYTES / 2);
      expect(streamsFiles([small, half], undefined)).toBe(false);
      expect(streamsFiles([small, half, half], undefined)).toBe(true);
      expect(streamsFiles([small, join(dir, 'gone.yaml')], undefined)).toBe(false);
      expect(streamsFiles([small], 'always')).toBe(true);
      expect(streamsFiles([small, half, half], 'never')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
