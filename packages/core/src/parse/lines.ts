/**
 * Offsets where each line of `text` starts. Line breaks are `\n`, `\r\n` and a lone `\r`, as in
 * every position satlint reports (`ParsedFile.position`); other characters Unicode calls line
 * breaks (U+2028…) are not.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // The common case: `\n` only, found with indexOf (a native search) instead of a loop over
    // every character.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/**
 * The offset in `text` of a 1-based line and column as satlint reports them (clamped to the text):
 * the inverse of `ParsedFile.position` for the same line starts.
 */
export function offsetAt(starts: readonly number[], text: string, line: number, column: number): number {
  const start = starts[Math.min(Math.max(line, 1), starts.length) - 1]!;
  return Math.min(start + Math.max(column, 1) - 1, text.length);
}

/**
 * The 1-based line and column of an offset in `text` (`ParsedFile.position`). The line starts are
 * found the first time it is asked (most files are never asked).
 */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  // Kept as 4 bytes a line, not a grown array's 8 and its spare room: a run keeps the line starts
  // of every file it places a finding in until it ends (1.4 MB on the 10k-document repository).
  let starts: Uint32Array | undefined;
  return (offset) => {
    starts ??= Uint32Array.from(lineStarts(text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/** The line break a file uses (looked for in its first 64 KiB): what fixes insert. */
export function eolOf(text: string): '\n' | '\r\n' | '\r' {
  const head = text.slice(0, 65536);
  if (!head.includes('\r')) return '\n';
  return /\r\n/.test(head) ? '\r\n' : /\r/.test(head) && !/\n/.test(head) ? '\r' : '\n';
}
