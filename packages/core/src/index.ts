/**
 * @satlint/core — finds Kubernetes service-account token risks in manifests. Pure: no file system,
 * no process, no network. The public API: lint manifests, read them, apply fixes, ask RBAC
 * questions, format results, and write custom rules. The pipeline stages adapters are built from
 * (satlint's CLI and ESLint plugin use them) are the `@satlint/core/adapter` entry point.
 */
export { lint } from './lint.js';
export type { LintOptions, LintStats, Source } from './lint.js';
export { parseManifests } from './parse/index.js';
export { rules } from './rules/index.js';
export { applyFixes } from './fix/edits.js';
export { format, formatParts, FORMATS } from './format/index.js';
export type { FormatName, FormatOptions } from './format/index.js';
export { defineRule } from './rule.js';
export type { Rule, AnyRule, RuleMeta, RuleContext, RuleCategory, RuleSettings, ReportDescriptor, Fixer, JsonSchema } from './rule.js';
export type { SatlintConfig, RuleEntry, ConfigOverride, ConfigIgnore } from './config/index.js';
export { resourcesOf } from './model/index.js';
export type { ModelOptions } from './model/index.js';
export { Inventory } from './inventory/index.js';
export type { Owners } from './owners/index.js';
export { auditSummary } from './audit/index.js';
export type { AuditSummary, NamespaceAudit, LegacyTokenAudit, LegacyTokenUse, SecretConsumer } from './audit/index.js';
export type { EffectiveAutomount, AutomountSource, UnknownServiceAccountPolicy } from './inventory/index.js';
export { canI } from './rbac/index.js';
export type { RbacIndex } from './rbac/index.js';
export type { CanIAnswer, Grant, Identity, PolicyRule, RbacBinding, RbacRole, RbacSubject, RbacRequest, LabelSelector } from './rbac/index.js';
export type * from './types.js';
