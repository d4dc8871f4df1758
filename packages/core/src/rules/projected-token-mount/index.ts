import { defineRule } from '../../rule.js';
import { claimTemplateVolumeNames, containersOf, podSpecsOf, projectedTokensOf, volumesOf } from '../../model/index.js';
import { isRecord } from '../../path.js';

type MessageIds = 'unknownVolume' | 'unmounted' | 'notReadOnly' | 'badPath' | 'duplicatePath';

/** Why the API server rejects a projected token path, or null when it accepts it. */
export function tokenPathProblem(path: unknown): string | null {
  if (path === undefined || path === null || path === '') return 'it is empty';
  if (typeof path !== 'string') return null; // a type error: valid-token-fields reports it
  if (path.startsWith('/')) return 'it is absolute';
  if (path.split('/').includes('..')) return 'it contains ..';
  return null;
}

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'projected-token-mount',
    description: 'Require projected token volumes to be mounted read-only, by a container, at a valid path',
    category: 'projected-tokens',
    severity: 'error',
    recommended: true,
    fixable: false,
    securitySeverity: 5.0,
    messages: {
      unknownVolume:
        '{{resource}} container {{container}} mounts volume {{volume}}, which the pod does not define, so the pod never starts; add the volume or correct the name',
      unmounted:
        '{{resource}} defines projected token volume {{volume}} that no container mounts, a credential nobody uses; remove the volume or mount it in the container that needs it',
      notReadOnly:
        '{{resource}} container {{container}} mounts token volume {{volume}} without readOnly: true; set readOnly: true on the mount',
      badPath:
        '{{resource}} projects a token into volume {{volume}} at path "{{path}}", which the API server rejects because {{reason}}; use a relative path such as token',
      duplicatePath:
        '{{resource}} projects two tokens into volume {{volume}} at the same path "{{path}}", which the API server rejects; give each token source its own path',
    },
    remediation: 'Mount each projected token volume read-only in the containers that need it, with a relative path per token, and remove token volumes nobody mounts.',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    for (const resource of ctx.resources) {
      for (const pod of podSpecsOf(resource)) {
        const volumes = volumesOf(pod);
        const volumeNames = new Set([...volumes.map((v) => v.name), ...claimTemplateVolumeNames(resource)]);
        const tokens = projectedTokensOf(pod, resource.kind);
        const tokenVolumes = new Set(tokens.map((t) => t.volume.name));
        const mounted = new Set<string>();
        for (const c of containersOf(pod)) {
          const mounts = c.container['volumeMounts'];
          if (!Array.isArray(mounts)) continue;
          const container = c.name || '(unnamed)';
          mounts.forEach((m, i) => {
            if (!isRecord(m) || typeof m['name'] !== 'string') return;
            const volume = m['name'];
            const mountPath = [...c.path, 'volumeMounts', i];
            mounted.add(volume);
            if (!volumeNames.has(volume)) {
              ctx.report({ messageId: 'unknownVolume', resource, path: [...mountPath, 'name'], data: { container, volume } });
            } else if (tokenVolumes.has(volume) && m['readOnly'] !== true) {
              const at = Object.prototype.hasOwnProperty.call(m, 'readOnly') ? [...mountPath, 'readOnly'] : mountPath;
              ctx.report({ messageId: 'notReadOnly', resource, path: at, data: { container, volume } });
            }
          });
        }
        for (const v of volumes) {
          if (tokenVolumes.has(v.name) && !mounted.has(v.name)) {
            ctx.report({ messageId: 'unmounted', resource, path: [...v.path, 'name'], data: { volume: v.name || '(unnamed)' } });
          }
        }
        const seen = new Map<string, Set<string>>();
        for (const t of tokens) {
          const volume = t.volume.name || '(unnamed)';
          const p = t.source['path'];
          const reason = tokenPathProblem(p);
          const at = Object.prototype.hasOwnProperty.call(t.source, 'path') ? [...t.path, 'path'] : t.path;
          if (reason) {
            ctx.report({ messageId: 'badPath', resource, path: at, data: { volume, path: typeof p === 'string' ? p : '', reason } });
            continue;
          }
          if (typeof p !== 'string') continue;
          const key = t.volume.path.join('/');
          const paths = seen.get(key) ?? new Set<string>();
          seen.set(key, paths);
          if (paths.has(p)) ctx.report({ messageId: 'duplicatePath', resource, path: at, data: { volume, path: p } });
          paths.add(p);
        }
      }
    }
  },
});
