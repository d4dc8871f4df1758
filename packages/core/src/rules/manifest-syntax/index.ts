import { defineRule } from '../../rule.js';
import type { ParseProblem } from '../../types.js';

/** Sub-ids: one message id per kind of parse problem (the parser's problem code in camelCase). */
export type ManifestSyntaxMessageId = 'syntax' | 'helmTemplate' | 'aliasLimit' | 'decode' | 'unservedApi' | 'tooDeep' | 'lenientIndent' | 'notAnObject' | 'kubectlSkips' | 'patchDocument' | 'internal';

/** The message id a parse problem is reported under. */
export function parseMessageId(code: ParseProblem['code']): ManifestSyntaxMessageId {
  return code.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()) as ManifestSyntaxMessageId;
}

/** A JSON 6902 patch (what Kustomize's `patches` point at): a sequence of `{op, path}` operations. */
function isJsonPatch(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x) && typeof (x as Record<string, unknown>)['op'] === 'string' && typeof (x as Record<string, unknown>)['path'] === 'string');
}

export default defineRule<{ notes: boolean }, ManifestSyntaxMessageId>({
  meta: {
    id: 'manifest-syntax',
    description: 'Require manifests that Kubernetes tools can read without guessing',
    category: 'soundness',
    severity: 'warn',
    recommended: true,
    fixable: false,
    securitySeverity: 5.0,
    messages: {
      syntax: '{{problem}}',
      helmTemplate: '{{problem}}',
      aliasLimit: '{{problem}}',
      decode: '{{problem}}',
      unservedApi: '{{problem}}',
      tooDeep: '{{problem}}',
      lenientIndent: '{{problem}}',
      notAnObject: '{{problem}}',
      kubectlSkips: '{{problem}}',
      patchDocument: 'Document {{document}} is a JSON patch (a list of operations), not a Kubernetes object: it is linted where Kustomize applies it (--kustomize DIR)',
      internal: '{{problem}}',
    },
    remediation: 'Correct the YAML so that it parses as one Kubernetes object per document, or separate documents with a `---` line.',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { notes: { type: 'boolean', description: 'Also report notes: documents that are deliberately not objects, such as the JSON patch files (`- op: replace …`) of a kustomization, which satlint lints when `--kustomize` applies them' } },
    },
    defaultOptions: { notes: false },
  },
  check(ctx) {
    for (const file of ctx.files) {
      for (const p of file.problems) {
        // Fatal problems are reported by lint() itself, whatever the configuration: an unreadable
        // manifest is never passed silently. Duplicate keys are no-duplicate-keys' findings.
        if (p.severity === 'fatal' || p.code === 'duplicate-key') continue;
        const doc = p.documentIndex !== undefined ? file.documents[p.documentIndex] : undefined;
        if (p.code === 'not-an-object' && doc && isJsonPatch(doc.value)) {
          if (ctx.options.notes) ctx.report({ messageId: 'patchDocument', file, range: p.range, data: { document: (p.documentIndex ?? 0) + 1 } });
          continue;
        }
        ctx.report({ messageId: parseMessageId(p.code), file, range: p.range, data: { problem: p.message } });
      }
    }
  },
});
