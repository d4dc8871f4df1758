import { sanitize } from './text.js';

const SENSITIVE_KEY = /(token|secret|passw|pwd|credential|private|api[-_]?key|access[-_]?key|auth|cert|\bkey$|\.key$|^key$)/i;
const DATA_KEY = /^(data|stringData|binaryData)$/;
const SENSITIVE_VALUE = /(eyJ[A-Za-z0-9_-]{10,}|AKIA[0-9A-Z]{16}|-----BEGIN|[A-Za-z0-9+/]{40,}={0,2}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abpr]-)/;
/** Keys that name a secret without holding one (`secretName`, `automountServiceAccountToken: false`). */
const NOT_A_VALUE_KEY = /(name|names|ref|path|mode|seconds|audiences?|kind|type|mount\w*|automount\w*|enabled)$/i;
/** Values that cannot be secret: booleans, numbers, null, empty collections, and references. */
const INERT_VALUE = /^(true|false|yes|no|on|off|null|~|-?\d+(\.\d+)?|\{\s*\}|\[\s*\]|[&*][\w-]+)\s*(#.*)?$/i;
const MASK = '«redacted»';
const KEY_LINE = /^(\s*(?:-\s+)?)("[^"]*"|'[^']*'|[^\s#'"][^:#]*?)(\s*:)(\s+|$)(.*)$/;

/**
 * The lines of a manifest with every value that may be secret replaced by `«redacted»`: the values
 * under `data`, `stringData` and `binaryData` (Secrets, and ConfigMaps that people misuse), values of
 * keys that name a token, password, key or credential (with their block scalars), and values that
 * look like a token, a cloud key, a PEM block or a long base64 string. Control characters are
 * removed. Reports show source excerpts from these lines only, so that no secret value is printed.
 * With `limit`, only that many lines are returned.
 */
export function redactedLines(text: string, limit = Infinity): string[] {
  // Only the first `limit` lines are needed (and read: what is masked depends only on the lines above).
  const lines = text.split(/\r\n|\r|\n/, Number.isFinite(limit) ? limit : undefined);
  const out: string[] = [];
  // Indentation below which lines are masked whole (the body of a data mapping or of a sensitive block scalar).
  let maskDeeperThan = -1;
  for (const raw of lines) {
    const line = sanitize(raw);
    const indent = /^\s*/.exec(line)![0].length;
    const blank = line.trim() === '' || line.trim().startsWith('#');
    if (maskDeeperThan >= 0 && (blank || indent > maskDeeperThan)) {
      const k = KEY_LINE.exec(line);
      out.push(blank ? line : k ? `${k[1]}${k[2]}${k[3]} ${MASK}` : `${' '.repeat(indent)}${MASK}`);
      continue;
    }
    maskDeeperThan = -1;
    const k = KEY_LINE.exec(line);
    if (k) {
      const key = k[2]!.replace(/^["']|["']$/g, '');
      const value = k[5]!;
      if (DATA_KEY.test(key) && (value === '' || value.startsWith('#'))) {
        maskDeeperThan = indent + (k[1]!.length - /^\s*/.exec(k[1]!)![0].length);
        out.push(line);
        continue;
      }
      const sensitiveKey = (SENSITIVE_KEY.test(key) && !NOT_A_VALUE_KEY.test(key)) || DATA_KEY.test(key);
      if ((sensitiveKey && value !== '' && !INERT_VALUE.test(value)) || SENSITIVE_VALUE.test(value)) {
        // A block scalar's body is the value: mask it whole.
        if (/^[|>][-+0-9]*\s*(#.*)?$/.test(value)) {
          maskDeeperThan = indent;
          out.push(line);
        } else out.push(`${k[1]}${k[2]}${k[3]} ${MASK}`);
        continue;
      }
    } else if (SENSITIVE_VALUE.test(line)) {
      out.push(`${' '.repeat(indent)}${MASK}`);
      continue;
    }
    out.push(line);
  }
  return out;
}
