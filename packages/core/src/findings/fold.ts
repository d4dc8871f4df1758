import type { JsonPath, RelatedLocation, Resource } from '../types.js';
import { formatPath } from '../path.js';
import { describeInstances, pathsNest, templateRelativePath, type Owners } from '../owners/index.js';
import type { Finding } from './types.js';

/**
 * A cluster export holds each workload several times: the Deployment, its ReplicaSets and their
 * Pods (or CronJob → Job → Pod, StatefulSet/DaemonSet → Pod). A finding on an object that something
 * in the input controls is folded into the same rule's finding on the topmost controller, at the
 * same place in the pod template; the instances become its related locations and the message
 * counts the pods. Where the top controller has no such finding (an old ReplicaSet's template, a
 * field only the pods have), the instances are reported once, at the highest of them.
 */
export function foldOwned(findings: Finding[], owners: Owners, resources: readonly Resource[]): { kept: Finding[]; instances: ReadonlySet<Resource> } {
  const instances = new Set<Resource>();
  for (const r of resources) if (owners.controllerOf(r)) instances.add(r);
  if (instances.size === 0) return { kept: findings, instances };
  const atTop = new Map<Resource, Finding[]>();
  const owned: { finding: Finding; chain: Resource[]; rel: JsonPath }[] = [];
  for (const f of findings) {
    if (!f.resource) continue;
    if (instances.has(f.resource)) {
      owned.push({ finding: f, chain: owners.chainOf(f.resource), rel: templateRelativePath(f.resource.kind, f.path) });
    } else {
      const list = atTop.get(f.resource);
      if (list) list.push(f);
      else atTop.set(f.resource, [f]);
    }
  }
  if (owned.length === 0) return { kept: findings, instances };
  const attached = new Map<Finding, Finding[]>();
  const attach = (to: Finding, f: Finding) => {
    const list = attached.get(to);
    if (list) list.push(f);
    else attached.set(to, [f]);
  };
  const pending = new Map<Resource, Map<string, { finding: Finding; depth: number }[]>>();
  for (const { finding, chain, rel } of owned) {
    const top = chain[chain.length - 1]!;
    let best: Finding | undefined;
    let bestLength = -1;
    for (const c of atTop.get(top) ?? []) {
      if (c.rule !== finding.rule) continue;
      const topRel = templateRelativePath(top.kind, c.path);
      if (!pathsNest(topRel, rel)) continue;
      const common = Math.min(topRel.length, rel.length);
      if (common > bestLength) {
        best = c;
        bestLength = common;
      }
    }
    if (best) {
      attach(best, finding);
      continue;
    }
    let byKey = pending.get(top);
    if (!byKey) pending.set(top, (byKey = new Map()));
    const key = `${finding.rule.meta.id}\u0000${formatPath(rel)}`;
    const group = byKey.get(key);
    const entry = { finding, depth: chain.length };
    if (group) group.push(entry);
    else byKey.set(key, [entry]);
  }
  const dropped = new Set<Finding>();
  for (const f of attached.values()) for (const x of f) dropped.add(x);
  for (const byKey of pending.values()) {
    for (const group of byKey.values()) {
      // The highest object in the chain speaks for the group (a ReplicaSet before its Pods); the
      // sort is stable, so input order decides between equals.
      const sorted = [...group].sort((a, b) => a.depth - b.depth);
      const rep = sorted[0]!.finding;
      for (const { finding } of sorted.slice(1)) {
        attach(rep, finding);
        dropped.add(finding);
      }
    }
  }
  for (const [rep, list] of attached) {
    const pods = list.filter((f) => f.resource?.kind === 'Pod').map((f) => f.resource!);
    const counted = describeInstances(pods, rep.resource?.kind === 'Pod');
    if (counted) rep.message.message += ` (and ${counted})`;
    rep.message.relatedLocations = list.map(relatedLocation);
  }
  return { kept: findings.filter((f) => !dropped.has(f)), instances };
}

function relatedLocation(f: Finding): RelatedLocation {
  const m = f.message;
  return {
    filePath: f.file.path,
    line: m.line,
    column: m.column,
    endLine: m.endLine ?? m.line,
    endColumn: m.endColumn ?? m.column,
    ...(m.resource ? { resource: m.resource } : {}),
    ...(m.path !== undefined ? { path: m.path } : {}),
    message: m.message,
  };
}

