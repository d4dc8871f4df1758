import { describe, expect, it } from 'vitest';
import { parseManifests, parseManifestsFully } from './index.js';
import { resourcesOf } from '../model/index.js';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        description: >-
          A widget, folded
          over two lines.
        type: object
        properties:
          size: {type: integer, default: 0x10}
          mode: {type: string, enum: [on, "off"]}
`;
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1\n';

function specDescriptor(value: unknown): PropertyDescriptor | undefined {
  return Object.getOwnPropertyDescriptor(value as object, 'spec');
}

describe('released CRD specs (read again from the text when read)', () => {
  it('gives the spec the stream decodes to, scanned or parsed by the yaml package, decoded on the first read only', () => {
    // The merge key sends the last document to the yaml package.
    const text = `${DEPLOYMENT}---\n${CRD}---\n${CRD.replace('widgets.example.com', 'gadgets.example.com').replace('scope: Namespaced', 'base: &b {x: 1}\n  scope:\n    <<: *b')}`;
    const full = parseManifestsFully(text).documents.map((d) => JSON.stringify(d.value));
    const file = parseManifests(text);
    expect(file.documents.map((d) => JSON.stringify(d.value))).toEqual(full);
    for (const d of file.documents.slice(1)) {
      const v = d.value as Record<string, unknown>;
      expect(Object.keys(v)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    }
    // JSON.stringify above read every spec: each is a plain property now, the same tree on each read.
    for (const d of parseManifests(text).documents.slice(1)) {
      expect(specDescriptor(d.value)?.get).toBeTypeOf('function');
      const v = d.value as Record<string, unknown>;
      const spec = v['spec'] as Record<string, unknown>;
      expect(specDescriptor(v)?.get).toBeUndefined();
      expect(v['spec']).toBe(spec);
      spec['group'] = 'changed.example.com';
      expect((v['spec'] as Record<string, unknown>)['group']).toBe('changed.example.com');
      expect(Object.keys(v)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    }
    expect(specDescriptor(file.documents[0]!.value)?.value).toBeDefined();
    expect(parseManifestsFully(text).documents.slice(1).every((d) => typeof specDescriptor(d.value)?.get === 'function')).toBe(true);
  });

  it('stores a spec assigned to it', () => {
    const v = parseManifests(CRD).documents[0]!.value as Record<string, unknown>;
    v['spec'] = { group: 'x' };
    expect(v['spec']).toEqual({ group: 'x' });
    expect(specDescriptor(v)?.writable).toBe(true);
  });

  it('stays released in an exported object without its server fields, whose other fields are copied', () => {
    const text = CRD.replace('  name: widgets.example.com\n', '  name: widgets.example.com\n  uid: u-1\n') + 'status:\n  acceptedNames: {kind: Widget}\n';
    const [r] = resourcesOf(parseManifests(text));
    expect(specDescriptor(r!.object)?.get).toBeTypeOf('function');
    expect(Object.keys(r!.object)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(r!.object['spec']).toEqual((parseManifestsFully(CRD).documents[0]!.value as Record<string, unknown>)['spec']);
    // The copy's read decoded the copy's spec, not the original's.
    expect(specDescriptor(r!.object)?.get).toBeUndefined();
    expect(specDescriptor(r!.document.value)?.get).toBeTypeOf('function');
    expect(r!.object['spec']).toBe(r!.object['spec']);
    expect(r!.cluster?.uid).toBe('u-1');
    r!.object['spec'] = 1;
    expect(r!.object['spec']).toBe(1);
  });
});
