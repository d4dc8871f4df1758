import { describe, expect, it, vi } from 'vitest';
import { Linter } from 'eslint';

// Count every call of satlint's parser, wherever it comes from (the language, the rules, core's lint).
const calls = vi.hoisted(() => [] as string[]);
vi.mock('../../core/dist/parse/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../core/dist/parse/index.js')>();
  return {
    ...original,
    parseManifests: ((text: string, path: string) => {
      calls.push(path);
      return original.parseManifests(text, path);
    }) as typeof original.parseManifests,
  };
});

const { default: plugin } = await import('./index.js');

describe('the rules use the language parse', () => {
  it('one parse per linted file, however many rules run', () => {
    const linter = new Linter({ configType: 'flat' });
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps}\nspec:\n  serviceAccountName: app\n  containers: []\n';
    calls.length = 0;
    const messages = linter.verify(text, plugin.configs.strict, 'k8s/pod.yaml');
    expect(messages.map((m) => [m.ruleId, m.message])).toContainEqual(['satlint/no-automount-token', expect.any(String)]);
    expect(Object.keys(plugin.configs.strict[0]!.rules!).length).toBeGreaterThan(20);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/k8s\/pod\.yaml$/);
  });
});
