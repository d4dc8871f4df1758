// pnpm bench --profile: where a whole `satlint -f json -o FILE INPUT` run spends its time, by stage.
// The CLI runs once under V8's sampling profiler (--cpu-prof, every thread), and each sample is
// charged to the innermost stage on its stack: a rule's own code to that rule, but the syntax tree
// it asks for to place a finding to "positions", the RBAC queries it makes to "RBAC queries", and
// so on. Time in the `yaml` package or in shared helpers goes to whichever stage called them.
// Beside the profile, the same run without the profiler gives wall, CPU and peak RSS (median of
// --rounds runs). Nothing here passes or fails.
// Usage: node bench/run.mjs --profile [--sizes 10000,100000] [--skip-corpus] [--rounds 3] [--detail N] [--label NAME] [--cli-args '...']
// (--detail N also lists the leaf functions that the N largest stages spend their time in)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages/cli/bin/satlint.js');

/** The stage a stack frame marks, or undefined when the frame is not a stage of its own. */
export function stageOfFrame(url, fn) {
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(program)' || fn === '(idle)' || fn === '(root)') return undefined;
  const m = /\/packages\/(core|cli)\/dist\/(.+)\.js$/.exec(url);
  if (m) {
    const [, pkg, file] = m;
    if (pkg === 'core') {
      // The scanner's entry points mark its stage (its own methods take the stage of the entry point
      // that called them): reading values, or the second scan that records positions.
      if (file === 'parse/scan') return fn === 'scanPositions' ? 'positions: scanner positions (a second scan)' : /^(scanSegments|scanManifests)$/.test(fn) ? 'scan (fast scanner)' : undefined;
      if (file === 'parse/index') {
        if (fn === 'documentAt') return 'positions: syntax tree on demand';
        if (/^(parse|parseManifests|parseStream|segmentDocument|addYamlDocuments|readDocument)$/.test(fn)) return 'parse: full yaml (scanner fallback) and checks';
        return undefined;
      }
      if (file === 'parse/locate' || file === 'findings/locate') return 'positions: locate path';
      if (file === 'parse/lines') return 'positions: line/column';
      if (file === 'model/resources' && fn === 'resourcesOf') return 'model: resources of each file';
      if (file === 'inventory/index' && fn === 'Inventory') return 'inventory (build)';
      if (file.startsWith('rbac/')) {
        if (fn === 'RbacIndex' || file === 'rbac/builtin-objects' || file === 'rbac/read') return 'RBAC index (build)';
        if (file === 'rbac/match' || /^(grantsFor|allowing|bindingsFor|effectiveRules|roleOf|canI)$/.test(fn)) return 'RBAC queries';
        return undefined;
      }
      if (file === 'owners/index' && /^(Owners|ownersOf|buildOwners)$/.test(fn)) return 'owners (build)';
      const rule = /^rules\/([a-z0-9-]+)\/index$/.exec(file);
      if (rule) return `rule ${rule[1]}`;
      if (file === 'findings/build') return 'findings (messages)';
      if (file.startsWith('fix/')) return 'findings: fix edits';
      if (file === 'findings/fold') return 'owner folding';
      if (file === 'findings/origins') return 'origins';
      if (file === 'lint' || file.startsWith('pipeline/')) return 'lint loop (grouping, config)';
      if (file.startsWith('suppress/') || file.startsWith('result/')) return 'suppressions and results';
      if (file.startsWith('config/')) return 'config (resolve, per-file rule lookups)';
      if (file.startsWith('format/')) return 'format (json)';
      if (file.startsWith('audit/')) return 'audit';
      return undefined;
    }
    if (file === 'read-text') return 'read files';
    if (file === 'files' || file === 'config-search') return 'collect files (glob, kustomize patches)';
    if (file === 'origins') return 'origins';
    if (file === 'scope') return 'inventory scopes';
    if (file === 'config') return 'config (resolve, per-file rule lookups)';
    return undefined;
  }
  if (fn === 'writeFileSync' && url === 'node:fs') return 'write output';
  if (url.startsWith('node:internal/modules') || fn === 'compileFunction' || fn === 'wrapSafe') return 'module loading and compiling';
  return undefined;
}

