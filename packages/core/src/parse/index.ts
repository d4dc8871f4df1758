import { Composer, Parser, parseAllDocuments, isMap, isSeq, isScalar, isAlias, isPair, type Document, type Node, type Pair, type YAMLError, type YAMLMap } from 'yaml';
import type { JsonPath, Origin, ParsedDocument, ParsedFile, ParseProblem, PathSegment } from '../types.js';
import { applyInsertions, findUnderIndentedQuotes } from './lenient.js';
import { scanManifests, scanPositions, type ScanPos, type ScannedDocument } from './scan.js';
import { scanJsonStream, yamlListItemRanges } from './export.js';
import { formatPath, isRecord } from '../path.js';
import { decodeDocument, goKey, isMergeKey } from './goyaml.js';

/** Kubernetes reads YAML 1.1 (go-yaml): `on`/`off`/`yes`/`no` booleans, octal, `<<` merge keys. */
const YAML_OPTIONS = { version: '1.1', merge: true, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false, logLevel: 'error' } as const;
/**
 * The file of the first `# Source: FILE` comment line (what helm template writes before each
 * document), blanks around it trimmed. Line by line: linear in the text's length.
 */
function sourceComment(text: string): string | undefined {
  if (!text.includes('Source:')) return undefined;
  for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    const t = trimBlanks(line);
    if (t.charCodeAt(0) !== 35 /* # */) continue;
    const rest = trimBlanks(t.slice(1));
    if (!rest.startsWith('Source:')) continue;
    const file = trimBlanks(rest.slice(7));
    if (file !== '' && !/^\s/.test(file)) return file;
  }
  return undefined;
}

/** `s` without leading and trailing spaces and tabs. */
function trimBlanks(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
  return s.slice(a, b);
}

/**
 * The first `{{ … }}` (no `}` inside) in `text`, as [start, end), or null. A failed `{{` rules out
 * every `{{` before the `}` it stopped at, so the scan is linear (a regex here was quadratic on
 * `{{{{{{…`).
 */
export function findTemplateExpression(text: string): [number, number] | null {
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open === -1) return null;
    const close = text.indexOf('}', open + 2);
    if (close === -1) return null;
    if (text.charCodeAt(close + 1) === 125 /* } */) return [open, close + 2];
    from = close + 1;
  }
}

/**
 * Parses a multi-document YAML (or JSON) stream the way Kubernetes decodes it, keeping each
 * document's syntax tree so that any JSON path can be mapped back to a range of `text`.
 */
