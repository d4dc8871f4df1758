import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseManifests, type LintMessage, type LintResult, type ParsedFile } from '@satlint/core';
import { fileResult, inlinePatchPosition, lineInTemplate, locateInFile, locateInOps, locatePlain, movedMessage, objectName, parsePath, withCounts, type OriginTarget, type PatchTarget } from '@satlint/core/adapter';

const fileCache = new Map<string, { text: string; parsed?: ParsedFile } | null>();

function source(path: string): { text: string; parsed?: ParsedFile } | null {
  if (!fileCache.has(path)) {
    try {
      fileCache.set(path, { text: readFileSync(path, 'utf8') });
    } catch {
      fileCache.set(path, null);
    }
  }
  return fileCache.get(path)!;
}

function parsedSource(path: string): ParsedFile | undefined {
  const s = source(path);
  if (!s) return undefined;
  s.parsed ??= parseManifests(s.text, path);
  return s.parsed;
}

/** What a rendered input is, and where the paths its origins name are resolved. */
export interface RenderedSource {
  /** Helm: the chart directories a `# Source:` path may start in (its first segment is the chart's `name:`). */
  charts?: string[];
  /** Helm output on standard input without --stdin-chart: find the chart by name under this directory. */
  searchChartsUnder?: string;
  /** Kustomize: directories the origin annotation's paths are relative to. */
  bases?: string[];
  /** Kustomize: the kustomization that was built (its patches, and its bases' patches, may hold the field). */
  kustomization?: string;
}

const chartNames = new Map<string, string | undefined>();
/** The `name:` of a chart directory's Chart.yaml. */
export function chartName(dir: string): string | undefined {
  if (!chartNames.has(dir)) {
    let name: string | undefined;
    try {
      name = /^name:[ \t]*["']?([^"'\s#]+)/m.exec(readFileSync(join(dir, 'Chart.yaml'), 'utf8'))?.[1];
    } catch {
      name = undefined;
    }
    chartNames.set(dir, name);
  }
  return chartNames.get(dir);
}

const chartSearches = new Map<string, string[]>();
/** Chart directories under `root` (a few levels deep; node_modules, .git and hidden directories left out). */
function chartsUnder(root: string, depth = 6): string[] {
  const key = `${root}\u0000${depth}`;
  if (chartSearches.has(key)) return chartSearches.get(key)!;
  const out: string[] = [];
  const walk = (dir: string, d: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && e.name === 'Chart.yaml')) out.push(dir);
    if (d === 0) return;
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') walk(join(dir, e.name), d - 1);
  };
  walk(root, depth);
  chartSearches.set(key, out);
  return out;
}

/**
 * The template file a `# Source:` path names: `NAME/templates/x.yaml` is in the chart whose
 * Chart.yaml says `name: NAME` (whatever its directory is called), `NAME/charts/SUB/templates/…` in
 * its subchart named SUB. Undefined, with the reason, when no single chart fits or the file is not
 * there (a packaged subchart).
 */
export function resolveHelmSource(sourcePath: string, charts: readonly string[]): { file: string } | { why: string } {
  const segs = sourcePath.split('/').filter((s) => s !== '' && s !== '.');
  const named = [...new Set(charts.map((c) => resolve(c)))].filter((c) => chartName(c) === segs[0]);
  if (named.length === 0) return { why: `no chart named ${segs[0]} ${charts.length === 0 ? 'was found' : `among ${charts.map((c) => relative(process.cwd(), c) || '.').join(', ')}`}` };
  if (named.length > 1) return { why: `${named.length} charts are named ${segs[0]} (${named.map((c) => relative(process.cwd(), c)).join(', ')}); name one with --stdin-chart` };
  let dir = named[0]!;
  let i = 1;
  while (segs[i] === 'charts' && i + 2 < segs.length) {
    const sub = segs[i + 1]!;
    let subdirs: string[];
    try {
      subdirs = readdirSync(join(dir, 'charts')).filter((d) => statSync(join(dir, 'charts', d)).isDirectory() && chartName(join(dir, 'charts', d)) === sub);
    } catch {
      subdirs = [];
    }
    if (subdirs.length !== 1) return { why: `the subchart ${sub} of ${relative(process.cwd(), dir) || '.'} is not a directory in the working tree (packaged, or not downloaded)` };
    dir = join(dir, 'charts', subdirs[0]!);
    i += 2;
  }
  const file = join(dir, ...segs.slice(i));
  return existsSync(file) ? { file } : { why: `${relative(process.cwd(), file)} does not exist` };
}

