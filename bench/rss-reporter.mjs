// Preloaded by bench/run.mjs (node --import): reports the process's peak RSS on exit to fd 3.
import { writeSync } from 'node:fs';
process.on('exit', () => {
  try {
    writeSync(3, `${JSON.stringify({ maxRSSkB: process.resourceUsage().maxRSS })}\n`);
  } catch {
    // fd 3 not open: not run by the benchmark
  }
});
