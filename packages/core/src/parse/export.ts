/**
 * Reading what `kubectl get` prints, fast: a `-o yaml` List is one document holding every object,
 * and `-o json` is a stream of JSON objects. Both are located item by item, so that a finding on
 * one object builds the syntax tree of that object only, never of the whole export.
 */

/**
 * Offsets of the entries of a top-level block sequence `items:` in one YAML document of `text`
 * (`[lineStart, end)` each, from the line of its `-` to the line of the next entry), or null when
 * the document's `items` is not such a sequence. kubectl writes `items:` at column 0 with the
 * entries at column 0 or 2; anything else is left to the whole-document tree.
 */
export function yamlListItemRanges(text: string, start: number, end: number): [number, number][] | null {
  let ls = start;
  let itemsLine = -1;
  while (ls < end) {
    const le = lineEnd(text, ls, end);
    if (text.startsWith('items:', ls) && /^items:[ \t]*(#.*)?\r?$/.test(text.slice(ls, le))) {
      itemsLine = ls;
      break;
    }
    ls = le + 1;
  }
  if (itemsLine < 0) return null;
  const out: [number, number][] = [];
  let seqIndent = -1;
  let itemStart = -1;
  ls = lineEnd(text, itemsLine, end) + 1;
  while (ls < end) {
    const le = lineEnd(text, ls, end);
    let k = ls;
    while (k < le && text.charCodeAt(k) === 32) k++;
    const c = text.charCodeAt(k);
    const blank = k >= le || c === 13 || c === 35; /* CR, # */
    if (!blank) {
      const indent = k - ls;
      const dash = c === 45 && (k + 1 >= le || text.charCodeAt(k + 1) === 32 || text.charCodeAt(k + 1) === 13);
      if (seqIndent < 0) {
        if (!dash || indent > 2) return null;
        seqIndent = indent;
      }
      if (indent < seqIndent || (indent === seqIndent && !dash)) break;
      if (indent === seqIndent) {
        if (itemStart >= 0) out.push([itemStart, ls]);
        itemStart = ls;
      }
    }
    ls = le + 1;
  }
  if (itemStart >= 0) out.push([itemStart, Math.min(ls, end)]);
  return out;
}

function lineEnd(text: string, from: number, end: number): number {
  const i = text.indexOf('\n', from);
  return i === -1 || i > end ? end : i;
}

/** One JSON value of a stream: its offsets, its value, and the offsets of its `items` entries (a List). */
export interface JsonDocument {
  range: [number, number];
  value: unknown;
  items?: [number, number][];
}

const WS = new Set([32, 9, 10, 13]);

/**
 * A stream of JSON objects (`kubectl get -o json`, one output or several one after the other), read
 * with `JSON.parse`; null when the text is not exactly that (then the YAML parser reads it and
 * reports what is wrong), or when an object repeats a key (which the YAML parser reports).
 */
export function scanJsonStream(text: string): JsonDocument[] | null {
  const out: JsonDocument[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && WS.has(text.charCodeAt(i))) i++;
  if (i >= n || text.charCodeAt(i) !== 123) return null;
  while (i < n) {
    if (text.charCodeAt(i) !== 123) return null;
    const doc = scanObject(text, i);
    if (!doc) return null;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(i, doc.end));
    } catch {
      return null;
    }
    out.push({ range: [i, doc.end], value, ...(doc.items ? { items: doc.items } : {}) });
    i = doc.end;
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  }
  return out;
}

/**
 * Walks one JSON object from `start` to its closing brace: string-aware, with a key set per object
 * (a repeated key gives null) and the entry offsets of the top-level `items` array.
 */
function scanObject(text: string, start: number): { end: number; items?: [number, number][] } | null {
  const n = text.length;
  const keys: (Set<string> | null)[] = [];
  let expectKey = false;
  let lastKey = '';
  let items: [number, number][] | undefined;
  let inItems = false;
  let itemStart = -1;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34) break;
        else j++;
      }
      if (j >= n) return null;
      if (expectKey) {
        const key = text.slice(i + 1, j);
        const set = keys[keys.length - 1]!;
        if (set!.has(key)) return null;
        set!.add(key);
        lastKey = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 123 || c === 91) {
      if (inItems && keys.length === 2 && itemStart < 0) itemStart = i;
      if (c === 91 && keys.length === 1 && lastKey === 'items' && !items) {
        items = [];
        inItems = true;
      }
      keys.push(c === 123 ? new Set() : null);
      expectKey = c === 123;
    } else if (c === 125 || c === 93) {
      // A bracket that closes what was not opened (`[ {]`, `{ ]`): not JSON, the YAML parser decides.
      if (keys.length === 0 || (c === 125) !== (keys[keys.length - 1] !== null)) return null;
      keys.pop();
      expectKey = false;
      if (keys.length === 0) return { end: i + 1, ...(items ? { items } : {}) };
      if (inItems && keys.length === 2 && itemStart >= 0) {
        items!.push([itemStart, i + 1]);
        itemStart = -1;
      } else if (inItems && keys.length === 1) inItems = false;
    } else if (c === 44) {
      expectKey = keys[keys.length - 1] !== null;
    } else if (inItems && keys.length === 2 && !WS.has(c) && itemStart < 0) {
      // An entry that is not an object: not a List of objects.
      items = undefined;
      inItems = false;
    }
  }
  return null;
}
