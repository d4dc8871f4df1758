import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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

  const readme = (id: string) => readFileSync(join(rulesDir, id, 'README.md'), 'utf8');

  it("write each rule README's Default and Fixable lines and its options table from the rule's meta and schema", () => {
    const doc = readme('projected-token-expiration');
    expect(doc).toContain('\n- Default: **error** in `recommended` and `strict`\n- Fixable: no\n');
    expect(doc).toContain('\n| `maxSeconds` | integer (600–4294967296) | `3600` | longest accepted lifetime |\n');
    expect(readme('no-default-service-account')).toContain('\n- Default: **warn** in `recommended`, **error** in `strict` with `evenWithoutToken: true`\n- Fixable: no, but offers suggestions (see [Fix](#fix))\n');
    expect(readme('no-duplicate-keys')).toContain('\n## Options\n\nNone.\n');
  });

  it('fail check-generated when a rule README header or options table is stale, and generate restores them', () => {
    // A scratch tree: the generator, the built core and the inputs it reads (linked), a copy of every
    // file it writes, and a copy of every rule folder's README.
    const tmp = mkdtempSync(join(tmpdir(), 'satlint-generate-'));
    try {
      cpSync(join(root, 'scripts'), join(tmp, 'scripts'), { recursive: true });
      const place = (rel: string, how: 'link' | 'copy') => {
        mkdirSync(dirname(join(tmp, rel)), { recursive: true });
        if (how === 'link') symlinkSync(join(root, rel), join(tmp, rel));
        else cpSync(join(root, rel), join(tmp, rel));
      };
      for (const rel of ['node_modules', 'packages/core/dist', 'conformance']) place(rel, 'link');
      for (const rel of ['README.md', 'docs/rules.md', 'docs/config-schema.json', 'packages/cli/src/rule-docs.generated.ts', 'packages/core/src/config/validate.generated.ts', 'packages/core/src/rbac/bootstrap-policy.generated.ts', 'packages/core/src/rules/index.ts', 'packages/core/src/rules/valid-token-fields/validate.generated.ts']) place(rel, 'copy');
      for (const r of rules) place(`packages/core/src/rules/${r.meta.id}/README.md`, 'copy');
      const generate = (...args: string[]) => spawnSync(process.execPath, [join(tmp, 'scripts/generate.mjs'), ...args], { encoding: 'utf8' });
      const current = generate('--check');
      expect(current.status, current.stderr).toBe(0);

      const file = join(tmp, 'packages/core/src/rules/projected-token-expiration/README.md');
      const doc = readme('projected-token-expiration');
      const edits: [string, string][] = [
        ['- Fixable: no\n', '- Fixable: yes\n'],
        ['- Default: **error** in `recommended` and `strict`', '- Default: **warn** in `recommended`'],
        ['| `maxSeconds` | integer (600–4294967296) | `3600` |', '| `maxSeconds` | integer | `7200` |'],
      ];
      for (const [from, to] of edits) {
        expect(doc).toContain(from);
        writeFileSync(file, doc.replace(from, to));
        const stale = generate('--check');
        expect(stale.status, to).toBe(1);
        expect(stale.stderr).toContain('stale: packages/core/src/rules/projected-token-expiration/README.md (run pnpm generate)');
      }

      // generate writes the header and the table back and keeps what the author wrote around them.
      const authored = doc.replace('## Why it matters\n\n', "## Why it matters\n\nAn author's new paragraph.\n\n");
      writeFileSync(file, edits.reduce((text, [from, to]) => text.replace(from, to), authored));
      expect(generate().status).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(authored);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
