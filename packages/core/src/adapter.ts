/**
 * @satlint/core/adapter — the pipeline stages and helpers satlint's adapters (the CLI, the ESLint
 * plugin, an editor integration) are built from, for tools that build their own. Reported in
 * api/core.api.md like the main entry point: a change here is deliberate and noted in the changelog.
 */
export { allRules, lintParsed, DEFAULT_FIX_TYPES } from './lint.js';
export { StreamedRun } from './pipeline/stream.js';
export type { Reread } from './pipeline/stream.js';
export { ConfigError, assertValidConfig, validateConfig } from './config/validate.js';
export type { ConfigProblem } from './config/validate.js';
export { ResolvedConfig, preset } from './config/index.js';
export type { EffectiveRule } from './config/index.js';
export { locateInFile } from './findings/locate.js';
export type { LocatedPath } from './findings/locate.js';
export { SUPPRESSION_MESSAGE_IDS, isSuppressionMessage } from './suppress/report.js';
export { asPatchResult, countMessages, errorsOnly, fatalResult, fileResult, withCounts } from './result/index.js';
export { PATCH_RULE_IDS, kustomizationPatchPaths } from './kustomize-patches.js';
export { lineStarts, offsetAt } from './parse/lines.js';
export { yamlComments } from './parse/comments.js';
export type { YamlCommentToken } from './parse/comments.js';
export { parsePath, formatPath } from './path.js';
export { describeResource, POD_SPEC_PATHS } from './model/index.js';
export { describeGrant, identityOf } from './rbac/index.js';
export { resolveResource } from './rbac/resources.js';
export type { ResolvedResource } from './rbac/resources.js';
export { maskResult, MASK } from './format/mask.js';
export { fingerprints } from './format/fingerprint.js';
export { sanitize } from './format/text.js';
export { endsInBlockScalarHeader, inlinePatchPosition, lineInTemplate, locateInOps, locatePlain, movedMessage, objectName } from './findings/origins.js';
export type { OriginTarget, PatchTarget } from './findings/origins.js';