/** Milliseconds by stage from V8 CPU profiles (one per thread); `(program)` and unmarked frames go to "other". */
export function stagesOf(profiles) {
  const out = new Map();
  /** stage → leaf function → ms: what each stage's own time is spent in (--detail). */
  const leaves = new Map();
  let total = 0;
  for (const prof of profiles) {
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const stageById = new Map();
    const stageOf = (id) => {
      if (stageById.has(id)) return stageById.get(id);
      const n = byId.get(id);
      let s = stageOfFrame(n.callFrame.url, n.callFrame.functionName);
      if (s === undefined) {
        const p = parent.get(id);
        if (n.callFrame.functionName === '(idle)') s = 'idle (waiting)';
        else s = p === undefined ? 'other (V8, start-up, unattributed)' : stageOf(p);
      }
      stageById.set(id, s);
      return s;
    };
    for (let i = 0; i < prof.samples.length; i++) {
      const dt = (prof.timeDeltas[i] ?? 0) / 1000;
      const s = stageOf(prof.samples[i]);
      out.set(s, (out.get(s) ?? 0) + dt);
      // A thread waiting (the main thread while workers lint) is not work: no share of the total.
      if (s !== 'idle (waiting)') total += dt;
      const f = byId.get(prof.samples[i]).callFrame;
      const leaf = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|packages)\//, '').replace(/^file:\/\//, '')}:${f.lineNumber + 1}`;
      let l = leaves.get(s);
      if (!l) leaves.set(s, (l = new Map()));
      l.set(leaf, (l.get(leaf) ?? 0) + dt);
    }
  }
  const top = (s) => [...(leaves.get(s) ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([fn, ms]) => ({ fn, ms }));
  return { stages: [...out].sort((a, b) => b[1] - a[1]).map(([stage, ms]) => [stage, ms, top(stage)]), totalMs: total };
}

function timed(argv, cwd) {
  const stats = join(mkdtempSync(join(tmpdir(), 'satlint-time-')), 'time');
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', stats, process.execPath, ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const [, user, sys, maxKB] = readFileSync(stats, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  rmSync(dirname(stats), { recursive: true, force: true });
  return { wall, cpu: user + sys, rssMB: maxKB / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Profiles one input; returns { input, wall, cpu, rssMB, profiledMs, stages }. */
export function profileInput(name, dir, { rounds = 3, cliArgs = [] } = {}) {
  const out = join(tmpdir(), `satlint-profile-${process.pid}.json`);
  const argv = [bin, '-f', 'json', '-o', out, ...cliArgs, dir];
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(timed(argv, root));
  const profDir = mkdtempSync(join(tmpdir(), 'satlint-cpuprof-'));
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '250', '--cpu-prof-dir', profDir, ...argv], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`profiled run exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const profiles = readdirSync(profDir).map((f) => JSON.parse(readFileSync(join(profDir, f), 'utf8')));
  rmSync(profDir, { recursive: true, force: true });
  rmSync(out, { force: true });
  const { stages, totalMs } = stagesOf(profiles);
  return { input: name, threads: profiles.length, wall: median(runs.map((x) => x.wall)), cpu: median(runs.map((x) => x.cpu)), rssMB: median(runs.map((x) => x.rssMB)), profiledMs: totalMs, stages: stages.map(([stage, ms, top]) => ({ stage, ms, top })) };
}

/** The --profile mode of bench/run.mjs. */
export function profileMain(args) {
  const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
  const label = opt('--label', `profile-${new Date().toISOString().slice(0, 10)}`);
  const rounds = Number(opt('--rounds', '3'));
  const sizes = opt('--sizes', '10000,100000').split(',').filter(Boolean).map(Number);
  const cliArgs = (opt('--cli-args', '') || '').split(' ').filter(Boolean);
  if (!existsSync('/usr/bin/time')) {
    console.log('bench --profile skipped: /usr/bin/time is missing (Debian package "time")');
    return;
  }
  const inputs = [];
  const corpus = join(root, '../shared/corpus');
  if (!args.includes('--skip-corpus')) {
    if (existsSync(corpus)) inputs.push(['corpus', corpus, () => {}]);
    else console.log('corpus skipped: ../shared/corpus is absent');
  }
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `satlint-profile-${n}-`));
    inputs.push([`synthetic ${n}`, dir, () => rmSync(dir, { recursive: true, force: true }), () => generateRepo(dir, n)]);
  }
  const results = { label, date: new Date().toISOString(), node: process.version, rounds, inputs: [] };
  for (const [name, dir, cleanup, make] of inputs) {
    make?.();
    const p = profileInput(name, dir, { rounds, cliArgs });
    cleanup();
    results.inputs.push(p);
    console.log(`\n## ${name}: wall ${p.wall.toFixed(2)} s, CPU ${p.cpu.toFixed(2)} s, peak RSS ${p.rssMB.toFixed(0)} MB (median of ${rounds}, no profiler); profiled: ${(p.profiledMs / 1000).toFixed(2)} s sampled on ${p.threads} thread${p.threads === 1 ? '' : 's'}\n`);
    console.log('| stage | ms | share |');
    console.log('|---|---:|---:|');
    for (const s of p.stages) if (s.ms >= 0.5) console.log(`| ${s.stage} | ${s.ms.toFixed(0)} | ${s.stage === 'idle (waiting)' ? '—' : `${((100 * s.ms) / p.profiledMs).toFixed(1)} %`} |`);
    if (args.includes('--detail')) {
      // Where the largest stages spend their own time: the sampled leaf functions.
      for (const s of p.stages.slice(0, Number(opt('--detail', '6')) || 6)) {
        console.log(`\n${s.stage}:`);
        for (const t of s.top) console.log(`  ${t.ms.toFixed(0).padStart(6)} ms  ${t.fn}`);
      }
    }
  }
  writeFileSync(join(root, `bench/results/${label}.json`), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote bench/results/${label}.json`);
}
