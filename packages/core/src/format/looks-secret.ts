import { isWordChar, run, unquote } from './line-syntax.js';

// What looks secret in a manifest line: keys that name a secret, values shaped like one. One pass
// over the text each, so that redacting untrusted files stays linear.

/** What a value that may be secret is replaced with in report excerpts. */
export const MASK = '«redacted»';

/** Words that make a key (or `word=…` in a value or comment) name a secret. */
const SENSITIVE_WORDS = ['token', 'secret', 'passw', 'pwd', 'credential', 'private', 'apikey', 'api-key', 'api_key', 'accesskey', 'access-key', 'access_key', 'auth', 'cert'];
/** Endings of keys that name a secret without holding one (`secretName`, `tokenPath`, `defaultMode`). */
const NOT_A_VALUE_ENDINGS = ['name', 'names', 'ref', 'path', 'mode', 'seconds', 'audience', 'audiences', 'kind', 'type', 'enabled'];
/** Endings of flags and variables that name a secret's location or format, not the secret (`--tls-cert-file`, `SECRET_NAME=`). */
const REFERENCE_ENDINGS = [...NOT_A_VALUE_ENDINGS, 'file', 'dir', 'format', 'id'];
const endsWithAny = (s: string, endings: readonly string[]): boolean => endings.some((e) => s.endsWith(e));

/** The keys of a Secret's (or ConfigMap's) values. */
export const isDataKey = (key: string): boolean => key === 'data' || key === 'stringData' || key === 'binaryData';

/**
 * Keys whose value may be a secret: a token, password, key or credential by name, `value` (an
 * environment variable's value, whatever its name says), and the last-applied-configuration
 * annotation (a copy of the whole object, Secret data included). Keys that name a secret without
 * holding one (`secretName`, `automountServiceAccountToken`, `expirationSeconds`) are not.
 */
export function isSensitiveKey(key: string): boolean {
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

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isBase64Char(c: number): boolean {
  return isAlnum(c) || c === 43 || c === 47;
}
const isUpperOrDigit = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90);

/**
 * Whether a value (or comment) looks like it holds a secret: a JWT, an AWS access key id, a PEM
 * block, a long base64 string, a GitHub or Slack token, credentials in a URL
 * (`https://user:pass@host`), or an assignment to a secret-named variable (`--password=…`,
 * `DB_TOKEN=…`, `"apiKey": …`). One pass over the text.
 */
export function isSensitiveValue(s: string): boolean {
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
