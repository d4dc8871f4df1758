// Used by bench/memory.mjs (pnpm bench --memory): the peak memory a per-file pipeline could reach at
// best. It lints the files named in LIST (one path per line) with core's public lint(), one file
// at a time, each file's JSON result written to OUT and dropped before the next file is read, so
// that no text, value or result outlives its file (cross-resource rules see one file only: the
// report differs from a real run's; only the memory is measured). With --worker it runs in a
// worker thread sized and flagged as the bin's large-directory worker (24 MB young generation,
// --no-turbofan on Node 24 and later); without, on the main thread, with whatever V8 flags its
// process was given. Nothing here passes or fails.
// Usage: node [V8 flags] bench/per-file.mjs LIST OUT [--worker]
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

const here = fileURLToPath(import.meta.url);
const [list, out, where] = isMainThread ? process.argv.slice(2) : workerData;

if (isMainThread && where === '--worker') {
  if (Number(process.versions.node.split('.')[0]) >= 24) v8.setFlagsFromString('--no-turbofan');
  new Worker(here, { workerData: [list, out, ''], resourceLimits: { maxYoungGenerationSizeMb: 24 } });
} else {
  const { lint, formatParts } = await import(join(dirname(here), '../packages/core/dist/index.js'));
  const paths = readFileSync(list, 'utf8').split('\n').filter(Boolean);
  const fd = openSync(out, 'w');
  try {
    for (const path of paths) {
      const results = lint([{ path, text: readFileSync(path, 'utf8') }]);
      for (const part of formatParts(results, 'json', {})) writeSync(fd, part);
    }
  } finally {
    closeSync(fd);
  }
}
