import { Composer, Parser, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Origin, ParsedDocument, ParsedFile, ParseProblem, PathSegment } from '../types.js';
import { applyInsertions, findUnderIndentedQuotes, withoutLineStartBoms } from './lenient.js';
import { scanSegments, type ScannedDocument, type UnscannedSegment } from './scan.js';
import { scanJsonStream, yamlListItemRanges } from './export.js';
import { formatPath, isRecord } from '../path.js';
import { decodeDocument } from './goyaml.js';
import { eolOf, lineLocator } from './lines.js';
import { findOrigin } from './helm-source.js';
import { locateInDocument, locatePath, rememberScanned } from './locate.js';
import { findTemplateOutsideScalars } from './templates.js';
import { collectDuplicateKeys, isUnclosedQuote, kubectlRefusals, mapRange, notAnObject, pushSyntaxProblems, refusedProblem, templateWarning, unservedApis } from './problems.js';
import { kubectlReading } from './kubectl.js';
import { applyKubectlSplitting, jsonStreamStop } from './kubectl-stream.js';
import { releaseSpec, releasesSpec } from './released.js';

export { findTemplateExpression } from './templates.js';
export { findNode, hasPositions, locateInDocument, locatePath, locateScanned, scannedPositionsOf, startPositionCache, type NodeLookup } from './locate.js';

/** Kubernetes reads YAML 1.1 (go-yaml): `on`/`off`/`yes`/`no` booleans, octal, `<<` merge keys. */
const YAML_OPTIONS = { version: '1.1', merge: true, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false, logLevel: 'error' } as const;

/**
 * Parses a multi-document YAML (or JSON) stream the way Kubernetes decodes it, keeping each
 * document's syntax tree so that any JSON path can be mapped back to a range of `text`.
 */
export function parseManifests(text: string, path = '<text>'): ParsedFile {
  return parse(text, path, true);
}

/**
 * {@link parseManifests} without the fast scanner: the `yaml` package's full parse of the whole
 * stream, which the scanner's results are held to in tests.
 * @internal
 */
export function parseManifestsFully(text: string, path = '<text>'): ParsedFile {
  return parse(text, path, false);
}

function parse(text: string, path: string, scan: boolean): ParsedFile {
  const problems: ParseProblem[] = [];
  const file: ParsedFile = { path, text, documents: [], problems, toSourceOffset: (o) => o, position: lineLocator(text), eol: eolOf(text), repaired: false };

  if (text.includes('\0')) {
    problems.push({ severity: 'fatal', code: 'syntax', message: 'File contains NUL bytes: it is binary, not YAML', range: [text.indexOf('\0'), text.indexOf('\0') + 1] });
    return file;
  }

  readDocuments(file, text, scan);
  // Where kubectl's own document splitting stops reading or skips a document.
  applyKubectlSplitting(file);
  return file;
}

