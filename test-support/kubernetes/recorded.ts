/** Reading and writing the recorded verdicts (conformance/kubernetes/recorded/*.jsonl.gz) and the divergence file. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { OracleVerdict } from './types.js';
import type { Comparison, Item } from './compare.js';
import { sha256 } from './compare.js';

export const HARNESS_DIR = resolve(import.meta.dirname, '../../conformance/kubernetes');
export const RECORDED = { generated: resolve(HARNESS_DIR, 'recorded/verdicts-generated.jsonl.gz'), corpus: resolve(HARNESS_DIR, 'recorded/verdicts-corpus.jsonl.gz') };
export const DIVERGENCES = resolve(HARNESS_DIR, 'divergences.json');

export interface Recorded {
  hash: string;
  verdict: OracleVerdict;
}

export function readRecorded(path: string): Map<string, Recorded> {
  const out = new Map<string, Recorded>();
  if (!existsSync(path)) return out;
  for (const line of gunzipSync(readFileSync(path)).toString('utf8').split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line) as Recorded;
    out.set(r.verdict.id, r);
  }
  return out;
}

/** Corpus verdicts keep a hash of each object instead of the object (the corpus is not ours to copy). */
export function writeRecorded(path: string, rows: Recorded[], hashValues: boolean): void {
  const lines = rows.map((r) => {
    const verdict = hashValues
      ? { ...r.verdict, files: r.verdict.files.map((f) => ({ ...f, objects: f.objects.map(({ value, ...o }) => ({ ...o, sha256: sha256(String(value)) })) })) }
      : r.verdict;
    return JSON.stringify({ hash: r.hash, verdict });
  });
  writeFileSync(path, gzipSync(Buffer.from(lines.join('\n') + '\n'), { level: 9 }));
}

export interface Divergence {
  class: string;
  status: 'justified' | 'pending-fix';
  comparison: Comparison;
  reason: string;
  /** Minimal input that shows it, and what Kubernetes does with it. */
  example?: string;
  ids: string[];
}

export function readDivergences(): Divergence[] {
  return existsSync(DIVERGENCES) ? (JSON.parse(readFileSync(DIVERGENCES, 'utf8')) as Divergence[]) : [];
}

/** Whether a divergence entry (an item id, or an id prefix ending before a `|`) covers an item id. */
export function covers(entry: string, id: string): boolean {
  return id === entry || id.startsWith(entry + '|');
}

/**
 * Disagreements that no divergence entry lists, and entries that no longer match a disagreement
 * (stale). A stale `justified` entry is an error; a stale `pending-fix` entry means the fix landed and
 * the entry should be removed (reported in `fixed`, not an error, so a fix does not break the suite).
 */
/** A fast membership test: is an item id covered by an entry (exact or prefix) of the divergence file? */
/**
 * The item id of the original input for an item of a fixed input (`automount|fix/corpus/x|f#0` →
 * `automount|corpus/x|f#0`): a divergence listed for an input holds for it after satlint's fixes too.
 */
export function asOriginal(id: string): string {
  return id.replace(/^([^|]+)\|(?:fix|suggest)\//, '$1|');
}

export function listedIn(divergences: readonly Divergence[]): (id: string) => boolean {
  const exact = new Set(divergences.flatMap((d) => d.ids));
  const listed = (id: string): boolean => {
    if (exact.has(id)) return true;
    let cut = id.lastIndexOf('|');
    while (cut > 0) {
      if (exact.has(id.slice(0, cut))) return true;
      cut = id.lastIndexOf('|', cut - 1);
    }
    return false;
  };
  return (id: string): boolean => listed(id) || (asOriginal(id) !== id && listed(asOriginal(id)));
}

export function checkDivergences(items: readonly Item[], divergences: readonly Divergence[], scope: (id: string) => boolean): { unlisted: Item[]; stale: string[]; fixed: string[] } {
  const entries = divergences.flatMap((d) => d.ids.map((id) => ({ id, status: d.status })));
  const exact = new Set(entries.map((e) => e.id));
  const isListed = listedIn(divergences);
  // An entry is judged on the original inputs only (see asOriginal).
  const disagreeing = items.filter((i) => !i.agree && asOriginal(i.id) === i.id).map((i) => i.id);
  const hit = new Set<string>();
  for (const id of disagreeing) {
    if (exact.has(id)) hit.add(id);
    let cut = id.lastIndexOf('|');
    while (cut > 0) {
      const p = id.slice(0, cut);
      if (exact.has(p)) hit.add(p);
      cut = id.lastIndexOf('|', cut - 1);
    }
  }
  const inScope = entries.filter((e) => scope(e.id) && !hit.has(e.id));
  return {
    unlisted: items.filter((i) => !i.agree && !isListed(i.id)),
    stale: inScope.filter((e) => e.status === 'justified').map((e) => e.id),
    fixed: inScope.filter((e) => e.status === 'pending-fix').map((e) => e.id),
  };
}
