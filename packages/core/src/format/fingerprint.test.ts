import { describe, expect, it } from 'vitest';
import { fnv1a64, fingerprints } from './fingerprint.js';
import { lint } from '../lint.js';

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64-bit test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
});

describe('fingerprints', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec:\n  serviceAccountName: app\n  containers: []\n';
  it('survive lines moving, and differ between findings', () => {
    const a = lint([{ path: '/repo/k8s/p.yaml', text: pod }]);
    const b = lint([{ path: '/repo/k8s/p.yaml', text: `# moved\n\n\n\n\n\n\n\n\n\n${pod}` }]);
    const fa = [...fingerprints(a, '/repo').values()];
    const fb = [...fingerprints(b, '/repo').values()];
    expect(a[0]!.messages[0]!.line).not.toBe(b[0]!.messages[0]!.line);
    expect(fa).toEqual(fb);
    expect(new Set(fa).size).toBe(fa.length);
  });
  it('count identical findings apart and depend on the relative path', () => {
    const twice = `${pod}---\n${pod}`;
    const r = lint([{ path: '/repo/a.yaml', text: twice }]);
    const f = [...fingerprints(r, '/repo').values()].filter((x) => x.endsWith(':1'));
    expect(f.length).toBeGreaterThan(0);
    const moved = lint([{ path: '/repo/b.yaml', text: twice }]);
    expect([...fingerprints(moved, '/repo').values()]).not.toEqual([...fingerprints(r, '/repo').values()]);
  });
});
