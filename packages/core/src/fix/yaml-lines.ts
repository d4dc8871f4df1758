import { isMap, isSeq, type Document, type Node } from 'yaml';
import { lineStart } from './positions.js';

// Values written as block YAML lines in the document's own indentation style, with scalars quoted
// wherever Kubernetes' YAML 1.1 reader would read them as something else.

/** How a document indents block collections. */
export interface BlockStyle {
  /** Columns a nested mapping is indented by. */
  step: number;
  /** Columns a sequence's `-` is indented past its key (0 or the step). */
  seq: number;
}

/** The indentation the document uses for nested mappings and for sequences under a key. */
export function styleOf(text: string, doc: Document.Parsed): BlockStyle {
  let step = 0;
  let seq = -1;
  const visit = (node: Node | null, depth: number): void => {
    if (!node || depth > 40 || (step > 0 && seq >= 0)) return;
    if (isMap(node) && !node.flow) {
      for (const p of node.items) {
        const k = p.key as Node | null;
        const v = p.value as Node | null;
        if (k?.range && v?.range && !((v as { flow?: boolean }).flow)) {
          const kc = k.range[0] - lineStart(text, k.range[0]);
          if (isMap(v) && v.items[0]?.key && step === 0) {
            const fk = (v.items[0].key as Node).range;
            if (fk && lineStart(text, fk[0]) !== lineStart(text, k.range[0])) step = fk[0] - lineStart(text, fk[0]) - kc;
          } else if (isSeq(v) && seq < 0) {
            const it = v.items[0] as Node | undefined;
            if (it?.range) {
              const ls = lineStart(text, it.range[0]);
              const dash = text.lastIndexOf('-', it.range[0] - 1);
              if (dash >= ls && ls !== lineStart(text, k.range[0])) seq = dash - ls - kc;
            }
          }
        }
        visit(v, depth + 1);
      }
    } else if (isSeq(node) && !node.flow) {
      for (const it of node.items) visit(it as Node, depth + 1);
    }
  };
  visit(doc.contents as Node | null, 0);
  if (step <= 0) step = 2;
  if (seq < 0 || seq > step) seq = step;
  return { step, seq };
}

/** An object or array (written as a collection), not a scalar. */
export function isStructured(v: unknown): v is Record<string, unknown> | unknown[] {
  return v !== null && typeof v === 'object';
}

const PLAIN = /^[A-Za-z0-9/_.][A-Za-z0-9/_.:@+-]*$/;
// Plain scalars Kubernetes' YAML 1.1 reader would not read as strings.
const NOT_STRING = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?[0-9][0-9_:.eE+-]*|\.inf|\.nan)$/;

/** A scalar as YAML text that every reader decodes to the same value. */
export function scalarText(v: unknown): string {
  if (typeof v === 'string') return PLAIN.test(v) && !NOT_STRING.test(v) && !v.endsWith(':') ? v : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return 'null';
}

function keyText(k: string): string {
  return PLAIN.test(k) && !NOT_STRING.test(k) ? k : JSON.stringify(k);
}

/** `key: value` whose key is at column `col`, a collection value on the lines below. */
export function pairLines(key: string, value: unknown, col: number, st: BlockStyle): string[] {
  const out: string[] = [];
  pairInto(out, key, value, col, st);
  return out;
}

/** A mapping's pairs, keys at column `col`. */
export function mapLines(obj: Record<string, unknown>, col: number, st: BlockStyle): string[] {
  const out: string[] = [];
  mapInto(out, obj, col, st);
  return out;
}

/** A sequence item whose `-` is at column `col`. */
export function itemLines(value: unknown, col: number, st: BlockStyle): string[] {
  const out: string[] = [];
  itemInto(out, value, col, st);
  return out;
}

// The writers append to one array: a large value (a whole object a fix adds) is written without an
// array per key and per item (flatMap's), which was most of the fix edits' time on large runs.

function pairInto(out: string[], key: string, value: unknown, col: number, st: BlockStyle): void {
  const head = `${' '.repeat(col)}${keyText(key)}:`;
  if (Array.isArray(value) && value.length > 0) {
    out.push(head);
    for (const v of value) itemInto(out, v, col + st.seq, st);
  } else if (isStructured(value) && !Array.isArray(value) && hasKeys(value)) {
    out.push(head);
    mapInto(out, value, col + st.step, st);
  } else out.push(`${head} ${isStructured(value) ? JSON.stringify(value) : scalarText(value)}`);
}

function mapInto(out: string[], obj: Record<string, unknown>, col: number, st: BlockStyle): void {
  for (const k of Object.keys(obj)) pairInto(out, k, obj[k], col, st);
}

function itemInto(out: string[], value: unknown, col: number, st: BlockStyle): void {
  const pad = ' '.repeat(col);
  if (isStructured(value) && !Array.isArray(value) && hasKeys(value)) {
    const first = out.length;
    mapInto(out, value, col + 2, st);
    out[first] = `${pad}- ${out[first]!.slice(col + 2)}`;
  } else out.push(`${pad}- ${isStructured(value) ? JSON.stringify(value) : scalarText(value)}`);
}

/** An object with an own enumerable key (what `Object.keys(o).length > 0` says, without the array). */
function hasKeys(o: object): boolean {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return true;
  return false;
}
