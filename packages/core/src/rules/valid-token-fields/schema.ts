/**
 * JSON Schemas for the token-relevant fields of every kind satlint's rules read, written from the
 * Kubernetes API types (`kubernetes-types` 1.30: PodSpec, Volume, ServiceAccountTokenProjection,
 * ServiceAccount, Secret, RoleBinding, ClusterRoleBinding, Subject, RoleRef, TokenRequestSpec) and
 * the API server's validation rules for them. Only these fields are described: everything else is
 * left open, so a schema never rejects what Kubernetes accepts.
 *
 * Compiled to standalone validator code at build time (`pnpm generate` writes
 * `validate.generated.ts`); nothing is compiled when satlint starts.
 */
import type { JsonSchema } from '../../rule.js';

const BASE = 'https://satlint.dev/schemas/token-fields';

/**
 * A DNS-1123 subdomain: what the API server requires of a service account name it is given. Empty
 * and null mean "not set" (the admission plugin fills in `default`), as for every optional field.
 */
export const DNS1123_SUBDOMAIN = {
  type: ['string', 'null'],
  maxLength: 253,
  pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$',
} as const;

/** Optional scalar fields: a JSON `null` (YAML `key:` with no value) is the same as leaving them out. */
const optional = (type: string): JsonSchema => ({ type: [type, 'null'] });

const serviceAccountTokenProjection: JsonSchema = {
  type: 'object',
  properties: {
    audience: optional('string'),
    expirationSeconds: optional('integer'),
    path: optional('string'),
  },
};

const podSpec: JsonSchema = {
  $id: `${BASE}/pod-spec.json`,
  type: 'object',
  properties: {
    automountServiceAccountToken: optional('boolean'),
    serviceAccountName: DNS1123_SUBDOMAIN,
    serviceAccount: DNS1123_SUBDOMAIN,
    volumes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          projected: {
            type: 'object',
            properties: {
              sources: {
                type: 'array',
                items: { type: 'object', properties: { serviceAccountToken: serviceAccountTokenProjection } },
              },
            },
          },
        },
      },
    },
  },
};

const serviceAccount: JsonSchema = {
  $id: `${BASE}/service-account.json`,
  type: 'object',
  properties: { automountServiceAccountToken: optional('boolean') },
};

const secret: JsonSchema = {
  $id: `${BASE}/secret.json`,
  type: 'object',
  properties: { type: optional('string') },
};

const subject = (clusterScoped: boolean): JsonSchema => ({
  type: 'object',
  required: ['kind', 'name'],
  properties: {
    kind: { enum: ['ServiceAccount', 'User', 'Group'] },
    name: { type: 'string', minLength: 1 },
    namespace: { type: 'string' },
    apiGroup: { type: 'string' },
  },
  // A ClusterRoleBinding has no namespace to lend a ServiceAccount subject.
  ...(clusterScoped ? { if: { properties: { kind: { const: 'ServiceAccount' } }, required: ['kind'] }, then: { required: ['namespace'] } } : {}),
});

const roleRef = (kinds: string[]): JsonSchema => ({
  type: 'object',
  required: ['apiGroup', 'kind', 'name'],
  properties: {
    apiGroup: { const: 'rbac.authorization.k8s.io' },
    kind: { enum: kinds },
    name: { type: 'string', minLength: 1 },
  },
});

const roleBinding: JsonSchema = {
  $id: `${BASE}/role-binding.json`,
  type: 'object',
  required: ['roleRef'],
  properties: { subjects: { type: 'array', items: subject(false) }, roleRef: roleRef(['Role', 'ClusterRole']) },
};

const clusterRoleBinding: JsonSchema = {
  $id: `${BASE}/cluster-role-binding.json`,
  type: 'object',
  required: ['roleRef'],
  properties: { subjects: { type: 'array', items: subject(true) }, roleRef: roleRef(['ClusterRole']) },
};

const tokenRequest: JsonSchema = {
  $id: `${BASE}/token-request.json`,
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        audiences: { type: 'array', items: { type: 'string' } },
        expirationSeconds: optional('integer'),
      },
    },
  },
};

/** Every schema, keyed by the name of its export in the generated validator module. */
export const TOKEN_FIELD_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  podSpec,
  serviceAccount,
  secret,
  roleBinding,
  clusterRoleBinding,
  tokenRequest,
};
