import { sanitize } from './text.js';

// Every test below is a scan of the line in one pass (or a regex without nested or adjacent
// quantifiers over overlapping characters): excerpts are built from untrusted files, so the time
// must stay linear in the length of a line whatever it holds (see test/reports.test.ts).

const MASK = '«redacted»';

/** Words that make a key (or `word=…` in a value or comment) name a secret. */
const SENSITIVE_WORDS = ['token', 'secret', 'passw', 'pwd', 'credential', 'private', 'apikey', 'api-key', 'api_key', 'accesskey', 'access-key', 'access_key', 'auth', 'cert'];
/** Endings of keys that name a secret without holding one (`secretName`, `tokenPath`, `defaultMode`). */
const NOT_A_VALUE_ENDINGS = ['name', 'names', 'ref', 'path', 'mode', 'seconds', 'audience', 'audiences', 'kind', 'type', 'enabled'];
/** Endings of flags and variables that name a secret's location or format, not the secret (`--tls-cert-file`, `SECRET_NAME=`). */
const REFERENCE_ENDINGS = [...NOT_A_VALUE_ENDINGS, 'file', 'dir', 'format', 'id'];
const endsWithAny = (s: string, endings: readonly string[]): boolean => endings.some((e) => s.endsWith(e));

const isDataKey = (key: string): boolean => key === 'data' || key === 'stringData' || key === 'binaryData';

/**
 * Keys whose value may be a secret: a token, password, key or credential by name, `value` (an
 * environment variable's value, whatever its name says), and the last-applied-configuration
 * annotation (a copy of the whole object, Secret data included). Keys that name a secret without
 * holding one (`secretName`, `automountServiceAccountToken`, `expirationSeconds`) are not.
 */
function isSensitiveKey(key: string): boolean {
  const k = key.toLowerCase();
  if (k === 'value' || k.endsWith('last-applied-configuration')) return true;
  let sensitive = k === 'key' || k.endsWith('.key') || (k.endsWith('key') && !isWordChar(k.charCodeAt(k.length - 4)));
  for (const w of SENSITIVE_WORDS) if (!sensitive && k.includes(w)) sensitive = true;
  if (!sensitive) return false;
  for (const e of NOT_A_VALUE_ENDINGS) if (k.endsWith(e)) return false;
  // `…mount…` in the last word: volumeMounts, automountServiceAccountToken.
  let start = k.length;
  while (start > 0 && isWordChar(k.charCodeAt(start - 1))) start--;
  return !k.slice(start).includes('mount');
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isBase64Char(c: number): boolean {
  return isAlnum(c) || c === 43 || c === 47;
}
const isUpperOrDigit = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

/** Number of characters from `from` on that satisfy `ok` (at most `max`). */
function run(s: string, from: number, ok: (c: number) => boolean, max = Infinity): number {
  let n = 0;
  while (from + n < s.length && n < max && ok(s.charCodeAt(from + n))) n++;
  return n;
}

/**
 * Whether a value (or comment) looks like it holds a secret: a JWT, an AWS access key id, a PEM
 * block, a long base64 string, a GitHub or Slack token, credentials in a URL
 * (`https://user:pass@host`), or an assignment to a secret-named variable (`--password=…`,
 * `DB_TOKEN=…`, `"apiKey": …`). One pass over the text.
 */
function isSensitiveValue(s: string): boolean {
  let b64 = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isBase64Char(c)) {
      if (++b64 >= 40) return true;
    } else b64 = 0;
    // Only a few characters can start a token-shaped value: test the prefixes at those alone.
    switch (c) {
      case 101: // e
        if (s.startsWith('eyJ', i) && run(s, i + 3, (x) => isAlnum(x) || x === 95 || x === 45, 10) >= 10) return true;
        break;
      case 65: // A
        if ((s.startsWith('AKIA', i) || s.startsWith('ASIA', i)) && run(s, i + 4, isUpperOrDigit, 16) >= 16) return true;
        break;
      case 45: // -
        if (s.startsWith('-----BEGIN', i)) return true;
        break;
      case 120: // x
        if (s.startsWith('xox', i) && 'abpr'.includes(s[i + 3] ?? '-') && s[i + 4] === '-') return true;
        break;
      case 103: // g
        if (s[i + 1] === 'h' && 'pousr'.includes(s[i + 2] ?? '-') && s[i + 3] === '_' && run(s, i + 4, isAlnum, 20) >= 20) return true;
        break;
      case 58: // :
        if (s.startsWith('://', i) && hasUserinfoPassword(s, i + 3)) return true;
        break;
    }
    const words = WORDS_BY_FIRST.get(c | 32);
    if (words) for (const w of words) if (startsWithIgnoreCase(s, w, i) && isAssignment(s, i, i + w.length)) return true;
  }
  return false;
}

