import { defineRule } from '../../rule.js';
import { formatPath } from '../../path.js';

export default defineRule<Record<string, never>, 'duplicate'>({
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
    },
    remediation: 'Delete all but one occurrence of the key.',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    const byDocument = new Map<string, (typeof ctx.resources)[number]>();
    for (const r of ctx.resources) if (r.basePath.length === 0) byDocument.set(`${r.file.path}\0${r.document.index}`, r);
    for (const file of ctx.files) {
      for (const p of file.problems) {
        if (p.code !== 'duplicate-key' || p.key === undefined) continue;
        const resource = byDocument.get(`${file.path}\0${p.documentIndex ?? -1}`);
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
