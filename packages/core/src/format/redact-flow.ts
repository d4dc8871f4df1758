import { isInert, isSpace, quotedEnd, run, unquote } from './line-syntax.js';
import { isDataKey, isSecretFlag, isSensitiveKey, isSensitiveValue, MASK } from './looks-secret.js';

/** A collection open at this point of the line, and how its values are judged. */
export interface Frame {
  /** Every value inside is masked (a data mapping). */
  maskAll: boolean;
  /** Values without a key inside are masked (the list of a secret-named key). */
  items: boolean;
  key: string | undefined;
  /** The item before was a flag naming a secret (`--token`): this one is its value. */
  flag?: boolean;
}

/**
 * A line (or the rest of one) written in flow style or JSON (`{name: A, value: B}`,
 * `{"data": {"x": "…"}}`) with every value that may be secret replaced by the mask; keys and
 * punctuation are kept. Returns the text and whether a collection is still open at the end.
 */
export function redactFlow(s: string, root: Frame): { text: string; open: boolean } {
  const stack: Frame[] = [root];
  let out = '';
  let i = 0;
  while (i < s.length) {
    const top = stack[stack.length - 1]!;
    const ch = s[i]!;
    if (isSpace(ch) || ch === ':') {
      out += ch;
      i++;
    } else if (ch === '#' && (i === 0 || isSpace(s[i - 1]))) {
      const comment = s.slice(i);
      out += top.maskAll || isSensitiveValue(comment) ? `# ${MASK}` : comment;
      break;
    } else if (ch === '{' || ch === '[') {
      const k = top.key;
      stack.push({ maskAll: top.maskAll || (k !== undefined && isDataKey(k)), items: k === undefined ? top.items : isSensitiveKey(k), key: undefined });
      out += ch;
      i++;
    } else if (ch === '}' || ch === ']') {
      if (stack.length > 1) stack.pop();
      stack[stack.length - 1]!.key = undefined;
      out += ch;
      i++;
    } else if (ch === ',') {
      top.key = undefined;
      out += ch;
      i++;
    } else {
      let end: number;
      if (ch === '"' || ch === "'") {
        end = quotedEnd(s, i);
        if (end < 0) end = s.length;
      } else {
        end = i;
        while (end < s.length && !FLOW_INDICATORS.includes(s[end]!) && !(s[end] === ':' && (end + 1 === s.length || isSpace(s[end + 1]) || FLOW_INDICATORS.includes(s[end + 1]!))) && !(s[end] === '#' && isSpace(s[end - 1]))) end++;
      }
      const token = s.slice(i, end);
      const after = end + run(s, end, (c) => c === 32 || c === 9);
      if (s[after] === ':' && top.key === undefined) {
        top.key = unquote(token.trimEnd());
        out += token;
      } else {
        const secret = top.key !== undefined ? isDataKey(top.key) || isSensitiveKey(top.key) : top.items || (top.flag === true && !/^[-/]/.test(unquote(token.trim())));
        const masked = top.maskAll || (secret && !isInert(token)) || isSensitiveValue(token);
        out += masked ? MASK + (token.endsWith(' ') ? ' ' : '') : token;
        top.flag = top.key === undefined && isSecretFlag(token);
      }
      i = end;
    }
  }
  return { text: out, open: stack.length > 1 };
}

const FLOW_INDICATORS = ',[]{}';
