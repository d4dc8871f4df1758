import { describe, expect, it } from 'vitest';
import { parseManifests } from './index.js';
import { resourcesOf } from '../model/index.js';

const pod = (n: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${n}\nspec:\n  containers:\n  - name: c\n    image: x\n`;
const read = (text: string) => {
  const f = parseManifests(text, 'm.yaml');
  return { names: resourcesOf(f).map((r) => r.name), problems: f.problems.map((p) => `${f.position(p.range[0]).line}:${f.position(p.range[0]).column} ${p.severity} ${p.code} ${p.message}`) };
};

describe("kubectl's document splitting (YAMLOrJSONDecoder)", () => {
  it('reads every document between --- lines, also with CRLF and a comment after ---', () => {
    expect(read(pod('a') + '---\n' + pod('b') + '--- # c\n' + pod('c'))).toEqual({ names: ['a', 'b', 'c'], problems: [] });
    expect(read((pod('a') + '---\n' + pod('b')).replace(/\n/g, '\r\n'))).toEqual({ names: ['a', 'b'], problems: [] });
    expect(read(pod('a') + '...\n---\n' + pod('b'))).toEqual({ names: ['a', 'b'], problems: [] });
    // --- as the first line (after a byte-order mark too), as the last line without a line break, and indented (not a separator)
    expect(read('---\n' + pod('a') + '---\n' + pod('b') + '---')).toEqual({ names: ['a', 'b'], problems: [] });
    expect(read('\ufeff---\n' + pod('a') + '---  \n' + pod('b'))).toEqual({ names: ['a', 'b'], problems: [] });
    expect(read(pod('a') + '---\n---x\n').problems[1]).toEqual('10:1 fatal syntax kubectl stops reading the file here: a line that starts with --- may hold only white space or a comment after it for kubectl\'s document splitter ("invalid Yaml document separator"), so it applies nothing from this line on');
    expect(read(pod('a') + 'x: |\n  ---x\n')).toEqual({ names: ['a'], problems: [] });
  });

  it('skips, with a warning, a document kubectl never reads: after ... without ---, or in a file of lone CRs', () => {
    const skipped = (n: number) => `kubectl never reads document ${n}: no --- line separates it from the document before it (it follows ... or a --- that ends in a lone CR), and kubectl decodes only the first document between two --- lines; it is not linted`;
    expect(read(pod('a') + '...\n' + pod('b'))).toEqual({ names: ['a'], problems: [`10:1 warning kubectl-skips ${skipped(2)}`] });
    const cr = read((pod('a') + '---\n' + pod('b')).replace(/\n/g, '\r'));
    expect(cr.names).toEqual(['a']);
    expect(cr.problems).toEqual([`9:1 warning kubectl-skips ${skipped(2)}`]);
  });

  it('reports where kubectl stops reading: an invalid separator line, a directive, a file that starts with { and is not JSON', () => {
    expect(read(pod('a') + '--- {apiVersion: v1, kind: Pod, metadata: {name: b}}\n')).toEqual({
      names: ['a', 'b'],
      problems: ['9:1 fatal syntax kubectl stops reading the file here: a line that starts with --- may hold only white space or a comment after it for kubectl\'s document splitter ("invalid Yaml document separator"), so it applies nothing from this line on'],
    });
    expect(read('%YAML 1.1\n---\n' + pod('a')).problems).toEqual(['1:1 fatal syntax kubectl stops reading the file here: its document splitter cuts a %YAML or %TAG directive off from the document after ---, and go-yaml then finds no document ("did not find expected <document start>"), so it applies nothing from this line on']);
    const json = read('{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default"}}\n---\n' + pod('a'));
    expect(json.names).toEqual(['default', 'a']);
    expect(json.problems).toEqual(['2:1 fatal syntax kubectl reads a file that starts with { as a stream of JSON objects, and this is not JSON: it stops reading here and applies nothing after it']);
    expect(read('{apiVersion: v1, kind: Pod,\n metadata: {name: a}}\n').problems).toEqual(['1:1 fatal syntax kubectl reads a file that starts with { as a stream of JSON objects, and this is not JSON: it stops reading here and applies nothing after it']);
    expect(read('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}\n{"apiVersion":"v1","kind":"Pod","metadata":{"name":"b"}}\n')).toEqual({ names: ['a', 'b'], problems: [] });
  });

  it('raises no error for text kubectl never reads: a syntax error after ... or after a --- that ends in a lone CR', () => {
    const skipped = (n: number) => `kubectl never reads document ${n}: no --- line separates it from the document before it (it follows ... or a --- that ends in a lone CR), and kubectl decodes only the first document between two --- lines; it is not linted`;
    expect(read(pod('a') + '...\ngarbage: [\n---\n' + pod('b'))).toEqual({ names: ['a', 'b'], problems: [`10:1 warning kubectl-skips ${skipped(2)}`] });
    const cr = read(pod('a').replace(/\n/g, '\r') + '---\n' + 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: b\n');
    expect(cr.names).toEqual(['a']);
    expect(cr.problems).toEqual([`9:1 warning kubectl-skips ${skipped(2)}`]);
  });

  it('reads the first node of a document and nothing after it, as go-yaml does: a flow mapping followed by another', () => {
    const r = read(pod('a') + '---\n{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "s"}}\n{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b"}}\n');
    expect(r).toEqual({ names: ['a', 's'], problems: ['11:1 warning kubectl-skips kubectl reads only the first node of a document (go-yaml ends it there): the text from here to the next --- line is never read; it is not linted'] });
  });

  it('reads the JSON objects of a file that starts with { up to where it stops being JSON, even on the same line', () => {
    const r = read('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}---\n' + pod('b'));
    expect(r).toEqual({ names: ['a', 'b'], problems: ['1:63 fatal syntax kubectl reads a file that starts with { as a stream of JSON objects, and this is not JSON: it stops reading here and applies nothing after it'] });
    const f = parseManifests('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}---\n' + pod('b'), 'm.yaml');
    expect(f.documents.map((d) => d.afterKubectlStop ?? false)).toEqual([false, true]);
  });

  it('keeps an object without apiVersion, as kubectl sends it, and says why a workload kind there is not linted', () => {
    const f = parseManifests('kind: Pod\nmetadata: {name: a}\n---\nkind: ConfigMap\nmetadata: {name: c}\n', 'm.yaml');
    expect(resourcesOf(f).map((r) => `${r.apiVersion}/${r.kind}/${r.name}`)).toEqual(['/Pod/a', '/ConfigMap/c']);
    expect(f.problems.map((p) => [f.position(p.range[0]).line, p.code, p.message])).toEqual([[1, 'unserved-api', 'Pod without apiVersion: kubectl sends it as it is (its decoder requires only a kind), but no schema is known for it, so its token settings are not linted; set apiVersion: v1']]);
  });

  it('marks the documents after the point where kubectl stops reading: linted, but they enter no inventory', () => {
    const f = parseManifests(pod('a') + '---\nbad: [\n---\n' + pod('b') + '---\n' + pod('c'), 'm.yaml');
    expect(f.documents.filter((d) => d.value !== undefined).map((d) => [d.index, d.afterKubectlStop ?? false])).toEqual([[0, false], [2, true], [3, true]]);
    const refused = parseManifests(pod('a') + '---\napiVersion: v1\nkind: Pod\nmetadata: {name: 5}\n---\n' + pod('b'), 'm.yaml');
    expect(refused.documents.map((d) => d.afterKubectlStop ?? false)).toEqual([false, false, false]);
  });

  it('reads a document that starts with a byte-order mark after ---, as go-yaml does, at its own lines', () => {
    const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: s}\n---\n\uFEFFapiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: 5\n';
    expect(read(text)).toEqual({ names: ['s'], problems: ['9:3 fatal decode kubectl refuses this document (metadata.namespace is a number, not a string); it is not linted and vouches for nothing'] });
    expect(read(text.replace('  namespace: 5\n', '')).names).toEqual(['s', 'a']);
  });
});
