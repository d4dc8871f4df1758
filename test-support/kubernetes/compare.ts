/**
 * satlint's side of the differential comparison with Kubernetes' own code: the same questions the
 * Go oracle answers (conformance/kubernetes/cmd/oracle), answered through satlint's public reading
 * (parseManifests, resourcesOf, lint, canI, the control-plane flag model), and the comparison.
 */
import { createHash } from 'node:crypto';
import { canI, Inventory, lint, parseManifests, resourcesOf } from '@satlint/core';
import type { LintMessage, Resource } from '@satlint/core';
import { componentConfigs } from '../../packages/core/src/model/components.js';
import { podSpecsOf } from '../../packages/core/src/model/pod-spec.js';
import { tokenMountTargets } from '../../packages/core/src/inventory/index.js';
import { parseGoDuration } from '../../packages/core/src/model/command.js';
import type { Case, OracleVerdict } from './types.js';
import { CANI_RESOURCES } from './generate.js';

export const COMPARISONS = ['decode', 'objects', 'automount', 'containers', 'rbac', 'validation', 'flags', 'fix'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** One compared item: its id (`comparison|case|item`), whether the two sides agree, and both answers when not. */
export interface Item {
  comparison: Comparison;
  id: string;
  agree: boolean;
  kubernetes?: unknown;
  satlint?: unknown;
}

/** JSON text as Go's encoding/json writes an unstructured object (keys in byte order, U+2028/9 escaped, no HTML escaping). */
export function goJson(value: unknown): string {
  const enc = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    if (typeof v === 'string') return JSON.stringify(v).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (Array.isArray(v)) return '[' + v.map(enc).join(',') + ']';
    if (v instanceof Date) return JSON.stringify(v.toISOString());
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return '{' + keys.map((k) => enc(k) + ':' + enc(o[k])).join(',') + '}';
  };
  return enc(value);
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** The hash that ties a recorded verdict to the exact input it was recorded for. */
export function caseHash(c: Case): string {
  return sha256(JSON.stringify({ files: c.files.map((f) => [f.path, sha256(f.text)]), canI: c.canI ?? null }));
}

function identity(r: Resource): { apiVersion: string; kind: string; namespace: string; name: string } {
  const md = r.object['metadata'];
  const m = md && typeof md === 'object' && !Array.isArray(md) ? (md as Record<string, unknown>) : {};
  return {
    apiVersion: r.apiVersion,
    kind: r.kind,
    namespace: typeof m['namespace'] === 'string' ? m['namespace'] : '',
    name: typeof m['name'] === 'string' ? m['name'] : '',
  };
}

const idOf = (o: { apiVersion: string; kind: string; namespace: string; name: string }): string => `${o.apiVersion}/${o.kind}/${o.namespace}/${o.name}`;

/** Validation errors that are about service-account token sources, projected volumes and the mounts of volumes. */
const TOKEN_FIELD = /\.projected\b|serviceAccountToken|volumeMounts\[\d+\]\.name/;
/** satlint findings that say the API server rejects the pod because of its token volumes. */
const REJECTION_RULES = new Set(['projected-token-mount', 'projected-token-expiration', 'valid-token-fields']);
const REJECTION_TEXT = /\breject|never starts/i;

const BOOL_FLAGS = new Set(['service-account-lookup', 'service-account-extend-token-expiration', 'use-service-account-credentials']);
const DURATION_FLAGS = new Set(['service-account-max-token-expiration']);
/** The flags satlint's rules read, per binary. */
export const FLAGS_OF_INTEREST: Record<string, readonly string[]> = {
  'kube-apiserver': ['service-account-issuer', 'service-account-jwks-uri', 'service-account-signing-key-file', 'service-account-key-file', 'service-account-lookup', 'disable-admission-plugins', 'service-account-extend-token-expiration', 'service-account-max-token-expiration'],
  'kube-controller-manager': ['use-service-account-credentials', 'service-account-private-key-file', 'root-ca-file'],
};

/** pflag's errors for a word that is no flag of the set's syntax: a shorthand it lacks, `---x`, `-v` without a value. */
const FLAG_SYNTAX_ERROR = /unknown shorthand flag|bad flag syntax|flag needs an argument: '/;

/** Go's strconv.ParseBool. */
function goBool(s: string): string {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return 'true';
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return 'false';
  return `invalid(${s})`;
}

/** Flags that pflag keeps as lists: stringArray (every occurrence, commas kept) and stringSlice (comma-split, every occurrence). */
const ARRAY_FLAGS = new Set(['service-account-issuer', 'service-account-key-file']);
const SLICE_FLAGS = new Set(['disable-admission-plugins']);

/** pflag prints stringArray/stringSlice values as `[` + CSV + `]`. */
function pflagList(s: string): string[] {
  const body = s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
  if (body === '') return [];
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function normalizeKube(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (DURATION_FLAGS.has(name)) return String(parseGoDuration(v));
  if (ARRAY_FLAGS.has(name) || SLICE_FLAGS.has(name)) return JSON.stringify(pflagList(v));
  return v;
}

/** satlint's reading of a flag: the last occurrence, or for list flags every occurrence (split on commas for stringSlice flags). */
function satlintValue(name: string, occurrences: readonly { value: string }[] | undefined): string | undefined {
  if (!occurrences || occurrences.length === 0) return undefined;
  // pflag prints a list holding one empty string as `[]` (its CSV is empty): the oracle's value cannot tell [""] from [].
  const printed = (list: string[]): string => JSON.stringify(list.length === 1 && list[0] === '' ? [] : list);
  if (ARRAY_FLAGS.has(name)) return printed(occurrences.map((o) => o.value));
  if (SLICE_FLAGS.has(name)) return printed(occurrences.flatMap((o) => (o.value === '' ? [] : o.value.split(','))));
  const v = occurrences[occurrences.length - 1]!.value;
  if (BOOL_FLAGS.has(name)) return goBool(v);
  if (DURATION_FLAGS.has(name)) return String(parseGoDuration(v));
  return v;
}

/** A finding on this resource: of its identity, and within its document's lines (one file may define an identity more than once). */
const sameResource = (m: LintMessage, r: Resource): boolean =>
  !!m.resource &&
  m.resource.kind === r.kind &&
  m.resource.apiVersion === r.apiVersion &&
  m.resource.name === r.name &&
  (m.resource.namespace ?? undefined) === (r.namespace ?? undefined) &&
  m.line >= r.file.position(r.document.range[0]).line &&
  m.line <= r.file.position(r.document.range[1]).line;

/** RULES.md's static pod: a kube-system Pod labelled tier: control-plane or with a control-plane component label, or a mirror pod. */
function staticPodByRules(r: Resource): boolean {
  if (r.kind !== 'Pod') return false;
  const md = (r.object['metadata'] ?? {}) as Record<string, unknown>;
  const labels = (md['labels'] ?? {}) as Record<string, unknown>;
  const annotations = (md['annotations'] ?? {}) as Record<string, unknown>;
  if (annotations && typeof annotations === 'object' && 'kubernetes.io/config.mirror' in annotations) return true;
  return r.namespace === 'kube-system' && (labels['tier'] === 'control-plane' || ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'].includes(String(labels['component'])));
}

function containerCount(r: Resource): number {
  const spec = (r.kind === 'Pod' ? r.object['spec'] : undefined) as Record<string, unknown> | undefined;
  const t = spec ?? findTemplateSpec(r.object);
  return Array.isArray(t?.['containers']) ? (t['containers'] as unknown[]).length : 0;
}

function findTemplateSpec(o: Record<string, unknown>): Record<string, unknown> | undefined {
  const get = (x: unknown, ...path: string[]): unknown => path.reduce<unknown>((y, k) => (y && typeof y === 'object' ? (y as Record<string, unknown>)[k] : undefined), x);
  const spec = get(o, 'spec', 'template', 'spec') ?? get(o, 'template', 'spec') ?? get(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec');
  return spec && typeof spec === 'object' ? (spec as Record<string, unknown>) : undefined;
}

/** Compares satlint with one oracle verdict of a case. */
export function compareCase(c: Case, v: OracleVerdict): Item[] {
  const items: Item[] = [];
  const parsed = c.files.map((f) => parseManifests(f.text, f.path));
  const perFile = parsed.map((p) => resourcesOf(p));
  const all = perFile.flat();
  const results = lint(c.files);
  // Findings per file: two files may define objects of one identity (a chart's variants), each judged on its own.
  const messagesOf = new Map(results.map((r) => [r.filePath, r.messages]));

  // decode + objects, per file
  const resourceAt = new Map<string, Resource>();
  v.files.forEach((fv, fi) => {
    const mine = perFile[fi] ?? [];
    const kubeIds = fv.objects.map(idOf);
    const satIds = mine.map((r) => idOf(identity(r)));
    const kubeRefuses = fv.errors.length > 0;
    const satRefuses = parsed[fi]!.problems.some((p) => p.severity === 'fatal');
    const sameList = kubeIds.length === satIds.length && kubeIds.every((k, i) => k === satIds[i]);
    items.push({
      comparison: 'objects',
      id: `objects|${c.id}|${fv.path}`,
      agree: sameList && kubeRefuses === satRefuses,
      ...(sameList && kubeRefuses === satRefuses ? {} : { kubernetes: { objects: kubeIds, errors: fv.errors }, satlint: { objects: satIds, fatal: parsed[fi]!.problems.filter((p) => p.severity === 'fatal').map((p) => p.message) } }),
    });
    const used = new Set<number>();
    fv.objects.forEach((o, oi) => {
      const k = idOf(o);
      const j = satIds.findIndex((s, idx) => s === k && !used.has(idx));
      if (j < 0) return;
      used.add(j);
      const r = mine[j]!;
      resourceAt.set(`${fv.path}#${oi}`, r);
      // The decoded document as satlint read it (resourcesOf may leave server-written fields out of r.object).
      const decoded = r.basePath.reduce<unknown>((x, seg) => (x && typeof x === 'object' ? (x as Record<string | number, unknown>)[seg] : undefined), r.document.value) ?? r.object;
      const text = goJson(decoded);
      const kubeHash = o.sha256 ?? sha256(String(o.value));
      const agree = sha256(text) === kubeHash;
      items.push({ comparison: 'decode', id: `decode|${c.id}|${fv.path}#${oi}`, agree, ...(agree ? {} : { kubernetes: o.value ?? o.sha256, satlint: text }) });
    });
  });

  // automount and validation, per pod
  for (const p of v.pods) {
    const r = resourceAt.get(`${p.file}#${p.object}`);
    const key = `${c.id}|${p.file}#${p.object}`;
    const messages = messagesOf.get(p.file) ?? [];
    const satToken = r ? messages.some((m) => m.ruleId === 'no-automount-token' && sameResource(m, r)) : false;
    let kubeToken = false;
    let why = '';
    if (p.refused) why = `refused: ${p.refused}`;
    else if (p.admission?.error) why = `admission: ${p.admission.error}`;
    else kubeToken = (p.admission?.mounted.length ?? 0) > 0;
    items.push({
      comparison: 'automount',
      id: `automount|${key}`,
      agree: kubeToken === satToken,
      ...(kubeToken === satToken
        ? {}
        : {
            kubernetes: { token: kubeToken, mounted: p.admission?.mounted, why, asMirror: p.asMirror, serviceAccountInInput: p.serviceAccountInInput },
            satlint: { token: satToken, resource: r ? idOf(identity(r)) : null, staticPodByRules: r ? staticPodByRules(r) : false, containers: r ? containerCount(r) : null },
          }),
    });
    // Which containers get the token mount, for a pod both sides give one.
    if (kubeToken && satToken && r) {
      const pod = podSpecsOf(r)[0];
      const kube = [...(p.admission?.mounted ?? [])].sort();
      const sat = pod ? tokenMountTargets(pod).map((c) => `${c.group}/${c.name}`).sort() : [];
      const agree = kube.length === sat.length && kube.every((k, i) => k === sat[i]);
      items.push({ comparison: 'containers', id: `containers|${key}`, agree, ...(agree ? {} : { kubernetes: kube, satlint: sat }) });
    }
    if (p.refused || p.admission?.error) continue;
    const kubeRejects = (p.validation ?? []).filter((e) => TOKEN_FIELD.test(e.field));
    const satRejects = r ? messages.filter((m) => m.ruleId !== null && REJECTION_RULES.has(m.ruleId) && sameResource(m, r) && REJECTION_TEXT.test(m.message)) : [];
    const agree = kubeRejects.length > 0 === satRejects.length > 0;
    items.push({
      comparison: 'validation',
      id: `validation|${key}`,
      agree,
      ...(agree ? {} : { kubernetes: kubeRejects, satlint: satRejects.map((m) => `${m.ruleId}: ${m.message}`) }),
    });
  }

  // control-plane flags
  for (const f of v.flags) {
    const r = resourceAt.get(`${f.file}#${f.object}`);
    const binary = f.binary as 'kube-apiserver' | 'kube-controller-manager';
    const configs = r ? componentConfigs(r, binary) : [];
    const config = f.where.includes('extraArgs') ? configs.find((x) => x.source === 'kubeadm') : configs.find((x) => x.source === 'static-pod');
    // Words pflag refuses as flags (one dash, `---x`): satlint says the binary does not start exactly
    // when the binary's own parser stops at one of them. A line the binary refuses for another
    // reason first (an unknown flag, a bad value) is not compared.
    const kubeRefusesWord = !!f.error && FLAG_SYNTAX_ERROR.test(f.error);
    const satRefusesWord = (config?.refused.length ?? 0) > 0;
    if (kubeRefusesWord || (satRefusesWord && !f.error)) {
      const agree = kubeRefusesWord === satRefusesWord;
      items.push({ comparison: 'flags', id: `flags|${c.id}|${f.file}#${f.object}|${f.where}|refused`, agree, ...(agree ? {} : { kubernetes: f.error ?? null, satlint: config?.refused.map((w) => w.value) ?? null, args: f.args }) });
    }
    if (f.error) continue; // the binary refuses the command line: counted by the caller, its values not compared
    for (const name of FLAGS_OF_INTEREST[binary] ?? []) {
      const kube = normalizeKube(name, f.values[name]);
      const sat = config ? satlintValue(name, config.flags.get(name)) : undefined;
      const agree = kube === sat;
      items.push({ comparison: 'flags', id: `flags|${c.id}|${f.file}#${f.object}|${f.where}|${name}`, agree, ...(agree ? {} : { kubernetes: kube ?? null, satlint: sat ?? null, args: f.args }) });
    }
  }

  // RBAC: every question, through satlint's canI, in one process
  if (c.canI && v.canI !== undefined) {
    const answers = canIAnswers(c, all);
    const kube = v.canI;
    let i = 0;
    for (const s of c.canI.subjects)
      for (const verb of c.canI.verbs)
        for (const res of c.canI.resources)
          for (const ns of c.canI.namespaces) {
            const agree = answers[i] === kube[i];
            items.push({ comparison: 'rbac', id: `rbac|${c.id}|${s}|${verb}|${specOf(res)}|${res.cluster ? '' : ns}`, agree, ...(agree ? {} : { kubernetes: kube[i] === '1', satlint: answers[i] === '1' }) });
            i++;
          }
  }
  return items;
}

function specOf(res: { group: string; resource: string; subresource?: string; name?: string }): string {
  const found = CANI_RESOURCES.find((x) => x.group === res.group && x.resource === res.resource && x.subresource === res.subresource && x.name === res.name);
  return found?.spec ?? `${res.resource}${res.group ? '.' + res.group : ''}${res.subresource ? '/' + res.subresource : ''}`;
}

/** satlint's answers, one character per question, in the oracle's order. */
export function canIAnswers(c: Case, resources: Resource[]): string {
  const inventory = new Inventory(resources);
  const q = c.canI!;
  let out = '';
  for (const s of q.subjects) {
    const [user, groups] = s.split('|');
    const subject = groups !== undefined || !user!.startsWith('system:serviceaccount:') ? { user: user!, groups: [...(groups ? groups.split(',') : []), 'system:authenticated'] } : user!;
    for (const verb of q.verbs)
      for (const res of q.resources) {
        const spec = specOf(res).split('#')[0]!;
        for (const ns of q.namespaces) out += canI(inventory, subject, verb, spec, ns, res.name).allowed ? '1' : '0';
      }
  }
  return out;
}

/** Agreement counts per comparison. */
export function tally(items: readonly Item[]): Record<Comparison, { compared: number; agree: number }> {
  const t = Object.fromEntries(COMPARISONS.map((c) => [c, { compared: 0, agree: 0 }])) as Record<Comparison, { compared: number; agree: number }>;
  for (const it of items) {
    t[it.comparison].compared++;
    if (it.agree) t[it.comparison].agree++;
  }
  return t;
}
