import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { claimTemplateVolumeNames, eachPodSpec, projectedTokensOf } from '../../model/index.js';
import { getAt, isRecord } from '../../path.js';

type MessageIds = 'unknownVolume' | 'unmounted' | 'twoVolumeTypes' | 'badPath' | 'duplicatePath';

/** Why the API server rejects a projected token path, or null when it accepts it. */
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The volume types a projected source may set, one at a time (Kubernetes' validateProjectionSources). */
const VOLUME_TYPES = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle'] as const;

export function tokenPathProblem(path: unknown): string | null {
  if (path === undefined || path === null || path === '') return 'it is empty';
  if (typeof path !== 'string') return null; // a type error: valid-token-fields reports it
  if (path.startsWith('/')) return 'it is absolute';
  if (path.split('/').includes('..')) return 'it contains ..';
  if (path.startsWith('..')) return 'it starts with ..';
  return null;
}

export default defineRule<NoOptions, MessageIds>({
  meta: {
    id: 'projected-token-mount',
    description: 'Require projected token volumes to be mounted by a container, at a valid path of their own',
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
      twoVolumeTypes:
        '{{resource}} has a projected source in volume {{volume}} that sets {{types}}, which the API server rejects (one volume type per source); split it into one source each',
      badPath:
        '{{resource}} projects a token into volume {{volume}} at path "{{path}}", which the API server rejects because {{reason}}; use a relative path such as token',
      duplicatePath:
        '{{resource}} projects two sources into volume {{volume}} at the same path "{{path}}": the API server accepts it, but only one file survives, so the workload may read the wrong token; give each source its own path',
    },
    remediation: 'Mount each projected token volume in the containers that need it, with a relative path of its own per token, one volume type per source, and remove token volumes nobody mounts.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    for (const { resource, pod } of eachPodSpec(ctx.resources)) {
      const volumes = pod.volumes;
      const volumeNames = new Set([...volumes.map((v) => v.name), ...claimTemplateVolumeNames(resource)]);
      const tokens = projectedTokensOf(pod, resource.kind);
      const tokenVolumes = new Set(tokens.map((t) => t.volume.name));
      const mounted = new Set<string>();
      for (const c of pod.containers) {
        const container = c.name || '(unnamed)';
        for (const { volume, path } of c.mounts) {
          if (volume === undefined) continue;
          mounted.add(volume);
          if (!volumeNames.has(volume)) {
            ctx.report({ messageId: 'unknownVolume', resource, path: [...path, 'name'], data: { container, volume } });
          }
          // A missing readOnly: true is not reported: the kubelet mounts projected volumes read-only.
        }
      }
      for (const v of volumes) {
        if (tokenVolumes.has(v.name) && !mounted.has(v.name)) {
          ctx.report({ messageId: 'unmounted', resource, path: [...v.path, 'name'], data: { volume: v.name || '(unnamed)' } });
        }
      }
      for (const v of volumes) {
        const projected = v.volume['projected'];
        if (!isRecord(projected) || !Array.isArray(projected['sources'])) continue;
        projected['sources'].forEach((src, i) => {
          if (!isRecord(src)) return;
          const types = VOLUME_TYPES.filter((k) => src[k] !== undefined && src[k] !== null);
          if (types.length > 1) ctx.report({ messageId: 'twoVolumeTypes', resource, path: [...v.path, 'projected', 'sources', i], data: { volume: v.name || '(unnamed)', types: types.join(' and ') } });
        });
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
        let paths = seen.get(key);
        if (!paths) {
          // The files the volume's other sources write: a token at one of those paths collides too.
          paths = new Set<string>();
          const sources = getAt(t.volume.volume, ['projected', 'sources']);
          for (const src of Array.isArray(sources) ? sources : []) {
            for (const k of ['secret', 'configMap'] as const) for (const item of asArray(getAt(src, [k, 'items']))) if (isRecord(item) && typeof item['path'] === 'string') paths.add(item['path']);
            for (const item of asArray(getAt(src, ['downwardAPI', 'items']))) if (isRecord(item) && typeof item['path'] === 'string') paths.add(item['path']);
          }
          seen.set(key, paths);
        }
        if (paths.has(p)) ctx.report({ messageId: 'duplicatePath', resource, path: at, data: { volume, path: p } });
        paths.add(p);
      }
    }
  },
});
