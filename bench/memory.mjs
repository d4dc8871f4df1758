// pnpm bench --memory: what a corpus run's peak RSS is made of. Runs, in rotating order after one
// warm-up round, a bare Node process, satlint on examples/secure forced into its worker thread
// (the floor of a directory run: Node, the main thread, the worker with the bundle loaded), the
// corpus without the files that hold a CustomResourceDefinition (a copy of ../shared/corpus with
// those files left out: what the run peaks at when the texts of every CRD are gone), and the
// corpus; each under Node's defaults and with V8's --no-concurrent-recompilation given to the
// process (Maglev then compiles on the linting thread). Prints medians of wall time, CPU time
// (user + system, /usr/bin/time), peak RSS, and the worker's V8 heap (committed and used) and
// external memory as it exits (bench/rss-reporter.mjs), and the per-round ratios of each variant
// against the defaults. Three rows compare the streamed run (files read one at a time, each let go
// once linted but for what rules read across files) with a run that reads every file first: on
// the corpus, and on 100 MB of generated install bundles. Two more rows give the lower bound of a
// pipeline that lets each file go once it is linted (bench/per-file.mjs: core's lint() on one file
// at a time), in a worker like the bin's and on the main thread of a process started with the
// flags a restart of Node would set.
// Nothing here passes or fails.
// Usage: node bench/run.mjs --memory [--rounds 5] [--label NAME]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBundles } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundled = join(root, 'packages/cli/bin/satlint.cjs');

/** What bench/rss-reporter.mjs wrote to fd 3: the process's peak RSS and, for a run in a worker thread, the worker's heap. */
export function reported(fd3) {
  const lines = String(fd3 ?? '')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { maxRSSkB: lines.find((l) => l.maxRSSkB !== undefined)?.maxRSSkB, worker: lines.find((l) => l.worker)?.worker };
}

/** A document of the text is a CustomResourceDefinition (its root `kind`, as YAML or as JSON). */
export function holdsCrd(text) {
  return /^kind:[ \t]*["']?CustomResourceDefinition["']?[ \t]*(#.*)?$/m.test(text) || /"kind"\s*:\s*"CustomResourceDefinition"/.test(text);
}

/** Copies `from` to a new directory without the manifests that hold a CRD; returns it and what it left out. */
export function withoutCrds(from) {
  const dir = mkdtempSync(join(tmpdir(), 'satlint-nocrd-'));
  cpSync(from, dir, { recursive: true });
  let files = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/i.test(e.name)) {
        const text = readFileSync(p, 'utf8');
        if (holdsCrd(text)) {
          files++;
          bytes += Buffer.byteLength(text);
          rmSync(p);
        }
      }
    }
  };
  walk(dir);
  return { dir, files, bytes };
}

