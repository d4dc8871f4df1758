// The syntax of one YAML line, read without a parser (the redaction of report excerpts works line
// by line on untrusted text): keys, quotes, comments, block scalar headers, node properties.
// Each function is one pass over the line.

export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
export const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

/** Number of characters from `from` on that satisfy `ok` (at most `max`). */
export function run(s: string, from: number, ok: (c: number) => boolean, max = Infinity): number {
  let n = 0;
  while (from + n < s.length && n < max && ok(s.charCodeAt(from + n))) n++;
  return n;
}

/** Where a value's trailing comment starts (after a quoted scalar's closing quote), or -1. */
export function commentStart(value: string): number {
  const from = value[0] === '"' || value[0] === "'" ? Math.max(quotedEnd(value, 0), 0) : 0;
  const at = value.indexOf(' #', from);
  return at >= 0 ? at + 1 : -1;
}

/** Values that cannot be secret: booleans, null, empty collections, anchors and aliases. */
export function isInert(value: string): boolean {
  const v = stripComment(value).trim();
  if (v === '' || v === '~' || v === '{}' || v === '[]') return true;
  if (/^(?:true|false|yes|no|on|off|null)$/i.test(v)) return true;
  return (v[0] === '&' || v[0] === '*') && v.length > 1 && run(v, 1, (c) => isWordChar(c) || c === 45) === v.length - 1;
}

/** A plain value without its trailing ` # comment`. */
function stripComment(value: string): string {
  if (value.startsWith('#')) return '';
  const at = value.indexOf(' #');
  return at >= 0 ? value.slice(0, at) : value;
}

/** `|`, `>`, `|-`, `>+2` and the like, optionally followed by a comment: the header of a block scalar. */
export function isBlockScalarHeader(value: string): boolean {
  if (value[0] !== '|' && value[0] !== '>') return false;
  let i = 1 + run(value, 1, (c) => c === 43 || c === 45 || (c >= 48 && c <= 57));
  i += run(value, i, (c) => c === 32 || c === 9);
  return i === value.length || value[i] === '#';
}

/** The end (exclusive) of a quoted scalar starting at `from`, or -1 when it does not end on this line. */
export function quotedEnd(s: string, from: number): number {
  const q = s[from];
  for (let i = from + 1; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') i++;
    else if (s[i] === q) {
      if (q === "'" && s[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** A key or value without its surrounding quotes. */
export const unquote = (key: string): string => (key.length >= 2 && (key[0] === '"' || key[0] === "'") && key.endsWith(key[0]!) ? key.slice(1, -1) : key);

/** A `key: value` line of block YAML, in parts. */
export interface KeyLine {
  /** Indentation and sequence markers (`  - `). */
  prefix: string;
  /** The key as written (quotes kept). */
  rawKey: string;
  key: string;
  /** The column of the key (0-based). */
  column: number;
  /** What follows `: ` (may be empty). */
  value: string;
}

/** The indentation and `- ` markers at the start of a line. */
export function prefixEnd(line: string): number {
  let i = run(line, 0, (c) => c === 32 || c === 9);
  while (line[i] === '-' && (i + 1 === line.length || isSpace(line[i + 1]))) {
    i++;
    i += run(line, i, (c) => c === 32 || c === 9);
  }
  return i;
}

/** `key: value` on a block line (the key plain or quoted), or undefined. */
export function keyLine(line: string): KeyLine | undefined {
  const start = prefixEnd(line);
  const first = line[start];
  if (first === undefined || first === '#' || first === '{' || first === '[') return undefined;
  let colon: number;
  if (first === '"' || first === "'") {
    const end = quotedEnd(line, start);
    if (end < 0) return undefined;
    colon = end + run(line, end, (c) => c === 32 || c === 9);
    if (line[colon] !== ':') return undefined;
  } else {
    colon = -1;
    for (let i = start; i < line.length; i++) {
      if (line[i] === ':' && (i + 1 === line.length || isSpace(line[i + 1]))) {
        colon = i;
        break;
      }
      if (line[i] === '#' && isSpace(line[i - 1])) return undefined;
    }
    if (colon < 0) return undefined;
  }
  const rawKey = line.slice(start, colon).trimEnd();
  const value = line.slice(colon + 1).trim();
  return { prefix: line.slice(0, start), rawKey, key: unquote(rawKey), column: start, value };
}

/** A value with its node properties (`!tag`, `&anchor`) removed. */
export function withoutProperties(value: string): string {
  let i = 0;
  while ((value[i] === '!' || value[i] === '&') && i + 1 < value.length) {
    const from = i;
    i += run(value, i, (c) => c !== 32 && c !== 9);
    if (i === value.length) return value[from] === '&' ? value.slice(from) : '';
    i += run(value, i, (c) => c === 32 || c === 9);
  }
  return i === 0 ? value : value.slice(i);
}
