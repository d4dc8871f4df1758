import type { LintMessage, PathObject } from '../types.js';

/** A node of an attack-path graph: one object or permission set, in one layer. */
export interface GraphNode {
  id: string;
  layer: number;
  /** Lines of the label (already free of control characters; escape them for the output format). */
  lines: string[];
  kind: 'workload' | 'serviceAccount' | 'binding' | 'role' | 'rule' | 'permissions';
}

/** A layered graph: workload → service account → binding → role → rule → permissions. */
export interface AttackGraph {
  nodes: GraphNode[];
  edges: [string, string][];
  layers: number;
}

function name(o: PathObject): string {
  return o.namespace ? `${o.namespace}/${o.name}` : o.name;
}

/**
 * The attack path of an RBAC finding as a layered graph, nodes shared where grants share a binding,
 * role or rule; undefined for a finding without one. At most `maxGrants` grants are drawn.
 */
export function attackGraph(m: LintMessage, clean: (s: string) => string, maxGrants = 12): AttackGraph | undefined {
  const path = m.attackPath;
  if (!path || !m.resource || path.grants.length === 0) return undefined;
  const nodes: GraphNode[] = [];
  const edges: [string, string][] = [];
  const ids = new Map<string, string>();
  const edgeKeys = new Set<string>();
  const node = (key: string, layer: number, kind: GraphNode['kind'], lines: string[]): string => {
    let id = ids.get(key);
    if (!id) {
      id = `n${nodes.length}`;
      ids.set(key, id);
      nodes.push({ id, layer, kind, lines: lines.map(clean) });
    }
    return id;
  };
  const edge = (a: string, b: string) => {
    if (edgeKeys.has(`${a} ${b}`)) return;
    edgeKeys.add(`${a} ${b}`);
    edges.push([a, b]);
  };
  const r = m.resource;
  const w = node('w', 0, 'workload', [r.kind, name({ kind: r.kind, name: r.name, ...(r.namespace !== undefined ? { namespace: r.namespace } : {}) })]);
  const sa = node('sa', 1, 'serviceAccount', ['ServiceAccount', `${path.serviceAccount.namespace}/${path.serviceAccount.name}`]);
  edge(w, sa);
  const shown = path.grants.slice(0, maxGrants);
  for (const g of shown) {
    const b = node(`b ${g.binding.kind} ${name(g.binding)}`, 2, 'binding', [g.binding.kind, name(g.binding)]);
    const roleKey = `r ${g.role.kind} ${name(g.role)}`;
    const role = node(roleKey, 3, 'role', [g.role.kind, `${name(g.role)}${g.role.builtin ? ' (built-in)' : ''}`]);
    const rule = node(`${roleKey} ${g.source ? name(g.source) : ''} ${g.rule}`, 4, 'rule', g.source ? [`rule ${g.rule}`, `via ${g.source.kind} ${g.source.name}`] : [`rule ${g.rule}`]);
    const perms = node(`p ${roleKey} ${g.rule} ${g.namespace ?? '*'} ${b}`, 5, 'permissions', [...g.permissions, g.namespace === undefined ? 'in all namespaces' : `in namespace ${g.namespace}`]);
    edge(sa, b);
    edge(b, role);
    edge(role, rule);
    edge(rule, perms);
  }
  if (path.grants.length > shown.length) {
    const more = node('more', 2, 'binding', [`and ${path.grants.length - shown.length} more grants`]);
    edge(sa, more);
  }
  return { nodes, edges, layers: 6 };
}
