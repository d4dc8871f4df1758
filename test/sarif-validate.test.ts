import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * SARIF that GitHub code scanning fully accepts: Microsoft's `sarif-multitool validate` (npm
 * @microsoft/sarif-multitool, a self-contained .NET executable: no .NET install needed) over the
 * SARIF of the shared corpus, once with the GitHub rule kinds (`--rule-kind "Gh;Ghas"`: what code
 * scanning requires and what GitHub Advanced Security shows) and once with the default kinds (the
 * SARIF specification's rules). Any error or warning fails. The binary is run directly: the npm
 * wrapper passes its arguments through a shell, which splits "Gh;Ghas" at the semicolon.
 */
const root = resolve(import.meta.dirname, '..');
const corpus = resolve(root, '../shared/corpus');
const require = createRequire(import.meta.url);

function multitool(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  try {
    const pkg = require.resolve('@microsoft/sarif-multitool-linux/package.json', { paths: [dirname(require.resolve('@microsoft/sarif-multitool/package.json'))] });
    const bin = join(dirname(pkg), 'Sarif.Multitool');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const bin = multitool();
const why = !existsSync(join(corpus, 'FILES.tsv')) ? '../shared/corpus is not present' : !bin ? `no sarif-multitool binary for ${process.platform}-${process.arch} (pnpm install installs it on linux-x64)` : '';
if (why) console.warn(`sarif-multitool validation skipped: ${why}`);

interface Log {
  runs: { results: { ruleId: string; level?: string; message: { text?: string; id?: string; arguments?: string[] }; locations?: { physicalLocation?: { region?: unknown } }[] }[] }[];
}

function validate(sarifFile: string, ruleKinds: string | undefined): string[] {
  const out = join(mkdtempSync(join(tmpdir(), 'satlint-sarif-validate-')), 'validation.sarif');
  const args = ['validate', sarifFile, '--output', out, '--level', 'Error;Warning', ...(ruleKinds ? ['--rule-kind', ruleKinds] : [])];
  const r = spawnSync(bin!, args, { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' }, timeout: 240_000 });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  const log = JSON.parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, '')) as Log;
  return log.runs.flatMap((run) => run.results.map((x) => `${x.level ?? 'warning'} ${x.ruleId}: ${x.message.text ?? `${x.message.id} ${JSON.stringify(x.message.arguments)}`}`));
}

describe.skipIf(Boolean(why))('sarif-multitool validate on the corpus SARIF', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'satlint-sarif-')), 'corpus.sarif');
  it('satlint writes the corpus SARIF', () => {
    const r = spawnSync(process.execPath, [join(root, 'packages/cli/bin/satlint.js'), '-f', 'sarif', '-o', file, '.'], { cwd: corpus, encoding: 'utf8', timeout: 240_000 });
    expect(r.status, r.stderr).toBe(1);
    const log = JSON.parse(readFileSync(file, 'utf8')) as Log;
    expect(log.runs[0]!.results.length).toBeGreaterThan(1000);
  }, 240_000);
  it('has no error or warning under the GitHub rule kinds (--rule-kind "Gh;Ghas")', () => {
    expect(validate(file, 'Gh;Ghas')).toEqual([]);
  }, 240_000);
  it('has no error or warning under the default rule kinds (the SARIF specification)', () => {
    expect(validate(file, undefined)).toEqual([]);
  }, 240_000);
  it('Helm-mapped findings (the recorded helm template output of test/fixtures/helm): regions never zero-width, and valid', () => {
    const fixtures = join(root, 'test/fixtures/helm');
    const r = spawnSync(process.execPath, [join(root, 'packages/cli/bin/satlint.js'), '-f', 'sarif', '-'], { cwd: fixtures, input: readFileSync(join(fixtures, 'app.rendered.yaml'), 'utf8'), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[]; properties?: { origin?: { via: string } } }[] }[] };
    const helm = log.runs[0]!.results.filter((x) => x.properties?.origin?.via === 'helm');
    expect(helm.length).toBeGreaterThan(3);
    for (const x of helm) {
      const g = x.locations[0]!.physicalLocation.region;
      expect(x.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/templates\/[\w.-]+\.yaml$/);
      expect((g['endLine'] ?? g['startLine']!) > g['startLine']! || g['endColumn']! > g['startColumn']!, JSON.stringify(g)).toBe(true);
    }
    const file = join(mkdtempSync(join(tmpdir(), 'satlint-sarif-')), 'helm.sarif');
    writeFileSync(file, r.stdout);
    expect(validate(file, 'Gh;Ghas')).toEqual([]);
    expect(validate(file, undefined)).toEqual([]);
  }, 240_000);
  it('would report a rule without help and security-severity (the check can fail)', () => {
    const log = JSON.parse(readFileSync(file, 'utf8')) as { runs: { tool: { driver: { rules: Record<string, unknown>[] } } }[] };
    const rule = log.runs[0]!.tool.driver.rules[0]!;
    delete rule['help'];
    delete (rule['properties'] as Record<string, unknown>)['security-severity'];
    const broken = join(mkdtempSync(join(tmpdir(), 'satlint-sarif-')), 'broken.sarif');
    writeFileSync(broken, JSON.stringify(log));
    expect(validate(broken, 'Gh;Ghas').length).toBeGreaterThan(0);
  }, 240_000);
});
