/**
 * The commonest fix edits (a pair or a value added to a block mapping, an item to a block sequence)
 * computed from the scanner's positions instead of a `yaml` syntax tree, which costs far more to
 * build than the edit: on a repository where most workloads get a fix, building those trees was
 * most of the run. Each function gives exactly what the syntax-tree version in edits.ts gives, or
 * UNSURE where the positions do not say (flow collections, block and multi-line scalars, empty
 * values), and the caller then takes the syntax tree. positions.test.ts holds them to that.
 */
import type { Fix, JsonPath, Resource } from '../types.js';
import type { ScanPos } from '../parse/scan.js';
import { scannedPositionsOf } from '../parse/index.js';

/** The positions cannot tell: use the syntax tree. */
export const UNSURE = Symbol('unsure');
export type Maybe<T> = T | typeof UNSURE;

type MapPos = Extract<ScanPos, { t: 'map' }>;
type SeqPos = Extract<ScanPos, { t: 'seq' }>;

/** The node at `path` from the document root, null when the path is certainly not all there, UNSURE when the positions cannot say. */
export function walk(resource: Resource, path: JsonPath): Maybe<ScanPos | null> {
  if (resource.file.repaired) return UNSURE;
  let node = scannedPositionsOf(resource.document);
  if (!node) return UNSURE;
  for (const seg of [...resource.basePath, ...path]) {
    if (node.t === 'flow' || node.t === 'unknown') return UNSURE;
    if (typeof seg === 'number') {
      if (!Number.isInteger(seg) || seg < 0) return UNSURE;
      if (node.t !== 'seq') return null;
      const item: ScanPos | undefined = node.items[seg];
      if (!item) return null;
      node = item;
    } else {
      if (node.t !== 'map') return null;
      const pair = node.pairs.get(seg);
      if (!pair) return null;
      node = pair.v;
    }
  }
  return node;
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the end of the line holding `offset` (before its CR LF or LF). */
export function lineEnd(text: string, offset: number): number {
  let nl = text.indexOf('\n', offset);
  if (nl < 0) nl = text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** `end` moved back over whitespace, not below `floor`. */
export function lastContentOffset(text: string, end: number, floor: number): number {
  let i = end;
  while (i > floor && /\s/.test(text[i - 1]!)) i--;
  return i;
}

/** The end of a subtree's last node in source order (edits.ts tailNode), or UNSURE. */
function tailEnd(node: ScanPos): Maybe<number> {
  let cur = node;
  for (let depth = 0; depth < 200; depth++) {
    if (cur.t === 'map') cur = [...cur.pairs.values()].pop()!.v;
    else if (cur.t === 'seq') cur = cur.items[cur.items.length - 1]!;
    else if (cur.t === 'scalar' || cur.t === 'flow') return cur.end;
    else return UNSURE;
  }
  return UNSURE;
}

/** append-point.ts appendPoint for a block node that ends in no block scalar: the end of its last line. */
function appendAt(text: string, node: ScanPos, floor: number): Maybe<number> {
  const end = tailEnd(node);
  return end === UNSURE ? UNSURE : lineEnd(text, lastContentOffset(text, end, floor));
}

/** styleFrom's answers by document positions (a document's fixes ask for its style once each). */
const styles = new WeakMap<ScanPos, Maybe<{ step: number; seq: number }>>();

/** yaml-lines.ts styleOf: the indentation the document uses for nested mappings and for sequences under a key. */
export function styleFrom(text: string, root: ScanPos): Maybe<{ step: number; seq: number }> {
  let style = styles.get(root);
  if (style === undefined) styles.set(root, (style = computeStyle(text, root)));
  return style;
}

function computeStyle(text: string, root: ScanPos): Maybe<{ step: number; seq: number }> {
  let step = 0;
  let seq = -1;
  let unsure = false;
  const visit = (node: ScanPos, depth: number): void => {
    if (unsure || depth > 40 || (step > 0 && seq >= 0)) return;
    if (node.t === 'map') {
      for (const [, { ks, v }] of node.pairs) {
        if (unsure) return;
        if (v.t !== 'flow') {
          const kc = ks - lineStart(text, ks);
          if (v.t === 'map' && step === 0) {
            const fk = v.pairs.values().next().value!.ks;
            if (lineStart(text, fk) !== lineStart(text, ks)) step = fk - lineStart(text, fk) - kc;
          } else if (v.t === 'seq' && seq < 0) {
            const it = v.items[0]!;
            if (it.t === 'unknown') {
              unsure = true;
              return;
            }
            const ls = lineStart(text, it.start);
            const dash = text.lastIndexOf('-', it.start - 1);
            if (dash >= ls && ls !== lineStart(text, ks)) seq = dash - ls - kc;
          }
        }
        visit(v, depth + 1);
      }
    } else if (node.t === 'seq') {
      for (const it of node.items) visit(it, depth + 1);
    }
  };
  visit(root, 0);
  if (unsure) return UNSURE;
  if (step <= 0) step = 2;
  if (seq < 0 || seq > step) seq = step;
  return { step, seq };
}

/** Where a pair goes in the block mapping at `mapPath`, as edits.ts insertPair/insertValue place it: the mapping, its first key's column, and the offset to insert at (null: the fixer gives no fix). */
export function blockMapInsert(resource: Resource, mapPath: JsonPath, where: 'first' | 'last', beforeOwnComments: (text: string, at: number) => number): Maybe<{ map: MapPos; col: number; pos: number } | null> {
  const node = walk(resource, mapPath);
  if (node === UNSURE) return UNSURE;
  if (node === null || node.t === 'seq' || node.t === 'scalar') return null;
  if (node.t !== 'map') return UNSURE; // a flow mapping, or a value the positions do not know
  const text = resource.file.text;
  const at = node.pairs.values().next().value!.ks;
  const col = at - lineStart(text, at);
  if (where === 'first') return { map: node, col, pos: beforeOwnComments(text, at) };
  const pos = appendAt(text, [...node.pairs.values()].pop()!.v, at);
  return pos === UNSURE ? UNSURE : { map: node, col, pos };
}

/** Where an item goes in the block sequence at `seqPath`, as edits.ts appendItem places it (null: no fix). */
export function blockSeqAppend(resource: Resource, seqPath: JsonPath): Maybe<{ seq: SeqPos; col: number; pos: number } | null> {
  const node = walk(resource, seqPath);
  if (node === UNSURE) return UNSURE;
  if (node === null || node.t === 'map' || node.t === 'scalar') return null;
  if (node.t !== 'seq') return UNSURE;
  const first = node.items[0]!;
  if (first.t === 'unknown') return UNSURE;
  const text = resource.file.text;
  const ls = lineStart(text, first.start);
  const dash = text.lastIndexOf('-', first.start - 1);
  if (dash < ls || text.slice(ls, dash).trim() !== '') return null;
  const pos = appendAt(text, node.items[node.items.length - 1]!, dash);
  return pos === UNSURE ? UNSURE : { seq: node, col: dash - ls, pos };
}

/** Where a new document goes after the resource's own (a block mapping), as edits.ts insertDocumentAfter places it. */
export function documentAppend(resource: Resource): Maybe<number> {
  if (resource.file.repaired || resource.basePath.length > 0) return UNSURE;
  const root = scannedPositionsOf(resource.document);
  if (!root || root.t !== 'map') return UNSURE;
  return appendAt(resource.file.text, root, root.start);
}

/** The edit that inserts `lines` (already indented) at `pos`, as edits.ts writes it after a pair or item. */
export function appended(pos: number, lines: string, eol: string): Fix {
  return { range: [pos, pos], text: `${eol}${lines}` };
}
