import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ContextRecord, LintResult, LintStats, SatlintConfig, Source } from '@satlint/core/internal';
import type { FromWorker, ToWorker, WorkerInit } from './worker.js';

declare const __SATLINT_BUNDLE__: boolean | undefined;

/**
 * Below this many bytes of input, `--concurrency auto` lints in the main thread: starting a worker
 * (a fresh V8 isolate that loads satlint and `yaml`) costs about as much as parsing this much YAML.
 * Measured in docs/performance.md.
 */
export const AUTO_MIN_BYTES_PER_WORKER = 1_500_000;

/**
 * How many worker threads a run uses: `auto` gives one per CPU, but only as many as the input has
 * files and AUTO_MIN_BYTES_PER_WORKER-sized shares; 1 (or fewer than 2 files) means no workers.
 */
export function workerCount(concurrency: number | 'auto', sources: readonly Source[], cpus = availableParallelism()): number {
  if (sources.length < 2) return 1;
  if (concurrency !== 'auto') return Math.min(concurrency, sources.length);
  const bytes = sources.reduce((n, s) => n + s.text.length, 0);
  return Math.max(1, Math.min(cpus, sources.length, Math.floor(bytes / AUTO_MIN_BYTES_PER_WORKER)));
}

/** Splits sources into `n` shares of similar size (largest file first, each to the lightest share). */
export function shares(sources: readonly Source[], n: number): number[][] {
  const out = Array.from({ length: n }, () => ({ bytes: 0, items: [] as number[] }));
  const order = sources.map((_, i) => i).sort((a, b) => sources[b]!.text.length - sources[a]!.text.length || a - b);
  for (const i of order) {
    let lightest = out[0]!;
    for (const s of out) if (s.bytes < lightest.bytes) lightest = s;
    lightest.items.push(i);
    lightest.bytes += sources[i]!.text.length;
  }
  return out.map((s) => s.items.sort((a, b) => a - b));
}

function workerUrl(): URL {
  // The single-file bundle (hook/satlint.mjs) is its own worker script.
  if (typeof __SATLINT_BUNDLE__ === 'boolean') return new URL(import.meta.url);
  const built = new URL('./worker-entry.js', import.meta.url);
  // Run from the TypeScript sources (tests), the compiled worker is in ../dist.
  return existsSync(fileURLToPath(built)) ? built : new URL('../dist/worker-entry.js', import.meta.url);
}

/** Options of {@link lintInWorkers}. */
export interface ParallelOptions {
  workers: number;
  config: SatlintConfig;
  namespace?: string;
  basePath: string;
  configPath?: string;
  pluginSpecs: string[];
  stats: LintStats;
  now?: Date;
}

/**
 * Lints sources with worker threads and returns what `lint()` returns for them, in the same order.
 * Each worker parses its share and sends back the values the inventory needs; each then lints its
 * own files with every other file as context, so cross-resource rules see the whole run.
 */
export async function lintInWorkers(sources: readonly Source[], options: ParallelOptions): Promise<LintResult[]> {
  const parts = shares(sources, options.workers).filter((p) => p.length > 0);
  const init: WorkerInit = {
    satlintWorker: true,
    config: options.config,
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    basePath: options.basePath,
    ...(options.configPath !== undefined ? { configPath: options.configPath } : {}),
    pluginSpecs: options.pluginSpecs,
    now: (options.now ?? new Date()).getTime(),
  };
  const url = workerUrl();
  const workers = parts.map(() => new Worker(url, { workerData: init }));
  const records: (ContextRecord | undefined)[] = new Array(sources.length);
  const results: (LintResult | undefined)[] = new Array(sources.length);
  let recordsIn = 0;
  let resultsIn = 0;
  try {
    await new Promise<void>((resolveAll, reject) => {
      workers.forEach((w, wi) => {
        w.on('error', reject);
        w.on('exit', (code) => {
          if (resultsIn < parts.length) reject(new Error(`a lint worker stopped (exit code ${code}) before it finished`));
        });
        w.on('message', (msg: FromWorker) => {
          if (msg.type === 'error') {
            const err = new Error(msg.message);
            if (msg.stack) err.stack = msg.stack;
            reject(err);
          } else if (msg.type === 'records') {
            for (const r of msg.records) records[r.index] = r.record;
            if (++recordsIn === parts.length) {
              workers.forEach((other, oi) => {
                const mine = new Set(parts[oi]);
                const context: { index: number; record: ContextRecord }[] = [];
                records.forEach((record, index) => {
                  if (record && !mine.has(index)) context.push({ index, record });
                });
                other.postMessage({ type: 'lint', records: context } satisfies ToWorker);
              });
              records.length = 0;
            }
          } else {
            for (const r of msg.results) results[r.index] = r.result;
            options.stats.files += msg.stats.files;
            options.stats.documents += msg.stats.documents;
            options.stats.objects += msg.stats.objects;
            if (++resultsIn === parts.length) resolveAll();
          }
        });
        w.postMessage({ type: 'parse', sources: parts[wi]!.map((index) => ({ index, path: sources[index]!.path, text: sources[index]!.text })) } satisfies ToWorker);
      });
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.map((r, i) => {
    if (!r) throw new Error(`no lint result for ${sources[i]!.path}`);
    return r;
  });
}
