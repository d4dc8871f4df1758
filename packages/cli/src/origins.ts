import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { locateInFile, parseManifests, parsePath, type LintMessage, type LintResult, type ParsedFile } from '@satlint/core/internal';
import { resultOf } from './results.js';

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

/**
 * The line of `path` in a Helm template: each key of the path is searched, in order, below the
 * previous one (list indexes cannot be followed through template text). Exact when the last key
 * was found; otherwise the deepest key found, marked approximate.
 */
export function lineInTemplate(text: string, path: (string | number)[]): { line: number; column: number; exact: boolean } {
  const lines = text.split(/\r\n|\r|\n/);
  const keys = path.length === 0 ? ['kind'] : path;
  let at = 0;
  let found: { line: number; column: number } | undefined;
  let exact = true;
  for (const key of keys) {
    if (typeof key === 'number') {
      exact = false;
      continue;
    }
    const re = new RegExp(`^(\\s*(?:-\\s+)?)${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
    let hit = -1;
    for (let i = at; i < lines.length; i++) {
      if (re.test(lines[i]!)) {
        hit = i;
        break;
      }
    }
    if (hit === -1) {
      exact = false;
      break;
    }
    found = { line: hit + 1, column: re.exec(lines[hit]!)![1]!.length + 1 };
    at = hit + 1;
  }
  if (!found) return { line: 1, column: 1, exact: false };
  // A key that occurs again further down could be the one meant: only a unique match is exact.
  const last = keys[keys.length - 1];
  if (exact && typeof last === 'string') {
    const re = new RegExp(`^\\s*(?:-\\s+)?${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
    if (lines.filter((l) => re.test(l)).length > 1 && keys.length === 1) exact = false;
  }
  return { ...found, exact };
}

/**
 * Moves every finding that carries an origin (a Helm template, a kustomize base or overlay) to the
 * file a person edits, at the line of the reported field there when it can be known; the rendered
 * position stays in `origin.rendered`. Findings whose source file does not exist under any of
 * `bases` stay on the rendered output. Fixes are dropped from moved findings (their offsets are in
 * the rendered text).
 */
export function mapOrigins(results: readonly LintResult[], bases: readonly string[], cwd: string, kustomizations: readonly string[] = []): LintResult[] {
  const patches = kustomizations.flatMap((k) => patchFiles(k));
  const byFile = new Map<string, LintMessage[]>();
  const kept: LintResult[] = [];
  for (const r of results) {
    const stay: LintMessage[] = [];
    for (const m of r.messages) {
      const o = m.origin;
      const abs = o ? bases.map((b) => resolve(b, o.file)).find((p) => existsSync(p)) : undefined;
      const src = abs ? source(abs) : null;
      if (!o || !abs || !src) {
        stay.push(m);
        continue;
      }
      const path = m.path ? parsePath(m.path) : [];
      let pos: { line: number; column: number; endLine?: number; endColumn?: number; exact: boolean };
      let file = abs;
      if (o.via === 'kustomize' && m.resource) {
        src.parsed ??= parseManifests(src.text, abs);
        pos = locateInFile(src.parsed, m.resource.kind, m.resource.name, m.resource.namespace, path) ?? { line: 1, column: 1, exact: false };
        if (!pos.exact) {
          // A field the base lacks was added by an overlay patch: point at the patch that wrote it.
          for (const patch of patches) {
            const p = source(patch);
            if (!p) continue;
            p.parsed ??= parseManifests(p.text, patch);
            const inPatch = locateInFile(p.parsed, m.resource.kind, m.resource.name, undefined, path);
            if (inPatch?.exact) {
              pos = inPatch;
              file = patch;
              break;
            }
          }
        }
      } else {
        pos = lineInTemplate(src.text, path);
      }
      const { fix: _fix, ...rest } = m;
      const moved: LintMessage = {
        ...rest,
        line: pos.line,
        column: pos.column,
        ...(pos.endLine !== undefined && (pos.endLine > pos.line || pos.endColumn! > pos.column) ? { endLine: pos.endLine, endColumn: pos.endColumn! } : { endLine: pos.line, endColumn: lineEnd(file === abs ? src.text : (source(file)?.text ?? ''), pos.line, pos.column) }),
        origin: { ...o, file: relative(cwd, file) || o.file, line: pos.line, column: pos.column, ...(pos.exact ? {} : { approximate: true }), rendered: { file: r.filePath, line: m.line, column: m.column } },
      };
      if (!pos.exact) moved.message = `${m.message} (line approximate: the field could not be followed exactly through ${relative(cwd, abs)})`;
      byFile.set(file, [...(byFile.get(file) ?? []), moved]);
    }
    if (stay.length > 0 || byFile.size === 0) kept.push(resultOf(r.filePath, stay, r.suppressedMessages));
  }
  return [...kept.filter((r) => r.messages.length > 0 || r.suppressedMessages.length > 0), ...[...byFile].map(([f, ms]) => resultOf(f, ms))];
}

/** Where the text of `line` ends (trailing blanks left out), so a region there is never zero-width. */
function lineEnd(text: string, line: number, column: number): number {
  const t = text.split('\n')[line - 1];
  return t === undefined ? column + 1 : Math.max(t.replace(/\s+$/, '').length + 1, column + 1);
}

/** The patch files a kustomization names (`patches[].path`, `patchesStrategicMerge`), found by reading its kustomization file. */
function patchFiles(dir: string): string[] {
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    const k = source(resolve(dir, name));
    if (!k) continue;
    const parsed = parseManifests(k.text, name);
    const value = parsed.documents[0]?.value as { patches?: unknown; patchesStrategicMerge?: unknown } | undefined;
    const out: string[] = [];
    if (Array.isArray(value?.patches)) for (const p of value.patches) if (p && typeof p === 'object' && typeof (p as { path?: unknown }).path === 'string') out.push(resolve(dir, (p as { path: string }).path));
    if (Array.isArray(value?.patchesStrategicMerge)) for (const p of value.patchesStrategicMerge) if (typeof p === 'string' && !p.includes('\n')) out.push(resolve(dir, p));
    return out;
  }
  return [];
}
