/**
 * Fixes judged by Kubernetes (issue 18): every input of the comparison is linted with `--fix` (the
 * default kinds, `problem` and `migration`) and, separately, with every suggestion applied; each
 * changed input becomes a case of its own (`fix/…`, `suggest/…`) that the oracle answers like any
 * other. The `fix` comparison then holds satlint to two promises per pod of a changed input:
 * - Kubernetes' pod validation (ValidatePodCreate after admission) finds no error in the fixed pod
 *   that it did not find in the original;
 * - a pod that had an API token and whose account is granted permissions by the input still holds
 *   one after `--fix` (admission mounts it, or the migration's projected token is mounted at the
 *   service-account directory in every container that had it).
 */
import { Inventory, lint, parseManifests, resourcesOf } from '@satlint/core';
import type { Resource } from '@satlint/core';
import { serviceAccountIdentity } from '../../packages/core/src/rbac/index.js';
import { containersOf, podSpecsOf, serviceAccountOf } from '../../packages/core/src/model/index.js';
import { withoutTrailingSlashes } from '../../packages/core/src/path.js';
import type { Case, OracleVerdict } from './types.js';
import { compareCase, type Item } from './compare.js';

export type FixVariant = 'fix' | 'suggest';
const VARIANTS: Record<FixVariant, readonly ('problem' | 'migration' | 'suggestion')[]> = { fix: ['problem', 'migration'], suggest: ['suggestion'] };

/** The cases whose text a fix of `variant` changes, with the fixed text. */
export function fixedCases(cases: readonly Case[]): Case[] {
  const out: Case[] = [];
  for (const c of cases) {
    for (const variant of Object.keys(VARIANTS) as FixVariant[]) {
      const results = lint(c.files, { fix: true, fixTypes: VARIANTS[variant] });
      const files = c.files.map((f, i) => ({ path: f.path, text: results[i]?.output ?? f.text }));
      if (files.some((f, i) => f.text !== c.files[i]!.text)) out.push({ id: `${variant}/${c.id}`, files });
    }
  }
  return out;
}

/** The original case id of a fixed case, or undefined. */
export function originalOf(id: string): { variant: FixVariant; id: string } | undefined {
  const m = /^(fix|suggest)\/(.*)$/.exec(id);
  return m ? { variant: m[1] as FixVariant, id: m[2]! } : undefined;
}

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

// Each file parsed, and each case's inventory built, once: pods are judged one by one, and a corpus
// project holds hundreds of files (re-reading them per pod made the comparison quadratic).
const parsedFiles = new WeakMap<{ path: string; text: string }, Resource[]>();
function resourcesOfFile(f: { path: string; text: string }): Resource[] {
  let r = parsedFiles.get(f);
  if (!r) parsedFiles.set(f, (r = resourcesOf(parseManifests(f.text, f.path))));
  return r;
}
const inventories = new WeakMap<Case, Inventory>();
function inventoryOf(c: Case): Inventory {
  let inv = inventories.get(c);
  if (!inv) inventories.set(c, (inv = new Inventory(c.files.flatMap(resourcesOfFile))));
  return inv;
}

/** satlint's resource for object `object` of `file` in the oracle's verdict (matched by kind, namespace and name). */
function resourceFor(c: Case, v: OracleVerdict, file: string, object: number): Resource | undefined {
  const f = c.files.find((x) => x.path === file);
  const o = v.files.find((x) => x.path === file)?.objects[object];
  if (!f || !o) return undefined;
  return resourcesOfFile(f).find((r) => r.kind === o.kind && r.name === o.name && (r.namespace ?? '') === (o.namespace || (r.namespace ?? '')));
}

/** Containers (`containers/NAME`, as the oracle names them) of the fixed object that read a projected serviceAccountToken volume at the service-account directory. */
function projectedTokenContainers(r: Resource | undefined): Set<string> {
  const names = new Set<string>();
  if (!r) return names;
  for (const pod of podSpecsOf(r)) {
    const volumes = Array.isArray(pod.spec['volumes']) ? (pod.spec['volumes'] as Record<string, unknown>[]) : [];
    const tokenVolumes = new Set(
      volumes
        .filter((v) => {
          const sources = (v?.['projected'] as { sources?: unknown[] } | undefined)?.sources;
          return Array.isArray(sources) && sources.some((s) => typeof s === 'object' && s !== null && 'serviceAccountToken' in s);
        })
        .map((v) => String(v['name'])),
    );
    for (const ct of containersOf(pod)) {
      const mounts = Array.isArray(ct.container['volumeMounts']) ? (ct.container['volumeMounts'] as Record<string, unknown>[]) : [];
      if (mounts.some((m) => tokenVolumes.has(String(m?.['name'])) && withoutTrailingSlashes(String(m?.['mountPath'])) === SA_DIR)) names.add(`${ct.group}/${ct.name}`);
    }
  }
  return names;
}

