/**
 * What kubectl sends of one decoded document, decided as its file path decides it (k8s.io/cli-runtime
 * v0.31: `StreamVisitor` → `metadataValidatingDecoder{UnstructuredJSONScheme}` → `FlattenListVisitor`
 * with the unstructured typer), from the JSON value the document decodes to:
 *
 * - an object with an `items` key (any kind, even `items: null`) is a List: `items` must be a list of
 *   objects (or nulls), else the whole document is refused;
 * - `kind` must be a non-empty string and `apiVersion` a group/version (at most one `/`), else
 *   "Object 'Kind' is missing";
 * - the document must decode into `TypeMeta` and `ObjectMeta` (`metadata.name` a string, `labels` a
 *   map of strings, `creationTimestamp` an RFC 3339 time…), field names matched exactly: apimachinery
 *   decodes with sigs.k8s.io/json's case-sensitive Unmarshal, not Go's case-insensitive
 *   encoding/json (`LABELS: {a: 1}` and `ITEMS: x` pass; the recorded Kubernetes oracle says so);
 * - a List's items that set neither `kind` nor `apiVersion` take the List's kind without `List` and
 *   its apiVersion; an item still without a kind or a version is refused on its own (the others are
 *   sent), and an item that is itself a List (an `items` array) refuses the whole document.
 *
 * A refused document is reported where it goes wrong and does not enter the inventory.
 */
import type { PathSegment } from '../types.js';
import { formatPath, isRecord } from '../path.js';

/** Why kubectl refuses a document or a List item, and the path of the value it fails on. */
export interface Refusal {
  message: string;
  path: PathSegment[];
}

/**
 * kubectl's reading of one document: refused whole, or the value it sends (a List with its items'
 * kinds filled in as kubectl fills them) and the List items it refuses.
 */
export interface KubectlReading {
  refused?: Refusal;
  value: unknown;
  refusedItems: Refusal[];
}

type Shape = 'string' | 'int64' | 'bool' | 'time' | 'any' | { map: Shape } | { list: Shape } | { struct: Record<string, Shape> };

const TIME: Shape = 'time';
const OWNER_REFERENCE: Shape = { struct: { apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'bool', blockOwnerDeletion: 'bool' } };
const MANAGED_FIELDS_ENTRY: Shape = { struct: { manager: 'string', operation: 'string', apiVersion: 'string', time: TIME, fieldsType: 'string', fieldsV1: 'any', subresource: 'string' } };
/** metav1.ObjectMeta (k8s.io/apimachinery v0.31). */
const OBJECT_META: Shape = {
  struct: {
    name: 'string',
    generateName: 'string',
    namespace: 'string',
    selfLink: 'string',
    uid: 'string',
    resourceVersion: 'string',
    generation: 'int64',
    creationTimestamp: TIME,
    deletionTimestamp: TIME,
    deletionGracePeriodSeconds: 'int64',
    labels: { map: 'string' },
    annotations: { map: 'string' },
    ownerReferences: { list: OWNER_REFERENCE },
    finalizers: { list: 'string' },
    managedFields: { list: MANAGED_FIELDS_ENTRY },
  },
};
/** cli-runtime's metadataOnlyObject: TypeMeta inline, ObjectMeta at `metadata`. */
const METADATA_ONLY_OBJECT: Shape = { struct: { kind: 'string', apiVersion: 'string', metadata: OBJECT_META } };

