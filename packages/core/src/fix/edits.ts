import { isMap, isScalar, type Document, type Node, type Pair } from 'yaml';
import type { Fix, JsonPath, Resource } from '../types.js';
import type { Fixer } from '../rule.js';
import { findNode } from '../parse/index.js';

function lineStart(text: string, offset: number): number {
  const nl = text.lastIndexOf('\n', offset - 1);
  return nl + 1;
}

function lineEnd(text: string, offset: number): number {
  let nl = text.indexOf('\n', offset);
  if (nl < 0) nl = text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

function lastContentOffset(text: string, end: number, floor: number): number {
  let i = end;
  while (i > floor && /\s/.test(text[i - 1]!)) i--;
  return i;
}

function lookup(resource: Resource, path: JsonPath): { doc: Document.Parsed; node: Node | null; complete: boolean } | null {
  const doc = resource.document.ast;
  if (!doc || resource.file.repaired) return null;
  const full = [...resource.basePath, ...path];
  const found = findNode(doc, full);
  return { doc, node: found.node, complete: found.depth === full.length };
}

function pairEnd(pair: Pair): number | undefined {
  const v = pair.value as Node | null;
  return v?.range?.[1] ?? (pair.key as Node | null)?.range?.[1];
}

/** The fixer that rules receive: edits computed from node ranges, never by re-serializing. */
export const fixer: Fixer = {
  insertPair(resource, mapPath, key, valueText, where = 'first') {
    const found = lookup(resource, mapPath);
    if (!found?.complete || !isMap(found.node) || !found.node.range) return null;
    const map = found.node;
    const mapStart = found.node.range[0];
    const text = resource.file.text;
    const eol = resource.file.eol;
    let entry = `${key}: ${valueText}`;
    if (map.flow) {
      // JSON (and JSON-style YAML) keeps its quoted keys, so a .json file stays JSON.
      const k0 = map.items[0]?.key;
      if (isScalar(k0) && k0.type === 'QUOTE_DOUBLE') entry = `${JSON.stringify(key)}: ${valueText}`;
      if (map.items.length === 0) return { range: [mapStart + 1, mapStart + 1], text: entry };
      if (where === 'first') {
        const k = (map.items[0]!.key as Node).range!;
        return { range: [k[0], k[0]], text: `${entry}, ` };
      }
      const end = pairEnd(map.items[map.items.length - 1]!);
      return end === undefined ? null : { range: [end, end], text: `, ${entry}` };
    }
    const firstKey = map.items[0]?.key as Node | undefined;
    if (!firstKey?.range) return null;
    const at = firstKey.range[0];
    const indent = ' '.repeat(at - lineStart(text, at));
    if (where === 'first') return { range: [at, at], text: `${entry}${eol}${indent}` };
    const end = pairEnd(map.items[map.items.length - 1]!);
    if (end === undefined) return null;
    const pos = lineEnd(text, lastContentOffset(text, end, at));
    return { range: [pos, pos], text: `${eol}${indent}${entry}` };
  },

  removePair(resource, path) {
    if (path.length === 0) return null;
    const parent = lookup(resource, path.slice(0, -1));
    if (!parent?.complete || !isMap(parent.node)) return null;
    const keyName = path[path.length - 1];
    const items = parent.node.items;
    const idx = items.findLastIndex((p) => isScalar(p.key) && String(p.key.value) === keyName);
    if (idx < 0) return null;
    const pair = items[idx]!;
    const k = (pair.key as Node).range;
    const end = pairEnd(pair);
    if (!k || end === undefined) return null;
    const text = resource.file.text;
    if (parent.node.flow) {
      const next = items[idx + 1]?.key as Node | undefined;
      if (next?.range) return { range: [k[0], next.range[0]], text: '' };
      const prev = idx > 0 ? pairEnd(items[idx - 1]!) : undefined;
      return prev !== undefined ? { range: [prev, end], text: '' } : { range: [k[0], end], text: '' };
    }
    if (items.length === 1) return null;
    const start = lineStart(text, k[0]);
    if (text.slice(start, k[0]).trim() !== '') return null;
    const last = lastContentOffset(text, end, k[0]);
    let stop = text.indexOf('\n', last);
    stop = stop < 0 ? text.length : stop + 1;
    return { range: [start, stop], text: '' };
  },

  renameKey(resource, path, newKey) {
    const found = lookup(resource, path);
    if (!found?.complete) return null;
    const doc = found.doc;
    const key = findNode(doc, [...resource.basePath, ...path]).keyNode;
    if (!isScalar(key) || !key.range) return null;
    const text = key.type === 'QUOTE_DOUBLE' ? JSON.stringify(newKey) : key.type === 'QUOTE_SINGLE' ? `'${newKey}'` : newKey;
    return { range: [key.range[0], key.range[1]], text };
  },

  replaceValue(resource, path, valueText) {
    const found = lookup(resource, path);
    if (!found?.complete || !isScalar(found.node) || !found.node.range) return null;
    return { range: [found.node.range[0], found.node.range[1]], text: valueText };
  },
};

/**
 * Applies non-overlapping fixes to `text`, in order; a fix that overlaps an earlier one is left for
 * the next pass (as ESLint does).
 */
export function applyFixes(text: string, messages: readonly { fix?: Fix }[]): { output: string; fixed: boolean } {
  const fixes = messages.flatMap((m) => (m.fix ? [m.fix] : [])).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let last = 0;
  let lastEnd = -1;
  let fixed = false;
  for (const f of fixes) {
    if (f.range[0] < lastEnd || f.range[0] < last) continue;
    if (f.range[0] === lastEnd && f.range[0] === f.range[1] && fixed) continue;
    out += text.slice(last, f.range[0]) + f.text;
    last = f.range[1];
    lastEnd = f.range[1];
    fixed = true;
  }
  out += text.slice(last);
  return { output: out, fixed };
}
