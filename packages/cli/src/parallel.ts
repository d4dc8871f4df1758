import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ContextRecord, LintResult, LintStats, SatlintConfig, Source } from '@satlint/core/internal';
import type { FromWorker, ToWorker, WorkerInit } from './worker.js';

declare const __SATLINT_BUNDLE__: boolean | undefined;

/** Bytes of YAML handed to a worker at a time: small enough to balance, large enough that messages cost little. */
const CHUNK_BYTES = 256 * 1024;

/**
 * The work queue: files largest first, grouped into chunks of about CHUNK_BYTES. Workers take the
 * next chunk when they finish one, so a worker that drew slow files (the scanner's fallbacks) does
 * not hold up the others.
 */
export function chunks(sources: readonly Source[]): number[][] {
  const order = sources.map((_, i) => i).sort((a, b) => sources[b]!.text.length - sources[a]!.text.length || a - b);
  const out: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const i of order) {
    current.push(i);
    bytes += sources[i]!.text.length;
    if (bytes >= CHUNK_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

function workerUrl(): URL {
  // The single-file bundle (hook/satlint-cli.cjs) is its own worker script.
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
  const queue = chunks(sources);
  const count = Math.min(options.workers, queue.length);
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
  const workers = Array.from({ length: count }, () => new Worker(url, { workerData: init }));
  const owner = new Array<number>(sources.length).fill(-1);
  const records: (ContextRecord | undefined)[] = new Array(sources.length);
  const results: (LintResult | undefined)[] = new Array(sources.length);
  let next = 0;
  let parsing = 0;
  let resultsIn = 0;
  const give = (wi: number): boolean => {
    const chunk = queue[next];
    if (!chunk) return false;
    next++;
    parsing++;
    for (const i of chunk) owner[i] = wi;
    workers[wi]!.postMessage({ type: 'parse', sources: chunk.map((index) => ({ index, path: sources[index]!.path, text: sources[index]!.text })) } satisfies ToWorker);
    return true;
  };
  try {
    await new Promise<void>((resolveAll, reject) => {
      workers.forEach((w, wi) => {
        w.on('error', reject);
        w.on('exit', (code) => {
          if (resultsIn < count) reject(new Error(`a lint worker stopped (exit code ${code}) before it finished`));
        });
        w.on('message', (msg: FromWorker) => {
          if (msg.type === 'error') {
            const err = new Error(msg.message);
            if (msg.stack) err.stack = msg.stack;
            reject(err);
          } else if (msg.type === 'records') {
            for (const r of msg.records) records[r.index] = r.record;
            parsing--;
            if (give(wi) || parsing > 0) return;
            // Every file is parsed: each worker lints its own files with all the others as context.
            workers.forEach((other, oi) => {
              const context: { index: number; record: ContextRecord }[] = [];
              records.forEach((record, index) => {
                if (record && owner[index] !== oi) context.push({ index, record });
              });
              other.postMessage({ type: 'lint', records: context } satisfies ToWorker);
            });
            records.length = 0;
          } else {
            for (const r of msg.results) results[r.index] = r.result;
            options.stats.files += msg.stats.files;
            options.stats.documents += msg.stats.documents;
            options.stats.objects += msg.stats.objects;
            const through = msg.stats.answerValidThrough;
            if (through !== undefined && (options.stats.answerValidThrough === undefined || through < options.stats.answerValidThrough)) options.stats.answerValidThrough = through;
            const after = msg.stats.answerValidAfter;
            if (after !== undefined && (options.stats.answerValidAfter === undefined || after > options.stats.answerValidAfter)) options.stats.answerValidAfter = after;
            if (++resultsIn === count) resolveAll();
          }
        });
      });
      for (let wi = 0; wi < count; wi++) give(wi);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.map((r, i) => {
    if (!r) throw new Error(`no lint result for ${sources[i]!.path}`);
    return r;
  });
}
