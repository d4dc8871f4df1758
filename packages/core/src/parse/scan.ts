/**
 * A fast scanner for the YAML that Kubernetes manifests are made of: block mappings and sequences,
 * plain, quoted and block scalars (one or several lines), single-line flow collections, comments and
 * `---` separated documents. It reads values only, about ten times faster than composing `yaml`
 * Documents, and gives up on a document (the caller parses that one with the `yaml` package: see
 * {@link scanSegments}), or on the stream when the trouble is in the stream itself, on anything outside
 * that subset or anything it is not sure of: anchors, aliases, tags, directives, complex or
 * non-string keys, merge keys, duplicate keys, tabs in indentation, control characters, `.inf`/`.nan`,
 * escaped line breaks, more-indented folded lines, and any syntax error.
 *
 * Values follow go-yaml v2 (Kubernetes) as the full parse decodes them (`yaml11.ts`, `goyaml.ts`);
 * document ranges are those the `yaml` package gives. A differential test holds
 * the scanner to the full parse on the whole corpus and on fuzzed input. Positions are not computed
 * here: the `yaml` syntax tree of a document is built only when a finding needs one.
 */
import { resolvePlain } from './yaml11.js';

/** One document the scanner read: its value and where it is. */
export interface ScannedDocument {
  value: unknown;
  /** The `yaml` package's document range: start, and end (its `range[2]`). */
  range: [number, number];
  /** Where the document's content starts (its `contents.range[0]`). */
  contentStart: number;
  /** Where the document's nodes are (only when scanned with positions: {@link scanPositions}). */
  pos?: ScanPos;
  /**
   * When the document is a block mapping: its keys, and where each key's line starts (its entry
   * runs to the next key's line, the last one to the document's end). Each entry scans on its own
   * as a one-key mapping with the same positions, so a finding is placed from its entry's lines
   * alone (placing `metadata.name` of a CRD does not scan its schema again).
   */
  top?: { keys: string[]; starts: number[] };
}

/**
 * Where a scanned node is, as offsets of the `yaml` package's syntax tree would give them: a block
 * mapping's or sequence's start, each key's range, a one-line scalar's range (to its value's end).
 * Whatever the scanner is not sure of (multi-line and block scalars, empty values, the inside of flow
 * collections) is `unknown`, and a lookup that needs it goes to the syntax tree instead.
 * @internal
 */
export type ScanPos =
  | { t: 'map'; start: number; pairs: Map<string, { ks: number; ke: number; v: ScanPos }> }
  | { t: 'seq'; start: number; items: ScanPos[] }
  | { t: 'scalar'; start: number; end: number; /** The quote (34 or 39) of a quoted scalar. */ q?: number }
  | { t: 'flow'; start: number; end: number }
  | { t: 'unknown' };
const UNKNOWN: ScanPos = { t: 'unknown' };

/**
 * The array with no spare room: an array grown by push() from empty has room for 17 items, and
 * most sequences of a manifest, and most documents' root keys, are one to five (the parsed
 * 10k-document repository held 5.3 MB of unused room, a sixth of its live heap;
 * docs/performance.md). A copy, made once per sequence or document.
 */
const exact = <T>(a: T[]): T[] => (a.length < 17 ? a.slice() : a);

/** Thrown where the scanner gives up (the caller falls back on the full parse). */
class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();
/** @internal For the scanner's own diagnostics (scripts/scan-coverage.mjs): where the last bail-out happened. */
export const scanDebug = { trace: false, last: '' };
const bail = (): never => {
  if (scanDebug.trace) scanDebug.last = new Error().stack ?? '';
  throw UNSUPPORTED;
};

// Characters the `yaml` package rejects or treats specially anywhere in a stream: C0 controls
// other than tab/LF/CR, DEL, C1 controls (NEL), BOM, line/paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029]/;
/** What block() returns when there is no node (an implicit null). */
const EMPTY = Symbol('empty');
/** The characters that may not start a plain scalar (some may before a non-blank: see plainStart), by code. */
const INDICATOR = new Uint8Array(128);
for (const c of '-?:,[]{}#&*!|>\'"%@`') INDICATOR[c.charCodeAt(0)] = 1;
/** Whether the character at `p` is an indicator (false past the end of `text`). */
const isIndicator = (text: string, p: number): boolean => INDICATOR[text.charCodeAt(p)] === 1;

const enum Ch {
  Space = 32,
  Tab = 9,
  Hash = 35,
  Colon = 58,
  Dash = 45,
}

/**
 * The documents of a stream, or null when the stream uses anything outside the scanner's subset
 * (the caller then parses it with the `yaml` package).
 */
export function scanManifests(text: string): ScannedDocument[] | null {
  const docs = scanSegments(text);
  return docs && docs.every((d): d is ScannedDocument => !('unscanned' in d)) ? docs : null;
}

/**
 * A document the scanner left to the full parse, in a stream whose other documents it read: the
 * lines from its `---` (or the stream's start) to the next `---` (or the stream's end).
 */
export interface UnscannedSegment {
  unscanned: true;
  /** The segment's lines: from its marker line (or the stream's start) to the next marker line. */
  range: [number, number];
}

/**
 * The documents of a stream, each read or left to the full parse on its own ({@link
 * UnscannedSegment}), so that one document outside the subset (an anchor in a 70 kB install
 * bundle) does not send the whole stream to the full parse; null when the stream itself is outside
 * it (unsafe characters, markers with content, `...`, directives) or nests too deeply.
 */
export function scanSegments(text: string): (ScannedDocument | UnscannedSegment)[] | null {
  if (UNSAFE_CHARS.test(text)) return null;
  const scanner = new Scanner(text, false);
  try {
    return scanner.stream(true);
  } catch (err) {
    if (err instanceof Unsupported) return null;
    if (err instanceof RangeError) return null; // too deep for the stack: the full parse says so
    throw err;
  } finally {
    scanner.release();
  }
}

/**
 * The positions of the one document that `text` (a document's own range of a stream that
 * {@link scanManifests} read) holds, offsets moved by `base`; null when it does not scan as one
 * document (the caller then builds the syntax tree).
 * @internal
 */
