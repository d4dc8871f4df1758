import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { lastContentOffset, lineEnd, lineStart } from './positions.js';

// Where inserted text goes in a document's syntax tree: after a pair or node (its last line, or
// after the trailing lines a kept block scalar owns), before a key's own comments.

/** Where a pair's text ends (its value's, else its key's). */
export function pairEnd(pair: Pair): number | undefined {
  const v = pair.value as Node | null;
  return v?.range?.[1] ?? (pair.key as Node | null)?.range?.[1];
}

/**
 * Where an inserted key goes when `at` is a mapping's first key: before the comment lines directly
 * above it at its own indentation (they describe that key), so a comment stays with its key.
 */
export function beforeOwnComments(text: string, at: number): number {
  let ls = lineStart(text, at);
  if (text.slice(ls, at).trim() !== '') return at;
  const col = at - ls;
  let best = at;
  while (ls > 0) {
    const prev = lineStart(text, ls - 1);
    const line = text.slice(prev, ls).replace(/\r?\n$|\r$/, '');
    const m = /^( *)#/.exec(line);
    if (!m || m[1]!.length !== col) break;
    best = prev + col;
    ls = prev;
  }
  return best;
}

/** The last node of a subtree in source order (the one whose end is the subtree's end). */
function tailNode(node: Node): Node {
  let cur: Node = node;
  for (let depth = 0; depth < 200; depth++) {
    if (isMap(cur) && !cur.flow && cur.items.length > 0) {
      const p = cur.items[cur.items.length - 1]!;
      const v = (p.value as Node | null) ?? (p.key as Node | null);
      if (!v) return cur;
      cur = v;
    } else if (isSeq(cur) && !cur.flow && cur.items.length > 0) {
      cur = cur.items[cur.items.length - 1] as Node;
    } else return cur;
  }
  return cur;
}

/**
 * Where text appended after a pair or node goes: at the end of its last line, or — when it ends in
 * a keep-chomping block scalar (`|+`, `>+`), whose trailing blank lines are part of its value — at
 * the start of the line after them. Null when such a scalar ends the file without a line break.
 */
export function appendPoint(text: string, item: Pair | Node, floor: number): { pos: number; lineStart: boolean } | null {
  const node = isPairLike(item) ? ((item.value as Node | null) ?? (item.key as Node | null)) : item;
  if (!node?.range) return null;
  const tail = tailNode(node);
  if (isScalar(tail) && (tail.type === 'BLOCK_LITERAL' || tail.type === 'BLOCK_FOLDED') && tail.range) {
    const header = /^[|>][0-9+-]*/.exec(text.slice(tail.range[0], tail.range[0] + 4))?.[0] ?? '';
    if (header.includes('+')) {
      const end = tail.range[1];
      if (end === 0 || (text[end - 1] !== '\n' && text[end - 1] !== '\r')) return null;
      return { pos: end, lineStart: true };
    }
  }
  const end = tail.range?.[1] ?? node.range[1];
  return { pos: lineEnd(text, lastContentOffset(text, end, floor)), lineStart: false };
}

function isPairLike(x: Pair | Node): x is Pair {
  return (x as Pair).key !== undefined && (x as Node).range === undefined;
}