export function parseManifests(text: string, path = '<text>'): ParsedFile {
  const problems: ParseProblem[] = [];
  const head = text.slice(0, 65536);
  const eol: '\n' | '\r\n' | '\r' = /\r\n/.test(head) ? '\r\n' : /\r/.test(head) && !/\n/.test(head) ? '\r' : '\n';
  let lineStarts: number[] | undefined;
  const position = (offset: number): { line: number; column: number } => {
    lineStarts ??= computeLineStarts(text);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const file: ParsedFile = { path, text, documents: [], problems, toSourceOffset: (o) => o, position, eol, repaired: false };

  if (text.includes('\0')) {
    problems.push({ severity: 'fatal', code: 'syntax', message: 'File contains NUL bytes: it is binary, not YAML', range: [text.indexOf('\0'), text.indexOf('\0') + 1] });
    return file;
  }

  // go-yaml (Kubernetes) takes a lone CR as a line break; the yaml package does not. Same length,
  // so every offset still points into the original text.
  let source = /\r(?!\n)/.test(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
  // Most manifests are plain block YAML: read their values with the fast scanner, and build a
  // document's syntax tree only when a finding, fix or suppression needs a position in it.
  const scanned = scanManifests(source);
  if (scanned) {
    addScannedDocuments(file, source, scanned);
    return file;
  }
  // kubectl's -o json (one object, a List, or several outputs one after the other).
  const json = source.trimStart().startsWith('{') ? scanJsonStream(source) : null;
  if (json) {
    json.forEach((d, index) => {
      notAnObject(file, d.value, index, [d.range[0], d.range[0] + 1]);
      const doc = withLazyTree({ index, value: d.value, range: d.range }, source, d.range);
      unservedApis(file, d.value, index, (path) => {
        const ast = doc.ast;
        return ast ? locateInDocument(ast, path).range : [d.range[0], d.range[0] + 1];
      });
      const items = isRecord(d.value) && Array.isArray(d.value['items']) ? d.value['items'] : undefined;
      if (items && d.items && d.items.length === items.length) doc.items = d.items.map((r, i) => ({ document: withLazyTree({ index, value: items[i], range: r }, source, r), itemPath: [] }));
      file.documents.push(doc);
    });
    return file;
  }
  let docs = parseStream(source, problems);
  if (!docs) return file;
  if (docs.some((d) => d.errors.some(isUnclosedQuote))) {
    const insertions = findUnderIndentedQuotes(source);
    if (insertions.length > 0) {
      const padded = applyInsertions(source, insertions);
      const retry = parseStream(padded.text, []);
      if (retry && retry.every((d) => d.errors.length === 0)) {
        source = padded.text;
        docs = retry;
        file.toSourceOffset = padded.toOriginal;
        file.repaired = true;
        for (const ins of insertions) {
          problems.push({
            severity: 'warning',
            code: 'lenient-indent',
            message: 'Continuation line of a quoted string is not indented past its key; Kubernetes accepts it, stricter YAML tools do not',
            range: [ins.at, ins.at],
          });
        }
      }
    }
  }

  let prevEnd = 0;
  docs.forEach((doc, index) => {
    const contents = doc.contents as Node | null;
    const start = contents?.range?.[0] ?? doc.range[0];
    const origin = findOrigin(source.slice(prevEnd, start));
    const docRange: [number, number] = [file.toSourceOffset(doc.range[0]), file.toSourceOffset(doc.range[2])];
    prevEnd = doc.range[2];
    if (doc.errors.length > 0) {
      pushSyntaxProblems(file, source, doc, index);
      file.documents.push({ index, value: undefined, ast: null, range: docRange, ...(origin ? { origin } : {}) });
      return;
    }
    const template = findTemplateOutsideScalars(contents, source);
    // The value kubectl gets (go-yaml v2, then JSON), or why it refuses the document: then the
    // document is reported and does not enter the inventory.
    const decoded = decodeDocument(doc);
    if ('failure' in decoded) {
      const f = decoded.failure;
      if (template) {
        // `key: {{ x }}` reads as a mapping with a mapping for a key, which kubectl refuses: say what it is.
        problems.push({ severity: 'fatal', code: 'helm-template', message: helmMessage(), range: mapRange(file, template), documentIndex: index });
      } else {
        problems.push({
          severity: 'fatal',
          code: f.aliasLimit ? 'alias-limit' : 'decode',
          message: f.aliasLimit
            ? 'YAML aliases expand too much, an alias bomb (go-yaml: "document contains excessive aliasing"); kubectl refuses this document, and satlint does not expand it'
            : `kubectl refuses this document (go-yaml and JSON decoding: ${f.message}); it is not linted`,
          range: mapRange(file, [f.at, f.at]),
          documentIndex: index,
        });
      }
      file.documents.push({ index, value: undefined, ast: null, range: docRange, ...(origin ? { origin } : {}) });
      return;
    }
    if (template) {
      // Valid YAML with template syntax outside scalars that kubectl still decodes: say so, and
      // still lint what it decodes to, as the API server would receive it.
      problems.push({
        severity: 'warning',
        code: 'helm-template',
        message: 'This looks like an unrendered template ({{ … }} outside a quoted string), read here as a YAML mapping; lint the rendered output instead (for Helm: helm template RELEASE CHART | satlint -)',
        range: mapRange(file, template),
        documentIndex: index,
      });
    }
    const value = decoded.value;
    unservedApis(file, value, index, (path) => mapRange(file, locateInDocument(doc, path).range));
    collectDuplicateKeys(file, contents, [], index, 0);
    notAnObject(file, value, index, mapRange(file, [start, Math.min(contents?.range?.[1] ?? start, start + 1)]));
    if (isRecord(value) && value['kind'] === 'CustomResourceDefinition') {
      // CRDs are most of the bytes of real install bundles and no rule reads their schemas: keep
      // their syntax tree only until it is needed (a finding to place, a fix to make), then build it
      // again from the text. This roughly halves peak memory on install bundles.
      file.documents.push(withLazyTree({ index, value, range: docRange, ...(origin ? { origin } : {}) }, source, [doc.range[0], doc.range[2]]));
      return;
    }
    file.documents.push({ index, value, ast: doc, range: docRange, ...(origin ? { origin } : {}) });
  });
  return file;
}

function addScannedDocuments(file: ParsedFile, source: string, scanned: ScannedDocument[]): void {
  let prevEnd = 0;
  scanned.forEach((d, index) => {
    const origin = findOrigin(source.slice(prevEnd, d.contentStart));
    prevEnd = d.range[1];
    notAnObject(file, d.value, index, [d.contentStart, d.contentStart + 1]);
    const entry = withLazyTree({ index, value: d.value, range: d.range, ...(origin ? { origin } : {}) }, source, d.range);
    scannedPositions.set(entry, { source, range: d.range });
    unservedApis(file, d.value, index, (path) => locatePath(entry, path)?.range ?? [d.contentStart, d.contentStart + 1]);
    // A kubectl -o yaml List: a tree per item, so that one finding does not parse the whole export.
    const items = isRecord(d.value) && Array.isArray(d.value['items']) && d.value['items'].length > 0 ? d.value['items'] : undefined;
    const ranges = items ? yamlListItemRanges(source, d.range[0], d.range[1]) : null;
    if (items && ranges && ranges.length === items.length) {
      entry.items = ranges.map((r, i) => {
        const item = withLazyTree({ index, value: items[i], range: r, ...(origin ? { origin } : {}) }, source, r);
        // Each item's lines are a one-entry block sequence: placed from the scanner's positions too.
        scannedPositions.set(item, { source, range: r });
        return { document: item, itemPath: [0] };
      });
    }
    file.documents.push(entry);
  });
}

/**
 * Scanned documents: where to scan them again with positions. A finding is placed from those
 * positions ({@link locatePath}), not from a `yaml` syntax tree, unless they cannot say.
 */
const scannedPositions = new WeakMap<ParsedDocument, { source: string; range: [number, number] }>();
/** The positions of the document placed last (findings come in runs on one document): only those are kept. */
let lastPositions: { doc: ParsedDocument; pos: ScanPos | null } | undefined;

/**
 * What {@link locateInDocument} gives for `path` in the document's syntax tree, found from the
 * scanner's positions when the document was scanned and they are sure of the answer (the syntax
 * tree is then never built), else from the syntax tree. Null when the document has no syntax tree
 * (it was not readable).
 */
export function locatePath(doc: ParsedDocument, path: JsonPath): { range: [number, number]; depth: number } | null {
  const pos = scannedPositionsOf(doc);
  const found = pos ? locateScanned(pos, path) : null;
  if (found) return found;
  const ast = doc.ast;
  return ast ? locateInDocument(ast, path) : null;
}

/**
 * The scanner's positions of a scanned document (kept for the document placed last only), or null
 * when it was not scanned or does not scan on its own.
 * @internal
 */
export function scannedPositionsOf(doc: ParsedDocument): ScanPos | null {
  const s = scannedPositions.get(doc);
  if (!s) return null;
  if (lastPositions?.doc !== doc) lastPositions = { doc, pos: scanPositions(s.source.slice(s.range[0], s.range[1]), s.range[0]) };
  return lastPositions.pos;
}

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

const UNSERVED_RBAC = /^rbac\.authorization\.k8s\.io\/v1(?:alpha1|beta1)$/;

/**
 * RBAC objects of `v1beta1`/`v1alpha1`, which no supported API server serves (kubectl apply fails
 * with "no matches for kind"): a warning at their apiVersion; the RBAC evaluator ignores them. Also
 * for the items of a List.
 */
function unservedApis(file: ParsedFile, value: unknown, index: number, at: (path: PathSegment[]) => [number, number]): void {
  if (!isRecord(value)) return;
  const check = (obj: unknown, path: PathSegment[]) => {
    if (!isRecord(obj) || typeof obj['apiVersion'] !== 'string' || !UNSERVED_RBAC.test(obj['apiVersion'])) return;
    file.problems.push({
      severity: 'warning',
      code: 'unserved-api',
      message: `${obj['apiVersion']} is not served by any supported Kubernetes version (removed in 1.22): the API server refuses this ${typeof obj['kind'] === 'string' ? obj['kind'] : 'object'}, so it grants nothing; use rbac.authorization.k8s.io/v1`,
      range: at([...path, 'apiVersion']),
      documentIndex: index,
    });
  };
  check(value, []);
  if (Array.isArray(value['items'])) value['items'].forEach((item, i) => check(item, ['items', i]));
}

/**
 * A manifest document is a mapping; anything else would be rejected by kubectl. Say so rather than
 * skip it silently (a stray `- item` list or a bare string is usually a mistake).
 */
function notAnObject(file: ParsedFile, value: unknown, index: number, range: [number, number]): void {
  if (value === null || value === undefined || (typeof value === 'object' && !Array.isArray(value))) return;
  file.problems.push({
    severity: 'warning',
    code: 'not-an-object',
    message: `Document ${index + 1} is a ${Array.isArray(value) ? 'sequence' : 'scalar'}, not a Kubernetes object (a mapping with apiVersion and kind); it is not linted`,
    range,
    documentIndex: index,
  });
}

/** The document with a syntax tree built from `source[range]` the first time something asks for it. */
function withLazyTree(entry: Omit<ParsedDocument, 'ast'>, source: string, range: [number, number]): ParsedDocument {
  let ast: Document.Parsed | null | undefined;
  return Object.defineProperty(entry, 'ast', { enumerable: true, configurable: true, get: () => (ast ??= documentAt(source, range)) }) as ParsedDocument;
}

/**
 * The `yaml` syntax tree of one document of a stream, parsed from its own text only, with offsets
 * into the whole stream (the same tree the full parse of the stream gives for it).
 */
function documentAt(source: string, range: [number, number]): Document.Parsed | null {
  const parser = new Parser();
  parser.offset = range[0];
  const composer = new Composer(YAML_OPTIONS);
  const docs = [...composer.compose(parser.parse(source.slice(range[0], range[1])), true, range[1])] as Document.Parsed[];
  return docs[0] ?? null;
}

function parseStream(text: string, problems: ParseProblem[]): Document.Parsed[] | null {
  try {
    const docs = parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[];
    // Explicit tags are go-yaml's to judge (goyaml.ts), not the `yaml` package's 1.1 schema.
    for (const d of docs) if (d.errors.some((e) => e.code === 'TAG_RESOLVE_FAILED')) d.errors = d.errors.filter((e) => e.code !== 'TAG_RESOLVE_FAILED');
    return docs;
  } catch (err) {
    if (err instanceof RangeError) {
      problems.push({ severity: 'fatal', code: 'too-deep', message: 'Document nests too deeply to read safely (thousands of levels); Kubernetes objects are never this deep', range: [0, 0] });
      return null;
    }
    throw err;
  }
}

function isUnclosedQuote(e: YAMLError): boolean {
  return e.code === 'MISSING_CHAR' && /closing .?quote/i.test(e.message);
}

function helmMessage(): string {
  return 'This looks like an unrendered Helm template ({{ … }}); render it first: helm template RELEASE CHART | satlint -';
}

function pushSyntaxProblems(file: ParsedFile, source: string, doc: Document.Parsed, index: number): void {
  const first = doc.errors[0]!;
  const docText = source.slice(doc.range[0], doc.range[2]);
  const template = findTemplateExpression(docText);
  if (template) {
    const at = doc.range[0] + template[0];
    file.problems.push({ severity: 'fatal', code: 'helm-template', message: helmMessage(), range: mapRange(file, [at, doc.range[0] + template[1]]), documentIndex: index });
    return;
  }
  const message = first.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').replace(/\s+/g, ' ').trim();
  if (/Maximum call stack size exceeded/i.test(message)) {
    // The parser ran out of stack while composing: report it as what it is, at the document start.
    const at = doc.contents?.range?.[0] ?? doc.range[0];
    file.problems.push({ severity: 'fatal', code: 'too-deep', message: 'Document nests too deeply to read safely (thousands of levels); Kubernetes objects are never this deep', range: mapRange(file, [at, at]), documentIndex: index });
    return;
  }
  file.problems.push({ severity: 'fatal', code: 'syntax', message: `YAML syntax error: ${message}`, range: mapRange(file, [first.pos[0], first.pos[1]]), documentIndex: index });
}

function mapRange(file: ParsedFile, r: readonly [number, number]): [number, number] {
  return [file.toSourceOffset(r[0]), file.toSourceOffset(r[1])];
}

function findOrigin(between: string): Origin | undefined {
  const file = sourceComment(between);
  return file !== undefined ? { file, via: 'helm' } : undefined;
}

/** Template syntax outside scalars: a flow mapping whose text starts with `{{`. */
function findTemplateOutsideScalars(node: Node | null, source: string): [number, number] | null {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isMap(n)) {
      if (n.flow && n.range && source.startsWith('{{', n.range[0])) return [n.range[0], n.range[1]];
      for (const p of n.items) stack.push(p.key, p.value);
    } else if (isSeq(n)) {
      for (const it of n.items) stack.push(it);
    } else if (isPair(n)) {
      stack.push(n.key, n.value);
    }
  }
  return null;
}

function collectDuplicateKeys(file: ParsedFile, node: unknown, path: PathSegment[], documentIndex: number, depth: number): void {
  if (depth > 2000) return;
  if (isMap(node)) {
    const seen = new Set<unknown>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (key !== undefined && key !== '<<') {
        if (seen.has(key) && pair.key && isScalar(pair.key) && pair.key.range) {
          const r = pair.key.range;
          file.problems.push({
            severity: 'warning',
            code: 'duplicate-key',
            message: `Duplicate key "${String(key)}"`,
            range: mapRange(file, [r[0], r[1]]),
            key: String(key),
            path: [...path],
            documentIndex,
          });
        }
        seen.add(key);
      }
      if (key !== undefined && (isMap(pair.value) || isSeq(pair.value))) {
        // One shared path stack, copied only when a duplicate is recorded: no array per node.
        path.push(String(key));
        collectDuplicateKeys(file, pair.value, path, documentIndex, depth + 1);
        path.pop();
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      if (!isMap(item) && !isSeq(item)) return;
      path.push(i);
      collectDuplicateKeys(file, item, path, documentIndex, depth + 1);
      path.pop();
    });
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
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

export { formatPath };
