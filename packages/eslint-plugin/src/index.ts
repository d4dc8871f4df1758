/**
 * @satlint/eslint-plugin — skeleton. The ESLint language for Kubernetes YAML and the rules generated
 * from the core registry arrive with their own issue; until then the plugin exposes its metadata and
 * the ids of the rules it will carry, so that configurations can be written against them.
 */
import { rules as registry } from '@satlint/core';

/** Plugin metadata as ESLint reads it. */
export const meta = { name: '@satlint/eslint-plugin', version: '0.1.0', namespace: 'satlint' } as const;

/** Ids of the core rules this plugin will expose as `satlint/<id>`. */
export const ruleIds: readonly string[] = registry.map((r) => r.meta.id);

const plugin = { meta, ruleIds };
export default plugin;
