import { parseManifests } from './parse/index.js';

/**
 * The rules a Kustomize patch file is linted with: those that judge a file's text, which a patch
 * has as any manifest does. Every other rule judges objects, and a patch is a fragment of one (a
 * strategic-merge patch holds only the fields it changes, a JSON 6902 patch a list of operations):
 * judged alone it would get findings for fields the base sets, so those wait for the build. The CLI
 * and the ESLint plugin both use this list.
 */
export const PATCH_RULE_IDS: readonly string[] = ['manifest-syntax', 'no-duplicate-keys'];

/**
 * The patch files a kustomization names (`patches[].path`, `patchesJson6902[].path`,
 * `patchesStrategicMerge` entries that are paths, not inline patches), as written: relative to the
 * kustomization's directory. Nothing for text that is not a kustomization.
 */
export function kustomizationPatchPaths(text: string): string[] {
  // Read as kustomize reads it (sigs.k8s.io/yaml: go-yaml v2, YAML 1.1), with the fast scanner.
  const value = parseManifests(text, 'kustomization.yaml').documents[0]?.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const v = value as Record<string, unknown>;
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  return [
    ...[...list(v['patches']), ...list(v['patchesJson6902'])].flatMap((p) => (p && typeof p === 'object' && typeof (p as { path?: unknown }).path === 'string' ? [(p as { path: string }).path] : [])),
    ...list(v['patchesStrategicMerge']).flatMap((p) => (typeof p === 'string' && !p.includes('\n') ? [p] : [])),
  ];
}
