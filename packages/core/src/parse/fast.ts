/**
 * A fast path to the values of a YAML stream: plain JavaScript values composed straight from the
 * `yaml` package's CST tokens, without building `Document` nodes. It covers what Kubernetes
 * manifests use (block and flow collections, all scalar styles, anchors and aliases, YAML 1.1
 * scalars as go-yaml reads them) and gives up — returns `null`, so the caller takes the full
 * parse — on anything else: errors, tags, directives, merge keys, complex keys, timestamps and
 * sexagesimal numbers. lint() uses the faster text scanner (scan.ts), which shares its scalar
 * resolution; this CST path stays as a second reference. A differential test holds it to the
 * full parse's values on the whole corpus and on fuzzed input.
 */
import { CST, Parser } from 'yaml';

type Token = CST.Token;
type SourceToken = CST.SourceToken;

/** Thrown where the fast paths give up (the caller falls back on the full parse). @internal */
export class Unsupported extends Error {}
const bail = (): never => {
  throw new Unsupported();
};

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const INT_BIN = /^[-+]?0b[0-1_]+$/;
const INT_OCT = /^[-+]?0[0-7_]+$/;
const INT = /^[-+]?[0-9][0-9_]*$/;
const INT_HEX = /^[-+]?0x[0-9a-fA-F_]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/;
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;

function int(str: string, skip: number, radix: number): number {
  let offset = skip;
  const sign = str[0];
  if (sign === '-' || sign === '+') offset += 1;
  const n = parseInt(str.substring(offset).replace(/_/g, ''), radix);
  return sign === '-' ? -1 * n : n;
}

/** A plain scalar's value under YAML 1.1, as the `yaml` package's yaml-1.1 schema resolves it. */
export function resolvePlain(s: string): unknown {
  if (NULL.test(s)) return null;
  if (TRUE.test(s)) return true;
  if (FALSE.test(s)) return false;
  if (INT_BIN.test(s)) return int(s, 2, 2);
  if (INT_OCT.test(s)) return int(s, 1, 8);
  if (INT.test(s)) return int(s, 0, 10);
  if (INT_HEX.test(s)) return int(s, 2, 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s.replace(/_/g, ''));
  if (SEXAGESIMAL.test(s) || TIMESTAMP.test(s)) bail();
  return s;
}

/** Only layout may follow a node: anything else there is content the full parse rejects. */
const LAYOUT = new Set(['newline', 'space', 'comment']);
function tail(tokens: readonly { type: string }[] | undefined, allowed: ReadonlySet<string> = LAYOUT): void {
  for (const t of tokens ?? []) if (!allowed.has(t.type)) bail();
}
const DOC_END = new Set([...LAYOUT, 'doc-end']);
const ITEM_START = new Set([...LAYOUT, 'anchor', 'seq-item-ind', 'comma']);
const SEP = new Set([...LAYOUT, 'anchor', 'map-value-ind']);
const onlyLayout = (tokens: readonly { type: string }[] | undefined): boolean => (tokens ?? []).every((t) => LAYOUT.has(t.type) || t.type === 'comma');
const FLOW_END = new Set([...LAYOUT, 'flow-map-end', 'flow-seq-end']);

/** Error tokens can sit where the CST's types promise source tokens. */
const isError = (t: { type: string }): boolean => t.type === 'error';

interface State {
  anchors: Map<string, unknown>;
  aliases: number;
}

/** Anchor name from the props before a node, bailing on tags and anything unexpected. */
function props(tokens: readonly SourceToken[] | undefined): string | undefined {
  let anchor: string | undefined;
  for (const t of tokens ?? []) {
    if (isError(t)) bail();
    switch (t.type) {
      case 'anchor':
        anchor = t.source.slice(1);
        if (!/^[^\s,[\]{}]+$/.test(anchor)) bail();
        break;
      case 'tag':
      case 'directive-line':
        bail();
        break;
      default:
        break;
    }
  }
  return anchor;
}

function scalar(token: Token): string {
  const r = CST.resolveAsScalar(token as CST.FlowScalar | CST.BlockScalar, true, () => bail());
  if (!r) bail();
  return r!.value;
}

