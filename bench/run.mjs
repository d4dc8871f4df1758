#!/usr/bin/env node
// satlint's benchmark (pnpm bench): parse and lint throughput on the shared corpus, end-to-end CLI
// wall time, documents per second and peak RSS on the corpus and on synthetic repositories of 1k,
// 10k and 100k documents, and single-file latency (median of --runs process runs, default 20).
// Prints a table and writes bench/results/<label>.json. Not a test: nothing here passes or fails.
// A cluster export of --export-pods Pods (default 10,000) with their owners, as kubectl's -o yaml
// List and -o json, is timed the same way, and its MB/s compared with the plain synthetic run of
// 10,000 documents in the same process (0 skips it).
// Generated install bundles of --bundles MB sizes (none by default) are run read first and streamed
// (SATLINT_STREAM), with the growth exponent of peak memory in each mode.
// Usage: node bench/run.mjs [--label NAME] [--sizes 1000,10000,100000] [--skip-corpus] [--export-pods N] [--bundles 25,50,100,200] [--single-file-only] [--runs N] [--nodes 22,24,26]
//        node bench/run.mjs --profile …   the stage profile of whole runs (bench/profile.mjs)
//        node bench/run.mjs --peers …     kube-linter beside satlint on the same files (bench/peers.mjs)
//        node bench/run.mjs --memory …    what a corpus run's peak RSS is made of (bench/memory.mjs)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { lint, parseManifests } from '@satlint/core';
import { generateBundles, generateExport, generateRepo } from './generate.mjs';
import { memoryMain, reported } from './memory.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (args.includes('--profile')) {
  (await import('./profile.mjs')).profileMain(args);
  process.exit(0);
}
if (args.includes('--memory')) {
  memoryMain(args);
  process.exit(0);
}
if (args.includes('--peers')) {
  await (await import('./peers.mjs')).peersMain(args);
  process.exit(0);
}
// What users run: the bundled bin (packages/cli/bin/satlint.cjs) once built, else the unbundled dev entry.
const bin = existsSync(join(root, 'packages/cli/bin/satlint-cli.cjs')) ? join(root, 'packages/cli/bin/satlint.cjs') : join(root, 'packages/cli/bin/satlint.js');
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const label = opt('--label', new Date().toISOString().slice(0, 10));
const sizes = args.includes('--single-file-only') ? [] : opt('--sizes', '1000,10000,100000').split(',').map(Number);
const extraArgs = (opt('--cli-args', '') || '').split(' ').filter(Boolean);
const exportPods = args.includes('--single-file-only') ? 0 : Number(opt('--export-pods', '10000'));
// --bundles 25,50,100,200: generated install bundles of those many MB, each read first and streamed
// (SATLINT_STREAM=never / always; medians of three runs), with the growth of peak memory in each mode.
const bundleSizes = opt('--bundles', '').split(',').filter(Boolean).map(Number);

