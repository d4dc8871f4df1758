/**
 * @satlint/core — finds Kubernetes service-account token risks in manifests. Pure: no file system,
 * no process, no network. Adapters (the CLI, the ESLint plugin) call this API.
 */
export { lint, allRules, locateInFile } from './lint.js';
export type { LintOptions, LintStats, Source, LocatedPath } from './lint.js';
export { parseManifests } from './parse/index.js';
export { rules } from './rules/index.js';
export { applyFixes } from './fix/edits.js';
export { format, FORMATS } from './format/index.js';
export { fingerprints, fnv1a64 } from './format/fingerprint.js';
export type { FormatName, FormatOptions } from './format/index.js';
export { defineRule } from './rule.js';
export type { Rule, AnyRule, RuleMeta, RuleContext, RuleCategory, RuleSettings, ReportDescriptor, Fixer, JsonSchema } from './rule.js';
export { ResolvedConfig, preset, DEFAULT_API_AUDIENCES } from './config/index.js';
export type { SatlintConfig, RuleEntry, ConfigOverride, ConfigIgnore, EffectiveRule } from './config/index.js';
export { validateConfig } from './config/validate.js';
export type { ConfigProblem } from './config/validate.js';
export { buildConfigSchema } from './config/schema.js';
export { resourcesOf, podSpecsOf, containersOf, serviceAccountOf, describeResource, POD_SPEC_PATHS } from './model/index.js';
export type { PodSpecRef, ContainerRef, PodServiceAccount, ModelOptions } from './model/index.js';
export { Inventory } from './inventory/index.js';
export { canI, RbacIndex, ruleAllows, describeGrant, identityOf, serviceAccountIdentity } from './rbac/index.js';
export type { CanIAnswer, Grant, Identity, PolicyRule, RbacBinding, RbacRole, RbacSubject, RbacRequest, EffectiveRule as EffectivePolicyRule, LabelSelector } from './rbac/index.js';
export { resolveResource } from './rbac/resources.js';
export type { ResolvedResource } from './rbac/resources.js';
export { BUILTIN_ROLES_KUBERNETES_VERSION } from './rbac/builtin-roles.js';
export type { EffectiveAutomount, AutomountSource, UnknownServiceAccountPolicy } from './inventory/index.js';
export { formatPath, parsePath } from './path.js';
export type * from './types.js';
