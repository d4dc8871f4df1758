import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { scanJsonStream, yamlListItemRanges } from './export.js';
import { locateInDocument, parseManifests } from './index.js';
import { resourcesOf } from '../model/index.js';
import { lint } from '../lint.js';

const POD = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
const list = (...names: string[]) => ({ apiVersion: 'v1', items: names.map(POD), kind: 'List', metadata: { resourceVersion: '' } });

describe('kubectl -o json streams', () => {
  it('reads one object, a List, and several outputs one after the other', () => {
    const text = `${JSON.stringify(list('a', 'b'), null, 4)}\n${JSON.stringify(POD('c'), null, 4)}\n`;
    const docs = scanJsonStream(text)!;
    expect(docs.map((d) => [(d.value as { kind: string }).kind, d.items?.length])).toEqual([
      ['List', 2],
      ['Pod', undefined],
    ]);
    expect(docs[0]!.items!.map((r) => JSON.parse(text.slice(r[0], r[1])).metadata.name)).toEqual(['a', 'b']);
    const rs = resourcesOf(parseManifests(text, 'x.json'));
    expect(rs.map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(lint([{ path: 'x.json', text }])[0]!.messages.filter((m) => m.ruleId === null)).toEqual([]);
  });
  it('gives every item the position the whole-document parse gives', () => {
    const text = JSON.stringify(list('a', 'b', 'c'), null, 4);
    const f = parseManifests(text, 'x.json');
    const full = parseAllDocuments(text, { version: '1.1' }) as unknown as Parameters<typeof locateInDocument>[0][];
    resourcesOf(f).forEach((r, i) => {
      expect(locateInDocument(r.document.ast!, [...r.basePath, 'spec', 'containers', 0, 'image']).range).toEqual(locateInDocument(full[0]!, ['items', i, 'spec', 'containers', 0, 'image']).range);
    });
  });
  it('leaves to the YAML parser what is not a clean JSON stream: repeated keys, syntax errors, non-object entries', () => {
    expect(scanJsonStream('{"a": 1, "a": 2}')).toBeNull();
    expect(scanJsonStream('{"a": {"b": 1, "b": 2}}')).toBeNull();
    expect(scanJsonStream('{"a": 1')).toBeNull();
    expect(scanJsonStream('{"a": 1} [1]')).toBeNull();
    expect(scanJsonStream('{"items": [1, {"a": 2}]}')![0]!.items).toBeUndefined();
    expect(scanJsonStream('{"s": "a \\" } { [", "items": []}')![0]!.value).toEqual({ s: 'a " } { [', items: [] });
    // The repeated key is then reported, as for YAML.
    const dup = lint([{ path: 'd.json', text: '{"apiVersion": "v1", "kind": "Pod", "kind": "Pod", "metadata": {"name": "p"}}' }])[0]!;
    expect(dup.messages.map((m) => m.ruleId)).toContain('no-duplicate-keys');
  });
});

describe('kubectl -o yaml Lists', () => {
  it('finds the items of unindented and indented sequences, and not of anything else', () => {
    const unindented = 'apiVersion: v1\nitems:\n- kind: Pod\n  spec: {}\n# a comment\n- kind: Pod\n  data: |\n    - not an item\nkind: List\n';
    expect(yamlListItemRanges(unindented, 0, unindented.length)!.map((r) => unindented.slice(r[0], r[1]))).toEqual(['- kind: Pod\n  spec: {}\n# a comment\n', '- kind: Pod\n  data: |\n    - not an item\n']);
    const indented = 'items:\n  - a: 1\n  - b: 2\nkind: List\n';
    expect(yamlListItemRanges(indented, 0, indented.length)!.map((r) => indented.slice(r[0], r[1]))).toEqual(['  - a: 1\n', '  - b: 2\n']);
    expect(yamlListItemRanges('items: []\n', 0, 10)).toBeNull(); // a flow sequence: the whole-document tree serves
    expect(yamlListItemRanges('kind: List\n', 0, 11)).toBeNull();
    expect(yamlListItemRanges('items:\n      - deep: 1\n', 0, 22)).toBeNull();
  });
});