/** kubectl's reading of a document's value (a value that is not an object is notAnObject's to report). */
export function kubectlReading(value: unknown): KubectlReading {
  const none: KubectlReading = { value, refusedItems: [] };
  if (!isRecord(value)) return none;
  // A mapping without a kind (a values file, Chart.yaml, a CI config) is not a manifest to satlint:
  // kubectl refuses it ("Object 'Kind' is missing"), and here too nothing of it enters the inventory,
  // but it is not reported (directories of manifests hold such files on purpose).
  if (!('kind' in value)) return none;
  const itemsKey = 'items';
  const isList = Object.prototype.hasOwnProperty.call(value, itemsKey);
  const items = isList ? value[itemsKey] : undefined;
  if (isList && items !== null) {
    if (!Array.isArray(items)) return refused(`${formatPath([itemsKey])} is ${jsonType(items)}, not a list: an object with items is read as a List`, [itemsKey]);
    const bad = items.findIndex((it) => it !== null && !isRecord(it));
    if (bad >= 0) return refused(`${formatPath([itemsKey, bad])} is ${jsonType(items[bad])}, not an object`, [itemsKey, bad]);
  }
  const typeError = typeInfoError(value, []);
  if (typeError) return { refused: typeError, value, refusedItems: [] };
  const metaError = check(value, METADATA_ONLY_OBJECT, []);
  if (metaError) return { refused: metaError, value, refusedItems: [] };
  if (!isList || !Array.isArray(items)) return none;
  const refusedItems: Refusal[] = [];
  let typed: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = listItem(value, items[i]);
    const path: PathSegment[] = [itemsKey, i];
    if (Array.isArray(item['items'])) return refused(`${formatPath(path)} is a List inside a List, which kubectl does not flatten`, path);
    const err = typeInfoError(item, path, true);
    if (err) refusedItems.push(items[i] === null ? { message: `the item is null, so it has no kind of its own and the List gives it none (Object 'Kind' is missing)`, path } : err);
    if (item !== items[i]) (typed ??= items.slice())[i] = item;
  }
  return { value: typed ? { ...value, [itemsKey]: typed } : value, refusedItems };
}

/**
 * A List item as kubectl sends it: an item that sets neither `kind` nor `apiVersion` (as strings)
 * gets the List's kind without the `List` suffix and the List's apiVersion (a copy; the item itself
 * is returned when it sets either).
 */
export function listItem(list: Record<string, unknown>, item: unknown): Record<string, unknown> {
  const obj = isRecord(item) ? item : {};
  if (stringOf(obj['kind']) !== '' || stringOf(obj['apiVersion']) !== '') return obj;
  const kind = stringOf(list['kind']);
  return { ...obj, kind: kind.endsWith('List') ? kind.slice(0, -4) : kind, apiVersion: stringOf(list['apiVersion']) };
}

/** Whether kubectl's typer gives the object a kind and a version (what every object it sends has). */
export function hasTypeInfo(obj: Record<string, unknown>): boolean {
  return typeInfoError(obj, [], true) === undefined;
}

function typeInfoError(obj: Record<string, unknown>, path: PathSegment[], needVersion = false): Refusal | undefined {
  const apiVersion = stringOf(obj['apiVersion']);
  const slash = apiVersion.indexOf('/');
  const slashes = slash === -1 ? 0 : apiVersion.indexOf('/', slash + 1) === -1 ? 1 : 2;
  if (slashes > 1) return { message: `apiVersion "${apiVersion}" is not a group/version, so the object has no kind (Object 'Kind' is missing)`, path: [...path, 'apiVersion'] };
  if (stringOf(obj['kind']) === '') {
    const k = obj['kind'];
    const given = k !== undefined && k !== null && k !== '';
    return { message: `${given ? `kind is ${jsonType(k)}, not a kind name` : 'the object has no kind'} (Object 'Kind' is missing)`, path: given ? [...path, 'kind'] : path };
  }
  const version = apiVersion === '/' ? '' : slashes === 1 ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  if (needVersion && version === '') return { message: `${'apiVersion' in obj ? `apiVersion "${apiVersion}" has no version` : 'the object has no apiVersion'} (object has no apiVersion field)`, path: 'apiVersion' in obj ? [...path, 'apiVersion'] : path };
  return undefined;
}

function refused(message: string, path: PathSegment[]): KubectlReading {
  return { refused: { message, path }, value: undefined, refusedItems: [] };
}

/** Go's unstructured string accessors: the value when it is a string, else "". */
function stringOf(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'boolean') return 'a boolean';
  if (typeof v === 'number' || typeof v === 'bigint') return 'a number';
  return 'a string';
}

const SHAPE_NAMES: Record<string, string> = { string: 'a string', int64: 'an integer', bool: 'a boolean', time: 'an RFC 3339 time string', any: 'anything' };

