import { withoutTrailing } from '../path.js';
import { goBase64, goUtf8 } from './go-binary.js';
/**
 * Scalars as Kubernetes reads them: go-yaml v2 (through `sigs.k8s.io/yaml`), a YAML 1.1 dialect of
 * its own. Written from go-yaml v2's documented resolution rules (resolve.go, decode.go), not from
 * the `yaml` package's 1.1 schema, which differs: go-yaml has no base-60 numbers (`1:20` is a
 * string), reads `0o17` (Go's ParseInt), `08` as the float 8, `e5` as a string, numbers out of
 * float range (`1e400`) as strings, timestamps as the string written, and `.inf`/`.nan` as floats
 * that JSON cannot carry (kubectl then refuses the document).
 */

const TAG = 'tag:yaml.org,2002:';
export const STR_TAG = `${TAG}str`;
export const BINARY_TAG = `${TAG}binary`;
export const MERGE_TAG = `${TAG}merge`;
const BOOL_TAG = `${TAG}bool`;
const INT_TAG = `${TAG}int`;
const FLOAT_TAG = `${TAG}float`;
const NULL_TAG = `${TAG}null`;
const TIMESTAMP_TAG = `${TAG}timestamp`;

/** A scalar resolved as go-yaml types it (ints exact, as bigint). */
export type GoScalar =
  | { type: 'null' }
  | { type: 'bool'; value: boolean }
  | { type: 'int'; value: bigint }
  | { type: 'uint'; value: bigint }
  | { type: 'float'; value: number }
  | { type: 'str'; value: string }
  | { type: 'timestamp'; value: string }
  | { type: 'binary'; value: string };

/** go-yaml refused the scalar (kubectl prints this and applies nothing). */
export class GoYamlError extends Error {}

const MAP = new Map<string, GoScalar>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) MAP.set(s, { type: 'bool', value: true });
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) MAP.set(s, { type: 'bool', value: false });
for (const s of ['', '~', 'null', 'Null', 'NULL']) MAP.set(s, { type: 'null' });
for (const s of ['.nan', '.NaN', '.NAN']) MAP.set(s, { type: 'float', value: NaN });
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) MAP.set(s, { type: 'float', value: Infinity });
for (const s of ['-.inf', '-.Inf', '-.INF']) MAP.set(s, { type: 'float', value: -Infinity });
const MERGE_VALUE: GoScalar = { type: 'str', value: '<<' };

