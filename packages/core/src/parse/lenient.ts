/**
 * go-yaml (and so Kubernetes) accepts a multi-line quoted scalar whose continuation lines are
 * indented no deeper than the line that opened it; the `yaml` package rejects it. Line folding
 * drops leading white space, so indenting those lines changes no value. This finds such lines and
 * says how many spaces each needs; the caller parses the padded text and maps offsets back.
 */
export interface Insertion {
  /** Offset in the original text (a line start). */
  at: number;
  /** Spaces inserted there. */
  count: number;
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * True when a line ends in a block scalar header (`key: |`, `- >-`, `|2 # comment`): `|` or `>`
 * that starts the line's content or follows `:`/`-` and white space, then up to two indentation or
 * chomping indicators, white space, and an optional comment. Candidates are found from the right
 * (the end of the line and each `#`), so the work is linear in the line's length.
 */
export function endsWithBlockHeader(line: string): boolean {
  let end = line.length;
  if (line.charCodeAt(end - 1) === 13) end--;
  let firstContent = 0;
  while (firstContent < end && isSpace(line.charCodeAt(firstContent))) firstContent++;
  const headerBefore = (stop: number): boolean => {
    // `stop` is where the optional comment starts (or the line's end): white space before it,
    // then up to two indicators, then `|` or `>`.
    let k = stop;
    while (k > 0 && isSpace(line.charCodeAt(k - 1))) k--;
    for (let n = 0; n <= 2 && k - n - 1 >= 0; n++) {
      const at = k - n - 1;
      const c = line.charCodeAt(at);
      if (c === 124 || c === 62) {
        if (at <= firstContent) return true;
        let w = at;
        while (w > 0 && isSpace(line.charCodeAt(w - 1))) w--;
        const before = line.charCodeAt(w - 1);
        if (w < at && (before === 58 || before === 45)) return true;
      }
      if (!((c >= 49 && c <= 57) || c === 43 || c === 45)) break;
    }
    return false;
  };
  // A comment runs to the end of the line and holds no line terminator other than the final CR.
  if (headerBefore(end)) return true;
  for (let h = line.indexOf('#'); h !== -1 && h < end; h = line.indexOf('#', h + 1)) if (headerBefore(h)) return true;
  return false;
}
const OPENERS = new Set([':', '-', '[', ',', '{', '?']);

export function findUnderIndentedQuotes(text: string): Insertion[] {
  const out: Insertion[] = [];
  const n = text.length;
  let i = 0;
  let blockScalarIndent = -1;
  while (i < n) {
    const lineStart = i;
    let indent = 0;
    while (i < n && text[i] === ' ') {
      i++;
      indent++;
    }
    if (blockScalarIndent >= 0) {
      const blank = i >= n || text[i] === '\n' || text[i] === '\r';
      if (blank || indent > blockScalarIndent) {
        i = skipLine(text, i);
        continue;
      }
      blockScalarIndent = -1;
    }
    const lineIndent = indent;
    let prev = ' ';
    while (i < n && text[i] !== '\n') {
      const ch = text[i]!;
      if (ch === '#' && (prev === ' ' || prev === '\t' || i === lineStart + lineIndent)) {
        while (i < n && text[i] !== '\n') i++;
        break;
      }
      if ((ch === '"' || ch === "'") && (i === lineStart + lineIndent || isOpenerBefore(text, i, lineStart))) {
        const end = scanQuoted(text, i, ch, lineIndent, out);
        if (end < 0) return out;
        i = end + 1;
        prev = ch;
        continue;
      }
      prev = ch;
      i++;
    }
    if (endsWithBlockHeader(text.slice(lineStart, i))) {
      blockScalarIndent = lineIndent;
    }
    i++;
  }
  return out;
}

function isOpenerBefore(text: string, i: number, lineStart: number): boolean {
  let j = i - 1;
  while (j >= lineStart && (text[j] === ' ' || text[j] === '\t')) j--;
  if (j < lineStart) return true;
  const c = text[j]!;
  if (!OPENERS.has(c)) return false;
  // `:` and `-` open a value only when followed by white space.
  if ((c === ':' || c === '-') && j + 1 === i) return false;
  return true;
}

function scanQuoted(text: string, start: number, quote: string, openIndent: number, out: Insertion[]): number {
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (quote === '"' && ch === '\\') {
      // An escaped line break (`"a\` at a line's end) still starts a continuation line to look at.
      i += text[i + 1] === '\n' ? 1 : 2;
      continue;
    }
    if (ch === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        i += 2;
        continue;
      }
      return i;
    }
    if (ch === '\n') {
      const ls = i + 1;
      let k = ls;
      while (k < n && text[k] === ' ') k++;
      const blank = k >= n || text[k] === '\n' || text[k] === '\r';
      const indent = k - ls;
      if (!blank && indent <= openIndent) out.push({ at: ls, count: openIndent + 1 - indent });
    }
    i++;
  }
  return -1;
}

function skipLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

/** Applies insertions; returns the padded text and a map from padded offsets back to original ones. */
export function applyInsertions(text: string, ins: Insertion[]): { text: string; toOriginal: (offset: number) => number } {
  let out = '';
  let last = 0;
  const paddedAt: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const { at, count } of ins) {
    out += text.slice(last, at) + ' '.repeat(count);
    last = at;
    total += count;
    paddedAt.push(at + total);
    cumulative.push(total);
  }
  out += text.slice(last);
  const toOriginal = (offset: number): number => {
    // Largest k with paddedAt[k] - count_k <= offset: inserted spaces map to the line start.
    let lo = 0;
    let hi = paddedAt.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (paddedAt[mid]! <= offset) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const shift = k >= 0 ? cumulative[k]! : 0;
    const next = k + 1;
    if (next < paddedAt.length) {
      const insStart = paddedAt[next]! - (cumulative[next]! - shift);
      if (offset >= insStart) return ins[next]!.at;
    }
    return offset - shift;
  };
  return { text: out, toOriginal };
}

/**
 * go-yaml skips a byte-order mark that starts a line (its scanner allows one before any token at
 * column 0), so kubectl reads `---` then `\uFEFFapiVersion: v1` as `apiVersion`; the `yaml` package
 * reads the mark as part of the key. The text without those marks (after the first character: a
 * mark that starts the file is the parser's own), with offsets mapped back; null when there are none.
 */
export function withoutLineStartBoms(text: string): { text: string; toOriginal: (offset: number) => number } | null {
  const removed: number[] = [];
  for (let i = text.indexOf('\uFEFF', 1); i !== -1; i = text.indexOf('\uFEFF', i + 1)) {
    const prev = text.charCodeAt(i - 1);
    if (prev === 10 || prev === 13) removed.push(i);
  }
  if (removed.length === 0) return null;
  let out = '';
  let last = 0;
  for (const at of removed) {
    out += text.slice(last, at);
    last = at + 1;
  }
  out += text.slice(last);
  // Offset o of the new text is o + (marks removed at or before original position o + k).
  const toOriginal = (offset: number): number => {
    let lo = 0;
    let hi = removed.length;
    // first k with removed[k] - k > offset: marks before it all lie before the offset
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (removed[mid]! - mid <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  };
  return { text: out, toOriginal };
}