/** The secret-named words by their first letter (lower case), for the one pass of {@link isSensitiveValue}. */
const WORDS_BY_FIRST = new Map<number, string[]>();
for (const w of SENSITIVE_WORDS) WORDS_BY_FIRST.set(w.charCodeAt(0), [...(WORDS_BY_FIRST.get(w.charCodeAt(0)) ?? []), w]);

/** Whether `s` has lower-case `word` at `at`, ignoring ASCII case. */
function startsWithIgnoreCase(s: string, word: string, at: number): boolean {
  if (at + word.length > s.length) return false;
  for (let j = 0; j < word.length; j++) {
    const c = s.charCodeAt(at + j);
    if ((c >= 65 && c <= 90 ? c | 32 : c) !== word.charCodeAt(j)) return false;
  }
  return true;
}

/** After `scheme://`: a `user:password@` before the host. Scans up to the first `/`, `@` or space. */
function hasUserinfoPassword(s: string, from: number): boolean {
  let colon = false;
  for (let i = from; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '@') return colon;
    if (ch === ':') colon = true;
    else if (ch === '/' || ch === ' ' || ch === '"' || ch === "'") return false;
  }
  return false;
}

/**
 * After a secret-named word: the rest of the identifier, an optional closing quote, then `=` or
 * `:` and a value. The identifier part is bounded so that the scans of all words stay linear.
 */
function isAssignment(s: string, word: number, from: number): boolean {
  let i = from + run(s, from, (c) => isWordChar(c) || c === 45 || c === 46, 64);
  if (endsWithAny(s.slice(word, i).toLowerCase(), REFERENCE_ENDINGS)) return false;
  if (s[i] === '"' || s[i] === "'") i++;
  i += run(s, i, (c) => c === 32 || c === 9, 64);
  // `a:b` is a name (`cert-manager:controller`); `key: value` and `"key":"value"` assign.
  if (s[i] === ':' && !(i + 1 === s.length || s[i + 1] === ' ' || s[i + 1] === '\t' || s[i + 1] === '"' || s[i + 1] === "'")) return false;
  if (s[i] !== '=' && s[i] !== ':') return false;
  i++;
  i += run(s, i, (c) => c === 32 || c === 9 || c === 34 || c === 39, 64);
  // A path is where a secret is, not the secret.
  return i < s.length && s[i] !== ',' && s[i] !== '}' && s[i] !== ']' && s[i] !== '#' && s[i] !== '/';
}

/** A command-line flag that names a secret and takes its value as the next argument (`--api-token`). */
export function isSecretFlag(token: string): boolean {
  const t = unquote(token.trim()).toLowerCase();
  return t.startsWith('-') && !t.includes('=') && !t.includes(' ') && SENSITIVE_WORDS.some((w) => t.includes(w)) && !endsWithAny(t, REFERENCE_ENDINGS);
}

/** Where a value's trailing comment starts (after a quoted scalar's closing quote), or -1. */
function commentStart(value: string): number {
  const from = value[0] === '"' || value[0] === "'" ? Math.max(quotedEnd(value, 0), 0) : 0;
  const at = value.indexOf(' #', from);
  return at >= 0 ? at + 1 : -1;
}

/** Values that cannot be secret: booleans, null, empty collections, anchors and aliases. */
function isInert(value: string): boolean {
  const v = stripComment(value).trim();
  if (v === '' || v === '~' || v === '{}' || v === '[]') return true;
  if (/^(?:true|false|yes|no|on|off|null)$/i.test(v)) return true;
  return (v[0] === '&' || v[0] === '*') && v.length > 1 && run(v, 1, (c) => isWordChar(c) || c === 45) === v.length - 1;
}

/** A plain value without its trailing ` # comment`. */
function stripComment(value: string): string {
  if (value.startsWith('#')) return '';
  const at = value.indexOf(' #');
  return at >= 0 ? value.slice(0, at) : value;
}

/** `|`, `>`, `|-`, `>+2` and the like, optionally followed by a comment: the header of a block scalar. */
function isBlockScalarHeader(value: string): boolean {
  if (value[0] !== '|' && value[0] !== '>') return false;
  let i = 1 + run(value, 1, (c) => c === 43 || c === 45 || (c >= 48 && c <= 57));
  i += run(value, i, (c) => c === 32 || c === 9);
  return i === value.length || value[i] === '#';
}

