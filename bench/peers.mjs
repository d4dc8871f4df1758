// pnpm bench --peers: kube-linter beside satlint on the same files. Each round runs satlint (the
// npm bin, every rule, `-f json -o FILE`) and kube-linter restricted to its service-account-related checks
// (`--format json`, redirected to a file), in alternating order, after one warm-up round; the
// table gives the medians of wall time, CPU time (user + system) and peak RSS of each, and the
// median of the per-round ratios satlint / kube-linter ("paired medians"). Measured with
// /usr/bin/time on the whole process. Nothing here passes or fails.
//
// Inputs: the corpus (../shared/corpus; satlint is given the directory, kube-linter the files
// that satlint's run lints, so both read the same files) and generated repositories
// (bench/generate.mjs) of --peer-sizes documents (default 10000), which both get as a directory.
//
// kube-linter v0.8.3 is found as $KUBE_LINTER, else on PATH, else in $(go env GOPATH)/bin;
// docs/performance.md says how to get it. Without it, this prints why and measures nothing.
// Usage: node bench/run.mjs --peers [--rounds 5] [--peer-sizes 10000] [--skip-corpus] [--with-defaults] [--label NAME]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The npm package's bin (the bundle and its V8 code cache, what `npm i -g @satlint/cli` and npx
// run; written by `pnpm build`), else the unbundled development entry.
const bundled = join(root, 'packages/cli/bin/satlint.cjs');
const bin = existsSync(join(root, 'packages/cli/bin/satlint-cli.cjs')) ? bundled : join(root, 'packages/cli/bin/satlint.js');
export const KUBE_LINTER_VERSION = '0.8.3';
/** kube-linter's checks about service accounts, their tokens and what RBAC grants them. */
export const SA_CHECKS = ['default-service-account', 'deprecated-service-account-field', 'non-existent-service-account', 'access-to-secrets', 'access-to-create-pods', 'cluster-admin-role-binding', 'wildcard-in-rules'];

/** The kube-linter binary to compare with, or a sentence saying why there is none. */
export function findKubeLinter(env = process.env) {
  const candidates = [];
  if (env.KUBE_LINTER) candidates.push(env.KUBE_LINTER);
  for (const d of (env.PATH ?? '').split(delimiter)) if (d) candidates.push(join(d, 'kube-linter'));
  const go = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' });
  if (go.status === 0 && go.stdout.trim()) candidates.push(join(go.stdout.trim().split(delimiter)[0], 'bin/kube-linter'));
  const found = candidates.find((c) => existsSync(c));
  if (!found) return { why: `kube-linter is not installed (looked at $KUBE_LINTER, PATH and $(go env GOPATH)/bin); see "Peers" in docs/performance.md` };
  const v = spawnSync(found, ['version'], { encoding: 'utf8' });
  if (v.status !== 0) return { why: `${found} does not run (${(v.stderr || v.error?.message || '').trim()})` };
  return { path: found, version: v.stdout.trim() };
}

