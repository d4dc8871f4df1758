import { readFileSync, openSync, fstatSync, closeSync, constants, type BigIntStats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { crypto } from './lazy-crypto.js';

/** What a non-regular file is, for messages. */
export function kindOf(stat: BigIntStats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'neither a file nor a directory';
}

/** How a file's bytes encode its text; `--fix` writes it back the same way. */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/**
 * Reads a manifest as text the way satlint lints it: UTF-8 (with or without BOM) or UTF-16 with a
 * BOM, with the encoding (--fix writes it back the same way). `hash` (the SHA-256 of its bytes, which --fix compares before writing)
 * is computed only when asked for: hashing every file was a tenth of reading a large tree.
 */
export function readText(path: string): { text: string; encoding: Encoding } | { error: string; line?: number; column?: number };
export function readText(path: string, withHash: true): { text: string; encoding: Encoding; hash: string } | { error: string; line?: number; column?: number };
export function readText(path: string, withHash = false): { text: string; encoding: Encoding; hash?: string } | { error: string; line?: number; column?: number } {
  let buf: Buffer;
  let fd: number | undefined;
  try {
    // Opened without blocking and checked before reading: a path that became a FIFO (or a device)
    // after the file list was made must not hang the run.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd, { bigint: true });
    if (!stat.isFile()) return { error: `Not a regular file: it is ${kindOf(stat)}; satlint reads regular files` };
    buf = readFileSync(fd);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: code === 'EACCES' ? 'Permission denied (EACCES): cannot read file' : `Cannot read file (${code ?? (err as Error).message})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const d = decode(buf);
  return 'text' in d && withHash ? { ...d, hash: crypto().createHash('sha256').update(buf).digest('hex') } : d;
}

/** Decodes bytes; invalid UTF-8 is an error naming the line and column of the first bad byte. */
export function decode(buf: Uint8Array): { text: string; encoding: Encoding } | { error: string; line: number; column: number } {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  const nul = buf.indexOf(0);
  if (nul !== -1) {
    const { line, column } = positionOf(buf, nul);
    return { error: `Binary file (NUL byte at line ${line}, column ${column}): not a YAML or JSON manifest`, line, column };
  }
  // Node's own validator first (native); the byte-by-byte scan only to say where a bad byte is.
  const bad = isUtf8(buf) ? -1 : firstInvalidUtf8(buf);
  // A byte-order mark is dropped from the text; the encoding remembers it so that --fix writes it
  // back. Valid UTF-8 decodes the same through Buffer as through TextDecoder, whose first use loads
  // Node's encoding module (~1 ms of a one-file run).
  if (bad === -1) {
    const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    return { text: Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8', bom ? 3 : 0), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  }
  const { line, column } = positionOf(buf, bad);
  return { error: `File is not valid UTF-8 (invalid byte 0x${buf[bad]!.toString(16).padStart(2, '0')} at line ${line}, column ${column}); satlint reads UTF-8, and UTF-16 with a byte-order mark`, line, column };
}

/** Offset of the first byte that does not begin or continue a valid UTF-8 sequence, or -1. Linear. */
function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (in characters, decoding the line's valid prefix) of a byte offset. */
function positionOf(buf: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (buf[i] === 0x0a || (buf[i] === 0x0d && buf[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(buf.subarray(lineStart, offset));
  return { line, column: prefix.length + 1 };
}
