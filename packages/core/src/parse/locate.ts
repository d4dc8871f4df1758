// Where a JSON path is in a document: from the scanner's positions when the document was scanned,
// else from its `yaml` syntax tree (walked as go-yaml decodes: last writer wins, merges applied).
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { JsonPath, ParsedDocument } from '../types.js';
import { scanPositions, type ScanPos } from './scan.js';
import { goKey, isMergeKey } from './goyaml.js';

/**
 * Scanned documents: where to scan them again with positions. A finding is placed from those
 * positions ({@link locatePath}), not from a `yaml` syntax tree, unless they cannot say.
 */
const scannedPositions = new WeakMap<ParsedDocument, { source: string; range: [number, number]; top?: { keys: string[]; starts: number[] } }>();

/**
 * Records that `doc` was scanned from `source[range]`, so that its paths are placed from scanner
 * positions; `top` (a block mapping's keys and where their lines start: ScannedDocument.top) lets
 * a path be placed from its first key's entry alone.
 */
export function rememberScanned(doc: ParsedDocument, source: string, range: [number, number], top?: { keys: string[]; starts: number[] }): void {
  scannedPositions.set(doc, top ? { source, range, top } : { source, range });
}

/**
 * Positions kept: those of the document placed last only (findings come in runs on one document,
 * and a finding's fix asks for the same positions as its placement). Runs used to keep the
 * positions of the first 8M characters of documents they placed, then 1M: on the corpus that held
 * 9.5 MB to the end of the run, on the 10k-document repository 5 MB per 1M characters, and
 * interleaved runs measured no CPU for it since a path into a small root entry (a CRD's metadata)
 * is placed from that entry alone (docs/performance.md).
 */
let lastPositions: { doc: ParsedDocument; pos: ScanPos | null } | undefined;

/**
 * Forgets the positions kept (the pipeline calls it once per run, so that a run does not keep an
 * earlier run's document).
 * @internal
 */
export function startPositionCache(): void {
  lastPositions = undefined;
  lastEntry = undefined;
}

/**
 * What {@link locateInDocument} gives for `path` in the document's syntax tree, found from the
 * scanner's positions when the document was scanned and they are sure of the answer (the syntax
 * tree is then never built), else from the syntax tree. Null when the document has no syntax tree
 * (it was not readable).
 */
export function locatePath(doc: ParsedDocument, path: JsonPath): { range: [number, number]; depth: number } | null {
  // A path into a small entry of a large root mapping (`metadata` of a CRD): that entry's
  // positions are the document's there. A path into most of the document (`spec` of a Deployment)
  // takes the whole document's positions, which the finding's fix then uses too.
  const entry = path.length > 0 && typeof path[0] === 'string' && !hasWholePositions(doc) ? entryPositionsOf(doc, path[0], 0.25) : null;
  const pos = entry ?? scannedPositionsOf(doc);
  const found = pos ? locateScanned(pos, path) : null;
  if (found) return found;
  const ast = doc.ast;
  return ast ? locateInDocument(ast, path) : null;
}

/**
 * The scanner's positions of a scanned document (kept as {@link startPositionCache} says), or null
 * when it was not scanned or does not scan on its own.
 * @internal
 */
export function scannedPositionsOf(doc: ParsedDocument): ScanPos | null {
  const s = scannedPositions.get(doc);
  if (!s) return null;
  if (lastPositions?.doc === doc) return lastPositions.pos;
  const pos = scanPositions(s.source.slice(s.range[0], s.range[1]), s.range[0]);
  lastPositions = { doc, pos };
  return pos;
}

/**
 * The positions of one entry of a scanned document's root mapping, scanned from that entry's lines
 * alone (a one-key mapping: the key's line to the next key's line): the same positions as the
 * document's own inside that entry. Null when the document's root is not a block mapping with that
 * key, the entry is more than `atMost` of the document's text, or the entry does not scan on its
 * own (an alias of an anchor in an earlier entry, an empty value at its end): the caller then uses
 * the whole document's positions. Kept as the document's positions are ({@link startPositionCache}).
 * @internal
 */
export function entryPositionsOf(doc: ParsedDocument, key: string, atMost = 1): ScanPos | null {
  const s = scannedPositions.get(doc);
  const k = s?.top?.keys.indexOf(key) ?? -1;
  if (k === -1) return null;
  const top = s!.top!;
  const start = top.starts[k]!;
  const end = k + 1 < top.starts.length ? top.starts[k + 1]! : s!.range[1];
  if (end - start > atMost * (s!.range[1] - s!.range[0])) return null;
  if (lastEntry?.doc === doc && lastEntry.k === k) return lastEntry.pos;
  const pos = scanPositions(s!.source.slice(start, end), start);
  lastEntry = { doc, k, pos };
  return pos;
}

/** Whether the whole document's positions are at hand (it was the last placed). */
function hasWholePositions(doc: ParsedDocument): boolean {
  return lastPositions?.doc === doc;
}

let lastEntry: { doc: ParsedDocument; k: number; pos: ScanPos | null } | undefined;

/** Whether {@link locatePath} can place paths in the document (it has positions or a syntax tree). */
export function hasPositions(doc: ParsedDocument): boolean {
  return scannedPositions.has(doc) || doc.ast !== null;
}

/**
 * {@link locateInDocument} on scanner positions; null where they do not say (the caller asks the syntax tree).
 * @internal
 */
