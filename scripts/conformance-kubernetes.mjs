#!/usr/bin/env node
// pnpm conformance:kubernetes — rebuilds the Go oracle (conformance/kubernetes, Kubernetes' own
// code), re-records its verdicts and compares satlint with them live (test-support/kubernetes/live.ts).
// Needs Go; the build is cached in Go's build cache (~/.cache/go-build), so only the first build
// is slow. `--record-only` is not offered: recording and comparing are one step, so a recorded
// verdict always comes with the comparison that used it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const harness = join(root, 'conformance/kubernetes');
const t0 = Date.now();
if (process.argv.includes('--classify')) {
  // Maintainers' tool: group the last run's disagreements into divergences.json (see test-support/kubernetes/classify.ts).
  const cls = join(root, 'test/.artifacts/kubernetes-classify.mjs');
  await build({ entryPoints: [join(root, 'test-support/kubernetes/classify.ts')], outfile: cls, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  execFileSync('node', [cls], { cwd: root, stdio: 'inherit' });
  process.exit(0);
}
const recordedOnly = process.argv.includes('--recorded');
if (!recordedOnly) {
  execFileSync('node', ['gen-replace.mjs', '--check'], { cwd: harness, stdio: 'inherit' });
  execFileSync('go', ['build', '-o', 'bin/oracle', './cmd/oracle'], { cwd: harness, stdio: 'inherit' });
  writeFileSync(join(harness, 'recorded/bootstrap-policy.json'), execFileSync(join(harness, 'bin/oracle'), ['bootstrap'], { maxBuffer: 1 << 26 }));
  console.log(`oracle built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
const out = join(root, 'test/.artifacts/kubernetes-live.mjs');
mkdirSync(dirname(out), { recursive: true });
await build({ entryPoints: [join(root, 'test-support/kubernetes/live.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
try {
  execFileSync('node', [out, ...(recordedOnly ? ['--recorded'] : [])], { cwd: root, stdio: 'inherit' });
} catch (err) {
  process.exit(err.status ?? 1);
}
