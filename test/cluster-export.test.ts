import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format, lint, type AuditSummary, type LintMessage, type LintResult, type NamespaceAudit } from '@satlint/core';

// The export of the guide's insecure examples that test/fixtures/cluster-export holds: built by
// scripts/cluster-export.mjs from applied.yaml (see its header for how each field was derived).
const root = resolve(import.meta.dirname, '..');
const fixtures = join(root, 'test/fixtures/cluster-export');
const bin = join(root, 'packages/cli/bin/satlint.js');
const read = (name: string) => ({ path: join(fixtures, name), text: readFileSync(join(fixtures, name), 'utf8') });

const messages = (results: LintResult[]): LintMessage[] => results.flatMap((r) => r.messages);
/** A finding without its position: what must agree between the YAML and the JSON form. */
const what = (m: LintMessage) => ({
  ruleId: m.ruleId,
  messageId: m.messageId,
  resource: m.resource ? `${m.resource.kind} ${m.resource.namespace ?? ''}/${m.resource.name}` : '',
  path: m.path,
  message: m.message,
  instances: (m.relatedLocations ?? []).map((l) => `${l.resource?.kind} ${l.resource?.namespace}/${l.resource?.name} ${l.path}`),
});

describe('the export of the guide insecure examples (kubectl get … -A -o yaml)', () => {
  const results = lint([read('export.yaml')]);
  const all = messages(results);

  it('reports each problem once, at the top owner, with the live pods counted', () => {
    expect(all.map((m) => [m.ruleId, m.resource?.kind, m.resource?.namespace, m.resource?.name, m.line])).toEqual([
      ['service-account-automount', 'ServiceAccount', 'ci', 'ci-deployer', 4],
      ['service-account-automount', 'ServiceAccount', 'ci', 'default', 52],
      ['service-account-automount', 'ServiceAccount', 'platform', 'default', 60],
      ['service-account-automount', 'ServiceAccount', 'platform', 'deployment-controller', 68],
      ['service-account-automount', 'ServiceAccount', 'platform', 'secret-rotator', 91],
      ['service-account-automount', 'ServiceAccount', 'production', 'default', 114],
      ['service-account-automount', 'ServiceAccount', 'production', 'web-app', 122],
      ['no-legacy-token-secret', 'Secret', 'ci', 'ci-deployer-token', 177],
      ['no-legacy-token-secret', 'Secret', 'ci', 'metrics-reader-token', 211],
      ['no-legacy-token-secret', 'Secret', 'production', 'web-app-token', 246],
      ['no-legacy-token-mount', 'Deployment', 'ci', 'ci-runner', 368],
      ['no-automount-token', 'Deployment', 'platform', 'deployment-controller', 477],
      ['token-blast-radius', 'Deployment', 'platform', 'deployment-controller', 493],
      ['no-automount-token', 'Deployment', 'production', 'web-app', 604],
      ['no-unneeded-token', 'Deployment', 'production', 'web-app', 604],
      ['no-automount-token', 'CronJob', 'platform', 'rotate-secrets', 1111],
      ['token-blast-radius', 'CronJob', 'platform', 'rotate-secrets', 1127],
      ['no-token-minting', 'RoleBinding', 'platform', 'token-issuer', 2820],
      ['no-token-minting', 'ClusterRoleBinding', undefined, 'ci-deployer-admin', 2967],
    ]);
    const web = all.find((m) => m.ruleId === 'no-automount-token' && m.resource?.name === 'web-app')!;
    expect(web.message).toMatch(/ \(and 3 running pods\)$/);
    // The ReplicaSet and its three Pods, each at its own pod spec.
    expect(web.relatedLocations!.map((l) => [l.resource!.kind, l.path, l.line])).toEqual([
      ['ReplicaSet', 'spec.template.spec', 1025],
      ['Pod', 'spec', 2182],
      ['Pod', 'spec', 2397],
      ['Pod', 'spec', 2612],
    ]);
    expect(web.relatedLocations![1]!.message).toMatch(/^Pod production\/web-app-[a-z0-9]+-[a-z0-9]{5} holds an auto-mounted API token: the ServiceAccount admission plugin added volume kube-api-access-[a-z0-9]{5} when the pod was created/);
    const cron = all.find((m) => m.ruleId === 'no-automount-token' && m.resource?.kind === 'CronJob')!;
    expect(cron.message).toMatch(/ \(and 1 succeeded pod\)$/);
    expect(cron.relatedLocations!.map((l) => l.resource!.kind)).toEqual(['Job', 'Pod']);
    const runner = all.find((m) => m.ruleId === 'no-legacy-token-mount')!;
    expect(runner.message).toMatch(/ \(and 2 running pods\)$/);
  });

  it('gives SARIF one result per problem, with the instances as related locations', () => {
    const log = JSON.parse(format(results, 'sarif', { cwd: root })) as { runs: { results: { ruleId: string; message: { text: string }; relatedLocations?: { id: number; message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const sarifResults = log.runs[0]!.results;
    expect(sarifResults).toHaveLength(19);
    const web = sarifResults.find((r) => r.ruleId === 'no-automount-token' && r.message.text.startsWith('Deployment production/web-app'))!;
    expect(web.relatedLocations!.map((l) => [l.id, l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine])).toEqual([
      [0, 'test/fixtures/cluster-export/export.yaml', 1025],
      [1, 'test/fixtures/cluster-export/export.yaml', 2182],
      [2, 'test/fixtures/cluster-export/export.yaml', 2397],
      [3, 'test/fixtures/cluster-export/export.yaml', 2612],
    ]);
    expect(web.relatedLocations![0]!.message.text).toMatch(/^ReplicaSet production\/web-app-[a-z0-9]+ mounts an API token it never asked for/);
    expect(sarifResults.filter((r) => r.relatedLocations).length).toBe(7);
  });

  it('never reports an admission-injected kube-api-access volume as a projected token', () => {
    expect(all.filter((m) => m.ruleId?.startsWith('projected-token-'))).toEqual([]);
    expect(all.filter((m) => m.resource?.kind === 'Pod' || m.resource?.kind === 'ReplicaSet' || m.resource?.kind === 'Job')).toEqual([]);
    expect(all.filter((m) => m.ruleId === null)).toEqual([]);
  });

  it('does not lint server-written fields (status, managedFields, last-applied annotation)', () => {
    const text = read('export.yaml').text;
    expect(text).toContain('managedFields:');
    expect(text).toContain('kubectl.kubernetes.io/last-applied-configuration');
    expect(all.filter((m) => /status|managedFields|last-applied/.test(m.path ?? ''))).toEqual([]);
    // The suppression bookkeeping does not look at pods' copies of their template's annotations either.
    expect(results[0]!.suppressedMessages).toEqual([]);
  });

  it('-o json gives the same findings as -o yaml', () => {
    const json = messages(lint([read('export.json')]));
    expect(json.map(what)).toEqual(all.map(what));
    expect(json.length).toBe(19);
  });

  it('a directory of per-namespace dumps gives the same findings', () => {
    const dir = join(fixtures, 'by-namespace');
    const files = readdirSync(dir).sort().map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
    // token-blast-radius lists permissions in the order the bindings were read: compare them as a set.
    const normal = (m: LintMessage) => ({ ...what(m), message: m.message.replace(/ may escalate through RBAC: (.*); whoever/, (_all, list: string) => ` may escalate through RBAC: ${list.split('; ').sort().join('; ')}; whoever`) });
    const key = (x: ReturnType<typeof what>) => `${x.ruleId} ${x.resource} ${x.path}`;
    const byNs = messages(lint(files)).map(normal);
    expect(byNs.map(key).sort()).toEqual(all.map(what).map(key).sort());
    expect(byNs.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(all.map(normal).sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('a Pod whose owner is not in the input is reported as itself, naming the injected volume', () => {
    const list = JSON.parse(read('export.json').text) as { items: { kind: string; metadata: { name: string } }[] };
    const pods = { apiVersion: 'v1', kind: 'List', items: list.items.filter((i) => i.kind === 'Pod' && i.metadata.name.startsWith('web-app-')) };
    const found = messages(lint([{ path: 'pods.json', text: JSON.stringify(pods, null, 4) }]));
    const automount = found.filter((m) => m.ruleId === 'no-automount-token');
    expect(automount.map((m) => [m.resource?.kind, m.messageId])).toEqual([
      ['Pod', 'injected'],
      ['Pod', 'injected'],
      ['Pod', 'injected'],
    ]);
    expect(automount[0]!.message).toMatch(/added volume kube-api-access-[a-z0-9]{5} when the pod was created \(the pod spec does not set automountServiceAccountToken and ServiceAccount production\/web-app is not in the input\)/);
    expect(found.filter((m) => m.ruleId?.startsWith('projected-token-'))).toEqual([]);
  });

  it('reads the export piped on standard input, as YAML and as JSON', () => {
    for (const name of ['export.yaml', 'export.json']) {
      const r = spawnSync(process.execPath, [bin, '-f', 'json', '-'], { input: read(name).text, encoding: 'utf8' });
      expect(r.status).toBe(1);
      const found = (JSON.parse(r.stdout) as LintResult[]).flatMap((x) => x.messages);
      expect(found.map(what).map((x) => ({ ...x, instances: x.instances.length }))).toEqual(all.map(what).map((x) => ({ ...x, instances: x.instances.length })));
    }
  });

  it('reads several -o json outputs one after the other (kubectl get sa -o json; kubectl get pods -o json) with the same findings', () => {
    const list = JSON.parse(read('export.json').text) as { items: unknown[] };
    const half = Math.ceil(list.items.length / 2);
    const text = `${JSON.stringify({ ...list, items: list.items.slice(0, half) }, null, 4)}\n${JSON.stringify({ ...list, items: list.items.slice(half) }, null, 4)}\n`;
    const r = spawnSync(process.execPath, [bin, '-f', 'json', '--stdin-filename', 'two-outputs.json', '-'], { input: text, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1);
    const found = (JSON.parse(r.stdout) as LintResult[]).flatMap((x) => x.messages);
    expect(found.filter((m) => m.fatal)).toEqual([]);
    expect(found.map(what).map((x) => ({ ...x, instances: x.instances.length }))).toEqual(all.map(what).map((x) => ({ ...x, instances: x.instances.length })));
  });

  it('says when each legacy token was last used, whether Kubernetes invalidated it, and who reads it', () => {
    const legacy = all.filter((m) => m.ruleId === 'no-legacy-token-secret').map((m) => [m.resource?.name, m.message.replace(/^.*never expires/, '').replace(/; (?:replace it with a TokenRequest|delete it).*$/, '')]);
    expect(legacy).toEqual([
      ['ci-deployer-token', ', last used on 2026-11-30, and still read by Deployment ci/ci-runner (2 pods)'],
      ['metrics-reader-token', ', last used on 2026-08-14, and read by no workload in the input'],
      ['web-app-token', ', already invalidated by Kubernetes on 2026-09-03 (last used on 2025-09-02), and read by no workload in the input'],
    ]);
    // Token values are never printed, in any format.
    const values = [...read('export.json').text.matchAll(/"token": "([^"]+)"/g)].map((m) => m[1]!);
    expect(values).toHaveLength(3);
    for (const f of ['stylish', 'json', 'sarif', 'summary'] as const) {
      const out = format(results, f, { audit: summaryOf(read('export.yaml'), new Date('2026-12-01T00:00:00Z')) });
      for (const v of values) {
        expect(out).not.toContain(v);
        expect(out).not.toContain(Buffer.from(v, 'base64').toString());
      }
    }
  });

  it('counts what the guide Step 4 asks about, per namespace', () => {
    const audit = summaryOf(read('export.yaml'), new Date('2026-12-01T12:00:00Z'));
    const row = (a: NamespaceAudit) => [a.namespace, a.pods, a.podsWithToken, a.podsWithTokenWithoutGrants, a.workloads, a.workloadsWithToken, a.legacyTokens.recent, a.legacyTokens.unused, a.legacyTokens.invalidated, a.serviceAccounts.total, a.serviceAccounts.secrets, a.serviceAccounts.podCreation, a.serviceAccounts.tokenMinting, a.serviceAccounts.clusterAdmin];
    expect([...audit.namespaces, audit.total].map(row)).toEqual([
      ['ci', 2, 0, 0, 1, 0, 1, 1, 0, 3, 1, 1, 1, 1],
      ['platform', 2, 2, 0, 2, 2, 0, 0, 0, 3, 1, 1, 1, 0],
      ['production', 3, 3, 3, 1, 1, 0, 0, 1, 2, 0, 0, 0, 0],
      ['(all)', 7, 5, 3, 4, 3, 1, 1, 1, 8, 2, 2, 2, 1],
    ]);
    expect(audit.reach).toEqual({
      secrets: ['ci/ci-deployer', 'platform/secret-rotator'],
      podCreation: ['ci/ci-deployer', 'platform/deployment-controller'],
      tokenMinting: ['ci/ci-deployer', 'platform/deployment-controller'],
      clusterAdmin: ['ci/ci-deployer'],
    });
    expect(audit.legacyTokens.map((t) => [t.name, t.state, t.lastUsed, t.invalidSince, t.consumers])).toEqual([
      ['ci-deployer-token', 'recent', '2026-11-30', undefined, [{ workload: 'Deployment ci/ci-runner', pods: 2 }]],
      ['metrics-reader-token', 'unused', '2026-08-14', undefined, []],
      ['web-app-token', 'invalidated', '2025-09-02', '2026-09-03', []],
    ]);
    // "The last 30 days" counts from the injected day: six weeks later, the CI token is unused too.
    const later = summaryOf(read('export.yaml'), new Date('2027-01-15T00:00:00Z'));
    expect(later.total.legacyTokens).toEqual({ recent: 0, unused: 2, invalidated: 1 });
    // The JSON twin counts the same.
    expect(summaryOf(read('export.json'), new Date('2026-12-01T12:00:00Z'))).toEqual(audit);
  });

  it('satlint -f summary prints the audit and exits 1 for the findings', () => {
    const r = spawnSync(process.execPath, [bin, '-f', 'summary', '--today', '2026-12-01', 'test/fixtures/cluster-export/export.yaml'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'Service-account token audit (2026-12-01)',
      '',
      '            pods                 workloads   legacy token Secrets   service accounts',
      'namespace   all  token  no RBAC  all  token  ≤30d  unused  invalid  all  secrets  pods  mint  admin',
      'ci            2      0        0    1      0     1       1        0    3        1     1     1      1',
      'platform      2      2        0    2      2     0       0        0    3        1     1     1      0',
      'production    3      3        3    1      1     0       0        1    2        0     0     0      0',
      '(all)         7      5        3    4      3     1       1        1    8        2     2     2      1',
    ]);
    expect(lines).toContain('  ci/metrics-reader-token (ServiceAccount ci-deployer): last used 2026-08-14 (109 days ago): unused for more than 30 days; read by no workload in the input');
    expect(lines.at(-2)).toBe('Findings: 11 errors, 8 warnings (satlint -f stylish lists them).');
    const bad = spawnSync(process.execPath, [bin, '-f', 'summary', '--today', '2026-13-01', 'test/fixtures/cluster-export/export.yaml'], { cwd: root, encoding: 'utf8' });
    expect([bad.status, bad.stderr]).toEqual([2, 'satlint: --today takes a date as YYYY-MM-DD, not "2026-13-01"\n']);
  });
});

function summaryOf(source: { path: string; text: string }, today: Date): AuditSummary {
  const audit: { today: Date; result?: AuditSummary } = { today };
  lint([source], { audit });
  return audit.result!;
}

