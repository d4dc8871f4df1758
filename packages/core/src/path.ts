import type { JsonPath, PathSegment } from './types.js';

const IDENT = /^[A-Za-z_$][\w$-]*$/;

/** Formats a JSON path as `a.b[0]["x.y"]`. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Parses a path written by {@link formatPath}. */
export function parsePath(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '.') {
      i++;
      continue;
    }
    if (ch === '[') {
      const end = text.indexOf(']', i);
      if (text[i + 1] === '"') {
        let j = i + 2;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        out.push(JSON.parse(text.slice(i + 1, j + 1)) as string);
        i = j + 2;
      } else {
        out.push(Number(text.slice(i + 1, end)));
        i = end + 1;
      }
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}

/** Reads the value at `path` inside `value`, or undefined. */
export function getAt(value: unknown, path: JsonPath): unknown {
  let cur: unknown = value;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return cur;
}

/**
 * A frozen lookup table without a prototype: a key read from a manifest (`toString`, `constructor`,
 * `__proto__`, `hasOwnProperty`) finds nothing instead of an Object.prototype member. Every table
 * that data is looked up in is built with this (or is a Map).
 */
export function dict<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  const out = Object.create(null) as Record<string, T>;
  for (const k of Object.keys(entries)) out[k] = entries[k]!;
  return Object.freeze(out);
}

/** An empty object without a prototype, for maps built from data (labels, annotations): `__proto__` is then an ordinary key. */
export function bare<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `table[key]` if the table has that own property, else undefined (never an inherited member). */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** `s` without trailing `/` characters (a loop: `/\/+$/` is quadratic on many slashes not at the end). */
export function withoutTrailingSlashes(s: string): string {
  return withoutTrailing(s, '/');
}

/** `s` without the copies of the one character `ch` it ends with (a loop: linear, where `/x+$/` is quadratic). */
export function withoutTrailing(s: string, ch: string): string {
  const code = ch.charCodeAt(0);
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === code) end--;
  return s.slice(0, end);
}

/** True for a plain (non-array) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
