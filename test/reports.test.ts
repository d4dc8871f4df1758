import { describe, expect, it } from 'vitest';
import { lint, format, type LintResult } from '@satlint/core';
import { sanitize } from '../packages/core/src/format/text.js';
import { markdownText } from '../packages/core/src/format/markdown.js';
import { redactedLines } from '../packages/core/src/format/excerpt.js';
import { html } from '../packages/core/src/format/html.js';

const DOCS = 'https://github.com/satlint/satlint/blob/main/packages/core/src/rules';
const deploy = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      serviceAccountName: web
      containers: [{name: c, image: nginx}]
`;
const rbac = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [get, list]}
- {apiGroups: [""], resources: [pods/exec], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: web-reader, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: web, namespace: shop}]
`;
const results = () => lint([{ path: '/repo/k8s/deploy.yaml', text: deploy }, { path: '/repo/k8s/rbac.yaml', text: rbac }]);

/** Every control character but the line feed (and tab) our own layout writes. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('the shared sanitizer', () => {
  it('removes ANSI CSI and OSC sequences, C0/C1 controls and bidi overrides; line breaks become spaces', () => {
    expect(sanitize('a\u001b[31mred\u001b[0m b')).toBe('ared b');
    expect(sanitize('x\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u001b\\y')).toBe('xclicky');
    expect(sanitize('one\ntwo\tthree\r')).toBe('one two three');
    expect(sanitize('p\u009b2Jq\u0085r\u0007s\u007f')).toBe('pqrs');
    expect(sanitize('admin\u202e\u2066txt.exe')).toBe('admintxt.exe');
    expect(sanitize('plain text → ok')).toBe('plain text → ok');
  });
});

describe('-f markdown', () => {
  it('writes totals, counts per rule, the findings table and the attack path of an RBAC finding', () => {
    expect(format(results(), 'markdown', { cwd: '/repo' })).toBe(`## satlint

❌ **2 problems** (2 errors, 0 warnings) in 1 file.

| Rule | Errors | Warnings |
|---|---:|---:|
| [\`no-automount-token\`](${DOCS}/no-automount-token/README.md) | 1 | 0 |
| [\`token-blast-radius\`](${DOCS}/token-blast-radius/README.md) | 1 | 0 |
| **Total** | **2** | **0** |

### Findings

| Severity | Rule | Location | Resource | Message |
|---|---|---|---|---|
| 🔴 error | [\`no-automount-token\`](${DOCS}/no-automount-token/README.md) | [k8s/deploy.yaml&#58;6](k8s/deploy.yaml#L6) | Deployment shop/web | Deployment shop/web mounts an API token it never asked for&#58;<br>the pod spec does not set automountServiceAccountToken and ServiceAccount shop/web is not in the input<br>set automountServiceAccountToken&#58; false in the pod spec |
| 🔴 error | [\`token-blast-radius\`](${DOCS}/token-blast-radius/README.md) | [k8s/deploy.yaml&#58;7](k8s/deploy.yaml#L7) | Deployment shop/web | Deployment shop/web holds an API token while ServiceAccount shop/web may escalate through RBAC&#58;<br>get/list secrets in namespace shop &#40;RoleBinding shop/web-reader → Role shop/reader rule 0&#41;<br>create pods/exec in namespace shop &#40;RoleBinding shop/web-reader → Role shop/reader rule 1&#41;<br>whoever reads the token gets that access, so narrow the role or stop giving this pod the token |

### Attack paths

What a stolen token of each workload can do: workload → service account → binding → role → rule → permissions.

#### Deployment shop/web ([k8s/deploy.yaml&#58;7](k8s/deploy.yaml#L7))

\`\`\`mermaid
flowchart LR
  n0["Deployment<br/>shop/web"]:::workload
  n1["ServiceAccount<br/>shop/web"]
  n2["RoleBinding<br/>shop/web-reader"]
  n3["Role<br/>shop/reader"]
  n4["rule 0"]
  n5["get/list secrets<br/>in namespace shop"]:::permissions
  n6["rule 1"]
  n7["create pods/exec<br/>in namespace shop"]:::permissions
  n0 --> n1
  n1 --> n2
  n2 --> n3
  n3 --> n4
  n4 --> n5
  n3 --> n6
  n6 --> n7
  classDef permissions fill:#fde2e1,stroke:#c0392b,color:#5c1a14
  classDef workload fill:#e8f0fe,stroke:#1a73e8
\`\`\`
`);
  });
  it('links to the repository when given a link base, and says when there is nothing to report', () => {
    expect(format(results(), 'markdown', { cwd: '/repo', linkBase: 'https://github.com/o/r/blob/abc123/' })).toContain('[k8s/deploy.yaml&#58;6](https://github.com/o/r/blob/abc123/k8s/deploy.yaml#L6)');
    expect(format([{ filePath: '/repo/a.yaml', messages: [], suppressedMessages: [], errorCount: 0, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 }], 'markdown')).toBe('## satlint\n\nNo problems found in 1 file.\n');
  });
  it('collapses long tables in <details>, caps the rows, and keeps a stable order', () => {
    const many: LintResult[] = Array.from({ length: 130 }, (_, i) => ({
      filePath: `/repo/f${String(129 - i).padStart(3, '0')}.yaml`,
      messages: [{ ruleId: 'no-automount-token', severity: 2 as const, message: 'm', line: 1, column: 1 }],
      suppressedMessages: [], errorCount: 1, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0,
    }));
    const md = format(many, 'markdown', { cwd: '/repo' });
    expect(md).toContain('<details><summary>130 findings</summary>');
    const rows = md.split('\n').filter((l) => l.startsWith('| 🔴'));
    expect(rows).toHaveLength(100);
    expect(rows[0]).toContain('[f000.yaml&#58;1](f000.yaml#L1)');
    expect(rows[99]).toContain('[f099.yaml&#58;1](f099.yaml#L1)');
    expect(md).toContain('…and 30 more findings: `satlint -f html` or `-f sarif` lists them all.');
    expect(format([...many].reverse(), 'markdown', { cwd: '/repo' })).toBe(md);
  });
  it('escapes manifest text so that it cannot become markdown, HTML, a mention, a link or mermaid syntax', () => {
    const hostile = 'x|y <script>alert(1)</script> [a](javascript:alert(1)) ```mermaid @org/team *b* %%{init}%% "q"\u001b[31m';
    expect(markdownText(hostile)).toBe('x&#124;y &#60;script&#62;alert&#40;1&#41;&#60;/script&#62; &#91;a&#93;&#40;javascript&#58;alert&#40;1&#41;&#41; &#96;&#96;&#96;mermaid &#64;\u2060org/team &#42;b&#42; %%&#123;init&#125;%% &#34;q&#34;');
    const r: LintResult[] = [{
      filePath: '/repo/evil|`.yaml',
      messages: [{
        ruleId: 'token-blast-radius', severity: 2, message: hostile, line: 3, column: 1,
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'n"s', name: 'we]b\u001b]8;;http://x\u0007' },
        attackPath: { serviceAccount: { namespace: 'n', name: 'a"]\n  click n0 "javascript:alert(1)"' }, grants: [{ binding: { kind: 'RoleBinding', name: 'b<br/>' }, role: { kind: 'Role', name: 'r`' }, rule: 0, permissions: ['get secrets'] }] },
      }],
      suppressedMessages: [], errorCount: 1, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0,
    }];
    const md = format(r, 'markdown', { cwd: '/repo' });
    expect(md).not.toMatch(CONTROL);
    expect(md).not.toContain('<script');
    expect(md).not.toContain('javascript:');
    // Manifest text stays inside its quoted label: no line of the chart is a mermaid statement of its own.
    expect(md).not.toMatch(/^\s*click /m);
    expect(md).not.toContain('@org');
    // Only our own fences: one opening and one closing line.
    expect(md.split('\n').filter((l) => l.includes('```'))).toEqual(['```mermaid', '```']);
    // Every table row keeps its five cells.
    for (const row of md.split('\n').filter((l) => l.startsWith('| 🔴'))) expect(row.split('|')).toHaveLength(7);
    const mermaid = md.slice(md.indexOf('```mermaid'), md.lastIndexOf('```'));
    expect(mermaid).toContain('n1["ServiceAccount<br/>n/a#34;#93;   click n0 #34;javascript#58;alert#40;1#41;#34;"]');
    expect(mermaid).toContain('n2["RoleBinding<br/>b#60;br/#62;"]');
    expect(md).toContain('[evil&#124;&#96;.yaml&#58;3](evil%7C%60.yaml#L3)');
  });
});

describe('control characters in object names reach no text format', () => {
  const evil = 'apiVersion: v1\nkind: Pod\nmetadata: {name: "p\\e[2J\\e]8;;http://evil.example/\\athere\\e]8;;\\e\\\\\\x9b31m\\u202e", namespace: "n\\r\\nx"}\nspec: {containers: []}\n';
  const r = lint([{ path: '/repo/evil\u001b[7m.yaml', text: evil }]);
  it('the fixture really carries them', () => {
    expect(r[0]!.messages.length).toBeGreaterThan(0);
    expect(r[0]!.messages[0]!.message).toMatch(CONTROL);
  });
  for (const name of ['stylish', 'github', 'junit', 'markdown', 'html'] as const) {
    it(name, () => {
      const out = format(r, name, { cwd: '/repo' });
      expect(out).not.toMatch(CONTROL);
      expect(out).toContain('there');
    });
  }
});

describe('stylish', () => {
  it('splits long messages into a first line and indented details, and ends with counts per rule', () => {
    // The account is granted permissions, so no-automount-token has no plain fix (the bound-token migration is a suggestion).
    expect(format(results(), 'stylish', { cwd: '/repo' })).toBe(`
k8s/deploy.yaml
  6:5  error  Deployment shop/web mounts an API token it never asked for:  no-automount-token
              the pod spec does not set automountServiceAccountToken and ServiceAccount shop/web is not in the input
              set automountServiceAccountToken: false in the pod spec
  7:7  error  Deployment shop/web holds an API token while ServiceAccount shop/web may escalate through RBAC:  token-blast-radius
              get/list secrets in namespace shop (RoleBinding shop/web-reader → Role shop/reader rule 0)
              create pods/exec in namespace shop (RoleBinding shop/web-reader → Role shop/reader rule 1)
              whoever reads the token gets that access, so narrow the role or stop giving this pod the token

✖ 2 problems (2 errors, 0 warnings)
  by rule: no-automount-token 1 error · token-blast-radius 1 error
`);
  });
  it('prints rule ids as OSC 8 hyperlinks to their docs only when asked', () => {
    const linked = format(results(), 'stylish', { cwd: '/repo', hyperlinks: true });
    expect(linked).toContain(`\u001b]8;;${DOCS}/token-blast-radius/README.md\u001b\\token-blast-radius\u001b]8;;\u001b\\`);
    expect(format(results(), 'stylish', { cwd: '/repo' })).not.toContain('\u001b');
  });
});

describe('-f html', () => {
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: t\n  namespace: shop\n  annotations: {kubernetes.io/service-account.name: web}\ntype: kubernetes.io/service-account-token\ndata:\n  token: ZXlKaGJHY2lPaUpTVXpJMU5pSXNJbXRwWkNJNkltWm9jM1Z1ZEc=\n  ca.crt: LS0tLS1CRUdJTg==\nstringData:\n  password: hunter2\n';
  const all = () => lint([{ path: '/repo/k8s/deploy.yaml', text: deploy }, { path: '/repo/k8s/rbac.yaml', text: rbac }, { path: '/repo/k8s/secret.yaml', text: secret }]);
  const sources = new Map([['/repo/k8s/deploy.yaml', deploy], ['/repo/k8s/rbac.yaml', rbac], ['/repo/k8s/secret.yaml', secret]]);
  it('is one self-contained page: nothing is loaded from anywhere', () => {
    const page = format(all(), 'html', { cwd: '/repo', sources });
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(page).not.toMatch(/<link\b|<img\b|<iframe\b|\bsrc=|@import|url\((?!#)/i);
    // The only absolute URLs linked to are rule documentation (message text may name a URL, such as
    // the API audience https://kubernetes.default.svc.cluster.local, without linking it).
    expect([...page.matchAll(/\b(?:href|xlink:href|action)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith(`${DOCS}/`) && u !== 'http://www.w3.org/2000/svg' && !u.startsWith('https://github.com/satlint/satlint/blob/main/README.md'))).toEqual([]);
  });
  it('groups findings by namespace and workload, with excerpts and the attack path as SVG', () => {
    const page = format(all(), 'html', { cwd: '/repo', sources });
    expect(page).toContain('<section class="namespace" data-namespace="shop"><h2>Namespace shop</h2>');
    expect(page).toContain('<section class="workload"><h3>Deployment web</h3>');
    expect(page).toMatch(/<article class="finding" id="f\d+" data-rule="token-blast-radius" data-severity="error">/);
    expect(page).toContain('<span class="l hit"><span class="ln">7</span>      serviceAccountName: web</span>');
    expect(page).toMatch(/<svg class="graph"[^>]*>.*<title>ServiceAccount shop\/web<\/title>.*<title>get\/list secrets in namespace shop<\/title>/s);
  });
  it('never prints a secret value in an excerpt', () => {
    const page = format(all(), 'html', { cwd: '/repo', sources });
    expect(page).toContain('data-rule="no-legacy-token-secret"');
    expect(page).not.toContain('ZXlKaGJHY2lPaUpTVXpJMU5pSXNJbXRwWkNJNkltWm9jM1Z1ZEc');
    expect(page).not.toContain('hunter2');
    expect(page).not.toContain('LS0tLS1CRUdJTg');
  });
});

describe('excerpt redaction', () => {
  // Each of these took the old patterns (KEY_LINE, NOT_A_VALUE_KEY) 3 to 8 s at 80,000 characters,
  // growing with the square of the length (103 s for the first line here); the scans are linear. The timeout
  // is a guard, not a measurement.
  it('stays linear on hostile lines', { timeout: 10_000 }, () => {
    const spaces = 'a' + ' '.repeat(200_000) + 'x';
    expect(redactedLines(spaces)).toEqual([spaces]);
    const tabs = 'k' + ' \t'.repeat(100_000) + 'x';
    expect(redactedLines(tabs)).toEqual(['k' + ' '.repeat(200_000) + 'x']);
    expect(redactedLines('token' + 'mount'.repeat(40_000) + '!: v')).toEqual(['token' + 'mount'.repeat(40_000) + '!: «redacted»']);
    expect(redactedLines('password: ' + ':|#'.repeat(60_000) + '\u2028x')).toEqual(['password: «redacted»']);
  });

  it('masks data values, secret-named keys and token-looking values, and keeps the rest', () => {
    const text = [
      'kind: Secret',
      'data:',
      '  token: abc',
      '  nested: |',
      '    line',
      'stringData: {password: x}',
      'spec:',
      '  automountServiceAccountToken: false',
      '  secretName: web-tls',
      '  env:',
      '  - name: AWS_SECRET_ACCESS_KEY',
      '    value: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      '  - {name: A, value: AKIAIOSFODNN7EXAMPLE}',
      '  privateKey: |',
      '    -----BEGIN PRIVATE KEY-----',
      '    MIIE',
      '  image: nginx',
    ].join('\n');
    expect(redactedLines(text)).toEqual([
      'kind: Secret',
      'data:',
      '  token: «redacted»',
      '  nested: «redacted»',
      '    «redacted»',
      'stringData: {password: «redacted»}',
      'spec:',
      '  automountServiceAccountToken: false',
      '  secretName: web-tls',
      '  env:',
      '  - name: AWS_SECRET_ACCESS_KEY',
      '    value: «redacted»',
      '  - {name: A, value: «redacted»}',
      '  privateKey: |',
      '    «redacted»',
      '    «redacted»',
      '  image: nginx',
    ]);
  });
});

// Each secret value is SECRETn; everything else in the fixture is context an excerpt must keep.
const hidden = `apiVersion: v1
kind: Secret
metadata:
  name: s
  namespace: shop
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"Secret","stringData":{"password":"SECRET01"}}
    note: '{"password": "SECRET02"}'
stringData: {password: SECRET03, "user": "SECRET04"}
data:
  # password: SECRET05
  a: SECRET06
  b: |
    SECRET07
---
{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "j", "namespace": "shop"}, "data": {"x": "SECRET08"}}
---
{
  "apiVersion": "v1",
  "kind": "Secret",
  "metadata": {"name": "k", "namespace": "shop"},
  "data": {
    "x": "SECRET09"
  },
  "stringData": {"y": "SECRET10"}
}
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: shop
spec:
  volumes:
    - name: t
      projected:
        sources:
          - serviceAccountToken: {path: token, expirationSeconds: 3600, audience: vault}
  containers:
    - name: c
      image: nginx:1.27
      args: ["--db-password=SECRET11", "--verbose", --api-token, SECRET12]
      command:
        - run
        - --client-secret
        - SECRET13
        - https://u:SECRET14@example.com/
      env:
      - name: AWS_ACCESS_KEY_ID
        value: >-
          SECRET15
      - name: DB_PASSWORD
        value:
          SECRET16
      - name: Z
        value: "SECRET17
          SECRET18"
      - name: PIN
        value: 123456
      - name: REF
        valueFrom:
          secretKeyRef: {name: s, key: password}
      - {"name": "Q", "value": "SECRET19"}
      - name: W
        value: &anchor SECRET20
      - {name: AWS_SECRET_ACCESS_KEY, value: SECRET21}
    - name: d
      image: busybox  # TOKEN=SECRET22
      tokens:
      - SECRET23
      password:
        SECRET24
`;

describe('excerpts never show a value that may be secret', () => {
  it('keep what only names a secret: schemas, descriptions, paths, names and flags', () => {
    const text = [
      'properties:',
      '  bearerToken:',
      '    description: |-',
      '      bearerToken is deprecated: the token value appears in clear-text.',
      '    type: string',
      '  password:',
      '    description: The password of the user,',
      '      kept in a Secret.',
      '    type: object',
      'args:',
      '  - --secret-name=ingress-nginx-admission',
      '  - --tls-cert-file=/tls/tls.crt',
      '  - --auto-generate-certificates',
      '  - --namespace=dashboard',
      '  - --client-secret',
      '  - /etc/oauth/client-secret',
      'name: cert-manager-controller-approve:cert-manager-io',
    ];
    expect(redactedLines(text.join('\n'))).toEqual(text);
  });
  it('and the masking of fix texts judges command-line arguments the same way', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x\n      args: [--api-token, tok-4711, --auto-generate-certificates, --namespace=dash, --client-secret, /etc/s, --db-password=pw-4711]\n';
    const secrets = lint([{ path: '/repo/p.yaml', text: pod }])[0]!.secrets ?? [];
    expect(secrets).toEqual(expect.arrayContaining(['tok-4711', 'pw-4711']));
    expect(secrets.filter((v) => v.startsWith('-') || v.startsWith('/'))).toEqual([]);
    expect(redactedLines(pod).at(-2)).toBe('      args: [--api-token, «redacted», --auto-generate-certificates, --namespace=dash, --client-secret, /etc/s, «redacted»]');
  });

  it('in block style, flow style and JSON, with the context around it kept', () => {
    const lines = redactedLines(hidden);
    expect(lines.filter((l) => /SECRET\d\d/.test(l))).toEqual([]);
    expect(lines.filter((l) => l.includes('123456'))).toEqual([]);
    for (const kept of [
      '    note: «redacted»',
      'stringData: {password: «redacted», "user": «redacted»}',
      '  # «redacted»',
      '{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "j", "namespace": "shop"}, "data": {"x": «redacted»}}',
      '    "x": «redacted»',
      '          - serviceAccountToken: {path: token, expirationSeconds: 3600, audience: vault}',
      '      image: nginx:1.27',
      '      args: [«redacted», "--verbose", --api-token, «redacted»]',
      '        - --client-secret',
      '      - name: AWS_ACCESS_KEY_ID',
      '        value: >-',
      '          «redacted»',
      '        valueFrom:',
      '      - {"name": "Q", "value": «redacted»}',
      '      - {name: AWS_SECRET_ACCESS_KEY, value: «redacted»}',
      '      image: busybox  # «redacted»',
      '      tokens:',
    ]) expect(lines).toContain(kept);
    expect(lines).toHaveLength(hidden.split('\n').length);
  });
  it('in an HTML report whose excerpts are whole files', () => {
    const r = lint([{ path: '/repo/k8s/hidden.yaml', text: hidden }]);
    expect(r[0]!.messages.map((m) => m.ruleId)).toContain('no-static-cloud-credentials');
    const page = html(r, { cwd: '/repo', sources: new Map([['/repo/k8s/hidden.yaml', hidden]]), context: 1000 });
    expect(page).not.toMatch(/SECRET\d\d|123456/);
    expect(page).toContain('<span class="ln">42</span>      image: nginx:1.27</span>');
    expect(page).toContain('name: AWS_ACCESS_KEY_ID');
  });
});
