import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './errors.js';

/** Rendered manifests and where their origin paths are relative to. */
export interface Rendering {
  /** The rendered YAML stream. */
  text: string;
  /** The name results for unmappable findings are reported under. */
  label: string;
  /** Directory that `# Source:` / origin-annotation paths are relative to. */
  base: string;
  /** What was rendered, for messages. */
  what: string;
  /** For kustomize: the kustomization directory that was built (its patches may hold fields the bases lack). */
  kustomization?: string;
  /** For helm: the chart directory that was rendered. */
  chart?: string;
}

/** Options for `helm template`. */
export interface HelmOptions {
  values: string[];
  set: string[];
  releaseName: string;
  namespace?: string | undefined;
  /** The helm executable (default `helm`, or $SATLINT_HELM). */
  bin?: string | undefined;
}

function firstLines(text: string, n = 2): string {
  return text.trim().split('\n').slice(0, n).join(' / ');
}

/**
 * Runs a renderer with an argument array (never a shell: paths with spaces, `;`, `$(…)` or
 * backticks are plain arguments) and returns its standard output.
 */
export function runRenderer(bin: string, args: readonly string[], what: string, cwd: string): string {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', shell: false, maxBuffer: 512 * 1024 * 1024, timeout: 300_000 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${bin} is not installed (or not on PATH), so ${what} cannot be rendered`);
    throw new UsageError(`${bin} failed to start for ${what} (${code ?? r.error.message})`);
  }
  if (r.status !== 0) throw new UsageError(`${bin} could not render ${what}: ${firstLines(r.stderr || r.stdout) || `exit code ${r.status}`}`);
  return r.stdout;
}

/** `helm template RELEASE CHART …`; origins (`# Source: chart/templates/x.yaml`) are relative to the chart's parent. */
export function renderHelm(chartDir: string, options: HelmOptions, cwd: string): Rendering {
  const chart = resolve(cwd, chartDir);
  if (!existsSync(join(chart, 'Chart.yaml'))) throw new UsageError(`${chartDir} is not a Helm chart (no Chart.yaml)`);
  const args = ['template', options.releaseName, chart];
  for (const v of options.values) args.push('--values', resolve(cwd, v));
  for (const s of options.set) args.push('--set', s);
  if (options.namespace) args.push('--namespace', options.namespace);
  const bin = options.bin ?? process.env['SATLINT_HELM'] ?? 'helm';
  const label = options.values.length > 0 ? `${chart}${sep}(helm template with ${options.values.map((v) => relative(chart, resolve(cwd, v))).join(', ')})` : `${chart}${sep}(helm template)`;
  return { text: runRenderer(bin, args, `chart ${chartDir}`, cwd), label, base: dirname(chart), what: `chart ${chartDir}`, chart };
}

/** The `ci/*-values.yaml` files of a chart (helm's chart-testing convention). */
export function valuesSets(chartDir: string, dir: string, cwd: string): string[] {
  const d = resolve(cwd, chartDir, dir);
  let names: string[];
  try {
    names = readdirSync(d);
  } catch {
    throw new UsageError(`--helm-values-sets: ${join(chartDir, dir)} is not a directory`);
  }
  return names.filter((n) => /-values\.ya?ml$/.test(n)).sort().map((n) => join(d, n));
}

/** The kustomize binary to use: --kustomize-bin, else `kustomize`, else `kubectl kustomize`. */
function kustomizeCommand(bin: string | undefined): { bin: string; args: string[] } {
  if (bin) return /(^|[\\/])kubectl(\.exe)?$/.test(bin) ? { bin, args: ['kustomize'] } : { bin, args: ['build'] };
  const has = (b: string) => spawnSync(b, ['version'], { encoding: 'utf8', shell: false }).error === undefined;
  if (has('kustomize')) return { bin: 'kustomize', args: ['build'] };
  return { bin: 'kubectl', args: ['kustomize'] };
}

/**
 * Builds a kustomization through a temporary wrapper that asks for origin annotations, so every
 * object says which base or overlay file declared it, and the user's files are not touched.
 */
export function renderKustomize(dir: string, bin: string | undefined, cwd: string): Rendering {
  const target = resolve(cwd, dir);
  if (!statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--kustomize: ${dir} is not a directory`);
  const wrapper = mkdtempSync(join(tmpdir(), 'satlint-kustomize-'));
  try {
    writeFileSync(
      join(wrapper, 'kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${JSON.stringify(relative(wrapper, target).split(sep).join('/'))}\nbuildMetadata: [originAnnotations]\n`,
    );
    const cmd = kustomizeCommand(bin);
    const text = runRenderer(cmd.bin, [...cmd.args, wrapper], `kustomization ${dir}`, cwd);
    return { text, label: `${target}${sep}(kustomize build)`, base: wrapper, what: `kustomization ${dir}`, kustomization: target };
  } finally {
    // The wrapper only holds our own kustomization.yaml; origin paths were resolved against it by now.
    setImmediate(() => rmSync(wrapper, { recursive: true, force: true }));
  }
}

/** The chart a file belongs to (the nearest ancestor directory with a Chart.yaml), if any. */
export function enclosingChart(file: string): string | undefined {
  let dir = dirname(resolve(file));
  for (;;) {
    if (existsSync(join(dir, 'Chart.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
