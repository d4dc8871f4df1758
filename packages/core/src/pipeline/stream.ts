import type { AnyRule } from '../rule.js';
import type { Fix, LintMessage, LintResult, ParsedFile, Resource, SuppressedMessage } from '../types.js';
import type { ResolvedConfig } from '../config/index.js';
import { parseManifests } from '../parse/index.js';
import { podSpecsOf, resourcesOf } from '../model/index.js';
import { fatalResult, fileResult } from '../result/index.js';
import { mayHoldDirective } from '../suppress/index.js';
import { definitionKey, NO_CONFLICTING_DEFINITIONS } from '../rules/no-conflicting-definitions/index.js';
import { lintFiles, resolveRun } from './run.js';
import type { LintOptions, LintStats, Source } from './options.js';

/**
 * The kinds whose objects rules read from other files: the inventory's ServiceAccounts and Secrets
 * and the RBAC index's objects. Every object with a pod spec is read across files too (the
 * workloads of an account, a Secret's consumers). docs/performance.md has the audit this rests on;
 * test/stream.test.ts holds the streamed run to lint()'s results on every fixture and the corpus.
 */
const CROSS_FILE_KINDS: ReadonlySet<string> = new Set(['ServiceAccount', 'Secret', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** Whether a rule may read `r` while it checks an object of another file. */
export function readAcrossFiles(r: Resource): boolean {
  return CROSS_FILE_KINDS.has(r.kind) || podSpecsOf(r).length > 0;
}

/** How many characters of text the first stage lints together (the memory it holds at once). */
const BATCH_CHARS = 2_000_000;

/** What `reread` gives back: the file's text again, or why it could not be read. */
export type Reread = { text: string } | { error: string; line?: number; column?: number };

/** A file of the run, in the order it was added. */
type Entry =
  /** Linted in the second stage as it was read: it is kept whole. */
  | { kind: 'whole'; file: ParsedFile; resources: Resource[] }
  /** Linted in the first stage; `lean` when some of its documents are read across files. */
  | { kind: 'staged'; path: string; result?: LintResult; keys: string[]; lean?: Lean };

/**
 * What the second stage needs of a file whose other documents were linted in the first: the text
 * with every document that no rule reads across files emptied to a `---` line, encoded off the
 * JavaScript heap, and where each piece kept verbatim came from: its offset in the file (to give
 * fixes the file's offsets) and its first line there (to give findings the file's lines).
 */
interface Lean {
  bytes: Uint8Array;
  documents: number;
  /** Triples: where a verbatim piece starts in the lean text, where in the file, and on which line of the file. */
  pieces: number[];
}

/**
 * A lint run that lets each file's text go once the file is linted, for a CLI that reads files one
 * at a time. Its results are lint()'s, byte for byte (test/stream.test.ts); it holds, from one file
 * to the next, what rules read across files: the documents of ServiceAccounts, Secrets, RBAC objects
 * and pod specs, as text off the heap, and every object's identity.
 *
 * First stage (`add`): each file is parsed; the documents no rule reads across files are linted at
 * once, in batches of files, by every rule but no-conflicting-definitions (which compares objects of
 * the whole run), and their results kept. A file the second stage must see whole stays whole: one
 * with objects of a cluster export or a List, a repaired text, or (when it also holds documents read
 * across files) parse problems, suppression comments, or documents that do not start on a line.
 *
 * Second stage (`finish`): the kept documents are parsed again, with the whole files and every file
 * that defines an object defined elsewhere too (read again with `reread`: no-conflicting-definitions
 * compares them), and linted as one inventory by every rule; the results are merged per file.
 *
 * A run with plugin rules or an audit is not streamed: `add` keeps every file whole and `finish` is
 * lint(). One that fixes or has inventory files is refused (an Error): lint() does those.
 */
export class StreamedRun {
  private readonly rules: AnyRule[];
  private readonly firstStageRules: AnyRule[];
  private readonly config: ResolvedConfig;
  private readonly streams: boolean;
  /** Whether no-conflicting-definitions is on for some file (it then compares every object). */
  private readonly compares: boolean;
  private readonly entries: Entry[] = [];
  private readonly definitions = new Map<string, number>();
  private batch: { entry: Entry & { kind: 'staged' }; file: ParsedFile; resources: Resource[] }[] = [];
  private batchChars = 0;
  private finished = false;
  private readonly stats: LintStats = { files: 0, documents: 0, objects: 0 };
  /**
   * How the run went: files kept whole to the end, files linted in the first stage alone, files
   * whose documents read across files were kept (as lean texts), and files read again.
   */
  readonly summary = { whole: 0, alone: 0, lean: 0, readAgain: 0 };
  /** The objects of the files added and not linted yet that rules read across files. */
  private readonly across = new WeakSet<Resource>();

  constructor(private readonly options: LintOptions = {}) {
    const { rules, config } = resolveRun(options);
    this.rules = rules;
    this.config = config;
    this.compares = config.uniformRule(NO_CONFLICTING_DEFINITIONS)?.severity !== 'off';
    this.firstStageRules = rules.filter((r) => r.meta.id !== NO_CONFLICTING_DEFINITIONS);
    if (options.stats) {
      delete options.stats.answerValidThrough;
      delete options.stats.answerValidAfter;
    }
    // Fixing reads every text again at each pass, and inventory files are parsed already: lint() does both.
    if (options.fix || options.inventoryFiles !== undefined || options.contextFiles !== undefined) throw new Error('StreamedRun neither fixes nor takes inventory files: use lint()');
    this.streams = !options.audit && (options.plugins?.length ?? 0) === 0;
  }

  /** Adds the next source of the run. */
  add(source: Source): void {
    if (this.finished) throw new Error('StreamedRun.add after finish: a run is finished once');
    const file = parseManifests(source.text, source.path);
    const resources = resourcesOf(file, { defaultNamespace: this.config.settings.defaultNamespace });
    this.stats.files++;
    this.stats.documents += file.documents.length;
    this.stats.objects += resources.length;
    if (!this.streams) {
      this.entries.push({ kind: 'whole', file, resources });
      return;
    }
    const keys: string[] = [];
    for (const r of resources) {
      if (readAcrossFiles(r)) this.across.add(r);
      if (r.name === '') continue;
      // A copy: the key is made of slices of the text, which it would keep.
      const key = flat(definitionKey(r));
      this.definitions.set(key, (this.definitions.get(key) ?? 0) + 1);
      if (!this.across.has(r)) keys.push(key);
    }
    if (file.repaired || resources.some((r) => r.cluster !== undefined || r.basePath.length > 0 || hasOwnerReferences(r))) {
      this.entries.push({ kind: 'whole', file, resources });
      return;
    }
    const across = resources.filter((r) => this.across.has(r));
    let lean: Lean | undefined;
    if (across.length > 0) {
      const keep = new Set(across.map((r) => r.document));
      // Where most of the text is read across files, parsing it again costs more than the rest saves.
      let inert = 0;
      for (const d of file.documents) if (!keep.has(d)) inert += d.range[1] - d.range[0];
      if (inert * 2 >= source.text.length) lean = leanText(file, keep);
      if (!lean) {
        this.entries.push({ kind: 'whole', file, resources });
        return;
      }
    }
    if (lean) this.summary.lean++;
    else this.summary.alone++;
    const entry: Entry & { kind: 'staged' } = { kind: 'staged', path: source.path, keys, ...(lean ? { lean } : {}) };
    this.entries.push(entry);
    this.batch.push({ entry, file, resources });
    this.batchChars += source.text.length;
    if (this.batchChars >= BATCH_CHARS) this.flush();
  }

  /**
   * The run's results, one per added source in order. `reread` reads a first-stage file again when
   * the second stage needs it whole (it defines an object another file defines too).
   */
  finish(reread: (path: string) => Reread): LintResult[] {
    if (this.finished) throw new Error('StreamedRun.finish twice: a run is finished once');
    this.finished = true;
    this.flush();
    const stage: ParsedFile[] = [];
    const second = new Map<Entry, ParsedFile>();
    for (const e of this.entries) {
      if (e.kind === 'whole') {
        this.summary.whole++;
        stage.push(e.file);
        second.set(e, e.file);
        continue;
      }
      // An object defined in another file too: no-conflicting-definitions compares the two.
      let whole = this.compares && e.keys.some((k) => (this.definitions.get(k) ?? 0) > 1);
      let file: ParsedFile | undefined;
      if (!whole && e.lean) {
        file = leanFile(e.lean, e.path);
        // The lean text reads as the file did, its emptied documents null; if not, the file is read whole.
        if (file.problems.length > 0 || file.documents.length !== e.lean.documents) whole = true;
      }
      if (whole) {
        delete e.lean;
        delete e.result;
        this.summary.readAgain++;
        const again = reread(e.path);
        if (!('text' in again)) {
          e.result = fatalResult(e.path, again.error, again.line, again.column);
          continue;
        }
        file = parseManifests(again.text, e.path);
      }
      if (file) {
        stage.push(file);
        second.set(e, file);
      }
    }
    const stats: LintStats = { files: 0, documents: 0, objects: 0 };
    const known = new Map<ParsedFile, Resource[]>();
    for (const e of this.entries) if (e.kind === 'whole') known.set(e.file, e.resources);
    const results = stage.length > 0 ? lintFiles(stage, new Set(stage), this.rules, this.config, { ...this.options, stats }, { resourcesOf: known }) : [];
    this.validity(stats);
    const byFile = new Map(stage.map((f, i) => [f, results[i]!]));
    if (this.options.stats) Object.assign(this.options.stats, this.stats);
    const order = new Map(this.rules.map((r, i) => [r.meta.id, i]));
    return this.entries.map((e) => {
      const file = second.get(e);
      const late = file ? byFile.get(file)! : undefined;
      if (e.kind === 'whole') return late!;
      if (!late) return e.result!;
      if (!e.lean || !e.result) return late;
      return merged(e.result, shifted(late, e.lean.pieces), order);
    });
  }

  /** The first stage of the batch: what is not read across files, linted and kept as plain data. */
  private flush(): void {
    if (this.batch.length === 0) return;
    const files = this.batch.map((b) => b.file);
    const leanFiles = new Set(this.batch.filter((b) => b.entry.lean).map((b) => b.file));
    const stats: LintStats = { files: 0, documents: 0, objects: 0 };
    const results = lintFiles(files, new Set(files), this.firstStageRules, this.config, { ...this.options, stats }, { reportOn: (r) => !leanFiles.has(r.file) || !this.across.has(r), resourcesOf: new Map(this.batch.map((b) => [b.file, b.resources])) });
    this.validity(stats);
    // A copy: the results' strings are slices of the texts, which they would keep.
    this.batch.forEach((b, i) => (b.entry.result = structuredClone(results[i]!)));
    this.batch = [];
    this.batchChars = 0;
  }

  /** The dates the answer depends on, over the parts of the run. */
  private validity(part: LintStats): void {
    const s = this.options.stats;
    if (!s) return;
    if (part.answerValidThrough !== undefined && (s.answerValidThrough === undefined || part.answerValidThrough < s.answerValidThrough)) s.answerValidThrough = part.answerValidThrough;
    if (part.answerValidAfter !== undefined && (s.answerValidAfter === undefined || part.answerValidAfter > s.answerValidAfter)) s.answerValidAfter = part.answerValidAfter;
  }
}

/** A copy of `s` that shares no memory with the text it was sliced from. */
function flat(s: string): string {
  return (' ' + s).slice(1);
}

function hasOwnerReferences(r: Resource): boolean {
  const md = r.object['metadata'];
  return typeof md === 'object' && md !== null && 'ownerReferences' in md;
}

function atLineStart(text: string, offset: number): boolean {
  if (offset === 0 || offset === text.length) return true;
  const c = text.charCodeAt(offset - 1);
  return c === 10 || (c === 13 && text.charCodeAt(offset) !== 10);
}

/**
 * The file's text with each document not in `keep` emptied to a `---` line (so that the documents
 * keep their indexes), or undefined when the file cannot be read that way and must stay whole:
 * parse problems, a suppression comment (a `# satlint-disable` in an emptied document may cover a
 * kept one), JSON, lone CR line ends, or a document that does not start and end on a line boundary.
 */
function leanText(file: ParsedFile, keep: ReadonlySet<unknown>): Lean | undefined {
  const text = file.text;
  if (file.problems.length > 0 || mayHoldDirective(text) || /^\s*[{[]/.test(text)) return undefined;
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined;
  let out = '';
  let at = 0;
  const pieces: number[] = [];
  const verbatim = (to: number) => {
    if (to <= at) return;
    pieces.push(out.length, at, file.position(at).line);
    out += text.slice(at, to);
    at = to;
  };
  for (const d of file.documents) {
    const [a, b] = d.range;
    if (a < at || !atLineStart(text, a) || !atLineStart(text, b)) return undefined;
    if (keep.has(d)) continue;
    verbatim(a);
    out += b === text.length && !/[\r\n]$/.test(text) ? '---' : `---${file.eol}`;
    at = b;
  }
  verbatim(text.length);
  return { bytes: new TextEncoder().encode(out), documents: file.documents.length, pieces };
}

/**
 * The lean text's parse with the file's lines: a position in a verbatim piece is on the piece's
 * line of the file plus the lines before it in the piece (pieces start on a line, and columns are
 * the file's).
 */
function leanFile(lean: Lean, path: string): ParsedFile {
  const file = parseManifests(new TextDecoder().decode(lean.bytes), path);
  const position = file.position;
  const pieces = lean.pieces;
  const shift: number[] = [];
  for (let i = 0; i < pieces.length; i += 3) shift.push(pieces[i + 2]! - position(pieces[i]!).line);
  file.position = (offset) => {
    const p = position(offset);
    let k = 0;
    for (let i = 3; i < pieces.length && pieces[i]! <= offset; i += 3) k = i / 3;
    return { line: p.line + shift[k]!, column: p.column };
  };
  return file;
}

/** A second-stage result on a lean text with its fixes' offsets moved back to the file's. */
function shifted(r: LintResult, pieces: readonly number[]): LintResult {
  const at = (o: number): number => {
    let k = 0;
    for (let i = 0; i < pieces.length; i += 3) if (pieces[i]! <= o) k = i;
    return o - pieces[k]! + pieces[k + 1]!;
  };
  const fix = (f: Fix): Fix => ({ ...f, range: [at(f.range[0]), at(f.range[1])] });
  const move = <M extends LintMessage>(m: M): M => (m.fix || m.suggestions ? { ...m, ...(m.fix ? { fix: fix(m.fix) } : {}), ...(m.suggestions ? { suggestions: m.suggestions.map((s) => ({ ...s, fix: fix(s.fix) })) } : {}) } : m);
  return { ...r, messages: r.messages.map(move), suppressedMessages: r.suppressedMessages.map(move) };
}

/**
 * One file's result from its two stages: messages sorted as lint() sorts them (each document's come
 * from one stage, in its order); suppressed messages rule by rule and, within a rule, by line, as
 * a rule reports them going through the file's objects in order.
 */
function merged(first: LintResult, second: LintResult, order: ReadonlyMap<string, number>): LintResult {
  const rank = (m: SuppressedMessage) => order.get(m.ruleId ?? '') ?? -1;
  const suppressed: SuppressedMessage[] = [];
  let i = 0;
  let j = 0;
  const a = first.suppressedMessages;
  const b = second.suppressedMessages;
  while (i < a.length || j < b.length) {
    if (j >= b.length) suppressed.push(a[i++]!);
    else if (i >= a.length) suppressed.push(b[j++]!);
    else {
      const x = a[i]!;
      const y = b[j]!;
      const takeA = rank(x) < rank(y) || (rank(x) === rank(y) && x.line <= y.line);
      suppressed.push(takeA ? a[i++]! : b[j++]!);
    }
  }
  const out = fileResult(first.filePath, [...first.messages, ...second.messages], suppressed);
  const secrets = [...new Set([...(second.secrets ?? []), ...(first.secrets ?? [])])];
  return first.secrets || second.secrets ? { ...out, secrets } : out;
}
