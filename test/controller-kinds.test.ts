import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { lint, rules } from '@satlint/core';
import { POD_SPEC_PATHS, formatPath } from '@satlint/core/adapter';

/**
 * Every rule that reads pod specs must find them in every controller kind. Which rules those are
 * is not kept here: every rule runs on every pod spec of examples/insecure (whose examples the
 * registry test requires to make each rule fire) and of test/fixtures/controller-kinds.yaml (pod
 * specs for rules whose example shows them elsewhere, named after what they show), and each rule
 * that reports inside a pod spec must report the same findings (message id and path inside the
 * pod spec) when that pod spec is carried by any other kind.
 */
const root = resolve(import.meta.dirname, '..');
const KINDS = Object.keys(POD_SPEC_PATHS);
const API_VERSIONS: Record<string, string> = { Pod: 'v1', PodTemplate: 'v1', ReplicationController: 'v1', Job: 'batch/v1', CronJob: 'batch/v1', DeploymentConfig: 'apps.openshift.io/v1' };
const EVERY_RULE = Object.fromEntries(rules.map((r) => [r.meta.id, 'error' as const]));

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (obj: unknown, path: readonly (string | number)[]): unknown => path.reduce<unknown>((o, k) => (isObj(o) ? o[String(k)] : undefined), obj);

/** A pod spec from a manifest, with the file's other objects (its service accounts, RBAC, Secrets). */
interface Fixture {
  name: string;
  kind: string;
  metadata: Obj;
  podMetadata: Obj;
  podSpec: Obj;
  context: string;
}

/** The documents of a file as Kubernetes reads them (YAML 1.1); none for a file satlint must refuse. */
function objectsOf(text: string): Obj[] {
  const docs = parseAllDocuments(text, { version: '1.1' });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return [];
  return docs.map((d) => d.toJS({ maxAliasCount: -1 }) as unknown).filter(isObj);
}

function fixturesOf(file: string): Fixture[] {
  const objects = objectsOf(readFileSync(file, 'utf8'));
  const out: Fixture[] = [];
  objects.forEach((obj, i) => {
    const path = typeof obj['kind'] === 'string' ? POD_SPEC_PATHS[obj['kind']] : undefined;
    const podSpec = path && at(obj, path);
    if (!path || !isObj(podSpec)) return;
    const podMetadata = at(obj, [...path.slice(0, -1), 'metadata']);
    const others = objects.filter((_, j) => j !== i);
    out.push({
      name: `${file.slice(root.length + 1)} ${obj['kind']} ${String(at(obj, ['metadata', 'name']))}`,
      kind: obj['kind'] as string,
      metadata: isObj(obj['metadata']) ? obj['metadata'] : {},
      podMetadata: isObj(podMetadata) ? podMetadata : {},
      podSpec,
      context: others.map((o) => stringify(o, { version: '1.1' })).join('---\n'),
    });
  });
  return out;
}

/** The fixture's pod spec carried by `kind`: a Pod keeps the pod metadata as its own. */
function carriedBy(kind: string, f: Fixture): Obj {
  const path = POD_SPEC_PATHS[kind]!;
  const { labels, annotations } = f.podMetadata;
  const podMetadata = { ...(labels !== undefined ? { labels } : {}), ...(annotations !== undefined ? { annotations } : {}) };
  const obj: Obj = { apiVersion: API_VERSIONS[kind] ?? 'apps/v1', kind, metadata: kind === 'Pod' ? { ...f.metadata, ...podMetadata } : f.metadata };
  let cur = obj;
  path.forEach((seg, i) => {
    if (i === path.length - 1) cur[String(seg)] = f.podSpec;
    else cur = (cur[String(seg)] ??= {}) as Obj;
  });
  if (kind !== 'Pod' && Object.keys(podMetadata).length > 0) (at(obj, path.slice(0, -1)) as Obj)['metadata'] = podMetadata;
  return obj;
}

/** `ruleId messageId path-inside-the-pod-spec` of each finding inside the pod spec, sorted. */
function podSpecFindings(kind: string, f: Fixture): string[] {
  const sources = [{ path: 'pod.yaml', text: stringify(carriedBy(kind, f), { version: '1.1' }) }];
  if (f.context !== '') sources.push({ path: 'context.yaml', text: f.context });
  const [r] = lint(sources, { config: { extends: undefined, rules: EVERY_RULE } });
  const prefix = formatPath(POD_SPEC_PATHS[kind]!);
  return r!.messages
    .filter((m) => m.path !== undefined && (m.path === prefix || m.path.startsWith(`${prefix}.`) || m.path.startsWith(`${prefix}[`)))
    .map((m) => `${m.ruleId} ${m.messageId} ${m.path!.slice(prefix.length)}`)
    .sort();
}

const exampleDir = join(root, 'examples/insecure');
const fixtures = [
  ...readdirSync(exampleDir).filter((f) => /\.ya?ml$/.test(f)).sort().flatMap((f) => fixturesOf(join(exampleDir, f))),
  ...fixturesOf(join(root, 'test/fixtures/controller-kinds.yaml')),
];
const cases = fixtures.map((f) => {
  const found = podSpecFindings(f.kind, f);
  return { fixture: f, found, rules: [...new Set(found.map((line) => line.split(' ')[0]!))] };
});
const covered = new Set(cases.flatMap((c) => c.rules));

describe('pod-spec rules see every controller kind', () => {
  it('finds the pod specs, and every one of test/fixtures/controller-kinds.yaml makes a rule report inside it', () => {
    expect(cases.filter((c) => c.rules.length > 0).length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.fixture.name.startsWith('test/') && c.rules.length === 0).map((c) => c.fixture.name)).toEqual([]);
    expect(covered.size).toBeGreaterThan(0);
  });
  for (const c of cases.filter((x) => x.rules.length > 0)) {
    it.each(KINDS)(`${c.fixture.name} (${c.rules.join(', ')}) as a %s`, (kind) => {
      const found = podSpecFindings(kind, c.fixture).filter((line) => c.rules.includes(line.split(' ')[0]!));
      expect(found).toEqual(c.found);
    });
  }
});
