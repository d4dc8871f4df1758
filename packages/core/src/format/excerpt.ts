import { sanitize } from './text.js';
import { commentStart, isBlockScalarHeader, isInert, keyLine, prefixEnd, run, unquote, withoutProperties, type KeyLine } from './line-syntax.js';
import { isDataKey, isSecretFlag, isSensitiveKey, isSensitiveValue, MASK } from './looks-secret.js';
import { redactFlow } from './redact-flow.js';

// Every test below is a scan of the line in one pass (or a regex without nested or adjacent
// quantifiers over overlapping characters): excerpts are built from untrusted files, so the time
// must stay linear in the length of a line whatever it holds (see test/reports.test.ts).

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
  const redactor = new LineRedactor();
  return lines.map((raw) => redactor.next(sanitize(raw)));
}

/** A line, measured: where its content starts (after indentation and `- ` markers) and what it is. */
interface Line {
  line: string;
  /** After the indentation and any `- ` markers. */
  start: number;
  indent: number;
  trimmed: string;
  blank: boolean;
  comment: boolean;
  pad: string;
}

function measure(line: string): Line {
  const start = prefixEnd(line);
  const indent = run(line, 0, (c) => c === 32 || c === 9);
  const trimmed = line.slice(start);
  return { line, start, indent, trimmed, blank: trimmed === '' && start === indent, comment: trimmed.startsWith('#') && start === indent, pad: line.slice(0, indent) };
}

/** Whether the line is inside what a key at `column` holds. A list at the indentation of its key (`env:` then `- name: …`) belongs to that key. */
function under(l: Line, column: number, list = true): boolean {
  return l.indent > column || (list && l.indent === column && l.start > l.indent);
}

/** Redacts a manifest line by line: what is masked depends on the lines above, kept here. */
class LineRedactor {
  // Lines indented deeper than `column` are masked: `values` keeps their keys (the body of a data
  // mapping), `lines` masks them whole (a block scalar's body, a multi-line scalar's continuation).
  // `list`: a list at the key's own indentation (`data:` then `- …`) belongs to it too.
  // `text`: the body of a block scalar that is not secret (a CRD's description): only lines that
  // look secret are masked, and `key: value` in it is prose, not a key.
  private region: { column: number; mode: 'values' | 'lines' | 'text'; list: boolean } | undefined;
  // Keys above whose list items or next-line scalar are secret (`tokens:` then `- abc`,
  // `password:` then `  hunter2`): their column, and the indentation of their children once seen.
  // Only direct children are masked: in a mapping (a CRD schema's `token:` property) each key is
  // judged on its own, and a description's continuation lines are not items.
  private readonly sensitiveParents: { column: number; child?: number }[] = [];
  // The indentation of a list item that was a flag naming a secret: the next item is its value.
  private flagAt = -1;

  /** The redacted form of the next line. */
  next(line: string): string {
    const l = measure(line);
    const { indent, start, trimmed } = l;
    const region = this.region;
    if (region && (l.blank || l.comment || under(l, region.column, region.list))) return this.inRegion(l, region.mode);
    this.region = undefined;
    if (l.blank) return line;
    if (l.comment) return isSensitiveValue(trimmed) ? `${l.pad}# ${MASK}` : line;
    const parents = this.sensitiveParents;
    while (parents.length > 0 && !under(l, parents[parents.length - 1]!.column)) parents.pop();
    const k = keyLine(line);
    const parent = parents[parents.length - 1];
    if (parent && parent.child === undefined) parent.child = indent;
    const items = parent !== undefined && !k && indent === parent.child;
    // The parent holds a mapping: no items follow.
    if (parent && k && start === indent && indent === parent.child) parents.pop();
    // A flag's value is never the next flag, nor a path (where a secret is, not the secret).
    const flagValue = this.flagAt === indent && start > indent && !/^[-/]/.test(unquote(trimmed));
    this.flagAt = !k && start > indent && isSecretFlag(trimmed) ? indent : -1;
    return k ? this.keyed(l, k, items) : this.unkeyed(l, items, flagValue);
  }

  /** A line inside a region a key above opened. */
  private inRegion(l: Line, mode: 'values' | 'lines' | 'text'): string {
    const { line, start, trimmed, pad } = l;
    if (l.blank) return line;
    if (mode === 'lines') return `${pad}${MASK}`;
    if (mode === 'text') return isSensitiveValue(trimmed) ? `${pad}${MASK}` : line;
    if (l.comment) return isSensitiveValue(trimmed) ? `${pad}# ${MASK}` : line;
    const k = keyLine(line);
    if (k && k.value === '') return line;
    if (k) return `${k.prefix}${k.rawKey}: ${MASK}`;
    return `${line.slice(0, start)}${MASK}`;
  }

  /** A list item or a flow collection: `- abc`, `- {name: A, value: B}`, a JSON line. */
  private unkeyed(l: Line, items: boolean, flagValue: boolean): string {
    const { line, start, indent, trimmed } = l;
    const value = withoutProperties(trimmed);
    if (value[0] === '{' || value[0] === '[') return line.slice(0, start) + redactFlow(trimmed, { maskAll: false, items, key: undefined }).text;
    if (((items || flagValue) && !isInert(value)) || isSensitiveValue(trimmed)) {
      // A block scalar item keeps its header; its body, or a plain scalar's continuation, is masked.
      this.region = { column: indent, mode: 'lines', list: false };
      return isBlockScalarHeader(value) ? line : `${line.slice(0, start)}${MASK}`;
    }
    if (isBlockScalarHeader(value)) this.region = { column: indent, mode: 'text', list: false };
    return line;
  }

  /** A `key: value` line. */
  private keyed(l: Line, k: KeyLine, items: boolean): string {
    const { line } = l;
    const value = withoutProperties(k.value);
    const empty = value === '' || value.startsWith('#');
    if (isDataKey(k.key) && empty) {
      this.region = { column: k.column, mode: 'values', list: true };
      return line;
    }
    const sensitiveKey = isDataKey(k.key) || isSensitiveKey(k.key);
    if (empty) {
      if (sensitiveKey) this.sensitiveParents.push({ column: k.column });
      return line;
    }
    if (value[0] === '{' || value[0] === '[') {
      const r = redactFlow(k.value, { maskAll: false, items, key: k.key });
      // A data collection that goes on over the next lines: mask them too.
      if (r.open && isDataKey(k.key)) this.region = { column: k.column, mode: 'values', list: true };
      else if (r.open && sensitiveKey) this.sensitiveParents.push({ column: k.column });
      return `${k.prefix}${k.rawKey}: ${r.text}`;
    }
    if (!sensitiveKey && isSensitiveValue(k.value)) {
      // Only the comment (`image: busybox  # TOKEN=…`) may be what looks secret.
      const c = commentStart(k.value);
      if (c > 0 && !isSensitiveValue(k.value.slice(0, c))) return `${k.prefix}${k.rawKey}: ${k.value.slice(0, c)}# ${MASK}`;
    }
    if ((sensitiveKey && !isInert(value)) || isSensitiveValue(k.value)) {
      // A block scalar's body is the value: mask it whole, as the continuation of a long scalar.
      this.region = { column: k.column, mode: 'lines', list: false };
      return isBlockScalarHeader(value) ? line : `${k.prefix}${k.rawKey}: ${MASK}`;
    }
    if (isBlockScalarHeader(value)) this.region = { column: k.column, mode: 'text', list: false };
    return line;
  }
}