function timed(cmd, argv, { cwd, stdout }) {
  const dir = mkdtempSync(join(tmpdir(), 'satlint-peer-'));
  const stats = join(dir, 'time');
  // /usr/bin/time measures the tool alone; stdout goes to a file, as satlint's -o does.
  const script = `exec /usr/bin/time -f '%e %U %S %M' -o "$0" "$@" > "${stdout ?? '/dev/null'}"`;
  const r = spawnSync('sh', ['-c', script, stats, cmd, ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
  const lines = existsSync(stats) ? readFileSync(stats, 'utf8').trim().split('\n') : [];
  rmSync(dir, { recursive: true, force: true });
  const last = lines.pop() ?? '';
  if (!/^[\d.]+ [\d.]+ [\d.]+ \d+$/.test(last)) throw new Error(`${cmd} ${argv.slice(0, 6).join(' ')} … failed (exit ${r.status}): ${r.stderr.slice(-1500)}`);
  const [wall, user, sys, maxKB] = last.split(' ').map(Number);
  return { wall, cpu: user + sys, rssMB: maxKB / 1024, exit: r.status };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The lower and upper quartiles (nearest rank) of the per-round ratios: how far one run's ratio can be from the median on this machine. */
const quartiles = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return [s[Math.floor((s.length - 1) / 4)], s[Math.ceil(((s.length - 1) * 3) / 4)]];
};

/** The files a satlint run on `dir` lints, read from its JSON report. */
function filesSatlintLints(dir) {
  const out = join(tmpdir(), `satlint-peers-list-${process.pid}.json`);
  const r = spawnSync(process.execPath, [bin, '-f', 'json', '-o', out, dir], { cwd: root, stdio: 'ignore' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`satlint ${dir} exited ${r.status}`);
  const files = JSON.parse(readFileSync(out, 'utf8')).map((x) => x.filePath);
  rmSync(out, { force: true });
  return files;
}

/** One input: `rounds` alternating rounds after a warm-up; returns medians and paired ratios. */
export function comparePeers(name, satlintArgs, kubeLinterArgs, kubeLinter, { rounds, variants }) {
  const cwd = mkdtempSync(join(tmpdir(), 'satlint-peers-cwd-')); // no .kube-linter.yaml or .satlint config is picked up
  const out = join(cwd, 'report.json');
  const tools = [['satlint', () => timed(process.execPath, [bin, '-f', 'json', '-o', out, ...satlintArgs], { cwd })]];
  for (const [label, checks] of variants) tools.push([label, () => timed(kubeLinter, ['lint', ...checks, '--format', 'json', ...kubeLinterArgs], { cwd, stdout: out })]);
  const runs = Object.fromEntries(tools.map(([t]) => [t, []]));
  for (const [, run] of tools) run(); // warm-up: page cache, V8 code cache
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? tools : [...tools].reverse();
    for (const [t, run] of order) runs[t].push(run());
  }
  rmSync(cwd, { recursive: true, force: true });
  const summary = { input: name, rounds, tools: {}, ratios: {} };
  for (const [t] of tools) summary.tools[t] = { wall: median(runs[t].map((r) => r.wall)), cpu: median(runs[t].map((r) => r.cpu)), rssMB: median(runs[t].map((r) => r.rssMB)), runs: runs[t] };
  for (const [t] of tools.slice(1)) {
    const ratios = (k) => runs.satlint.map((r, i) => r[k] / runs[t][i][k]);
    summary.ratios[t] = { wall: median(ratios('wall')), cpu: median(ratios('cpu')), rssMB: median(ratios('rssMB')), quartiles: { wall: quartiles(ratios('wall')), cpu: quartiles(ratios('cpu')) } };
  }
  return summary;
}

/** The --peers mode of bench/run.mjs. */
export async function peersMain(args) {
  const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
  const kl = findKubeLinter();
  if (!kl.path) {
    console.log(`bench --peers skipped: ${kl.why}`);
    return;
  }
  if (!existsSync('/usr/bin/time')) {
    console.log('bench --peers skipped: /usr/bin/time is missing (Debian package "time")');
    return;
  }
  if (kl.version !== KUBE_LINTER_VERSION) console.log(`note: ${kl.path} is kube-linter ${kl.version}, not ${KUBE_LINTER_VERSION}: figures are not comparable with docs/performance.md`);
  const label = opt('--label', `peers-${new Date().toISOString().slice(0, 10)}`);
  const rounds = Number(opt('--rounds', '5'));
  const sizes = opt('--peer-sizes', '10000').split(',').filter(Boolean).map(Number);
  const saOnly = ['--do-not-auto-add-defaults', ...SA_CHECKS.flatMap((c) => ['--include', c])];
  const variants = [['kube-linter SA-only', saOnly]];
  if (args.includes('--with-defaults')) variants.push(['kube-linter defaults', []]);
  const results = { label, date: new Date().toISOString(), node: process.version, kubeLinter: { path: kl.path, version: kl.version, saChecks: SA_CHECKS }, inputs: [] };
  const corpus = join(root, '../shared/corpus');
  if (!args.includes('--skip-corpus')) {
    if (existsSync(corpus)) {
      const files = filesSatlintLints(corpus);
      results.inputs.push({ files: files.length, ...comparePeers(`corpus (${files.length} files)`, [corpus], files, kl.path, { rounds, variants }) });
    } else console.log('corpus skipped: ../shared/corpus is absent');
  }
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `satlint-peers-${n}-`));
    generateRepo(dir, n);
    results.inputs.push(comparePeers(`synthetic ${n} documents`, [dir], [dir], kl.path, { rounds: Math.max(1, Math.min(rounds, n >= 100000 ? 3 : rounds)), variants }));
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`satlint (${bin.slice(root.length + 1)}) against ${kl.path} (kube-linter ${kl.version}), Node ${process.version}; medians of alternating rounds after a warm-up; the ratios are medians of the rounds' ratios, with their quartiles\n`);
  console.log('| input | tool | rounds | wall s | CPU s | peak RSS MB | satlint ÷ tool: wall | CPU | RSS |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  const spread = (m, [lo, hi]) => `${m.toFixed(2)}× (${lo.toFixed(2)}–${hi.toFixed(2)})`;
  for (const r of results.inputs) {
    for (const [t, s] of Object.entries(r.tools)) {
      const q = r.ratios[t];
      console.log(`| ${r.input} | ${t} | ${r.rounds} | ${s.wall.toFixed(2)} | ${s.cpu.toFixed(2)} | ${s.rssMB.toFixed(0)} | ${q ? spread(q.wall, q.quartiles.wall) : ''} | ${q ? spread(q.cpu, q.quartiles.cpu) : ''} | ${q ? `${q.rssMB.toFixed(2)}×` : ''} |`);
    }
  }
  writeFileSync(join(root, `bench/results/${label}.json`), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote bench/results/${label}.json`);
}