/** go-yaml's first-character hint: S sign, D digit, M map word, `.` float; anything else is a string. */
function hint(s: string): string {
  if (s === '') return 'N';
  const c = s[0]!;
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** Go's `strconv.ParseFloat` on a string starting with `.` (decimal forms only can start so). */
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
/** Go's `strconv.ParseInt(s, 0, 64)` syntax (underscores already removed). */
const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

function goIntLiteral(digits: string): bigint {
  const p = digits.slice(0, 2).toLowerCase();
  if (p === '0x' || p === '0o' || p === '0b') return BigInt(`0${p[1]}${digits.slice(2)}`);
  if (digits.length > 1 && digits[0] === '0') return BigInt(`0o${digits.slice(1)}`);
  return BigInt(digits);
}

/** Go's strconv underscoreOK: `_` only between digits (or after a base prefix). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Go's ParseFloat on a syntactically valid decimal float: undefined when it is out of range (ErrRange). */
function goFloat(s: string): number | undefined {
  const f = Number(s);
  return Number.isFinite(f) ? f : undefined;
}

/**
 * go-yaml v2's `resolve(tag, in)`: `tag` is the scalar's explicit tag (full form) or '' for an
 * untagged plain scalar. Throws {@link GoYamlError} where go-yaml fails.
 */
export function resolveGo(tag: string, s: string): GoScalar {
  if (tag !== '' && tag !== STR_TAG && tag !== BOOL_TAG && tag !== INT_TAG && tag !== FLOAT_TAG && tag !== NULL_TAG && tag !== TIMESTAMP_TAG) {
    if (tag === BINARY_TAG) return { type: 'binary', value: decodeBinary(s) };
    return { type: 'str', value: s };
  }
  const out = resolveUntyped(tag, s);
  if (tag === '' || tag === STR_TAG) return out;
  const rtag = { null: NULL_TAG, bool: BOOL_TAG, int: INT_TAG, uint: INT_TAG, float: FLOAT_TAG, str: STR_TAG, timestamp: TIMESTAMP_TAG, binary: BINARY_TAG }[out.type];
  if (rtag === tag) return out;
  if (tag === FLOAT_TAG && out.type === 'int') return { type: 'float', value: Number(out.value) };
  throw new GoYamlError(`cannot decode ${shortTag(rtag)} \`${s}\` as a ${shortTag(tag)}`);
}

function shortTag(tag: string): string {
  return tag.startsWith(TAG) ? `!!${tag.slice(TAG.length)}` : tag;
}

function resolveUntyped(tag: string, s: string): GoScalar {
  const h = hint(s);
  if (h === '' || tag === STR_TAG) return { type: 'str', value: s };
  if (s === '<<') return MERGE_VALUE;
  const known = MAP.get(s);
  if (known) return known;
  if (h === '.') {
    const stripped = s.includes('_') && underscoreOK(s) ? s.replace(/_/g, '') : s;
    if (DOT_FLOAT.test(stripped)) {
      const f = goFloat(stripped);
      if (f !== undefined) return { type: 'float', value: f };
    }
  } else if (h === 'D' || h === 'S') {
    if ((tag === '' || tag === TIMESTAMP_TAG) && isGoTimestamp(s)) return { type: 'timestamp', value: s };
    const plain = s.includes('_') ? s.replace(/_/g, '') : s;
    const m = GO_INT.exec(plain);
    if (m) {
      const n = goIntLiteral(m[2]!);
      const v = m[1] === '-' ? -n : n;
      if (v >= INT64_MIN && v <= INT64_MAX) return { type: 'int', value: v };
      if (m[1] === '' && v <= UINT64_MAX) return { type: 'uint', value: v };
    }
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = goFloat(plain);
      if (f !== undefined) return { type: 'float', value: f };
    }
  }
  return { type: 'str', value: s };
}

/** First characters that give go-yaml's hint() something other than "a string" (1), of which the map words' (2), by code. */
const HINTED = new Uint8Array(128);
for (const c of '+-0123456789.') HINTED[c.charCodeAt(0)] = 1;
for (const c of 'yYnNtTfFoO~') HINTED[c.charCodeAt(0)] = 2;
/**
 * How MAP's words with a map word's hint begin: their first two characters (by code, first * 128 +
 * second) and their longest length (`false`). A scalar with that hint that is longer, or whose
 * first two characters begin no word (`name`, `type`, `template`, `namespace`: a good part of
 * manifests' keys), is a string without a lookup in MAP, which would hash it first.
 */
const MAP_WORD_STARTS = new Uint8Array(128 * 128);
let MAP_WORD_MAX = 0;
for (const w of MAP.keys()) {
  if (HINTED[w.charCodeAt(0)] !== 2) continue;
  MAP_WORD_MAX = Math.max(MAP_WORD_MAX, w.length);
  if (w.length > 1) MAP_WORD_STARTS[w.charCodeAt(0) * 128 + w.charCodeAt(1)] = 1;
}

/** A plain, untagged scalar's value as it reaches the API server (through JSON). */
export function resolvePlain(s: string): unknown {
  // Most scalars are words whose first character gives go-yaml no hint: strings (see hint()).
  const h = s.length > 0 ? HINTED[s.charCodeAt(0)] : 1;
  if (h === undefined || h === 0) return s;
  // A map word's hint: one of MAP's words (bools, nulls), else a string (resolveUntyped).
  if (h === 2) {
    if (s.length > MAP_WORD_MAX) return s;
    if (s.length > 1) {
      const c = s.charCodeAt(1);
      if (c >= 128 || MAP_WORD_STARTS[s.charCodeAt(0) * 128 + c] === 0) return s;
    }
    const known = MAP.get(s);
    return known ? jsonValue(known) : s;
  }
  return jsonValue(resolveGo('', s));
}

