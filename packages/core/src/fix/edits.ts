import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Fix, FixKind, JsonPath, Resource, Suggestion } from '../types.js';
import type { Fixer } from '../rule.js';
import { findNode, scannedPositionsOf } from '../parse/index.js';
import { blockMapInsert, blockSeqAppend, documentAppend, lastContentOffset, lineEnd, lineStart, styleFrom, UNSURE, walk } from './positions.js';

function lookup(resource: Resource, path: JsonPath): { doc: Document.Parsed; node: Node | null; complete: boolean } | null {
  const doc = resource.document.ast;
  if (!doc || resource.file.repaired) return null;
  const full = [...resource.basePath, ...path];
  const found = findNode(doc, full);
  // Text reached through an alias, a merge or an anchor is shared: editing it would change the other users too.
  return { doc, node: found.node, complete: found.depth === full.length && !found.shared };
}

function pairEnd(pair: Pair): number | undefined {
  const v = pair.value as Node | null;
  return v?.range?.[1] ?? (pair.key as Node | null)?.range?.[1];
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

/**
 * Where an inserted key goes when `at` is a mapping's first key: before the comment lines directly
 * above it at its own indentation (they describe that key), so a comment stays with its key.
 */
function beforeOwnComments(text: string, at: number): number {
  let ls = lineStart(text, at);
  if (text.slice(ls, at).trim() !== '') return at;
  const col = at - ls;
  let best = at;
  while (ls > 0) {
    const prev = lineStart(text, ls - 1);
    const line = text.slice(prev, ls).replace(/\r?\n$|\r$/, '');
    const m = /^( *)#/.exec(line);
    if (!m || m[1]!.length !== col) break;
    best = prev + col;
    ls = prev;
  }
  return best;
}

/** The last node of a subtree in source order (the one whose end is the subtree's end). */
function tailNode(node: Node): Node {
  let cur: Node = node;
  for (let depth = 0; depth < 200; depth++) {
    if (isMap(cur) && !cur.flow && cur.items.length > 0) {
      const p = cur.items[cur.items.length - 1]!;
      const v = (p.value as Node | null) ?? (p.key as Node | null);
      if (!v) return cur;
      cur = v;
    } else if (isSeq(cur) && !cur.flow && cur.items.length > 0) {
      cur = cur.items[cur.items.length - 1] as Node;
    } else return cur;
  }
  return cur;
}

/**
 * Where text appended after a pair or node goes: at the end of its last line, or — when it ends in
 * a keep-chomping block scalar (`|+`, `>+`), whose trailing blank lines are part of its value — at
 * the start of the line after them. Null when such a scalar ends the file without a line break.
 */
function appendPoint(text: string, item: Pair | Node, floor: number): { pos: number; lineStart: boolean } | null {
  const node = isPairLike(item) ? ((item.value as Node | null) ?? (item.key as Node | null)) : item;
  if (!node?.range) return null;
  const tail = tailNode(node);
  if (isScalar(tail) && (tail.type === 'BLOCK_LITERAL' || tail.type === 'BLOCK_FOLDED') && tail.range) {
    const header = /^[|>][0-9+-]*/.exec(text.slice(tail.range[0], tail.range[0] + 4))?.[0] ?? '';
    if (header.includes('+')) {
      const end = tail.range[1];
      if (end === 0 || (text[end - 1] !== '\n' && text[end - 1] !== '\r')) return null;
      return { pos: end, lineStart: true };
    }
  }
  const end = tail.range?.[1] ?? node.range[1];
  return { pos: lineEnd(text, lastContentOffset(text, end, floor)), lineStart: false };
}

function isPairLike(x: Pair | Node): x is Pair {
  return (x as Pair).key !== undefined && (x as Node).range === undefined;
}

interface BlockStyle {
  /** Columns a nested mapping is indented by. */
  step: number;
  /** Columns a sequence's `-` is indented past its key (0 or the step). */
  seq: number;
}

/** The indentation the document uses for nested mappings and for sequences under a key. */
function styleOf(text: string, doc: Document.Parsed): BlockStyle {
  let step = 0;
  let seq = -1;
  const visit = (node: Node | null, depth: number): void => {
    if (!node || depth > 40 || (step > 0 && seq >= 0)) return;
    if (isMap(node) && !node.flow) {
      for (const p of node.items) {
        const k = p.key as Node | null;
        const v = p.value as Node | null;
        if (k?.range && v?.range && !((v as { flow?: boolean }).flow)) {
          const kc = k.range[0] - lineStart(text, k.range[0]);
          if (isMap(v) && v.items[0]?.key && step === 0) {
            const fk = (v.items[0].key as Node).range;
            if (fk && lineStart(text, fk[0]) !== lineStart(text, k.range[0])) step = fk[0] - lineStart(text, fk[0]) - kc;
          } else if (isSeq(v) && seq < 0) {
            const it = v.items[0] as Node | undefined;
            if (it?.range) {
              const ls = lineStart(text, it.range[0]);
              const dash = text.lastIndexOf('-', it.range[0] - 1);
              if (dash >= ls && ls !== lineStart(text, k.range[0])) seq = dash - ls - kc;
            }
          }
        }
        visit(v, depth + 1);
      }
    } else if (isSeq(node) && !node.flow) {
      for (const it of node.items) visit(it as Node, depth + 1);
    }
  };
  visit(doc.contents as Node | null, 0);
  if (step <= 0) step = 2;
  if (seq < 0 || seq > step) seq = step;
  return { step, seq };
}

function isStructured(v: unknown): v is Record<string, unknown> | unknown[] {
  return v !== null && typeof v === 'object';
}

const PLAIN = /^[A-Za-z0-9/_.][A-Za-z0-9/_.:@+-]*$/;
// Plain scalars Kubernetes' YAML 1.1 reader would not read as strings.
const NOT_STRING = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?[0-9][0-9_:.eE+-]*|\.inf|\.nan)$/;

/** A scalar as YAML text that every reader decodes to the same value. */
export function scalarText(v: unknown): string {
  if (typeof v === 'string') return PLAIN.test(v) && !NOT_STRING.test(v) && !v.endsWith(':') ? v : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return 'null';
}

function keyText(k: string): string {
  return PLAIN.test(k) && !NOT_STRING.test(k) ? k : JSON.stringify(k);
}

function pairLines(key: string, value: unknown, col: number, st: BlockStyle): string[] {
  const pad = ' '.repeat(col);
  if (Array.isArray(value) && value.length > 0) return [`${pad}${keyText(key)}:`, ...value.flatMap((v) => itemLines(v, col + st.seq, st))];
  if (isStructured(value) && !Array.isArray(value) && Object.keys(value).length > 0) return [`${pad}${keyText(key)}:`, ...mapLines(value, col + st.step, st)];
  return [`${pad}${keyText(key)}: ${isStructured(value) ? JSON.stringify(value) : scalarText(value)}`];
}

function mapLines(obj: Record<string, unknown>, col: number, st: BlockStyle): string[] {
  return Object.entries(obj).flatMap(([k, v]) => pairLines(k, v, col, st));
}

/** A sequence item whose `-` is at column `col`. */
function itemLines(value: unknown, col: number, st: BlockStyle): string[] {
  const pad = ' '.repeat(col);
  if (isStructured(value) && !Array.isArray(value) && Object.keys(value).length > 0) {
    const lines = mapLines(value, col + 2, st);
    lines[0] = `${pad}- ${lines[0]!.slice(col + 2)}`;
    return lines;
  }
  return [`${pad}- ${isStructured(value) ? JSON.stringify(value) : scalarText(value)}`];
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
