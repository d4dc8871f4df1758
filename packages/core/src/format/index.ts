import type { LintResult } from '../types.js';
import { stylish, type StylishOptions } from './stylish.js';
import { github } from './github.js';
import { sarif } from './sarif.js';
import { junit } from './junit.js';
import { rules as registry } from '../rules/index.js';
import type { AnyRule } from '../rule.js';
import type { AuditSummary } from '../audit/index.js';
import { summary } from './summary.js';

/** Output formats satlint writes. */
export type FormatName = 'stylish' | 'json' | 'sarif' | 'github' | 'junit' | 'summary';

/** Names of every format {@link format} accepts. */
export const FORMATS: readonly FormatName[] = ['stylish', 'json', 'sarif', 'github', 'junit', 'summary'];

/** Options for {@link format}. */
export interface FormatOptions extends StylishOptions {
  /** Base directory for relative paths (github, stylish, junit) and the SARIF `ROOT`. */
  cwd?: string;
  /** Rules described in SARIF output (default: the registry); pass plugin rules too. */
  rules?: readonly AnyRule[];
  /** satlint's version, written into SARIF. */
  version?: string;
  /** For `summary`: the audit of the run ({@link LintOptions.audit} fills it in). */
  audit?: AuditSummary;
}

/** Renders results in one of the output formats (pure: returns the text). */
export function format(results: readonly LintResult[], name: FormatName, options: FormatOptions = {}): string {
  switch (name) {
    case 'json':
      return `${JSON.stringify(results.map(toJsonResult))}\n`;
    case 'stylish':
      return stylish(results, options);
    case 'github':
      return github(results, options.cwd);
    case 'sarif':
      return sarif(results, { rules: options.rules ?? registry, ...(options.cwd !== undefined ? { cwd: options.cwd } : {}), ...(options.version !== undefined ? { version: options.version } : {}) });
    case 'junit':
      return junit(results, options.cwd);
    case 'summary':
      if (!options.audit) throw new Error('The summary format needs the audit of the run: lint with options.audit, then pass audit.result as options.audit');
      return summary(results, options.audit);
    default:
      throw new Error(`Unknown format "${String(name)}"`);
  }
}

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