/**
 * Moves every finding of rendered output (a Helm chart, a kustomization, or `helm template … |
 * satlint -`) that carries an origin to the file a person edits, at the line of the reported field
 * there when it can be known; the rendered position stays in `origin.rendered`. A finding whose
 * source file cannot be identified stays on the rendered output. Files linted from disk are never
 * moved (a committed rendered file is what its lines say), and every result that came in is kept
 * unless it is rendered output whose findings all moved. Fixes are dropped from findings with an
 * origin (their offsets are in the rendered text; the fix belongs in the template).
 */
export function mapOrigins(results: readonly LintResult[], rendered: ReadonlyMap<string, RenderedSource>, cwd: string): LintResult[] {
  const out = new Map<string, LintResult>();
  const moved = new Map<string, LintMessage[]>();
  for (const r of results) {
    const info = rendered.get(r.filePath);
    if (!info) {
      out.set(r.filePath, r);
      continue;
    }
    const stay: LintMessage[] = [];
    let anyMoved = false;
    for (const m of r.messages) {
      const o = m.origin;
      if (!o) {
        stay.push(m);
        continue;
      }
      const { fix: _fix, ...unfixable } = m;
      const target = o.via === 'kustomize' ? locateKustomize(unfixable, info, cwd) : locateHelm(unfixable, info, cwd);
      if (!target) {
        stay.push(unfixable);
        continue;
      }
      anyMoved = true;
      moved.set(target.file, [...(moved.get(target.file) ?? []), movedMessage(unfixable, r.filePath, { ...target, shownAs: relative(cwd, target.file) }, source(target.file)?.text ?? '')]);
    }
    if (stay.length > 0 || !anyMoved) out.set(r.filePath, withCounts({ ...r, messages: stay }));
  }
  for (const [file, ms] of moved) {
    const existing = out.get(file);
    out.set(file, existing ? fileResult(file, [...existing.messages, ...ms], existing.suppressedMessages) : fileResult(file, ms));
  }
  return [...out.values()];
}

function locateHelm(m: LintMessage, info: RenderedSource, cwd: string): Target | undefined {
  const charts = info.charts ?? (info.searchChartsUnder !== undefined ? chartsUnder(info.searchChartsUnder) : []);
  const resolved = resolveHelmSource(m.origin!.file, charts);
  if (!('file' in resolved)) return undefined;
  const src = source(resolved.file);
  if (!src) return undefined;
  const pos = lineInTemplate(src.text, m.path ? parsePath(m.path) : [], m.resource?.kind);
  if (!pos) return undefined;
  return { file: resolved.file, ...pos, ...(pos.exact ? {} : { why: `the field could not be followed exactly through ${relative(cwd, resolved.file)}` }) };
}

function locateKustomize(m: LintMessage, info: RenderedSource, cwd: string): Target | undefined {
  const o = m.origin!;
  const bases = info.bases ?? [cwd];
  const abs = bases.map((b) => resolve(b, o.file)).find((p) => existsSync(p));
  const file = abs ? parsedSource(abs) : undefined;
  if (!abs || !file || !m.resource) return undefined;
  const path = m.path ? parsePath(m.path) : [];
  const { kind, name, namespace } = m.resource;
  // A patch is applied after the base: a field a patch writes is reported in the patch, whether
  // the base has the field (the base line shows the old value) or not.
  for (const patch of info.kustomization ? kustomizePatches(info.kustomization) : []) {
    const at = locateInPatch(patch, kind, name, path);
    if (at) return at;
  }
  const inBase = locateObject(file, kind, name, namespace, path);
  if (inBase) return { file: abs, ...inBase };
  return undefined;
}

function locateObject(file: ParsedFile, kind: string, rendered: string, namespace: string | undefined, path: (string | number)[]): Omit<Target, 'file'> | undefined {
  const name = objectName(file, kind, rendered);
  if (name === undefined) return undefined;
  const pos = locateInFile(file, kind, name, name === rendered ? namespace : undefined, path);
  if (!pos) return undefined;
  return pos.exact ? pos : { ...pos, why: `the field is not in ${relative(process.cwd(), file.path)}; the line is its nearest parent there` };
}

interface Patch {
  /** The patch file, or for an inline patch the kustomization file that holds it. */
  file: string;
  /** The kustomization's target selector (kind, and name before any prefix). */
  target?: PatchTarget;
  /** An inline patch's text, its index and list key in the kustomization. */
  inline?: string;
  index?: number;
  listKey?: string;
}