function cli(argv, cwd = root, env = {}) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', join(root, 'bench/rss-reporter.mjs'), bin, ...argv], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  const ms = performance.now() - t;
  const rss = reported(r.output[3]).maxRSSkB ?? 0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`satlint ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, rssMB: rss / 1024 };
}

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(p);
  }
  return out;
}

const results = { label, date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, runs: [] };

const corpus = join(root, '../shared/corpus');
if (!args.includes('--skip-corpus') && !args.includes('--single-file-only') && existsSync(corpus)) {
  const files = walk(corpus).filter((f) => !f.includes('/_helm/'));
  const sources = files.map((f) => ({ path: f, text: readFileSync(f, 'utf8') }));
  const bytes = sources.reduce((n, s) => n + Buffer.byteLength(s.text), 0);
  let documents = 0;
  let t = performance.now();
  for (const s of sources) documents += parseManifests(s.text, s.path).documents.length;
  const parseMs = performance.now() - t;
  t = performance.now();
  lint(sources);
  const lintMs = performance.now() - t;
  const e2e = cli(['-f', 'json', '-o', join(tmpdir(), 'satlint-bench.json'), ...extraArgs, corpus]);
  const run = { input: 'corpus', files: files.length, documents, MB: bytes / 1e6, parseMBs: bytes / 1e6 / (parseMs / 1000), lintMBs: bytes / 1e6 / (lintMs / 1000), cliSeconds: e2e.ms / 1000, cliMBs: bytes / 1e6 / (e2e.ms / 1000), docsPerSecond: documents / (e2e.ms / 1000), peakRssMB: e2e.rssMB };
  results.runs.push(run);
}

for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `satlint-bench-${n}-`));
  const repo = generateRepo(dir, n);
  const e2e = cli(['-f', 'json', '-o', join(tmpdir(), 'satlint-bench.json'), ...extraArgs, dir]);
  results.runs.push({ input: `synthetic ${n}`, files: repo.files, documents: repo.documents, MB: repo.bytes / 1e6, cliSeconds: e2e.ms / 1000, cliMBs: repo.bytes / 1e6 / (e2e.ms / 1000), docsPerSecond: repo.documents / (e2e.ms / 1000), peakRssMB: e2e.rssMB });
  rmSync(dir, { recursive: true, force: true });
}

// Cluster exports: the same MB/s as plain manifests is the target (ratio in the same run).
for (const mb of bundleSizes) {
  const dir = mkdtempSync(join(tmpdir(), `satlint-bench-bundles-`));
  const made = generateBundles(dir, mb);
  for (const stream of ['never', 'always']) {
    cli(['-f', 'json', '-o', join(tmpdir(), 'satlint-bench.json'), dir], root, { SATLINT_STREAM: stream }); // warm-up: code cache
    // Medians of three runs: one run's peak memory varies by a third with when V8 collects.
    const runs = [0, 1, 2].map(() => cli(['-f', 'json', '-o', join(tmpdir(), 'satlint-bench.json'), ...extraArgs, dir], root, { SATLINT_STREAM: stream }));
    const mid = (f) => runs.map(f).sort((a, b) => a - b)[1];
    const e2e = { ms: mid((r) => r.ms), rssMB: mid((r) => r.rssMB) };
    results.runs.push({ input: `bundles ${mb} MB (${stream === 'always' ? 'streamed' : 'read first'})`, files: made.files, documents: made.documents, MB: made.bytes / 1e6, cliSeconds: e2e.ms / 1000, cliMBs: made.bytes / 1e6 / (e2e.ms / 1000), docsPerSecond: made.documents / (e2e.ms / 1000), peakRssMB: e2e.rssMB });
  }
  rmSync(dir, { recursive: true, force: true });
}
if (bundleSizes.length > 1) {
  results.bundleMemoryExponent = {};
  for (const mode of ['read first', 'streamed']) {
    const rs = results.runs.filter((r) => r.input.startsWith('bundles ') && r.input.endsWith(`(${mode})`));
    results.bundleMemoryExponent[mode] = Math.log(rs.at(-1).peakRssMB / rs[0].peakRssMB) / Math.log(rs.at(-1).MB / rs[0].MB);
  }
}

if (exportPods > 0) {
  for (const json of [false, true]) {
    const dir = mkdtempSync(join(tmpdir(), `satlint-bench-export-`));
    const ex = generateExport(dir, exportPods, { json });
    const e2e = cli(['-f', 'json', '-o', join(tmpdir(), 'satlint-bench.json'), ...extraArgs, dir]);
    results.runs.push({ input: `export ${ex.pods} pods (${json ? '-o json' : '-o yaml'})`, files: ex.files, documents: ex.documents, objects: ex.objects, MB: ex.bytes / 1e6, cliSeconds: e2e.ms / 1000, cliMBs: ex.bytes / 1e6 / (e2e.ms / 1000), docsPerSecond: ex.objects / (e2e.ms / 1000), peakRssMB: e2e.rssMB });
    rmSync(dir, { recursive: true, force: true });
  }
}

// Scaling exponents: slopes of log(time) and of log(peak RSS) against log(documents) over the
// synthetic runs, and the memory slope between each size and the next (at 1k documents Node's and
// the worker's floor is most of the peak, so the slope from 10k up says more about growth).
const slope = (xs, ys) => {
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  return xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
};
const syn = results.runs.filter((r) => r.input.startsWith('synthetic'));
if (syn.length >= 2) {
  const xs = syn.map((r) => Math.log(r.documents));
  results.scalingExponent = slope(xs, syn.map((r) => Math.log(r.cliSeconds)));
  results.memoryExponent = slope(xs, syn.map((r) => Math.log(r.peakRssMB)));
  results.memoryExponentSteps = syn.slice(1).map((r, i) => ({ from: syn[i].documents, to: r.documents, exponent: Math.log(r.peakRssMB / syn[i].peakRssMB) / Math.log(r.documents / syn[i].documents) }));
}

// Single-file latency: process start to exit, median of --runs (20), the commands interleaved so that
// machine load falls on all of them alike. Each bin runs from a copy of what users get, so its V8
// code cache (written beside the bundle by the first run, which is not counted; one cache per Node
// version) is this run's own: the npm bin from the @satlint/cli tarball (pnpm pack, extracted as npm
// would), the hook from hook/ (what pre-commit and the GitHub Action install). Every supported Node
// (.ci/node.sh, --nodes 22,24 to choose; this process's Node where .ci/node.sh has none) runs in the
// same loop, each against its own bare `node -e 0`. packages/cli/bin/satlint.js, the unbundled
// development entry, is measured on this process's Node for reference.
const one = join(mkdtempSync(join(tmpdir(), 'satlint-one-')), 'deployment.yaml');
writeFileSync(one, readFileSync(join(root, 'examples/insecure/no-automount-token.yaml')));
const place = mkdtempSync(join(tmpdir(), 'satlint-bins-'));
const packed = spawnSync('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', place], { cwd: join(root, 'packages/cli'), encoding: 'utf8' });
if (packed.status !== 0) throw new Error(`pnpm pack failed: ${packed.stderr}`);
const tarball = readdirSync(place).find((f) => f.endsWith('.tgz'));
spawnSync('tar', ['xzf', join(place, tarball), '-C', place]);
const npmBin = join(place, 'package/bin/satlint.cjs');
mkdirSync(join(place, 'hook'));
for (const f of readdirSync(join(root, 'hook')).filter((f) => f.endsWith('.cjs'))) copyFileSync(join(root, 'hook', f), join(place, 'hook', f));
const hookBin = join(place, 'hook/satlint.cjs');

/** node binaries by version: the supported ones from .ci/node.sh (installed there if need be). */
function nodeBinaries() {
  const nodeSh = join(root, '.ci/node.sh');
  const wanted = opt('--nodes', '');
  const found = [];
  if (existsSync(nodeSh)) {
    const all = spawnSync('bash', [nodeSh, 'versions'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
    const majors = wanted === '' ? all : wanted.split(',').map((v) => all.find((a) => a === v || a.split('.')[0] === v) ?? v);
    for (const v of majors) {
      const dir = spawnSync('bash', [nodeSh, 'path', v], { encoding: 'utf8' });
      if (dir.status === 0 && existsSync(join(dir.stdout.trim(), 'node'))) found.push({ version: `v${v}`, node: join(dir.stdout.trim(), 'node') });
      else console.error(`bench: no Node ${v} from .ci/node.sh (${dir.stderr.trim()}), left out`);
    }
  }
  return found.length > 0 ? found : [{ version: process.version, node: process.execPath }];
}
const nodes = nodeBinaries();
const commands = [];
for (const { version, node } of nodes) {
  commands.push({ key: `${version} bare`, node, argv: ['-e', '0'] }, { key: `${version} npm`, node, argv: [npmBin, one] }, { key: `${version} hook`, node, argv: [hookBin, one] });
}
commands.push({ key: 'dist', node: process.execPath, argv: [bin, one] });
for (const c of commands) spawnSync(c.node, c.argv, { stdio: 'ignore' });
const latency = Object.fromEntries(commands.map((c) => [c.key, []]));
const runs = Number(opt('--runs', '20'));
for (let i = 0; i < runs; i++) {
  for (const c of commands) {
    const t = performance.now();
    // Without the RSS reporter preloaded: the process a pre-commit hook starts.
    spawnSync(c.node, c.argv, { stdio: 'ignore' });
    latency[c.key].push(performance.now() - t);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
results.singleFileRuns = runs;
results.singleFile = nodes.map(({ version }) => {
  const bare = median(latency[`${version} bare`]);
  const npm = median(latency[`${version} npm`]);
  const hook = median(latency[`${version} hook`]);
  return { node: version, bareNodeMedianMs: bare, npmBinSingleFileMedianMs: npm, hookSingleFileMedianMs: hook, npmBinRatio: npm / bare, hookRatio: hook / bare };
});
// This process's Node (or the first measured), under the names earlier results files used.
const own = results.singleFile.find((r) => r.node === process.version) ?? results.singleFile[0];
Object.assign(results, { bareNodeMedianMs: own.bareNodeMedianMs, npmBinSingleFileMedianMs: own.npmBinSingleFileMedianMs, hookSingleFileMedianMs: own.hookSingleFileMedianMs, npmBinRatio: own.npmBinRatio, hookRatio: own.hookRatio });
results.singleFileMedianMs = median(latency.dist);
rmSync(place, { recursive: true, force: true });

const fmt = (x, d = 1) => (x === undefined ? '' : x.toFixed(d));
console.log(`satlint benchmark "${label}" — Node ${process.version}, ${results.cpus} CPUs (${results.cpu})\n`);
console.log('| input | files | documents | MB | parse MB/s | lint MB/s | CLI s | CLI MB/s | docs/s | peak RSS MB |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results.runs) console.log(`| ${r.input} | ${r.files} | ${r.documents} | ${fmt(r.MB)} | ${fmt(r.parseMBs)} | ${fmt(r.lintMBs)} | ${fmt(r.cliSeconds, 2)} | ${fmt(r.cliMBs)} | ${fmt(r.docsPerSecond, 0)} | ${fmt(r.peakRssMB, 0)} |`);
console.log(`\nscaling exponent (time ∝ documents^k, synthetic runs): k = ${fmt(results.scalingExponent, 2)}`);
if (results.bundleMemoryExponent) console.log(`install bundles, peak RSS ∝ MB^m from the smallest to the largest: read first m = ${fmt(results.bundleMemoryExponent['read first'], 2)}, streamed m = ${fmt(results.bundleMemoryExponent.streamed, 2)}`);
if (results.memoryExponent !== undefined) console.log(`memory exponent (peak RSS ∝ documents^m, synthetic runs): m = ${fmt(results.memoryExponent, 2)} (${results.memoryExponentSteps.map((x) => `${x.from} → ${x.to}: ${fmt(x.exponent, 2)}`).join(', ')})`);
console.log(`single-file latency (median of ${runs}, interleaved), each against a bare \`node -e 0\` of the same Node in the same loop:`);
console.log('| Node | bare node ms | npm bin (@satlint/cli bin/satlint.cjs) ms | ratio | hook (hook/satlint.cjs) ms | ratio |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of results.singleFile) console.log(`| ${r.node} | ${fmt(r.bareNodeMedianMs, 0)} | ${fmt(r.npmBinSingleFileMedianMs, 0)} | ${fmt(r.npmBinRatio, 2)}x | ${fmt(r.hookSingleFileMedianMs, 0)} | ${fmt(r.hookRatio, 2)}x |`);
console.log(`unbundled dev entry (bin/satlint.js, ${process.version}): ${fmt(results.singleFileMedianMs, 0)} ms, ${fmt(results.singleFileMedianMs / (results.singleFile.find((r) => r.node === process.version) ?? own).bareNodeMedianMs, 2)}x bare node`);
const plain = results.runs.find((r) => r.input === 'synthetic 10000');
for (const r of results.runs.filter((x) => x.input.startsWith('export'))) {
  console.log(`${r.input}: ${fmt(r.MB)} MB, ${r.objects} objects, ${fmt(r.cliMBs, 2)} MB/s${plain ? ` = ${fmt(r.cliMBs / plain.cliMBs, 2)}x the plain synthetic 10000 (${fmt(plain.cliMBs, 2)} MB/s)` : ''}`);
}
// A latency-only run is a quick check, not a benchmark record: it writes no results file.
if (!args.includes('--single-file-only')) {
  writeFileSync(join(root, `bench/results/${label}.json`), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote bench/results/${label}.json`);
}
