import type { Resource, SuppressedMessage, LintMessage, ParsedFile } from '../types.js';
import type { ResolvedConfig } from '../config/index.js';
import type { Finding } from '../findings/types.js';
import { annotationSuppressions, commentDirectives, directiveFor, type AnnotationSuppression, type CommentDirective } from './index.js';

/** The dates a run's answer depends on through expiring suppressions (see `LintStats`). */
export interface AnswerValidity {
  answerValidThrough?: string;
  answerValidAfter?: string;
}

/** What the suppress stage decided for one file, and what its bookkeeping reports need. */
export interface Suppressed {
  messages: LintMessage[];
  suppressedMessages: SuppressedMessage[];
  directives: CommentDirective[];
  /** Each resource's annotation suppressions, read once. */
  annotationsOf: (r: Resource) => ReturnType<typeof annotationSuppressions>;
  /** Annotation suppressions that would have silenced a finding but had expired. */
  expired: ReadonlySet<AnnotationSuppression>;
  allowInline: boolean;
}

/**
 * The suppress stage for one file's findings, in this order: a config `ignores` entry, a
 * `# satlint-disable…` comment, an annotation on the resource (unless it expired before `today`,
 * YYYY-MM-DD). In-manifest suppressions count only when the config allows them. Each suppression
 * records what it silenced, for the unused-suppression reports.
 */
export function applySuppressions(file: ParsedFile, findings: readonly Finding[], config: ResolvedConfig, knownRules: ReadonlySet<string>, today: string, validity?: AnswerValidity): Suppressed {
  const messages: LintMessage[] = [];
  const suppressedMessages: SuppressedMessage[] = [];
  const allowInline = config.config.allowInlineSuppressions !== false;
  const directives = commentDirectives(file);
  const cache = new Map<Resource, ReturnType<typeof annotationSuppressions>>();
  const annotationsOf = (r: Resource) => {
    let a = cache.get(r);
    if (!a) cache.set(r, (a = annotationSuppressions(r, knownRules)));
    return a;
  };
  const expired = new Set<AnnotationSuppression>();
  const suppress = (f: Finding, kind: SuppressedMessage['suppressions'][number]['kind'], justification: string) => suppressedMessages.push({ ...f.message, suppressions: [{ kind, justification }] });
  for (const f of findings) {
    const ruleId = f.rule.meta.id;
    const ignore = config.ignoreFor(ruleId, f.resource);
    if (ignore) {
      suppress(f, 'config', ignore.reason);
      continue;
    }
    if (allowInline) {
      const d = directiveFor(directives, ruleId, f.message.line);
      if (d) {
        d.used.add(d.rules.length === 0 ? '*' : ruleId);
        suppress(f, 'comment', d.reason);
        continue;
      }
      const s = f.resource ? annotationsOf(f.resource).suppressions.find((a) => a.rules.includes(ruleId)) : undefined;
      if (s && s.expires !== undefined && s.expires < today) {
        expired.add(s);
        if (validity && (validity.answerValidAfter === undefined || s.expires > validity.answerValidAfter)) validity.answerValidAfter = s.expires;
      } else if (s) {
        if (s.expires !== undefined && validity && (validity.answerValidThrough === undefined || s.expires < validity.answerValidThrough)) validity.answerValidThrough = s.expires;
        s.used.add(ruleId);
        suppress(f, 'annotation', s.reason);
        continue;
      }
    }
    messages.push(f.message);
  }
  return { messages, suppressedMessages, directives, annotationsOf, expired, allowInline };
}
