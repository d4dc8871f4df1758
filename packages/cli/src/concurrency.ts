import { availableParallelism } from 'node:os';
import type { Source } from '@satlint/core/internal';

// How many worker threads a run uses. Kept apart from parallel.ts so that a run which stays in
// the main thread never loads the worker code.

/**
 * `--concurrency auto` starts a worker per this many documents (at most one per CPU). Measured on
 * a 2-CPU machine (docs/performance.md): since the scanner made parsing cheap, starting workers,
 * cloning the inventory to each and building it twice costs more than it saves below about 50,000
 * documents (40,000: 4.5 s on one thread, 4.7 s on two; 100,000: 11.3 s against 9.3 s).
 */
export const AUTO_MIN_DOCUMENTS_PER_WORKER = 50_000;

/** Documents in the sources, estimated by counting `---` lines (no parsing). */
export function estimateDocuments(sources: readonly Source[]): number {
  let n = 0;
  for (const s of sources) {
    n++;
    for (let at = s.text.indexOf('\n---'); at !== -1; at = s.text.indexOf('\n---', at + 4)) n++;
  }
  return n;
}

/**
 * How many worker threads a run uses: `auto` gives one per AUTO_MIN_DOCUMENTS_PER_WORKER documents,
 * at most one per CPU and one per file; 1 (or fewer than 2 files) means none.
 */
export function workerCount(concurrency: number | 'auto', sources: readonly Source[], cpus = availableParallelism()): number {
  if (sources.length < 2) return 1;
  if (concurrency !== 'auto') return Math.min(concurrency, sources.length);
  return Math.max(1, Math.min(cpus, sources.length, Math.floor(estimateDocuments(sources) / AUTO_MIN_DOCUMENTS_PER_WORKER)));
}
