import type { AnyRule, ReportDescriptor } from '../rule.js';
import type { LintMessage, Resource, SeverityLevel, Suggestion } from '../types.js';
import { describeResource } from '../model/index.js';
import { fixer } from '../fix/edits.js';
import { formatPath } from '../path.js';
import { placeInResource } from './locate.js';
import type { Finding } from './types.js';

/** Fills `{{ name }}` placeholders of a rule's message template; unknown names stay as written. */
export function interpolate(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (Object.prototype.hasOwnProperty.call(data, k) ? String(data[k]) : m));
}

/**
 * The findings stage: what a rule reported (a resource or file, a path, a message id and data, a
 * fix and suggestions) becomes a message placed in its file, at `severity`.
 */
export function buildFinding(rule: AnyRule, d: ReportDescriptor, severity: SeverityLevel): Finding {
  const resource = d.resource;
  const file = resource?.file ?? d.file;
  if (!file) throw new Error(`Rule ${rule.meta.id} reported without a resource or file`);
  let range: [number, number] = [0, 0];
  let pathText: string | undefined;
  if (d.range) {
    range = d.range;
    if (d.path) pathText = formatPath(d.path);
  } else if (resource) {
    const placed = placeInResource(resource, d.path ?? []);
    if (placed) ({ range, path: pathText } = placed);
  }
  const template = messageTemplate(rule, d.messageId);
  const data = { ...(resource ? { resource: describeResource(resource) } : {}), ...(d.data ?? {}) };
  const start = file.position(range[0]);
  const end = file.position(range[1]);
  const fix = d.fix ? d.fix(fixer) : null;
  const suggestions = suggestionsOf(rule, d, data, fix);
  const substance = (d.substance ?? Object.entries(d.data ?? {}).map(([k, v]) => `${k}=${v}`).sort()).join('\n');
  const message: LintMessage = {
    ruleId: rule.meta.id,
    severity,
    message: interpolate(template, data),
    messageId: d.messageId,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ...(resource ? { resource: resource.ref } : {}),
    ...(pathText !== undefined ? { path: pathText } : {}),
    ...(resource?.origin ? { origin: resource.origin } : {}),
    ...(fix ? { fix } : {}),
    ...(suggestions.length > 0 ? { suggestions } : {}),
    ...(resource && isHelmTest(resource) ? { tags: ['helm-test'] } : {}),
    ...(d.attackPath ? { attackPath: d.attackPath } : {}),
    ...(substance !== '' ? { substance } : {}),
  };
  return { rule, severity, message, ...(resource ? { resource } : {}), file, path: d.path ?? [] };
}

function messageTemplate(rule: AnyRule, messageId: string): string {
  const template = rule.meta.messages[messageId];
  if (template === undefined) throw new Error(`Rule ${rule.meta.id} has no message "${messageId}"`);
  return template;
}

/** A report's suggestions, without one that repeats its automatic fix. */
function suggestionsOf(rule: AnyRule, d: ReportDescriptor, data: Record<string, string | number>, fix: LintMessage['fix'] | null): Suggestion[] {
  const out: Suggestion[] = [];
  for (const sg of d.suggest ?? []) {
    const t = messageTemplate(rule, sg.messageId);
    const f = sg.fix(fixer);
    if (f && !(fix && f.range[0] === fix.range[0] && f.range[1] === fix.range[1] && f.text === fix.text)) out.push({ desc: interpolate(t, { ...data, ...(sg.data ?? {}) }), messageId: sg.messageId, fix: f, kind: sg.kind });
  }
  return out;
}

/** A resource of a Helm test hook (`helm.sh/hook: test`, or the old `test-success`/`test-failure`). */
function isHelmTest(resource: Resource): boolean {
  const md = resource.object['metadata'];
  const ann = md !== null && typeof md === 'object' ? (md as Record<string, unknown>)['annotations'] : undefined;
  const hook = ann !== null && typeof ann === 'object' ? (ann as Record<string, unknown>)['helm.sh/hook'] : undefined;
  return typeof hook === 'string' && hook.split(',').some((h) => /^\s*test(-success|-failure)?\s*$/.test(h));
}
