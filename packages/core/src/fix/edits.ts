import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Fix, FixKind, JsonPath, Resource, Suggestion } from '../types.js';
import type { Fixer } from '../rule.js';
import { findNode, scannedPositionsOf } from '../parse/index.js';
import { blockMapInsert, blockSeqAppend, documentAppend, lastContentOffset, lineStart, styleFrom, UNSURE, walk } from './positions.js';
import { appendPoint, beforeOwnComments, pairEnd } from './append-point.js';
import { isStructured, itemLines, mapLines, pairLines, scalarText, styleOf } from './yaml-lines.js';

function lookup(resource: Resource, path: JsonPath): { doc: Document.Parsed; node: Node | null; complete: boolean } | null {
  const doc = resource.document.ast;
  if (!doc || resource.file.repaired) return null;
  const full = [...resource.basePath, ...path];
  const found = findNode(doc, full);
  // Text reached through an alias, a merge or an anchor is shared: editing it would change the other users too.
  return { doc, node: found.node, complete: found.depth === full.length && !found.shared };
}

/** YAML text as a JSON value: kept when it already is one (`false`, `"x"`, `{...}`), else quoted as a string. */
function jsonValue(valueText: string): string {
  try {
    JSON.parse(valueText);
    return valueText;
  } catch {
    return JSON.stringify(valueText);
  }
}

/** Appends to a sequence given by a path from the document root (List items). */
function appendAbsolute(f: Fixer, resource: Resource, path: JsonPath, value: unknown): Fix | null {
  return f.appendItem({ ...resource, basePath: [] }, path, value);
}