export function locateScanned(root: ScanPos, path: JsonPath): { range: [number, number]; depth: number } | null {
  let node = root;
  let key: { ks: number; ke: number } | null = null;
  let depth = 0;
  for (const seg of path) {
    if (node.t === 'unknown' || node.t === 'flow') return null;
    if (typeof seg === 'number') {
      if (!Number.isInteger(seg) || seg < 0) return null;
      if (node.t !== 'seq' || seg >= node.items.length) break;
      node = node.items[seg]!;
      key = null;
    } else {
      if (node.t !== 'map') break;
      const pair = node.pairs.get(seg);
      if (!pair) break;
      node = pair.v;
      key = pair;
    }
    depth++;
  }
  if (node.t === 'unknown') return null;
  if (key) return { range: [key.ks, node.t === 'scalar' ? node.end : key.ke], depth };
  if (node.t === 'scalar') return { range: [node.start, node.end], depth };
  if (node.t === 'map') {
    const first = node.pairs.values().next().value;
    if (!first || first.v.t === 'unknown') return null;
    return { range: [first.ks, first.v.t === 'scalar' ? first.v.end : first.ke], depth };
  }
  if (node.t === 'seq') return { range: [node.start, node.start + 1], depth };
  return null;
}

/** The node at `path` inside a document, the pair holding it, and how much of the path exists. */
export interface NodeLookup {
  node: Node | null;
  /** The mapping pair whose value is `node`, when the last found segment was a key. */
  keyNode: Node | null;
  /** Number of path segments that were found. */
  depth: number;
  /**
   * True when the walk went through text other places share: an alias, a `<<` merge source, or a
   * node carrying an anchor. An edit there would change every place that uses it, so fixes refuse.
   */
  shared: boolean;
}

/** Walks the syntax tree along `path`, stopping at the deepest segment that exists. */
export function findNode(doc: Document.Parsed, path: JsonPath): NodeLookup {
  let node: Node | null = doc.contents as Node | null;
  let keyNode: Node | null = null;
  let depth = 0;
  let shared = hasAnchor(node);
  for (const seg of path) {
    if (isAlias(node)) shared = true;
    const cur = isAlias(node) ? (node.resolve(doc) as Node | undefined) ?? null : node;
    if (typeof seg === 'number') {
      if (!isSeq(cur) || seg >= cur.items.length) break;
      node = cur.items[seg] as Node;
      keyNode = null;
    } else {
      if (!isMap(cur)) break;
      const found = supplyingPair(doc, cur, seg, 0);
      if (!found) break;
      if (found.merged) shared = true;
      node = (found.pair.value as Node | null) ?? null;
      keyNode = found.pair.key as Node;
    }
    if (hasAnchor(node) || isAlias(node)) shared = true;
    depth++;
  }
  return { node, keyNode, depth, shared };
}

function hasAnchor(node: unknown): boolean {
  return node !== null && typeof node === 'object' && typeof (node as { anchor?: unknown }).anchor === 'string';
}

/**
 * The pair that gives a mapping's key `seg` its value, as go-yaml decodes it: the last writer in
 * order, explicit pairs and `<<` merges alike (a merge's pairs are found in its source maps, the
 * earlier maps of a merged sequence winning). Keys compare as the JSON strings go-yaml makes.
 */
function supplyingPair(doc: Document.Parsed, map: YAMLMap, seg: string, depth: number): { pair: Pair; merged: boolean } | undefined {
  if (depth > 50) return undefined;
  let found: { pair: Pair; merged: boolean } | undefined;
  for (const p of map.items) {
    if (isMergeKey(p.key)) {
      for (const source of mergeSources(doc, p.value)) {
        const f = supplyingPair(doc, source, seg, depth + 1);
        if (f) found = { pair: f.pair, merged: true };
      }
    } else if (keyIs(doc, p.key, seg)) found = { pair: p, merged: false };
  }
  return found;
}

/** The maps a merge applies, in the order they are applied (a sequence's last map first). */
function mergeSources(doc: Document.Parsed, value: unknown): YAMLMap[] {
  const deref = (n: unknown): unknown => (isAlias(n) ? n.resolve(doc) : n);
  const v = deref(value);
  if (isMap(v)) return [v];
  if (!isSeq(v)) return [];
  return v.items.map(deref).filter((m): m is YAMLMap => isMap(m)).reverse();
}

function keyIs(doc: Document.Parsed, key: unknown, seg: string): boolean {
  const k = isAlias(key) ? key.resolve(doc) : key;
  if (isScalar(k) && k.type !== 'PLAIN' && k.tag === undefined && typeof k.source === 'string') return k.source === seg;
  try {
    return goKey(k) === seg;
  } catch {
    return false;
  }
}

/**
 * The range a finding about `path` is shown at: for a key with a scalar value, the key through the
 * value; for a key with a collection value, the key; for a sequence item, the item's first line.
 * A missing field resolves to its nearest existing parent. Offsets are in the parsed text; map them
 * with `file.toSourceOffset`.
 */
export function locateInDocument(doc: Document.Parsed, path: JsonPath): { range: [number, number]; depth: number } {
  const { node, keyNode, depth } = findNode(doc, path);
  if (keyNode?.range) {
    const end = node && isScalar(node) && node.range ? node.range[1] : keyNode.range[1];
    return { range: [keyNode.range[0], end], depth };
  }
  if (node && isScalar(node) && node.range) return { range: [node.range[0], node.range[1]], depth };
  if (isMap(node) && node.items.length > 0) {
    const p = node.items[0]!;
    const k = p.key as Node | null;
    if (k?.range) {
      const v = p.value as Node | null;
      const end = v && isScalar(v) && v.range ? v.range[1] : k.range[1];
      return { range: [k.range[0], end], depth };
    }
  }
  const r = node?.range ?? [doc.range[0], doc.range[0]];
  return { range: [r[0], Math.min(r[1], r[0] + 1)], depth };
}
