/** The shared real-world corpus as comparison cases: one case per project (its files linted together). */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Case } from './types.js';
import { plainCorpusFiles } from '../corpus-files.mjs';
import { CANI_RESOURCES, CANI_VERBS } from './generate.js';

export const CORPUS_DIR = resolve(import.meta.dirname, '../../../shared/corpus');

export function corpusAvailable(): boolean {
  return existsSync(join(CORPUS_DIR, 'FILES.tsv'));
}

/**
 * Every plain file of ../shared/corpus, grouped by project. The can-i questions ask about every
 * service account the project names (ServiceAccount objects, pods' serviceAccountName, binding
 * subjects), found with the `yaml` package (question selection only: the answers come from the
 * two sides under comparison), × every verb × every resource × the project's namespaces.
 */
export function corpusCases(): Case[] {
  const rows: string[] = plainCorpusFiles(CORPUS_DIR);
  const byProject = new Map<string, string[]>();
  for (const f of rows) {
    const p = f.split('/')[0]!;
    byProject.set(p, [...(byProject.get(p) ?? []), f]);
  }
  const out: Case[] = [];
  for (const [project, files] of [...byProject].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const texts = files.map((f) => ({ path: f, text: readFileSync(join(CORPUS_DIR, f), 'utf8') }));
    const accounts = new Set<string>();
    const namespaces = new Set<string>(['default']);
    const visit = (o: unknown): void => {
      if (!o || typeof o !== 'object' || Array.isArray(o)) return;
      const obj = o as Record<string, unknown>;
      if (Array.isArray(obj['items'])) obj['items'].forEach(visit);
      const md = (obj['metadata'] ?? {}) as Record<string, unknown>;
      const ns = typeof md['namespace'] === 'string' && md['namespace'] ? md['namespace'] : 'default';
      if (obj['kind'] === 'ServiceAccount' && typeof md['name'] === 'string') accounts.add(`${ns}:${md['name']}`);
      const spec = findPodSpec(obj);
      if (spec) {
        const sa = typeof spec['serviceAccountName'] === 'string' && spec['serviceAccountName'] ? spec['serviceAccountName'] : typeof spec['serviceAccount'] === 'string' && spec['serviceAccount'] ? spec['serviceAccount'] : 'default';
        accounts.add(`${ns}:${sa}`);
      }
      if (Array.isArray(obj['subjects'])) {
        for (const s of obj['subjects'] as Record<string, unknown>[]) {
          if (s && s['kind'] === 'ServiceAccount' && typeof s['name'] === 'string') accounts.add(`${typeof s['namespace'] === 'string' && s['namespace'] ? s['namespace'] : ns}:${s['name']}`);
        }
      }
    };
    for (const t of texts) {
      try {
        for (const d of parseAllDocuments(t.text, { version: '1.1', uniqueKeys: false, merge: true, logLevel: 'error' })) {
          if ('errors' in d && d.errors.length === 0) visit(d.toJS({ maxAliasCount: 1000 }));
        }
      } catch {
        // question selection only
      }
    }
    for (const a of accounts) namespaces.add(a.split(':')[0]!);
    const subjects = [...accounts].sort().map((a) => `system:serviceaccount:${a}`);
    out.push({
      id: `corpus/${project}`,
      files: texts,
      canI: subjects.length ? { subjects, verbs: CANI_VERBS, resources: CANI_RESOURCES.map(({ spec: _s, ...rest }) => rest), namespaces: [...namespaces].sort().slice(0, 6) } : undefined,
    } as Case);
  }
  return out;
}

function findPodSpec(obj: Record<string, unknown>): Record<string, unknown> | undefined {
  const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);
  const kind = obj['kind'];
  const spec =
    kind === 'Pod' ? get(obj, 'spec') : kind === 'CronJob' ? get(obj, 'spec', 'jobTemplate', 'spec', 'template', 'spec') : kind === 'PodTemplate' ? get(obj, 'template', 'spec') : get(obj, 'spec', 'template', 'spec');
  return spec && typeof spec === 'object' && !Array.isArray(spec) && ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'PodTemplate'].includes(String(kind)) ? (spec as Record<string, unknown>) : undefined;
}