/** The patch files of a kustomization and of the kustomizations it includes, outermost (applied last) first. */
function kustomizePatches(dir: string, seen = new Set<string>()): Patch[] {
  if (seen.has(dir)) return [];
  seen.add(dir);
  const k = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((n) => join(dir, n)).find((p) => existsSync(p));
  if (!k) return [];
  const value = parsedSource(k)?.documents[0]?.value as Record<string, unknown> | undefined;
  if (!value || typeof value !== 'object') return [];
  const out: Patch[] = [];
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  for (const listKey of ['patches', 'patchesJson6902']) {
    for (const [index, p] of list(value[listKey]).entries()) {
      if (!p || typeof p !== 'object') continue;
      const { path, patch, target } = p as { path?: unknown; patch?: unknown; target?: { kind?: unknown; name?: unknown } };
      const sel = target && typeof target === 'object' ? { target: { ...(typeof target.kind === 'string' ? { kind: target.kind } : {}), ...(typeof target.name === 'string' ? { name: target.name } : {}) } } : {};
      if (typeof path === 'string') out.push({ file: resolve(dir, path), ...sel });
      else if (typeof patch === 'string') out.push({ file: k, inline: patch, index, listKey, ...sel });
    }
  }
  for (const p of list(value['patchesStrategicMerge'])) if (typeof p === 'string' && !p.includes('\n')) out.push({ file: resolve(dir, p) });
  for (const r of [...list(value['resources']), ...list(value['bases']), ...list(value['components'])]) {
    if (typeof r !== 'string' || /^[a-z]+:\/\/|^git@|\?ref=/.test(r)) continue;
    const sub = resolve(dir, r);
    if (statSync(sub, { throwIfNoEntry: false })?.isDirectory()) out.push(...kustomizePatches(sub, seen));
  }
  return out;
}

/** Where a patch file writes `path` of the object: a strategic-merge patch by object, a JSON 6902 patch by operation path. */
function locateInPatch(patch: Patch, kind: string, rendered: string, path: (string | number)[]): Target | undefined {
  if (patch.inline) return locateInInlinePatch(patch, kind, rendered, path);
  const file = parsedSource(patch.file);
  if (!file) return undefined;
  const first = file.documents[0]?.value;
  if (Array.isArray(first)) {
    const at = locateInOps(first, patch.target, kind, rendered, path);
    if (!at) return undefined;
    const loc = locatePlain(file.text, file.path, at.path);
    return loc ? { file: patch.file, ...loc, exact: loc.exact && at.exact, ...(loc.exact && at.exact ? {} : { why: `the patch ${relative(process.cwd(), patch.file)} writes a parent of the field` }) } : undefined;
  }
  const name = objectName(file, kind, rendered);
  // A strategic-merge patch may also name its target in the kustomization instead.
  if (name === undefined && (patch.target?.kind !== kind || (patch.target.name !== undefined && !rendered.includes(patch.target.name)))) return undefined;
  const pos = locateInFile(file, kind, name ?? rendered, undefined, path);
  return pos?.exact ? { file: patch.file, ...pos } : undefined;
}

/** A patch written inline in kustomization.yaml (`patches: [{patch: |- …, target: …}]`). */
function locateInInlinePatch(patch: Patch, kind: string, rendered: string, path: (string | number)[]): Target | undefined {
  const k = parsedSource(patch.file);
  if (!k || patch.index === undefined) return undefined;
  const text = patch.inline!;
  const parsed = parseManifests(text, patch.file);
  const first = parsed.documents[0]?.value;
  let inside: { line: number; column: number; exact: boolean } | undefined;
  if (Array.isArray(first)) {
    const at = locateInOps(first, patch.target, kind, rendered, path);
    if (at) inside = locatePlain(text, patch.file, at.path);
  } else {
    const name = objectName(parsed, kind, rendered);
    if (name !== undefined || (patch.target?.kind === kind && (patch.target.name === undefined || rendered.includes(patch.target.name)))) {
      const pos = locateInFile(parsed, kind, name ?? rendered, undefined, path);
      if (pos?.exact) inside = pos;
    }
  }
  if (!inside) return undefined;
  const key = locatePlain(k.text, k.path, [patch.listKey ?? 'patches', patch.index, 'patch']);
  if (!key) return undefined;
  // In a block scalar (`patch: |`) the patch's lines follow the key line, indented: exact.
  const pos = inlinePatchPosition(k.text, key, inside);
  return pos.exact ? { file: patch.file, ...pos } : { file: patch.file, ...pos, why: `an inline patch in ${relative(process.cwd(), patch.file)} writes the field` };
}

/** Where a finding moves: the edited file (absolute) and the position there. */
type Target = Omit<OriginTarget, 'shownAs'>;

/** Used by main: the directory a `--stdin-filename` lives in also resolves kustomize origins. */
export function stdinBases(cwd: string, stdinFilename: string | undefined): string[] {
  return [...new Set([cwd, ...(stdinFilename ? [dirname(resolve(cwd, stdinFilename))] : [])])];
}
