/**
 * The bound-token migration in a real editor client: vscode-eslint-language-server over stdio
 * (test/support/lsp-client.ts) offers it as a code action on an operator's pod spec, and the
 * edit it applies is byte for byte what `satlint --fix` writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LspClient } from './support/lsp-client.js';

const root = resolve(import.meta.dirname, '..');
const satlintBin = join(root, 'packages/cli/bin/satlint.js');

// An operator (its shape says it calls the API server): never the plain disable, the migration instead.
const OPERATOR = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: backup-operator',
  '  namespace: ops',
  'spec:',
  '  selector: {matchLabels: {app: backup-operator}}',
  '  template:',
  '    metadata: {labels: {app: backup-operator}}',
  '    spec:',
  '      # runs as its own account',
  '      serviceAccountName: backup-operator',
  '      containers:',
  '        - name: manager',
  '          image: example.com/backup-operator:1.4.0',
  '          args: [--leader-elect]',
  '',
].join('\n');

const MIGRATE = /^Migrate to a bound token: .* \(satlint\/no-automount-token\)$/;

describe('the bound-token migration as an editor code action', () => {
  let dir: string;
  let client: LspClient;
  beforeAll(async () => {
    mkdirSync(join(root, 'test/.artifacts'), { recursive: true });
    dir = mkdtempSync(join(root, 'test/.artifacts/lsp-migration-'));
    writeFileSync(join(dir, 'eslint.config.js'), "import satlint from '@satlint/eslint-plugin';\n\nexport default [...satlint.configs.recommended];\n");
    writeFileSync(join(dir, 'operator.yaml'), OPERATOR);
    client = await LspClient.start({ root: dir });
  });
  afterAll(async () => {
    await client?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is offered (and no plain disable is), and its edit equals what satlint --fix writes', async () => {
    const uri = client.open(join(dir, 'operator.yaml'));
    const diagnostics = await client.pullDiagnostics(uri);
    const automount = diagnostics.filter((d) => d.code === 'satlint/no-automount-token');
    expect(automount.map((d) => [d.range.start.line, d.range.start.character])).toEqual([[9, 4]]);
    const actions = await client.codeActions(uri, automount[0]!);
    const titles = actions.map((a) => a.title);
    // No automatic fix for this finding: the plain disable would cut the operator off the API server.
    expect(titles).not.toContain('Fix this satlint/no-automount-token problem');
    const migrate = actions.filter((a) => MIGRATE.test(a.title));
    expect(migrate).toHaveLength(1);
    const edited = await client.execute(migrate[0]!, uri);

    const cliDir = mkdtempSync(join(tmpdir(), 'satlint-lsp-cli-'));
    try {
      writeFileSync(join(cliDir, 'operator.yaml'), OPERATOR);
      const r = spawnSync(process.execPath, [satlintBin, '--fix', 'operator.yaml'], { cwd: cliDir, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const viaCli = readFileSync(join(cliDir, 'operator.yaml'), 'utf8');
      expect(viaCli).not.toBe(OPERATOR);
      expect(edited).toBe(viaCli);
    } finally {
      rmSync(cliDir, { recursive: true, force: true });
    }
    expect(edited).toContain('      automountServiceAccountToken: false\n      # runs as its own account\n      serviceAccountName: backup-operator\n');
    expect(edited).toContain('              mountPath: /var/run/secrets/kubernetes.io/serviceaccount\n              readOnly: true\n');
    // The migrated file lints clean of the token-mounting rules in the editor too.
    const after = await client.pullDiagnostics(uri);
    expect(after.filter((d) => /no-automount-token|projected-token/.test(String(d.code)))).toEqual([]);
  });
});