export function scanPositions(text: string, base: number): ScanPos | null {
  const scanner = new Scanner(text, true, base);
  try {
    const docs = scanner.stream() as ScannedDocument[];
    if (docs.length !== 1 || !docs[0]!.pos) return null;
    return docs[0]!.pos;
  } catch (err) {
    if (err instanceof Unsupported || err instanceof RangeError) return null;
    throw err;
  } finally {
    scanner.release();
  }
}

/** A scanner's line tables (see Scanner), with room for `starts.length` lines. */
interface LineTables {
  starts: Int32Array;
  ends: Int32Array;
  spaces: Int32Array;
  firstNonBlank: Int32Array;
}

function lineTables(cap: number): LineTables {
  return { starts: new Int32Array(cap), ends: new Int32Array(cap), spaces: new Int32Array(cap), firstNonBlank: new Int32Array(cap) };
}

/** `t` copied into tables with room for `cap` lines. */
function grown(t: LineTables, cap: number): LineTables {
  const g = lineTables(cap);
  g.starts.set(t.starts);
  g.ends.set(t.ends);
  g.spaces.set(t.spaces);
  g.firstNonBlank.set(t.firstNonBlank);
  return g;
}

/**
 * Line tables kept from one scan for the next: four new arrays per text (zero-filled, and outside
 * the heap past 64 bytes) were a tenth of the scanner's time. A scan takes them while it runs
 * ({@link Scanner.release} gives them back); a scan that starts while another holds them (none
 * does: a scanner never outlives its scanSegments or scanPositions call) makes its own. Tables for
 * more than {@link KEPT_LINES} lines are not kept, so that one large file does not hold memory for
 * the rest of the run.
 */
let spareTables: LineTables | null = null;
const KEPT_LINES = 1 << 16;

const isBlank = (c: number): boolean => c === Ch.Space || c === Ch.Tab;

/** The first offset from `p` (up to `end`) that is not a space or tab. */
function skipBlanks(text: string, p: number, end: number): number {
  while (p < end && isBlank(text.charCodeAt(p))) p++;
  return p;
}

type Chomp = 'clip' | 'strip' | 'keep';

/** A chomping indicator (`-` strip, `+` keep) at `q`, if there is one. */
function chompAt(text: string, q: number): Chomp | null {
  const h = text.charCodeAt(q);
  return h === Ch.Dash ? 'strip' : h === 43 /* + */ ? 'keep' : null;
}

/**
 * The header of a block scalar at `p`: literal (`|`) or folded (`>`), chomping, and an explicit
 * indentation indicator (0 when there is none); only blanks and a comment may follow it.
 */
function blockHeader(text: string, p: number, end: number, inMap: boolean): { literal: boolean; chomp: Chomp; explicit: number } {
  const literal = text.charCodeAt(p) === 124;
  let q = p + 1;
  let chomp: Chomp = chompAt(text, q) ?? 'clip';
  if (chomp !== 'clip') q++;
  // An indentation indicator (1-9) after the chomping indicator: content is indented that much
  // more than the mapping that owns the scalar (only supported for mapping values).
  let explicit = 0;
  const d = text.charCodeAt(q);
  if (d >= 49 && d <= 57) {
    if (!inMap) bail();
    explicit = d - 48;
    q++;
    if (chomp === 'clip') {
      const after = chompAt(text, q);
      if (after) {
        chomp = after;
        q++;
      }
    }
  }
  if (q < end) {
    const c = text.charCodeAt(q);
    if (c !== Ch.Space && c !== Ch.Tab) bail(); // junk after the header
    q = skipBlanks(text, q, end);
    if (q < end && text.charCodeAt(q) !== Ch.Hash) bail();
  }
  return { literal, chomp, explicit };
}

/** A folded scalar's body lines joined: one line break becomes a space, n empty lines n line feeds. */
function folded(body: readonly string[]): string {
  let value = '';
  let breaks = -1;
  const leading = body.findIndex((x) => x !== '');
  for (const line of body.slice(Math.max(leading, 0))) {
    if (line === '') {
      breaks++;
      continue;
    }
    if (breaks === -1) value += line;
    else value += (breaks === 0 ? ' ' : '\n'.repeat(breaks)) + line;
    breaks = 0;
  }
  // Leading empty lines of a folded scalar are line feeds.
  if (leading > 0) value = '\n'.repeat(leading) + value;
  return value;
}

/** `e` moved back over spaces and tabs (not before `start`). */
function trimBlanks(text: string, start: number, e: number): number {
  while (e > start && isBlank(text.charCodeAt(e - 1))) e--;
  return e;
}

/** Is the character at `p` a space or tab, or is `p` the end of the line? */
const blankOrEnd = (text: string, p: number, end: number): boolean => p >= end || isBlank(text.charCodeAt(p));

/**
 * Where the quoted scalar that `quote` (34 or 39) opened closes, searching from `from` to `end`:
 * the offset of the closing quote, -1 when the line ends first, or -2 when a backslash escapes the
 * end of the line (an escaped line break in a double-quoted scalar).
 */
function quoteClose(text: string, quote: number, from: number, end: number): number {
  let q = from;
  while (q < end) {
    const c = text.charCodeAt(q);
    if (quote === 34 && c === 92) {
      q += 2;
      continue;
    }
    if (c === quote) {
      if (quote === 39 && text.charCodeAt(q + 1) === 39) {
        q += 2;
        continue;
      }
      return q;
    }
    q++;
  }
  return q > end ? -2 : -1;
}

/** A plain scalar's value; `.inf`/`.nan` (which make kubectl refuse the document) are left to the full parse. */
function plainValue(s: string): unknown {
  const v = resolvePlain(s);
  return typeof v === 'number' && !Number.isFinite(v) ? bail() : v;
}

function oddBackslashesAtEnd(s: string): boolean {
  let n = 0;
  for (let k = s.length - 1; k >= 0 && s.charCodeAt(k) === 92; k--) n++;
  return n % 2 === 1;
}

