import type { Identity } from './types.js';

/** The identity of a service account token: its user name and the groups every such token has. */
export function serviceAccountIdentity(namespace: string, name: string): Identity {
  return {
    user: `system:serviceaccount:${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
    serviceAccount: { namespace, name },
  };
}

/** `system:serviceaccount:NS:NAME` as a service account identity; any other name as a plain authenticated user. */
export function identityOf(user: string, groups: readonly string[] = []): Identity {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user);
  if (m) {
    const id = serviceAccountIdentity(m[1]!, m[2]!);
    return { ...id, groups: [...new Set([...id.groups, ...groups])] };
  }
  return { user, groups: [...new Set([...groups, 'system:authenticated'])] };
}
