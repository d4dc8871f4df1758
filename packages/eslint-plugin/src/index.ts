/**
 * @satlint/eslint-plugin: satlint's findings in ESLint and in editors. It provides the language
 * `satlint/yaml` (Kubernetes YAML read by satlint's own parser), one ESLint rule per satlint rule
 * generated from the registry (`satlint/<id>`), and flat configs `recommended` and `strict`.
 */
import { rules as registry, type AnyRule } from '@satlint/core';
import { preset } from '@satlint/core/adapter';
import type { ESLint, Linter } from 'eslint';
import { readFileSync } from 'node:fs';
import { yamlLanguage } from './language.js';
import { eslintRules } from './rules.js';

export { yamlLanguage, SatlintSourceCode } from './language.js';
export type { SatlintLanguageOptions, YamlRoot, YamlComment } from './language.js';
export { eslintRule, eslintRules, RULE_LANGUAGES } from './rules.js';

declare const __SATLINT_VERSION__: string | undefined;

/** The package's version: compiled into the one-file bundle, read from package.json otherwise. */
function version(): string {
  if (typeof __SATLINT_VERSION__ === 'string') return __SATLINT_VERSION__;
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Plugin metadata as ESLint reads it. */
export const meta: { readonly name: '@satlint/eslint-plugin'; readonly version: string; readonly namespace: 'satlint' } = { name: '@satlint/eslint-plugin', version: version(), namespace: 'satlint' };

/** Files the configs apply to: manifests, not Helm templates (not YAML until rendered) nor kustomizations. */
export const FILES = ['**/*.yaml', '**/*.yml'];
export const IGNORES = ['**/templates/**', '**/kustomization.yaml', '**/kustomization.yml', '**/Kustomization', '**/node_modules/**'];

function severities(name: 'recommended' | 'strict', rules: readonly AnyRule[]): Linter.RulesRecord {
  const config = preset(name, rules);
  const out: Linter.RulesRecord = {};
  for (const r of rules) {
    const eff = config[r.meta.id]!;
    const strictOptions = name === 'strict' && r.meta.strictOptions && Object.keys(r.meta.strictOptions).length > 0;
    out[`satlint/${r.meta.id}`] = strictOptions ? [eff.severity, eff.options] : eff.severity;
  }
  return out;
}

const plugin = {
  meta,
  languages: { yaml: yamlLanguage },
  rules: eslintRules(),
  configs: {} as Record<'recommended' | 'strict', Linter.Config[]>,
};

for (const name of ['recommended', 'strict'] as const) {
  plugin.configs[name] = [
    {
      name: `satlint/${name}`,
      files: FILES,
      ignores: IGNORES,
      plugins: { satlint: plugin as unknown as ESLint.Plugin },
      language: 'satlint/yaml',
      rules: severities(name, registry),
    },
    {
      // Every YAML file gets the language, the ignored ones too (without rules): a user's block for
      // `**/*.yaml` with satlint's languageOptions (inventory, …) then also fits kustomization.yaml
      // and Helm templates, instead of ESLint's JavaScript language rejecting the options.
      name: `satlint/${name}/language`,
      files: FILES,
      ignores: ['**/node_modules/**'],
      plugins: { satlint: plugin as unknown as ESLint.Plugin },
      language: 'satlint/yaml',
    },
  ];
}

export default plugin;
