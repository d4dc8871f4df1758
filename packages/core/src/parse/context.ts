import type { Origin, ParsedFile } from '../types.js';
import { isRecord } from '../path.js';

/**
 * The part of a parsed file that other files' rules can see: each document's value (what the
 * inventory is built from), without text, syntax tree or problems. Plain data, so it can be sent to
 * a worker thread (structured clone) and turned back into a file with {@link contextFile}.
 * @internal
 */
export interface ContextRecord {
  path: string;
  documents: { index: number; value: unknown; range: [number, number]; origin?: Origin }[];
}

/**
 * The context record of a parsed file. CustomResourceDefinitions keep only apiVersion, kind and
 * metadata: no rule reads another file's CRD schema, and schemas are most of the bytes of real
 * install bundles (cloning them to every worker would cost more than it saves).
 * @internal
 */
export function contextRecord(file: ParsedFile): ContextRecord {
  return {
    path: file.path,
    documents: file.documents.map((d) => {
      const v = d.value;
      const value = isRecord(v) && v['kind'] === 'CustomResourceDefinition' ? { apiVersion: v['apiVersion'], kind: v['kind'], metadata: v['metadata'] } : v;
      return { index: d.index, value, range: d.range, ...(d.origin ? { origin: d.origin } : {}) };
    }),
  };
}

/**
 * A value-only parsed file made from a context record: its objects join a run's inventory, but it
 * has no text, so nothing can be located or fixed in it (it is never reported on).
 * @internal
 */
export function contextFile(record: ContextRecord): ParsedFile {
  return {
    path: record.path,
    text: '',
    documents: record.documents.map((d) => ({ ...d, ast: null })),
    problems: [],
    toSourceOffset: (offset) => offset,
    position: () => ({ line: 1, column: 1 }),
    repaired: false,
    eol: '\n',
  };
}
