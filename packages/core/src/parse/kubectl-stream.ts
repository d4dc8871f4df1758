/**
 * How kubectl splits a file into documents (k8s.io/apimachinery v0.31 `YAMLOrJSONDecoder`), where
 * that differs from a YAML parser reading the whole stream:
 *
 * - a file whose first character (after a byte-order mark and white space) is `{` is read as a
 *   stream of JSON values: the first thing that is not JSON (a `---` line, a YAML flow mapping)
 *   stops kubectl there;
 * - otherwise the file is cut at `---` lines (a line, ended by LF, that starts with `---` followed
 *   by nothing but white space or a comment). A line that starts with `---` followed by anything else
 *   (`----`, `--- {a: b}`) stops kubectl ("invalid Yaml document separator"); so does a part that
 *   starts with a `%YAML`/`%TAG` directive, which the cut has separated from its document;
 * - go-yaml decodes only the first document of each part: a document after `...` without a `---`
 *   line, or after a `---` that ends in a lone CR, is never read.
 *
 * A stop is a fatal problem at its line (kubectl applies nothing from there on; satlint keeps
 * reading, so that one mistake does not hide the rest of the file). A document kubectl never reads
 * is a warning and is not linted: it enters no inventory, as it never reaches a cluster.
 */
import type { ParsedFile } from '../types.js';
import { stopsKubectl } from './problems.js';

/** Reports where kubectl's reading of `file` stops, and removes the documents it never reads. */
export function applyKubectlSplitting(file: ParsedFile): void {
  splitAsKubectl(file);
  markAfterStop(file);
}

/**
 * Marks every document that starts after kubectl's stop point: kubectl sends the objects before
 * its first stream error and nothing from there on (a document it refuses on its own, mistyped
 * metadata, does not stop it).
 */
function markAfterStop(file: ParsedFile): void {
  let stop = Infinity;
  for (const p of file.problems) if (stopsKubectl(p)) stop = Math.min(stop, p.range[0]);
  if (stop === Infinity) return;
  for (const d of file.documents) {
    if (d.range[0] < stop) continue;
    d.afterKubectlStop = true;
    for (const item of d.items ?? []) item.document.afterKubectlStop = true;
  }
}

