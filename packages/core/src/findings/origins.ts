import type { JsonPath, LintMessage, Origin, ParsedFile } from '../types.js';
import { parseManifests } from '../parse/index.js';
import { locateInFile } from './locate.js';

// The origins stage's pure part: where a finding on rendered output (helm template, kustomize build)
// is in the file a person edits, given that file's text. Finding and reading those files (charts,
// bases, patches) is the CLI's; the ESLint plugin and other adapters can use these the same way.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The line of `path` in a Helm template: each key of the path is searched, in order, below the
 * previous one (list indexes cannot be followed through template text), inside the template's
 * document of the resource's kind when the template holds several. Exact when the last key was
 * found and is unique there; otherwise the deepest key found, marked approximate; when no key of the
 * path is there, the line of `kind:`, approximate. Undefined when not even that is in the template.
 */
export function lineInTemplate(text: string, path: JsonPath, kind?: string): { line: number; column: number; exact: boolean } | undefined {
  const all = text.split(/\r\n|\r|\n/);
  // The template's documents; search the one of this kind when exactly one is.
  let from = 0;
  let to = all.length;
  if (kind) {
    const starts = [0, ...all.flatMap((l, i) => (/^---(\s|$)/.test(l) ? [i + 1] : []))];
    const kindRe = new RegExp(`^\\s*kind:\\s*["']?${escape(kind)}["']?\\s*(#.*)?$`);
    const docs = starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1]! - 1 : all.length] as const).filter(([s, e]) => all.slice(s, e).some((l) => kindRe.test(l)));
    if (docs.length === 1) [from, to] = docs[0]!;
  }
  const lines = all.slice(0, to);
  const keys = path.length === 0 ? ['kind'] : path;
  let at = from;
  let found: { line: number; column: number } | undefined;
  let exact = true;
  for (const key of keys) {
    if (typeof key === 'number') {
      exact = false;
      continue;
    }
    const re = new RegExp(`^(\\s*(?:-\\s+)?)["']?${escape(key)}["']?\\s*:`);
    let hit = -1;
    for (let i = at; i < lines.length; i++) {
      if (re.test(lines[i]!)) {
        hit = i;
        break;
      }
    }
    if (hit === -1) {
      exact = false;
      break;
    }
    found = { line: hit + 1, column: re.exec(lines[hit]!)![1]!.length + 1 };
    at = hit + 1;
  }
  if (!found) {
    if (!kind) return undefined;
    const kindRe = new RegExp(`^(\\s*)kind:\\s*["']?${escape(kind)}["']?`);
    for (let i = from; i < lines.length; i++) if (kindRe.test(lines[i]!)) return { line: i + 1, column: kindRe.exec(lines[i]!)![1]!.length + 1, exact: false };
    return undefined;
  }
  // A key that occurs again further down could be the one meant: only a unique match is exact.
  const last = keys[keys.length - 1];
  if (exact && typeof last === 'string' && keys.length === 1) {
    const re = new RegExp(`^\\s*(?:-\\s+)?["']?${escape(last)}["']?\\s*:`);
    if (lines.slice(from).filter((l) => re.test(l)).length > 1) exact = false;
  }
  return { ...found, exact };
}

/**
 * The object `kind`/`name` in a file, allowing for a kustomize namePrefix/nameSuffix: the rendered
 * name is PREFIX + name + SUFFIX, so among the file's objects of that kind whose name the rendered
 * name contains, the longest is the one. The namespace may have been set by the kustomization.
 */
export function objectName(file: ParsedFile, kind: string, rendered: string): string | undefined {
  const names = file.documents.flatMap((d) => {
    const v = d.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
    return v && typeof v === 'object' && v.kind === kind && typeof v.metadata?.name === 'string' ? [v.metadata.name] : [];
  });
  if (names.includes(rendered)) return rendered;
  const fits = names.filter((n) => n !== '' && rendered.includes(n)).sort((a, b) => b.length - a.length);
  return fits[0];
}

/** A kustomization's target selector of a patch: kind, and name before any prefix. */
export interface PatchTarget {
  kind?: string;
  name?: string;
}

/**
 * In JSON 6902 operations (a list of {op, path, value} for a target, named before any prefix), the
 * last one that writes the field or a parent of it: the path inside the list to report at (the
 * operation's `path:` when it names the field itself, else the field inside its `value:`).
 */
export function locateInOps(ops: unknown[], target: PatchTarget | undefined, kind: string, rendered: string, path: JsonPath): { path: JsonPath; exact: boolean } | undefined {
  if (target?.kind !== undefined && target.kind !== kind) return undefined;
  if (target?.name !== undefined && !rendered.includes(target.name)) return undefined;
  const pointer = path.map((p) => String(p));
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i] as { op?: unknown; path?: unknown } | null;
    if (!op || typeof op !== 'object' || typeof op.path !== 'string' || (op.op !== 'add' && op.op !== 'replace' && op.op !== 'copy' && op.op !== 'move')) continue;
    const opPath = op.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (opPath.length > pointer.length || opPath.some((s, j) => s !== pointer[j] && !(s === '-' && /^\d+$/.test(pointer[j]!)))) continue;
    if (op.op === 'copy' || op.op === 'move') return { path: [i, 'path'], exact: false };
    return opPath.length === pointer.length ? { path: [i, 'path'], exact: true } : { path: [i, 'value', ...path.slice(opPath.length)], exact: true };
  }
  return undefined;
}

