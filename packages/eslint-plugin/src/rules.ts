import { resolve } from 'node:path';
import { parseManifests, rules as registry, type AnyRule, type LintMessage, type ParsedFile, type SatlintConfig } from '@satlint/core';
import { asPatchResult, lineStarts, lintParsed, offsetAt } from '@satlint/core/adapter';
import type { RuleDefinition } from '@eslint/core';
import { isKustomizePatch, loadInventory } from './inventory.js';
import type { SatlintLanguageOptions } from './language.js';

/** Languages the rules run under: satlint's own, and eslint-plugin-yml's for people who already use it. */
export const RULE_LANGUAGES = ['satlint/yaml', 'yml/yaml'] as const;

interface SourceLike {
  text: string;
  getLocFromIndex(index: number): { line: number; column: number };
  languageOptions?: SatlintLanguageOptions;
  /** Under the satlint/yaml language: the root node, which holds the language's parse of the file. */
  ast?: { parsed?: ParsedFile };
}

/** Parses of files linted under another language (yml/yaml): one per source-code object. */
const foreignParses = new WeakMap<object, ParsedFile>();

/**
 * The file's parse: the one the satlint/yaml language made (never a second parse), or under another
 * language one parse per file shared by every rule.
 */
function parsedOf(source: SourceLike, path: string): ParsedFile {
  const own = source.ast?.parsed;
  if (own) return own;
  let parsed = foreignParses.get(source);
  if (!parsed) foreignParses.set(source, (parsed = parseManifests(source.text, path)));
  return parsed;
}

/** Findings per source-code object: one satlint run per file and distinct option set, shared by every rule. */
const cache = new WeakMap<object, Map<string, LintMessage[]>>();

function sameOptions(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function findings(source: SourceLike, filename: string, cwd: string, rule: AnyRule, options: Record<string, unknown>): LintMessage[] {
  const lang: SatlintLanguageOptions = source.languageOptions ?? {};
  const builtIn = registry.includes(rule);
  // Custom rules run on their own (with themselves as the only plugin); built-in rules at their
  // defaults share one run per file.
  const isDefault = builtIn && sameOptions(options, rule.meta.defaultOptions);
  const key = isDefault ? '*' : `${rule.meta.id}\u0000${JSON.stringify(options)}`;
  let byKey = cache.get(source);
  if (!byKey) cache.set(source, (byKey = new Map()));
  let messages = byKey.get(key);
  if (!messages) {
    const ruleConfig: NonNullable<SatlintConfig['rules']> = {};
    for (const r of registry) ruleConfig[r.meta.id] = isDefault ? 'error' : 'off';
    if (!isDefault) ruleConfig[rule.meta.id] = ['error', options];
    const settings: NonNullable<SatlintConfig['settings']> = {
      ...(lang.namespace !== undefined ? { namespace: lang.namespace } : {}),
      ...(lang.unknownServiceAccount !== undefined ? { unknownServiceAccount: lang.unknownServiceAccount } : {}),
      ...(lang.apiAudiences !== undefined ? { apiAudiences: lang.apiAudiences } : {}),
    };
    const path = resolve(cwd, filename);
    const parsed = parsedOf(source, path);
    // The inventory's copy of the file being linted is left out: the editor's buffer is what counts.
    // Kustomize patch files are fragments, not objects: in no inventory, and linted as patches
    // (their text rules only, no fixes), as the CLI lints them.
    const inventoryFiles = (lang.inventory ? loadInventory(lang.inventory, cwd) : []).filter((f) => f.path !== path && f.path !== parsed.path && !isKustomizePatch(f.path));
    const patch = isKustomizePatch(path);
    const [result] = lintParsed([parsed, ...inventoryFiles], new Set([parsed]), {
      config: { rules: ruleConfig, settings, reportUnusedSuppressions: 'off' },
      basePath: cwd,
      ...(builtIn ? {} : { plugins: [rule] }),
    });
    messages = (result && patch ? asPatchResult(result) : result)?.messages ?? [];
    byKey.set(key, messages);
  }
  return messages;
}

/** An ESLint rule generated from a satlint rule: same metadata, findings and fixes, no second implementation. */
export function eslintRule(rule: AnyRule): RuleDefinition {
  const m = rule.meta;
  return {
    meta: {
      type: 'problem',
      docs: { description: m.description, url: m.docsUrl, recommended: m.recommended },
      ...(m.fixable ? { fixable: 'code' as const } : {}),
      hasSuggestions: m.hasSuggestions === true,
      schema: [m.schema],
      defaultOptions: [m.defaultOptions],
      messages: { ...m.messages },
      languages: [...RULE_LANGUAGES],
    },
    create(context) {
      const source = context.sourceCode as unknown as SourceLike;
      const options = { ...(m.defaultOptions as Record<string, unknown>), ...((context.options[0] as Record<string, unknown> | undefined) ?? {}) };
      return {
        Program() {
          const text = source.text;
          const starts = lineStarts(text);
          for (const msg of findings(source, context.filename, context.cwd, rule, options)) {
            if (msg.ruleId !== m.id) continue;
            const start = offsetAt(starts, text, msg.line, msg.column);
            const end = offsetAt(starts, text, msg.endLine ?? msg.line, msg.endColumn ?? msg.column);
            const fix = msg.fix;
            type TextFixer = { replaceTextRange(range: [number, number], text: string): unknown };
            // Edits that change behaviour (the bound-token migration, a dedicated account) are the editor's quick fixes, never applied by eslint --fix.
            const suggest = m.hasSuggestions ? (msg.suggestions ?? []).map((sg) => ({ desc: sg.desc, fix: (fixer: TextFixer) => fixer.replaceTextRange(sg.fix.range, sg.fix.text) })) : [];
            context.report({
              loc: { start: source.getLocFromIndex(start), end: source.getLocFromIndex(end) },
              message: msg.message,
              ...(fix ? { fix: (fixer: TextFixer) => fixer.replaceTextRange(fix.range, fix.text) } : {}),
              ...(suggest.length > 0 ? { suggest } : {}),
            } as never);
          }
        },
      };
    },
  } as RuleDefinition;
}

/** Every registry rule as an ESLint rule, keyed by id. */
export function eslintRules(extra: readonly AnyRule[] = []): Record<string, RuleDefinition> {
  return Object.fromEntries([...registry, ...extra].map((r) => [r.meta.id, eslintRule(r)]));
}
