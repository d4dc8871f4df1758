import type { Origin } from '../types.js';

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

/** The origin a `# Source:` comment between two documents gives the next one (helm template output). */
export function findOrigin(between: string): Origin | undefined {
  const file = sourceComment(between);
  return file !== undefined ? { file, via: 'helm' } : undefined;
}
