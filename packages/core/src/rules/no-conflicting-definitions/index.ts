import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { isRecord } from '../../path.js';
import type { Resource } from '../../types.js';

/** Annotations renderers add that say where an object came from, not what it is. */
const RENDER_ANNOTATIONS = new Set(['config.kubernetes.io/origin', 'internal.config.kubernetes.io/previousNames', 'alpha.config.kubernetes.io/transformations']);

/**
 * The object as it is compared: renderer annotations left out of its top-level metadata (and an
 * `annotations` mapping that holds nothing else left out with them). A shallow copy: the rest is
 * shared with the object.
 */
function comparable(value: Record<string, unknown>): Record<string, unknown> {
  const metadata = value['metadata'];
  if (!isRecord(metadata) || !isRecord(metadata['annotations'])) return value;
  const annotations = Object.fromEntries(Object.entries(metadata['annotations']).filter(([a]) => !RENDER_ANNOTATIONS.has(a)));
  const m = Object.keys(annotations).length > 0 ? { ...metadata, annotations } : Object.fromEntries(Object.entries(metadata).filter(([k]) => k !== 'annotations'));
  return { ...value, metadata: m };
}

/**
 * Whether two decoded values are the same definition: mappings with the same keys (in any order)
 * and equal values, sequences equal item by item, scalars with the same JSON form (so an absent
 * value and null are equal, as they are to the API server). It stops at the first difference and
 * builds nothing: comparing two copies of a large CRD no longer writes either out as a string.
 */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const k of keys) if (!Object.prototype.hasOwnProperty.call(b, k) || !same(a[k], b[k])) return false;
    return true;
  }
  if (Array.isArray(b) || isRecord(b)) return false;
  return (JSON.stringify(a) ?? 'null') === (JSON.stringify(b) ?? 'null');
}

/** `path` shown from the directory it shares with `from` (`apps/b/sa.yaml`, not an absolute path). */
function shortPath(path: string, from: string): string {
  const a = path.replace(/\\/g, '/').split('/');
  const b = from.replace(/\\/g, '/').split('/');
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  // Keep one shared directory for context when there is one.
  return a.slice(Math.max(0, i - 1)).join('/');
}

function where(r: Resource, from: Resource): string {
  let line: string;
  try {
    // The document's first line that is not its `---` marker or a comment (nor blank), read from
    // the document's start on: the file is not split into lines for it.
    const text = r.file.text;
    const start = r.file.toSourceOffset(r.document.range[0]);
    const at = r.file.position(start);
    let n = at.line;
    let lineStart = start - (at.column - 1);
    for (;;) {
      let end = lineStart;
      while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      // The last line has no break after it: it is the line, whatever it holds.
      if (end === text.length || !/^(---|#|\s*$)/.test(text.slice(lineStart, end))) break;
      n++;
      lineStart = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    }
    line = `:${n}`;
  } catch {
    line = '';
  }
  return `${shortPath(r.file.path, from.file.path)}${line}`;
}

/**
 * The identity two definitions of one object share: API group, kind, namespace, name. The streamed
 * run (pipeline/stream.ts) counts these to know which files this rule needs whole.
 */
export function definitionKey(r: Pick<Resource, 'apiVersion' | 'kind' | 'namespace' | 'name'>): string {
  return `${r.apiVersion.split('/').length > 1 ? r.apiVersion.split('/')[0] : ''}\u0000${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`;
}

/** This rule's id, for the streamed run. */
export const NO_CONFLICTING_DEFINITIONS = 'no-conflicting-definitions';

export default defineRule<NoOptions, 'conflict'>({
  meta: {
    id: 'no-conflicting-definitions',
    description: 'Disallow two different definitions of the same object in one inventory',
    category: 'soundness',
    severity: 'warn',
    recommended: true,
    fixable: false,
    securitySeverity: 4.0,
    messages: {
      conflict:
        '{{kind}} {{object}} is defined {{count}} times with different content (here and in {{others}}); the cluster gets whichever is applied last, which satlint cannot know, so verdicts that depend on this object may rest on the wrong definition: keep one, or lint unrelated applications as separate inventories (--inventory-scope)',
    },
    remediation: 'Keep one definition of the object, or give the copies different names; lint unrelated applications as separate inventory scopes.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    const groups = new Map<string, Resource[]>();
    const group = definitionKey;
    for (const r of ctx.inventory.resources) {
      if (r.name === '' || r.cluster) continue;
      const k = group(r);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(r);
    }
    // Each group's definitions are sorted into classes of equal content once, lazily: an object
    // defined k times is compared with the k - 1 others for each of its k definitions, and install
    // bundles repeat large CRDs. Copies of an object are mostly the same text (an install bundle
    // and a chart's rendering of the same CRD): a document's value depends on its text only, so
    // documents with the same text are in one class without a comparison (not a List item, nor a
    // file whose text was repaired).
    const classes = new Map<Resource, number>();
    const distinctIn = new Map<Resource[], number>();
    const classify = (g: Resource[]) => {
      if (distinctIn.has(g)) return;
      const reps: { value: Record<string, unknown>; text?: string }[] = [];
      const byText = new Map<string, number>();
      for (const r of g) {
        const text = r.basePath.length === 0 && !r.file.repaired ? r.file.text.slice(r.document.range[0], r.document.range[1]) : undefined;
        let c = text === undefined ? undefined : byText.get(text);
        if (c === undefined) {
          const value = comparable(r.object);
          c = reps.findIndex((x) => same(x.value, value));
          if (c === -1) c = reps.push({ value }) - 1;
          if (text !== undefined) byText.set(text, c);
        }
        classes.set(r, c);
      }
      distinctIn.set(g, reps.length);
    };
    for (const r of ctx.resources) {
      if (r.name === '' || r.cluster) continue;
      const definitions = groups.get(group(r)) ?? [];
      if (definitions.length < 2) continue;
      classify(definitions);
      const mine = classes.get(r);
      const different = definitions.filter((o) => o !== r && classes.get(o) !== mine);
      if (different.length === 0) continue;
      const distinct = distinctIn.get(definitions)!;
      ctx.report({
        messageId: 'conflict',
        resource: r,
        path: ['metadata', 'name'],
        // Where the other definitions are is incidental (it moves with every edit): not the finding's substance.
        substance: [`kind=${r.kind}`, `object=${r.namespace !== undefined ? `${r.namespace}/${r.name}` : r.name}`, `count=${distinct}`],
        data: {
          kind: r.kind,
          object: r.namespace !== undefined ? `${r.namespace}/${r.name}` : r.name,
          count: distinct,
          others: different.map((o) => where(o, r)).join(', '),
        },
      });
    }
  },
});
