import type { JsonPath, ParsedFile, Resource } from '../types.js';
import { hasPositions, locatePath } from '../parse/index.js';
import { resourcesOf } from '../model/index.js';
import { formatPath } from '../path.js';

/** Where a finding is shown: offsets in the file's text and the reported path as far as it exists. */
export interface Placement {
  range: [number, number];
  /** The part of the path that exists in the document, formatted (`spec.containers[0]`). */
  path?: string;
}

/**
 * The locate stage: a path (relative to the resource) becomes offsets in the file through the
 * document's position index, falling back to the nearest existing parent when the field is absent.
 * A finding about the whole resource (an empty path) is shown at its `kind`. Undefined when the
 * document keeps no positions (a value-only context file).
 */
export function placeInResource(resource: Resource, path: JsonPath): Placement | undefined {
  if (!hasPositions(resource.document)) return undefined;
  const file = resource.file;
  const full: JsonPath = [...resource.basePath, ...path];
  const loc = full.length === resource.basePath.length ? { ...locatePath(resource.document, [...full, 'kind'])!, depth: full.length } : locatePath(resource.document, full)!;
  const range: [number, number] = [file.toSourceOffset(loc.range[0]), file.toSourceOffset(loc.range[1])];
  // Block scalars own their final line break; a finding ends where the visible text does.
  while (range[1] > range[0] && (file.text[range[1] - 1] === '\n' || file.text[range[1] - 1] === '\r')) range[1]--;
  return { range, path: formatPath(full.slice(resource.basePath.length, Math.max(loc.depth, resource.basePath.length))) };
}

/** Offsets of `path` (relative to the resource) in its file, or of its nearest existing parent; `[0, 0]` without positions. */
export function rangeInResource(resource: Resource, path: JsonPath): [number, number] {
  const loc = locatePath(resource.document, [...resource.basePath, ...path]);
  if (!loc) return [0, 0];
  return [resource.file.toSourceOffset(loc.range[0]), resource.file.toSourceOffset(loc.range[1])];
}

/** A position found for a JSON path inside a resource of a parsed file. */
export interface LocatedPath {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** False when only a parent of the path exists in this file (the position is of that parent). */
  exact: boolean;
}

/**
 * Where `path` (relative to the object) is in `file`, for the object of kind `kind` named `name`
 * (preferring `namespace` when several match): how a finding on rendered output is pointed back at
 * the kustomize base that declared the object. Undefined when the file holds no such object.
 */
export function locateInFile(file: ParsedFile, kind: string, name: string, namespace: string | undefined, path: JsonPath): LocatedPath | undefined {
  const candidates = resourcesOf(file).filter((r) => r.kind === kind && r.name === name);
  const resource = candidates.find((r) => r.namespace === namespace) ?? candidates[0];
  if (!resource || !hasPositions(resource.document)) return undefined;
  const full: JsonPath = [...resource.basePath, ...(path.length > 0 ? path : ['kind'])];
  const loc = locatePath(resource.document, full)!;
  const start = file.position(file.toSourceOffset(loc.range[0]));
  const end = file.position(file.toSourceOffset(loc.range[1]));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, exact: loc.depth >= full.length };
}
