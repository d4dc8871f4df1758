import { describe, expect, it } from 'vitest';
import { kustomizationPatchPaths } from './kustomize-patches.js';

describe('kustomizationPatchPaths', () => {
  it('lists patches[].path, patchesJson6902[].path and patchesStrategicMerge paths, not inline patches', () => {
    const text = [
      'resources: [deploy.yaml]',
      'patches:',
      '- path: patch-a.yaml',
      '  target: {kind: Deployment}',
      '- patch: |-',
      '    - op: remove',
      '      path: /spec/x',
      'patchesJson6902:',
      '- target: {kind: Deployment, name: d}',
      '  path: json-patch.yaml',
      'patchesStrategicMerge:',
      '- sm.yaml',
      '- |-',
      '  apiVersion: v1',
      '  kind: ServiceAccount',
      '',
    ].join('\n');
    expect(kustomizationPatchPaths(text)).toEqual(['patch-a.yaml', 'json-patch.yaml', 'sm.yaml']);
  });
  it('reads what the scanner leaves to the full parse the same way (an anchor on a collection)', () => {
    expect(kustomizationPatchPaths('base: &t {kind: Deployment}\npatches:\n- path: p.yaml\n  target: *t\n')).toEqual(['p.yaml']);
  });
  it('reads YAML 1.1 as kustomize does: a path that YAML 1.1 reads as a boolean is not a path', () => {
    expect(kustomizationPatchPaths('patches:\n- path: on\n- path: "on"\n')).toEqual(['on']);
  });
  it('gives nothing for text that is not a kustomization or not YAML', () => {
    expect(kustomizationPatchPaths('- a\n- b\n')).toEqual([]);
    expect(kustomizationPatchPaths('patches: [unclosed\n')).toEqual([]);
    expect(kustomizationPatchPaths('')).toEqual([]);
  });
});