/** A single-quoted scalar's text with its `''` escapes resolved. */
const unquoteSingle = (raw: string): string => (raw.includes("'") ? raw.replace(/''/g, "'") : raw);

/** Resolves the escapes of a double-quoted scalar's text (already folded). */
function doubleQuoted(raw: string): string {
  let k = raw.indexOf('\\');
  if (k === -1) return raw;
  // The text between escapes is copied a run at a time, not a character at a time: the corpus's
  // 922 double-quoted scalars with escapes average 190 characters and 8 escapes.
  let out = '';
  let from = 0;
  for (; k !== -1; k = raw.indexOf('\\', from)) {
    out += raw.slice(from, k);
    const n = raw[++k];
    switch (n) {
      case '0': out += '\0'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'e': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': case '\t': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'N': out += '\u0085'; break;
      case '_': out += '\u00a0'; break;
      case 'L': out += '\u2028'; break;
      case 'P': out += '\u2029'; break;
      case ' ': out += ' '; break;
      case '"': out += '"'; break;
      case '/': out += '/'; break;
      case '\\': out += '\\'; break;
      case 'x': out += hexEscape(raw, k, 2); k += 2; break;
      case 'u': out += hexEscape(raw, k, 4); k += 4; break;
      case 'U': out += hexEscape(raw, k, 8); k += 8; break;
      default: bail();
    }
    from = k + 1;
  }
  return out + raw.slice(from);
}

function hexEscape(raw: string, k: number, n: number): string {
  const hex = raw.slice(k + 1, k + 1 + n);
  if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) bail();
  const code = parseInt(hex, 16);
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) bail();
  return String.fromCodePoint(code);
}


/** Whether the character at `p` (before `end`) may go on a plain scalar in a flow collection: not blank, not `,[]{}`. */
function flowPlainSafe(text: string, p: number, end: number): boolean {
  if (p >= end) return false;
  const c = text.charCodeAt(p);
  return !isBlank(c) && c !== 44 && c !== 91 && c !== 93 && c !== 123 && c !== 125;
}

/** Where an anchor or alias name that go-yaml v2 reads (letters, digits, `_`, `-`) starting at `p` ends. */
function anchorNameEnd(text: string, p: number, end: number): number {
  while (p < end) {
    const c = text.charCodeAt(p);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === Ch.Dash)) break;
    p++;
  }
  return p;
}

/**
 * Where a character next occurs in a text, by indexOf, remembering the last answer: the scanner
 * asks from positions that mostly go forward, and the same answer serves every position from the
 * last search up to it, so each stretch of text is searched about once (a search from every line
 * for a character that the next hundred lines lack would otherwise go over them a hundred times).
 */
class NextOf {
  /** No `ch` in [start, at); `at` is one, or the text's length. */
  private start = 0;
  private at = -1;
  constructor(
    private readonly text: string,
    private readonly ch: string,
  ) {}

  /** The first offset of the character at or after `p`, or the text's length when there is none. */
  from(p: number): number {
    if (p >= this.start && p <= this.at) return this.at;
    const at = this.text.indexOf(this.ch, p);
    this.start = p;
    this.at = at === -1 ? this.text.length : at;
    return this.at;
  }
}

class Scanner {
  private readonly text: string;
  /** Record positions (scanPositions): each value-reading method leaves its node's in `last`. */
  private readonly rec: boolean;
  /** Added to every recorded position (scanPositions of a document cut out of its stream). */
  private readonly base: number;
  private last: ScanPos = UNKNOWN;
  /** Offsets where each line starts, and where its content ends (before `\r\n` or `\n`). */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Per line: how many spaces it starts with, and where its first character that is not a space or tab is (its end when there is none). */
  private readonly spaces: Int32Array;
  private readonly firstNonBlank: Int32Array;
  /** The storage of those four (with room for more lines): see {@link release}. */
  private readonly tables: LineTables;
  /** The `#` and `:` of the text, found forward (see {@link commentAt}). */
  private readonly hashes: NextOf;
  private readonly colons: NextOf;
  /** The current line. */
  private i = 0;
  /** Last line (exclusive) of the current document. */
  private limit = 0;
  /** When >= 0: the current line is read from this column on (a compact mapping after `- `). */
  private from = -1;
  /** Whether the line that the last {@link plainEnd} read ended in a comment. */
  private plainComment = false;
  /** The line of the last empty (implicit null) value read. */
  private emptyAt = -1;
  /** The current document's anchors on one-line scalars, by name (an alias takes the latest). */
  private anchors = new Map<string, unknown>();
  /** Set before a document's root node is read: the next mapping read is the root (see ScannedDocument.top). */
  private rootPending = false;
  private top: { keys: string[]; starts: number[] } | undefined;

  constructor(text: string, rec: boolean, base = 0) {
    this.text = text;
    this.rec = rec;
    this.base = base;
    this.hashes = new NextOf(text, '#');
    this.colons = new NextOf(text, ':');
    let s = 0;
    const n = text.length;
    // Typed arrays, grown by doubling and cut to the line count at the end (so that a line past the
    // last reads undefined, as from an array): manifests average 30 to 60 characters a line.
    let t = spareTables ?? lineTables((n >> 5) + 8);
    spareTables = null;
    let { starts, ends, spaces, firstNonBlank } = t;
    let cap = starts.length;
    let count = 0;
    // Lines; the empty string after a final line break is not a line.
    while (s < n || (s === 0 && n === 0)) {
      let e = text.indexOf('\n', s);
      if (e === -1) e = n;
      const end = e > s && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
      if (count === cap) {
        cap *= 2;
        t = grown(t, cap);
        ({ starts, ends, spaces, firstNonBlank } = t);
      }
      starts[count] = s;
      ends[count] = end;
      let p = s;
      while (p < end && text.charCodeAt(p) === Ch.Space) p++;
      spaces[count] = p - s;
      if (p < end && text.charCodeAt(p) === Ch.Tab) while (p < end && isBlank(text.charCodeAt(p))) p++;
      firstNonBlank[count] = p;
      count++;
      if (e === n) break;
      s = e + 1;
    }
    this.tables = t;
    this.starts = starts.subarray(0, count);
    this.ends = ends.subarray(0, count);
    this.spaces = spaces.subarray(0, count);
    this.firstNonBlank = firstNonBlank.subarray(0, count);
  }

