import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

import { skipWithReason } from './support/skip.js';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'packages/cli/bin/satlint.js');
const fixtures = join(root, 'test/fixtures');

function findTool(name: string, extra: string[] = []): string | undefined {
  for (const c of [...extra, name]) if (spawnSync(c, ['version'], { encoding: 'utf8' }).error === undefined) return c;
  return undefined;
}
const helm = findTool('helm', [process.env['SATLINT_HELM'] ?? '', join(homedir(), 'go/bin/helm')].filter(Boolean));
const kustomize = findTool('kustomize', [join(homedir(), 'go/bin/kustomize')]);
const kubectl = kustomize ? undefined : findTool('kubectl');
const noHelm = skipWithReason('Helm rendering tests', !helm && 'no helm on PATH, in $SATLINT_HELM or ~/go/bin (bash .ci/tools.sh installs helm v3.22.0)');
const noKustomize = skipWithReason('Kustomize rendering tests', !kubectl && !kustomize && 'neither kustomize (PATH or ~/go/bin) nor kubectl is installed (bash .ci/tools.sh installs kustomize v5.8.2)');

type Msg = { ruleId: string | null; line: number; column: number; message: string; origin?: { file: string; line?: number; approximate?: boolean; via: string; rendered?: { line: number } }; tags?: string[] };
type Res = { filePath: string; messages: Msg[] };

