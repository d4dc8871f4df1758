import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lint } from '../lint.js';
import { format } from '../format/index.js';
import { defineRule } from '../rule.js';
import type { LintOptions, LintStats, Source } from './options.js';
import { StreamedRun, type Reread } from './stream.js';

/** The streamed run over `sources` beside lint() over them: their JSON reports and the run's summary. */
function both(sources: readonly Source[], options: Omit<LintOptions, 'stats'> = {}, reread?: (path: string) => Reread) {
  const wholeStats: LintStats = { files: 0, documents: 0, objects: 0 };
  const whole = lint(sources, { ...options, stats: wholeStats });
  const stats: LintStats = { files: 0, documents: 0, objects: 0 };
  const run = new StreamedRun({ ...options, stats });
  for (const s of sources) run.add(s);
  const reads: string[] = [];
  const streamed = run.finish(
    reread ??
      ((path) => {
        reads.push(path);
        return { text: sources.find((s) => s.path === path)!.text };
      }),
  );
  return { whole, streamed, wholeJson: format(whole, 'json'), json: format(streamed, 'json'), summary: run.summary, reads, stats, wholeStats };
}

const configMap = (name: string, value = 'x') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: apps\ndata:\n  key: ${value}\n`;
const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: apps\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      serviceAccountName: ${name}\n      containers:\n      - name: c\n        image: nginx:1.27\n`;
const account = (name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: apps\n`;
// A big document no rule reads across files, so that the file's text is mostly let go.
const bigConfigMap = (name: string) => configMap(name, `"${'a'.repeat(4000)}"`);

describe('StreamedRun', () => {
  it('gives lint() results when a file mixes documents read across files with others (fixes keep the file offsets)', () => {
    const mixed = [bigConfigMap('before'), deployment('web'), bigConfigMap('between'), account('web'), bigConfigMap('after')].join('---\n');
    const r = both([
      { path: 'mixed.yaml', text: mixed },
      { path: 'other.yaml', text: deployment('api') },
    ]);
    expect(r.summary).toEqual({ whole: 1, alone: 0, lean: 1, readAgain: 0 });
    expect(r.json).toBe(r.wholeJson);
    // The Deployment after an emptied document has findings with edits, at the file's offsets.
    const fixes = r.streamed[0]!.messages.flatMap((m) => [m.fix, ...(m.suggestions ?? []).map((s) => s.fix)]).filter((f) => f !== undefined);
    expect(fixes.length).toBeGreaterThan(0);
    expect(fixes.every((f) => f!.range[0] > mixed.indexOf('kind: Deployment'))).toBe(true);
    expect(r.stats).toEqual(r.wholeStats);
  });

  it('keeps CRLF line ends and the lines of emptied documents', () => {
    const text = [bigConfigMap('a'), deployment('web'), bigConfigMap('b'), deployment('api')].join('---\n').replace(/\n/g, '\r\n');
    const r = both([{ path: 'crlf.yaml', text }]);
    expect(r.summary.lean).toBe(1);
    expect(r.json).toBe(r.wholeJson);
    expect(r.streamed[0]!.messages.map((m) => m.line)).toEqual(r.whole[0]!.messages.map((m) => m.line));
  });

  it('lints a file of documents no rule reads across files alone, and its findings survive', () => {
    const script = configMap('sync', '"kubectl create token sync --duration 24h"');
    const r = both([
      { path: 'script.yaml', text: script },
      { path: 'app.yaml', text: deployment('web') },
    ]);
    expect(r.summary).toEqual({ whole: 1, alone: 1, lean: 0, readAgain: 0 });
    expect(r.streamed[0]!.messages.map((m) => m.ruleId)).toContain('token-request-lifetime');
    expect(r.json).toBe(r.wholeJson);
  });

  it('reads a file again when another file defines one of its objects (no-conflicting-definitions compares them)', () => {
    const r = both([
      { path: 'a.yaml', text: [bigConfigMap('cm'), deployment('web')].join('---\n') },
      { path: 'b.yaml', text: configMap('cm', 'other') },
      { path: 'c.yaml', text: configMap('unique') },
    ]);
    expect(r.reads).toEqual(['a.yaml', 'b.yaml']);
    expect(r.summary.readAgain).toBe(2);
    const conflicts = r.streamed.flatMap((x) => x.messages.filter((m) => m.ruleId === 'no-conflicting-definitions').map((m) => `${x.filePath}:${m.line}`));
    expect(conflicts).toEqual(['a.yaml:4', 'b.yaml:4']);
    expect(r.json).toBe(r.wholeJson);
  });

  it('reads nothing again when no-conflicting-definitions is off', () => {
    const r = both([{ path: 'a.yaml', text: configMap('cm') }, { path: 'b.yaml', text: configMap('cm', 'other') }], { config: { rules: { 'no-conflicting-definitions': 'off' } } });
    expect(r.reads).toEqual([]);
    expect(r.json).toBe(r.wholeJson);
  });

  it('reports a file that cannot be read again as unreadable, where it was', () => {
    const run = new StreamedRun();
    run.add({ path: 'a.yaml', text: configMap('cm') });
    run.add({ path: 'b.yaml', text: configMap('cm', 'other') });
    const results = run.finish((path) => (path === 'a.yaml' ? { error: 'Cannot read file (ENOENT)' } : { text: configMap('cm', 'other') }));
    expect(results.map((r) => r.filePath)).toEqual(['a.yaml', 'b.yaml']);
    expect(results[0]!.messages).toEqual([{ ruleId: null, severity: 2, fatal: true, message: 'Cannot read file (ENOENT)', line: 1, column: 1 }]);
    expect(results[1]!.messages.map((m) => m.ruleId)).toEqual([]);
  });

  it('keeps whole a file with a suppression comment, parse problems, a List or objects of a cluster export', () => {
    const suppressed = [bigConfigMap('a'), `# satlint-disable-next-line no-automount-token -- reviewed\n${deployment('web')}`].join('---\n');
    const problem = [bigConfigMap('b'), deployment('api'), 'key: [unclosed\n'].join('---\n');
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${configMap('c').replace(/\n/g, '\n  ').trimEnd()}\n`;
    const exported = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: live\n  namespace: apps\n  uid: 0b1f\n  resourceVersion: "1"\ndata: {}\n`;
    const r = both([
      { path: 'suppressed.yaml', text: suppressed },
      { path: 'problem.yaml', text: problem },
      { path: 'list.yaml', text: list },
      { path: 'exported.yaml', text: exported },
    ]);
    expect(r.summary).toEqual({ whole: 4, alone: 0, lean: 0, readAgain: 0 });
    expect(r.json).toBe(r.wholeJson);
  });

  it('carries the dates a suppression makes the answer depend on', () => {
    const annotated = (name: string, expires: string) => configMap(name, '"kubectl create token sync --duration 24h"').replace('  namespace: apps\n', `  namespace: apps\n  annotations:\n    ignore.satlint.dev/token-request-lifetime: "a test script, expires ${expires}"\n`);
    const r = both([{ path: 'a.yaml', text: annotated('a', '2999-01-01') }, { path: 'b.yaml', text: annotated('b', '2000-01-01') }], { now: new Date('2026-12-01') });
    expect(r.stats).toEqual(r.wholeStats);
    expect(r.stats.answerValidThrough).toBe('2999-01-01');
    expect(r.stats.answerValidAfter).toBe('2000-01-01');
    expect(r.json).toBe(r.wholeJson);
  });

  it('does not stream a run with plugin rules, which may read any object', () => {
    const plugin = defineRule({
      meta: { id: 'count-config-maps', description: 'Count ConfigMaps', category: 'soundness', severity: 'warn', recommended: true, fixable: false, messages: { n: '{{n}} ConfigMaps' }, remediation: 'None.', schema: { type: 'object' }, defaultOptions: {}, securitySeverity: 1 },
      check(ctx) {
        for (const r of ctx.resources) if (r.kind === 'Deployment') ctx.report({ messageId: 'n', resource: r, data: { n: ctx.inventory.resources.filter((x) => x.kind === 'ConfigMap').length } });
      },
    });
    const r = both([{ path: 'a.yaml', text: configMap('a') }, { path: 'b.yaml', text: deployment('web') }], { plugins: [plugin] });
    expect(r.summary).toEqual({ whole: 2, alone: 0, lean: 0, readAgain: 0 });
    expect(r.streamed[1]!.messages.find((m) => m.ruleId === 'count-config-maps')?.message).toBe('1 ConfigMaps');
    expect(r.json).toBe(r.wholeJson);
  });

  it('is finished once', () => {
    const run = new StreamedRun();
    run.add({ path: 'a.yaml', text: configMap('a') });
    expect(run.finish(() => ({ error: 'unused' })).map((r) => r.filePath)).toEqual(['a.yaml']);
    expect(() => run.add({ path: 'b.yaml', text: configMap('b') })).toThrow('StreamedRun.add after finish: a run is finished once');
    expect(() => run.finish(() => ({ error: 'unused' }))).toThrow('StreamedRun.finish twice: a run is finished once');
  });

  it('refuses to fix or to take inventory files, which lint() does', () => {
    expect(() => new StreamedRun({ fix: true })).toThrow('StreamedRun neither fixes nor takes inventory files: use lint()');
    expect(() => new StreamedRun({ inventoryFiles: [] })).toThrow('StreamedRun neither fixes nor takes inventory files: use lint()');
  });

  it('rests on rules reading other files only through the inventory it keeps (a rule reading every object must be handled here)', () => {
    // The streamed run keeps, across files, what the inventory's lookups return (ServiceAccounts,
    // Secrets, RBAC, pod specs). A rule that walks every object of the inventory sees only those,
    // so it must be handled like no-conflicting-definitions: this fails when another rule starts to.
    const rules = resolve(import.meta.dirname, '../rules');
    const walkers = readdirSync(rules).filter((d) => {
      try {
        return /inventory\.resources\b/.test(readFileSync(join(rules, d, 'index.ts'), 'utf8'));
      } catch {
        return false;
      }
    });
    expect(walkers).toEqual(['no-conflicting-definitions']);
  });

  it("gives lint() results on the repository's examples, linted as one run", () => {
    const root = resolve(import.meta.dirname, '../../../..');
    const sources = ['examples/secure', 'examples/insecure'].flatMap((d) =>
      readdirSync(join(root, d))
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => ({ path: `${d}/${f}`, text: readFileSync(join(root, d, f), 'utf8') })),
    );
    expect(sources.length).toBeGreaterThan(30);
    const r = both(sources);
    expect(r.summary.alone + r.summary.lean).toBeGreaterThan(0);
    expect(r.json).toBe(r.wholeJson);
  });
});
