import { maskResult } from './mask.js';
import type { LintResult } from '../types.js';
import { stylish, type StylishOptions } from './stylish.js';
import { github } from './github.js';
import { sarif, sarifParts, SUPPRESSIONS_URI, type SarifOptions } from './sarif.js';
import { markdown } from './markdown.js';
import { html } from './html.js';
import { junit } from './junit.js';
import { rules as registry } from '../rules/index.js';
import type { AnyRule } from '../rule.js';
import type { AuditSummary } from '../audit/index.js';
import { summary } from './summary.js';

/** Output formats satlint writes. */
export type FormatName = 'stylish' | 'json' | 'sarif' | 'github' | 'junit' | 'summary' | 'markdown' | 'html';

/** Names of every format {@link format} accepts. */
export const FORMATS: readonly FormatName[] = ['stylish', 'json', 'sarif', 'github', 'junit', 'summary', 'markdown', 'html'];

/** Options for {@link format}. */
export interface FormatOptions extends StylishOptions {
  /** Base directory for relative paths (github, stylish, junit) and the SARIF `ROOT`. */
  cwd?: string;
  /** Rules described in SARIF output (default: the registry); pass plugin rules too. */
  rules?: readonly AnyRule[];
  /** satlint's version, written into SARIF and the HTML report. */
  version?: string;
  /** For `summary`: the audit of the run ({@link LintOptions.audit} fills it in). */
  audit?: AuditSummary;
  /** The text of each linted file by path: the HTML report's source excerpts (secret values redacted). */
  sources?: ReadonlyMap<string, string>;
  /** Prefix of markdown file links, e.g. `https://github.com/OWNER/REPO/blob/SHA/` (default: relative links). */
  linkBase?: string;
}

/** Renders results in one of the output formats (pure: returns the text). */
export function format(input: readonly LintResult[], name: FormatName, options: FormatOptions = {}): string {
  if (name === 'json') return [...formatParts(input, name, options)].join('');
  // No report prints a Secret value, not even inside a fix's text or --fix-dry-run's output.
  const results = input.map(maskResult);
  switch (name) {
    case 'stylish':
      return stylish(results, { ...options, docsUrls: docsUrls(options) });
    case 'markdown':
      return markdown(results, { ...pick(options), docsUrls: docsUrls(options), ...(options.linkBase !== undefined ? { linkBase: options.linkBase } : {}) });
    case 'html':
      return html(results, { ...pick(options), docsUrls: docsUrls(options), ...(options.sources ? { sources: options.sources } : {}), ...(options.version !== undefined ? { version: options.version } : {}) });
    case 'github':
      return github(results, options.cwd);
    case 'sarif':
      return sarif(results, sarifOptions(options));
    case 'junit':
      return junit(results, options.cwd);
    case 'summary':
      if (!options.audit) throw new Error('The summary format needs the audit of the run: lint with options.audit, then pass audit.result as options.audit');
      return summary(results, options.audit);
    default:
      throw new Error(`Unknown format "${String(name)}"`);
  }
}

/**
 * The text {@link format} returns, in consecutive parts whose concatenation is exactly that text:
 * the JSON report one result at a time (each masked and serialised only when its turn comes) and
 * SARIF one finding at a time, so that a writer can send a large report out without holding it
 * whole (a 30 MB repository's JSON report is ~6 MB of text; 100,000 documents' SARIF 32 MB).
 * Every other format is one part.
 */
export function* formatParts(input: readonly LintResult[], name: FormatName, options: FormatOptions = {}): Generator<string, void, undefined> {
  if (name === 'sarif') {
    yield* sarifParts(input.map(maskResult), sarifOptions(options));
    return;
  }
  if (name !== 'json') {
    yield format(input, name, options);
    return;
  }
  // JSON.stringify of the array, element by element: `[`, the elements joined by `,`, `]`.
  yield '[';
  for (let i = 0; i < input.length; i++) yield `${i === 0 ? '' : ','}${JSON.stringify(toJsonResult(maskResult(input[i]!)))}`;
  yield ']\n';
}

function sarifOptions(options: FormatOptions): SarifOptions {
  return { rules: options.rules ?? registry, ...(options.cwd !== undefined ? { cwd: options.cwd } : {}), ...(options.version !== undefined ? { version: options.version } : {}) };
}

function docsUrls(options: FormatOptions): ReadonlyMap<string, string> {
  return options.docsUrls ?? new Map([...(options.rules ?? registry).map((r) => [r.meta.id, r.meta.docsUrl] as const), ['satlint/suppressions', SUPPRESSIONS_URI] as const]);
}

function pick(options: FormatOptions): { cwd?: string } {
  return options.cwd !== undefined ? { cwd: options.cwd } : {};
}

export { maskResult } from './mask.js';

function toJsonResult(r: LintResult): unknown {
  // ESLint's JSON formatter writes every field of the result; satlint keeps the same order.
  return {
    filePath: r.filePath,
    messages: r.messages,
    suppressedMessages: r.suppressedMessages,
    errorCount: r.errorCount,
    fatalErrorCount: r.fatalErrorCount,
    warningCount: r.warningCount,
    fixableErrorCount: r.fixableErrorCount,
    fixableWarningCount: r.fixableWarningCount,
    ...(r.output !== undefined ? { output: r.output } : {}),
  };
}