  /** Gives the line tables back for the next scan (the scanner is not used after this). */
  release(): void {
    if (this.tables.starts.length <= KEPT_LINES) spareTables = this.tables;
  }

  stream(partial = false): (ScannedDocument | UnscannedSegment)[] {
    const text = this.text;
    const lines = this.starts.length;
    // Document markers: `---` at column 0, then the end of the line (a comment or content after it is left to the full parse).
    const markers: number[] = [];
    for (let l = 0; l < lines; l++) {
      const s = this.starts[l]!;
      const c = text.charCodeAt(s);
      if (c === Ch.Dash && text.startsWith('---', s)) {
        const rest = this.ends[l]! - s;
        if (rest === 3) markers.push(l);
        else if (isBlank(text.charCodeAt(s + 3))) bail();
      } else if (c === 46 /* . */ && text.startsWith('...', s)) bail();
      else if (c === 37 /* % */) bail();
    }
    const docs: (ScannedDocument | UnscannedSegment)[] = [];
    const segments: { first: number; end: number; marker: number }[] = [];
    // (No reads past the end of `markers`: optimized code that reads out of bounds deopts, file after file.)
    if (markers.length === 0 || markers[0]! > 0) segments.push({ first: 0, end: markers.length > 0 ? markers[0]! : lines, marker: -1 });
    markers.forEach((m, k) => segments.push({ first: m + 1, end: k + 1 < markers.length ? markers[k + 1]! : lines, marker: m }));
    segments.forEach((seg, k) => {
      if (!partial) return this.segment(docs, segments, k);
      try {
        this.segment(docs, segments, k);
      } catch (err) {
        if (!(err instanceof Unsupported)) throw err;
        const start = seg.marker >= 0 ? this.starts[seg.marker]! : 0;
        const end = k === segments.length - 1 ? text.length : this.starts[segments[k + 1]!.marker]!;
        docs.push({ unscanned: true, range: [start, end] });
      }
    });
    return docs;
  }

  /** Reads the k-th segment of {@link stream} (lines `first` to `end`, after marker line `marker`) into `docs`. */
  private segment(docs: (ScannedDocument | UnscannedSegment)[], segments: { first: number; end: number; marker: number }[], k: number): void {
    const text = this.text;
    const seg = segments[k]!;
    this.i = seg.first;
    this.limit = seg.end;
    this.from = -1;
    this.anchors.clear();
    const first = this.nextContent();
    const isLast = k === segments.length - 1;
    const nextMarkerAt = isLast ? -1 : this.starts[segments[k + 1]!.marker]!;
    if (first === -1) {
      // No content. A stream with no marker and no content has no document at all.
      if (seg.marker === -1) return;
      const markerEnd = this.starts[seg.marker]! + 3;
      const end = this.hasComment(seg.first, seg.end) ? (nextMarkerAt >= 0 ? nextMarkerAt : text.length) : markerEnd;
      docs.push({ value: null, range: [this.starts[seg.marker]!, end], contentStart: markerEnd });
      return;
    }
    const contentStart = this.starts[first]! + this.indentOf(first);
    this.emptyAt = -1;
    this.top = undefined;
    this.rootPending = !this.rec;
    const value = this.orNull(this.block(-1), -2);
    if (this.nextContent() !== -1) bail();
    // A document that ends in an empty value ends where the yaml package's last token does, which
    // depends on the comments and blank lines after it: left to the full parse.
    let lastLine = seg.end - 1;
    while (lastLine >= seg.first && this.isBlankLine(lastLine)) lastLine--;
    if (this.emptyAt === lastLine) bail();
    const doc: ScannedDocument = { value, range: [seg.marker >= 0 ? this.starts[seg.marker]! : this.starts[first]!, nextMarkerAt >= 0 ? nextMarkerAt : text.length], contentStart };
    if (this.rec) doc.pos = this.last;
    // (Read through a cast: the checker does not see this.map() set it.)
    const top = this.top as ScannedDocument['top'];
    if (top) doc.top = { keys: exact(top.keys), starts: exact(top.starts) };
    docs.push(doc);
  }

  private hasComment(first: number, end: number): boolean {
    for (let l = first; l < end; l++) {
      const ind = this.indentOf(l);
      if (this.starts[l]! + ind < this.ends[l]! && this.text.charCodeAt(this.starts[l]! + ind) === Ch.Hash) return true;
    }
    return false;
  }

  /** Spaces before the line's content (a tab there is outside the subset). */
  private indentOf(l: number): number {
    const spaces = this.spaces[l]!;
    const q = this.firstNonBlank[l]!;
    // Tabs after the indentation are allowed before a comment or at the end of a blank line only.
    if (q > this.starts[l]! + spaces && q < this.ends[l]! && this.text.charCodeAt(q) !== Ch.Hash) bail();
    return spaces;
  }

  /** Is the line blank or a comment? */
  private isBlankLine(l: number): boolean {
    const q = this.firstNonBlank[l]!;
    return q === this.ends[l]! || this.text.charCodeAt(q) === Ch.Hash;
  }

  /** Moves to the next line with content (skipping blank and comment lines) and returns it, or -1. */
  private nextContent(): number {
    if (this.from >= 0) return this.i;
    while (this.i < this.limit && this.isBlankLine(this.i)) this.i++;
    return this.i < this.limit ? this.i : -1;
  }

  /** Column where the current line's content starts. */
  private col(): number {
    return this.from >= 0 ? this.from : this.indentOf(this.i);
  }

