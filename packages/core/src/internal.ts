/**
 * @satlint/core/internal — the building blocks satlint's own adapters (CLI, ESLint plugin, scripts)
 * use. Not part of the stable API: anything here may change in any release.
 */
export * from './index.js';
export { allRules } from './lint.js';
export { locateInFile } from './findings/locate.js';
export type { LocatedPath } from './findings/locate.js';
export { fingerprints, fnv1a64 } from './format/fingerprint.js';
export { sanitize } from './format/text.js';
export { ResolvedConfig, preset, DEFAULT_API_AUDIENCES } from './config/index.js';
export type { EffectiveRule } from './config/index.js';
export { validateConfig } from './config/validate.js';
export type { ConfigProblem } from './config/validate.js';
export { buildConfigSchema } from './config/schema.js';
export { podSpecsOf, containersOf, serviceAccountOf, describeResource, POD_SPEC_PATHS, kustomizeOrigin } from './model/index.js';
export type { PodSpecRef, ContainerRef, PodServiceAccount } from './model/index.js';
export { RbacIndex, ruleAllows, describeGrant, identityOf, serviceAccountIdentity } from './rbac/index.js';
export type { EffectiveRule as EffectivePolicyRule } from './rbac/index.js';
export { resolveResource } from './rbac/resources.js';
export type { ResolvedResource } from './rbac/resources.js';
export { BUILTIN_ROLES_KUBERNETES_VERSION } from './rbac/builtin-roles.js';
export { formatPath, parsePath } from './path.js';
export { lintParsed } from './lint.js';
export { yamlComments } from './parse/comments.js';
export type { YamlCommentToken } from './parse/comments.js';
export { maskResult, secretValuesOf, MASK } from './format/mask.js';
export { apiUseOf, boundTokenMigration, SERVICE_ACCOUNT_DIR } from './fix/migration.js';
export { PATCH_RULE_IDS, kustomizationPatchPaths } from './kustomize-patches.js';
