import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { isRecord } from '../../path.js';
import type { ParsedFile, Resource } from '../../types.js';

/** Annotations renderers add that say where an object came from, not what it is. */
const RENDER_ANNOTATIONS = new Set(['config.kubernetes.io/origin', 'internal.config.kubernetes.io/previousNames', 'alpha.config.kubernetes.io/transformations']);

/**
 * The object as a comparable string, keys sorted, renderer annotations left out. Written into one
 * list of parts and joined once: building each level's string from its children's copied the
 * text of deep objects (CRD schemas) once per level.
 */
function canonical(value: unknown): string {
  const out: string[] = [];
  write(value, true, out);
  return out.join('');
}

function write(value: unknown, top: boolean, out: string[]): void {
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      write(value[i], false, out);
    }
    out.push(']');
    return;
  }
  if (isRecord(value)) {
    out.push('{');
    const keys = Object.keys(value).sort();
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      let v = value[k];
      if (top && k === 'metadata' && isRecord(v) && isRecord(v['annotations'])) {
        const annotations = Object.fromEntries(Object.entries(v['annotations']).filter(([a]) => !RENDER_ANNOTATIONS.has(a)));
        v = Object.keys(annotations).length > 0 ? { ...v, annotations } : Object.fromEntries(Object.entries(v).filter(([m]) => m !== 'annotations'));
      }
      if (i > 0) out.push(',');
      out.push(JSON.stringify(k), ':');
      write(v, false, out);
    }
    out.push('}');
    return;
  }
  out.push(JSON.stringify(value) ?? 'null');
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

function where(r: Resource, from: Resource, linesOf: (r: Resource) => string[]): string {
  let line: string;
  try {
    // The document's first line that is not its `---` marker or a comment.
    const lines = linesOf(r);
    let n = r.file.position(r.file.toSourceOffset(r.document.range[0])).line;
    while (n < lines.length && /^(---|#|\s*$)/.test(lines[n - 1]!)) n++;
    line = `:${n}`;
  } catch {
    line = '';
  }
  return `${shortPath(r.file.path, from.file.path)}${line}`;
}

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
    const group = (r: Resource) => `${r.apiVersion.split('/').length > 1 ? r.apiVersion.split('/')[0] : ''}\u0000${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`;
    for (const r of ctx.inventory.resources) {
      if (r.name === '' || r.cluster) continue;
      const k = group(r);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(r);
    }
    // Each object's canonical form is computed once: an object defined k times is compared with
    // the k - 1 others for each of its k definitions, and install bundles repeat large CRDs.
    // Copies of an object are mostly the same text (an install bundle and a chart's rendering of
    // the same CRD): a document's value depends on its text only, so one canonical form serves
    // every document with the same text (not a List item, nor a file whose text was repaired).
    const canonicals = new Map<Resource, string>();
    const byText = new Map<string, string>();
    const canonicalOf = (r: Resource) => {
      let c = canonicals.get(r);
      if (c !== undefined) return c;
      const text = r.basePath.length === 0 && !r.file.repaired ? r.file.text.slice(r.document.range[0], r.document.range[1]) : undefined;
      c = text === undefined ? undefined : byText.get(text);
      if (c === undefined) {
        c = canonical(r.object);
        if (text !== undefined) byText.set(text, c);
      }
      canonicals.set(r, c);
      return c;
    };
    const lines = new Map<ParsedFile, string[]>();
    const linesOf = (r: Resource) => {
      let l = lines.get(r.file);
      if (!l) lines.set(r.file, (l = r.file.text.split(/\r\n|\r|\n/)));
      return l;
    };
    for (const r of ctx.resources) {
      if (r.name === '' || r.cluster) continue;
      const same = groups.get(group(r)) ?? [];
      if (same.length < 2) continue;
      const mine = canonicalOf(r);
      const different = same.filter((o) => o !== r && canonicalOf(o) !== mine);
      if (different.length === 0) continue;
      const distinct = new Set(same.map(canonicalOf)).size;
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
          others: different.map((o) => where(o, r, linesOf)).join(', '),
        },
      });
    }
  },
});
