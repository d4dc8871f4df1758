/**
 * A document's value as kubectl gets it: go-yaml v2 decoding into `interface{}` (through
 * `sigs.k8s.io/yaml`), then JSON. Walks the `yaml` package's syntax tree (which gives structure and
 * ranges) and decides everything else the way go-yaml's decoder does, from its documented rules:
 *
 * - scalars resolved by go-yaml's rules (`yaml11.ts`), explicit tags honoured or refused;
 * - `<<` merge keys applied where they stand: a merge writes its keys into the mapping being built,
 *   so a merge after an explicit key overrides it and a later explicit key overrides the merge; in a
 *   sequence of maps the earlier maps win; the value must be a map, an alias of one, or a sequence of
 *   them;
 * - the later of two equal keys wins; keys become JSON strings (`sigs.k8s.io/yaml`'s conversion);
 * - aliases expanded as go-yaml expands them, counted as it counts them, and refused where it refuses
 *   ("excessive aliasing": more than 100 alias-driven decodes, over 1000 in all, and a ratio above
 *   99 % for small documents, falling to 10 % for very large ones), so the work is bounded;
 * - `.inf`/`.nan` values cannot be marshalled to JSON: kubectl refuses the document.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { GoYamlError, jsonKey, jsonValue, MERGE_TAG, resolveGo, type GoScalar } from './yaml11.js';

/** Why kubectl refuses a document, and where. */
export interface DecodeFailure {
  message: string;
  /** Offset (in the parsed text) of the node go-yaml failed on. */
  at: number;
  aliasLimit: boolean;
}

class DecodeError extends Error {
  constructor(
    message: string,
    readonly at: number,
    readonly aliasLimit = false,
  ) {
    super(message);
  }
}

const ALIAS_RATIO_LOW = 400_000;
const ALIAS_RATIO_HIGH = 4_000_000;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_LOW) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW));
}

/** go-yaml's isMerge: a `<<` key that is plain (untagged, or with the non-specific `!`) or tagged `!!merge`. */
export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key) || scalarSource(key) !== '<<') return false;
  const tag = key.tag;
  return tag === MERGE_TAG || (key.type === 'PLAIN' && (tag === undefined || tag === '!'));
}

function scalarSource(s: Scalar): string {
  return typeof s.source === 'string' ? s.source : String(s.value ?? '');
}

/** The scalar as go-yaml resolves it: plain untagged scalars by their text, quoted and block ones as strings, tagged ones by their tag. */
export function goScalar(s: Scalar): GoScalar {
  const text = scalarSource(s);
  const tag = s.tag;
  if (tag === undefined || tag === null) return s.type === 'PLAIN' || s.type === undefined ? resolveGo('', text) : { type: 'str', value: text };
  return resolveGo(tag, text);
}

/** The JSON key a mapping key node becomes (throws where go-yaml or sigs.k8s.io/yaml refuse it). */
export function goKey(node: unknown): string {
  if (node === null || node === undefined) return jsonKey({ type: 'null' });
  if (isScalar(node)) return jsonKey(goScalar(node));
  throw new GoYamlError('invalid map key: a mapping or sequence');
}

function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

class Decoder {
  decodeCount = 0;
  aliasCount = 0;
  aliasDepth = 0;
  readonly active = new Set<Alias>();
  /** The alias of the document body being expanded (where an aliasing failure is reported). */
  outerAlias: Alias | undefined;

  constructor(
    private readonly doc: Document.Parsed,
    /** Each alias's node: the last node with its anchor before it, in document order (go-yaml's parser). */
    private readonly targets: ReadonlyMap<Alias, Node>,
  ) {}

  at(node: unknown): number {
    const r = (node as { range?: [number, number, number] } | null)?.range;
    return r ? r[0] : (this.doc.range[0] ?? 0);
  }