function splitAsKubectl(file: ParsedFile): void {
  const text = file.text;
  let start = 0;
  if (text.charCodeAt(0) === 0xfeff) start = 1;
  let first = start;
  while (first < text.length && isGoSpace(text.charCodeAt(first))) first++;
  if (text.charCodeAt(first) === 123 /* { */) {
    const stop = jsonStop(text, first);
    // (a YAML syntax error in the file already says where it is unreadable)
    if (stop !== undefined && !file.problems.some((p) => p.severity === 'fatal' && p.code === 'syntax')) {
      file.problems.push({ severity: 'fatal', code: 'syntax', message: 'kubectl reads a file that starts with { as a stream of JSON objects, and this is not JSON: it stops reading here and applies nothing after it', range: [stop, stop + 1] });
    }
    return;
  }
  const parts: [number, number][] = [];
  let partStart = start;
  let stopped = false;
  // Only the lines that start with `---` matter: found with indexOf (a native search) instead of a
  // look at every line.
  const lineAfter = (nl: number): number => (nl === -1 ? -1 : nl + 1);
  for (let ls = text.startsWith('---', start) ? start : lineAfter(text.indexOf('\n---', start)); ls !== -1; ) {
    const nl = text.indexOf('\n', ls);
    const le = nl === -1 ? text.length : nl + 1;
    const rest = text.slice(ls + 3, le).trim();
    if (rest !== '' && !rest.startsWith('#')) {
      parts.push([partStart, ls]);
      if (!file.problems.some((p) => p.severity === 'fatal' && p.range[0] >= ls && p.range[0] < le))
        file.problems.push({ severity: 'fatal', code: 'syntax', message: `kubectl stops reading the file here: a line that starts with --- may hold only white space or a comment after it for kubectl's document splitter ("invalid Yaml document separator"), so it applies nothing from this line on`, range: [ls, ls + 3] });
      stopped = true;
      break;
    }
    parts.push([partStart, ls]);
    partStart = le;
    ls = nl === -1 ? -1 : lineAfter(text.indexOf('\n---', nl));
  }
  if (!stopped) parts.push([partStart, text.length]);
  const docs = file.documents;
  let next = 0;
  for (const [ps, pe] of parts) {
    const directive = firstContentLine(text, ps, pe);
    if (directive !== undefined && text.charCodeAt(directive) === 37 /* % */) {
      file.problems.push({ severity: 'fatal', code: 'syntax', message: 'kubectl stops reading the file here: its document splitter cuts a %YAML or %TAG directive off from the document after ---, and go-yaml then finds no document ("did not find expected <document start>"), so it applies nothing from this line on', range: [directive, directive + 1] });
      break;
    }
    let read = false;
    // Documents and parts are both in file order: each part looks at the documents from the first
    // that may reach into it, so the whole walk is linear.
    let k = next;
    for (; k < docs.length && docs[k]!.range[0] < pe; k++) {
      const d = docs[k]!;
      // The document's content in this part (its range may also hold the --- line before it).
      if (d.value === null || d.range[1] <= ps || firstContentLine(text, Math.max(d.range[0], ps), Math.min(d.range[1], pe)) === undefined) continue;
      if (!read) {
        read = true;
        continue;
      }
      if (d.value === undefined) {
        // A syntax error (or a refusal) in text kubectl never reads is no error to kubectl.
        const before = file.problems.length;
        const kept = file.problems.filter((p) => !(p.severity === 'fatal' && p.documentIndex === d.index));
        if (kept.length === before) continue;
        file.problems.splice(0, before, ...kept);
      }
      file.problems.push({
        severity: 'warning',
        code: 'kubectl-skips',
        message: `kubectl never reads document ${d.index + 1}: no --- line separates it from the document before it (it follows ... or a --- that ends in a lone CR), and kubectl decodes only the first document between two --- lines; it is not linted`,
        range: [d.range[0], Math.min(d.range[0] + 1, d.range[1])],
        documentIndex: d.index,
      });
      docs[k] = { index: d.index, value: undefined, ast: null, range: d.range, ...(d.origin ? { origin: d.origin } : {}) };
    }
    while (next < k && docs[next]!.range[1] <= pe) next++;
  }
}

/** Where kubectl's reading of a file that starts with `{` (a stream of JSON values) stops, or undefined when it is JSON to its end. */
export function jsonStreamStop(text: string): number | undefined {
  let first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (first < text.length && isGoSpace(text.charCodeAt(first))) first++;
  return jsonStop(text, first);
}

/** Go's unicode.IsSpace for the characters a manifest holds. */
function isGoSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0;
}

/** Offset of the first line of `[from, to)` that is neither blank nor a comment. */
function firstContentLine(text: string, from: number, to: number): number | undefined {
  for (let ls = from; ls < to; ) {
    const nl = text.indexOf('\n', ls);
    const le = nl === -1 || nl >= to ? to : nl + 1;
    let k = ls;
    while (k < le && isGoSpace(text.charCodeAt(k))) k++;
    if (k < le && text.charCodeAt(k) !== 35 /* # */) return ls;
    ls = le;
  }
  return undefined;
}

/** Where a stream of JSON values starting at `from` stops being JSON, or undefined when it is JSON to its end. */
function jsonStop(text: string, from: number): number | undefined {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 123 && c !== 91) return i;
    const end = valueEnd(text, i);
    if (end === undefined) return i;
    try {
      JSON.parse(text.slice(i, end));
    } catch {
      return i;
    }
    i = end;
    while (i < text.length && isGoSpace(text.charCodeAt(i))) i++;
  }
  return undefined;
}

/** The end of the bracketed value at `from` (strings skipped), or undefined when it is not closed. */
function valueEnd(text: string, from: number): number | undefined {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}
