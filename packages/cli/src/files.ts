import { statSync, lstatSync, readFileSync, existsSync } from 'node:fs';
import { resolve, dirname, join, relative, sep } from 'node:path';
import { kustomizationPatchPaths } from '@satlint/core/adapter';
import type FastGlob from 'fast-glob';
import { kindOf } from './read-text.js';

const EXTENSIONS = '**/*.{yaml,yml,json}';
const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** The files a run lints, notes for the user (skipped charts), and paths that matched nothing. */
export interface FileSet {
  files: string[];
  notes: string[];
  /** One message per given path that matched no file (the run still lints the others, then exits 2). */
  unmatched: string[];
  /** Helm charts the paths reach (directories with a Chart.yaml, or charts a given file belongs to). */
  charts: string[];
  /**
   * Kustomize patch files (named by a kustomization under `patches`, `patchesStrategicMerge` or
   * `patchesJson6902`), whether found by a walk, named or matched by a glob: fragments of objects,
   * linted as patches (see main.ts), never as whole objects. Not in `files`.
   */
  patches: string[];
}

let fastGlob: typeof FastGlob | undefined;
/** fast-glob is loaded only when a directory or a glob needs expanding: a run on named files starts faster. */
async function fg(): Promise<typeof FastGlob> {
  fastGlob ??= ((await import('fast-glob')) as unknown as { default: typeof FastGlob }).default;
  return fastGlob;
}

/** Expands paths (files, directories, globs) into absolute file paths. */
export async function collectFiles(paths: readonly string[], cwd: string): Promise<FileSet> {
  const out = new Set<string>();
  const notes: string[] = [];
  const unmatched: string[] = [];
  const chartSet = new Set<string>();
  // Patch file → the directory of the kustomization that names it (relative to cwd).
  const patches = new Map<string, string>();
  const kustomizations = new Map<string, string[] | undefined>();
  const addFile = (f: string) => {
    const k = patchOf(f, kustomizations);
    if (k === undefined) out.add(f);
    else patches.set(f, relative(cwd, k) || '.');
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let stat;
    try {
      // BigInt stats: on Node 20 a number stat of a FIFO or socket corrupts the state the module
      // loader's next symlink resolution reads, and the lazy import of fast-glob then failed with
      // "Cannot find module 'glob-parent'" (issue 17).
      stat = statSync(abs, { bigint: true });
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      const chart = chartOf(abs);
      if (chart) chartSet.add(chart);
      else addFile(abs);
      continue;
    }
    if (stat?.isDirectory()) {
      const found = (await fg()).sync(EXTENSIONS, { cwd: abs, absolute: true, ignore: IGNORE, dot: false, followSymbolicLinks: false, suppressErrors: true, onlyFiles: true });
      const charts = found.filter((f) => /(^|[\\/])Chart\.ya?ml$/.test(f)).map((f) => dirname(f));
      for (const f of found) {
        if (charts.some((c) => isChartFile(c, f))) continue;
        addFile(f);
      }
      for (const c of charts) chartSet.add(c);
      if (found.length === 0) unmatched.push(`No manifests (*.yaml, *.yml, *.json) in directory "${p}"`);
      continue;
    }
    if ((await fg()).isDynamicPattern(p)) {
      const found = (await fg()).sync(p.replace(/\\/g, '/'), { cwd, absolute: true, ignore: IGNORE, dot: false, followSymbolicLinks: false, suppressErrors: true, onlyFiles: true });
      if (found.length === 0) {
        unmatched.push(`No files matching the pattern "${p}" were found`);
        continue;
      }
      for (const f of found) addFile(resolve(f));
      continue;
    }
    if (stat) {
      // A FIFO, socket or device: reading it could block forever or never end.
      unmatched.push(`Not a regular file: ${p} is ${kindOf(stat)}; satlint reads regular files, directories and globs ("-" reads standard input)`);
      continue;
    }
    let link = false;
    try {
      link = lstatSync(abs, { bigint: true }).isSymbolicLink();
    } catch {
      // not there at all
    }
    unmatched.push(link ? `Broken symbolic link (its target does not exist): ${p}` : `No such file or directory: ${p}`);
  }
  // Patch files are fragments of objects, not objects: linting one whole reports fields it does not
  // set. Say what they get instead, and how to lint what the kustomization builds.
  const byKustomization = new Map<string, number>();
  for (const dir of patches.values()) byKustomization.set(dir, (byKustomization.get(dir) ?? 0) + 1);
  for (const [dir, n] of [...byKustomization].sort((a, b) => a[0].localeCompare(b[0]))) {
    notes.push(`${n} Kustomize patch file${n === 1 ? '' : 's'} of ${dir} checked as ${n === 1 ? 'a patch' : 'patches'} (YAML syntax and duplicate keys; the object rules need the built objects): pass --kustomize ${dir} to lint what it builds`);
  }
  return { files: [...out].sort(), notes, unmatched, charts: [...chartSet].sort(), patches: [...patches.keys()].sort() };
}

/**
 * The directory of the kustomization that names `file` as a patch, or undefined. Kustomize loads
 * files only from under a kustomization's own directory (its default load restrictions), so the
 * kustomizations to read are those of the file's directory and its ancestors; each is read once.
 */
export function patchOf(file: string, cache: Map<string, string[] | undefined> = new Map()): string | undefined {
  let dir = dirname(file);
  for (let i = 0; i < 64; i++) {
    if (!cache.has(dir)) cache.set(dir, patchFilesOf(dir));
    if (cache.get(dir)?.includes(file)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/**
 * Whether `file` is one of chart `chart`'s own files, which are not manifests: its templates (not
 * YAML until rendered), its subcharts, Chart.yaml, values files and ci/ values sets. Other files in
 * a chart's directory (crds/, or a repository whose root holds a Chart.yaml) are plain manifests.
 */
export function isChartFile(chart: string, file: string): boolean {
  if (!file.startsWith(chart + sep)) return false;
  const rel = file.slice(chart.length + 1).split(sep);
  const top = rel[0]!;
  if (rel.length > 1) return top === 'templates' || top === 'charts' || top === 'ci';
  return /^(Chart\.ya?ml|Chart\.lock|values.*\.(ya?ml|json)|values\.schema\.json)$/.test(top);
}

/** The chart directory a file belongs to, when it is one of the chart's own files (a template, values, Chart.yaml). */
function chartOf(file: string): string | undefined {
  let dir = dirname(file);
  for (let i = 0; i < 64; i++) {
    if (existsSync(join(dir, 'Chart.yaml'))) return isChartFile(dir, file) ? dir : undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** The patch files the kustomization in `dir` names (patches[].path, patchesStrategicMerge, patchesJson6902[].path), absolute; undefined without one. */
function patchFilesOf(dir: string): string[] | undefined {
  const k = ['kustomization.yaml', 'kustomization.yml'].map((n) => join(dir, n)).find((f) => existsSync(f));
  if (!k) return undefined;
  let text: string;
  try {
    text = readFileSync(k, 'utf8');
  } catch {
    return undefined;
  }
  const paths = kustomizationPatchPaths(text);
  return paths.map((p) => resolve(dir, p));
}
