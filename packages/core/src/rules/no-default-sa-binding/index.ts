import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import type { Resource } from '../../types.js';
import { describeResource, serviceAccountOf } from '../../model/index.js';
import { isRecord } from '../../path.js';
import { apiTokensOf, listForMessage } from '../shared.js';

type MessageIds = 'defaultAccount' | 'allServiceAccounts' | 'namespaceServiceAccounts' | 'allAuthenticated';

const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);
const USER_PREFIX = 'system:serviceaccount:';
const NAMESPACE_GROUP_PREFIX = 'system:serviceaccounts:';

/** Which identities a binding subject covers, for the subjects this rule is about. */
export interface DefaultSubject {
  messageId: MessageIds;
  /** Namespace the subject is limited to; undefined: every namespace. */
  namespace: string | undefined;
  subject: string;
}

/**
 * Classifies an RBAC subject: a `default` ServiceAccount (either spelling), or one of the groups
 * that contain every service account or every authenticated token. Null for other subjects.
 */
export function classifySubject(subject: Record<string, unknown>, bindingNamespace: string | undefined): DefaultSubject | null {
  const kind = subject['kind'];
  const name = subject['name'];
  if (typeof name !== 'string') return null;
  if (kind === 'ServiceAccount' && name === 'default') {
    const ns = typeof subject['namespace'] === 'string' && subject['namespace'] !== '' ? subject['namespace'] : bindingNamespace;
    return { messageId: 'defaultAccount', namespace: ns, subject: `ServiceAccount ${ns ?? '(no namespace)'}/default` };
  }
  if (kind === 'User' && name.startsWith(USER_PREFIX)) {
    const [ns, sa, ...rest] = name.slice(USER_PREFIX.length).split(':');
    if (sa === 'default' && rest.length === 0 && ns) return { messageId: 'defaultAccount', namespace: ns, subject: `User ${name}` };
    return null;
  }
  if (kind === 'Group') {
    if (name === 'system:serviceaccounts') return { messageId: 'allServiceAccounts', namespace: undefined, subject: `Group ${name}` };
    if (name === 'system:authenticated') return { messageId: 'allAuthenticated', namespace: undefined, subject: `Group ${name}` };
    if (name.startsWith(NAMESPACE_GROUP_PREFIX) && name.length > NAMESPACE_GROUP_PREFIX.length) {
      return { messageId: 'namespaceServiceAccounts', namespace: name.slice(NAMESPACE_GROUP_PREFIX.length), subject: `Group ${name}` };
    }
  }
  return null;
}

export default defineRule<NoOptions, MessageIds>({
  meta: {
    id: 'no-default-sa-binding',
    description: 'Disallow role bindings to default service accounts and to groups of all service accounts',
    category: 'service-accounts',
    severity: 'error',
    recommended: true,
    fixable: false,
    securitySeverity: 7.0,
    messages: {
      defaultAccount:
        '{{resource}} grants {{role}} to {{subject}}, which every pod in the namespace that names no service account runs as{{affected}}; bind the role to a dedicated ServiceAccount instead',
      allServiceAccounts:
        '{{resource}} grants {{role}} to {{subject}}, every service account in the cluster{{affected}}; bind the role to the dedicated ServiceAccounts that need it',
      namespaceServiceAccounts:
        '{{resource}} grants {{role}} to {{subject}}, every service account in namespace {{namespace}}{{affected}}; bind the role to the dedicated ServiceAccounts that need it',
      allAuthenticated:
        '{{resource}} grants {{role}} to {{subject}}, every authenticated user and every service account token{{affected}}; bind the role to the dedicated subjects that need it',
    },
    remediation: 'Bind roles to dedicated per-workload ServiceAccounts, never to default or to the system:serviceaccounts / system:authenticated groups.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    let defaultWorkloads: { resource: Resource; namespace: string }[] | undefined;
    const affectedIn = (namespace: string | undefined): string => {
      defaultWorkloads ??= [...ctx.inventory.podSpecs()]
        .filter(({ resource, pod }) => serviceAccountOf(resource, pod).name === 'default' && apiTokensOf(ctx, resource, pod).any)
        .map(({ resource, pod }) => ({ resource, namespace: serviceAccountOf(resource, pod).namespace }));
      const hit = defaultWorkloads.filter((w) => namespace === undefined || w.namespace === namespace).map((w) => describeResource(w.resource));
      return hit.length === 0 ? '' : `; ${listForMessage([...new Set(hit)])} run${hit.length === 1 ? 's' : ''} as default with a token`;
    };
    for (const resource of ctx.resources) {
      if (!BINDING_KINDS.has(resource.kind) || !resource.apiVersion.startsWith('rbac.authorization.k8s.io/')) continue;
      const md = resource.object['metadata'];
      const labels = isRecord(md) && isRecord(md['labels']) ? md['labels'] : {};
      if (labels['kubernetes.io/bootstrapping'] === 'rbac-defaults') continue;
      const subjects = resource.object['subjects'];
      if (!Array.isArray(subjects)) continue;
      const roleRef = resource.object['roleRef'];
      const role = isRecord(roleRef) && typeof roleRef['name'] === 'string' ? `${typeof roleRef['kind'] === 'string' ? roleRef['kind'] : 'role'} ${roleRef['name']}` : 'its role';
      subjects.forEach((s, i) => {
        if (!isRecord(s)) return;
        const hit = classifySubject(s, resource.namespace);
        if (!hit) return;
        ctx.report({
          messageId: hit.messageId,
          resource,
          path: ['subjects', i, 'name'],
          // Which workloads run as the account is context, not the finding: it stays out of the fingerprint.
          substance: [`role=${role}`, `subject=${hit.subject}`, `namespace=${hit.namespace ?? ''}`],
          data: { role, subject: hit.subject, namespace: hit.namespace ?? '', affected: affectedIn(hit.namespace) },
        });
      });
    }
  },
});