/** Whether the original input grants the pod's account permissions (what makes `--fix` keep its token). */
function accountHasGrants(c: Case, r: Resource | undefined): boolean {
  if (!r) return false;
  const inv = inventoryOf(c);
  return podSpecsOf(r).some((pod) => {
    const sa = serviceAccountOf(r, pod);
    return inv.rbac.bindingsFor(serviceAccountIdentity(sa.namespace, sa.name)).some(({ binding }) => !binding.bootstrapping && inv.rbac.roleOf(binding) !== undefined);
  });
}

/** The `fix` comparison of one fixed case against its original's verdict. */
export function compareFixed(original: Case, fixed: Case, before: OracleVerdict, after: OracleVerdict): Item[] {
  const variant = originalOf(fixed.id)!.variant;
  const items: Item[] = [];
  const key = (e: { field: string; type: string }) => `${e.field} ${e.type}`;
  // Pods are matched by identity: a suggestion that inserts a document (a dedicated ServiceAccount) moves the objects after it.
  // (The n-th object of an identity in its file: a stream may define one name several times.)
  const ident = (v: OracleVerdict, file: string, object: number) => {
    const objects = v.files.find((f) => f.path === file)?.objects ?? [];
    const o = objects[object];
    if (!o) return `${file}#${object}`;
    const same = (x: (typeof objects)[number]) => x.apiVersion === o.apiVersion && x.kind === o.kind && x.namespace === o.namespace && x.name === o.name;
    return `${file}|${o.apiVersion}|${o.kind}|${o.namespace}|${o.name}|${objects.slice(0, object).filter(same).length}`;
  };
  const beforeByIdent = new Map(before.pods.map((x) => [ident(before, x.file, x.object), x]));
  for (const p of after.pods) {
    const q = beforeByIdent.get(ident(after, p.file, p.object));
    const id = `fix|${fixed.id}|${p.file}#${p.object}`;
    if (!q) {
      items.push({ comparison: 'fix', id, agree: false, kubernetes: { pod: 'not in the original' }, satlint: {} });
      continue;
    }
    const known = new Set((q.validation ?? []).map(key));
    const added = (p.validation ?? []).filter((e) => !known.has(key(e)));
    const refusedNow = p.refused !== undefined && q.refused === undefined;
    let lostToken = false;
    if (variant === 'fix' && (q.admission?.mounted.length ?? 0) > 0 && accountHasGrants(original, resourceFor(original, before, q.file, q.object))) {
      const projected = projectedTokenContainers(resourceFor(fixed, after, p.file, p.object));
      const admitted = new Set(p.admission?.mounted ?? []);
      lostToken = q.admission!.mounted.some((ct) => !admitted.has(ct) && !projected.has(ct));
    }
    const agree = added.length === 0 && !refusedNow && !lostToken;
    items.push({ comparison: 'fix', id, agree, ...(agree ? {} : { kubernetes: { newValidationErrors: added, refused: p.refused, mountedBefore: q.admission?.mounted, mountedAfter: p.admission?.mounted }, satlint: { lostToken } }) });
  }
  return items;
}

/** The file an item is about (`automount|case|file#3` → `file`). */
function fileOf(item: Item, caseId: string): string {
  const rest = item.id.slice(item.comparison.length + 1 + caseId.length + 1);
  return rest.split('|')[0]!.replace(/#\d+$/, '');
}

/**
 * Every comparison of `cases` (originals and fixed variants, as fixedCases makes them): each case
 * with compareCase; a fixed case's items only for files whose original agreed with Kubernetes on
 * every comparison (a fix moves objects, so a known disagreement cannot be matched to its entry),
 * and the `fix` comparison of each fixed case against its original, on those files too (in a file
 * Kubernetes splits or refuses differently, the pods of the two runs cannot be paired).
 */
export function compareWithFixed(cases: readonly Case[], verdictOf: (id: string) => OracleVerdict): Item[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const items: Item[] = [];
  const disagreeingFiles = new Map<string, Set<string>>();
  for (const c of cases) {
    if (originalOf(c.id)) continue;
    const own = compareCase(c, verdictOf(c.id));
    disagreeingFiles.set(c.id, new Set(own.filter((i) => !i.agree).map((i) => fileOf(i, c.id))));
    items.push(...own);
  }
  for (const c of cases) {
    const o = originalOf(c.id);
    if (!o) continue;
    const bad = disagreeingFiles.get(o.id) ?? new Set<string>();
    items.push(...compareCase(c, verdictOf(c.id)).filter((i) => !bad.has(fileOf(i, c.id))));
    items.push(...compareFixed(byId.get(o.id)!, c, verdictOf(o.id), verdictOf(c.id)).filter((i) => !bad.has(fileOf(i, c.id))));
  }
  return items;
}
