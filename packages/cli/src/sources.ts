import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { LintResult, Source } from '@satlint/core';
import { fatalResult } from '@satlint/core/adapter';
import type { Rendering } from './render.js';
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';
import { UsageError } from './errors.js';
import { collectFiles, patchOf } from './files.js';
import { decode, readText } from './read-text.js';
import type { FixLocks, ReadFile } from './fix-write.js';

/** What a run lints, read from the paths, standard input and rendered charts and kustomizations. */
export interface Sources {
  /** Files, standard input and rendered output, linted together. */
  sources: Source[];
  /**
   * Files linted with `sources`, after them, read only as the run gets to each (a streamed run:
   * lint-run.ts); undefined when every file was read into `sources`.
   */
  lazyFiles?: string[];
  /** Kustomize patch files, linted as patches (their text rules only) and never fixed. */
  patchSources: Source[];
  /** A fatal result per file that could not be read or decoded. */
  unreadable: LintResult[];
  renderings: Rendering[];
  /** Under --fix: what was read of each file (hash, encoding), to write the fix against. */
  read: Map<string, ReadFile>;
  /** One message per given path that matched nothing (exit 2 once the others are linted). */
  unmatched: string[];
  usesStdin: boolean;
}

/** The name standard input is reported under. */
export function stdinName(opts: CliOptions, cwd: string): string {
  return opts.stdinFilename !== undefined ? resolve(cwd, opts.stdinFilename) : '<stdin>';
}

/**
 * Expands the paths, renders the charts and kustomizations asked for (helm/kustomize run only
 * then, with argument arrays), reads standard input and every file (with `lazy`, the files are
 * left for the streamed run to read one at a time: `lazyFiles`). Under --fix, every file is
 * locked before it is read (`locks`), so a concurrent --fix waits and then reads what this one wrote.
 */
export async function gatherSources(opts: CliOptions, io: CliIo, locks: FixLocks, lazy = false): Promise<Sources> {
  const usesStdin = opts.paths.includes('-');
  const { files, notes, unmatched, charts, patches } = await collectFiles(
    opts.paths.filter((p) => p !== '-'),
    io.cwd,
  );
  for (const n of notes) io.stderr(`satlint: ${n}\n`);
  const chartDirs = [...opts.helm];
  if (opts.renderCharts) chartDirs.push(...charts.filter((c) => !chartDirs.some((h) => resolve(io.cwd, h) === c)));
  else for (const c of charts) io.stderr(`satlint: skipped Helm chart ${c}: templates are not YAML until rendered; pass --render-charts (or --helm ${c}) to lint the rendered chart\n`);
  // A path that matched nothing is exit 2, but the files the other paths matched are still linted.
  if (unmatched.length > 0 && files.length === 0 && patches.length === 0 && !usesStdin && chartDirs.length === 0 && opts.kustomize.length === 0) throw new UsageError(unmatched.join('\nsatlint: '));
  const out: Sources = { sources: [], patchSources: [], unreadable: [], renderings: await render(opts, chartDirs, io.cwd), read: new Map(), unmatched, usesStdin };
  if (opts.fix) {
    const timeout = Number(io.env['SATLINT_FIX_LOCK_TIMEOUT_MS'] ?? 600_000);
    const problem = locks.acquire(files, Number.isFinite(timeout) && timeout >= 0 ? timeout : 600_000);
    if (problem) {
      locks.release();
      throw new UsageError(problem);
    }
  }
  if (usesStdin) await readStdin(opts, io, out);
  for (const r of out.renderings) out.sources.push({ path: r.label, text: r.text });
  if (lazy && streamsFiles(files, io.env['SATLINT_STREAM'])) out.lazyFiles = files;
  else for (const f of files) {
    const r = readText(f, opts.fix as true);
    if (!('text' in r)) out.unreadable.push(fatalResult(f, r.error, r.line, r.column));
    else {
      out.sources.push({ path: f, text: r.text });
      // Under --fix the hash of the bytes read: the fix is written only over exactly those.
      if (opts.fix) out.read.set(f, { path: f, hash: r.hash, encoding: r.encoding });
    }
  }
  for (const f of patches) {
    const r = readText(f);
    if ('text' in r) out.patchSources.push({ path: f, text: r.text });
    else out.unreadable.push(fatalResult(f, r.error, r.line, r.column));
  }
  return out;
}

/**
 * Whether a run reads its files one at a time (a streamed run: lint-run.ts) rather than all first:
 * when they hold STREAM_MIN_BYTES or more (sizes counted until then), or as SATLINT_STREAM says
 * (`always`, `never`). Streaming bounds a run's memory by what rules read across files instead of
 * every text (244 MB of ConfigMaps: ~255 MB peak instead of ~845). Below the bound the texts are a
 * small part of the peak, which V8's heap growth between collections sets (the corpus, 30 MB: 0.84x
 * the peak at 1.04x the CPU, and a file no-conflicting-definitions compares is read twice), so
 * those runs read everything first (docs/performance.md).
 */
export function streamsFiles(files: readonly string[], choice: string | undefined): boolean {
  if (choice === 'always') return true;
  if (choice === 'never') return false;
  let bytes = 0;
  for (const f of files) {
    bytes += statSync(f, { throwIfNoEntry: false })?.size ?? 0;
    if (bytes >= STREAM_MIN_BYTES) return true;
  }
  return false;
}

/** The manifests a run streams from: its texts would be a few hundred MB of memory. */
export const STREAM_MIN_BYTES = 64 * 1024 * 1024;

async function render(opts: CliOptions, chartDirs: readonly string[], cwd: string): Promise<Rendering[]> {
  if (chartDirs.length === 0 && opts.kustomize.length === 0) return [];
  const { renderHelm, renderKustomize, valuesSets } = await import('./render.js');
  const out: Rendering[] = [];
  for (const chart of chartDirs) {
    const sets = opts.helmValuesSets !== undefined ? valuesSets(chart, opts.helmValuesSets, cwd) : [undefined];
    if (sets.length === 0) throw new UsageError(`--helm-values-sets: no *-values.yaml in ${chart}/${opts.helmValuesSets}`);
    for (const set of sets) out.push(renderHelm(chart, { values: set ? [...opts.values, set] : opts.values, set: opts.set, releaseName: opts.releaseName, namespace: opts.namespace }, cwd));
  }
  for (const dir of opts.kustomize) out.push(renderKustomize(dir, opts.kustomizeBin, cwd));
  return out;
}

async function readStdin(opts: CliOptions, io: CliIo, out: Sources): Promise<void> {
  const decoded = decode(await io.readStdin());
  const name = stdinName(opts, io.cwd);
  // An editor sending a patch file's buffer with its name gets it linted as the file would be.
  const patchDir = opts.stdinFilename !== undefined ? patchOf(name) : undefined;
  if (!('text' in decoded)) out.unreadable.push(fatalResult(name, decoded.error, decoded.line, decoded.column));
  else if (patchDir !== undefined) {
    const dir = relative(io.cwd, patchDir) || '.';
    io.stderr(`satlint: 1 Kustomize patch file of ${dir} checked as a patch (YAML syntax and duplicate keys; the object rules need the built objects): pass --kustomize ${dir} to lint what it builds\n`);
    out.patchSources.push({ path: name, text: decoded.text });
  } else out.sources.push({ path: name, text: decoded.text });
}
