import type { AnyRule } from '../rule.js';
import type { JsonPath, LintMessage, ParsedFile, Resource, SeverityLevel } from '../types.js';

/** A rule's report turned into a message, with what the later stages need to know about it. */
export interface Finding {
  rule: AnyRule;
  severity: SeverityLevel;
  message: LintMessage;
  resource?: Resource;
  file: ParsedFile;
  /** The path the rule reported, relative to the resource. */
  path: JsonPath;
}
