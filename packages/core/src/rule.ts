import type { AttackPath, Fix, JsonPath, ParsedFile, Resource } from './types.js';
import type { Inventory, UnknownServiceAccountPolicy } from './inventory/index.js';

/** Rule families, used to group the docs and the rules table. */
export type RuleCategory = 'token-mounting' | 'projected-tokens' | 'legacy-tokens' | 'service-accounts' | 'short-lived-tokens' | 'workload-identity' | 'control-plane' | 'rbac' | 'soundness';

/** A JSON Schema object (the subset satlint writes for rule options). */
export type JsonSchema = Record<string, unknown>;

/** The options of a rule that takes none. */
export type NoOptions = Record<string, never>;

/** The options default of every rule that takes none: one frozen empty object, shared. */
export const NO_OPTIONS: Readonly<NoOptions> = Object.freeze({});

/** The options schema of every rule that takes none: an object without properties. */
export const NO_OPTIONS_SCHEMA: Readonly<JsonSchema> = Object.freeze({ type: 'object', additionalProperties: false, properties: Object.freeze({}) });

/** Everything a rule declares about itself; adapters and docs are generated from it. */
export interface RuleMeta<Options extends object = Record<string, unknown>, MessageIds extends string = string> {
  /** kebab-case id, equal to the rule's folder name. Public: never renamed. */
  id: string;
  /** "Disallow …" / "Require …", no trailing period. */
  description: string;
  category: RuleCategory;
  /** Default severity in `recommended`. */
  severity: 'error' | 'warn';
  /** Whether `recommended` turns the rule on. */
  recommended: boolean;
  fixable: boolean;
  /** Whether findings may carry suggestions (ESLint's `hasSuggestions`). */
  hasSuggestions?: boolean;
  messages: Record<MessageIds, string>;
  /** What to do about a finding, one imperative sentence. */
  remediation: string;
  /** JSON Schema of the options object. */
  schema: JsonSchema;
  defaultOptions: Options;
  /** Option values `strict` uses instead of the defaults. */
  strictOptions?: Partial<Options>;
  /** SARIF `security-severity` (0.0–10.0). */
  securitySeverity: number;
  /** Documentation URL, injected by {@link defineRule} from the id. */
  docsUrl: string;
}

/** Shared settings every rule reads. */
export interface RuleSettings {
  defaultNamespace: string;
  unknownServiceAccount: UnknownServiceAccountPolicy;
  /** Audiences that mean "the Kubernetes API server". */
  apiAudiences: readonly string[];
  /** The audience migrated tokens are issued for: the first configured `apiAudiences`, else the API server's default. */
  migrationAudience: string;
}

/** Builds text edits from syntax-tree nodes, so that formatting elsewhere is kept. */
export interface Fixer {
  /** Adds `key: value` to the mapping at `mapPath` (relative to the resource). `valueText` is YAML. */
  insertPair(resource: Resource, mapPath: JsonPath, key: string, valueText: string, where?: 'first' | 'last'): Fix | null;
  /** Removes the pair at `path` (relative to the resource), with its line(s). */
  removePair(resource: Resource, path: JsonPath): Fix | null;
  /** Renames the key at `path` (relative to the resource) to `newKey`, keeping its value and formatting. */
  renameKey(resource: Resource, path: JsonPath, newKey: string): Fix | null;
  /** Replaces the scalar value at `path` with `valueText`. */
  replaceValue(resource: Resource, path: JsonPath, valueText: string): Fix | null;
  /** Adds `key` with a structured value (rendered in the file's style: block, flow or JSON) to the mapping at `mapPath`. */
  insertValue(resource: Resource, mapPath: JsonPath, key: string, value: unknown, where?: 'first' | 'last'): Fix | null;
  /** Appends a structured value to the sequence at `seqPath`. */
  appendItem(resource: Resource, seqPath: JsonPath, value: unknown): Fix | null;
  /** Inserts a new YAML document holding `object` right after the resource's document (null for JSON files). */
  insertDocumentAfter(resource: Resource, object: Record<string, unknown>): Fix | null;
  /** Combines edits of one file into one fix (null when any is null or two overlap). */
  merge(text: string, fixes: readonly (Fix | null)[]): Fix | null;
}

/** What a rule reports: a path, never a line. */
export interface ReportDescriptor<MessageIds extends string = string> {
  messageId: MessageIds;
  data?: Record<string, string | number>;
  /** The resource the finding is about. */
  resource?: Resource;
  /** JSON path relative to the resource (`[]` for the whole resource). */
  path?: JsonPath;
  /** For findings the parser made (no resource): the file and offsets in its text. */
  file?: ParsedFile;
  range?: [number, number];
  fix?: (fixer: Fixer) => Fix | null;
  /** For RBAC findings: the path from the token to the permissions, for reports to draw. */
  attackPath?: AttackPath;
  /**
   * What the finding is, beyond where it is: the permissions a grant gives, a flag's value. It is
   * part of the finding's fingerprint (baselines, SARIF partialFingerprints), so a baseline never
   * absorbs a finding that changed in substance. Default: the message `data` (the values the message
   * names); give it when `data` holds incidental text (counts, suggestions, names of other objects).
   */
  substance?: readonly string[];
  /** Edits offered but not applied by default: `messageId` names the description in the rule's messages. */
  suggest?: SuggestDescriptor[];
}

/** One suggestion a rule offers. */
export interface SuggestDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  kind: 'migration' | 'suggestion';
  fix: (fixer: Fixer) => Fix | null;
}

/** What a rule sees. */
export interface RuleContext<Options extends object = Record<string, unknown>, MessageIds extends string = string> {
  readonly options: Readonly<Options>;
  /** The resources this rule is enabled for (with these options). */
  readonly resources: readonly Resource[];
  /** The parsed files this rule is enabled for. */
  readonly files: readonly ParsedFile[];
  /** Every resource of the run, indexed. */
  readonly inventory: Inventory;
  readonly settings: Readonly<RuleSettings>;
  report(descriptor: ReportDescriptor<MessageIds>): void;
}

/** A rule: metadata plus a check over the resources of one run. */
export interface Rule<Options extends object = Record<string, unknown>, MessageIds extends string = string> {
  readonly meta: Readonly<RuleMeta<Options, MessageIds>>;
  check(context: RuleContext<Options, MessageIds>): void;
}

/** A rule of any options type, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any, string>;

const DOCS_BASE = 'https://github.com/satlint/satlint/blob/main/packages/core/src/rules';

/** Declares a rule: freezes its metadata and fills in `docsUrl` from the id. */
export function defineRule<Options extends object, MessageIds extends string>(rule: {
  meta: Omit<RuleMeta<Options, MessageIds>, 'docsUrl'> & { docsUrl?: string };
  check(context: RuleContext<Options, MessageIds>): void;
}): Rule<Options, MessageIds> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(rule.meta.id)) throw new Error(`Rule id must be kebab-case: ${rule.meta.id}`);
  const meta = Object.freeze({ ...rule.meta, docsUrl: rule.meta.docsUrl ?? `${DOCS_BASE}/${rule.meta.id}/README.md` });
  return Object.freeze({ meta, check: rule.check });
}
