import type { LabelSelector, PolicyRule, RbacRequest } from './types.js';

// Whether a policy rule allows a request and whether a label selector matches, with the API
// server's semantics.

const has = (list: readonly string[], value: string): boolean => list.includes('*') || list.includes(value);

/**
 * Whether one policy rule allows a request, with the RBAC authorizer's semantics: `*` in verbs,
 * apiGroups and resources; `*` as a resource also covers subresources; `*` + `/scale` covers the
 * `scale` subresource of every resource, while `*` + `/*` is not a wildcard; `resourceNames`
 * matches the request's name exactly (Kubernetes' ResourceNameMatches), so a request without a name
 * (`create` on a collection, `list` of all objects) is matched only by `resourceNames: [""]`.
 */
export function ruleAllows(rule: PolicyRule, req: RbacRequest): boolean {
  if (!has(rule.verbs, req.verb)) return false;
  if (!has(rule.apiGroups, req.apiGroup)) return false;
  const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const resourceOk = rule.resources.some(
    (r) => r === '*' || r === combined || (req.subresource !== undefined && r.length === req.subresource.length + 2 && r.startsWith('*/') && r.endsWith(req.subresource)),
  );
  if (!resourceOk) return false;
  if (rule.resourceNames.length === 0) return true;
  return rule.resourceNames.includes(req.name ?? '');
}

/** Whether a label selector (matchLabels and matchExpressions) matches the labels. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!present || !values.includes(labels[e.key]!)) return false;
        break;
      case 'NotIn':
        if (present && values.includes(labels[e.key]!)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