  /** A block node whose lines are indented more than `parent`, or EMPTY when there is none. */
  private block(parent: number): unknown {
    const root = this.rootPending;
    this.rootPending = false;
    const l = this.nextContent();
    if (l === -1 || this.col() <= parent) {
      this.last = UNKNOWN;
      return EMPTY;
    }
    const c = this.col();
    const at = this.starts[l]! + c;
    if (this.isSeqItem(at, this.ends[l]!)) return this.seq(c);
    // A flow collection where a block node goes below a key or item (`key:` then `{}` on the next
    // line). One that is a whole document (JSON) is left to the full parse, whose document range
    // then takes in the blank lines after it.
    const ch = this.text.charCodeAt(at);
    if ((ch === 91 || ch === 123) && this.from < 0 && parent >= 0) return this.inlineValue(at, this.ends[l]!, parent, false);
    return this.map(c, root ? (this.top = { keys: [], starts: [] }) : undefined);
  }

  /** An empty node is null; remembers the line it was on (see stream()). */
  private orNull(v: unknown, line: number): unknown {
    if (v !== EMPTY) return v;
    this.emptyAt = line;
    return null;
  }

  private isSeqItem(at: number, end: number): boolean {
    if (this.text.charCodeAt(at) !== Ch.Dash) return false;
    if (at + 1 === end) return true;
    return isBlank(this.text.charCodeAt(at + 1));
  }

  private seq(indent: number): unknown[] {
    const out: unknown[] = [];
    const text = this.text;
    const items: ScanPos[] | undefined = this.rec ? [] : undefined;
    let start = -1;
    for (;;) {
      const l = this.nextContent();
      if (l === -1) break;
      const c = this.col();
      if (c < indent) break;
      if (c > indent) bail();
      const at = this.starts[l]! + c;
      const end = this.ends[l]!;
      if (!this.isSeqItem(at, end)) {
        // A mapping key at the indentation of a sequence that is a mapping's value ends the sequence.
        break;
      }
      if (start === -1) start = at;
      let p = at + 1;
      while (p < end && text.charCodeAt(p) === Ch.Space) p++;
      if (p < end && text.charCodeAt(p) === Ch.Tab) bail();
      this.from = -1;
      if (p === end || text.charCodeAt(p) === Ch.Hash) {
        this.i = l + 1;
        out.push(this.orNull(this.block(indent), l));
        items?.push(this.last);
        continue;
      }
      const itemCol = p - this.starts[l]!;
      if (this.isSeqItem(p, end)) {
        // A compact nested sequence (`- - x`), its further items at the column of the inner `-`.
        this.from = itemCol;
        out.push(this.seq(itemCol));
        items?.push(this.last);
        continue;
      }
      if (this.keyEnd(p, end) >= 0) {
        // A compact mapping: `- key: value`, further keys at the column of `key`.
        this.from = itemCol;
        out.push(this.map(itemCol));
        items?.push(this.last);
        continue;
      }
      out.push(this.inlineValue(p, end, indent, false));
      items?.push(this.last);
    }
    if (items) this.last = start === -1 ? UNKNOWN : { t: 'seq', start: start + this.base, items };
    return exact(out);
  }