/** The fixer that rules receive: edits computed from node ranges, never by re-serializing. */
export const fixer: Fixer = {
  insertPair(resource, mapPath, key, valueText, where = 'first') {
    // A block mapping of a scanned document: placed from the scanner's positions, no syntax tree.
    const fast = blockMapInsert(resource, mapPath, where, beforeOwnComments);
    if (fast !== UNSURE) {
      if (!fast) return null;
      const entry = `${key}: ${valueText}`;
      const eol = resource.file.eol;
      const indent = ' '.repeat(fast.col);
      return { range: [fast.pos, fast.pos], text: where === 'first' ? `${entry}${eol}${indent}` : `${eol}${indent}${entry}` };
    }
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
      if (isScalar(k0) && k0.type === 'QUOTE_DOUBLE') entry = `${JSON.stringify(key)}: ${jsonValue(valueText)}`;
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
    if (where === 'first') {
      const pos = beforeOwnComments(text, at);
      return { range: [pos, pos], text: `${entry}${eol}${indent}` };
    }
    const tail = appendPoint(text, map.items[map.items.length - 1]!, at);
    if (!tail) return null;
    return { range: [tail.pos, tail.pos], text: tail.lineStart ? `${indent}${entry}${eol}` : `${eol}${indent}${entry}` };
  },

  insertValue(resource, mapPath, key, value, where = 'last') {
    if (!isStructured(value)) return this.insertPair(resource, mapPath, key, scalarText(value), where);
    const fast = blockMapInsert(resource, mapPath, where, beforeOwnComments);
    const fastStyle = fast !== UNSURE && fast ? styleFrom(resource.file.text, scannedPositionsOf(resource.document)!) : UNSURE;
    if (fast !== UNSURE && (fast === null || fastStyle !== UNSURE)) {
      if (!fast || fastStyle === UNSURE) return null;
      const eol = resource.file.eol;
      const lines = pairLines(key, value, fast.col, fastStyle);
      return where === 'first' ? { range: [fast.pos, fast.pos], text: `${lines.join(eol).slice(fast.col)}${eol}${' '.repeat(fast.col)}` } : { range: [fast.pos, fast.pos], text: `${eol}${lines.join(eol)}` };
    }
    const found = lookup(resource, mapPath);
    if (!found?.complete || !isMap(found.node) || !found.node.range) return null;
    const map = found.node;
    if (map.flow) return this.insertPair(resource, mapPath, key, JSON.stringify(value), where);
    const text = resource.file.text;
    const eol = resource.file.eol;
    const firstKey = map.items[0]?.key as Node | undefined;
    if (!firstKey?.range) return null;
    const at = firstKey.range[0];
    const col = at - lineStart(text, at);
    const style = styleOf(text, found.doc);
    const lines = pairLines(key, value, col, style);
    if (where === 'first') {
      const pos = beforeOwnComments(text, at);
      return { range: [pos, pos], text: `${lines.join(eol).slice(col)}${eol}${' '.repeat(col)}` };
    }
    const tail = appendPoint(text, map.items[map.items.length - 1]!, at);
    if (!tail) return null;
    return { range: [tail.pos, tail.pos], text: tail.lineStart ? `${lines.join(eol)}${eol}` : `${eol}${lines.join(eol)}` };
  },

  appendItem(resource, seqPath, value) {
    const fast = blockSeqAppend(resource, seqPath);
    const fastStyle = fast !== UNSURE && fast ? styleFrom(resource.file.text, scannedPositionsOf(resource.document)!) : UNSURE;
    if (fast !== UNSURE && (fast === null || fastStyle !== UNSURE)) {
      if (!fast || fastStyle === UNSURE) return null;
      return { range: [fast.pos, fast.pos], text: `${resource.file.eol}${itemLines(value, fast.col, fastStyle).join(resource.file.eol)}` };
    }
    const found = lookup(resource, seqPath);
    if (!found?.complete || !isSeq(found.node) || !found.node.range) return null;
    const seq = found.node;
    const text = resource.file.text;
    const eol = resource.file.eol;
    if (seq.flow) {
      const json = isStructured(value) ? JSON.stringify(value) : scalarText(value);
      const last = seq.items[seq.items.length - 1] as Node | undefined;
      const open = seq.range?.[0] ?? 0;
      if (!last) return { range: [open + 1, open + 1], text: json };
      if (!last.range) return null;
      return { range: [last.range[1], last.range[1]], text: `, ${json}` };
    }
    const first = seq.items[0] as Node | undefined;
    if (!first?.range) return null;
    const ls = lineStart(text, first.range[0]);
    const dash = text.lastIndexOf('-', first.range[0] - 1);
    if (dash < ls || text.slice(ls, dash).trim() !== '') return null;
    const col = dash - ls;
    const lines = itemLines(value, col, styleOf(text, found.doc));
    const tail = appendPoint(text, seq.items[seq.items.length - 1] as Node, dash);
    if (!tail) return null;
    return { range: [tail.pos, tail.pos], text: tail.lineStart ? `${lines.join(eol)}${eol}` : `${eol}${lines.join(eol)}` };
  },

  insertDocumentAfter(resource, object) {
    const root = resource.file.repaired ? null : scannedPositionsOf(resource.document);
    // An item of a List of a scanned document: appendItem places it without a syntax tree.
    if (root && resource.basePath.length > 0) return appendAbsolute(this, resource, resource.basePath.slice(0, -1), object);
    const fast = documentAppend(resource);
    const fastStyle = fast !== UNSURE ? styleFrom(resource.file.text, root!) : UNSURE;
    if (fast !== UNSURE && fastStyle !== UNSURE) {
      const eol = resource.file.eol;
      return { range: [fast, fast], text: `${eol}${['---', ...mapLines(object, 0, fastStyle)].join(eol)}` };
    }
    const doc = resource.document.ast;
    if (!doc || resource.file.repaired) return null;
    if (resource.basePath.length > 0) {
      // An item of a List: the new object becomes the List's next item.
      const listPath = resource.basePath.slice(0, -1);
      return appendAbsolute(this, resource, listPath, object);
    }
    const contents = doc.contents as Node | null;
    if (contents?.range && isMap(contents) && contents.flow && !resource.file.documents.includes(resource.document)) {
      // An item of a JSON List read with a tree of its own (kubectl -o json): the new object is the next item.
      return { range: [contents.range[1], contents.range[1]], text: `, ${JSON.stringify(object)}` };
    }
    if (!contents?.range || (isMap(contents) && contents.flow)) return null; // JSON holds one document
    const text = resource.file.text;
    const eol = resource.file.eol;
    const tail = appendPoint(text, contents, contents.range[0]);
    if (!tail) return null;
    const lines = ['---', ...mapLines(object, 0, styleOf(text, doc))];
    return { range: [tail.pos, tail.pos], text: tail.lineStart ? `${lines.join(eol)}${eol}` : `${eol}${lines.join(eol)}` };
  },

  merge(text, fixes) {
    if (fixes.some((f) => f === null)) return null;
    const seen = new Set<string>();
    const list = (fixes as Fix[])
      .filter((f) => {
        const k = `${f.range[0]}:${f.range[1]}:${f.text}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      })
      .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
    if (list.length === 0) return null;
    let out = '';
    const start = list[0]!.range[0];
    let last = start;
    for (const f of list) {
      if (f.range[0] < last) return null;
      out += text.slice(last, f.range[0]) + f.text;
      last = f.range[1];
    }
    return { range: [start, last], text: out };
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
    const at = walk(resource, path);
    if (at !== UNSURE && (at === null || at.t !== 'unknown')) {
      // A one-line scalar of a scanned document; anything else is no fix.
      if (at === null || at.t !== 'scalar') return null;
      const out = at.q === 34 ? jsonValue(valueText) : at.q === 39 && !/^['"]/.test(valueText) ? `'${valueText.replace(/'/g, "''")}'` : valueText;
      return { range: [at.start, at.end], text: out };
    }
    const found = lookup(resource, path);
    if (!found?.complete || !isScalar(found.node) || !found.node.range) return null;
    const node = found.node;
    // A quoted string stays quoted the same way (JSON stays JSON).
    let out = valueText;
    if (typeof node.value === 'string' && node.type === 'QUOTE_DOUBLE') out = jsonValue(valueText);
    else if (typeof node.value === 'string' && node.type === 'QUOTE_SINGLE' && !/^['"]/.test(valueText)) out = `'${valueText.replace(/'/g, "''")}'`;
    const r = node.range!;
    return { range: [r[0], r[1]], text: out };
  },
};

/**
 * Applies non-overlapping fixes to `text`, in order (of each message its automatic fix when
 * `types` has `problem`, else its first suggestion of a kind in `types`); a fix that overlaps an earlier one is left for
 * the next pass (as ESLint does).
 */
export function applyFixes(text: string, messages: readonly { fix?: Fix; suggestions?: readonly Suggestion[] }[], types: readonly FixKind[] = ['problem']): { output: string; fixed: boolean } {
  const chosen = (m: { fix?: Fix; suggestions?: readonly Suggestion[] }): Fix | undefined => {
    if (m.fix) return types.includes('problem') ? m.fix : undefined;
    return m.suggestions?.find((s) => types.includes(s.kind))?.fix;
  };
  const fixes = messages.flatMap((m) => {
    const f = chosen(m);
    return f ? [f] : [];
  }).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
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
