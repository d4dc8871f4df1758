/**
 * Offsets where each line of `text` starts. Line breaks are `\n`, `\r\n` and a lone `\r`, as in
 * every position satlint reports (`ParsedFile.position`); other characters Unicode calls line
 * breaks (U+2028…) are not.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
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
