/** One input of the differential comparison: files linted together, and can-i questions about them. */
export interface Case {
  id: string;
  files: { path: string; text: string }[];
  canI?: CanIQuestions;
}

/** Every combination subject × verb × resource × namespace is asked, in that nesting order. */
export interface CanIQuestions {
  subjects: string[];
  verbs: string[];
  resources: { group: string; resource: string; subresource?: string; name?: string; cluster?: boolean }[];
  namespaces: string[];
}

/** What the Go oracle (conformance/kubernetes/cmd/oracle) prints for a case. */
export interface OracleVerdict {
  id: string;
  files: { path: string; objects: OracleObject[]; errors: string[] }[];
  pods: OraclePod[];
  flags: OracleFlags[];
  canI?: string;
}

export interface OracleObject {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  /** The object as kubectl would send it (JSON), or its sha256 in recorded corpus verdicts. */
  value?: unknown;
  sha256?: string;
}

export interface OracleAdmitted {
  error?: string;
  mounted: string[];
  volume?: string;
}

export interface OraclePod {
  file: string;
  object: number;
  kind: string;
  refused?: string;
  namespace: string;
  serviceAccount?: string;
  serviceAccountInInput: boolean;
  admission?: OracleAdmitted;
  asMirror?: OracleAdmitted;
  validation?: { field: string; type: string; detail?: string }[];
}

export interface OracleFlags {
  file: string;
  object: number;
  where: string;
  binary: string;
  args: string[];
  error?: string;
  values: Record<string, string>;
}