function readDocuments(file: ParsedFile, text: string, scan: boolean): void {
  // go-yaml (Kubernetes) takes a lone CR as a line break; the yaml package does not. Same length,
  // so every offset still points into the original text.
  // (`includes` first: most files have no CR at all, and it is many times faster than the pattern.)
  const crFree = text.includes('\r') && /\r(?!\n)/.test(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
  // A byte-order mark that starts a later line (a file concatenated from files saved with one):
  // go-yaml skips it, so read the text without it, with offsets mapped back (fixes are then refused).
  const unmarked = withoutLineStartBoms(crFree);
  if (unmarked) {
    file.toSourceOffset = unmarked.toOriginal;
    file.repaired = true;
    addYamlDocuments(file, unmarked.text);
    return;
  }
  const source = crFree;
  // Most manifests are plain block YAML: read their values with the fast scanner, and build a
  // document's syntax tree only when a finding, fix or suppression needs a position in it.
  const segments = scan ? scanSegments(source) : null;
  if (segments && segments.every((s) => !('unscanned' in s))) {
    addDocuments(file, source, segments as ScannedDocument[]);
    return;
  }
  // kubectl's -o json (one object, a List, or several outputs one after the other): JSON.parse and
  // a tree per List item, before any document goes to the yaml package (an export is megabytes).
  const json = source.trimStart().startsWith('{') ? scanJsonStream(source) : null;
  if (json) {
    addJsonDocuments(file, source, json);
    return;
  }
  // A file of JSON objects that stops being JSON (`{…}---`, a YAML document after them): kubectl
  // reads the objects before the stop, as JSON; satlint reads the rest as YAML, to report it.
  const stop = source.trimStart().startsWith('{') ? jsonStreamStop(source) : undefined;
  const head = stop !== undefined && stop > 0 ? scanJsonStream(source.slice(0, stop)) : null;
  if (stop !== undefined && head) {
    addJsonDocuments(file, source, head);
    addYamlDocumentsFrom(file, source, stop, head.length);
    return;
  }
  const parsed = segments ? segmentsRead(segments, source) : null;
  if (parsed) addDocuments(file, source, parsed);
  else addYamlDocuments(file, source);
}

/**
 * The stream's documents: those the scanner read, and the others parsed on their own by the
 * `yaml` package (each the same tree the full parse of the stream gives for it). Null, so that the
 * whole stream goes to the full parse, when one of those has an error: the full parse reports
 * errors, and repairs under-indented quotes, for the stream as a whole.
 */
function segmentsRead(segments: (ScannedDocument | UnscannedSegment)[], source: string): (ScannedDocument | Document.Parsed)[] | null {
  const out: (ScannedDocument | Document.Parsed)[] = [];
  for (const s of segments) {
    if (!('unscanned' in s)) {
      out.push(s);
      continue;
    }
    const doc = segmentDocument(source, s.range);
    if (!doc) return null;
    out.push(doc);
  }
  return out;
}

function addDocuments(file: ParsedFile, source: string, docs: (ScannedDocument | Document.Parsed)[]): void {
  let prevEnd = 0;
  docs.forEach((d, index) => {
    if (!('contentStart' in d)) {
      const contents = d.contents as Node | null;
      file.documents.push(readDocument(file, source, d, index, [d.range[0], d.range[2]], findOrigin(source.slice(prevEnd, contents?.range?.[0] ?? d.range[0]))));
      prevEnd = d.range[2];
      return;
    }
    const origin = findOrigin(source.slice(prevEnd, d.contentStart));
    prevEnd = d.range[1];
    notAnObject(file, d.value, index, [d.contentStart, d.contentStart + 1]);
    const reading = kubectlReading(d.value);
    const entry = withLazyTree({ index, value: reading.value, range: d.range, ...(origin ? { origin } : {}) }, source, d.range);
    rememberScanned(entry, source, d.range, d.top);
    const at = (path: PathSegment[]): [number, number] => locatePath(entry, path)?.range ?? [d.contentStart, d.contentStart + 1];
    if (kubectlRefusals(file, reading, index, at)) {
      file.documents.push({ index, value: undefined, ast: null, range: d.range, ...(origin ? { origin } : {}) });
      return;
    }
    const value = reading.value;
    unservedApis(file, value, index, at);
    // A kubectl -o yaml List: a tree per item, so that one finding does not parse the whole export.
    const items = isRecord(value) && Array.isArray(value['items']) && value['items'].length > 0 ? value['items'] : undefined;
    const ranges = items ? yamlListItemRanges(source, d.range[0], d.range[1]) : null;
    if (items && ranges && ranges.length === items.length) {
      entry.items = ranges.map((r, i) => {
        const item = withLazyTree({ index, value: items[i], range: r, ...(origin ? { origin } : {}) }, source, r);
        // Each item's lines are a one-entry block sequence: placed from the scanner's positions too.
        rememberScanned(item, source, r);
        return { document: item, itemPath: [0] };
      });
    }
    if (releasesSpec(value) && !rereading) releaseSpec(value, () => reread(source, d.range, true));
    file.documents.push(entry);
  });
}

function addJsonDocuments(file: ParsedFile, source: string, json: NonNullable<ReturnType<typeof scanJsonStream>>): void {
  json.forEach((d, index) => {
    notAnObject(file, d.value, index, [d.range[0], d.range[0] + 1]);
    const reading = kubectlReading(d.value);
    const doc = withLazyTree({ index, value: reading.value, range: d.range }, source, d.range);
    const at = (path: PathSegment[]): [number, number] => {
      const ast = doc.ast;
      return ast ? locateInDocument(ast, path).range : [d.range[0], d.range[0] + 1];
    };
    if (kubectlRefusals(file, reading, index, at)) {
      file.documents.push({ index, value: undefined, ast: null, range: d.range });
      return;
    }
    unservedApis(file, reading.value, index, at);
    const items = isRecord(reading.value) && Array.isArray(reading.value['items']) ? reading.value['items'] : undefined;
    if (items && d.items && d.items.length === items.length) doc.items = d.items.map((r, i) => ({ document: withLazyTree({ index, value: items[i], range: r }, source, r), itemPath: [] }));
    file.documents.push(doc);
  });
}

/** Everything the scanner does not read: the `yaml` package's full parse, document by document. */
function addYamlDocuments(file: ParsedFile, text: string): void {
  const parsed = parseStream(text, file.problems);
  if (!parsed) return;
  const { source, docs } = repairUnderIndentedQuotes(file, text, parsed);
  let prevEnd = 0;
  docs.forEach((doc, index) => {
    const contents = doc.contents as Node | null;
    const start = contents?.range?.[0] ?? doc.range[0];
    const origin = findOrigin(source.slice(prevEnd, start));
    prevEnd = doc.range[2];
    file.documents.push(readDocument(file, source, doc, index, [file.toSourceOffset(doc.range[0]), file.toSourceOffset(doc.range[2])], origin));
  });
}

/** The documents of `source` from offset `from` on, parsed by the `yaml` package, numbered from `firstIndex`. */
function addYamlDocumentsFrom(file: ParsedFile, source: string, from: number, firstIndex: number): void {
  let docs: Document.Parsed[];
  try {
    const parser = new Parser();
    parser.offset = from;
    docs = [...new Composer(YAML_OPTIONS).compose(parser.parse(source.slice(from)), true, source.length)] as Document.Parsed[];
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    file.problems.push({ severity: 'fatal', code: 'too-deep', message: 'Document nests too deeply to read safely (thousands of levels); Kubernetes objects are never this deep', range: [from, from] });
    return;
  }
  docs.forEach((doc, k) => {
    // Explicit tags are go-yaml's to judge (goyaml.ts), not the `yaml` package's 1.1 schema.
    doc.errors = doc.errors.filter((e) => e.code !== 'TAG_RESOLVE_FAILED');
    file.documents.push(readDocument(file, source, doc, firstIndex + k, [doc.range[0], doc.range[2]], undefined));
  });
}

/**
 * Quoted strings whose continuation lines are under-indented (Kubernetes reads them, the `yaml`
 * package does not): parse again with those lines padded, and keep that parse when it is clean.
 */
function repairUnderIndentedQuotes(file: ParsedFile, source: string, docs: Document.Parsed[]): { source: string; docs: Document.Parsed[] } {
  if (!docs.some((d) => d.errors.some(isUnclosedQuote))) return { source, docs };
  const insertions = findUnderIndentedQuotes(source);
  if (insertions.length === 0) return { source, docs };
  const padded = applyInsertions(source, insertions);
  const retry = parseStream(padded.text, []);
  if (!retry || !retry.every((d) => d.errors.length === 0)) return { source, docs };
  const outer = file.toSourceOffset;
  file.toSourceOffset = (o) => outer(padded.toOriginal(o));
  file.repaired = true;
  for (const ins of insertions) {
    file.problems.push({
      severity: 'warning',
      code: 'lenient-indent',
      message: 'Continuation line of a quoted string is not indented past its key; Kubernetes accepts it, stricter YAML tools do not',
      range: [outer(ins.at), outer(ins.at)],
    });
  }
  return { source: padded.text, docs: retry };
}

/** One fully parsed document: its value as kubectl decodes it, or no value and the problem why. */
function readDocument(file: ParsedFile, source: string, doc: Document.Parsed, index: number, range: [number, number], origin: Origin | undefined): ParsedDocument {
  const at0 = origin ? { origin } : {};
  const clean = doc.errors.length === 0;
  if (doc.errors.length > 0) {
    const first = firstNodeOnly(file, source, doc, index);
    if (!first) {
      pushSyntaxProblems(file, source, doc, index);
      return { index, value: undefined, ast: null, range, ...at0 };
    }
    doc = first;
  }
  const contents = doc.contents as Node | null;
  const template = findTemplateOutsideScalars(contents, source);
  // The value kubectl gets (go-yaml v2, then JSON), or why it refuses the document: then the
  // document is reported and does not enter the inventory.
  const decoded = decodeDocument(doc);
  if ('failure' in decoded) {
    refusedProblem(file, decoded.failure, template, index);
    return { index, value: undefined, ast: null, range, ...at0 };
  }
  if (template) templateWarning(file, template, index);
  const reading = kubectlReading(decoded.value);
  const start = contents?.range?.[0] ?? doc.range[0];
  const at = (path: PathSegment[]): [number, number] => mapRange(file, locateInDocument(doc, path).range);
  if (kubectlRefusals(file, reading, index, at)) return { index, value: undefined, ast: null, range, ...at0 };
  const value = reading.value;
  unservedApis(file, value, index, at);
  collectDuplicateKeys(file, contents, [], index, 0);
  notAnObject(file, value, index, mapRange(file, [start, Math.min(contents?.range?.[1] ?? start, start + 1)]));
  if (isRecord(value) && value['kind'] === 'CustomResourceDefinition') {
    // CRDs are most of the bytes of real install bundles and no rule reads their schemas: keep
    // their syntax tree only until it is needed (a finding to place, a fix to make), then build it
    // again from the text. This roughly halves peak memory on install bundles. Their specs go the
    // same way (released.ts), unless the document was read from its first node alone.
    if (clean && releasesSpec(value) && !rereading) releaseSpec(value, () => reread(source, [doc.range[0], doc.range[2]], false));
    return withLazyTree({ index, value, range, ...at0 }, source, [doc.range[0], doc.range[2]]);
  }
  return { index, value, ast: doc, range, ...at0 };
}

/**
 * go-yaml decodes the first node of a document and stops there (`yaml.Unmarshal` reads one
 * document, and a node followed by anything else ends it implicitly): a flow mapping or sequence
 * followed by more text (`{…}` then another `{…}` on the next line, `{…}---`) is read by kubectl,
 * and the rest is never read. The document as that first node alone (a warning says what is
 * skipped), or null when the errors are not only after a complete flow node.
 */
function firstNodeOnly(file: ParsedFile, source: string, doc: Document.Parsed, index: number): Document.Parsed | null {
  const contents = doc.contents as Node | null;
  if (!contents || !(isMap(contents) || isSeq(contents)) || !contents.flow || !contents.range) return null;
  const end = contents.range[1];
  if (!doc.errors.every((e) => e.pos[0] >= end)) return null;
  const alone = documentAt(source, [doc.range[0], end]);
  if (!alone || alone.errors.length > 0 || !alone.contents) return null;
  let rest = end;
  while (rest < doc.range[2] && /\s/.test(source[rest]!)) rest++;
  file.problems.push({
    severity: 'warning',
    code: 'kubectl-skips',
    message: 'kubectl reads only the first node of a document (go-yaml ends it there): the text from here to the next --- line is never read; it is not linted',
    range: mapRange(file, [rest, Math.min(rest + 1, doc.range[2])]),
    documentIndex: index,
  });
  return alone;
}

/** True while {@link reread} parses: a document read again keeps its whole value. */
let rereading = false;

/**
 * The value of the document at `source[range]`, read again on its own (the same value a stream
 * gives for its document, as for syntax trees: {@link documentAt}), by the scanner when `scan` says
 * so, as it was read the first time: how a released CRD spec is decoded again (released.ts).
 */
function reread(source: string, range: [number, number], scan: boolean): unknown {
  rereading = true;
  try {
    return parse(source.slice(range[0], range[1]), '<text>', scan).documents[0]?.value;
  } finally {
    rereading = false;
  }
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

/**
 * One segment of a stream that the scanner left (`source[range]`, from a `---` to the next), parsed
 * by the `yaml` package with offsets into the whole stream; null when it is not exactly one document
 * without errors, or nests too deeply.
 */
function segmentDocument(source: string, range: [number, number]): Document.Parsed | null {
  let docs: Document.Parsed[];
  try {
    const parser = new Parser();
    parser.offset = range[0];
    docs = [...new Composer(YAML_OPTIONS).compose(parser.parse(source.slice(range[0], range[1])), true, range[1])] as Document.Parsed[];
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
  if (docs.length !== 1) return null;
  const doc = docs[0]!;
  // Where a document that ends in an empty value ends depends on what follows it in the stream
  // (the scanner leaves those to the full parse for the same reason).
  if (endsInEmptyValue(doc.contents)) return null;
  // Explicit tags are go-yaml's to judge (goyaml.ts), not the `yaml` package's 1.1 schema.
  if (doc.errors.some((e) => e.code !== 'TAG_RESOLVE_FAILED')) return null;
  doc.errors = [];
  return doc;
}

/** Whether the last node of a document (in document order) is an empty value. */
function endsInEmptyValue(node: unknown): boolean {
  for (;;) {
    if (node === null || node === undefined) return true;
    if (isMap(node) || isSeq(node)) {
      const last = node.items[node.items.length - 1];
      if (last === undefined) return false;
      node = isPair(last) ? (last.value ?? null) : last;
      continue;
    }
    return isScalar(node) && !!node.range && node.range[0] === node.range[1];
  }
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

export { formatPath };
