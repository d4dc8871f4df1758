import type { Document, LineCounter } from 'yaml';

/** One segment of a JSON path: a mapping key or a sequence index. */
export type PathSegment = string | number;
/** A JSON path as segments, e.g. `['spec', 'template', 'spec', 'volumes', 1]`. */
export type JsonPath = readonly PathSegment[];

/** Rule severity as written in configuration. */
export type SeverityName = 'off' | 'warn' | 'error';
/** Numeric severity as ESLint reports it: 1 warning, 2 error. */
export type SeverityLevel = 1 | 2;

/** A text edit: replace `range` (0-based UTF-16 offsets, end exclusive) with `text`. */
export interface Fix {
  range: [number, number];
  text: string;
}

/**
 * What applying a fix does: `problem` fixes keep the workload's behaviour (safe for `--fix`),
 * `migration` replaces the auto-mounted token by a bound projected one at the same path (the
 * workload keeps its API access), `suggestion` changes behaviour and needs a person's decision.
 */
export type FixKind = 'problem' | 'migration' | 'suggestion';

/** An edit offered for a finding but not applied automatically (ESLint's suggestion shape plus its kind). */
export interface Suggestion {
  desc: string;
  messageId?: string;
  fix: Fix;
  kind: Exclude<FixKind, 'problem'>;
}

/** Identity of a Kubernetes object. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Where a rendered document came from (helm template `# Source:` comment, kustomize origin). */
export interface Origin {
  /** The file a person edits: a chart template (`chart/templates/x.yaml`) or a kustomize base/overlay file, as the renderer names it. */
  file: string;
  /** Line in that file, when it can be known. */
  line?: number;
  column?: number;
  /** True when `line` is the best guess (the reported key could not be found unambiguously in the source). */
  approximate?: boolean;
  /** `helm` or `kustomize`. */
  via: 'helm' | 'kustomize';
  /** Where the finding is in the rendered output, when the message was moved to the source file. */
  rendered?: { file: string; line: number; column: number };
}

/** An object an attack path passes through: kind, name and namespace (none for cluster-scoped). */
export interface PathObject {
  kind: string;
  name: string;
  namespace?: string;
}

/** One hop set of an attack path: binding → role (→ aggregated source role) → rule → permissions. */
export interface AttackGrant {
  binding: PathObject;
  role: PathObject & { builtin?: true };
  /** The ClusterRole that literally holds the rule, when `role` aggregates it. */
  source?: PathObject;
  /** Index of the rule in the role's `rules`. */
  rule: number;
  /** Namespace the permissions hold in; absent: every namespace (a ClusterRoleBinding). */
  namespace?: string;
  /** What a stolen token can do through this rule (`get/list/watch secrets`, `create pods/exec`). */
  permissions: string[];
}

/**
 * What a stolen token reaches, for RBAC findings (`token-blast-radius`): the workload is the
 * message's `resource`; then its service account and each grant. Reports draw it as a graph.
 */
export interface AttackPath {
  serviceAccount: { namespace: string; name: string };
  grants: AttackGrant[];
}

/** One finding, in ESLint's LintMessage shape plus satlint's resource/path/origin. */
export interface LintMessage {
  ruleId: string | null;
  severity: SeverityLevel;
  message: string;
  messageId?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: true;
  resource?: ResourceRef;
  path?: string;
  origin?: Origin;
  fix?: Fix;
  /** Edits offered for this finding that `--fix` applies only when their kind is selected (`--fix-type`). */
  suggestions?: Suggestion[];
  /** Labels for filtering: `helm-test` for resources of a Helm test hook. */
  tags?: string[];
  /** For RBAC findings: the path from the workload's token to what it can do. */
  attackPath?: AttackPath;
  /**
   * The same finding on the objects this one's resource controls (its ReplicaSets, Jobs and Pods in
   * a cluster export), which are not reported separately: one entry per instance.
   */
  relatedLocations?: RelatedLocation[];
  /**
   * The substance of the finding (the permissions a grant gives, a flag's value…), one item per
   * line: part of its fingerprint, so a baseline does not absorb a finding whose substance changed.
   */
  substance?: string;
}

/** Where else a finding holds: an object controlled by the finding's resource (a live instance). */
export interface RelatedLocation {
  filePath: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resource?: ResourceRef;
  path?: string;
  /** The finding as it reads on that object. */
  message: string;
}