  count(node: unknown): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new DecodeError('document contains excessive aliasing', this.at(this.outerAlias ?? node), true);
    }
  }

  value(node: unknown): unknown {
    this.count(node);
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.alias(node, (target) => this.valueUncounted(target));
    return this.valueUncounted(node);
  }

  /** The value of a node already counted (the target of an alias is counted by its own unmarshal). */
  private valueUncounted(node: unknown): unknown {
    if (isScalar(node)) {
      let r: GoScalar;
      try {
        r = goScalar(node);
      } catch (err) {
        throw new DecodeError((err as Error).message, this.at(node));
      }
      if (r.type === 'float' && !Number.isFinite(r.value)) throw new DecodeError(`json: unsupported value: ${Number.isNaN(r.value) ? 'NaN' : r.value > 0 ? '+Inf' : '-Inf'}`, this.at(node));
      return jsonValue(r);
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      this.mapping(node, out);
      return out;
    }
    if (isSeq(node)) {
      const out: unknown[] = [];
      for (const item of node.items) out.push(isPair(item) ? this.pairAsMap(item) : this.value(item));
      return out;
    }
    if (isPair(node)) return this.pairAsMap(node);
    return null;
  }

  private pairAsMap(pair: { key: unknown; value: unknown }): Record<string, unknown> {
    this.count(pair);
    const out: Record<string, unknown> = {};
    this.entry(pair, out);
    return out;
  }

  private alias<T>(node: Alias, then: (target: Node) => T): T {
    const target = this.targets.get(node);
    if (!target) throw new DecodeError(`unknown anchor '${node.source}' referenced`, this.at(node));
    if (this.active.has(node)) throw new DecodeError(`anchor '${node.source}' value contains itself`, this.at(node));
    this.active.add(node);
    if (this.aliasDepth === 0) this.outerAlias = node;
    this.aliasDepth++;
    try {
      this.count(target);
      return then(target);
    } finally {
      this.aliasDepth--;
      this.active.delete(node);
    }
  }

  /** Decodes a mapping's pairs into `out`, in order (go-yaml's mapping into an existing map). */
  mapping(node: YAMLMap, out: Record<string, unknown>): void {
    for (const pair of node.items) this.entry(pair, out);
  }

  private entry(pair: { key: unknown; value: unknown }, out: Record<string, unknown>): void {
    if (isMergeKey(pair.key)) {
      this.merge(pair.value, out);
      return;
    }
    this.count(pair.key);
    let key: string;
    try {
      const k = isAlias(pair.key) ? this.alias(pair.key, (t) => t) : pair.key;
      key = goKey(k);
    } catch (err) {
      if (err instanceof DecodeError) throw err;
      throw new DecodeError((err as Error).message, this.at(pair.key));
    }
    setKey(out, key, this.value(pair.value));
  }

  private merge(value: unknown, out: Record<string, unknown>): void {
    const fail = (at: unknown): never => {
      throw new DecodeError('map merge requires map or sequence of maps as the value', this.at(at));
    };
    if (isMap(value)) {
      this.count(value);
      this.mapping(value, out);
    } else if (isAlias(value)) {
      this.count(value);
      this.alias(value, (target) => (isMap(target) ? this.mapping(target, out) : fail(value)));
    } else if (isSeq(value)) {
      // Earlier maps take precedence: applied last.
      for (let i = value.items.length - 1; i >= 0; i--) {
        const item = value.items[i];
        if (isMap(item)) {
          this.count(item);
          this.mapping(item, out);
        } else if (isAlias(item)) {
          this.count(item);
          this.alias(item, (target) => (isMap(target) ? this.mapping(target, out) : fail(item)));
        } else fail(item);
      }
    } else fail(value);
  }
}

/** Each alias's target: the last node with its anchor before the alias, an anchor counting from its own node on (so an alias inside its anchor's node is that node). */
function aliasTargets(root: unknown): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) targets.set(node, target);
      continue;
    }
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as Node);
    if (isMap(node) || isSeq(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  return targets;
}

/**
 * The value kubectl decodes from a document of the `yaml` package, or why it refuses it. The
 * document must have no syntax errors.
 */
export function decodeDocument(doc: Document.Parsed): { value: unknown } | { failure: DecodeFailure } {
  const decoder = new Decoder(doc, aliasTargets(doc.contents));
  try {
    decoder.count(doc);
    return { value: decoder.value(doc.contents) };
  } catch (err) {
    if (err instanceof DecodeError) return { failure: { message: err.message, at: err.at, aliasLimit: err.aliasLimit } };
    if (err instanceof RangeError) return { failure: { message: 'document nests too deeply', at: doc.range[0], aliasLimit: false } };
    throw err;
  }
}
