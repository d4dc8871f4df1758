import { isRecord } from '../path.js';

/**
 * Whether a document's value is a CustomResourceDefinition whose `spec` may be read again from its
 * text instead of being kept: a CRD's schemas are four fifths of the bytes of real install bundles
 * and of the values a run holds (docs/performance.md), and no rule reads them but
 * no-conflicting-definitions, which compares copies of one CRD only where their texts differ.
 */
export function releasesSpec(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && value['kind'] === 'CustomResourceDefinition' && isRecord(value['spec']) && Object.prototype.hasOwnProperty.call(value, 'spec');
}

/**
 * Replaces `value.spec` by an accessor that decodes it again (`reread`: the document's own text,
 * parsed the way it was) when it is first read, so that the run holds the CRD's text and not its
 * tree until something reads it. The first read makes it a plain data property again: later reads
 * give the same tree (no decoding per read, so a rule or plugin that reads it in a loop stays
 * linear), and changes to it stay. Keys keep their order; assigning `spec` stores the value given.
 */
export function releaseSpec(value: Record<string, unknown>, reread: () => unknown): void {
  Object.defineProperty(value, 'spec', {
    enumerable: true,
    configurable: true,
    get(this: Record<string, unknown>) {
      const again = reread();
      const spec = isRecord(again) ? again['spec'] : undefined;
      Object.defineProperty(this, 'spec', { value: spec, writable: true, enumerable: true, configurable: true });
      return spec;
    },
    set(this: Record<string, unknown>, spec: unknown) {
      Object.defineProperty(this, 'spec', { value: spec, writable: true, enumerable: true, configurable: true });
    },
  });
}

/**
 * A shallow copy of `obj` without the key `omit`, with accessors (a released `spec`) copied as
 * accessors: a copy does not decode what its original left undecoded (and decodes, on its first
 * read, its own tree).
 */
export function copyWithout(obj: Record<string, unknown>, omit: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) {
    if (k === omit) continue;
    const d = Object.getOwnPropertyDescriptor(obj, k)!;
    Object.defineProperty(out, k, d.get ? { get: d.get, set: d.set, enumerable: true, configurable: true } : { value: d.value, writable: true, enumerable: true, configurable: true });
  }
  return out;
}