/** A finding that a suppression silenced, with the suppression that did it. */
export interface SuppressedMessage extends LintMessage {
  suppressions: { kind: 'comment' | 'annotation' | 'config' | 'baseline'; justification: string }[];
}

/** Per-file result, ESLint's LintResult shape. */
export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: SuppressedMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The fixed text, present when fixing was requested and something changed. */
  output?: string;
  /**
   * Secret values of the file (Secret data, credential env values), which reports mask in fix texts
   * and `output`; reports never print this list. Absent once a result was masked.
   */
  secrets?: string[];
}

/** A problem found while parsing, before any rule ran. */
export interface ParseProblem {
  /** `fatal` problems make a document (or the whole file) unreadable. */
  severity: 'fatal' | 'warning';
  code: 'syntax' | 'helm-template' | 'alias-limit' | 'decode' | 'unserved-api' | 'too-deep' | 'lenient-indent' | 'duplicate-key' | 'not-an-object' | 'kubectl-skips' | 'internal';
  message: string;
  range: [number, number];
  /** For duplicate keys: the key and the path of its mapping. */
  key?: string;
  path?: JsonPath;
  documentIndex?: number;
}

/** One YAML document of a file. */
export interface ParsedDocument {
  index: number;
  /** The value as Kubernetes would decode it. */
  value: unknown;
  /** The `yaml` package's document (AST with ranges), or null when the document could not be read. */
  ast: Document.Parsed | null;
  /** Offsets of the document's first and last character in the file text. */
  range: [number, number];
  origin?: Origin;
  /**
   * For a `List` (a kubectl export): one entry per `items` element, each with a syntax tree of that
   * element alone, built when a position in it is needed. In the entry's tree the element is at
   * `itemPath` (`[0]` for a YAML sequence entry, `[]` for a JSON object).
   */
  items?: { document: ParsedDocument; itemPath: JsonPath }[];
  /**
   * True for a document after the point where kubectl stops reading its file (a YAML syntax error,
   * a file of JSON objects that stops being JSON, an invalid `---` line): it is linted, so that one
   * mistake does not hide the findings of the rest of the file, but kubectl never sends it, so it
   * enters no inventory and vouches for nothing (a ServiceAccount there disables nobody's token).
   */
  afterKubectlStop?: true;
}

/** A parsed source file. */
export interface ParsedFile {
  path: string;
  text: string;
  documents: ParsedDocument[];
  problems: ParseProblem[];
  /** Maps an offset in the text the parser read back to an offset in `text` (identity unless the text was repaired). */
  toSourceOffset(offset: number): number;
  /** 1-based line and column of an offset in `text`. */
  position(offset: number): { line: number; column: number };
  /** True when the parser read a repaired copy of `text` (lenient indentation); fixes are then refused. */
  repaired: boolean;
  /** End-of-line sequence used by the file. */
  eol: '\n' | '\r\n' | '\r';
  /** @internal */
  lineCounter?: LineCounter;
}

/** A Kubernetes object found in a file (a document, or an item of a `List`). */
export interface Resource {
  ref: ResourceRef;
  apiVersion: string;
  kind: string;
  name: string;
  /** Resolved namespace; undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  /** The decoded object. Typed loosely: manifests are untrusted input. */
  object: Record<string, unknown>;
  file: ParsedFile;
  document: ParsedDocument;
  /** Path of the object inside its document (`[]`, or `['items', 3]` for a List item). */
  basePath: JsonPath;
  origin?: Origin;
  /**
   * For an object exported from a cluster (`kubectl get -o yaml|json`): what the API server wrote.
   * Those fields are removed from `object` (rules never lint them) and kept here.
   */
  cluster?: ClusterFields;
}

/** Fields the API server writes on a live object, read from an export and never linted. */
export interface ClusterFields {
  /** `metadata.uid`. */
  uid?: string;
  /** `status.phase` (Pods: Pending, Running, Succeeded, Failed, Unknown). */
  phase?: string;
  /** `metadata.creationTimestamp`. */
  creationTimestamp?: string;
  /** True when the object carries `kubectl.kubernetes.io/last-applied-configuration` (it was created with kubectl apply). */
  lastApplied: boolean;
}
