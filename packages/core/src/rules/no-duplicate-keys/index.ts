import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { formatPath } from '../../path.js';
import type { ParseProblem } from '../../types.js';

export default defineRule<NoOptions, 'duplicate' | 'missingSeparator'>({
  meta: {
    id: 'no-duplicate-keys',
    description: 'Disallow mappings that repeat a key',
    category: 'soundness',
    severity: 'error',
    recommended: true,
    fixable: false,
    securitySeverity: 5.0,
    messages: {
      duplicate: 'Key "{{key}}" appears more than once in {{where}}; YAML tools disagree on which value wins, so a reviewer may read one value while the cluster applies another: keep one',
      missingSeparator: 'Missing document separator? {{keys}} appear again at the root of {{where}}, as if another object started here without a "---" line before it; add one, or the first object is silently replaced by the second',
    },
    remediation: 'Delete all but one occurrence of the key.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    const byDocument = new Map<string, (typeof ctx.resources)[number]>();
    for (const r of ctx.resources) if (r.basePath.length === 0) byDocument.set(`${r.file.path}\0${r.document.index}`, r);
    for (const file of ctx.files) {
      // Two objects run together (a missing `---`) repeat apiVersion and kind at the root: that
      // pile-up is one finding at the first repeated root key, not one per key.
      const pileUps = new Map<number, ParseProblem[]>();
      for (const p of file.problems) {
        if (p.code !== 'duplicate-key' || p.key === undefined || (p.path?.length ?? 0) > 0) continue;
        const doc = p.documentIndex ?? -1;
        pileUps.set(doc, [...(pileUps.get(doc) ?? []), p]);
      }
      for (const [doc, ps] of pileUps) {
        const keys = new Set(ps.map((p) => p.key));
        if (keys.size < 2 || !(keys.has('apiVersion') || keys.has('kind'))) pileUps.delete(doc);
      }
      for (const p of file.problems) {
        if (p.code !== 'duplicate-key' || p.key === undefined) continue;
        const resource = byDocument.get(`${file.path}\0${p.documentIndex ?? -1}`);
        const pile = (p.path?.length ?? 0) === 0 ? pileUps.get(p.documentIndex ?? -1) : undefined;
        if (pile) {
          if (pile[0] !== p) continue;
          const keys = [...new Set(pile.map((x) => x.key!))].map((k) => `"${k}"`);
          const where = resource ? `${resource.kind} ${resource.name}` : 'the document';
          ctx.report({ messageId: 'missingSeparator', file, range: p.range, path: [p.key], data: { keys: keys.length === 1 ? `Key ${keys[0]!}` : `Keys ${keys.join(', ')}`, where }, ...(resource ? { resource } : {}) });
          continue;
        }
        const parent = p.path && p.path.length > 0 ? formatPath(p.path) : 'the document root';
        ctx.report({
          messageId: 'duplicate',
          file,
          range: p.range,
          path: [...(p.path ?? []), p.key],
          data: { key: p.key, where: resource ? `${parent} of ${resource.kind} ${resource.name}` : parent },
          ...(resource ? { resource } : {}),
        });
      }
    }
  },
});