/** The end (exclusive) of a quoted scalar starting at `from`, or -1 when it does not end on this line. */
function quotedEnd(s: string, from: number): number {
  const q = s[from];
  for (let i = from + 1; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') i++;
    else if (s[i] === q) {
      if (q === "'" && s[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

const unquote = (key: string): string => (key.length >= 2 && (key[0] === '"' || key[0] === "'") && key.endsWith(key[0]!) ? key.slice(1, -1) : key);

interface KeyLine {
  /** Indentation and sequence markers (`  - `). */
  prefix: string;
  /** The key as written (quotes kept). */
  rawKey: string;
  key: string;
  /** The column of the key (0-based). */
  column: number;
  /** What follows `: ` (may be empty). */
  value: string;
}

/** The indentation and `- ` markers at the start of a line. */
function prefixEnd(line: string): number {
  let i = run(line, 0, (c) => c === 32 || c === 9);
  while (line[i] === '-' && (i + 1 === line.length || isSpace(line[i + 1]))) {
    i++;
    i += run(line, i, (c) => c === 32 || c === 9);
  }
  return i;
}

/** `key: value` on a block line (the key plain or quoted), or undefined. */
function keyLine(line: string): KeyLine | undefined {
  const start = prefixEnd(line);
  const first = line[start];
  if (first === undefined || first === '#' || first === '{' || first === '[') return undefined;
  let colon: number;
  if (first === '"' || first === "'") {
    const end = quotedEnd(line, start);
    if (end < 0) return undefined;
    colon = end + run(line, end, (c) => c === 32 || c === 9);
    if (line[colon] !== ':') return undefined;
  } else {
    colon = -1;
    for (let i = start; i < line.length; i++) {
      if (line[i] === ':' && (i + 1 === line.length || isSpace(line[i + 1]))) {
        colon = i;
        break;
      }
      if (line[i] === '#' && isSpace(line[i - 1])) return undefined;
    }
    if (colon < 0) return undefined;
  }
  const rawKey = line.slice(start, colon).trimEnd();
  const value = line.slice(colon + 1).trim();
  return { prefix: line.slice(0, start), rawKey, key: unquote(rawKey), column: start, value };
}

/** A value with its node properties (`!tag`, `&anchor`) removed. */
function withoutProperties(value: string): string {
  let i = 0;
  while ((value[i] === '!' || value[i] === '&') && i + 1 < value.length) {
    const from = i;
    i += run(value, i, (c) => c !== 32 && c !== 9);
    if (i === value.length) return value[from] === '&' ? value.slice(from) : '';
    i += run(value, i, (c) => c === 32 || c === 9);
  }
  return i === 0 ? value : value.slice(i);
}

interface Frame {
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
function redactFlow(s: string, root: Frame): { text: string; open: boolean } {
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

/**
 * The lines of a manifest with every value that may be secret replaced by `«redacted»`: the values
 * under `data`, `stringData` and `binaryData` (Secrets, and ConfigMaps that people misuse), every
 * environment variable's `value`, values of keys that name a token, password, key or credential
 * (with their block scalars and continuation lines, and the items of such a key's list), values in
 * flow style and JSON alike, and values or comments that look like a token, a cloud key, a PEM
 * block, a long base64 string, credentials in a URL or `password=…`. Keys, names and structure stay,
 * so an excerpt still shows where it is. Control characters are removed. Reports show source
 * excerpts from these lines only, so that no secret value is printed. With `limit`, only that many
 * lines are returned. Linear in the length of the text.
 */
export function redactedLines(text: string, limit = Infinity): string[] {
  // Only the first `limit` lines are needed (and read: what is masked depends only on the lines above).
  const lines = text.split(/\r\n|\r|\n/, Number.isFinite(limit) ? limit : undefined);
  const out: string[] = [];
  // Lines indented deeper than `column` are masked: `values` keeps their keys (the body of a data
  // mapping), `lines` masks them whole (a block scalar's body, a multi-line scalar's continuation).
  // `list`: a list at the key's own indentation (`data:` then `- …`) belongs to it too.
  // `text`: the body of a block scalar that is not secret (a CRD's description): only lines that
  // look secret are masked, and `key: value` in it is prose, not a key.
  let region: { column: number; mode: 'values' | 'lines' | 'text'; list: boolean } | undefined;
  // Keys above whose list items or next-line scalar are secret (`tokens:` then `- abc`,
  // `password:` then `  hunter2`): their column, and the indentation of their children once seen.
  // Only direct children are masked: in a mapping (a CRD schema's `token:` property) each key is
  // judged on its own, and a description's continuation lines are not items.
  const sensitiveParents: { column: number; child?: number }[] = [];
  // The indentation of a list item that was a flag naming a secret: the next item is its value.
  let flagAt = -1;
  for (const raw of lines) {
    const line = sanitize(raw);
    const start = prefixEnd(line);
    const indent = run(line, 0, (c) => c === 32 || c === 9);
    const trimmed = line.slice(start);
    const blank = trimmed === '' && start === indent;
    const comment = trimmed.startsWith('#') && start === indent;
    const pad = line.slice(0, indent);
    // A list at the indentation of its key (`env:` then `- name: …`) belongs to that key.
    const under = (column: number, list = true): boolean => indent > column || (list && indent === column && start > indent);
    if (region && (blank || comment || under(region.column, region.list))) {
      if (blank) out.push(line);
      else if (region.mode === 'lines') out.push(`${pad}${MASK}`);
      else if (region.mode === 'text') out.push(isSensitiveValue(trimmed) ? `${pad}${MASK}` : line);
      else if (comment) out.push(isSensitiveValue(trimmed) ? `${pad}# ${MASK}` : line);
      else {
        const k = keyLine(line);
        if (k && k.value === '') out.push(line);
        else if (k) out.push(`${k.prefix}${k.rawKey}: ${MASK}`);
        else out.push(`${line.slice(0, start)}${MASK}`);
      }
      continue;
    }
    region = undefined;
    if (blank) {
      out.push(line);
      continue;
    }
    if (comment) {
      out.push(isSensitiveValue(trimmed) ? `${pad}# ${MASK}` : line);
      continue;
    }
    while (sensitiveParents.length > 0 && !under(sensitiveParents[sensitiveParents.length - 1]!.column)) sensitiveParents.pop();
    const k = keyLine(line);
    const parent = sensitiveParents[sensitiveParents.length - 1];
    if (parent && parent.child === undefined) parent.child = indent;
    const items = parent !== undefined && !k && indent === parent.child;
    // The parent holds a mapping: no items follow.
    if (parent && k && start === indent && indent === parent.child) sensitiveParents.pop();
    // A flag's value is never the next flag, nor a path (where a secret is, not the secret).
    const flagValue = flagAt === indent && start > indent && !/^[-/]/.test(unquote(trimmed));
    flagAt = !k && start > indent && isSecretFlag(trimmed) ? indent : -1;
    if (!k) {
      // A list item or a flow collection: `- abc`, `- {name: A, value: B}`, a JSON line.
      const value = withoutProperties(trimmed);
      if (value[0] === '{' || value[0] === '[') {
        out.push(line.slice(0, start) + redactFlow(trimmed, { maskAll: false, items, key: undefined }).text);
      } else if (((items || flagValue) && !isInert(value)) || isSensitiveValue(trimmed)) {
        // A block scalar item keeps its header; its body, or a plain scalar's continuation, is masked.
        out.push(isBlockScalarHeader(value) ? line : `${line.slice(0, start)}${MASK}`);
        region = { column: indent, mode: 'lines', list: false };
      } else {
        out.push(line);
        if (isBlockScalarHeader(value)) region = { column: indent, mode: 'text', list: false };
      }
      continue;
    }
    const value = withoutProperties(k.value);
    const empty = value === '' || value.startsWith('#');
    if (isDataKey(k.key) && empty) {
      out.push(line);
      region = { column: k.column, mode: 'values', list: true };
      continue;
    }
    const sensitiveKey = isDataKey(k.key) || isSensitiveKey(k.key);
    if (empty) {
      if (sensitiveKey) sensitiveParents.push({ column: k.column });
      out.push(line);
      continue;
    }
    if (value[0] === '{' || value[0] === '[') {
      const r = redactFlow(k.value, { maskAll: false, items, key: k.key });
      out.push(`${k.prefix}${k.rawKey}: ${r.text}`);
      // A data collection that goes on over the next lines: mask them too.
      if (r.open && isDataKey(k.key)) region = { column: k.column, mode: 'values', list: true };
      else if (r.open && sensitiveKey) sensitiveParents.push({ column: k.column });
      continue;
    }
    if (!sensitiveKey && isSensitiveValue(k.value)) {
      // Only the comment (`image: busybox  # TOKEN=…`) may be what looks secret.
      const c = commentStart(k.value);
      if (c > 0 && !isSensitiveValue(k.value.slice(0, c))) {
        out.push(`${k.prefix}${k.rawKey}: ${k.value.slice(0, c)}# ${MASK}`);
        continue;
      }
    }
    if ((sensitiveKey && !isInert(value)) || isSensitiveValue(k.value)) {
      // A block scalar's body is the value: mask it whole, as the continuation of a long scalar.
      out.push(isBlockScalarHeader(value) ? line : `${k.prefix}${k.rawKey}: ${MASK}`);
      region = { column: k.column, mode: 'lines', list: false };
      continue;
    }
    out.push(line);
    if (isBlockScalarHeader(value)) region = { column: k.column, mode: 'text', list: false };
  }
  return out;
}