/** The first place where `v` does not decode into `shape` as Go's encoding/json decodes it (null is always accepted). */
function check(v: unknown, shape: Shape, path: PathSegment[]): Refusal | undefined {
  return checkAt(v, shape, [...path]);
}

/** A refusal at `path` (copied: the walk below reuses one array for the path it is at). */
function failAt(v: unknown, path: PathSegment[], expected: string): Refusal {
  return { message: `${formatPath(path)} is ${jsonType(v)}, not ${expected}`, path: [...path] };
}

/** check() over `path`, which it extends and restores as it descends. */
function checkAt(v: unknown, shape: Shape, path: PathSegment[]): Refusal | undefined {
  if (v === null || v === undefined || shape === 'any') return undefined;
  if (typeof shape === 'string') {
    if (shape === 'string') return typeof v === 'string' ? undefined : failAt(v, path, 'a string');
    if (shape === 'bool') return typeof v === 'boolean' ? undefined : failAt(v, path, 'a boolean');
    if (shape === 'int64') return isInt64(v) ? undefined : failAt(v, path, 'an integer');
    if (typeof v !== 'string') return failAt(v, path, SHAPE_NAMES[shape]!);
    return isRfc3339(v) ? undefined : { message: `${formatPath(path)} "${v}" is not an RFC 3339 time (such as 2006-01-02T15:04:05Z)`, path: [...path] };
  }
  if ('list' in shape) {
    if (!Array.isArray(v)) return failAt(v, path, 'a list');
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      const e = checkAt(v[i], shape.list, path);
      path.pop();
      if (e) return e;
    }
    return undefined;
  }
  if (!isRecord(v)) return failAt(v, path, 'a mapping');
  if ('map' in shape) {
    for (const k of Object.keys(v)) {
      path.push(k);
      const e = checkAt(v[k], shape.map, path);
      path.pop();
      if (e) return e;
    }
    return undefined;
  }
  for (const [field, fieldShape] of fieldsOf(shape.struct)) {
    if (!Object.prototype.hasOwnProperty.call(v, field)) continue;
    path.push(field);
    const e = checkAt(v[field], fieldShape, path);
    path.pop();
    if (e) return e;
  }
  return undefined;
}

const structFields = new WeakMap<Record<string, Shape>, [string, Shape][]>();
/** A struct shape's fields, in order (computed once per shape). */
function fieldsOf(struct: Record<string, Shape>): [string, Shape][] {
  let f = structFields.get(struct);
  if (!f) structFields.set(struct, (f = Object.entries(struct)));
  return f;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A JSON number Go's strconv.ParseInt reads into an int64: an integer written without a fraction or exponent. */
function isInt64(v: unknown): boolean {
  if (typeof v === 'bigint') return v >= INT64_MIN && v <= INT64_MAX;
  return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e21 && v >= -(2 ** 63) && v < 2 ** 63;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Go's time.Parse(time.RFC3339, s): `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm)`, with each field in range. */
export function isRfc3339(s: string): boolean {
  const digits = (from: number, to: number): number => {
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return -1;
      n = n * 10 + c;
    }
    return n;
  };
  if (s.length < 20 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return false;
  const year = digits(0, 4);
  const month = digits(5, 7);
  const day = digits(8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && !leap ? 28 : DAYS[month - 1]!)) return false;
  const hour = digits(11, 13);
  const min = digits(14, 16);
  const sec = digits(17, 19);
  if (hour < 0 || hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 59) return false;
  let i = 19;
  if (s[i] === '.' && i + 1 < s.length && digits(i + 1, i + 2) >= 0) {
    i++;
    while (i < s.length && digits(i, i + 1) >= 0) i++;
  }
  const zone = s.slice(i);
  if (zone === 'Z') return true;
  if (zone.length !== 6 || (zone[0] !== '+' && zone[0] !== '-') || zone[3] !== ':') return false;
  const zh = digits(i + 1, i + 3);
  const zm = digits(i + 4, i + 6);
  return zh >= 0 && zh <= 23 && zm >= 0 && zm <= 59;
}
