/**
 * satlint in an editor, tested the way an editor runs it: `vscode-eslint-language-server` (the
 * server inside VS Code's ESLint extension, shipped on npm as vscode-langservers-extracted and used
 * by Neovim, Helix, Zed, …) started over stdio by a real LSP client (test/support/lsp-client.ts),
 * with an eslint.config.js exactly as docs/eslint.md writes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LspClient, eslintSettings, textIn, type Diagnostic } from './support/lsp-client.js';

const root = resolve(import.meta.dirname, '..');

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  serviceAccountName: web\n  containers:\n    - name: app\n      image: nginx\n';

/** A workspace inside the repository, so that `eslint` and `@satlint/eslint-plugin` resolve from its node_modules as in a user's project. */
function workspace(config: string): string {
  mkdirSync(join(root, 'test/.artifacts'), { recursive: true });
  const dir = mkdtempSync(join(root, 'test/.artifacts/lsp-'));
  writeFileSync(join(dir, 'eslint.config.js'), config);
  writeFileSync(join(dir, 'pod.yaml'), POD);
  copyFileSync(join(root, 'examples/insecure/projected-token-expiration.yaml'), join(dir, 'expiration.yaml'));
  return dir;
}

const brief = (d: Diagnostic) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];

describe('vscode-eslint-language-server over stdio (flat config, as VS Code and Neovim run it)', () => {
  let dir: string;
  let client: LspClient;
  beforeAll(async () => {
    dir = workspace("import satlint from '@satlint/eslint-plugin';\n\nexport default [...satlint.configs.recommended];\n");
    client = await LspClient.start({ root: dir });
  });
  afterAll(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('initializes, asks for its configuration, and reports diagnostics with exact ranges when pulled', async () => {
    expect(client.capabilities['diagnosticProvider']).toMatchObject({ identifier: 'eslint' });
    expect((client.capabilities['codeActionProvider'] as { codeActionKinds: string[] }).codeActionKinds).toContain('quickfix');
    const uri = client.open(join(dir, 'pod.yaml'));
    const diagnostics = await client.pullDiagnostics(uri);
    expect(client.configurationRequests.some((r) => r.scopeUri === uri)).toBe(true);
    // LSP positions are 0-based: satlint's 6:1-6:5 (the `spec` key) is line 5, characters 0-4.
    expect(diagnostics.map(brief)).toEqual([['satlint/no-automount-token', 1, 5, 0, 5, 4]]);
    expect(textIn(client.text(uri), diagnostics[0]!.range)).toBe('spec');
    expect(diagnostics[0]!.message).toBe(
      'Pod apps/web mounts an API token it never asked for: the pod spec does not set automountServiceAccountToken and ServiceAccount apps/web is not in the input; set automountServiceAccountToken: false in the pod spec',
    );
    expect(diagnostics[0]!.codeDescription?.href).toMatch(/rules\/no-automount-token\/README\.md$/);

    const other = client.open(join(dir, 'expiration.yaml'));
    const d2 = await client.pullDiagnostics(other);
    expect(d2.map(brief)).toEqual([['satlint/projected-token-expiration', 1, 28, 18, 28, 41]]);
    expect(textIn(client.text(other), d2[0]!.range)).toBe('expirationSeconds: 3607');
  });

  it('pushes nothing: this server only answers pulls (textDocument/diagnostic), so a client must pull', async () => {
    const uri = client.open(join(dir, 'pod.yaml'));
    expect(await client.waitForPushedDiagnostics(uri, 1500)).toBeUndefined();
    expect(client.pushed.size).toBe(0);
  });

  it('offers the quick fix, disable comments and documentation; the fix and the YAML disable comment work', async () => {
    const uri = client.open(join(dir, 'pod.yaml'), 'yaml', POD);
    const [diagnostic] = await client.pullDiagnostics(uri);
    const actions = await client.codeActions(uri, diagnostic!);
    expect(actions.map((a) => [a.title, a.kind])).toEqual([
      ['Fix this satlint/no-automount-token problem', 'quickfix'],
      // The bound-token migration, an ESLint suggestion (test/lsp-migration.test.ts applies it).
      [
        'Migrate to a bound token: set automountServiceAccountToken: false and mount a projected token (audience https://kubernetes.default.svc.cluster.local, expirationSeconds 3600), kube-root-ca.crt and the namespace read-only at /var/run/secrets/kubernetes.io/serviceaccount, where in-cluster clients read them (satlint/no-automount-token)',
        'quickfix',
      ],
      ['Disable satlint/no-automount-token for this line', 'quickfix'],
      ['Disable satlint/no-automount-token for the entire file', 'quickfix'],
      ['Show documentation for satlint/no-automount-token', 'quickfix'],
      ['Fix all auto-fixable problems', 'quickfix'],
    ]);

    const fixed = await client.execute(actions[0]!, uri);
    expect(fixed).toBe(POD.replace('spec:\n', 'spec:\n  automountServiceAccountToken: false\n'));
    expect(await client.pullDiagnostics(uri)).toEqual([]);

    // Back to the original text: "disable for this line" writes a YAML comment (`#`), not `//`.
    client.change(uri, POD);
    const [again] = await client.pullDiagnostics(uri);
    const disable = (await client.codeActions(uri, again!)).find((a) => a.title === 'Disable satlint/no-automount-token for this line')!;
    const disabled = await client.execute(disable, uri);
    expect(disabled).toBe(POD.replace('spec:\n', '# eslint-disable-next-line satlint/no-automount-token\nspec:\n'));
    expect(await client.pullDiagnostics(uri)).toEqual([]);

    client.change(uri, POD);
    const [third] = await client.pullDiagnostics(uri);
    const all = (await client.codeActions(uri, third!)).find((a) => a.title === 'Fix all auto-fixable problems')!;
    expect(await client.execute(all, uri)).toBe(fixed);
  });
});

describe('the experimental.useFlatConfig pitfall (docs/eslint.md)', () => {
  it('with eslint.experimental.useFlatConfig: true the server reports nothing at all, without an error', async () => {
    const dir = workspace("import satlint from '@satlint/eslint-plugin';\n\nexport default [...satlint.configs.recommended];\n");
    const client = await LspClient.start({ root: dir, settings: eslintSettings(dir, { experimental: { useFlatConfig: true } }) });
    try {
      const uri = client.open(join(dir, 'pod.yaml'));
      expect(await client.pullDiagnostics(uri)).toEqual([]);
      expect(client.log.filter((l) => /error|fail/i.test(l))).toEqual([]);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
