// Issue 15 item 5: suppression directives are comments only. A `# satlint-disable…` inside a block
// scalar or a quoted string is data; data in one document never silences a finding in another.
// Checked through the CLI and the ESLint plugin, which find comments the same way (core's lexer).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Linter } from 'eslint';
import plugin from '@satlint/eslint-plugin';
import { lint } from '@satlint/core';
import { yamlComments } from '@satlint/core/adapter';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'packages/cli/bin/satlint.js');

const configMap = (script: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: scripts\n  namespace: apps\ndata:\n${script}---\n`;
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: apps\nspec:\n  serviceAccountName: web\n  containers: [{name: c, image: i}]\n';
// In every case the Pod's no-automount-token finding is at line `podLine(text)` and must survive.
const CASES: [string, string][] = [
  ['a block scalar (ConfigMap script)', configMap('  run.sh: |\n    #!/bin/sh\n    # satlint-disable\n    echo hi\n')],
  ['a folded block scalar', configMap('  note: >\n    # satlint-disable no-automount-token\n')],
  ['a double-quoted string', configMap('  a: "# satlint-disable"\n')],
  ['a single-quoted string', configMap("  a: '# satlint-disable no-automount-token'\n")],
  ['a multi-line quoted string', configMap('  a: "x\n    # satlint-disable"\n')],
  ['a plain scalar', configMap('  a: x# satlint-disable\n')],
];
const withPod = (prefix: string) => prefix + POD;
const podSpecLine = (text: string) => text.split('\n').indexOf('spec:') + 1;

describe('comment directives are found by the YAML lexer', () => {
  it('yamlComments returns comments only, with their offsets', () => {
    const text = 'a: "# no" # yes 1\nb: |\n  # no\n# yes 2\nc: x#no\nd: [1, # yes 3\n  2]\n';
    expect(yamlComments(text).map((c) => [text.slice(c.start, c.end), c.value])).toEqual([
      ['# yes 1', ' yes 1'],
      ['# yes 2', ' yes 2'],
      ['# yes 3', ' yes 3'],
    ]);
  });
  it.each(CASES)('a directive inside %s suppresses nothing, in this document or the next (core)', (_, prefix) => {
    const text = withPod(prefix);
    const [r] = lint([{ path: 'x.yaml', text }], { config: { rules: { 'no-automount-token': 'error' } } });
    expect(r!.suppressedMessages).toEqual([]);
    expect(r!.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['no-automount-token', podSpecLine(text), 1]]);
  });
  it('a real comment directive in the same place still works (the test can fail)', () => {
    const text = withPod(configMap('  a: x # satlint-disable no-automount-token -- reviewed\n'));
    const [r] = lint([{ path: 'x.yaml', text }], { config: { rules: { 'no-automount-token': 'error' } } });
    expect(r!.messages).toEqual([]);
    expect(r!.suppressedMessages.map((m) => [m.ruleId, m.suppressions[0]!.justification])).toEqual([['no-automount-token', 'reviewed']]);
  });
});

describe('through the CLI', () => {
  const run = (text: string) => {
    if (!existsSync(join(root, 'packages/cli/dist/main.js'))) throw new Error('build first: pnpm run build');
    const r = spawnSync(process.execPath, [bin, '--format', 'json', '--rule', 'no-automount-token: error', '-'], { cwd: root, input: text, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status, results: JSON.parse(r.stdout || '[]') as { messages: { ruleId: string | null; line: number }[]; suppressedMessages: unknown[] }[], stderr: r.stderr };
  };
  it.each(CASES)('data inside %s does not silence the Pod', (_, prefix) => {
    const text = withPod(prefix);
    const r = run(text);
    expect(r.stderr).toBe('');
    expect(r.results[0]!.suppressedMessages).toEqual([]);
    expect(r.results[0]!.messages.filter((m) => m.ruleId !== null).map((m) => [m.ruleId, m.line])).toEqual([['no-automount-token', podSpecLine(text)]]);
    expect(r.code).toBe(1);
  });
  it('a comment directive is honoured (exit 0)', () => {
    const r = run(withPod(configMap('  a: x\n# satlint-disable no-automount-token -- reviewed\n')));
    expect(r.code).toBe(0);
    expect(r.results[0]!.suppressedMessages).toHaveLength(1);
  });
});

describe('through the ESLint plugin', () => {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [{ files: ['**/*.yaml'], plugins: { satlint: plugin }, language: 'satlint/yaml', rules: { 'satlint/no-automount-token': 'error' } }];
  it.each(CASES)('data inside %s silences nothing (satlint- and eslint-disable spellings)', (_, prefix) => {
    for (const text of [withPod(prefix), withPod(prefix.replaceAll('satlint-disable', 'eslint-disable'))]) {
      expect(linter.verify(text, config, 'x.yaml').map((m) => [m.ruleId, m.line])).toEqual([['satlint/no-automount-token', podSpecLine(text)]]);
    }
  });
  it('comment directives of both spellings are honoured', () => {
    expect(linter.verify(withPod('# satlint-disable no-automount-token\n'), config, 'x.yaml')).toEqual([]);
    expect(linter.verify(withPod('# eslint-disable satlint/no-automount-token\n'), config, 'x.yaml')).toEqual([]);
  });
});
