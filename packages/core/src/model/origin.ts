import type { Origin } from '../types.js';
import { isRecord } from '../path.js';

/** The first line of `text` reading `name: value` (blanks around either allowed), the value trimmed and unquoted. Linear. */
function originField(text: string, name: 'repo' | 'path' | 'configuredIn'): string | undefined {
  for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    const t = line.trim();
    if (!t.startsWith(name) || t.charCodeAt(name.length) !== 58 /* : */) continue;
    const value = t.slice(name.length + 1).trim();
    if (value === '') continue;
    let from = 0;
    let to = value.length;
    if (value[0] === '"' || value[0] === "'") from = 1;
    if (to > from && (value[to - 1] === '"' || value[to - 1] === "'")) to--;
    return value.slice(from, to);
  }
  return undefined;
}

/** The `config.kubernetes.io/origin` annotation kustomize writes with `buildMetadata: [originAnnotations]`. */
export const KUSTOMIZE_ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/**
 * Where kustomize says an object came from: the `path:` of its origin annotation (a resource file),
 * or for generated objects the file that configured the generator (`configuredIn:`).
 */
export function kustomizeOrigin(metadata: Record<string, unknown>): Origin | undefined {
  const ann = metadata['annotations'];
  if (!isRecord(ann)) return undefined;
  const text = ann[KUSTOMIZE_ORIGIN_ANNOTATION];
  if (typeof text !== 'string') return undefined;
  const field = (name: 'repo' | 'path' | 'configuredIn'): string | undefined => originField(text, name);
  const repo = field('repo');
  if (repo) return undefined; // a remote base: no file in this repository to point at
  const path = field('path') ?? field('configuredIn');
  return path ? { file: path, via: 'kustomize' } : undefined;
}
