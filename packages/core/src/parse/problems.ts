import { isMap, isScalar, isSeq, type Document, type YAMLError } from 'yaml';
import type { ParsedFile, ParseProblem, PathSegment } from '../types.js';
import { formatPath, isRecord } from '../path.js';
import { findTemplateExpression, helmMessage } from './templates.js';
import type { DecodeFailure } from './goyaml.js';
import { SERVED_WORKLOAD_VERSION, unservedWorkload } from './served.js';
import type { KubectlReading } from './kubectl.js';

// The problems reading a document finds besides its values: syntax errors, documents kubectl
// refuses, duplicate keys, documents that are not objects, APIs no server serves.

/** A range of the parsed text as a range of the file's own text (they differ when quotes were repaired). */
export function mapRange(file: ParsedFile, r: readonly [number, number]): [number, number] {
  return [file.toSourceOffset(r[0]), file.toSourceOffset(r[1])];
}

const UNSERVED_RBAC = /^rbac\.authorization\.k8s\.io\/v1(?:alpha1|beta1)$/;

/**
 * Objects no supported API server serves (kubectl apply fails with "no matches for kind"): RBAC
 * objects of `v1beta1`/`v1alpha1`, which the RBAC evaluator ignores, and built-in workloads at a
 * removed or wrong apiVersion (`extensions/v1beta1` Deployments, `batch/v1beta1` CronJobs…), from
 * which no pod runs, so the token rules skip them. A warning at their apiVersion; also for the
 * items of a List.
 */
export function unservedApis(file: ParsedFile, value: unknown, index: number, at: (path: PathSegment[]) => [number, number]): void {
  if (!isRecord(value)) return;
  const check = (obj: unknown, path: PathSegment[]) => {
    if (!isRecord(obj)) return;
    if (obj['apiVersion'] === undefined && typeof obj['kind'] === 'string' && unservedWorkload('', obj['kind'])) {
      const kind = obj['kind'];
      file.problems.push({ severity: 'warning', code: 'unserved-api', message: `${kind} without apiVersion: kubectl sends it as it is (its decoder requires only a kind), but no schema is known for it, so its token settings are not linted; set apiVersion: ${SERVED_WORKLOAD_VERSION[kind]}`, range: at(path), documentIndex: index });
      return;
    }
    if (typeof obj['apiVersion'] !== 'string') return;
    const message = unservedMessage(obj['apiVersion'], obj['kind']);
    if (message === undefined) return;
    file.problems.push({ severity: 'warning', code: 'unserved-api', message, range: at([...path, 'apiVersion']), documentIndex: index });
  };
  check(value, []);
  if (Array.isArray(value['items'])) value['items'].forEach((item, i) => check(item, ['items', i]));
}

function unservedMessage(apiVersion: string, kind: unknown): string | undefined {
  const what = typeof kind === 'string' ? kind : 'object';
  if (UNSERVED_RBAC.test(apiVersion)) return `${apiVersion} is not served by any supported Kubernetes version (removed in 1.22): the API server refuses this ${what}, so it grants nothing; use rbac.authorization.k8s.io/v1`;
  const workload = unservedWorkload(apiVersion, kind);
  if (!workload) return undefined;
  const since = workload.removedIn !== undefined ? ` (removed in ${workload.removedIn})` : '';
  return `${apiVersion} is not served by any supported Kubernetes version${since}: the API server refuses this ${what}, so no pod runs from it and its token settings are not linted; use ${workload.served}`;
}

/**
 * A manifest document is a mapping; anything else would be rejected by kubectl. Say so rather than
 * skip it silently (a stray `- item` list or a bare string is usually a mistake).
 */
export function notAnObject(file: ParsedFile, value: unknown, index: number, range: [number, number]): void {
  if (value === null || value === undefined || (typeof value === 'object' && !Array.isArray(value))) return;
  file.problems.push({
    severity: 'warning',
    code: 'not-an-object',
    message: `Document ${index + 1} is a ${Array.isArray(value) ? 'sequence' : 'scalar'}, not a Kubernetes object (a mapping with apiVersion and kind); it is not linted`,
    range,
    documentIndex: index,
  });
}

/** A quoted scalar the parser found no closing quote for (perhaps an under-indented continuation line). */
export function isUnclosedQuote(e: YAMLError): boolean {
  return e.code === 'MISSING_CHAR' && /closing .?quote/i.test(e.message);
}

/** The fatal problem of a document with syntax errors: an unrendered template, too deep, or the first syntax error. */
export function pushSyntaxProblems(file: ParsedFile, source: string, doc: Document.Parsed, index: number): void {
  const first = doc.errors[0]!;
  const docText = source.slice(doc.range[0], doc.range[2]);
  const template = findTemplateExpression(docText);
  if (template) {
    const at = doc.range[0] + template[0];
    file.problems.push({ severity: 'fatal', code: 'helm-template', message: helmMessage(), range: mapRange(file, [at, doc.range[0] + template[1]]), documentIndex: index });
    return;
  }
  const message = first.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').replace(/\s+/g, ' ').trim();
  if (/Maximum call stack size exceeded/i.test(message)) {
    // The parser ran out of stack while composing: report it as what it is, at the document start.
    const at = doc.contents?.range?.[0] ?? doc.range[0];
    file.problems.push({ severity: 'fatal', code: 'too-deep', message: 'Document nests too deeply to read safely (thousands of levels); Kubernetes objects are never this deep', range: mapRange(file, [at, at]), documentIndex: index });
    return;
  }
  file.problems.push({ severity: 'fatal', code: 'syntax', message: `YAML syntax error: ${message}`, range: mapRange(file, [first.pos[0], first.pos[1]]), documentIndex: index });
}

