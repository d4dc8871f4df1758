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
 * parsed the way it was) each time it is read, so that the run holds the CRD's text and not its
 * tree. Keys keep their order; each read gives a new tree (equal to the one released); assigning
 * `spec` stores the value given, as on a plain object.
 */
export function releaseSpec(value: Record<string, unknown>, reread: () => unknown): void {
  Object.defineProperty(value, 'spec', {
    enumerable: true,
    configurable: true,
    get: () => {
      const again = reread();
      return isRecord(again) ? again['spec'] : undefined;
    },
    set: (spec: unknown) => {
      Object.defineProperty(value, 'spec', { value: spec, writable: true, enumerable: true, configurable: true });
    },
  });
}

/**
 * A shallow copy of `obj` without the key `omit`, with accessors (a released `spec`) copied as
 * accessors: a copy does not decode what its original left undecoded.
 */
export function copyWithout(obj: Record<string, unknown>, omit: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) {
    if (k === omit) continue;
    const d = Object.getOwnPropertyDescriptor(obj, k)!;
    const data = (v: unknown) => ({ value: v, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(out, k, d.get ? { get: d.get, set: (v: unknown) => Object.defineProperty(out, k, data(v)), enumerable: true, configurable: true } : data(d.value));
  }
  return out;
}
