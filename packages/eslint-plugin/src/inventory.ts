import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import fg from 'fast-glob';
import { parseManifests, type ParsedFile } from '@satlint/core';
import { kustomizationPatchPaths } from '@satlint/core/adapter';

interface Entry {
  mtimeMs: number;
  size: number;
  parsed: ParsedFile;
}

const parsedFiles = new Map<string, Entry>();
const globResults = new Map<string, { at: number; files: string[] }>();
/** A glob is re-expanded at most this often: an ESLint run (or an editor session) reuses the list. */
const GLOB_TTL_MS = 2000;

const patchesOfDir = new Map<string, { at: number; patches: string[] }>();

/**
 * Whether `file` is a Kustomize patch file: named by the kustomization of its directory or of an
 * ancestor (Kustomize loads files only from under a kustomization's own directory), as the CLI
 * recognises one. Kustomizations are re-read at most every {@link GLOB_TTL_MS} in a long-lived
 * editor process.
 */
export function isKustomizePatch(file: string): boolean {
  const now = Date.now();
  let dir = dirname(file);
  for (let i = 0; i < 64; i++) {
    let hit = patchesOfDir.get(dir);
    if (!hit || now - hit.at > GLOB_TTL_MS) {
      let patches: string[] = [];
      for (const name of ['kustomization.yaml', 'kustomization.yml']) {
        try {
          patches = kustomizationPatchPaths(readFileSync(join(dir, name), 'utf8')).map((p) => resolve(dir, p));
          break;
        } catch {
          // no kustomization of that name here
        }
      }
      patchesOfDir.set(dir, (hit = { at: now, patches }));
    }
    if (hit.patches.includes(file)) return true;
    const parent = dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
  return false;
}

/**
 * The manifests `globs` (relative to `cwd`) name, parsed. Files are read and parsed once and reused
 * for every linted file, in one ESLint run and across runs in an editor's long-lived process, until
 * their size or modification time changes.
 */
export function loadInventory(globs: readonly string[], cwd: string): ParsedFile[] {
  if (globs.length === 0) return [];
  const key = `${cwd}\u0000${globs.join('\u0000')}`;
  let listed = globResults.get(key);
  const now = Date.now();
  if (!listed || now - listed.at > GLOB_TTL_MS) {
    const files = fg.sync([...globs], { cwd, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false, ignore: ['**/node_modules/**'] });
    listed = { at: now, files: files.sort() };
    globResults.set(key, listed);
  }
  const out: ParsedFile[] = [];
  for (const file of listed.files) {
    const path = resolve(file);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    let entry = parsedFiles.get(path);
    if (!entry || entry.mtimeMs !== st.mtimeMs || entry.size !== st.size) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
      entry = { mtimeMs: st.mtimeMs, size: st.size, parsed: parseManifests(text, path) };
      parsedFiles.set(path, entry);
    }
    out.push(entry.parsed);
  }
  return out;
}