  /**
   * If the line from `p` is a mapping entry (`key:` then space or end of line), the offset of the
   * colon; else -1. Keys that are quoted must be on one line.
   */
  private keyEnd(p: number, end: number): number {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === 91 /* [ */ || c === 123 /* { */) return -1; // a flow collection (as a key it would be a complex key: the full parse decides)
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const close = quoteClose(text, c, p + 1, end);
      if (close < 0) return -1;
      let q = close + 1;
      while (q < end && text.charCodeAt(q) === Ch.Space) q++;
      return q < end && text.charCodeAt(q) === Ch.Colon && blankOrEnd(text, q + 1, end) ? q : -1;
    }
    // The first colon that a blank or the line's end follows, unless ` #` before it makes it a comment.
    return this.keyColon(p, this.commentAt(p, end), end);
  }

  /**
   * Where a comment (`#` after a blank) starts on the line after `p` and before `end`, else `end`.
   * (Found with indexOf, as the first colon in {@link keyColon}: a loop over every character of
   * keys and plain values took twice as long.)
   */
  private commentAt(p: number, end: number): number {
    for (let h = this.hashes.from(p + 1); h < end; h = this.hashes.from(h + 1)) if (isBlank(this.text.charCodeAt(h - 1))) return h;
    return end;
  }

  /** The first colon from `p` and before `limit` that a blank or the line's `end` follows (one that makes a key), else -1. */
  private keyColon(p: number, limit: number, end: number): number {
    for (let q = this.colons.from(p); q < limit; q = this.colons.from(q + 1)) if (blankOrEnd(this.text, q + 1, end)) return q;
    return -1;
  }

  private map(indent: number, top?: { keys: string[]; starts: number[] }): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const text = this.text;
    const pairs = this.rec ? new Map<string, { ks: number; ke: number; v: ScanPos }>() : undefined;
    let start = -1;
    for (;;) {
      const l = this.nextContent();
      if (l === -1) break;
      const c = this.col();
      if (c < indent) break;
      if (c > indent) bail();
      const lineStart = this.starts[l]!;
      const at = lineStart + c;
      const end = this.ends[l]!;
      if (this.isSeqItem(at, end)) break; // belongs to an enclosing sequence (or is an error the full parse reports)
      const colon = this.keyEnd(at, end);
      if (colon === -1) bail();
      const key = this.key(at, colon);
      // (Positions only, `rec`: the pairs hold the keys, and the values are not kept.)
      if (pairs ? pairs.has(key) : Object.prototype.hasOwnProperty.call(out, key)) bail();
      if (start === -1) start = at;
      if (top) {
        top.keys.push(key);
        top.starts.push(lineStart);
      }
      // The key's range: a quoted key to its closing quote, a plain one to its last non-blank.
      const q0 = text.charCodeAt(at);
      const pair = pairs ? { ks: at + this.base, ke: (q0 === 34 || q0 === 39 ? quoteClose(text, q0, at + 1, colon) + 1 : trimBlanks(text, at, colon)) + this.base, v: UNKNOWN } : undefined;
      if (pair) pairs!.set(key, pair);
      this.from = -1;
      const p = skipBlanks(text, colon + 1, end);
      if (p === end || text.charCodeAt(p) === Ch.Hash) {
        this.i = l + 1;
        // The value is a block node below, or a sequence at this mapping's own indentation.
        const next = this.nextContent();
        if (next !== -1) {
          const nc = this.indentOf(next);
          if (nc === indent && this.isSeqItem(this.starts[next]! + nc, this.ends[next]!)) {
            const v = this.seq(indent);
            if (pair) pair.v = this.last;
            else out[key] = v;
            continue;
          }
        }
        const v = this.orNull(this.block(indent), l);
        if (pair) pair.v = this.last;
        else out[key] = v;
        continue;
      }
      const v = this.inlineValue(p, end, indent, true);
      if (pair) pair.v = this.last;
      else out[key] = v;
    }
    if (pairs) this.last = start === -1 ? UNKNOWN : { t: 'map', start: start + this.base, pairs };
    return out;
  }

  private key(p: number, colon: number): string {
    const text = this.text;
    const c = text.charCodeAt(p);
    let key: string;
    if (c === 34) key = doubleQuoted(text.slice(p + 1, quoteClose(text, c, p + 1, colon)));
    else if (c === 39) key = text.slice(p + 1, quoteClose(text, c, p + 1, colon)).replace(/''/g, "'");
    else {
      const e = trimBlanks(text, p, colon);
      if (e === p || isIndicator(text, p)) bail();
      key = text.slice(p, e);
      if (key === '<<') bail();
      if (typeof plainValue(key) !== 'string') bail();
    }
    if (key === '__proto__') bail();
    return key;
  }

  /**
   * A value that starts on a line after `key: ` or `- ` at offset `p` (not a comment): a scalar of
   * any style, or a flow collection. `parent` is the indentation of the collection it belongs to.
   */
  private inlineValue(p: number, end: number, parent: number, inMap: boolean): unknown {
    const text = this.text;
    const c = text.charCodeAt(p);
    switch (c) {
      case 34: // "
      case 39: // '
        return this.quoted(p, parent);
      case 124: // |
      case 62: // >
        this.last = UNKNOWN;
        return this.blockScalar(p, end, parent, inMap);
      case 91: // [
      case 123: {
        // {
        // A flow collection may go on over the next lines (RBAC rules' long resource lists): each
        // line with content must be indented past the collection that owns it.
        let line = this.i;
        const flow = new FlowScanner(text, p, end, () => {
          for (let l = line + 1; l < this.limit; l++) {
            if (this.isWhitespaceOnly(l)) continue;
            const ind = this.indentOf(l);
            if (ind <= parent) bail();
            line = l;
            return [this.starts[l]! + ind, this.ends[l]!];
          }
          return bail();
        });
        const value = flow.node();
        const close = flow.offset;
        flow.finish();
        this.i = line + 1;
        if (this.rec) this.last = { t: 'flow', start: p + this.base, end: close + this.base };
        return value;
      }
      case 38: // &
        return this.anchored(p, end, parent);
      case 42: // *
        return this.alias(p, end);
      default:
        if (isIndicator(text, p) && !this.plainStart(p, end)) bail();
        return this.plain(p, end, parent);
    }
  }

  /**
   * `&name value`: an anchor on a plain or quoted scalar on the same line (what manifests anchor:
   * a container name, a command). An anchor on anything else, or a name go-yaml v2 does not read
   * (it takes letters, digits, `_` and `-`), is left to the full parse.
   */
  private anchored(p: number, end: number, parent: number): unknown {
    const text = this.text;
    const nameEnd = anchorNameEnd(text, p + 1, end);
    if (nameEnd === p + 1 || nameEnd === end || !isBlank(text.charCodeAt(nameEnd))) bail();
    const q = skipBlanks(text, nameEnd, end);
    const c = text.charCodeAt(q);
    const line = this.i;
    let value: unknown;
    if (c === 34 || c === 39) value = this.quoted(q, parent);
    else if (q === end || (isIndicator(text, q) && !this.plainStart(q, end))) bail();
    else value = this.plain(q, end, parent);
    if (this.i !== line + 1) bail(); // a scalar over several lines
    this.anchors.set(text.slice(p + 1, nameEnd), value);
    // The scalar's own position (plain() or quoted() left it in `last`): the syntax tree's node
    // starts after the anchor too.
    return value;
  }

  /** `*name`: the scalar anchored before it in the document (and nothing else on the line). */
  private alias(p: number, end: number): unknown {
    const text = this.text;
    const nameEnd = anchorNameEnd(text, p + 1, end);
    const name = text.slice(p + 1, nameEnd);
    const rest = skipBlanks(text, nameEnd, end);
    if (nameEnd === p + 1 || !this.anchors.has(name) || (rest < end && (rest === nameEnd || text.charCodeAt(rest) !== Ch.Hash))) bail();
    this.i++;
    if (this.rec) this.last = UNKNOWN;
    return this.anchors.get(name);
  }

  /** `-`, `?` and `:` may start a plain scalar when a non-space follows. */
  private plainStart(p: number, end: number): boolean {
    const c = this.text.charCodeAt(p);
    if (c !== Ch.Dash && c !== 63 && c !== Ch.Colon) return false;
    return !blankOrEnd(this.text, p + 1, end);
  }

  /** A plain scalar, possibly continued on more-indented lines (folded with spaces). */
  private plain(p: number, end: number, parent: number): unknown {
    const text = this.text;
    const firstEnd = this.plainEnd(p, end, false);
    this.i++;
    if (this.rec) this.last = { t: 'scalar', start: p + this.base, end: firstEnd + this.base };
    let value = text.slice(p, firstEnd);
    if (this.plainComment) return plainValue(value);
    let breaks = 0;
    while (this.i < this.limit) {
      const l = this.i;
      const e = this.ends[l]!;
      const q = this.firstNonBlank[l]!;
      if (q === e) {
        breaks++;
        this.i++;
        continue;
      }
      if (text.charCodeAt(q) === Ch.Hash) break;
      const ind = this.indentOf(l);
      if (ind <= parent) break;
      const lineEnd = this.plainEnd(q, e, true);
      this.last = UNKNOWN; // a plain scalar over several lines: the syntax tree says where it ends
      value += breaks > 0 ? '\n'.repeat(breaks) : ' ';
      value += text.slice(q, lineEnd);
      breaks = 0;
      this.i++;
      if (this.plainComment) break;
    }
    // Blank lines after the scalar belong to nothing: the caller skips them.
    return plainValue(value);
  }

  /**
   * Where one line of a plain scalar from `p` ends: at ` #` (then {@link plainComment} is set) or
   * the end of the line, blanks trimmed. Bails on a colon that a blank or the line's end follows
   * (`: ` within the value, or a value ending in `:`: a key), which also covers a continuation line
   * starting with `: `.
   */
  private plainEnd(p: number, end: number, continuation: boolean): number {
    const text = this.text;
    // A continuation line may start with any character but `#` (a comment) and `: ` (a key).
    if (continuation && text.charCodeAt(p) === Ch.Colon && blankOrEnd(text, p + 1, end)) bail();
    const e = this.commentAt(p, end);
    this.plainComment = e < end;
    if (this.keyColon(p, e, end) >= 0) bail();
    return trimBlanks(text, p, e);
  }

  /** A single- or double-quoted scalar starting at `p`, possibly over several lines (folded). */
  private quoted(p: number, parent: number): string {
    const text = this.text;
    const quote = text.charCodeAt(p);
    const first = quoteClose(text, quote, p + 1, this.ends[this.i]!);
    if (first >= 0) {
      // Closed on its own line (most quoted scalars): no folding.
      if (this.rec) this.last = { t: 'scalar', start: p + this.base, end: first + 1 + this.base, q: quote };
      const e = this.ends[this.i]!;
      const t = skipBlanks(text, first + 1, e);
      if (t < e && (text.charCodeAt(t) !== Ch.Hash || t === first + 1)) bail();
      this.i++;
      const raw = text.slice(p + 1, first);
      return quote === 34 ? doubleQuoted(raw) : unquoteSingle(raw);
    }
    const lines: string[] = [];
    let l = this.i;
    let q = p + 1;
    for (;;) {
      const e = this.ends[l]!;
      const close = quoteClose(text, quote, q, e);
      if (close === -2) bail(); // a backslash at the end of the line: an escaped line break
      lines.push(text.slice(q, close === -1 ? e : close));
      if (close !== -1) {
        if (this.rec) this.last = lines.length === 1 ? { t: 'scalar', start: p + this.base, end: close + 1 + this.base, q: quote } : UNKNOWN;
        const t = skipBlanks(text, close + 1, e);
        if (t < e && (text.charCodeAt(t) !== Ch.Hash || t === close + 1)) bail();
        this.i = l + 1;
        break;
      }
      l++;
      if (l >= this.limit) bail();
      if (!this.isWhitespaceOnly(l)) {
        if (this.indentOf(l) <= parent) bail(); // under-indented continuation: the full parse decides (lenient repair)
        const s = this.starts[l]!;
        if (text.startsWith('---', s) || text.startsWith('...', s)) bail();
      }
      q = this.starts[l]!;
    }
    let raw: string;
    if (lines.length === 1) raw = lines[0]!;
    else {
      // Folding: trailing and leading white space around a line break goes; one break is a space,
      // each empty line a line feed.
      raw = '';
      let breaks = -1;
      lines.forEach((line, k) => {
        let t = line;
        if (k > 0) t = t.replace(/^[ \t]+/, '');
        if (k < lines.length - 1) {
          const trimmed = t.slice(0, trimBlanks(t, 0, t.length));
          // `\ ` before a line break is an escaped space, which trimming must not remove.
          if (quote === 34 && trimmed !== t && oddBackslashesAtEnd(trimmed)) bail();
          t = trimmed;
        }
        if (k > 0 && k < lines.length - 1 && t === '') {
          breaks++;
          return;
        }
        if (k > 0) raw += breaks === 0 ? ' ' : '\n'.repeat(breaks);
        raw += t;
        breaks = 0;
      });
    }
    return quote === 34 ? doubleQuoted(raw) : unquoteSingle(raw);
  }

  private isWhitespaceOnly(l: number): boolean {
    return this.firstNonBlank[l] === this.ends[l];
  }

  /** A literal (`|`) or folded (`>`) block scalar whose header starts at `p`. */
  private blockScalar(p: number, end: number, parent: number, inMap: boolean): string {
    const text = this.text;
    const { literal, chomp, explicit } = blockHeader(text, p, end, inMap);
    const { lines, next: l } = this.blockLines(parent, explicit, literal);
    // Trailing empty lines are not content; chomping decides what is kept of them.
    let last = lines.length;
    while (last > 0 && lines[last - 1] === '') last--;
    const trailing = lines.length - last;
    const body = lines.slice(0, last);
    let value = literal ? body.join('\n') : folded(body);
    if (body.length > 0) {
      if (chomp === 'clip') value += '\n';
      else if (chomp === 'keep') value += '\n'.repeat(1 + trailing);
    } else if (chomp === 'keep' && trailing > 0) bail(); // kept empty lines of an empty scalar: left to the full parse
    // A kept scalar whose last empty line ends the stream without a line break: the `yaml` package
    // does not count that line, left to the full parse.
    if (chomp === 'keep' && trailing > 0 && l > 0 && this.ends[l - 1]! >= text.length) bail();
    // Trailing empty lines are left for the caller (they may precede a comment or the next key).
    this.i = l - (chomp === 'keep' ? 0 : trailing);
    return value;
  }

  /**
   * The lines of a block scalar's body (from the line after the header), with the content
   * indentation removed and empty lines as '', and the first line after them.
   */
  private blockLines(parent: number, explicit: number, literal: boolean): { lines: string[]; next: number } {
    const text = this.text;
    let l = this.i + 1;
    // Leading empty lines, then the content indentation from the first non-empty line.
    let contentIndent = -1;
    let maxLeading = 0;
    if (explicit > 0) contentIndent = parent + explicit;
    else for (let k = l; k < this.limit; k++) {
      const ind = this.spacesOf(k);
      if (this.starts[k]! + ind === this.ends[k]!) {
        maxLeading = Math.max(maxLeading, ind);
        continue;
      }
      contentIndent = ind;
      break;
    }
    const lines: string[] = [];
    if (contentIndent > parent && contentIndent !== -1) {
      if (explicit === 0 && maxLeading > contentIndent) bail();
      for (; l < this.limit; l++) {
        const s = this.starts[l]!;
        const e = this.ends[l]!;
        const ind = this.spacesOf(l);
        if (s + ind === e) {
          if (ind > contentIndent) bail(); // whitespace-only line with content spaces: rare, left to the full parse
          lines.push('');
          continue;
        }
        if (ind < contentIndent) {
          if (ind > parent) bail();
          break;
        }
        const content = text.slice(s + contentIndent, e);
        if (text.charCodeAt(s + ind) === Ch.Tab) bail();
        if (!literal && (ind > contentIndent || content.startsWith('\t'))) bail(); // more-indented folded lines
        lines.push(content);
      }
    } else {
      // No content: only empty lines (which belong to the scalar when chomping keeps them).
      for (; l < this.limit; l++) {
        const ind = this.spacesOf(l);
        if (this.starts[l]! + ind !== this.ends[l]!) break;
        lines.push('');
      }
    }
    return { lines, next: l };
  }

  /** Spaces at the start of the line (whatever follows them). */
  private spacesOf(l: number): number {
    return this.spaces[l]!;
  }
}

