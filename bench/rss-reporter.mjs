// Preloaded by bench/run.mjs (node --import): reports the process's peak RSS on exit to fd 3. A
// worker thread (the bin's large-directory path; it inherits the preload) reports its own V8 heap
// and external memory as it exits, when its heap is at its largest: a run's heap only grows.
// worker_threads and v8 are loaded at exit only, so the preload adds nothing to a run's start.
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const report = (o) => {
  try {
    writeSync(3, `${JSON.stringify(o)}\n`);
  } catch {
    // fd 3 not open: not run by the benchmark
  }
};
process.on('exit', () => {
  if (require('node:worker_threads').isMainThread) return report({ maxRSSkB: process.resourceUsage().maxRSS });
  const m = process.memoryUsage();
  const space = (name) => require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === name)?.space_size ?? 0;
  report({ worker: { heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, newSpace: space('new_space'), largeObjects: space('large_object_space') } });
});