/** What JSON carries for a scalar: ints and floats are numbers (ints beyond 2^53 lose precision, as in JavaScript), timestamps their text. */
export function jsonValue(r: GoScalar): unknown {
  switch (r.type) {
    case 'null':
      return null;
    case 'int':
    case 'uint':
      return Number(r.value);
    default:
      return r.value;
  }
}

/**
 * The string `sigs.k8s.io/yaml` makes of a mapping key: strings as they are, ints in decimal, bools
 * `true`/`false`, floats as Go's `FormatFloat(f, 'g', -1, 32)`. Null and uint64 keys are refused.
 */
export function jsonKey(r: GoScalar): string {
  switch (r.type) {
    case 'str':
    case 'timestamp':
    case 'binary':
      return r.value;
    case 'int':
      return r.value.toString();
    case 'bool':
      return r.value ? 'true' : 'false';
    case 'float':
      return formatFloat32(r.value);
    case 'uint':
      throw new GoYamlError(`unsupported map key of type: uint64, key: 0x${r.value.toString(16)}`);
    case 'null':
      throw new GoYamlError('unsupported map key of type: <nil>, key: <nil>');
  }
}

/** Go's `strconv.FormatFloat(f, 'g', -1, 32)`, with sigs.k8s.io/yaml's `.inf`/`-.inf`/`.nan`. */
export function formatFloat32(f: number): string {
  const x = Math.fround(f);
  if (Number.isNaN(x)) return '.nan';
  if (x === Infinity) return '.inf';
  if (x === -Infinity) return '-.inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let mantissa = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const e = Math.abs(x).toExponential(p - 1);
    if (Math.fround(Number(e)) === Math.abs(x)) {
      const [m, ex] = e.split('e');
      mantissa = withoutTrailing(m!.replace('.', ''), '0') || '0';
      exp = Number(ex);
      break;
    }
  }
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const frac = mantissa.length > 1 ? `.${mantissa.slice(1)}` : '';
    const es = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${mantissa[0]}${frac}e${exp < 0 ? '-' : '+'}${es}`;
  }
  const dp = exp + 1;
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${mantissa}`;
  if (dp >= mantissa.length) return `${sign}${mantissa}${'0'.repeat(dp - mantissa.length)}`;
  return `${sign}${mantissa.slice(0, dp)}.${mantissa.slice(dp)}`;
}

const DATE_PREFIX = /^[0-9]{4}-/;
const DATE = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})/;
/** The time part of go-yaml's layouts `T15:4:5.999999999Z07:00`, `t…` and ` 15:4:5.999999999`. */
const TIME_TZ = /^[Tt]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,][0-9]+)?(?:Z|[-+]([0-9]{2}):([0-9]{2}))$/;
const TIME_SPACE = /^ ([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,][0-9]+)?$/;

/** go-yaml v2's parseTimestamp: the four layouts it tries with Go's time.Parse (ranges checked). */
export function isGoTimestamp(s: string): boolean {
  if (!DATE_PREFIX.test(s)) return false;
  const d = DATE.exec(s);
  if (!d) return false;
  const year = Number(d[1]);
  const month = Number(d[2]);
  const day = Number(d[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day > days) return false;
  const rest = s.slice(d[0].length);
  if (rest === '') return true;
  const t = TIME_TZ.exec(rest) ?? TIME_SPACE.exec(rest);
  if (!t) return false;
  if (Number(t[1]) > 23 || Number(t[2]) > 59 || Number(t[3]) > 59) return false;
  if (t[4] !== undefined && (Number(t[4]) > 23 || Number(t[5]) > 59)) return false;
  return true;
}

/** A `!!binary` scalar as JSON carries it: the base64 decoded, then the bytes as a Go string (invalid UTF-8 → U+FFFD per byte). */
function decodeBinary(s: string): string {
  const bytes = goBase64(s);
  if (!bytes) throw new GoYamlError('!!binary value contains invalid base64 data');
  return goUtf8(bytes);
}