function satlint(args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: opts.cwd ?? root, input: opts.input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...(helm ? { SATLINT_HELM: helm } : {}), ...(kustomize?.includes('/') ? { PATH: `${dirname(kustomize)}${delimiter}${process.env['PATH'] ?? ''}` } : {}), ...opts.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const findings = (stdout: string, cwd = root) =>
  (JSON.parse(stdout) as Res[]).flatMap((r) => r.messages.map((m) => [r.filePath.startsWith(cwd) ? r.filePath.slice(cwd.length + 1) : r.filePath, m.line, m.column, m.ruleId, m.origin?.approximate ?? false] as const)).sort();

describe('rendered input read from standard input (recorded helm output; runs without helm)', () => {
  it('maps every finding of `helm template … | satlint -` to the template, subchart templates included', () => {
    const r = satlint(['-f', 'json', '-'], { cwd: join(fixtures, 'helm'), input: readFileSync(join(fixtures, 'helm/app.rendered.yaml'), 'utf8') });
    expect(r.code).toBe(1);
    expect(findings(r.stdout, join(fixtures, 'helm'))).toEqual([
      ['app/charts/worker/templates/job.yaml', 12, 11, 'token-request-lifetime', true],
      ['app/charts/worker/templates/job.yaml', 12, 11, 'token-request-lifetime', true],
      ['app/charts/worker/templates/job.yaml', 7, 5, 'no-automount-token', false],
      ['app/charts/worker/templates/job.yaml', 7, 5, 'no-default-service-account', false],
      ['app/templates/deployment.yaml', 19, 7, 'no-automount-token', false],
      ['app/templates/test-connection.yaml', 7, 1, 'no-automount-token', false],
      ['app/templates/test-connection.yaml', 7, 1, 'no-default-service-account', false],
    ]);
    const moved = (JSON.parse(r.stdout) as Res[]).flatMap((x) => x.messages).find((m) => m.origin?.file === 'app/templates/deployment.yaml')!;
    expect(moved.origin).toMatchObject({ via: 'helm', line: 19, column: 7, rendered: { file: '<stdin>', line: 29, column: 7 } });
  });
  it('a streamed run (files read one at a time) places them the same', () => {
    const cwd = join(fixtures, 'helm');
    const run = (stream: string) => satlint(['-f', 'json', '-', '.'], { cwd, input: rendered, env: { SATLINT_STREAM: stream } });
    const streamed = run('always');
    expect(streamed.code).toBe(1);
    expect(streamed.stdout).toBe(run('never').stdout);
    expect(findings(streamed.stdout, cwd).filter((f) => f[0].startsWith('app/templates/'))).toContainEqual(['app/templates/deployment.yaml', 19, 7, 'no-automount-token', false]);
  });
  it('keeps findings on the rendered text when the template is not there', () => {
    const r = satlint(['-f', 'json', '-'], { cwd: mkdtempSync(join(tmpdir(), 'satlint-no-chart-')), input: readFileSync(join(fixtures, 'helm/app.rendered.yaml'), 'utf8') });
    const res = JSON.parse(r.stdout) as Res[];
    expect(res.map((x) => x.filePath)).toEqual(['<stdin>']);
    expect(res[0]!.messages.every((m) => m.origin && !m.origin.rendered)).toBe(true);
  });
});

const rendered = readFileSync(join(fixtures, 'helm/app.rendered.yaml'), 'utf8');
const APP_FINDINGS = (prefix: string) => [
  [`${prefix}/charts/worker/templates/job.yaml`, 12, 11, 'token-request-lifetime', true],
  [`${prefix}/charts/worker/templates/job.yaml`, 12, 11, 'token-request-lifetime', true],
  [`${prefix}/charts/worker/templates/job.yaml`, 7, 5, 'no-automount-token', false],
  [`${prefix}/charts/worker/templates/job.yaml`, 7, 5, 'no-default-service-account', false],
  [`${prefix}/templates/deployment.yaml`, 19, 7, 'no-automount-token', false],
  [`${prefix}/templates/test-connection.yaml`, 7, 1, 'no-automount-token', false],
  [`${prefix}/templates/test-connection.yaml`, 7, 1, 'no-default-service-account', false],
];
/** A repository with the fixture chart (Chart.yaml `name: app`) in `deploy/chart`: the directory is not named like the chart. */
function repoWithChart(): string {
  const repo = mkdtempSync(join(tmpdir(), 'satlint-repo-'));
  cpSync(join(fixtures, 'helm/app'), join(repo, 'deploy/chart'), { recursive: true });
  return repo;
}

describe('helm template output on standard input, from any working directory (no helm needed)', () => {
  it('finds the chart by its Chart.yaml name under the working directory, whatever its directory is called', () => {
    const repo = repoWithChart();
    for (const cwd of [repo, join(repo, 'deploy')]) {
      const r = satlint(['-f', 'json', '-'], { cwd, input: rendered });
      expect(r.code).toBe(1);
      expect(findings(r.stdout, cwd)).toEqual(APP_FINDINGS(cwd === repo ? 'deploy/chart' : 'chart'));
    }
  });
  it('--stdin-chart names the chart (needed when it is outside the working directory)', () => {
    const repo = repoWithChart();
    const elsewhere = mkdtempSync(join(tmpdir(), 'satlint-elsewhere-'));
    const r = satlint(['-f', 'json', '--stdin-chart', join(repo, 'deploy/chart'), '-'], { cwd: elsewhere, input: rendered });
    const files = (JSON.parse(r.stdout) as Res[]).map((x) => x.filePath);
    expect(files.filter((f) => f !== '<stdin>').sort()).toEqual([join(repo, 'deploy/chart/charts/worker/templates/job.yaml'), join(repo, 'deploy/chart/templates/deployment.yaml'), join(repo, 'deploy/chart/templates/test-connection.yaml')]);
  });
  it('two charts with the same name: findings stay on the rendered text (no guess)', () => {
    const repo = repoWithChart();
    cpSync(join(fixtures, 'helm/app'), join(repo, 'other/app'), { recursive: true });
    const r = satlint(['-f', 'json', '-'], { cwd: repo, input: rendered });
    expect((JSON.parse(r.stdout) as Res[]).map((x) => x.filePath)).toEqual(['<stdin>']);
  });
  it('a committed rendered file keeps its findings at its own lines and clean files stay in JSON and JUnit', () => {
    const repo = repoWithChart();
    // An unrelated chart also named app, whose templates match the # Source: paths under the working directory.
    cpSync(join(fixtures, 'helm/app'), join(repo, 'app'), { recursive: true });
    mkdirSync(join(repo, 'k8s'));
    writeFileSync(join(repo, 'k8s/rendered.yaml'), rendered);
    writeFileSync(join(repo, 'k8s/clean.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: quiet, namespace: apps}\nautomountServiceAccountToken: false\n');
    const r = satlint(['-f', 'json', 'k8s'], { cwd: repo });
    const res = JSON.parse(r.stdout) as Res[];
    expect(res.map((x) => [x.filePath.slice(repo.length + 1), x.messages.length])).toEqual([
      ['k8s/clean.yaml', 0],
      ['k8s/rendered.yaml', 7],
    ]);
    // At the rendered file's own lines (line 29 is `automountServiceAccountToken: true` there), not in app/ or deploy/chart/.
    expect(res[1]!.messages.find((m) => m.ruleId === 'no-automount-token')!.line).toBe(29);
    const junit = satlint(['-f', 'junit', 'k8s'], { cwd: repo }).stdout;
    expect(junit).toMatch(/<testsuite name="[^"]*k8s\/clean\.yaml"/);
  });
  it('a file named on the command line is linted although an ancestor directory holds a Chart.yaml', () => {
    const repo = mkdtempSync(join(tmpdir(), 'satlint-root-chart-'));
    // A repository whose root is a chart, with plain manifests beside it.
    cpSync(join(fixtures, 'helm/app'), repo, { recursive: true });
    mkdirSync(join(repo, 'k8s'));
    writeFileSync(join(repo, 'k8s/pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps}\nspec:\n  serviceAccountName: web\n  containers: []\n');
    const r = satlint(['-f', 'json', 'k8s/pod.yaml'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(findings(r.stdout, repo)).toEqual([['k8s/pod.yaml', 4, 1, 'no-automount-token', false]]);
    // The same file through a directory walk; the chart's own templates are still skipped with a note.
    const walk = satlint(['-f', 'json', '.'], { cwd: repo });
    expect(findings(walk.stdout, repo)).toEqual([['k8s/pod.yaml', 4, 1, 'no-automount-token', false]]);
    expect(walk.stderr).toMatch(/skipped Helm chart/);
  });
});

describe('Kustomize patch files are linted as patches, found by a walk or named (no kustomize needed)', () => {
  // A fragment: no pod-level automount, no ServiceAccount of its own. As a whole object it would get findings.
  const fragment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "web:2"}]\n';
  const overlay = () => {
    const cwd = mkdtempSync(join(tmpdir(), 'satlint-walk-kz-'));
    mkdirSync(join(cwd, 'overlay/patches'), { recursive: true });
    writeFileSync(join(cwd, 'overlay/kustomization.yaml'), 'resources: [../base]\npatches:\n  - path: patch.yaml\n  - path: patches/ops.yaml\n    target: {kind: Deployment}\npatchesStrategicMerge:\n  - smp.yaml\n');
    writeFileSync(join(cwd, 'overlay/patch.yaml'), fragment);
    // What a patch can be judged on alone is still reported: its YAML.
    writeFileSync(join(cwd, 'overlay/smp.yaml'), fragment.replace('metadata: {name: web}', 'metadata: {name: web}\nmetadata: {name: web}'));
    writeFileSync(join(cwd, 'overlay/patches/ops.yaml'), '- op: replace\n  path: /spec/template/spec/serviceAccountName\n  value: default\n');
    writeFileSync(join(cwd, 'overlay/pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps}\nspec:\n  serviceAccountName: web\n  containers: []\n');
    return cwd;
  };
  const note = 'satlint: 3 Kustomize patch files of overlay checked as patches (YAML syntax and duplicate keys; the object rules need the built objects): pass --kustomize overlay to lint what it builds\n';
  it('a walk lints them for YAML problems only, keeps them out of the inventory, and says how to lint the build', () => {
    const cwd = overlay();
    const r = satlint(['-f', 'json', '.'], { cwd });
    expect(findings(r.stdout, cwd)).toEqual([
      ['overlay/pod.yaml', 4, 1, 'no-automount-token', false],
      ['overlay/smp.yaml', 4, 1, 'no-duplicate-keys', false],
    ]);
    // Clean patch files are results like any other file (JSON and JUnit list them as passed).
    expect((JSON.parse(r.stdout) as Res[]).map((x) => x.filePath.slice(cwd.length + 1))).toEqual(['overlay/kustomization.yaml', 'overlay/patch.yaml', 'overlay/patches/ops.yaml', 'overlay/pod.yaml', 'overlay/smp.yaml']);
    expect(r.stderr).toBe(note);
    // A patch's Deployment is no object of the run: the conflicting fragments are not "definitions".
    expect(findings(r.stdout, cwd).some((f) => f[3] === 'no-conflicting-definitions')).toBe(false);
  });
  it('a patch file named on the command line (as pre-commit does) or matched by a glob is a patch too', () => {
    const cwd = overlay();
    const named = satlint(['-f', 'json', 'overlay/patch.yaml', 'overlay/patches/ops.yaml', 'overlay/smp.yaml'], { cwd });
    expect(findings(named.stdout, cwd)).toEqual([['overlay/smp.yaml', 4, 1, 'no-duplicate-keys', false]]);
    expect(named.stderr).toBe(note);
    const fromOverlay = satlint(['-f', 'json', 'patch.yaml'], { cwd: join(cwd, 'overlay') });
    expect(findings(fromOverlay.stdout, join(cwd, 'overlay'))).toEqual([]);
    expect(fromOverlay.stderr).toBe('satlint: 1 Kustomize patch file of . checked as a patch (YAML syntax and duplicate keys; the object rules need the built objects): pass --kustomize . to lint what it builds\n');
    const glob = satlint(['-f', 'json', 'overlay/*.yaml'], { cwd });
    expect(findings(glob.stdout, cwd)).toEqual([
      ['overlay/pod.yaml', 4, 1, 'no-automount-token', false],
      ['overlay/smp.yaml', 4, 1, 'no-duplicate-keys', false],
    ]);
    // Standard input named as the patch file (an editor sending its buffer) is the patch too.
    const stdin = satlint(['-f', 'json', '--stdin-filename', 'overlay/patch.yaml', '-'], { cwd, input: fragment });
    expect(findings(stdin.stdout, cwd)).toEqual([]);
    expect(stdin.stderr).toBe('satlint: 1 Kustomize patch file of overlay checked as a patch (YAML syntax and duplicate keys; the object rules need the built objects): pass --kustomize overlay to lint what it builds\n');
    expect(findings(satlint(['-f', 'json', '--stdin-filename', 'overlay/other.yaml', '-'], { cwd, input: fragment }).stdout, cwd).map((f) => f[3])).toContain('no-automount-token');
    // --fix leaves a patch file as it is.
    satlint(['--fix', 'overlay/patch.yaml'], { cwd });
    expect(readFileSync(join(cwd, 'overlay/patch.yaml'), 'utf8')).toBe(fragment);
  });
  it('a file that no kustomization names is linted whole, even beside a kustomization', () => {
    const cwd = overlay();
    writeFileSync(join(cwd, 'overlay/other.yaml'), fragment);
    expect(findings(satlint(['-f', 'json', 'overlay/other.yaml'], { cwd }).stdout, cwd).map((f) => f[3])).toContain('no-automount-token');
  });
  const corpus = resolve(root, '../shared/corpus/_kustomize');
  const repoServer = 'argo-cd/manifests/ha/base/controller-deployment/argocd-repo-server-deployment.yaml';
  it.skipIf(skipWithReason('Kustomize corpus walk test', !existsSync(corpus) && '../shared/corpus/_kustomize is not present in this checkout'))("argo-cd's ha/base: no finding on its patch of the repo-server Deployment, walked or named", () => {
    const r = satlint(['-f', 'json', 'argo-cd/manifests/ha/base'], { cwd: corpus });
    const results = JSON.parse(r.stdout) as Res[];
    expect(results.find((x) => x.filePath.endsWith(`/${repoServer}`))?.messages).toEqual([]);
    expect(r.stderr).toContain('4 Kustomize patch files of argo-cd/manifests/ha/base/controller-deployment checked as patches');
    const named = satlint(['-f', 'json', repoServer], { cwd: corpus });
    expect((JSON.parse(named.stdout) as Res[]).flatMap((x) => x.messages)).toEqual([]);
    expect(named.code).toBe(0);
  });
});

describe.skipIf(noHelm)('--helm (needs helm)', () => {
  it('helm still renders the recorded fixture', () => {
    const out = spawnSync(helm!, ['template', 'release-name', 'app'], { cwd: join(fixtures, 'helm'), encoding: 'utf8' }).stdout;
    expect(out).toBe(readFileSync(join(fixtures, 'helm/app.rendered.yaml'), 'utf8'));
  });
  it('gives the same findings and origins as helm template | satlint -', () => {
    const cwd = join(fixtures, 'helm');
    const viaFlag = satlint(['-f', 'json', '--helm', 'app'], { cwd });
    const viaPipe = satlint(['-f', 'json', '-'], { cwd, input: readFileSync(join(cwd, 'app.rendered.yaml'), 'utf8') });
    expect(viaFlag.code).toBe(1);
    expect(findings(viaFlag.stdout, cwd)).toEqual(findings(viaPipe.stdout, cwd));
    const origins = (s: string) => (JSON.parse(s) as Res[]).flatMap((r) => r.messages.map((m) => [m.origin?.file, m.origin?.line])).sort();
    expect(origins(viaFlag.stdout)).toEqual(origins(viaPipe.stdout));
  });
  it('a streamed run gives the same report for the rendered chart and the files beside it', () => {
    const cwd = join(fixtures, 'helm');
    const run = (stream: string) => satlint(['-f', 'json', '--helm', 'app', '.'], { cwd, env: { SATLINT_STREAM: stream } });
    const streamed = run('always');
    expect(streamed.code).toBe(1);
    expect(streamed.stdout).toBe(run('never').stdout);
  });
  it('--helm on a chart whose directory is not named like its Chart.yaml: findings on the templates, nothing "fixable"', () => {
    const repo = repoWithChart();
    const r = satlint(['-f', 'json', '--helm', 'deploy/chart'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(findings(r.stdout, repo)).toEqual(APP_FINDINGS('deploy/chart'));
    const res = JSON.parse(r.stdout) as (Res & { fixableErrorCount: number; fixableWarningCount: number })[];
    expect(res.reduce((n, x) => n + x.fixableErrorCount + x.fixableWarningCount, 0)).toBe(0);
    expect(satlint(['--helm', 'deploy/chart'], { cwd: repo }).stdout).not.toMatch(/fixable/);
  });
  it('--skip-helm-tests drops the test hook; --helm-values-sets renders once per ci/*-values.yaml and reports each finding once', () => {
    const cwd = join(fixtures, 'helm');
    const skipped = findings(satlint(['-f', 'json', '--helm', 'app', '--skip-helm-tests'], { cwd }).stdout, cwd);
    expect(skipped.some((f) => f[0].includes('test-connection'))).toBe(false);
    const sets = satlint(['-f', 'json', '--helm', 'app', '--helm-values-sets', 'ci'], { cwd });
    const f = findings(sets.stdout, cwd);
    // default-values keeps automount: true (no-automount-token, once although two sets render it);
    // hardened-values drops the pod field, so the pod now relies on its ServiceAccount.
    expect(f.filter((x) => x[0] === 'app/templates/deployment.yaml')).toEqual([
      ['app/templates/deployment.yaml', 16, 5, 'explicit-pod-automount', false],
      ['app/templates/deployment.yaml', 19, 7, 'no-automount-token', false],
    ]);
  });
  it('--render-charts renders the chart a given template belongs to (what pre-commit passes)', () => {
    const cwd = join(fixtures, 'helm');
    const without = satlint(['app/templates/deployment.yaml'], { cwd });
    // Rendering runs only when asked: without the flag the chart is skipped, and stderr says how to lint it.
    expect(without.code).toBe(0);
    expect(without.stderr).toMatch(/skipped Helm chart .*app: templates are not YAML until rendered; pass --render-charts/);
    const withFlag = satlint(['-f', 'json', '--render-charts', 'app/templates/deployment.yaml'], { cwd });
    expect(findings(withFlag.stdout, cwd)).toContainEqual(['app/templates/deployment.yaml', 19, 7, 'no-automount-token', false]);
  });
  it('starts helm with an argument array: chart paths with spaces, ;, $(…) and backticks execute nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'satlint-helm-args-'));
    const marker = join(dir, 'pwned');
    const weird = join(dir, `my chart; touch ${marker} $(touch ${marker}) \`touch ${marker}\``);
    cpSync(join(fixtures, 'helm/app'), weird, { recursive: true });
    const r = satlint(['-f', 'json', '--helm', weird, '--set', `replicas=$(touch ${marker})`, '--release-name', `r; touch ${marker}`]);
    expect(existsSync(marker)).toBe(false);
    // helm rejects the release name (not a DNS name): exit 2, helm's own message, nothing run.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^satlint: .*could not render chart/);
    const ok = satlint(['-f', 'json', '--helm', weird]);
    expect(ok.code).toBe(1);
    expect(existsSync(marker)).toBe(false);
  });
  it('a missing helm binary is exit 2 with a one-line message', () => {
    const r = satlint(['--helm', join(fixtures, 'helm/app')], { env: { SATLINT_HELM: '/nonexistent/helm' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('satlint: /nonexistent/helm is not installed (or not on PATH), so chart ' + join(fixtures, 'helm/app') + ' cannot be rendered\n');
  });
  const corpus = resolve(root, '../shared/corpus/_helm');
  it.skipIf(skipWithReason('Helm corpus test', !existsSync(corpus) && '../shared/corpus/_helm is not present in this checkout'))('every chart of the shared corpus: no crash, every finding in a template file that exists', () => {
    for (const chart of readdirSync(corpus)) {
      const r = satlint(['-f', 'json', '--helm', chart], { cwd: corpus });
      expect([0, 1], `${chart}: ${r.stderr}`).toContain(r.code);
      for (const res of JSON.parse(r.stdout) as Res[]) if (res.messages.length > 0) expect(existsSync(res.filePath), res.filePath).toBe(true);
    }
  });
});

describe.skipIf(noKustomize)('--kustomize (needs kustomize or kubectl)', () => {
  it('points at the base or overlay file that declared each object, at the field there', () => {
    const cwd = join(fixtures, 'kustomize');
    const r = satlint(['-f', 'json', '--kustomize', 'overlay'], { cwd });
    expect(r.code).toBe(1);
    expect(findings(r.stdout, cwd)).toEqual([
      ['base/serviceaccount.yaml', 2, 1, 'service-account-automount', false],
      ['overlay/legacy-token.yaml', 7, 1, 'no-legacy-token-secret', false],
      // The base has no automountServiceAccountToken; the overlay's patch wrote it: that is where it is reported.
      ['overlay/patch.yaml', 8, 7, 'no-automount-token', false],
    ]);
    // The user's files are not touched (the wrapper kustomization lives in a temporary directory).
    expect(readdirSync(join(cwd, 'overlay')).sort()).toEqual(['kustomization.yaml', 'legacy-token.yaml', 'patch.yaml']);
  });
  /** base/ with a Deployment whose pod spec says automountServiceAccountToken: false (line 9), and an overlay built from `files`. */
  function kustomization(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'satlint-kz-'));
    const all: Record<string, string> = {
      'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'base/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      serviceAccountName: web\n      automountServiceAccountToken: false\n      containers: [{name: web, image: "web:1"}]\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n',
      ...files,
    };
    for (const [f, text] of Object.entries(all)) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), text);
    }
    return dir;
  }
  const automount = (stdout: string, cwd: string) => findings(stdout, cwd).filter((f) => f[3] === 'no-automount-token' || f[3] === 'service-account-automount');
  it('namePrefix and nameSuffix: findings at the base line, exact (not base:1:1 approximate)', () => {
    const cwd = kustomization({ 'overlay/kustomization.yaml': 'namePrefix: prod-\nnameSuffix: -v2\nnamespace: shop\nresources:\n  - ../base\n' });
    const r = satlint(['-f', 'json', '--kustomize', 'overlay'], { cwd });
    // The ServiceAccount (base line 13) leaves automount on.
    expect(findings(r.stdout, cwd)).toEqual([['base/deployment.yaml', 13, 1, 'service-account-automount', false]]);
  });
  it('a strategic-merge patch that changes an existing field is reported in the patch, not at the base line with the old value', () => {
    const cwd = kustomization({
      'overlay/kustomization.yaml': 'namePrefix: prod-\nresources:\n  - ../base\npatches:\n  - path: automount.yaml\n',
      'overlay/automount.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      automountServiceAccountToken: true\n',
    });
    const r = satlint(['-f', 'json', '--kustomize', 'overlay'], { cwd });
    expect(automount(r.stdout, cwd)).toEqual([
      ['base/deployment.yaml', 13, 1, 'service-account-automount', false],
      ['overlay/automount.yaml', 8, 7, 'no-automount-token', false],
    ]);
  });
  it('a JSON 6902 patch (file or inline) that replaces the field is reported at its operation', () => {
    const ops = '- op: replace\n  path: /spec/template/spec/automountServiceAccountToken\n  value: true\n';
    const cwd = kustomization({
      'overlay/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: ops.yaml\n    target: {kind: Deployment, name: web}\n',
      'overlay/ops.yaml': ops,
      'inline/kustomization.yaml': `resources:\n  - ../base\npatches:\n  - target: {kind: Deployment, name: web}\n    patch: |-\n${ops.replace(/^/gm, '      ')}`,
    });
    const viaFile = satlint(['-f', 'json', '--kustomize', 'overlay'], { cwd });
    expect(automount(viaFile.stdout, cwd)).toContainEqual(['overlay/ops.yaml', 2, 3, 'no-automount-token', false]);
    const inline = satlint(['-f', 'json', '--kustomize', 'inline'], { cwd });
    // Line 7 of inline/kustomization.yaml is `path: /spec/template/spec/automountServiceAccountToken` inside the block scalar.
    expect(automount(inline.stdout, cwd)).toContainEqual(['inline/kustomization.yaml', 7, 9, 'no-automount-token', false]);
    expect(readFileSync(join(cwd, 'inline/kustomization.yaml'), 'utf8').split('\n')[6]).toBe('        path: /spec/template/spec/automountServiceAccountToken');
  });
  const corpus = resolve(root, '../shared/corpus/_kustomize');
  it.skipIf(skipWithReason('Kustomize corpus test', !existsSync(corpus) && '../shared/corpus/_kustomize is not present in this checkout'))('kustomizations of the shared corpus that build offline: every finding in a file that exists', () => {
    for (const dir of ['argo-cd/manifests/cluster-install', 'metrics-server/manifests/base', 'microservices-demo/kustomize', 'kustomize/examples/helloWorld']) {
      const r = satlint(['-f', 'json', '--kustomize', dir], { cwd: corpus });
      expect([0, 1], `${dir}: ${r.stderr}`).toContain(r.code);
      const res = JSON.parse(r.stdout) as Res[];
      expect(res.flatMap((x) => x.messages).length, dir).toBeGreaterThan(0);
      for (const x of res) if (x.messages.length > 0) expect(existsSync(x.filePath), x.filePath).toBe(true);
    }
  });
});
