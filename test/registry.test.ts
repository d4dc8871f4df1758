import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { rules, lint } from '@satlint/core';
import fg from 'fast-glob';

const root = resolve(import.meta.dirname, '..');
const rulesDir = join(root, 'packages/core/src/rules');
const HEADINGS = ['## Why it matters', '## Rule details', '## Examples', '### Failing', '### Passing', '## Fix', '## Options'];

describe('rule registry contract', () => {
  it('lists every rule folder exactly once, sorted by id', () => {
    const folders = readdirSync(rulesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(rules.map((r) => r.meta.id)).toEqual(folders);
  });
  for (const rule of rules) {
    const m = rule.meta;
    describe(m.id, () => {
      it('has a description in the house pattern', () => {
        expect(m.description).toMatch(/^(Disallow|Require) \S.*[^.]$/);
      });
      it('has a doc page with the required headings', () => {
        const doc = readFileSync(join(rulesDir, m.id, 'README.md'), 'utf8');
        expect(doc.startsWith(`# ${m.id}\n`)).toBe(true);
        for (const h of HEADINGS) expect(doc, `${m.id} README lacks "${h}"`).toContain(`\n${h}\n`);
      });
      it('has a test table beside it, with a fix case when fixable', () => {
        const test = readFileSync(join(rulesDir, m.id, 'index.test.ts'), 'utf8');
        expect(test).toContain('new RuleTester().run(');
        if (m.fixable) expect(test).toMatch(/output: (yaml`|')/);
      });
      it('has camelCase message ids and a docs URL', () => {
        for (const id of Object.keys(m.messages)) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        expect(m.docsUrl).toMatch(new RegExp(`/rules/${m.id}/README\\.md$`));
      });
    });
  }
});

describe('examples', () => {
  const files = (dir: string) => fg.sync('**/*.{yaml,yml,json}', { cwd: join(root, 'examples', dir), absolute: true }).sort();
  const load = (dir: string) => files(dir).map((f) => ({ path: f, text: readFileSync(f, 'utf8') }));
  it('examples/secure lints with zero findings', () => {
    const results = lint(load('secure'));
    expect(results.length).toBeGreaterThan(0);
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`))).toEqual([]);
  });
  it('every registered rule fires on examples/insecure', () => {
    const fired = new Set(lint(load('insecure')).flatMap((r) => r.messages.map((m) => m.ruleId)));
    expect(rules.map((r) => r.meta.id).filter((id) => !fired.has(id))).toEqual([]);
  });
  it('each insecure example named after a rule fires that rule', () => {
    for (const f of files('insecure')) {
      const id = f.split('/').pop()!.replace(/\.ya?ml$/, '');
      if (!rules.some((r) => r.meta.id === id)) continue;
      const [r] = lint([{ path: f, text: readFileSync(f, 'utf8') }]);
      expect(r!.messages.map((m) => m.ruleId), f).toContain(id);
    }
  });
});

describe('generated files', () => {
  it('are current (pnpm generate)', () => {
    expect(existsSync(join(root, 'packages/core/dist/index.js'))).toBe(true);
    const r = spawnSync(process.execPath, [join(root, 'scripts/generate.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