/** A flow collection that opens and closes on one line. */
class FlowScanner {
  private p: number;
  constructor(
    private readonly text: string,
    start: number,
    private end: number,
    /** The start (after its indentation) and end of the next line the collection goes on to. */
    private readonly nextLine: () => [number, number],
  ) {
    this.p = start;
  }

  private ws(): void {
    this.p = skipBlanks(this.text, this.p, this.end);
  }

  /**
   * Blanks, and at the end of the line (or at a comment) the line break and the next line's
   * indentation: only where no token can go on over the break (after `[`, `{`, `,` and a node,
   * where a `,` or closing bracket must follow).
   */
  private wsBreak(): void {
    for (;;) {
      this.ws();
      const c = this.text.charCodeAt(this.p);
      if (this.p < this.end && !(c === Ch.Hash && isBlank(this.text.charCodeAt(this.p - 1)))) return;
      [this.p, this.end] = this.nextLine();
      if (this.text.charCodeAt(this.p) === Ch.Hash) this.p = this.end; // a comment line
    }
  }

  /** Where reading stands (after node(): just past the collection's closing bracket). */
  get offset(): number {
    return this.p;
  }

  finish(): void {
    this.ws();
    if (this.p < this.end) {
      if (this.text.charCodeAt(this.p) !== Ch.Hash || this.text.charCodeAt(this.p - 1) !== Ch.Space) bail();
    }
  }

