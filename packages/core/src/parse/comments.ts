import { Lexer } from 'yaml';

/** A `#` comment of a YAML stream: offsets of the `#` and of the end of the comment, and its text after `#`. */
export interface YamlCommentToken {
  start: number;
  end: number;
  /** The comment's text without the leading `#`. */
  value: string;
}

// The lexer's control tokens stand for structure, not source text: they take no offsets.
const DOCUMENT = '\u0002';
const FLOW_END = '\u0018';
const SCALAR = '\u001f';

/**
 * Every comment of `text`, found with the `yaml` package's lexer: a `#` inside a quoted string, a
 * block scalar or a plain scalar (`a#b`) is data, not a comment. The one way satlint's CLI and its
 * ESLint plugin look for directives, so that data can never act as one.
 */
export function yamlComments(text: string): YamlCommentToken[] {
  const out: YamlCommentToken[] = [];
  let offset = 0;
  // go-yaml (Kubernetes) takes a lone CR as a line break, as the parse does; same length, same offsets.
  const source = /\r(?!\n)/.test(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
  for (const token of new Lexer().lex(source)) {
    if (token.startsWith('#')) out.push({ start: offset, end: offset + token.length, value: token.slice(1) });
    if (token !== DOCUMENT && token !== FLOW_END && token !== SCALAR) offset += token.length;
  }
  return out;
}
