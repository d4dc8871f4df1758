import { defineRule } from '../../rule.js';
import type { JsonPath } from '../../types.js';
import { containersOf, podSpecsOf, volumesOf } from '../../model/index.js';
import { getAt, isRecord } from '../../path.js';
import { GENERATED_TOKEN_SECRET_NAME, isLegacyTokenSecret } from '../shared.js';

type MessageIds = 'knownSecret' | 'generatedName';

interface SecretUse {
  name: string;
  /** Path of the field holding the Secret's name, relative to the resource. */
  path: JsonPath;
  /** How the pod consumes it, for the message. */
  how: string;
}

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'no-legacy-token-mount',
    description: 'Disallow pod specs that consume long-lived service account token Secrets',
    category: 'legacy-tokens',
    severity: 'error',
    recommended: true,
    fixable: false,
    securitySeverity: 8.0,
    messages: {
      knownSecret:
        '{{resource}} reads legacy token Secret {{secret}} through {{how}}; that token never expires, so mount a projected serviceAccountToken volume with an audience and expiration instead',
      generatedName:
        '{{resource}} reads Secret {{secret}} through {{how}}, and the name has the shape of an auto-generated legacy token Secret (<service-account>-token-<5 chars>) whose token never expires; mount a projected serviceAccountToken volume instead',
    },
    remediation: 'Replace the legacy token Secret with a projected serviceAccountToken volume (audience and expirationSeconds set), then delete the Secret.',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    for (const resource of ctx.resources) {
      const namespace = resource.namespace ?? ctx.settings.defaultNamespace;
      for (const pod of podSpecsOf(resource)) {
        const uses: SecretUse[] = [];
        for (const v of volumesOf(pod)) {
          const secretName = getAt(v.volume, ['secret', 'secretName']);
          if (typeof secretName === 'string') uses.push({ name: secretName, path: [...v.path, 'secret', 'secretName'], how: `volume ${v.name || '(unnamed)'}` });
          const sources = getAt(v.volume, ['projected', 'sources']);
          if (Array.isArray(sources)) {
            sources.forEach((s, i) => {
              const n = getAt(s, ['secret', 'name']);
              if (typeof n === 'string') uses.push({ name: n, path: [...v.path, 'projected', 'sources', i, 'secret', 'name'], how: `projected volume ${v.name || '(unnamed)'}` });
            });
          }
        }
        for (const c of containersOf(pod)) {
          const container = c.name || '(unnamed)';
          const env = c.container['env'];
          if (Array.isArray(env)) {
            env.forEach((e, i) => {
              const n = getAt(e, ['valueFrom', 'secretKeyRef', 'name']);
              const variable = isRecord(e) && typeof e['name'] === 'string' ? e['name'] : '(unnamed)';
              if (typeof n === 'string') uses.push({ name: n, path: [...c.path, 'env', i, 'valueFrom', 'secretKeyRef', 'name'], how: `variable ${variable} of container ${container}` });
            });
          }
          const envFrom = c.container['envFrom'];
          if (Array.isArray(envFrom)) {
            envFrom.forEach((e, i) => {
              const n = getAt(e, ['secretRef', 'name']);
              if (typeof n === 'string') uses.push({ name: n, path: [...c.path, 'envFrom', i, 'secretRef', 'name'], how: `envFrom of container ${container}` });
            });
          }
        }
        for (const use of uses) {
          const known = ctx.inventory.secret(namespace, use.name);
          const data = { secret: `${namespace}/${use.name}`, how: use.how };
          if (known) {
            if (isLegacyTokenSecret(known)) ctx.report({ messageId: 'knownSecret', resource, path: use.path, data });
          } else if (GENERATED_TOKEN_SECRET_NAME.test(use.name)) {
            ctx.report({ messageId: 'generatedName', resource, path: use.path, data });
          }
        }
      }
    }
  },
});