  node(): unknown {
    this.ws();
    if (this.p >= this.end) bail();
    const c = this.text.charCodeAt(this.p);
    if (c === 91) return this.seq();
    if (c === 123) return this.map();
    if (c === 34 || c === 39) return this.quoted();
    return plainValue(this.plain());
  }

  private seq(): unknown[] {
    this.p++;
    const out: unknown[] = [];
    for (;;) {
      this.wsBreak();
      if (this.text.charCodeAt(this.p) === 93) {
        this.p++;
        return exact(out);
      }
      out.push(this.node());
      this.wsBreak();
      const c = this.text.charCodeAt(this.p);
      if (c === 44) this.p++;
      else if (c !== 93) bail();
    }
  }

  private map(): Record<string, unknown> {
    this.p++;
    const out: Record<string, unknown> = {};
    for (;;) {
      this.wsBreak();
      if (this.text.charCodeAt(this.p) === 125) {
        this.p++;
        return out;
      }
      const c = this.text.charCodeAt(this.p);
      let key: string;
      if (c === 34 || c === 39) key = this.quoted();
      else {
        const k = this.plain();
        if (typeof plainValue(k) !== 'string' || k === '<<') bail();
        key = k;
      }
      if (key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) bail();
      this.ws();
      if (this.text.charCodeAt(this.p) !== Ch.Colon) bail();
      this.p++;
      if (!blankOrEnd(this.text, this.p, this.end) && c !== 34 && c !== 39) bail();
      this.ws();
      const v = this.text.charCodeAt(this.p);
      out[key] = v === 44 || v === 125 ? null : this.node();
      this.wsBreak();
      const d = this.text.charCodeAt(this.p);
      if (d === 44) this.p++;
      else if (d !== 125) bail();
    }
  }

  private quoted(): string {
    const text = this.text;
    const quote = text.charCodeAt(this.p);
    const q = quoteClose(text, quote, this.p + 1, this.end);
    if (q < 0) bail();
    const raw = text.slice(this.p + 1, q);
    this.p = q + 1;
    return quote === 39 ? unquoteSingle(raw) : doubleQuoted(raw);
  }

  /**
   * A plain scalar inside a flow collection: up to `,` `]` `}` or `: `. Indicators at its start are
   * left to the full parse, except `-` before a character that may go on a plain scalar (`-c`).
   */
  private plain(): string {
    const text = this.text;
    const start = this.p;
    if (isIndicator(text, start) && !(text.charCodeAt(start) === Ch.Dash && flowPlainSafe(text, start + 1, this.end))) bail();
    let q = start;
    while (q < this.end) {
      const c = text.charCodeAt(q);
      if (c === 44 || c === 93 || c === 125 || c === 91 || c === 123) break;
      if (c === Ch.Colon) {
        const n = text.charCodeAt(q + 1);
        if (blankOrEnd(text, q + 1, this.end) || n === 44 || n === 93 || n === 125) break;
      }
      if (c === Ch.Hash && isBlank(text.charCodeAt(q - 1))) bail();
      q++;
    }
    if (q < this.end && (text.charCodeAt(q) === 91 || text.charCodeAt(q) === 123)) bail();
    const e = trimBlanks(text, start, q);
    if (e === start) bail();
    this.p = q;
    return text.slice(start, e);
  }
}
