import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { ruleAllows, type RbacSubject } from '../../rbac/index.js';

const MINTING = [
  { verb: 'create', apiGroup: '', resource: 'serviceaccounts', subresource: 'token', what: 'create serviceaccounts/token' },
  { verb: 'impersonate', apiGroup: '', resource: 'serviceaccounts', what: 'impersonate serviceaccounts' },
  { verb: 'impersonate', apiGroup: '', resource: 'users', what: 'impersonate users', clusterWide: true },
  { verb: 'impersonate', apiGroup: '', resource: 'groups', what: 'impersonate groups', clusterWide: true },
] as const;

/** Kubernetes' own control-plane identities, which mint and impersonate by design. */
export function isControlPlaneSubject(s: RbacSubject): boolean {
  return (s.kind === 'User' || s.kind === 'Group') && (s.name.startsWith('system:kube-') || s.name.startsWith('system:node'));
}

export default defineRule<NoOptions, 'minting'>({
  meta: {
    id: 'no-token-minting',
    description: 'Disallow bindings that let subjects mint or borrow other service accounts\' tokens',
    category: 'rbac',
    severity: 'error',
    recommended: true,
    fixable: false,
    securitySeverity: 8.5,
    messages: {
      minting:
        '{{resource}} lets {{subjects}} {{what}} through {{role}} rule {{rule}}, so they can mint or borrow the identity of other service accounts; remove the permission or bind it only to the component that needs it',
    },
    remediation: 'Grant create on serviceaccounts/token and impersonate only to the control-plane components that need them.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    const rbac = ctx.inventory.rbac;
    const mine = new Set(ctx.resources);
    for (const binding of rbac.bindings) {
      if (binding.bootstrapping || !mine.has(binding.resource)) continue;
      const subjects = binding.subjects.filter((s) => !isControlPlaneSubject(s));
      if (subjects.length === 0) continue;
      const role = rbac.roleOf(binding);
      if (!role) continue;
      for (const e of rbac.effectiveRules(role)) {
        // Impersonating users and groups is checked cluster-wide: a RoleBinding never grants it.
        const what = MINTING.filter((m) => !('clusterWide' in m && binding.kind === 'RoleBinding'))
          .filter((m) => ruleAllows(e.rule, m) || e.rule.resourceNames.some((n) => ruleAllows(e.rule, { ...m, name: n })))
          .map((m) => m.what);
        if (what.length === 0) continue;
        const roleText = `${role.kind} ${role.name}${e.source !== role ? ` (via ${e.source.name})` : ''}`;
        ctx.report({
          messageId: 'minting',
          resource: binding.resource,
          path: ['roleRef'],
          substance: [...what, ...subjects.map((s) => `subject ${s.kind} ${s.namespace ?? ''}/${s.name}`)].sort(),
          data: { subjects: subjects.map((s) => `${s.kind} ${s.kind === 'ServiceAccount' ? `${s.namespace ?? ''}/` : ''}${s.name}`).join(', '), what: what.join(' and '), role: roleText, rule: e.ruleIndex },
        });
      }
    }
  },
});
