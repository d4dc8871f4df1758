import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type FastGlob from 'fast-glob';
import type { Source } from '@satlint/core';
import { UsageError } from './errors.js';

/**
 * Which files share one inventory (the ServiceAccounts, Secrets and RBAC objects cross-file rules
 * see). `bundle` (the default): the files under one kustomization or chart directory (the nearest
 * ancestor with a kustomization.yaml or Chart.yaml), each rendered chart or kustomization on its own,
 * and every other file together. `run`: everything together. `directory`: each directory on its own.
 * A glob (`apps/*`): each directory it matches is one scope, files elsewhere share one.
 */
export type InventoryScope = 'bundle' | 'run' | 'directory' | { globs: string[] };

/** The scope `values` name (from `--inventory-scope`, or the config's `settings.inventoryScope`: `from` says which). */
export function parseInventoryScope(values: readonly string[], from = '--inventory-scope'): InventoryScope {
  if (values.length === 0) return 'bundle';
  const modes = values.filter((v) => v === 'bundle' || v === 'run' || v === 'directory');
  if (modes.length > 0 && (modes.length > 1 || values.length > 1)) throw new UsageError(`${from} takes bundle, run or directory once, or one or more globs of directories`);
  if (modes.length === 1) return modes[0] as 'bundle' | 'run' | 'directory';
  return { globs: [...values] };
}

const BUNDLE_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization', 'Chart.yaml'];
const bundleOfDir = new Map<string, string>();

/** The nearest directory at or above `dir` with a kustomization or Chart.yaml, or '' when there is none. */
function bundleOf(dir: string): string {
  const hit = bundleOfDir.get(dir);
  if (hit !== undefined) return hit;
  let out: string;
  if (BUNDLE_FILES.some((n) => existsSync(join(dir, n)))) out = dir;
  else {
    const parent = dirname(dir);
    out = parent === dir ? '' : bundleOf(parent);
  }
  bundleOfDir.set(dir, out);
  return out;
}

/**
 * Groups sources into inventory scopes, in the order they came (globs relative to `cwd`). `rendered` are the labels of
 * rendered charts and kustomizations: each is a scope of its own except with `run`.
 */
export async function scopeSources<T extends Pick<Source, 'path'>>(sources: readonly T[], scope: InventoryScope, rendered: ReadonlySet<string>, cwd: string): Promise<T[][]> {
  if (scope === 'run') return [[...sources]];
  let dirs: string[] = [];
  if (typeof scope === 'object') {
    const fg = ((await import('fast-glob')) as unknown as { default: typeof FastGlob }).default;
    dirs = fg
      .sync(scope.globs.map((g) => g.replace(/\\/g, '/')), { cwd, absolute: true, onlyDirectories: true, ignore: ['**/node_modules/**', '**/.git/**'], suppressErrors: true })
      .map((d) => resolve(d))
      .sort((a, b) => b.length - a.length);
  }
  const groups = new Map<string, T[]>();
  for (const s of sources) {
    let key: string;
    if (rendered.has(s.path)) key = `rendered\u0000${s.path}`;
    else if (s.path === '<stdin>' || !statSync(s.path, { throwIfNoEntry: false })) key = '';
    else if (scope === 'directory') key = dirname(s.path);
    else if (scope === 'bundle') key = bundleOf(dirname(s.path));
    else key = dirs.find((d) => s.path.startsWith(d + sep)) ?? '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(s);
  }
  return [...groups.values()];
}
