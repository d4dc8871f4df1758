import { parentPort, workerData } from 'node:worker_threads';
import { contextFile, contextRecord, lintParsed, parseManifests, type ContextRecord, type LintResult, type LintStats, type ParsedFile, type SatlintConfig } from '@satlint/core/internal';

/** What a lint worker is started with (plain data: it crosses the thread boundary). */
export interface WorkerInit {
  satlintWorker: true;
  config: SatlintConfig;
  namespace?: string;
  basePath: string;
  /** The config file and the plugin modules it names: each worker loads the plugin rules itself. */
  configPath?: string;
  pluginSpecs: string[];
  /** Milliseconds since the epoch: every worker compares expiring suppressions with the same date. */
  now: number;
}

/** Main thread to worker: parse these files (as often as there is work), then lint what you parsed with every other file as context. */
export type ToWorker = { type: 'parse'; sources: { index: number; path: string; text: string }[] } | { type: 'lint'; records: { index: number; record: ContextRecord }[] };

/** Worker to main thread. */
export type FromWorker =
  | { type: 'records'; records: { index: number; record: ContextRecord }[] }
  | { type: 'results'; results: { index: number; result: LintResult }[]; stats: LintStats }
  | { type: 'error'; message: string; stack?: string };

/**
 * A lint worker: parses its share of the sources, sends back what the inventory needs (values
 * only), and, once it has every other share's values, lints its own files as part of the whole run.
 */
export function runWorker(): void {
  const init = workerData as WorkerInit;
  const port = parentPort!;
  const own: { index: number; file: ParsedFile }[] = [];
  const plugins = init.configPath && init.pluginSpecs.length > 0 ? import('./plugins.js').then((m) => m.loadPlugins(init.pluginSpecs, init.configPath!, { pluginDirs: 'any' })) : Promise.resolve([]);
  const fail = (err: unknown) => port.postMessage({ type: 'error', message: (err as Error).message ?? String(err), stack: (err as Error).stack } satisfies FromWorker);
  plugins.catch(() => undefined);
  port.on('message', (msg: ToWorker) => {
    try {
      if (msg.type === 'parse') {
        const parsed = msg.sources.map((s) => ({ index: s.index, file: parseManifests(s.text, s.path) }));
        own.push(...parsed);
        port.postMessage({ type: 'records', records: parsed.map((o) => ({ index: o.index, record: contextRecord(o.file) })) } satisfies FromWorker);
        return;
      }
      own.sort((a, b) => a.index - b.index);
      plugins.then((pluginRules) => {
        // Every file of the run, in the run's order: the inventory is then exactly a single-threaded run's.
        const entries = [...own.map((o) => ({ index: o.index, file: o.file })), ...msg.records.map((r) => ({ index: r.index, file: contextFile(r.record) }))].sort((a, b) => a.index - b.index);
        const stats: LintStats = { files: 0, documents: 0, objects: 0 };
        const results = lintParsed(
          entries.map((e) => e.file),
          new Set(own.map((o) => o.file)),
          { config: init.config, ...(init.namespace !== undefined ? { namespace: init.namespace } : {}), basePath: init.basePath, plugins: pluginRules, stats, now: new Date(init.now) },
        );
        port.postMessage({ type: 'results', results: results.map((result, i) => ({ index: own[i]!.index, result })), stats } satisfies FromWorker);
      }, fail);
    } catch (err) {
      fail(err);
    }
  });
}
