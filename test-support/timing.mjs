// Linear-time checks without wall-clock bounds: the time of a hostile input is compared with the
// time of a benign input of the same size, measured in the same process, best of several runs.
import { performance } from 'node:perf_hooks';

/** The fastest of `runs` timings of `fn`, in milliseconds. */
export function bestTime(fn, runs = 5) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/**
 * How many times slower `hostile()` is than `benign()` (both run once first to warm up). Timings
 * below `floorMs` count as `floorMs`, so that timer noise on tiny inputs cannot make a ratio.
 */
export function slowdown(hostile, benign, { runs = 5, floorMs = 2 } = {}) {
  hostile();
  benign();
  const h = Math.max(bestTime(hostile, runs), floorMs);
  const b = Math.max(bestTime(benign, runs), floorMs);
  return { ratio: h / b, hostileMs: h, benignMs: b };
}
