import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { parse as parseYaml } from 'yaml';
import { lint } from '@satlint/core';

/** Characters that matter to YAML, to make random text reach the parser's corners. */
const yamlUnit = fc.constantFrom(...'abk: -[]{}#&*!|>\'"\n\t %@`,?\r\\0123456789'.split(''));
const yamlish = fc.string({ unit: yamlUnit, maxLength: 400 });
// A length bound in the generator, not a filter: filtering small-biased strings for length > 50
// rejects nearly every sample, and fast-check then searches forever.
const yamlishLong = fc.string({ unit: yamlUnit, minLength: 60, maxLength: 400 });
const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), yamlish);

function safeLint(text: string) {
  return lint([{ path: 'p.yaml', text }]);
}

describe('property: arbitrary text', () => {
  it('never makes lint() throw, and every message has a position inside the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const [r] = safeLint(text);
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const m of r!.messages) {
          expect(m.line).toBeGreaterThanOrEqual(1);
          expect(m.line).toBeLessThanOrEqual(lines);
          expect(m.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('takes time roughly linear in the length (16 copies cost far less than 16² × one)', () => {
    const time = (text: string) => {
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        safeLint(text);
        best = Math.min(best, performance.now() - t);
      }
      return best;
    };
    fc.assert(
      fc.property(yamlishLong, (s) => {
        const one = time(s);
        const sixteen = time(`${s}\n`.repeat(16));
        // Linear would be ~16x; quadratic ~256x. The constant absorbs timer noise on tiny inputs.
        expect(sixteen).toBeLessThan(one * 64 + 150);
      }),
      { numRuns: 25 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Generated valid manifests: --fix output parses, is a fixed point, keeps comments, and changes
// only what the fixed findings named.

const KINDS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
};

const manifestArb = fc
  .record({
    kind: fc.constantFrom(...Object.keys(KINDS)),
    sa: fc.constantFrom(undefined, 'app', 'default'),
    deprecatedField: fc.boolean(),
    podAutomount: fc.constantFrom(undefined, 'true', 'false'),
    saDoc: fc.boolean(),
    saAutomount: fc.constantFrom(undefined, 'true', 'false'),
    saSecrets: fc.boolean(),
    flowContainers: fc.boolean(),
    quoteName: fc.boolean(),
    comments: fc.array(fc.constantFrom('# owner: team-a', '# reviewed', '# TODO: tighten', '# ticket OPS-1'), { maxLength: 3 }),
  })
  .map((m) => {
    const path = KINDS[m.kind]!;
    const lines: string[] = [`apiVersion: ${m.kind === 'Pod' ? 'v1' : m.kind === 'Job' || m.kind === 'CronJob' ? 'batch/v1' : 'apps/v1'}`, `kind: ${m.kind}`, 'metadata:', `  name: ${m.quoteName ? '"w"' : 'w'}`, '  namespace: apps'];
    let indent = '';
    for (const seg of path) {
      lines.push(`${indent}${seg}:`);
      indent += '  ';
    }
    if (m.sa) lines.push(`${indent}${m.deprecatedField ? 'serviceAccount' : 'serviceAccountName'}: ${m.sa}`);
    if (m.podAutomount) lines.push(`${indent}automountServiceAccountToken: ${m.podAutomount}`);
    lines.push(m.flowContainers ? `${indent}containers: [{name: c, image: i}]` : `${indent}containers:\n${indent}  - name: c\n${indent}    image: i`);
    let text = lines.join('\n');
    m.comments.forEach((c, i) => {
      const all = text.split('\n');
      const at = (i * 3 + 1) % all.length;
      all.splice(at, 0, c);
      text = all.join('\n');
    });
    text += '\n';
    if (m.saDoc) {
      text += `---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${m.sa ?? 'default'}, namespace: apps}\n`;
      if (m.saAutomount) text += `automountServiceAccountToken: ${m.saAutomount}\n`;
      if (m.saSecrets) text += 'secrets:\n  - name: old-token\nimagePullSecrets: [{name: registry}]\n';
    }
    return { text, comments: m.comments };
  });

function leafPaths(v: unknown, prefix: string, out: Map<string, string>): void {
  if (v !== null && typeof v === 'object') {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    if (entries.length === 0) out.set(prefix, JSON.stringify(v));
    for (const [k, x] of entries) leafPaths(x, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, JSON.stringify(v));
}

function docs(text: string): unknown[] {
  return text.split(/^---$/m).map((d) => parseYaml(d, { version: '1.1' }) as unknown);
}

describe('property: --fix on generated manifests', () => {
  it('output parses, is a fixed point, keeps every comment, and changes only fixed paths', () => {
    let fixedSomething = 0;
    fc.assert(
      fc.property(manifestArb, ({ text, comments }) => {
        const [before] = lint([{ path: 'm.yaml', text }]);
        const [after] = lint([{ path: 'm.yaml', text }], { fix: true });
        const output = after!.output ?? text;
        if (output !== text) fixedSomething++;
        // Parses cleanly.
        const [reread] = lint([{ path: 'm.yaml', text: output }]);
        expect(reread!.messages.filter((m) => m.fatal)).toEqual([]);
        // Fixed point: a second fix pass changes nothing.
        const [again] = lint([{ path: 'm.yaml', text: output }], { fix: true });
        expect(again!.output ?? output).toBe(output);
        expect(reread!.messages.filter((m) => m.fix)).toEqual([]);
        // Comments survive.
        for (const c of comments) expect(output).toContain(c);
        // Only what a fixable finding named changes (its path, or the pair it renames/removes).
        // A fix edits its path; a migration applied by --fix (a suggestion of a finding without a fix) edits the pod spec it is about.
        const fixedPaths = [
          ...before!.messages.filter((m) => m.fix).map((m) => m.path ?? ''),
          ...before!.messages.filter((m) => !m.fix && m.suggestions?.some((s) => s.kind === 'migration')).map((m) => (m.path ?? '').replace(/\.(automountServiceAccountToken|serviceAccountName|serviceAccount)$/, '')),
        ].map((p) => p.replace(/\[(\d+)\]/g, '.$1'));
        const a = docs(text);
        const b = docs(output);
        expect(b.length).toBe(a.length);
        a.forEach((docA, i) => {
          const la = new Map<string, string>();
          const lb = new Map<string, string>();
          leafPaths(docA, '', la);
          leafPaths(b[i], '', lb);
          for (const key of new Set([...la.keys(), ...lb.keys()])) {
            if (la.get(key) === lb.get(key)) continue;
            const parent = key.split('.').slice(0, -1).join('.');
            // A fix edits the named field: inside it, a pair inserted into it, or the named pair itself
            // renamed or removed (which changes a key of the same mapping).
            const allowed = fixedPaths.some((p) => key === p || key.startsWith(`${p}.`) || parent === p || (p === '' && !key.includes('.')) || (p.includes('.') && parent === p.split('.').slice(0, -1).join('.')));
            expect(allowed, `${key} changed (${la.get(key)} → ${lb.get(key)}) but the fixes named ${fixedPaths.join(', ')}`).toBe(true);
          }
        });
      }),
      { numRuns: 300 },
    );
    expect(fixedSomething).toBeGreaterThan(50);
  });
});