/** Duplicate keys of every mapping in the tree, each reported where it repeats (never silently resolved). */
export function collectDuplicateKeys(file: ParsedFile, node: unknown, path: PathSegment[], documentIndex: number, depth: number): void {
  if (depth > 2000) return;
  if (isMap(node)) {
    const seen = new Set<unknown>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (key !== undefined && key !== '<<') {
        if (seen.has(key) && pair.key && isScalar(pair.key) && pair.key.range) {
          const r = pair.key.range;
          file.problems.push({
            severity: 'warning',
            code: 'duplicate-key',
            message: `Duplicate key "${String(key)}"`,
            range: mapRange(file, [r[0], r[1]]),
            key: String(key),
            path: [...path],
            documentIndex,
          });
        }
        seen.add(key);
      }
      if (key !== undefined && (isMap(pair.value) || isSeq(pair.value))) {
        // One shared path stack, copied only when a duplicate is recorded: no array per node.
        path.push(String(key));
        collectDuplicateKeys(file, pair.value, path, documentIndex, depth + 1);
        path.pop();
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      if (!isMap(item) && !isSeq(item)) return;
      path.push(i);
      collectDuplicateKeys(file, item, path, documentIndex, depth + 1);
      path.pop();
    });
  }
}

/**
 * Why kubectl refuses a document that parses (go-yaml v2 and JSON decoding, or too many aliases).
 * With template syntax outside scalars (`key: {{ x }}` reads as a mapping with a mapping for a key),
 * it says what the document is instead.
 */
export function refusedProblem(file: ParsedFile, failure: DecodeFailure, template: [number, number] | null, index: number): void {
  if (template) {
    file.problems.push({ severity: 'fatal', code: 'helm-template', message: helmMessage(), range: mapRange(file, template), documentIndex: index });
    return;
  }
  const problem: ParseProblem = {
    severity: 'fatal',
    code: failure.aliasLimit ? 'alias-limit' : 'decode',
    message: failure.aliasLimit
      ? 'YAML aliases expand too much, an alias bomb (go-yaml: "document contains excessive aliasing"); kubectl refuses this document, and satlint does not expand it'
      : `kubectl refuses this document (go-yaml and JSON decoding: ${failure.message}); it is not linted`,
    range: mapRange(file, [failure.at, failure.at]),
    documentIndex: index,
  };
  file.problems.push(problem);
  yamlToJsonFailures.add(problem);
}

/** Refusals of go-yaml's YAML-to-JSON step, where kubectl stops reading the file (not only the document). */
const yamlToJsonFailures = new WeakSet<ParseProblem>();

/** Whether kubectl stops reading a file at this problem, rather than refusing one document and going on. */
export function stopsKubectl(p: ParseProblem): boolean {
  if (p.severity !== 'fatal') return false;
  return p.code === 'syntax' || p.code === 'too-deep' || p.code === 'alias-limit' || p.code === 'helm-template' || yamlToJsonFailures.has(p);
}

/**
 * Valid YAML with template syntax outside scalars that kubectl still decodes: a warning; what it
 * decodes to is still linted, as the API server would receive it.
 */
export function templateWarning(file: ParsedFile, template: [number, number], index: number): void {
  file.problems.push({
    severity: 'warning',
    code: 'helm-template',
    message: 'This looks like an unrendered template ({{ … }} outside a quoted string), read here as a YAML mapping; lint the rendered output instead (for Helm: helm template RELEASE CHART | satlint -)',
    range: mapRange(file, template),
    documentIndex: index,
  });
}

/**
 * The errors kubectl gives for a document it reads (kubectl.ts): the document refused whole, or
 * List items refused one by one. Fatal, at the value kubectl fails on; true when the whole document
 * is refused (then it is not linted and enters no inventory).
 */
export function kubectlRefusals(file: ParsedFile, reading: KubectlReading, index: number, at: (path: PathSegment[]) => [number, number]): boolean {
  if (reading.refused) {
    const r = reading.refused;
    file.problems.push({ severity: 'fatal', code: 'decode', message: `kubectl refuses this document (${r.message}); it is not linted and vouches for nothing`, range: at(r.path), documentIndex: index });
    return true;
  }
  for (const r of reading.refusedItems) {
    file.problems.push({ severity: 'fatal', code: 'decode', message: `kubectl refuses ${formatPath(r.path.slice(0, 2))} of this List (${r.message}); that item is not linted and vouches for nothing`, range: at(r.path), documentIndex: index });
  }
  return false;
}