/**
 * Whether a line ends in a key's block scalar header (`patch: |-`, `patch: >2 # comment`). A scan
 * from each `:` over the header's characters only, which never include `:`, so the scans are
 * disjoint and the whole is linear (the regex it replaces, `/:\s*[|>][-+0-9]*\s*(#.*)?$/`, was
 * quadratic on `:|#` repeated before a U+2028, whose `.*` ran to the end from every colon).
 */
export function endsInBlockScalarHeader(line: string): boolean {
  const space = (i: number): boolean => i < line.length && /\s/.test(line[i]!);
  for (let c = line.indexOf(':'); c >= 0; c = line.indexOf(':', c + 1)) {
    let i = c + 1;
    while (space(i)) i++;
    if (line[i] !== '|' && line[i] !== '>') continue;
    i++;
    while (i < line.length && '+-0123456789'.includes(line[i]!)) i++;
    while (space(i)) i++;
    if (i === line.length || line[i] === '#') return true;
  }
  return false;
}

/** The position of a path in the first document of a text that is not a Kubernetes object (a JSON 6902 patch, a kustomization). */
export function locatePlain(text: string, name: string, path: JsonPath): { line: number; column: number; endLine: number; endColumn: number; exact: boolean } | undefined {
  // locateInFile finds objects by kind and name: wrap the text as the spec of one.
  const wrapped = parseManifests(`apiVersion: v1\nkind: X\nmetadata: {name: x}\nspec:\n${text.replace(/^(?=.)/gm, '  ')}`, name);
  const pos = locateInFile(wrapped, 'X', 'x', undefined, ['spec', ...path]);
  if (!pos || pos.line <= 4) return undefined;
  return { line: pos.line - 4, column: Math.max(1, pos.column - 2), endLine: (pos.endLine ?? pos.line) - 4, endColumn: Math.max(1, (pos.endColumn ?? pos.column) - 2), exact: pos.exact };
}


/** Where a finding moves to in the edited file, and whether that position is exact. */
export interface OriginTarget {
  /** Absolute path of the file a person edits. */
  file: string;
  /** That file's path as reports show it (relative to the working directory). */
  shownAs: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  exact: boolean;
  /** Why the position is approximate, for the message. */
  why?: string;
}

/**
 * A finding on rendered output moved to `target` (whose text is `targetText`): its position there,
 * its origin completed with the rendered position, and the message saying when the line is
 * approximate. Never zero-width: without an end, the region runs to the end of the line's text.
 */
export function movedMessage(m: LintMessage, renderedFile: string, target: OriginTarget, targetText: string): LintMessage {
  const o = m.origin as Origin;
  const wide = target.endLine !== undefined && (target.endLine > target.line || target.endColumn! > target.column);
  const moved: LintMessage = {
    ...m,
    line: target.line,
    column: target.column,
    ...(wide ? { endLine: target.endLine!, endColumn: target.endColumn! } : { endLine: target.line, endColumn: lineTextEnd(targetText, target.line, target.column) }),
    origin: { ...o, file: target.shownAs || o.file, line: target.line, column: target.column, ...(target.exact ? {} : { approximate: true }), rendered: { file: renderedFile, line: m.line, column: m.column } },
  };
  if (!target.exact) moved.message = `${m.message} (line approximate: ${target.why ?? `the field could not be followed exactly through ${target.shownAs}`})`;
  return moved;
}

/** Where the text of `line` ends (trailing blanks left out), so a region there is never zero-width. */
function lineTextEnd(text: string, line: number, column: number): number {
  const t = text.split('\n')[line - 1];
  return t === undefined ? column + 1 : Math.max(t.trimEnd().length + 1, column + 1);
}

/**
 * The position in a kustomization of a field an inline patch writes (`patches: [{patch: |- …}]`):
 * the patch's own position `inside` it, shifted below the `patch:` key (`key`) when the patch is a
 * block scalar (exact); else the key's position, approximate.
 */
export function inlinePatchPosition(kustomizationText: string, key: { line: number; column: number }, inside: { line: number; column: number; exact: boolean }): { line: number; column: number; exact: boolean } {
  const lines = kustomizationText.split(/\r\n|\r|\n/);
  const indent = /^(\s*)/.exec(lines[key.line] ?? '')![1]!.length;
  if (endsInBlockScalarHeader(lines[key.line - 1] ?? '') && inside.exact) return { line: key.line + inside.line, column: indent + inside.column, exact: true };
  return { line: key.line, column: key.column, exact: false };
}
