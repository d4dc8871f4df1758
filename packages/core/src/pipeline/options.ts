import type { AnyRule } from '../rule.js';
import type { FixKind, ParsedFile } from '../types.js';
import type { ResolvedConfig, SatlintConfig } from '../config/index.js';
import type { AuditSummary } from '../audit/index.js';

/** A source to lint: a path (used in output and for config overrides) and its text. */
export interface Source {
  path: string;
  text: string;
}

/** What a lint run read. */
export interface LintStats {
  files: number;
  documents: number;
  /** Kubernetes objects (documents with apiVersion and kind, List items flattened). */
  objects: number;
  /**
   * The earliest `expires` date (YYYY-MM-DD) of a suppression that silenced a finding and has not
   * expired yet: from the day after it, the same input gives another answer (a cache must not keep
   * this one past it). Absent when no such suppression was used.
   */
  answerValidThrough?: string;
  /**
   * The latest `expires` date of a suppression that had expired for a finding: on that day or
   * before it (a run with an earlier `now`), the same input gives another answer.
   */
  answerValidAfter?: string;
}

/** Options of `lint()`. */
export interface LintOptions {
  /**
   * Configuration object (as read from a config file), or one already resolved. Default:
   * `recommended`. An object is validated first: unknown rule ids and options a rule's schema does
   * not allow throw a `ConfigError`.
   */
  config?: SatlintConfig | ResolvedConfig;
  /** Namespace for objects that name none. Default: the config's `settings.namespace`, else `default`. */
  namespace?: string;
  /** Extra rules (custom or plugin rules) added to the registry for this run. */
  plugins?: readonly AnyRule[];
  /** Apply fixes (up to 10 passes) and return the fixed text as `output`. */
  fix?: boolean;
  /**
   * Which edits `fix` applies (default `problem` and `migration`): a finding's automatic fix when
   * `problem` is listed, otherwise (for findings without one) its first suggestion of a listed kind.
   */
  fixTypes?: readonly FixKind[];
  /** The date expiring suppressions are compared with. Default: now. */
  now?: Date;
  /** Directory that override globs are relative to (the config file's directory). */
  basePath?: string;
  /** Filled in by `lint()`: how much it read (for "matched files but no objects" checks). */
  stats?: LintStats;
  /**
   * Files parsed beforehand whose objects join the inventory (ServiceAccounts, RBAC…) but are not
   * reported on: the other manifests of a repository when an editor lints one file. An inventory
   * file with the same path as a source is left out.
   */
  inventoryFiles?: readonly ParsedFile[];
  /** @deprecated The old name of {@link LintOptions.inventoryFiles} ("context" is what a rule sees). */
  contextFiles?: readonly ParsedFile[];
  /**
   * Asks for the guide's Step 4 audit of the run (the `summary` format): `lint()` sets
   * `result`. `today` is the day legacy-token use is counted from (default: `now`, else now).
   */
  audit?: { today?: Date; result?: AuditSummary };
}