function compose(token: Token | undefined, st: State, propTokens?: readonly SourceToken[], inFlow = false): unknown {
  const anchor = props(propTokens);
  // Block collections cannot sit inside flow ones.
  if (inFlow && (token?.type === 'block-map' || token?.type === 'block-seq' || token?.type === 'block-scalar')) bail();
  // An anchor on a block collection is legal only in some layouts: leave it to the full parse.
  if (anchor !== undefined && (token?.type === 'block-map' || token?.type === 'block-seq')) bail();
  let value: unknown;
  if (!token) value = null;
  else {
    if ('end' in token && token.type !== 'flow-collection') tail(token.end as { type: string }[] | undefined);
    switch (token.type) {
      case 'scalar':
        // A plain scalar cannot begin with an indicator followed by a space or a flow character.
        if (/^[-?:](?=$|[\s,[\]{}])/.test(token.source)) bail();
        value = resolvePlain(scalar(token));
        break;
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        value = scalar(token);
        break;
      case 'alias': {
        const name = token.source.slice(1);
        if (!st.anchors.has(name)) bail();
        // The full parse refuses alias bombs; the fast path leaves any heavy aliasing to it.
        if (++st.aliases > 1000) bail();
        value = st.anchors.get(name);
        break;
      }
      case 'block-map':
        value = mapOf(token.items, st, true);
        break;
      case 'block-seq':
        value = token.items
          // A comment between items is an item with no indicator and no value: not an entry.
          .filter((it) => it.value !== undefined || !onlyLayout(it.start))
          .map((it) => {
            if (it.key !== undefined || it.sep !== undefined || !it.start.some((t) => t.type === 'seq-item-ind')) bail();
            tail(it.start, ITEM_START);
            return compose(it.value, st, it.start);
          });
        break;
      case 'flow-collection':
        // Entries are separated by exactly one comma; none before the first (a trailing one is fine).
        token.items.forEach((it, i) => {
          const commas = it.start.filter((t) => t.type === 'comma').length + (it.sep ?? []).filter((t) => t.type === 'comma').length;
          if (commas !== (i === 0 ? 0 : 1)) bail();
        });
        if (token.start.source === '{') value = mapOf(token.items, st, false);
        else {
          value = token.items
            // A trailing comma leaves an item with nothing in it.
            .filter((it) => it.value !== undefined || it.key !== undefined || it.sep !== undefined || !onlyLayout(it.start))
            .map((it) => {
              if (it.key !== undefined || it.sep !== undefined || it.value === undefined) bail();
              tail(it.start, ITEM_START);
              return compose(it.value, st, it.start, true);
            });
        }
        // An unclosed `[` or `{` leaves no end token: a syntax error the full parse reports.
        if (!token.end.some((t) => t.source === (token.start.source === '{' ? '}' : ']'))) bail();
        tail(token.end, FLOW_END);
        break;
      default:
        bail();
    }
  }
  if (anchor !== undefined) st.anchors.set(anchor, value);
  return value;
}

function mapOf(items: readonly CST.CollectionItem[], st: State, block: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const it of items) {
    // A comment line between pairs is an item with neither key, separator nor value.
    if (it.key === undefined && it.sep === undefined && it.value === undefined && onlyLayout(it.start)) continue;
    tail(it.start, ITEM_START);
    tail(it.sep, SEP);
    // Props before a key (an anchor on a key) are checked but not supported as alias targets.
    if (props(it.start) !== undefined && it.key === undefined) bail();
    // In a block mapping every key needs its `:`; a flow mapping allows `{a}` for a: null, but a
    // value always comes after a `:`.
    const colons = (it.sep ?? []).filter((t) => t.type === 'map-value-ind').length;
    if (colons > 1 || ((block || it.value !== undefined) && colons === 0)) bail();
    const keyToken = it.key;
    let key: unknown = null;
    // An implicit key is one line; a multi-line one is an error the full parse reports.
    if (keyToken && 'source' in keyToken && /[\n\r]/.test(keyToken.source)) bail();
    if (keyToken) {
      if (keyToken.type === 'scalar') {
        const src = scalar(keyToken);
        if (src === '<<') bail();
        key = resolvePlain(src);
      } else if (keyToken.type === 'single-quoted-scalar' || keyToken.type === 'double-quoted-scalar') key = scalar(keyToken);
      else if (keyToken.type === 'alias') key = compose(keyToken, st);
      else bail();
      if (key !== null && typeof key === 'object') bail();
    }
    // `key: nested: map` on one line is an error; a block collection as a value starts on its own line.
    if (block && (it.value?.type === 'block-map' || it.value?.type === 'block-seq') && !(it.sep ?? []).some((t) => t.type === 'newline')) bail();
    const value = compose(it.value, st, it.sep, !block);
    const name = key === null ? '' : String(key);
    if (name === '__proto__') Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
    else out[name] = value;
  }
  return out;
}

/** A comment must follow whitespace or start a line (`a#b` is text, `{}#x` an error). */
function commentsSeparated(token: unknown, text: string): void {
  const stack: unknown[] = [token];
  while (stack.length > 0) {
    const t = stack.pop();
    if (Array.isArray(t)) {
      stack.push(...t);
      continue;
    }
    if (!t || typeof t !== 'object') continue;
    const o = t as { type?: string; offset?: number };
    if (o.type === 'comment' && o.offset !== undefined && o.offset > 0 && !/[ \t\n\r]/.test(text[o.offset - 1]!)) bail();
    for (const [k, v] of Object.entries(t)) if (k !== 'source' && v && typeof v === 'object') stack.push(v);
  }
}

/** The value of every document of `text`, or null when the fast path does not cover the input. */
export function fastValues(text: string): unknown[] | null {
  // Tabs are errors in some places and content in others: leave any text with a tab to the full parse.
  if (text.includes('\t')) return null;
  const out: unknown[] = [];
  try {
    for (const token of new Parser().parse(text)) {
      if (text.includes('#')) commentsSeparated(token, text);
      switch (token.type) {
        case 'document': {
          if (token.start.some((t) => t.type !== 'doc-start' && t.type !== 'newline' && t.type !== 'space' && t.type !== 'comment')) bail();
          tail(token.end, DOC_END);
          out.push(compose(token.value, { anchors: new Map(), aliases: 0 }));
          break;
        }
        case 'doc-end':
          tail((token as { end?: { type: string }[] }).end);
          break;
        case 'comment':
        case 'newline':
        case 'space':
        case 'byte-order-mark':
          break;
        default:
          bail();
      }
    }
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
  return out;
}
