import { statSync, lstatSync, readFileSync, existsSync, openSync, fstatSync, closeSync, constants, type BigIntStats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { resolve, dirname, join, relative, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { kustomizationPatchPaths } from '@satlint/core/adapter';
import type FastGlob from 'fast-glob';

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

/** What a non-regular file is, for messages. */
function kindOf(stat: BigIntStats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'neither a file nor a directory';
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

/** How a file's bytes encode its text; `--fix` writes it back the same way. */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/** Reads a file as text the way satlint lints it: UTF-8 (with or without BOM) or UTF-16 with a BOM; with the encoding and a hash of the bytes read. */
/**
 * Reads a manifest as text. `hash` (the SHA-256 of its bytes, which --fix compares before writing)
 * is computed only when asked for: hashing every file was a tenth of reading a large tree.
 */
export function readText(path: string): { text: string; encoding: Encoding } | { error: string; line?: number; column?: number };
export function readText(path: string, withHash: true): { text: string; encoding: Encoding; hash: string } | { error: string; line?: number; column?: number };
export function readText(path: string, withHash = false): { text: string; encoding: Encoding; hash?: string } | { error: string; line?: number; column?: number } {
  let buf: Buffer;
  let fd: number | undefined;
  try {
    // Opened without blocking and checked before reading: a path that became a FIFO (or a device)
    // after the file list was made must not hang the run.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd, { bigint: true });
    if (!stat.isFile()) return { error: `Not a regular file: it is ${kindOf(stat)}; satlint reads regular files` };
    buf = readFileSync(fd);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: code === 'EACCES' ? 'Permission denied (EACCES): cannot read file' : `Cannot read file (${code ?? (err as Error).message})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const d = decode(buf);
  return 'text' in d && withHash ? { ...d, hash: createHash('sha256').update(buf).digest('hex') } : d;
}

/** Decodes bytes; invalid UTF-8 is an error naming the line and column of the first bad byte. */
export function decode(buf: Uint8Array): { text: string; encoding: Encoding } | { error: string; line: number; column: number } {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  const nul = buf.indexOf(0);
  if (nul !== -1) {
    const { line, column } = positionOf(buf, nul);
    return { error: `Binary file (NUL byte at line ${line}, column ${column}): not a YAML or JSON manifest`, line, column };
  }
  // Node's own validator first (native); the byte-by-byte scan only to say where a bad byte is.
  const bad = isUtf8(buf) ? -1 : firstInvalidUtf8(buf);
  // The decoder drops a byte-order mark; the encoding remembers it so that --fix writes it back.
  if (bad === -1) return { text: new TextDecoder('utf-8').decode(buf), encoding: buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 'utf-8-bom' : 'utf-8' };
  const { line, column } = positionOf(buf, bad);
  return { error: `File is not valid UTF-8 (invalid byte 0x${buf[bad]!.toString(16).padStart(2, '0')} at line ${line}, column ${column}); satlint reads UTF-8, and UTF-16 with a byte-order mark`, line, column };
}

/** Offset of the first byte that does not begin or continue a valid UTF-8 sequence, or -1. Linear. */
function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (in characters, decoding the line's valid prefix) of a byte offset. */
function positionOf(buf: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (buf[i] === 0x0a || (buf[i] === 0x0d && buf[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(buf.subarray(lineStart, offset));
  return { line, column: prefix.length + 1 };
}

/** Where config discovery looked, and why it stopped. */
export interface ConfigSearch {
  /** The config file found, if any. */
  path?: string;
  /** Directories searched, nearest first. */
  searched: string[];
  /** Why the search stopped where it did. */
  stop: 'found' | 'repository root' | 'home directory' | 'no repository root or home directory above';
}

export const CONFIG_NAMES = ['satlint.config.yaml', 'satlint.config.yml', '.satlintrc.yaml', '.satlintrc.yml'];

/**
 * Finds satlint's config file from `start` upward, staying inside the project: the search stops at
 * the repository root (the first directory with a `.git`) or at the home directory, whichever comes
 * first, both included. When neither is above `start` (a checkout-less directory under /tmp, say),
 * only `start` itself is searched: a config in a shared ancestor directory is never picked up.
 */
export function searchConfig(start: string, home: string | undefined): ConfigSearch {
  const first = resolve(start);
  const homeDir = home ? resolve(home) : undefined;
  const chain: string[] = [];
  let stop: ConfigSearch['stop'] = 'no repository root or home directory above';
  for (let dir = first; ; ) {
    chain.push(dir);
    if (existsSync(join(dir, '.git'))) {
      stop = 'repository root';
      break;
    }
    if (homeDir !== undefined && dir === homeDir) {
      stop = 'home directory';
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const dirs = stop === 'no repository root or home directory above' ? [first] : chain;
  const searched: string[] = [];
  for (const dir of dirs) {
    searched.push(dir);
    for (const n of CONFIG_NAMES) {
      const p = join(dir, n);
      if (existsSync(p)) return { path: p, searched, stop: 'found' };
    }
  }
  return { searched, stop };
}

/** Walks up from `start` to find satlint's config file (see {@link searchConfig}). */
export function findConfig(start: string, home: string | undefined): string | undefined {
  return searchConfig(start, home).path;
}