function timed(argv, env = {}) {
  const t = join(tmpdir(), `satlint-mem-${process.pid}.time`);
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', '-o', t, ...argv], { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [wall, user, sys] = readFileSync(t, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  rmSync(t, { force: true });
  const rep = reported(r.output[3]);
  return { wall, cpu: user + sys, rssMB: (rep.maxRSSkB ?? 0) / 1024, worker: rep.worker };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MB = (b) => (b === undefined ? undefined : b / 1e6);

/** The V8 flags a large run would get if the bin started Node again instead of a worker (measured, not shipped: docs/performance.md). */
const RESTART_FLAGS = [...(Number(process.versions.node.split('.')[0]) >= 24 ? ['--no-turbofan'] : []), '--max-semi-space-size=8', '--v8-pool-size=2'];

export function memoryMain(args) {
  const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
  const rounds = Number(opt('--rounds', '5'));
  const label = opt('--label', `memory-${new Date().toISOString().slice(0, 10)}`);
  const corpus = join(root, '../shared/corpus');
  if (!existsSync(bundled) || !existsSync(join(root, 'packages/cli/bin/satlint-cli.cjs'))) {
    console.log('bench --memory: the bundled bin is not built (pnpm build); nothing measured');
    return;
  }
  if (!existsSync(corpus)) {
    console.log('bench --memory: ../shared/corpus is absent; nothing measured');
    return;
  }
  const reporter = join(root, 'bench/rss-reporter.mjs');
  const out = join(tmpdir(), `satlint-mem-${process.pid}.json`);
  const nocrd = withoutCrds(corpus);
  // Install bundles (three CRDs and an operator per file) of 100 MB: above the size from which a
  // run streams its files (packages/cli/src/sources.ts), read first and streamed.
  const bundles = mkdtempSync(join(tmpdir(), 'satlint-bundles-'));
  const made = generateBundles(bundles, 100);
  const lintArgs = (dir) => ['-f', 'json', '-o', out, dir];
  // The files the corpus run lints (its report's paths), for the per-file lower bound below.
  const list = join(tmpdir(), `satlint-mem-${process.pid}.list`);
  spawnSync(process.execPath, [bundled, ...lintArgs(corpus)], { stdio: 'ignore' });
  writeFileSync(list, `${JSON.parse(readFileSync(out, 'utf8')).map((r) => r.filePath).filter((p) => !p.startsWith('<')).join('\n')}\n`);
  const perFile = join(root, 'bench/per-file.mjs');
  const perFileOut = `${out}.per-file`;
  const inputs = [
    { input: 'bare node -e 0', argv: (v8) => [process.execPath, ...v8, '--import', reporter, '-e', '0'] },
    { input: 'examples/secure in the worker', env: { SATLINT_THREAD: 'worker' }, argv: (v8) => [process.execPath, ...v8, '--import', reporter, bundled, ...lintArgs(join(root, 'examples/secure'))] },
    { input: `corpus without its ${nocrd.files} CRD files (${(nocrd.bytes / 1e6).toFixed(1)} MB left out)`, argv: (v8) => [process.execPath, ...v8, '--import', reporter, bundled, ...lintArgs(nocrd.dir)] },
    { input: 'corpus', argv: (v8) => [process.execPath, ...v8, '--import', reporter, bundled, ...lintArgs(corpus)] },
    { input: 'corpus, streamed (SATLINT_STREAM=always)', env: { SATLINT_STREAM: 'always' }, argv: (v8) => [process.execPath, ...v8, '--import', reporter, bundled, ...lintArgs(corpus)] },
    { input: `generated install bundles (${(made.bytes / 1e6).toFixed(0)} MB, ${made.documents} documents), read first (SATLINT_STREAM=never)`, env: { SATLINT_STREAM: 'never' }, argv: (v8) => [process.execPath, ...v8, '--import', reporter, bundled, ...lintArgs(bundles)] },
    { input: 'generated install bundles, streamed', argv: (v8) => [process.execPath, ...v8, '--import', reporter, bundled, ...lintArgs(bundles)] },
    // What a pipeline that lets each file go once it is linted could peak at, at best
    // (bench/per-file.mjs): in the bin's worker, and in a process started with the flags a
    // restart of Node would give it (docs/performance.md, eighth round).
    { input: 'corpus one file at a time (lower bound), in a worker', argv: (v8) => [process.execPath, ...v8, '--import', reporter, perFile, list, perFileOut, '--worker'] },
    // (glibc's fixed mmap threshold: on the main thread its dynamic one kept the freed read buffers
    // of long runs in the main arena, 287-343 MB against 169-170 MB at 100k documents.)
    { input: `corpus one file at a time (lower bound), main thread, ${RESTART_FLAGS.join(' ')}, MALLOC_MMAP_THRESHOLD_=131072`, env: { MALLOC_MMAP_THRESHOLD_: '131072' }, argv: (v8) => [process.execPath, ...v8, ...RESTART_FLAGS, '--import', reporter, perFile, list, perFileOut] },
  ];
  const variants = [
    { variant: 'defaults', v8: [] },
    { variant: '--no-concurrent-recompilation', v8: ['--no-concurrent-recompilation'] },
  ];
  const results = { label, date: new Date().toISOString(), node: process.version, rounds, rows: [] };
  try {
    for (const inp of inputs) {
      const runs = variants.map(() => []);
      for (const v of variants) timed(inp.argv(v.v8), inp.env); // warm-up: code caches
      for (let i = 0; i < rounds; i++) {
        for (let k = 0; k < variants.length; k++) {
          const j = (k + i) % variants.length;
          runs[j].push(timed(inp.argv(variants[j].v8), inp.env));
        }
      }
      variants.forEach((v, j) => {
        const r = runs[j];
        const ratio = (f) => median(r.map((x, i) => f(x) / f(runs[0][i])));
        const w = r.filter((x) => x.worker);
        results.rows.push({
          input: inp.input,
          variant: v.variant,
          wall: median(r.map((x) => x.wall)),
          cpu: median(r.map((x) => x.cpu)),
          rssMB: median(r.map((x) => x.rssMB)),
          rssRange: [Math.min(...r.map((x) => x.rssMB)), Math.max(...r.map((x) => x.rssMB))],
          ...(w.length > 0 ? { workerHeapTotalMB: MB(median(w.map((x) => x.worker.heapTotal))), workerHeapUsedMB: MB(median(w.map((x) => x.worker.heapUsed))), workerExternalMB: MB(median(w.map((x) => x.worker.external))) } : {}),
          ...(j > 0 ? { vsDefaults: { wall: ratio((x) => x.wall), cpu: ratio((x) => x.cpu), rss: ratio((x) => x.rssMB) } } : {}),
        });
      });
    }
  } finally {
    rmSync(nocrd.dir, { recursive: true, force: true });
    rmSync(bundles, { recursive: true, force: true });
    rmSync(out, { force: true });
    rmSync(list, { force: true });
    rmSync(perFileOut, { force: true });
  }
  const f = (x, d = 0) => (x === undefined ? '' : x.toFixed(d));
  console.log(`\n${process.version}, ${rounds} rounds (medians; ratios are medians of per-round ratios against the defaults)\n`);
  console.log('| input | V8 | wall s | CPU s | peak RSS MB (min–max) | worker heap committed / used MB | worker external MB | ÷ defaults: wall / CPU / RSS |');
  console.log('|---|---|---:|---:|---:|---:|---:|---|');
  for (const r of results.rows) console.log(`| ${r.input} | ${r.variant} | ${f(r.wall, 2)} | ${f(r.cpu, 2)} | ${f(r.rssMB)} (${f(r.rssRange[0])}–${f(r.rssRange[1])}) | ${r.workerHeapTotalMB !== undefined ? `${f(r.workerHeapTotalMB)} / ${f(r.workerHeapUsedMB)}` : ''} | ${f(r.workerExternalMB)} | ${r.vsDefaults ? `${f(r.vsDefaults.wall, 2)}× / ${f(r.vsDefaults.cpu, 2)}× / ${f(r.vsDefaults.rss, 2)}×` : ''} |`);
  writeFileSync(join(root, `bench/results/${label}.json`), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote bench/results/${label}.json`);
}
