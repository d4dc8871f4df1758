/**
 * Origins, proven on real charts and kustomizations: every finding that satlint moves from rendered
 * output to a template, base or patch file must point at a line holding the key it is about, or say
 * that its line is approximate. test-support/origin-check.mjs does the work; scripts/origin-check.mjs
 * prints the same figures.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { skipWithReason } from './support/skip.js';
import { endsInBlockScalarHeader } from '../packages/core/src/findings/origins.js';
// @ts-expect-error plain ESM script
import { check, lastKey, lineHolds } from '../test-support/origin-check.mjs';

const root = resolve(import.meta.dirname, '..');
const corpus = resolve(root, '../shared/corpus');
const goBin = join(homedir(), 'go/bin');
if (existsSync(goBin)) process.env['PATH'] = `${goBin}${delimiter}${process.env['PATH'] ?? ''}`;
const has = (b: string) => spawnSync(b, ['version'], { encoding: 'utf8' }).error === undefined;
const why = !existsSync(join(corpus, '_helm')) || !existsSync(join(corpus, '_kustomize')) ? '../shared/corpus/_helm or _kustomize is not present in this checkout' : !has('helm') ? 'helm is not installed' : !has('kustomize') ? 'kustomize is not installed' : false;

describe('an inline patch written as a block scalar', () => {
  it('is recognised by its key line', () => {
    for (const line of ['    patch: |-', '  - patch: |', 'patch: >2 # ops', 'patch:\t|+']) expect(endsInBlockScalarHeader(line), line).toBe(true);
    for (const line of ['    patch: "x"', 'patch: |x', 'patch:', 'a|b']) expect(endsInBlockScalarHeader(line), line).toBe(false);
  });
  // The regex this replaced took 1.9 s on 40,000 characters of this line and grew with the square
  // of its length (27 s here); the scan is linear. The timeout is a guard, not a measurement.
  it('stays linear on a hostile key line', { timeout: 10_000 }, () => {
    expect(endsInBlockScalarHeader(':|#'.repeat(50_000) + '\u2028')).toBe(true);
    expect(endsInBlockScalarHeader('x: '.repeat(50_000) + '|x')).toBe(false);
  });
});

describe('the checker itself', () => {
  it('reads the last key of a path and recognises it on a line', () => {
    expect(lastKey('spec.template.spec.automountServiceAccountToken')).toBe('automountServiceAccountToken');
    expect(lastKey('spec.containers[0]')).toBe(0);
    expect(lastKey('metadata.annotations["eks.amazonaws.com/role-arn"]')).toBe('eks.amazonaws.com/role-arn');
    expect(lastKey(undefined)).toBe('kind');
    expect(lineHolds('      automountServiceAccountToken: true', 'automountServiceAccountToken')).toBe(true);
    expect(lineHolds('  - path: /spec/template/spec/automountServiceAccountToken', 'automountServiceAccountToken')).toBe(true);
    expect(lineHolds('        - name: web', 0)).toBe(true);
    expect(lineHolds('  serviceAccountName: web', 'automountServiceAccountToken')).toBe(false);
    expect(lineHolds('kind: Deployment', 'spec')).toBe(false);
  });
});

describe.skipIf(skipWithReason('origin property test', why))('every finding on every corpus chart and kustomization (needs helm, kustomize, ../shared/corpus)', () => {
  it('is at a line holding its key, or marked approximate: wrong = 0', () => {
    const out = check() as { totals: Record<'helm' | 'kustomize', { exact: number; approximate: number; wrong: number; unmoved: number; rendered: number; unbuildable?: number }>; wrong: unknown[]; targets: number };
    for (const [kind, t] of Object.entries(out.totals)) {
      const moved = t.exact + t.approximate + t.wrong;
      console.log(`origins, ${kind}: ${t.rendered} rendered${t.unbuildable !== undefined ? `, ${t.unbuildable} not buildable offline` : ''}; exact ${t.exact} / approximate ${t.approximate} / wrong ${t.wrong} of ${moved} moved (${moved ? ((100 * t.exact) / moved).toFixed(1) : 0}% exact); ${t.unmoved} left on the rendered output`);
    }
    expect(out.wrong).toEqual([]);
    expect(out.totals.helm.rendered).toBe(3);
    expect(out.totals.kustomize.rendered).toBeGreaterThan(50);
    expect(out.totals.kustomize.exact).toBeGreaterThan(400);
  }, 1_200_000);
});
